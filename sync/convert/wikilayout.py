# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Layout of the Markdown written from wikitext: the blank lines and separators Markdown needs.

Wikitext and Markdown disagree on what ends a block: a list followed by a
paragraph, two quotes or two lists of different kinds one after the other
are separate on the wiki but would merge in Markdown. These passes add
Markdown-only pieces (a blank line, an empty comment) whose wikitext is empty,
so they never reach the wiki.
"""

from __future__ import annotations

import itertools

from mwparserfromhell.nodes import Node, Text

from sync.convert.escape import md_escape_line_start
from sync.convert.segments import Seg

_INVISIBLE = frozenset({"blank", "cat", "lead", "tpl"})  # nothing between two blocks for Markdown
_CLOSERS = frozenset({"bq-close", "adm-close", "tclose"})


def _significant(nodes: list[Node]) -> list[Node]:
    return [n for n in nodes if not (isinstance(n, Text) and not n.value.strip())]


def _edges(seg: Seg) -> tuple[str | None, str | None]:
    edges = seg.extra.get("edges")
    return edges if isinstance(edges, tuple) else (None, None)


def _absorb_leading_blanks(segs: list[Seg]) -> list[Seg]:
    """Blank lines before the first visible block have no Markdown (the body starts at its first block)."""
    out: list[Seg] = []
    for seg in segs:
        if seg.kind == "blank" and all(not s.md for s in out):
            if out:
                out[-1].wiki += seg.wiki
            else:
                out.append(Seg("lead", "", seg.wiki, fk=("lead",)))
            continue
        out.append(seg)
    return out


def _join_emphasis(segs: list[Seg]) -> None:
    """Emphasis closed at the end of a line and reopened on the next is one Markdown emphasis.

    MediaWiki cannot carry bold or italic across a line break, so the push
    closes and reopens it on each line; the pull joins it back.
    """
    for a, b in itertools.pairwise(segs):
        if a.kind != "p" or b.kind != "p" or a.block != b.block:
            continue
        close = _edges(a)[1]
        open_ = _edges(b)[0]
        if close and close == open_:
            mark = close
            rest = b.md[len(mark) :]
            if (
                a.md.endswith(mark + "\n")
                and b.md.startswith(mark)
                and not b.md.startswith(mark + "*")
                and md_escape_line_start(rest) == rest
                and rest[:1] not in (" ", "\t")
            ):
                a.md = a.md[: -len(mark) - 1] + "\n"
                b.md = b.md[len(mark) :]


def _separate_lists(segs: list[Seg]) -> list[Seg]:
    """Two wiki lists of different kinds, or two quotes, one after the other would be one in Markdown."""
    out: list[Seg] = []
    last_li: Seg | None = None
    before: str | None = None  # kind of the last visible piece written
    for seg in segs:
        if seg.kind == "bq-open" and before == "bq-close":
            out.append(Seg("list-sep", "<!-- -->\n", "", block=-seg.block))
            before = "list-sep"
        if (
            seg.kind == "li"
            and last_li is not None
            and last_li.block != seg.block
            and str(seg.fctx[0])[:1] != str(last_li.fctx[0])[:1]
        ):
            out.append(Seg("list-sep", "<!-- -->\n", "", block=-seg.block))
        if seg.kind == "li":
            last_li = seg
        elif seg.kind not in _INVISIBLE:
            last_li = None
        out.append(seg)
        if seg.kind not in _INVISIBLE:
            before = seg.kind
    return out


def finish(segs: list[Seg]) -> list[Seg]:
    """Insert the blank lines Markdown needs between blocks; give blank lines their context."""
    _join_emphasis(segs)
    segs = _separate_lists(segs)
    out: list[Seg] = []
    prev: Seg | None = None
    prev_at = 0
    for seg in segs:
        if seg.md and prev is not None and seg.kind != "blank" and prev.kind != "blank" and _needs_blank(prev, seg):
            # after the previous visible piece and its closing tags, before any opening tag
            at = prev_at + 1
            while at < len(out) and out[at].kind in _CLOSERS:
                at += 1
            out.insert(at, Seg("blank", "\n", "", block=seg.block))
        out.append(seg)
        if seg.md:
            prev = seg
            prev_at = len(out) - 1
    visible = [s for s in out if s.md]
    following: list[str] = []  # for each visible piece, the kind of the next one that is not a blank line
    nxt = "end"
    for seg in reversed(visible):
        following.append(nxt)
        if seg.kind != "blank":
            nxt = seg.kind
    following.reverse()
    prev_kind = "start"
    for seg, nxt in zip(visible, following, strict=True):
        if seg.kind != "blank":
            prev_kind = seg.kind
            continue
        seg.fctx = (prev_kind, nxt)
        # whether the wiki has this blank line or not, and however the author wrote it in a quote
        seg.bk = ("blank", bool(seg.extra.get("quote")), seg.extra.get("in"), prev_kind, nxt)
    return out


def _needs_blank(prev: Seg, seg: Seg) -> bool:
    if prev.block == seg.block:
        return False
    if prev.extra.get("inside") and not seg.extra.get("inside"):
        return True  # Markdown would continue the quote or admonition
    kinds = {prev.kind, seg.kind}
    if prev.kind == "heading" or (
        seg.kind == "heading" and prev.kind in ("p", "comment", "hr") and not prev.extra.get("inside")
    ):
        return False
    return not ("comment" in kinds and kinds <= {"comment", "p"})
