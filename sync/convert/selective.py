# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Selective conversion: with `base` or `local`, only the parts of a page that changed are converted.

Why: a push or a pull meets pages where one paragraph changed since the last sync. Converting
the whole previous version of the other side to align it piece by piece (segments.py) costs
two or three times a plain conversion; Parsoid serialises visual edits the same way, touching
only what changed ("selective serialisation").

How: both versions of the wikitext are cut into chunks at empty lines that stand between two
top-level blocks (never inside a template, a table, a tag or a comment). The side being written
is converted anyway (the Markdown of the push, the local Markdown of the pull), so its wikitext
is known chunk by chunk. Chunks whose wikitext is the same on both sides are kept as they are;
only the runs of chunks that differ are converted from the other side and merged piece by piece,
exactly as the whole page would be. Whatever depends on the rest of the page (footnotes,
categories, a list or a quote that the next chunk would continue in Markdown) sends the page
back to the whole conversion: these functions then return None.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable

from sync.convert.segments import Seg, merge

# Pieces of wikitext whose conversion depends on other chunks of the page.
_CONTEXT = re.compile(r"<ref|<references|\[\[\s*:?\s*(?:cat[ée]gor(?:ie|y))\s*:", re.I)
# (each alternative starts with its own character: the lookahead lets the regex engine skip plain text)
_SCAN = re.compile(r"(?=[-<{}\[\]])(?:[{}]|\[\[|\]\]|-->|<(?:!--|(/?)([a-zA-Z][\w-]*)(?:[^<>]*?(/?)(>))?))")
# Tags that never hold content (mwparserfromhell reads them alone), and empty lines (chunk ends).
_VOID = frozenset({"br", "hr", "wbr", "img", "meta", "link", "col", "area", "source", "input", "embed", "param"})
# one empty line after text (two show on the wiki); written literal first, which the engine finds fast
_EMPTY_LINES = re.compile(r"\n\n(?!\n)(?<=[^\n]\n\n)")
_OPENERS = frozenset({"adm-open", "bq-open"})
_CLOSERS = frozenset({"adm-close", "bq-close"})
# The share of a page that may differ before a whole conversion is cheaper than pieces of it.
_MOST = 0.5

Convert = Callable[[str], tuple[list[Seg], object]]


def split_wikitext(text: str) -> list[str]:
    """Chunks of wikitext, each ending with the empty line after it, cut only where nothing is open.

    A cut is made at an empty line (only one: two show as an empty paragraph) when every template, table (`{`/`}`), link, comment and tag
    opened before it is closed: there, MediaWiki and mwparserfromhell both start a new block.
    Anything unbalanced (a stray `}`, a tag left open) stops further cuts: fewer chunks, never a
    wrong one.
    """
    chunks: list[str] = []
    start = 0
    scanned = 0
    braces = links = 0
    comment = False
    tags: dict[str, int] = {}
    for m in _EMPTY_LINES.finditer(text):
        pending = False  # a tag whose ">" is not before this empty line: it may be after it
        for token in _SCAN.finditer(text, scanned, m.start()):
            mark = token.group(0)
            if comment:
                comment = mark != "-->"
                continue
            if mark == "<!--":
                comment = True
            elif mark == "{":
                braces += 1
            elif mark == "}":
                braces -= 1
                if braces < 0:
                    return [c for c in [*chunks, text[start:]] if c]  # unbalanced: no cut after this one
            elif mark == "[[":
                links += 1
            elif mark == "]]":
                links -= 1
                if links < 0:
                    return [c for c in [*chunks, text[start:]] if c]
            elif mark != "-->":
                if not token.group(4):
                    pending = True
                    scanned = token.start()  # read it again, whole, at the next empty line
                    break
                name = token.group(2).lower()
                if token.group(3) or name in _VOID:
                    continue
                count = tags.get(name, 0) + (-1 if token.group(1) else 1)
                if count < 0:
                    return [c for c in [*chunks, text[start:]] if c]
                if count:
                    tags[name] = count
                else:
                    del tags[name]
        if pending:
            continue
        scanned = m.start()
        if comment or braces or links or tags:
            continue
        chunks.append(text[start : m.end()])
        start = scanned = m.end()
    chunks.append(text[start:])
    return [c for c in chunks if c]


