# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Small fixes to the theme's HTML that accessibility checks (axe-core) ask for.

Done on the rendered page rather than by copying the theme's templates, so a
theme upgrade brings its own changes with it; each fix is a no-op when the
markup it expects is gone.
"""

from __future__ import annotations

_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def label_search_dialog(html: str, label: str = "Recherche") -> str:
    """Give Material's search dialog an accessible name (WCAG 4.1.2, axe rule aria-dialog-name)."""
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{label}">', 1)
