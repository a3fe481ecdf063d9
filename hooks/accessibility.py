# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: accessibility fixes to the theme's markup; thin adapter over commons.accessibility."""

from __future__ import annotations

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from commons.accessibility import label_search_dialog


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Name the search dialog on every page."""
    return label_search_dialog(output)
