# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: notes "à adapter" kept for the local preview only, and the reminder of what to fill in.

Thin adapter over commons.forking. `mkdocs serve` (`./dev site`) shows the
notes where the coordinator of a forking network edits; `mkdocs build`
publishes the pages without them. At the end of every build, the settings
that still hold the template's example values and the pages that still
carry notes are listed: as warnings in a preview, and as plain lines in a
strict build, where a warning would fail the template's own publication.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from commons import forking
from commons.config import duplicate_keys, load_yaml
from commons.pages import load_pages

log = logging.getLogger("mkdocs.hooks.forking")

_command: list[str] = ["build"]


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    _command[0] = command


def _preview() -> bool:
    return _command[0] == "serve"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Published pages (and so the printable kit and its PDF) leave the notes out."""
    return markdown if _preview() else forking.strip_notes(markdown)


def on_post_build(config: MkDocsConfig) -> None:
    """List what the forking network still has to fill in; silent once it is done."""
    config_file = Path(config.config_file_path)
    settings = forking.settings_to_fill(load_yaml(config_file))
    pages, _problems = load_pages(Path(config.docs_dir))  # problems are reported by hooks/content.py
    notes = forking.pages_with_notes((p.path, p.body, p.body_line) for p in pages.values())
    lines = forking.reminder_report(settings, notes, duplicate_keys(config_file))
    if not lines:
        return
    if config.strict:
        log.info("ATTENTION : " + "\n".join(lines))
    else:
        log.warning("\n".join(lines))
