# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: each asset only on the pages that use it; thin adapter over commons.assets.

The printable kit is written by the print-site plugin after every page
event, so it keeps its stylesheets and script; the 404 page (a template,
not a page) gets the same treatment as the pages.
"""

from __future__ import annotations

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from commons import assets

# Which page announces which feed (docs-relative source -> feeds, site-relative href).
SITE_NEWS = assets.Feed("Nouveautés du site", "feed_rss_created.xml")
WEBINARS = assets.Feed("Webinaires", "webinaires.xml")
FEEDS = {"index.md": [SITE_NEWS], "webinaires/index.md": [WEBINARS]}


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    feeds = [
        assets.Feed(feed.title, get_relative_url(feed.href, page.url), feed.type)
        for feed in FEEDS.get(page.file.src_uri, [])
        if feed is not SITE_NEWS or "rss" in config.plugins
    ]
    return assets.page_assets(output, feeds)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output_content
    return assets.page_assets(output_content, [])
