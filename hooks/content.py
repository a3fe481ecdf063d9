# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: refuse unsafe files, validate every page's front matter, order the kit, add the credits.

A thin adapter: the rules live in commons/ (plain Python, no MkDocs), so this
file only moves data between MkDocs events and those functions. It is also the
trust boundary between members' files and MkDocs: MkDocs never reads a page
or parses a header itself (commons.frontmatter does), and the theme receives
only the checked front matter of commons.theme_meta.
"""

from __future__ import annotations

import html
import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import _root  # noqa: F401  (makes commons/ importable)
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from commons import (
    attribution,
    docs_tree,
    external,
    frontmatter,
    history,
    links,
    markdown_limits,
    published_images,
    schema,
    theme_meta,
)
from commons.config import SiteConfig, load_site_config
from commons.pages import Page as SourcePage
from commons.pages import Problem
from commons.text import html_text, markdown_text

log = logging.getLogger("mkdocs.hooks.content")

# What a page whose file cannot be read shows in a preview (under its problems).
UNREADABLE = "*Cette page n'a pas pu être lue : voir le problème signalé ci-dessus.*\n"


@dataclass
class _Site:
    """What one build knows about the site, filled once in on_files."""

    config: SiteConfig | None = None
    pages: dict[str, SourcePage] = field(default_factory=dict)
    history: dict[str, history.FileHistory] = field(default_factory=dict)
    bibliography: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    invalid: dict[str, set[str]] = field(default_factory=dict)  # page -> fields with a problem
    unavailable: set[str] = field(default_factory=set)  # external images not downloaded: placeholders
    privacy: Any = None  # Material's privacy plugin, which downloads the pages' external images
    images: list[str] = field(default_factory=list)  # the images of docs/ MkDocs publishes

    def wiki_files(self) -> str:
        """The address the pull gives the wiki's files (`[[Fichier:…]]`); "" without a wiki."""
        pages = self.config.movilab_pages if self.config is not None else ""
        return pages + "Special:FilePath/" if pages else ""

    def wiki_file_shown_unavailable(self, url: str, reason: str, bodies: dict[str, tuple[str, int]]) -> None:
        """A wiki file the build shows as a placeholder, said on each page (and line) that shows it, in the
        report without stopping the build."""
        for path, line in external.found_at(url, bodies):
            problem = Problem(path, line, None, external.wiki_file_unavailable(url, self.wiki_files(), reason))
            log.info(f"Attention : {problem}.")


_site = _Site()


def on_pre_build(config: MkDocsConfig) -> None:
    """Stop before MkDocs lists (and follows) anything: no link, hard link or special file is published."""
    _downloads.failed.clear()
    _downloads.reported = False
    _site.unavailable = set()
    refused = docs_tree.refused_entries(Path(config.docs_dir), "docs", content=True)
    custom = config.theme.custom_dir
    if custom:
        refused += docs_tree.refused_entries(Path(custom), Path(custom).name)
    refused += docs_tree.committed_cache(Path(config.config_file_path).parent)
    if refused:
        raise PluginError(docs_tree.report(refused))


class _ReportedLinks(logging.Filter):
    """Leaves out MkDocs' English warning for a broken link that the French report already names."""

    def filter(self, record: logging.LogRecord) -> bool:
        found = links.MKDOCS_NOT_FOUND.match(record.getMessage())
        if found is None:
            return True
        needle = f"le lien « {found['link']} »"
        return not any(p.path == found["page"] and needle in p.message for p in _site.problems)


logging.getLogger("mkdocs.structure.pages").addFilter(_ReportedLinks())


class _FailedDownloads(logging.Filter):
    """Material's privacy plugin says in English that an external image could not be downloaded, yet
    still registers the missing file, and MkDocs then stops on a FileNotFoundError traceback. Its
    message is held back here; on_env drops the file and reports the image, in French, on its page.
    The addresses that failed are the ones external.GuardedRequests adds to `failed`, exactly."""

    def __init__(self) -> None:
        super().__init__()
        self.failed: list[str] = []  # filled by external.GuardedRequests (on_config)
        self.reported = False  # after on_env: a late failure (a theme asset) is said in French at once

    def filter(self, record: logging.LogRecord) -> bool:
        # up to the first ": " (the address may hold a space: a wiki file name with a no-break space)
        found = re.match(r"Couldn't retrieve (.+?): ", record.getMessage(), re.S)
        if found is None:
            return True
        if not self.reported:
            return False
        record.msg, record.args = f"{external.download_failed(found.group(1))}.", ()
        return True


