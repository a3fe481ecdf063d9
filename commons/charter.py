# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The line under a charter's title: which version this is and when the assembly adopted it.

A charter is a text members commit to; they need to know at a glance whether
they read the one in force. The charter texts promise this line "en tête de
page", and the front matter (`version`, `adoption`) already holds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from html import escape
from typing import Any

from commons.attribution import french_date


def render_charter_header(meta: Mapping[str, Any]) -> str:
    """'Version 1.0, adoptée le 22 novembre 2026'; whichever part is missing is left out."""
    version = meta.get("version")
    adoption = meta.get("adoption")
    parts = []
    if version is not None and str(version).strip():
        parts.append(f"Version {escape(str(version).strip())}")
    if isinstance(adoption, dt.date):
        day = adoption.date() if isinstance(adoption, dt.datetime) else adoption
        when = f'adoptée le <time datetime="{day.isoformat()}">{french_date(day)}</time>'
        parts.append(when if parts else when[0].upper() + when[1:])
    if not parts:
        return ""
    return '<p class="commons-charter-version">' + ", ".join(parts) + "</p>"
