# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: every page's HTML goes through the site's HTML allow-list; thin adapter over commons.sanitize.

It runs right after Markdown, before anything copies a page's HTML: the
print-site plugin (the printable kit and its PDF), the search index and the
other hooks. What it removes is a French warning that names the page and the
line, so that `mkdocs build --strict` fails and the pull request's reviewer
sees it; a preview also shows it at the top of the page. The RSS feeds, whose
descriptions can be made from a page's first lines, are cleaned once written, and
keep no image from another server.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from commons import external, feeds, frontmatter, sanitize  # noqa: E402

log = logging.getLogger("mkdocs.hooks.sanitize")


@event_priority(50)  # before print-site keeps page.html (priority 0) and before every other hook
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The page's HTML as the allow-list lets it through; a warning for each kind of thing removed."""
    cleaned = sanitize.clean(html)
    if cleaned is html:
        return html
    found = sanitize.located(html, _source(page))
    for problem in sanitize.page_problems(page.file.src_uri, found):
        log.warning(str(problem))
    return cleaned if config.strict or not found else sanitize.render_notice(found) + cleaned


def _source(page: Page) -> str:
    """The page's file as written, to give each problem its line; empty for a generated page."""
    if page.file.generated_by is not None or not page.file.abs_src_path:
        return ""
    try:
        return frontmatter.read_text(Path(page.file.abs_src_path), path=page.file.src_uri)
    except frontmatter.FrontMatterError:  # reported by hooks/content.py
        return ""


def on_post_build(config: MkDocsConfig) -> None:
    """The feeds, written by mkdocs-rss-plugin just before (RSS, and JSON when a fork turns it on): their
    descriptions cleaned as the pages are, without an image from another server (a feed reader would
    fetch it from there), and the relative addresses of the RSS ones made full (commons/feeds.py)."""
    site_url = config.site_url or ""

    def foreign_images_out(html: str) -> str:
        return external.feed_without_foreign_images(html, site_url)

    sources = _sources(Path(config.docs_dir))
    plugin = config.plugins.get("rss")
    names = getattr(getattr(plugin, "config", None), "feeds_filenames", None)
    for key, clean in (
        ("rss_created", sanitize.clean_feed),
        ("rss_updated", sanitize.clean_feed),
        ("json_created", sanitize.clean_json_feed),
        ("json_updated", sanitize.clean_json_feed),
    ):
        name = getattr(names, key, None)
        feed = Path(config.site_dir) / name if name else None
        if feed is not None and feed.is_file():
            text = feed.read_text(encoding="utf-8")
            cleaned = clean(text, foreign_images_out)
            if key.startswith("rss"):
                cleaned = feeds.with_absolute_addresses(cleaned, site_url, sources)
            if cleaned != text:
                feed.write_text(cleaned, encoding="utf-8")


def _sources(docs_dir: Path) -> frozenset[str]:
    """The Markdown files of docs/, as paths under it: what a feed item's address was built from."""
    return frozenset(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md") if p.is_file())
