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

from commons import search
from commons.pages import kind_of, load_pages
from commons.webinars import french_date, webinars_from_pages

KINDS = {"fiche": "Fiche pratique", "kit": "Kit d'accueil", "webinaire": "Webinaire", "charte": "Charte"}
NOT_INDEXED = ("kit-accueil-imprimable/",)

_dates: dict[str, str] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Remember each webinar's date, shown beside its search results."""
    pages, _problems = load_pages(Path(config.docs_dir))  # problems are reported by hooks/content.py
    _dates.clear()
    _dates.update((w.path, french_date(w.start)) for w in webinars_from_pages(pages.values()))
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.url in NOT_INDEXED:
        return output
    src = page.file.src_uri
    meta = {"kind": KINDS.get(kind_of(src), ""), "date": _dates.get(src, "")}
    return search.mark_page(output, meta)


@event_priority(-100)  # last: after every plugin and hook has written its files (the printable kit)
def on_post_build(config: MkDocsConfig) -> None:
    try:
        search.build_index(Path(config.site_dir))
    except search.SearchIndexError as exc:
        raise PluginError(f"recherche : {exc}") from exc
