# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: every finished page's HTML changed in one pass; thin adapter over commons.page_html.

- accessibility (commons.accessibility): a skip link to the content on every page, a name
  for each navigation landmark;
- assets (commons.assets): the print stylesheets and script only on the printable kit, each
  feed announced only by the page it belongs to;
- search (commons.search): what Pagefind should read on the page and the label its results
  show ("Webinaire · jeudi 26 novembre 2020"); hooks/search.py builds the index once the
  site is written. The printable kit (a copy of the kit's pages) and the 404 page are not
  indexed: a result must lead to one page that says it.

Pages go through on_post_page, the 404 page (a template) through on_post_template; the
printable kit, written later by the print-site plugin, is treated by hooks/kit.py.
"""

from __future__ import annotations

from pathlib import Path

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from commons import assets, schema
from commons.page_html import SearchMarks, finish_page
from commons.pages import kind_of
from commons.webinars import french_date, webinars_from_pages

# Which page announces which feed (docs-relative source -> feeds, site-relative href).
SITE_NEWS = assets.Feed("Nouveautés du site", "feed_rss_created.xml")
WEBINARS = assets.Feed("Webinaires", "webinaires.xml")
FEEDS = {"index.md": [SITE_NEWS], "webinaires/index.md": [WEBINARS]}

KINDS = {"fiche": "Fiche pratique", "kit": "Kit d'accueil", "webinaire": "Webinaire", "charte": "Charte"}
# Titles that should come first for their words: a section's entrance ("boîte à outils",
# "accueil" lead to the toolbox and the kit), then a webinar for its subject ("finance").
SECTION_TITLE_WEIGHT = 10.0
WEBINAR_TITLE_WEIGHT = 9.0
NOT_INDEXED = ("kit-accueil-imprimable/",)

_dates: dict[str, str] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Remember each webinar's date, shown beside its search results."""
    pages = schema.checked_pages(Path(config.docs_dir))  # problems: reported by hooks/content.py
    _dates.clear()
    _dates.update((w.path, french_date(w.start)) for w in webinars_from_pages(pages.values()))
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    feeds = [
        assets.Feed(feed.title, get_relative_url(feed.href, page.url), feed.type)
        for feed in FEEDS.get(page.file.src_uri, [])
        if feed is not SITE_NEWS or "rss" in config.plugins
    ]
    return finish_page(output, feeds, None if page.url in NOT_INDEXED else _search_marks(page.file.src_uri))


def _search_marks(src: str) -> SearchMarks:
    kind = kind_of(src)
    weight = None
    if src.endswith("index.md") and src.count("/") == 1:
        weight = SECTION_TITLE_WEIGHT
    elif kind == "webinaire":
        weight = WEBINAR_TITLE_WEIGHT
    return SearchMarks({"kind": KINDS.get(kind, ""), "date": _dates.get(src, "")}, weight)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page, a template rather than a page: not indexed."""
    return finish_page(output_content, [], None) if template_name == "404.html" else output_content
