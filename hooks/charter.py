# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: a charter's version and adoption date under its title; thin adapter over commons.charter."""

from __future__ import annotations

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from commons.charter import render_charter_header
from commons.insert import insert_after_title
from commons.pages import kind_of


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Only charter pages (docs/charte/<slug>.md) get the line; the section's index does not."""
    if kind_of(page.file.src_uri) != "charte":
        return markdown
    header = render_charter_header(page.meta)
    return insert_after_title(markdown, header) if header else markdown
