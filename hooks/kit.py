# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: the onboarding kit — step and reading time on each page, and its printable page.

Thin adapter over commons.reading and commons.printable; the reading order
itself is set by hooks/content.py from the front matter `ordre`. The
printable page is assembled by the print-site plugin from each page's HTML;
this hook hands it a print version of that HTML (answers unfolded, public
addresses for pages outside the kit) and ends the page with the kit's credits.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from commons import accessibility, attribution, history, printable, reading, schema
from commons.config import load_site_config
from commons.insert import ensure_title, insert_after_title
from commons.pages import Page as SourcePage
from commons.webinars import PARIS, build_time

log = logging.getLogger("mkdocs.hooks.kit")

KIT_DIR = "kit-accueil/"
PRINT_PAGE = "kit-accueil-imprimable/"
PDF_NAME = "kit-accueil.pdf"
KIT_TITLE = "Kit d'accueil"

_steps: dict[str, int] = {}
_kit_pages: list[SourcePage] = []  # the kit's source pages, index first, in reading order
_printed: list[str] = []  # site-relative URLs of the pages in the printable page


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Number the kit's steps by their `ordre`, as the navigation shows them."""
    pages = schema.checked_pages(Path(config.docs_dir))  # problems: reported by hooks/content.py
    kit = [p for p in pages.values() if p.kind == "kit"]
    kit.sort(key=lambda p: (p.meta.get("ordre") if isinstance(p.meta.get("ordre"), int) else 10_000, p.path))
    _steps.clear()
    _steps.update((p.path, index) for index, p in enumerate(kit, start=1))
    index = pages.get(KIT_DIR + "index.md")
    _kit_pages[:] = ([index] if index is not None else []) + kit
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Under the title of kit pages: step, reading time, links to the printable kit and its PDF."""
    src = page.file.src_uri
    step = _steps.get(src)
    if step is None and src != KIT_DIR + "index.md":
        return markdown
    minutes = reading.reading_minutes(markdown) if step is not None else None
    header = reading.render_kit_header(
        minutes,
        step,
        len(_steps),
        print_href=get_relative_url(PRINT_PAGE, page.url),
        pdf_href=get_relative_url(PRINT_PAGE + PDF_NAME, page.url),
    )
    return insert_after_title(ensure_title(markdown, page.title or ""), header)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Give the print-site plugin the kit section only: its printable page is the kit.

    The plugin prints the whole navigation by default, with a heading for
    every section even when its pages are excluded; handing it the kit's
    items keeps the printable page to the kit, whatever sections a fork adds
    or drops.
    """
    plugin = config.plugins.get("print-site")
    renderer = getattr(plugin, "renderer", None)
    if renderer is None:
        return nav
    _printed.clear()
    kit = next((item for item in nav.items if isinstance(item, Section) and _in_kit(item)), None)
    # A fork without a kit: the plugin would print the whole site, and warn in English (failing a strict
    # build) for every page whose text opens on a `##` heading; its printable page is then left empty.
    renderer.items = kit.children if kit is not None else []
    if kit is not None:
        _printed.extend(c.url for c in kit.children if isinstance(c, Page))
    return nav


@event_priority(-50)  # after print-site has kept the page's HTML (page.html) for its printable page
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give the printable page the print version of each kit page; the screen page is unchanged."""
    kept: Any = getattr(page, "html", None)
    if page.url in _printed and isinstance(kept, str):
        page.html = printable.printable_page(kept, page.url, config.site_url or "", _printed)  # type: ignore[attr-defined]
    return html


def on_post_build(config: MkDocsConfig) -> None:
    """End the printable page, written by print-site just before, with the kit's credits."""
    plugin = config.plugins.get("print-site")
    print_file = getattr(plugin, "print_file", None)
    if print_file is None:
        return
    target = Path(print_file.abs_dest_path)
    if not target.is_file():
        log.warning("page imprimable du kit introuvable (%s) : pas de crédits ajoutés", target)
        return
    docs_dir = Path(config.docs_dir)
    site = load_site_config(Path(config.config_file_path))
    histories = history.read_history(docs_dir)
    bibliography, _problems = schema.load_bibliography(docs_dir / "sources.yml")  # reported by hooks/content.py
    site_url = config.site_url or ""
    credits = printable.Credits(
        site_name=config.site_name,
        site_url=site_url,
        kit_url=(site_url.rstrip("/") + "/" + KIT_DIR) if site_url else "",
        licence_name=site.licence_name,
        licence_url=site.licence_url,
        authors=printable.collect_authors(attribution.page_authors(p, histories.get(p.path)) for p in _kit_pages),
        sources=printable.collect_sources(p.meta.get("sources") for p in _kit_pages),
        built=attribution.french_date(_kit_updated(histories) or build_time().astimezone(PARIS).date()),
    )
    html = printable.relative_to_page(target.read_text(encoding="utf-8"), urlsplit(site_url).path, PRINT_PAGE)
    html = accessibility.skip_to_content(html)
    html = printable.insert_cover(html, printable.render_cover(credits, KIT_TITLE, PDF_NAME))
    html = printable.add_print_script(html, PRINT_PAGE)
    block = printable.render_credits(credits, bibliography)
    html = printable.add_toc_entry(
        printable.insert_before_article_end(html, block), printable.CREDITS_ID, printable.CREDITS_TITLE
    )
    target.write_text(html, encoding="utf-8")


def _kit_updated(histories: dict[str, history.FileHistory]) -> dt.date | None:
    """The day the kit last changed: the latest of its pages' git dates, as their credits say."""
    days = [h.updated.date() for p in _kit_pages if (h := histories.get(p.path)) and h.updated]
    return max(days) if days else None


def _in_kit(section: Section) -> bool:
    return any(isinstance(c, Page) and c.file.src_uri.startswith(KIT_DIR) for c in section.children)
