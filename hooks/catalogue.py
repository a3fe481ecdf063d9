# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: the webinar catalogue on webinaires/index.md and the webinaires.ics feed.

Thin adapter over commons.catalogue and commons.calendar: it reads the pages
once, then hands MkDocs what those functions return.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from commons import calendar, catalogue  # noqa: E402
from commons.insert import insert_listing  # noqa: E402
from commons.pages import load_pages  # noqa: E402
from commons.webinars import Webinar, today_in_paris, webinars_from_pages  # noqa: E402

CATALOGUE_PAGE = "webinaires/index.md"
RSS_FEED = "feed_rss_created.xml"  # written by mkdocs-rss-plugin

_webinars: list[Webinar] = []


def _build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Read the webinars once and add the calendar feed as a generated file."""
    pages, _problems = load_pages(Path(config.docs_dir))  # problems are reported by hooks/content.py
    _webinars[:] = webinars_from_pages(pages.values())
    site_url = config.site_url or "http://localhost/"
    content = calendar.calendar_bytes(_webinars, site_url, config.site_name, _build_time())
    files.append(File.generated(config, calendar.FILENAME, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Insert the catalogue into the webinars' index page; other pages are left alone."""
    if page.file.src_uri != CATALOGUE_PAGE:
        return markdown
    by_url = {}
    for webinar in _webinars:
        target = files.get_file_from_path(webinar.path)
        if target is not None:
            by_url[webinar.url] = target.url_relative_to(page.file)
    ics = files.get_file_from_path(calendar.FILENAME)
    ics_href = ics.url_relative_to(page.file) if ics is not None else calendar.FILENAME
    built = catalogue.build_catalogue(_webinars, today_in_paris(_build_time()))
    listing = catalogue.render_catalogue(
        built,
        href=lambda url: by_url.get(url, url),
        ics_href=ics_href,
        theme_href=lambda slug: f"?theme={slug}",
        rss_href=get_relative_url(RSS_FEED, page.url) if "rss" in config.plugins else None,
    )
    return insert_listing(markdown, catalogue.MARKER, listing)
