# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Page texts that Python-Markdown cannot build in reasonable time or at all: refused before it reads them.

Found by trying, on a page of a member's pull request (or pulled from the wiki):
600 nested list levels end the build in a Python RecursionError after a
minute; one line of 20,000 `[` keeps it busy for seven minutes (finding the
closing bracket of each is quadratic in their number within a paragraph).
bench/hostile_markdown.py finds the other shapes whose cost grows with the square
of their number: within a paragraph, openings never closed (`[a](`, `<a href='`,
`<http://`, `[^`) and emphasis marks (`_a _a`, `**a`), which the push's
own converter reads in the same way; within a block, its lines (`# a`, `a` /
`: b` definitions, `!!!` admonitions, split again at each one); in a page,
footnote references and abbreviations (each read against the whole page).
No real page comes near the limits below: the site's deepest nesting is 3
levels, its busiest paragraph has a few dozen openings, its longest block a
few dozen lines. The same limits guard the build (hooks/content.py,
commons/schema.py) and the push to the wiki (sync/convert/api.py).
"""

from __future__ import annotations

import re
from collections import Counter

MAX_NESTING = 40  # list levels, quote marks and indentation steps before a line's text
# Each: the sum of a count squared, about half a second of Python-Markdown at the limit (measured on
# the shapes of bench/hostile_markdown.py, 2 shared cores).
MAX_INLINE_WORK = 1_000_000  # over the texts read at once (paragraph, list item, table row): their unescaped "[", "<" and runs of "*" or "_", squared
# over blocks (lines between blank lines): their lines times those of their lines Python-Markdown cuts
# the block at, copying the rest each time (headings, definitions ": ", admonitions "!!!"/"???")
MAX_LINES_WORK = 1_000_000
# footnote references "[^a]" in the page: for each note, its references squared, and a quarter of the
# number of notes squared (each note costs a little more than the last; the same note called again, more)
MAX_NOTES_WORK = 1_000_000
MAX_ABBREVIATIONS_WORK = 16_000_000  # abbreviation definitions "*[…]:" times the page's characters

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_PREFIX = re.compile(r"[ \t>]*")
# A line's depth is at most the length of its run of " ", tab and ">" (4 spaces make one level, a
# tab or a ">" at most one): without such a run longer than MAX_NESTING at a line's start, no line
# is too deep, whatever splits the lines and the fences (found faster from a line break).
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines splits
_DEEP = re.compile(rf"[ \t>]{{{MAX_NESTING + 1}}}")
_DEEP_LINE = re.compile(rf"[{_LINE_BREAKS}][ \t>]{{{MAX_NESTING + 1}}}")
_CUT = re.compile(r"[ \t>]*(?:#|:[ \t]|!!!|\?\?\?)")
# "_" inside a word ("tiers_lieu_1" in an address) never opens emphasis in Python-Markdown
_OPENING = re.compile(r"(?<!\\)(?:\[|<|\*+|(?<!\w)_+)")
# Python-Markdown reads the inline text of each list item and each table row apart: in a block that
# is a list, an item's line starts a new count; in a table, each row does
_ITEM = re.compile(r"[ \t>]*(?:[*+-]|\d+[.)])[ \t]")
_TABLE_RULE = re.compile(r"[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_NOTE = re.compile(r"(?<!\\)\[\^([^\[\]\n]*)\](?!:)")  # (no "[" in a label: read in one pass)
_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[", re.M)


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


def _far_below(body: str) -> bool:
    """Whether the whole page, counted at once (fenced code included), stays under every limit: then
    no paragraph, block or line can go past one (most pages, told apart in a few C passes)."""
    notes = body.count("[^")
    return (
        _DEEP.match(body) is None
        and _DEEP_LINE.search(body) is None
        and len(body.splitlines()) * (body.count("#") + body.count(":") + body.count("!!!") + body.count("???"))
        <= MAX_LINES_WORK
        and (body.count("[") + body.count("<") + body.count("*") + body.count("_")) ** 2 <= MAX_INLINE_WORK
        and notes * notes + notes * notes // 4 <= MAX_NOTES_WORK
        and body.count("*[") * len(body) <= MAX_ABBREVIATIONS_WORK
    )


def refusals(body: str) -> list[tuple[int, str]]:
    """(0-based line in the body, French message) for each limit the text goes past; empty for a real page."""
    return [] if _far_below(body) else _line_by_line(body)


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
    blocks: list[tuple[int, int, int]] = []  # (first line, lines, cuts): lines between blank lines
    texts: list[tuple[int, int]] = []  # (first line, openings): what Python-Markdown reads inline at once
    previous, kind, block_first = -2, "", ""
    for number, line in lines:
        if not line.strip():
            previous = -2
            continue
        if number != previous + 1:  # after a blank line or a fenced block
            blocks.append((number, 0, 0))
            texts.append((number, 0))
            kind, block_first = ("list" if _ITEM.match(line) else ""), line
        elif kind == "table" or (kind == "list" and _ITEM.match(line)):
            texts.append((number, 0))
        elif blocks[-1][1] == 1 and "|" in block_first and "-" in line and _TABLE_RULE.match(line):
            kind = "table"
            texts.append((number, 0))
        first, length, cuts = blocks[-1]
        blocks[-1] = (first, length + 1, cuts + (1 if _CUT.match(line) else 0))
        texts[-1] = (texts[-1][0], texts[-1][1] + len(_OPENING.findall(line)))
        previous = number
    if sum(count * count for _, count in texts) > MAX_INLINE_WORK:
        first, count = max(texts, key=lambda text: text[1])
        found.append(
            (
                first,
                f"ce paragraphe compte {count} crochets, chevrons ou marques de mise en forme (« [ », « < », "
                "« * », « _ ») : la construction du site et la synchronisation y passeraient des minutes. "
                "Un lien s'écrit [texte](adresse) ; retirez les marques en trop, écrivez \\[, \\<, \\* ou \\_ "
                "pour un caractère seul, ou séparez le texte en paragraphes par des lignes vides.",
            )
        )
    if sum(length * cuts for _, length, cuts in blocks) > MAX_LINES_WORK:
        first, length, _ = max(blocks, key=lambda block: block[1] * block[2])
        found.append(
            (
                first,
                f"ce bloc compte {length} lignes sans ligne vide : la construction du site y passerait des "
                "minutes. Séparez les titres, les paragraphes, les définitions et les encadrés par des lignes vides.",
            )
        )
    calls: Counter[str] = Counter()
    first_call = -1
    for number, line in lines:
        if "[^" in line:
            found_here = _NOTE.findall(line)
            calls.update(found_here)
            first_call = number if first_call < 0 and found_here else first_call
    if sum(count * count for count in calls.values()) + len(calls) ** 2 // 4 > MAX_NOTES_WORK:
        found.append(
            (
                first_call,
                f"la page compte {calls.total()} appels de notes « [^…] » ({len(calls)} notes) : la construction "
                "du site y passerait des minutes. Gardez les notes utiles, appelez chacune une fois, ou écrivez "
                "\\[^ pour un crochet seul.",
            )
        )
    abbreviations = [number for number, line in lines if _ABBREVIATION.match(line)]
    if len(abbreviations) * len(body) > MAX_ABBREVIATIONS_WORK:
        found.append(
            (
                abbreviations[0],
                f"la page définit {len(abbreviations)} abréviations « *[…]: » : la construction du site les "
                "chercherait chacune dans toute la page pendant des minutes. Gardez les abréviations utiles.",
            )
        )
    return found
