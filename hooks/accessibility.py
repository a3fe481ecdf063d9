# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: accessibility fixes to the theme's markup; thin adapter over commons.accessibility."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from commons.accessibility import label_search_dialog  # noqa: E402


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Name the search dialog on every page."""
    return label_search_dialog(output)
