# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: French no-break spaces in every rendered page; thin adapter over commons.typography.

The printable kit is written by the print-site plugin itself, after every
page event, so it is treated once the build is over (this hook comes after
hooks/kit.py, which adds its credits).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from commons.typography import french_spacing  # noqa: E402


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Text nodes get French spacing; markup, code and scripts are left exactly as they are."""
    return french_spacing(output)


def on_post_build(config: MkDocsConfig) -> None:
    """The printable kit, which no page event sees."""
    print_file = getattr(config.plugins.get("print-site"), "print_file", None)
    if print_file is None:
        return
    target = Path(print_file.abs_dest_path)
    if target.is_file():
        target.write_text(french_spacing(target.read_text(encoding="utf-8")), encoding="utf-8")
