# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: French no-break spaces in every page's text; thin adapter over commons.typography.

Only what contributors wrote is treated: each page's content, its title and
its table of contents, once, right after the page is rendered. Titles are
set on the page object, so the navigation, the browser tab and previous/next
links of every other page show them spaced too. Treating whole output pages
instead meant scanning every page's full navigation again (a 1000-page
section puts 1000 links on each page), which made large builds 20 % slower.

The printable kit is written by the print-site plugin itself, after every
page event, so it is treated once the build is over (this hook comes after
hooks/kit.py, which adds its credits).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from commons.typography import french_spacing, space_text


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Text nodes get French spacing; markup, code and scripts are left exactly as they are."""
    if page.title:
        page.title = space_text(page.title)
    _space_toc(page.toc)
    return french_spacing(html)


def _space_toc(items: Iterable[AnchorLink]) -> None:
    for item in items:
        item.title = space_text(item.title)
        _space_toc(item.children)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page, a template rather than a page."""
    return french_spacing(output_content) if template_name == "404.html" else output_content


def on_post_build(config: MkDocsConfig) -> None:
    """The printable kit, which no page event sees."""
    print_file = getattr(config.plugins.get("print-site"), "print_file", None)
    if print_file is None:
        return
    target = Path(print_file.abs_dest_path)
    if target.is_file():
        target.write_text(french_spacing(target.read_text(encoding="utf-8")), encoding="utf-8")