_downloads = _FailedDownloads()
logging.getLogger("mkdocs.material.privacy").addFilter(_downloads)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate the whole site at once and read git history once for all pages."""
    _site.config = load_site_config(Path(config.config_file_path))
    docs_dir = Path(config.docs_dir)
    _site.pages, _site.problems = schema.validate_site(docs_dir)
    theme_dirs = [Path(d) for d in config.theme.dirs]
    for page in _site.pages.values():
        _site.problems += theme_meta.theme_file_problems(page, lambda rel: any((d / rel).is_file() for d in theme_dirs))
    _site.problems.sort(key=lambda p: (p.path, p.line, p.field or ""))
    _site.invalid = schema.invalid_fields(_site.problems)
    _site.bibliography, _ = schema.load_bibliography(docs_dir / "sources.yml")
    _site.history = history.read_history(docs_dir)
    _site.images = [  # the members' images (the theme's own, such as its icon, are not in docs/)
        f.src_uri
        for f in files
        if published_images.is_image(f.src_uri) and f.abs_src_path and Path(f.abs_src_path).is_relative_to(docs_dir)
    ]
    if not config.strict:  # a local preview: say it now, and show it on the page too
        for problem in _site.problems:
            log.warning(str(problem))
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Hand MkDocs the page's body as commons.frontmatter read it: MkDocs never parses a member's YAML.

    The empty header in front stops MkDocs from reading the body's first
    lines as "Key: value" metadata; the checked front matter comes in
    on_page_markdown.
    """
    if page.file.generated_by is not None:  # a page a plugin makes, not a member's file
        return None
    path = Path(page.file.abs_src_path or "")
    try:
        text = frontmatter.read_text(path, path=page.file.src_uri)
    except frontmatter.FrontMatterError:  # reported by on_files, through commons.pages
        return "---\n{}\n---\n" + UNREADABLE
    body = frontmatter.shown_body(text)
    if markdown_limits.refusals(body):  # reported by on_files: Markdown would crash or take minutes
        return "---\n{}\n---\n" + UNREADABLE
    return "---\n{}\n---\n" + body


@event_priority(100)  # before every plugin and hook reads page.meta
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give plugins and the theme the checked front matter; in a preview, put the page's problems at its top.

    The French report of on_post_build is the one a member must read: a field
    our validation refused (`thèmes: environnement`) must not reach a plugin
    that would stop the build first with its own English error.
    """
    source = _site.pages.get(page.file.src_uri)
    invalid = _site.invalid.get(page.file.src_uri, set())
    page.meta = theme_meta.text_meta(source, invalid) if source is not None else {}
    if config.strict:
        return markdown
    mine = [p for p in _site.problems if p.path == page.file.src_uri]
    if not mine:
        return markdown
    # A problem quotes what the member wrote: it is shown as text, never read as Markdown or HTML.
    items = "\n".join(f"    - {markdown_text(schema.problem_for_page(p))}" for p in mine)
    return f'!!! danger "À corriger avant publication"\n\n{items}\n\n{markdown}'


@event_priority(110)  # before Material's tags plugin renders its listings (priority 100)
def _titles_as_html(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page is rendered: the theme now gets the HTML form of the titles and descriptions it prints.

    Material's tags plugin prints page titles too, in the listings it writes into pages
    (`<!-- material/tags -->`) after the HTML allow-list: it must find them in their HTML form.
    """
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        if "title" in page.meta:
            title = page.title  # text, perhaps given French spacing by hooks/typography.py
            page.meta = theme_meta.html_meta(page.meta)
            page.title = html_text(title or "")
        else:
            page.meta = theme_meta.html_meta(page.meta)
            if page.title and not page.is_homepage:
                # MkDocs took the title from the page's first heading, as HTML with its tags removed.
                # Material prints it in <title> through `striptags`, which decodes `&lt;/title&gt;`
                # (even from a code span) into a tag: give it the escaped form the front matter gets.
                page.title = html_text(html.unescape(page.title))
                page.meta["title"] = page.title
    return env


