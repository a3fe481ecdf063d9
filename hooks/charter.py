# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: a charter's version and adoption date under its title; thin adapter over commons.charter."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from commons.charter import render_charter_header  # noqa: E402
from commons.insert import insert_after_title  # noqa: E402
from commons.pages import kind_of  # noqa: E402


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Only charter pages (docs/charte/<slug>.md) get the line; the section's index does not."""
    if kind_of(page.file.src_uri) != "charte":
        return markdown
    header = render_charter_header(page.meta)
    return insert_after_title(markdown, header) if header else markdown