def group_segments(segs: list[Seg]) -> list[list[Seg]]:
    """Segments in chunks cut where their wikitext has one empty line at the top level.

    Segments of no wikitext (Markdown-only blank lines, link definitions, separators) stay with
    the chunk before them.
    """
    groups: list[list[Seg]] = [[]]
    depth = 0
    newlines = 0  # newlines that end the wikitext of the current chunk
    for seg in segs:
        wiki = seg.wiki
        if depth == 0 and newlines == 2 and wiki and wiki[0] != "\n" and groups[-1]:
            groups.append([])
        groups[-1].append(seg)
        if seg.kind in _OPENERS:
            depth += 1
        elif seg.kind in _CLOSERS:
            depth -= 1
        if wiki:
            bare = wiki.rstrip("\n")
            newlines = len(wiki) - len(bare) + (newlines if not bare else 0)
    return [g for g in groups if g]


def _texts(groups: list[list[Seg]]) -> list[str]:
    texts = ["".join(s.wiki for s in g) for g in groups]
    if texts:
        texts[-1] = texts[-1].rstrip("\n") + "\n"
    return texts


def _normal_chunks(text: str) -> list[str]:
    return split_wikitext(text.rstrip("\n") + "\n")


def _aligned(
    segs: list[Seg], wikitext: str
) -> tuple[list[list[Seg]], list[str], list[tuple[str, int, int, int, int]]] | None:
    """The Markdown side's segment groups, the wiki side's chunks and the opcodes aligning them.

    None when too much differs to gain anything (see `_regions`).
    """
    groups = group_segments(segs)
    theirs = _normal_chunks(wikitext)
    opcodes = _regions(_texts(groups), theirs)
    return None if opcodes is None else (groups, theirs, opcodes)


def _regions(ours: list[str], theirs: list[str]) -> list[tuple[str, int, int, int, int]] | None:
    """Opcodes aligning the two chunk lists, or None when too much differs to gain anything.

    Only chunks found once on each side anchor the alignment (as patience diff does): a chunk that
    comes back several times, such as a heading repeated on a page, could be matched with the wrong
    one, and the pieces around it would be converted against the wrong text. Between two anchors,
    the chunks are the same if they are the same list of texts, else they are converted together.
    A first chunk is read as the start of a page (leading blank lines, a page template), so it is
    the same only as the other first chunk.
    """
    a, b = _first_marked(ours), _first_marked(theirs)
    opcodes: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for anchor_i, anchor_j in [*_anchors(a, b), (len(a), len(b))]:
        if a[i:anchor_i] == b[j:anchor_j]:
            if anchor_i > i:
                opcodes.append(("equal", i, anchor_i, j, anchor_j))
        else:
            opcodes.append(("replace", i, anchor_i, j, anchor_j))
        if anchor_i < len(a):
            opcodes.append(("equal", anchor_i, anchor_i + 1, anchor_j, anchor_j + 1))
        i, j = anchor_i + 1, anchor_j + 1
    changed = sum(len("".join(theirs[j1:j2])) for tag, _i1, _i2, j1, j2 in opcodes if tag != "equal")
    if changed > _MOST * max(1, sum(map(len, theirs))):
        return None
    return opcodes


