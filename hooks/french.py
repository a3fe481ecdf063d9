# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: MkDocs' own lines in French (progress, preview, link warnings, "Aborted…").

Thin adapter over commons.mkdocs_french, which holds the wording. Loaded with the other hooks
while MkDocs reads mkdocs.yml, so before the build writes anything: a filter on MkDocs' console
handler rewrites each known English line and the level names (WARNING → ATTENTION, ERROR →
ERREUR), and the last line of a failed build ("Aborted with a BuildError!", printed by MkDocs'
Abort exception rather than logged) goes through the same table. Lines it does not know are
printed as MkDocs wrote them: never hidden. Through ./dev (devtools/mkdocs_fr.py) the filter is
already there before mkdocs.yml is read, and this hook finds it; a plain `mkdocs build` gets it
only from here, so MkDocs' complaints about mkdocs.yml itself stay in English.
"""

from __future__ import annotations

import logging

import _root  # noqa: F401  (makes commons/ importable)
import click
from mkdocs import exceptions

from commons.mkdocs_french import french, translate_console


def _show(self: exceptions.Abort, *args: object, **kwargs: object) -> None:
    click.echo("\n" + french(self.format_message()))


for _handler in logging.getLogger("mkdocs").handlers:
    translate_console(_handler)
exceptions.Abort.show = _show  # type: ignore[method-assign]
