# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: navigation as readers see it — section order and names, previous/next links.

Without a `nav:` in mkdocs.yml, MkDocs names a section after its folder
("Boite a outils", "Kit accueil"); the section's own index page has the
proper French title, so the section takes it. Sections come in the order
of commons.navigation.SECTION_ORDER (the kit first). And MkDocs links
previous/next before on_nav, so after hooks/content.py puts the kit in
`ordre` order the footer links must be recomputed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from commons import schema
from commons.navigation import section_rank, section_titles

_titles: dict[str, str] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Remember the front matter titles of the section index pages."""
    pages = schema.checked_pages(Path(config.docs_dir))  # problems: reported by hooks/content.py
    _titles.clear()
    _titles.update(section_titles(pages.values()))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Order and name sections, then relink previous/next in navigation order."""
    nav.items.sort(key=lambda item: section_rank(_first_source(item)))
    _name_sections(nav.items)
    pages: list[Page] = []
    _collect(nav.items, pages)
    nav.pages = pages
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index > 0 else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None
    return nav


def _name_sections(items: list[Any]) -> None:
    for item in items:
        if isinstance(item, Section):
            for child in item.children:
                if isinstance(child, Page) and child.file.src_uri in _titles:
                    if child.file.src_uri.count("/") >= 1:
                        item.title = _titles[child.file.src_uri]
                    break
            _name_sections(item.children)


def _first_source(item: Any) -> str:
    """The source path of the first page in a navigation item (itself, for a page)."""
    if isinstance(item, Page):
        return str(item.file.src_uri)
    if isinstance(item, Section):
        for child in item.children:
            found = _first_source(child)
            if found:
                return found
    return ""


def _collect(items: list[Any], pages: list[Page]) -> None:
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            _collect(item.children, pages)