def _anchors(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Pairs of positions of the chunks found once in each list, the longest run in the same order."""
    count_a, count_b = Counter(a), Counter(b)
    where_b = {text: k for k, text in enumerate(b) if count_b[text] == 1}
    pairs = [(k, where_b[text]) for k, text in enumerate(a) if count_a[text] == 1 and text in where_b]
    # longest increasing subsequence of the positions in b (patience sorting)
    tails: list[int] = []  # index into pairs of the smallest tail of each length
    back: list[int] = [-1] * len(pairs)
    for k, (_i, j) in enumerate(pairs):
        length = bisect_left([pairs[t][1] for t in tails], j)
        back[k] = tails[length - 1] if length else -1
        if length == len(tails):
            tails.append(k)
        else:
            tails[length] = k
    out: list[tuple[int, int]] = []
    k = tails[-1] if tails else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def _first_marked(chunks: list[str]) -> list[str]:
    return ["\x00" + chunks[0], *chunks[1:]] if chunks else chunks  # no control character is in a page


def _depends_on_the_page(text: str, segs: list[Seg]) -> bool:
    """Whether converting this run of chunks alone could differ from converting it in its page:
    footnotes are numbered and gathered over the whole page, categories only count at its end."""
    if _CONTEXT.search(text) or _CONTEXT.search("".join(s.wiki for s in segs)):
        return True
    return any(s.kind in ("fndefs", "cat") or "[^" in s.md for s in segs)


def push_changed(
    segs: list[Seg], base: str, convert: Convert, refine: Callable[[Seg, Seg], str | None]
) -> tuple[str, list[Seg]] | None:
    """The wikitext of a push (Markdown segments `segs`, categories included) over `base`.

    Returns the text and the segments of `base` converted for the first chunk (empty when that
    chunk did not change), or None when the whole page must be converted.
    """
    aligned = _aligned(segs, base)
    if aligned is None:
        return None
    groups, theirs, opcodes = aligned
    out: list[str] = []
    first: list[Seg] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            out.extend(theirs[j1:j2])
            continue
        new = [s for g in groups[i1:i2] for s in g]
        text = "".join(theirs[j1:j2])
        if _depends_on_the_page(text, new):
            return None
        old, _data = convert(text) if text or j1 == 0 else ([], None)
        if j1 == 0:
            first = old
        elif any(s.kind == "tpl" for s in old):
            return None  # a template taken for a page template in the middle of the page
        out.extend(merge(old, new, forward=True, keep=frozenset({"lead"}), refine=refine))
    return "".join(out), first


def pull_changed(local: list[Seg], wikitext: str, convert: Convert) -> tuple[str, object | None] | None:
    """The Markdown body of a pull of `wikitext` over the local segments (page template first).

    Returns the body and the converted data of the first chunk when it changed (its page template),
    or None when the whole page must be converted.
    """
    aligned = _aligned(local, wikitext)
    if aligned is None:
        return None
    groups, theirs, opcodes = aligned
    pieces: list[list[Seg]] = []  # the Markdown pieces, chunk run by chunk run
    changed: list[bool] = []
    first_data: object | None = None
    for tag, i1, i2, j1, j2 in opcodes:
        old = [s for g in groups[i1:i2] for s in g]
        if tag == "equal":
            pieces.append(old)
            changed.append(False)
            continue
        text = "".join(theirs[j1:j2])
        if _depends_on_the_page(text, old):
            return None
        new, data = convert(text) if text or j1 == 0 else ([], None)
        if j1 == 0:
            first_data = data
        elif any(s.kind in ("tpl", "lead") for s in new):
            return None
        md = merge([s for s in old if s.kind != "tpl"], new, forward=False)
        pieces.append([Seg("md", "".join(md), "")])
        pieces[-1][0].extra["segs"] = new
        changed.append(True)
    if not _apart(pieces, changed):
        return None
    return "".join(s.md for run in pieces for s in run), first_data


_JOINING = frozenset({"li", "bq-open", "bq-close", "list-sep"})


def _apart(pieces: list[list[Seg]], changed: list[bool]) -> bool:
    """No converted run ends or starts with a list or a quote that its neighbour would continue
    in Markdown (two wiki lists apart are one Markdown list when only a blank line separates them)."""
    for k in range(len(pieces) - 1):
        if not (changed[k] or changed[k + 1]):
            continue
        if _edge(pieces[k], last=True) in _JOINING and _edge(pieces[k + 1], last=False) in _JOINING:
            return False
    return True


def _edge(run: list[Seg], *, last: bool) -> str | None:
    """Kind of the first or last visible piece of a run (of the converted segments when converted)."""
    segs = run
    if len(run) == 1 and run[0].kind == "md":
        inner = run[0].extra.get("segs")
        segs = inner if isinstance(inner, list) else []
    for seg in reversed(segs) if last else segs:
        if seg.kind in ("blank", "lead", "tpl", "cat") or not (seg.md or seg.kind in ("bq-open", "bq-close")):
            continue
        return seg.kind
    return None
