# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: French search with Pagefind; thin adapter over commons.search.

Each page marks what the index should read and the label its results show
("Webinaire · jeudi 26 novembre 2020"); once the site is written, Pagefind
indexes it into site/pagefind/, in `mkdocs build` and `mkdocs serve` alike.
The printable kit (a copy of the kit's pages) and the 404 page are not
indexed: a result must lead to one page that says it.
"""

from __future__ import annotations

from pathlib import Path

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from commons import schema, search
from commons.pages import kind_of
from commons.webinars import french_date, webinars_from_pages

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
    if page.url in NOT_INDEXED:
        return output
    src = page.file.src_uri
    kind = kind_of(src)
    meta = {"kind": KINDS.get(kind, ""), "date": _dates.get(src, "")}
    weight = None
    if src.endswith("index.md") and src.count("/") == 1:
        weight = SECTION_TITLE_WEIGHT
    elif kind == "webinaire":
        weight = WEBINAR_TITLE_WEIGHT
    return search.mark_page(output, meta, weight)


@event_priority(-100)  # last: after every plugin and hook has written its files (the printable kit)
def on_post_build(config: MkDocsConfig) -> None:
    try:
        search.build_index(Path(config.site_dir))
    except search.SearchIndexError as exc:
        raise PluginError(f"recherche : {exc}") from exc
