# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: webinars and feeds — the catalogue on webinaires/index.md, a header on each
webinar page, the webinaires.ics feed and one .ics per webinar, the webinar section's order,
and the RSS feeds' image.

Thin adapter over commons.catalogue, commons.webinar_page and commons.calendar:
it reads the pages once, then hands MkDocs what those functions return.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from commons import calendar, catalogue, webinar_page
from commons.insert import insert_after_title, insert_listing
from commons.pages import load_pages
from commons.webinars import Webinar, build_time, today_in_paris, webinars_from_pages

CATALOGUE_PAGE = "webinaires/index.md"
RSS_FEED = "feed_rss_created.xml"  # written by mkdocs-rss-plugin
# Material copies its favicon there; a PNG, as RSS 2.0 asks of a channel image.
RSS_IMAGE = "assets/images/favicon.png"

_webinars: list[Webinar] = []


def _build_time() -> dt.datetime:
    return build_time()


@event_priority(100)  # before the rss plugin's own on_config reads its options
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Give the RSS feeds a channel image at the site's address.

    Without one, mkdocs-rss-plugin 1.17 writes `<image><url>None</url>`, which
    feed readers reject. A fork that sets `image:` itself keeps its own.
    """
    plugin = config.plugins.get("rss")
    if plugin is not None and not plugin.config.get("image") and config.site_url:
        plugin.config["image"] = config.site_url.rstrip("/") + "/" + RSS_IMAGE
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Read the webinars once and add the calendar feed as a generated file."""
    pages, _problems = load_pages(Path(config.docs_dir))  # problems are reported by hooks/content.py
    _webinars[:] = webinars_from_pages(pages.values())
    site_url = config.site_url or "http://localhost/"
    content = calendar.calendar_bytes(_webinars, site_url, config.site_name, _build_time())
    files.append(File.generated(config, calendar.FILENAME, content=content))
    for webinar in _webinars:
        # The same UID as in the feed: adding both never duplicates an event.
        one = calendar.calendar_bytes([webinar], site_url, config.site_name, _build_time())
        files.append(File.generated(config, webinar_page.event_filename(webinar), content=one))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """List the webinar section in the catalogue's order: upcoming soonest first, then newest first."""
    order = {w.path: rank for rank, w in enumerate(catalogue.reading_order(_webinars, today_in_paris(_build_time())))}
    for item in nav.items:
        if isinstance(item, Section) and any(isinstance(c, Page) and c.file.src_uri in order for c in item.children):
            item.children.sort(key=lambda c: _webinar_rank(c, order))
    return nav


def _webinar_rank(item: object, order: dict[str, int]) -> tuple[int, int]:
    if isinstance(item, Page):
        if item.file.src_uri == CATALOGUE_PAGE:
            return (0, 0)
        if item.file.src_uri in order:
            return (1, order[item.file.src_uri])
    return (2, 0)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The catalogue on the webinars' index page; a header under the title of each webinar page."""
    webinar = next((w for w in _webinars if w.path == page.file.src_uri), None)
    if webinar is not None:
        own = files.get_file_from_path(webinar_page.event_filename(webinar))
        header = webinar_page.render_webinar_header(
            webinar,
            today_in_paris(_build_time()),
            ics_href=own.url_relative_to(page.file) if own is not None else "",
            theme_href=lambda slug: get_relative_url(f"{_catalogue_url(files)}?theme={slug}", page.url),
        )
        return insert_after_title(markdown, header)
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


def _catalogue_url(files: Files) -> str:
    found = files.get_file_from_path(CATALOGUE_PAGE)
    return found.url if found is not None else "webinaires/"
