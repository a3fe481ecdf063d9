# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Changes to a finished page's HTML written as edits on the page as it is, applied in one copy.

A page of a large site is mostly the theme's navigation (300 kB on a 1000-page section):
copying it once per change cost more than finding what to change. Each change is an
Edit, (start, end, new text) on the original page; edits from several changes are applied
together, in page order, with one copy of the page.
"""

from __future__ import annotations

from collections.abc import Iterable

Edit = tuple[int, int, str]  # html[start:end] becomes the text


def apply(html: str, edits: Iterable[Edit]) -> str | None:
    """`html` with every edit made, or None when two of them overlap (the caller then makes its
    changes one after the other). Edits at the same place are made in the order given."""
    parts: list[str] = []
    kept = 0
    for start, end, text in sorted(edits, key=lambda edit: edit[0]):
        if start < kept:
            return None
        parts += (html[kept:start], text)
        kept = end
    if not parts:
        return html
    parts.append(html[kept:])
    return "".join(parts)


def apply_own(html: str, edits: Iterable[Edit]) -> str:
    """`html` with the edits of one change made (a change never makes two edits that overlap)."""
    done = apply(html, edits)
    if done is None:  # pragma: no cover - a defect of the change that made them
        raise ValueError("des modifications de la page se chevauchent")
    return done
