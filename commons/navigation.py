# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The order of the site's top-level sections, the way a newcomer should meet them.

Without a `nav:` in mkdocs.yml, MkDocs sorts sections by folder name, which
put the toolbox before the onboarding kit although the home page tells
newcomers to start with the kit. The order is a list of the template's
folders, not of any network's names, so a fork that renames its sections'
titles keeps it; folders a fork adds come after, alphabetically.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from commons.pages import Page
from commons.text import html_text

# Home first, then: the kit newcomers start with, the toolbox, the webinars, the charter.
SECTION_ORDER: tuple[str, ...] = ("kit-accueil", "boite-a-outils", "webinaires", "charte")
HOME = "index.md"


def section_rank(src_uri: str, order: Sequence[str] = SECTION_ORDER) -> tuple[int, int, str]:
    """Sort key of a top-level navigation item, given the source path of one of its pages.

    The home page comes first, then the listed sections, then anything else
    (other folders and loose pages) by path.
    """
    if src_uri == HOME:
        return (0, 0, "")
    folder = src_uri.split("/", 1)[0] if "/" in src_uri else ""
    if folder in order:
        return (1, order.index(folder), "")
    return (2, 0, src_uri)


def section_titles(pages: Iterable[Page]) -> dict[str, str]:
    """The front matter titles of index pages, which name their sections, as HTML (the theme prints HTML)."""
    titles = {}
    for page in pages:
        title = page.meta.get("title")
        if page.path.endswith("index.md") and isinstance(title, str) and title.strip():
            titles[page.path] = html_text(title.strip())
    return titles
