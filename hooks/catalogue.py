# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: webinars and feeds — the catalogue on webinaires/index.md, a header on each
webinar page, the webinaires.ics calendar (to subscribe to) and one .ics per upcoming
webinar, the webinars' RSS feed, the webinar section's order, and the RSS feeds' image and
French stylesheet.

Thin adapter over commons.catalogue, commons.webinar_page, commons.calendar and
commons.feeds: it reads the pages once, then hands MkDocs what those functions return.
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

from commons import calendar, catalogue, feeds, history, schema, webinar_page
from commons.insert import insert_after_title, insert_listing
from commons.webinars import Webinar, build_time, today_in_paris, webinars_from_pages

CATALOGUE_PAGE = "webinaires/index.md"
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
    """Read the webinars once; add the calendar, the upcoming webinars' own .ics and the RSS feed."""
    docs_dir = Path(config.docs_dir)
    pages = schema.checked_pages(docs_dir)  # problems: reported by hooks/content.py
    _webinars[:] = webinars_from_pages(pages.values())
    site_url = config.site_url or "http://localhost/"
    now = _build_time()
    content = calendar.calendar_bytes(_webinars, site_url, config.site_name, now)
    files.append(File.generated(config, calendar.FILENAME, content=content))
    today = today_in_paris(now)
    for webinar in _webinars:
        if not webinar.is_upcoming(today):
            continue  # a past webinar offers no "add to my agenda": no file to carry
        # The same UID as in the feed: adding both never duplicates an event.
        one = calendar.calendar_bytes([webinar], site_url, config.site_name, now)
        files.append(File.generated(config, webinar_page.event_filename(webinar), content=one))
    histories = history.read_history(docs_dir)
    announced = {w.path: h.updated for w in _webinars if (h := histories.get(w.path)) and h.updated}
    rss = feeds.webinar_feed(_webinars, site_url, config.site_name, announced, now)
    files.append(File.generated(config, feeds.WEBINAR_FEED, content=rss))
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
            subscribe_href=get_relative_url(_catalogue_url(files), page.url) + f"#{catalogue.SUBSCRIBE_ID}",
        )
        return insert_after_title(markdown, header)
    if page.file.src_uri != CATALOGUE_PAGE:
        return markdown
    by_url = {}
    for webinar in _webinars:
        target = files.get_file_from_path(webinar.path)
        if target is not None:
            by_url[webinar.url] = target.url_relative_to(page.file)
    site_url = config.site_url or ""
    links = catalogue.FeedLinks(
        webcal=calendar.webcal_url(site_url),
        calendar_url=(site_url.rstrip("/") + "/" + calendar.FILENAME)
        if site_url
        else get_relative_url(calendar.FILENAME, page.url),
        rss=get_relative_url(feeds.WEBINAR_FEED, page.url),
    )
    built = catalogue.build_catalogue(_webinars, today_in_paris(_build_time()))
    listing = catalogue.render_catalogue(
        built, href=lambda url: by_url.get(url, url), feeds=links, theme_href=lambda slug: f"?theme={slug}"
    )
    return insert_listing(markdown, catalogue.MARKER, listing)


def on_post_build(config: MkDocsConfig) -> None:
    """The site-wide RSS feeds name the French stylesheet too."""
    for name in feeds.SITE_FEEDS:
        target = Path(config.site_dir) / name
        if target.is_file():
            target.write_text(feeds.with_stylesheet(target.read_text(encoding="utf-8")), encoding="utf-8")


def _catalogue_url(files: Files) -> str:
    found = files.get_file_from_path(CATALOGUE_PAGE)
    return found.url if found is not None else "webinaires/"
