# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: MkDocs' own lines in French (progress, preview, link warnings, "Aborted…").

Thin adapter over commons.mkdocs_french, which holds the wording. Loaded with the other hooks
while MkDocs reads mkdocs.yml, so before the build writes anything: a filter on MkDocs' console
handler rewrites each known English line and the level names (WARNING → ATTENTION, ERROR →
ERREUR), and the last line of a failed build ("Aborted with a BuildError!", printed by MkDocs'
Abort exception rather than logged) goes through the same table. Lines it does not know are
printed as MkDocs wrote them: never hidden.
"""

from __future__ import annotations

import logging

import _root  # noqa: F401  (makes commons/ importable)
import click
from mkdocs import exceptions

from commons.mkdocs_french import LEVELS, french

_HANDLER = "MkDocsStreamHandler"  # the console handler mkdocs/__main__.py sets on the "mkdocs" logger


class _French(logging.Filter):
    communs_french = True  # (a preview reloads the hooks on every rebuild: installed once)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        said = french(message)
        if said != message:
            record.msg, record.args = said, ()
        if record.levelname in LEVELS:  # (MkDocs pads the name to 8 characters: "ATTENTION" has 9)
            name = LEVELS[record.levelname]
            record.levelname = name if len(name) < 8 else name + " "
        return True


def _install() -> None:
    for handler in logging.getLogger("mkdocs").handlers:
        if handler.get_name() != _HANDLER or any(getattr(f, "communs_french", False) for f in handler.filters):
            continue
        handler.addFilter(_French())
        colors = getattr(handler.formatter, "colors", None)
        if isinstance(colors, dict):  # the same colours for the French level names
            handler.formatter.colors = {**colors, "ATTENTION ": "yellow", "ERREUR": "red"}  # type: ignore[union-attr]


def _show(self: exceptions.Abort, *args: object, **kwargs: object) -> None:
    click.echo("\n" + french(self.format_message()))


_install()
exceptions.Abort.show = _show  # type: ignore[method-assign]
