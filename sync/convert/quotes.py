# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MediaWiki's bold/italic apostrophes ('' and ''') read the way MediaWiki reads them (doQuotes).

Why our own: asking mwparserfromhell to build tags for every '' costs 40 % of
the parse time, and its reading of unbalanced runs is not MediaWiki's. This
follows Parser::doQuotes: runs of 4 lose one apostrophe, runs over 5 keep 5,
an odd number of both bold and italic turns one bold into an apostrophe and
an italic, and the state machine opens and closes in MediaWiki's order.
The result is a list of pieces where each run becomes ("open"|"close", "*"|"**").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import Node, Text

from sync.convert.fasttree import text_node

_RUN = re.compile(r"'{2,}")


@dataclass(slots=True)
class Quote:
    size: int  # 2 italic, 3 bold, 5 both


Piece = Node | Quote


def split_runs(seq: list[Node]) -> list[Piece]:
    """Text nodes cut into text and apostrophe runs (4 → ' + 3, more than 5 → extra ' + 5)."""
    out: list[Piece] = []
    for node in seq:
        if not (isinstance(node, Text) and "''" in node.value):
            out.append(node)
            continue
        value = node.value
        pos = 0
        for m in _RUN.finditer(value):
            before = value[pos : m.start()]
            size = len(m.group(0))
            if size == 4:
                before, size = before + "'", 3
            elif size > 5:
                before, size = before + "'" * (size - 5), 5
            if before:
                out.append(text_node(before))
            out.append(Quote(size))
            pos = m.end()
        if pos < len(value):
            out.append(text_node(value[pos:]))
    _balance(out)
    return out


def _balance(pieces: list[Piece]) -> None:
    """Odd bold and odd italic counts: one bold is an apostrophe followed by an italic (MediaWiki's choice)."""
    italics = sum(1 for p in pieces if isinstance(p, Quote) and p.size in (2, 5))
    bolds = sum(1 for p in pieces if isinstance(p, Quote) and p.size in (3, 5))
    if not (italics % 2 and bolds % 2):
        return
    single = multi = space = None
    before = ""
    for index, piece in enumerate(pieces):
        if isinstance(piece, Quote):
            if piece.size == 3:
                x1 = before[-1:] or " "
                x2 = before[-2:-1] or " "
                if x1 == " ":
                    space = index if space is None else space
                elif x2 == " ":
                    single = index
                    break
                elif multi is None:
                    multi = index
            before += "'" * piece.size
        else:
            before += str(piece)
    chosen = single if single is not None else multi if multi is not None else space
    if chosen is not None:
        pieces[chosen : chosen + 1] = [Text("'"), Quote(2)]


# (state, run size) → markers to write, next state; states as in Parser::doQuotes ("bi": bold then italic)
_OPEN_I, _CLOSE_I, _OPEN_B, _CLOSE_B = ("open", "*"), ("close", "*"), ("open", "**"), ("close", "**")
_MOVES: dict[tuple[str, int], tuple[tuple[tuple[str, str], ...], str]] = {
    ("i", 2): ((_CLOSE_I,), ""),
    ("bi", 2): ((_CLOSE_I,), "b"),
    ("ib", 2): ((_CLOSE_B, _CLOSE_I, _OPEN_B), "b"),
    ("", 2): ((_OPEN_I,), "i"),
    ("b", 2): ((_OPEN_I,), "bi"),
    ("b", 3): ((_CLOSE_B,), ""),
    ("bi", 3): ((_CLOSE_I, _CLOSE_B, _OPEN_I), "i"),
    ("ib", 3): ((_CLOSE_B,), "i"),
    ("", 3): ((_OPEN_B,), "b"),
    ("i", 3): ((_OPEN_B,), "ib"),
    ("b", 5): ((_CLOSE_B, _OPEN_I), "i"),
    ("i", 5): ((_CLOSE_I, _OPEN_B), "b"),
    ("bi", 5): ((_CLOSE_I, _CLOSE_B), ""),
    ("ib", 5): ((_CLOSE_B, _CLOSE_I), ""),
}
# state "both" ( at no emphasis): the order of the two opening markers depends on the next run
_BOTH: dict[int, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], str]] = {
    2: ((_OPEN_B, _OPEN_I), (_CLOSE_I,), "b"),
    3: ((_OPEN_I, _OPEN_B), (_CLOSE_B,), "i"),
    5: ((_OPEN_I, _OPEN_B), (_CLOSE_B, _CLOSE_I), ""),
    0: ((_OPEN_B, _OPEN_I), (_CLOSE_I, _CLOSE_B), ""),  # end of line
}


def toggles(pieces: list[Piece]) -> list[Node | tuple[str, str]]:
    """Runs replaced by ("open"|"close", marker) in MediaWiki's nesting order; empty pairs dropped."""
    out: list[Node | tuple[str, str]] = []
    state = ""

    def emit(marker: tuple[str, str]) -> None:
        if marker[0] == "close" and out and out[-1] == ("open", marker[1]):
            out.pop()  # nothing between: MediaWiki shows nothing either
        else:
            out.append(marker)

    both_at = 0

    def leave_both(size: int) -> str:
        opens, closes, after = _BOTH[size]
        out[both_at:both_at] = list(opens)
        for marker in closes:
            emit(marker)
        return after

    for piece in pieces:
        if not isinstance(piece, Quote):
            out.append(piece)
            continue
        if state == "both":
            state = leave_both(piece.size)
        elif state == "" and piece.size == 5:
            state, both_at = "both", len(out)
        else:
            markers, state = _MOVES[(state, piece.size)]
            for marker in markers:
                emit(marker)
    if state == "both":
        state = leave_both(0)
    for char in reversed(state):  # MediaWiki closes what the line left open
        emit(_CLOSE_I if char == "i" else _CLOSE_B)
    return out


def assemble(parts: list[str | tuple[str, str]]) -> str:
    """Markdown of converted pieces and markers; spaces just inside emphasis move outside it."""
    out: list[str] = []
    for k, part in enumerate(parts):
        if isinstance(part, str):
            out.append(part)
            continue
        kind, mark = part
        if kind == "open":
            nxt = parts[k + 1] if k + 1 < len(parts) else ""
            if isinstance(nxt, str) and nxt[:1].isspace():
                stripped = nxt.lstrip()
                out.append(nxt[: len(nxt) - len(stripped)])
                parts[k + 1] = stripped
            out.append(mark)
        else:
            if out and out[-1][-1:].isspace():
                last = out.pop()
                out.append(last.rstrip())
                out.append(mark)
                out.append(last[len(last.rstrip()) :])
            else:
                out.append(mark)
    return "".join(out)
