# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Pairs of (Markdown text, wikitext) that both converters produce, and the merge that uses them.

Why segments: byte-identity and locality cannot come from a canonical printer
alone, because wiki pages are written by many hands in many styles. Both
directions therefore cut a page into small aligned pieces (a paragraph line,
a list item, a table row, a heading, a raw block…), each holding its Markdown
text *and* its wikitext. When converting with the previous version of the
other side (`base` wikitext on push, `local` Markdown on pull), the pieces
whose key did not change keep their previous text byte for byte; only the
edited pieces are printed afresh. A one-line edit thus changes one piece.

`fkey` is the key compared on push (Markdown side plus whatever context
changes the wikitext, e.g. footnote contents); `bkey` is compared on pull
(wikitext side plus context that changes the Markdown, e.g. list numbers).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher


@dataclass(slots=True)
class Seg:
    """One aligned piece of a page: its Markdown lines and its wikitext lines."""

    kind: str
    md: str
    wiki: str
    fctx: tuple[Hashable, ...] = ()
    bctx: tuple[Hashable, ...] = ()
    block: int = 0
    line: int = 0
    extra: dict[str, object] = field(default_factory=dict)
    fk: tuple[Hashable, ...] | None = None
    bk: tuple[Hashable, ...] | None = None

    @property
    def fkey(self) -> tuple[Hashable, ...]:
        return self.fk if self.fk is not None else (self.kind, self.md, self.fctx)

    @property
    def bkey(self) -> tuple[Hashable, ...]:
        return self.bk if self.bk is not None else (self.kind, self.wiki, self.bctx)


def merge(old: list[Seg], new: list[Seg], *, forward: bool) -> list[str]:
    """Return the output text pieces of `new`, reusing `old` text where the key is unchanged.

    forward=True (push): keys are `fkey`, the reused text is old `.wiki`, fresh is new `.wiki`.
    forward=False (pull): keys are `bkey`, the reused text is old `.md`, fresh is new `.md`.
    """
    if forward:
        old_keys = [s.fkey for s in old]
        new_keys = [s.fkey for s in new]
    else:
        old_keys = [s.bkey for s in old]
        new_keys = [s.bkey for s in new]
    out: list[str] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(s.wiki if forward else s.md for s in old[i1:i2])
        elif tag in ("replace", "insert"):
            out.extend(s.wiki if forward else s.md for s in new[j1:j2])
    return out


def join_wiki(segs: Iterable[Seg]) -> str:
    return "".join(s.wiki for s in segs)


def join_md(segs: Iterable[Seg]) -> str:
    return "".join(s.md for s in segs)
