# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Page texts that Python-Markdown cannot build in reasonable time or at all: refused before it reads them.

Found by trying, on a page of a member's pull request (or pulled from the wiki):
600 nested list levels end the build in a Python RecursionError after a
minute; one line of 20,000 `[` keeps it busy for seven minutes (finding the
closing bracket of each is quadratic in their number within a paragraph). No
real page comes near the limits below: the site's deepest nesting is 3 levels,
its busiest paragraph has a few dozen brackets.
"""

from __future__ import annotations

import re

MAX_NESTING = 40  # list levels, quote marks and indentation steps before a line's text
MAX_BRACKET_WORK = 2_000_000  # the sum, over paragraphs, of their unescaped "[" squared: about 2 s

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_PREFIX = re.compile(r"[ \t>]*")
_BRACKET = re.compile(r"(?<!\\)\[")
# A line's depth is at most the length of its run of " ", tab and ">" (4 spaces make one level, a
# tab or a ">" at most one): without such a run longer than MAX_NESTING anywhere, no line is too
# deep, whatever splits the lines and the fences.
_DEEP_PREFIX = re.compile(rf"[ \t>]{{{MAX_NESTING + 1}}}")


def _outside_fences(body: str) -> list[tuple[int, str]]:
    """(0-based line, text) of the lines that Markdown parses, fenced code left out."""
    lines, fence = [], ""
    for number, line in enumerate(body.splitlines()):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
        else:
            lines.append((number, line))
    return lines


def refusals(body: str) -> list[tuple[int, str]]:
    """(0-based line in the body, French message) for each limit the text goes past; empty for a real page."""
    # A real page, told in two scans of the text: the bracket work is at most the square of all
    # its "[" (escaped or fenced ones included), the depth at most the longest prefix run.
    if body.count("[") ** 2 <= MAX_BRACKET_WORK and _DEEP_PREFIX.search(body) is None:
        return []
    return _line_by_line(body)


def _line_by_line(body: str) -> list[tuple[int, str]]:
    """refusals, reading every line (the rule itself; refusals skips it for a page far from the limits)."""
    found = []
    lines = _outside_fences(body)
    for number, line in lines:
        prefix = _PREFIX.match(line).group(0)  # type: ignore[union-attr]
        depth = prefix.count(">") + len(prefix.replace(">", "").expandtabs(4)) // 4
        if depth > MAX_NESTING:
            found.append(
                (
                    number,
                    f"le texte est imbriqué sur {depth} niveaux (listes, citations « > », retraits) ; "
                    f"au-delà de {MAX_NESTING}, la page ne peut pas être construite : réduisez l'imbrication.",
                )
            )
            break
    paragraphs: list[tuple[int, int]] = []  # (first line, unescaped "[" in it)
    previous = -2
    for number, line in lines:
        if not line.strip():
            previous = -2
            continue
        if number != previous + 1:  # after a blank line or a fenced block
            paragraphs.append((number, 0))
        first, count = paragraphs[-1]
        paragraphs[-1] = (first, count + len(_BRACKET.findall(line)))
        previous = number
    work = sum(count * count for _, count in paragraphs)
    if work > MAX_BRACKET_WORK:
        first, count = max(paragraphs, key=lambda paragraph: paragraph[1])
        found.append(
            (
                first,
                f"ce paragraphe compte {count} crochets « [ » : la construction y passerait des minutes. "
                "Un lien s'écrit [texte](adresse) ; retirez les crochets en trop ou écrivez \\[ pour un crochet seul.",
            )
        )
    return found
