# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: accessibility fixes to the theme's markup; thin adapter over commons.accessibility.

Pages go through on_post_page, the 404 page (a template) through
on_post_template; the printable kit, written later by the print-site
plugin, is treated by hooks/kit.py.
"""

from __future__ import annotations

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from commons.accessibility import name_landmarks, skip_to_content


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """A skip link to the content on every page, and a name for each navigation landmark."""
    return name_landmarks(skip_to_content(output))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return name_landmarks(skip_to_content(output_content)) if template_name == "404.html" else output_content
