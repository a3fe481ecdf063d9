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

from collections.abc import Callable, Hashable, Iterable
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


def merge(
    old: list[Seg],
    new: list[Seg],
    *,
    forward: bool,
    keep: frozenset[str] = frozenset(),
    refine: Callable[[Seg, Seg], str | None] | None = None,
) -> list[str]:
    """Return the output text pieces of `new`, reusing `old` text where the key is unchanged.

    forward=True (push): keys are `fkey`, the reused text is old `.wiki`, fresh is new `.wiki`.
    forward=False (pull): keys are `bkey`, the reused text is old `.md`, fresh is new `.md`.
    `keep`: kinds of old pieces (categories) that `new` does not carry but that stay where they are.
    `refine(old, new)`: for a piece replaced one for one, text mixing both (e.g. a table row whose
    unchanged cells keep their wiki layout), or None to take the fresh text.
    """
    kept_after: dict[int, list[Seg]] = {}
    main: list[Seg] = []
    for seg in old:
        if seg.kind in keep:
            kept_after.setdefault(len(main) - 1, []).append(seg)
        else:
            main.append(seg)
    if forward:
        old_keys = [s.fkey for s in main]
        new_keys = [s.fkey for s in new]
    else:
        old_keys = [s.bkey for s in main]
        new_keys = [s.bkey for s in new]
    out: list[str] = [s.wiki for s in kept_after.get(-1, [])]

    def kept(i1: int, i2: int) -> None:
        for k in range(i1, i2):
            out.extend(s.wiki for s in kept_after.get(k, []))

    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i1, i2):
                out.append(main[k].wiki if forward else main[k].md)
                kept(k, k + 1)
            continue
        if tag == "replace" and refine is not None and i2 - i1 == j2 - j1:
            for a, b in zip(main[i1:i2], new[j1:j2], strict=True):
                mixed = refine(a, b)
                out.append(mixed if mixed is not None else (b.wiki if forward else b.md))
        elif tag in ("replace", "insert"):
            out.extend(s.wiki if forward else s.md for s in new[j1:j2])
        elif not forward:
            # Markdown-only layout (a blank line between list items, a link definition) stands for
            # no wikitext: the wiki cannot have removed it, so the pull keeps it.
            out.extend(s.md for s in main[i1:i2] if not s.wiki and s.kind in ("blank", "linkref"))
        kept(i1, i2)
    return out


def within(prefix: str, children: list[Seg]) -> None:
    """Key the pieces of a box or a quote by their container (`prefix`: how its Markdown lines start),
    the same way on both sides. A pull then keeps a piece's local lines only where it still stands:
    when the wiki puts the same text in or out of a box or a quote, the local lines (indented, or
    after `> `) would otherwise be kept, and show as code or as a quote."""
    for child in children:
        child.extra["in"] = prefix + str(child.extra.get("in", ""))
        if child.kind != "blank":  # a blank line is keyed by what it separates, and where (see _fix_blanks)
            child.bk = ("in", prefix, child.bkey)


def join_wiki(segs: Iterable[Seg]) -> str:
    return "".join(s.wiki for s in segs)


def join_md(segs: Iterable[Seg]) -> str:
    return "".join(s.md for s in segs)
