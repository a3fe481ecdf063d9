# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: step number and reading time at the top of each onboarding kit page.

Thin adapter over commons.reading; the reading order itself is set by
hooks/content.py from the front matter `ordre`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from commons import reading  # noqa: E402
from commons.insert import ensure_title, insert_after_title  # noqa: E402
from commons.pages import load_pages  # noqa: E402

KIT_DIR = "kit-accueil/"
PRINT_PAGE = "kit-accueil-imprimable/"
PDF_NAME = "kit-accueil.pdf"

_steps: dict[str, int] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Number the kit's steps by their `ordre`, as the navigation shows them."""
    pages, _problems = load_pages(Path(config.docs_dir))
    kit = [p for p in pages.values() if p.kind == "kit"]
    kit.sort(key=lambda p: (p.meta.get("ordre") if isinstance(p.meta.get("ordre"), int) else 10_000, p.path))
    _steps.clear()
    _steps.update((p.path, index) for index, p in enumerate(kit, start=1))
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
    items keeps the printable page to the kit, whatever sections a fork adds.
    """
    plugin = config.plugins.get("print-site")
    renderer = getattr(plugin, "renderer", None)
    if renderer is None:
        return nav
    for item in nav.items:
        if isinstance(item, Section) and _in_kit(item):
            renderer.items = item.children
            break
    return nav


def _in_kit(section: Section) -> bool:
    return any(isinstance(c, Page) and c.file.src_uri.startswith(KIT_DIR) for c in section.children)