@event_priority(40)  # after the privacy plugin registered what it downloaded (priority 50)
def _downloads_reported(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Images the privacy plugin could not download leave the site's files, each reported on its page."""
    for file in list(files):
        if file.abs_src_path and "/plugin/privacy/" in file.abs_src_path and not Path(file.abs_src_path).exists():
            files.remove(file)
    _site.unavailable |= set(_downloads.failed)
    wiki_files = _site.wiki_files()
    bodies = {p: (s.body, s.body_line) for p, s in _site.pages.items()}
    for problem in external.failed_download_problems(
        [u for u in _downloads.failed if not external.is_wiki_file(u, wiki_files)], bodies
    ):
        _site.problems.append(problem)
        if not config.strict:
            log.warning(str(problem))
    for url in [u for u in _downloads.failed if external.is_wiki_file(u, wiki_files)]:
        _site.wiki_file_shown_unavailable(url, "introuvable sur le wiki ou impossible à télécharger", bodies)
    _downloads.failed.clear()
    _downloads.reported = True
    return env


on_env = CombinedEvent(_titles_as_html, _downloads_reported)


@event_priority(-50)  # after the other hooks' own: the site they leave on disk is reviewed even when this fails
def on_post_build(config: MkDocsConfig) -> None:
    """Fail a strict build only now, so that MkDocs' own link checks have been reported too, and the
    other hooks have finished the files already written (hooks/sanitize.py cleans the RSS feeds): CI
    hands the site of a refused pull request to its reviewers.

    The report is one error rather than counted warnings: it stays visible
    under --quiet, which silences (and so does not count) warnings.
    """
    cache = Path(config.config_file_path).parent / ".cache" / "published-images"
    shrunk, refused = published_images.shrink(Path(config.docs_dir), Path(config.site_dir), _site.images, cache)
    if shrunk:
        log.info(published_images.summary(shrunk))
    if not config.strict:
        for problem in refused:
            log.warning(str(problem))
    _site.problems = sorted([*_site.problems, *refused], key=lambda p: (p.path, p.line, p.field or ""))
    if config.strict and _site.problems:
        raise PluginError(schema.format_report(_site.problems))


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Show the kit's pages in their reading order (front matter `ordre`), index first."""
    for item in nav.items:
        if isinstance(item, Section) and _is_kit(item):
            item.children.sort(key=_kit_rank)
    return nav


def _is_kit(section: Section) -> bool:
    return any(isinstance(child, Page) and child.file.src_uri.startswith("kit-accueil/") for child in section.children)


def _kit_rank(item: Any) -> tuple[int, int, str]:
    if not isinstance(item, Page):
        return (2, 0, str(item.title))
    if item.file.src_uri.endswith("index.md"):
        return (0, 0, "")
    order = _site.pages.get(item.file.src_uri, SourcePage("", "page", {})).meta.get("ordre")
    return (1, order if isinstance(order, int) else 10_000, item.file.src_uri)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The privacy plugin downloads pages' external images: only from public servers (commons.external)."""
    for plugin in config.plugins.values():
        module = sys.modules.get(type(plugin).__module__)
        if module is not None and module.__name__.startswith("material.plugins.privacy"):
            module.requests = external.GuardedRequests(_downloads.failed)  # type: ignore[attr-defined]
            _site.privacy = plugin if plugin.config.enabled else None
    return config


@event_priority(10)  # before print-site keeps the page's HTML (priority 0) for the printable kit
def _private_images_withheld(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Withhold external images on private addresses."""
    source = _site.pages.get(page.file.src_uri)
    if source is None or _site.config is None:  # a page generated by a plugin, not a file in docs/
        return html
    html, withheld, notices = external.withhold_private_images(
        html,
        page.file.src_uri,
        wiki_files=_site.wiki_files(),
        not_copied=_not_copied,
        source=(source.body, source.body_line),
    )
    for problem in withheld:
        _site.problems.append(problem)
        if not config.strict:
            log.warning(str(problem))
    for url, reason in notices:
        _site.wiki_file_shown_unavailable(url, reason, {source.path: (source.body, source.body_line)})
    return html


def _not_copied(url: str) -> bool:
    """Whether the privacy plugin leaves this external image at its address, by its own rules (mkdocs.yml's
    assets_exclude and assets_include); never when the plugin is off (the fork chose to show them)."""
    privacy = _site.privacy
    if privacy is None or not privacy.config.assets:
        return False
    # Read as the plugin reads it (`urlparse(src)`): as_fetched drops a space at the end, which the
    # plugin keeps when it matches `…/p.gif ` against its patterns, and which the browser drops too.
    address = urlparse(url)
    return bool(address.hostname) and privacy._is_external(address) and privacy._is_excluded(address)


def _credits_added(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Append the credits block (authors, date, sources, licence, edit and Movilab links)."""
    source = _site.pages.get(page.file.src_uri)
    if source is None or _site.config is None:  # a page generated by a plugin, not a file in docs/
        return html
    block = attribution.render_attribution(
        source,
        _site.history.get(page.file.src_uri),
        _site.config,
        _site.bibliography,
        page.edit_url,
    )
    return html + block


on_page_content = CombinedEvent(_private_images_withheld, _credits_added)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """An external image the build could not download shows as a placeholder, in a preview too: the
    reader's browser must never fetch it from the third party's server (before the privacy plugin,
    which would otherwise keep its address; priority -50).

    The same goes for the copy of the page's HTML that print-site keeps (`page.html`) for the printable
    kit: that page is written after the privacy plugin's last pass, which never sees it. Its images
    get their placeholder, or the address of their copy, here."""
    kept = getattr(page, "html", None)
    if isinstance(kept, str) and "<img" in kept:
        kept = external.without_images(kept, _site.unavailable)
        if _site.privacy is not None:
            kept = _site.privacy._parse_html(kept, page.file, config)  # the plugin's own rewrite of a page
        page.html = kept  # type: ignore[attr-defined]
    return external.without_images(output, _site.unavailable)
