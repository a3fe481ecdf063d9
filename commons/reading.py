# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Reading time and position in the onboarding kit.

Newcomers read the kit on a phone, between two things: telling them how long
a step takes and where they are in the path helps them come back to it.
"""

from __future__ import annotations

import math
import re
from html import escape

WORDS_PER_MINUTE = 200  # a common figure for reading French on screen

_CODE = re.compile(r"```.*?```", re.S)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"[\w’'-]+")


def word_count(markdown: str) -> int:
    """Words a reader reads: link targets, HTML tags and code blocks do not count."""
    text = _CODE.sub(" ", markdown)
    text = _LINK.sub("]", text)
    text = _TAG.sub(" ", text)
    return len(_WORD.findall(text))


def reading_minutes(markdown: str) -> int:
    """Whole minutes, at least one."""
    return max(1, math.ceil(word_count(markdown) / WORDS_PER_MINUTE))


def render_kit_header(minutes: int | None, step: int | None, steps: int, print_href: str, pdf_href: str) -> str:
    """'Étape 2 sur 6 · Temps de lecture : 3 min · Tout le kit : à imprimer, en PDF (420 Ko)' under the title."""
    parts = []
    if step is not None and steps:
        parts.append(f'<span class="commons-meta__item">Étape {step} sur {steps}</span>')
    if minutes is not None:
        parts.append(f'<span class="commons-meta__item">Temps de lecture : {minutes} min</span>')
    # The PDF is made after the build (python -m commons.pdf), which then shows its link with
    # its size (commons.printable.announce_pdf): a site built without it links no missing file.
    parts.append(
        f'<span class="commons-meta__item">Tout le kit : <a href="{escape(print_href)}">version à imprimer</a>'
        f'<span data-commons-pdf hidden>, <a href="{escape(pdf_href)}" type="application/pdf">en PDF'
        '<span class="commons-pdf-size"></span></a></span></span>'
    )
    # Separators are drawn by the stylesheet before each item and clipped at the start of a
    # line: on a phone the line wraps without a "·" dangling at its end.
    # Screen readers get a comma between items instead.
    return '<p class="commons-reading commons-meta">' + '<span class="commons-sr-only">, </span>'.join(parts) + "</p>"
