# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: the toolbox index, badges on each fiche, related fiches, the menu in title order.

Thin adapter over commons.toolbox.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from commons import schema, toolbox
from commons.filters import sort_key
from commons.insert import insert_after_title, insert_listing

INDEX_PAGE = "boite-a-outils/index.md"

_fiches: dict[str, toolbox.Fiche] = {}
_related: list[toolbox.RelatedIndex] = []  # the build's one index, made with _fiches


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Read the fiches' front matter once per build."""
    pages = schema.checked_pages(Path(config.docs_dir))  # problems: reported by hooks/content.py
    _fiches.clear()
    _fiches.update((fiche.path, fiche) for fiche in toolbox.fiches_from_pages(pages.values()))
    _related[:] = [toolbox.RelatedIndex(_fiches.values())]
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The toolbox's menu in French title order, its index first (MkDocs sorts by file name)."""
    for item in nav.items:
        if isinstance(item, Section) and any(isinstance(c, Page) and c.file.src_uri in _fiches for c in item.children):
            item.children.sort(key=_menu_rank)
    return nav


def _menu_rank(item: object) -> tuple[int, tuple[str, str]]:
    if isinstance(item, Page):
        if item.file.src_uri == INDEX_PAGE:
            return (0, ("", ""))
        fiche = _fiches.get(item.file.src_uri)
        if fiche is not None:
            return (1, sort_key(fiche.title))
    return (2, sort_key(str(getattr(item, "title", "") or "")))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Index on the toolbox's index page; badges and related fiches on each fiche.

    The tags Material shows (thèmes, then Movilab categories) are set with the
    rest of the checked front matter by hooks/content.py (commons.theme_meta).
    """
    src = page.file.src_uri
    fiches = list(_fiches.values())
    if src == INDEX_PAGE:
        links = {}
        for fiche in fiches:
            target = files.get_file_from_path(fiche.path)
            if target is not None:
                links[fiche.url] = target.url_relative_to(page.file)
        listing = toolbox.render_index(
            fiches, href=lambda url: links.get(url, url), theme_href=lambda slug: f"?theme={slug}"
        )
        return insert_listing(markdown, toolbox.MARKER, listing)
    current = _fiches.get(src)
    if current is None:
        return markdown
    here = posixpath.dirname(src)
    related = toolbox.render_related(
        current,
        _related[0],
        link=lambda other: posixpath.relpath(other.path, here),
        exclude=toolbox.linked_paths(markdown, src),
    )
    badges = toolbox.render_badges(current)
    if badges:
        markdown = insert_after_title(markdown, badges)
    return markdown.rstrip() + "\n\n" + related if related else markdown
