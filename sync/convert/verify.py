# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A pulled page is checked by converting its Markdown back: what would not come back is kept verbatim.

Why: wikitext has more corners than any converter can know (unbalanced quotes, tags left open,
templates that build half a table, list markers inside other markup…). Rather than trust each
rule, the Markdown written for a page is converted back to wikitext, piece by piece: every piece
whose wikitext does not come back the same (up to spacing that MediaWiki ignores) is turned into
a ```wikitext block of its exact source lines, and the page is converted again. So a pull never
silently changes the wiki's meaning: what the site shows as text comes back as the same
wikitext, and the rest is shown as code and written back byte for byte.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable

from sync.convert.escape import is_wiki_reference
from sync.convert.mdblocks import markdown_segments
from sync.convert.segments import Seg
from sync.convert.wikiinline import _SWITCH
from sync.errors import ConversionError
from sync.sitemap import SiteMap

# Pieces that are not body text on the Markdown side: the page template and the categories go to
# the front matter, leading blank lines have no Markdown.
_NOT_BODY = frozenset({"tpl", "cat", "lead"})
_PASSES = 4


def checked(
    build: Callable[[frozenset[int]], tuple[list[Seg], list[int]]],
    *,
    site: SiteMap,
    path: str,
    memo: dict[tuple[str, bool], str] | None = None,
) -> list[Seg]:
    """Segments of a page whose Markdown converts back to the same wikitext.

    `build(raw_lines)` converts the page keeping the given top-level lines verbatim; it returns the
    segments and the offset in the page text where each top-level line starts.
    """
    forced: frozenset[int] = frozenset()
    for _ in range(_PASSES):
        segs, starts = build(forced)
        bad = _lines_not_coming_back(segs, starts, site=site, path=path, memo=memo)
        if not bad:
            return segs
        if bad <= forced:
            break
        forced |= bad
    segs, starts = build(frozenset(range(len(starts))))
    return segs


def _lines_not_coming_back(
    segs: list[Seg], starts: list[int], *, site: SiteMap, path: str, memo: dict[tuple[str, bool], str] | None
) -> frozenset[int]:
    body = "".join([s.md for s in segs])
    if not body.strip():
        return frozenset()
    spans = _line_spans(segs)
    try:
        back = markdown_segments(body, site=site, path=path, memo=memo)
    except ConversionError as exc:
        line = (exc.line or 1) - 1
        hit = [first <= line < last for first, last in spans]
        return _top_lines(segs, starts, hit if any(hit) else [True] * len(segs))
    back_spans = _line_spans(back)
    bounds = _common_bounds(spans, back_spans)
    keys = _groups(spans, bounds)
    old = _group_texts([seg.wiki if seg.kind not in _NOT_BODY else "" for seg in segs], keys)
    # Notes the wiki lists by itself (no <references /> on the page): the <references /> written back
    # for the Markdown's note definitions shows the same list, at the same place (the end).
    listed = any(seg.kind == "fndefs" and seg.wiki for seg in segs)
    new = _group_texts(
        ["" if seg.kind == "fndefs" and not listed else seg.wiki for seg in back], _groups(back_spans, bounds)
    )
    places: dict[int, tuple[int, int]] = {}
    text = ""
    wrong = set()
    added: list[int] = []  # blank lines the Markdown adds where MediaWiki does not mind one
    for key in old.keys() | new.keys():
        a, b = old.get(key, ""), new.get(key, "")
        if a == b or _normal(a) == _normal(b):
            continue
        if a == "" and b == "\n":
            if not places:  # only needed here (rare): where each group's wikitext lies
                places = _group_spans(segs, keys)
                text = "".join([seg.wiki for seg in segs])
            if key in places and places[key][0] >= len(text):
                continue  # a blank line at the end of the page: MediaWiki trims it
            if key in places and _blank_is_harmless(*_around(text, places[key])):
                added.append(key)
                continue
        wrong.add(key)
    added.sort(key=lambda k: places[k])
    for k1, k2 in itertools.pairwise(added):
        between = text[places[k1][1] : places[k2][0]]
        if all(_as_read(line) is None for line in between.split("\n")[:-1] or [""]) and between.count("\n") >= 1:
            wrong.update((k1, k2))  # two blank lines with only comments between: an empty paragraph
    if not wrong:
        return frozenset()
    hit = [key in wrong for key in keys]
    for k in range(len(segs)):
        if hit[k] and not segs[k].wiki:  # a blank line of Markdown only: what it separates comes back wrong
            for step in (-1, 1):
                j = k + step
                while 0 <= j < len(segs) and not segs[j].wiki:
                    j += step
                if 0 <= j < len(segs):
                    hit[j] = True
    return _top_lines(segs, starts, hit)


def _group_texts(wikis: list[str], keys: list[int]) -> dict[int, str]:
    """The pieces' wikitext joined by group (a group's pieces follow each other: see `_groups`)."""
    texts: dict[int, str] = {}
    start = 0
    for k in range(1, len(keys) + 1):
        if k == len(keys) or keys[k] != keys[start]:
            texts[keys[start]] = "".join(wikis[start:k])
            start = k
    return texts


def _line_spans(segs: list[Seg]) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for seg in segs:
        end = pos + seg.md.count("\n")
        spans.append((pos, end))
        pos = end
    return spans


def _group_spans(segs: list[Seg], keys: list[int]) -> dict[int, tuple[int, int]]:
    """Where each group's wikitext lies in the page text."""
    spans: dict[int, tuple[int, int]] = {}
    offset = 0
    for seg, key in zip(segs, keys, strict=True):
        start = spans[key][0] if key in spans else offset
        offset += len(seg.wiki)
        spans[key] = (start, offset)
    return spans


_COMMENT = re.compile(r"<!--.*?(?:-->|$)")


def _as_read(line: str) -> str | None:
    """A line as MediaWiki reads it: comments and behaviour switches gone; None for a line that
    held only comments (MediaWiki drops it with its line break)."""
    if "<!--" in line:
        stripped = _COMMENT.sub("", line)
        if not stripped.strip():
            return None
        line = stripped
    return _SWITCH.sub("", line) if "__" in line else line  # a line of __NOTOC__ is an empty line


_MULTI_LINE_COMMENT = re.compile(r"<!--(?:(?!-->)[^\n])*\n")
_COMMENT_LINES = re.compile(r"(?:^|\n)[ \t]*(?:<!--.*?-->[ \t]*)+(?=\n|$)", re.S)
_ANY_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)


def _around(text: str, span: tuple[int, int]) -> tuple[str, str]:
    """The wikitext lines just before and just after a span, as MediaWiki reads them."""
    start, end = span
    if "<!--" in text and _MULTI_LINE_COMMENT.search(text):  # rare: read the whole text without comments
        before = _ANY_COMMENT.sub("", _COMMENT_LINES.sub("", text[:start]))
        after = _ANY_COMMENT.sub("", _COMMENT_LINES.sub("", text[end:]))
        last = "" if not before.endswith("\n") or before.endswith("\n\n") else before[:-1].rsplit("\n", 1)[-1]
        first = after.split("\n", 1)[0]
        return (_SWITCH.sub("", last), _SWITCH.sub("", first))
    last = ""
    if start and text[start - 1] == "\n":
        pos = start - 1
        while pos > 0:
            begin = text.rfind("\n", 0, pos) + 1
            line = _as_read(text[begin:pos])
            if line is not None:
                last = line
                break
            pos = begin - 1
    first = ""
    pos = end
    while pos < len(text):
        stop = text.find("\n", pos)
        stop = len(text) if stop < 0 else stop
        line = _as_read(text[pos:stop])
        if line is not None:
            first = line
            break
        pos = stop + 1
    return last, first


_BLOCK_LINE = re.compile(
    r"^(?:=.*=[ \t]*$|----|\{\||\|\}|[|!]|[ \t]*</?(?:div|table|pre|blockquote|h[1-6]|p|ul|ol|li|dl|dd|dt|center|hr|"
    r"tr|td|th|references|gallery)\b)",
    re.I,
)


_UNKNOWN_LINE = re.compile(
    r"^\s*(?:\{\{|</?(?:includeonly|noinclude|onlyinclude|indicator|templatedata|section)\b)"
    r"|(?:\}\}|</(?:includeonly|noinclude|onlyinclude)>)\s*$",
    re.I,
)


def _line_class(line: str) -> str:
    if not line.strip():
        return "blank"
    if _UNKNOWN_LINE.search(line):
        return "unknown"  # a template or an inclusion tag may show a block, text or nothing
    if line[0] in "*#:;":
        return "list"
    if line[0] == " " and not _BLOCK_LINE.match(line):
        return "pre"  # (a tab does not start a <pre> for MediaWiki: that line goes on the paragraph)
    return "block" if _BLOCK_LINE.match(line) else "text"


def _blank_is_harmless(before: str, after: str) -> bool:
    """A blank line the Markdown needs between two blocks that MediaWiki keeps apart anyway:
    not between two lines of text, of a list or of preformatted text (MediaWiki would join those)."""
    a, b = _line_class(before), _line_class(after)
    if a == b == "list":  # a list goes on only with the same first mark (";" and ":" are one list)
        return before[0] != after[0] and not (before[0] in ";:" and after[0] in ";:")
    return not (a == b and a in ("text", "pre")) and "blank" not in (a, b) and "unknown" not in (a, b)


def _common_bounds(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[int]:
    """Markdown line numbers where a piece ends on both sides: the pieces between are compared."""
    ends_a = {end for start, end in a if end > start}
    ends_b = {end for start, end in b if end > start}
    return [0, *sorted(ends_a & ends_b)]


def _groups(spans: list[tuple[int, int]], bounds: list[int]) -> list[int]:
    """Group of each piece: the last bound at or before its first line; a piece of no Markdown line
    (a closing tag…) goes with the lines before it. The spans follow each other, so one walk."""
    out = []
    group = 0
    last = len(bounds) - 1
    for start, end in spans:
        line = start if end > start else start - 1
        while group < last and bounds[group + 1] <= line:
            group += 1
        out.append(group)
    return out


def _top_lines(segs: list[Seg], starts: list[int], hit: list[bool]) -> frozenset[int]:
    """Top-level wikitext lines (indices into `starts`) under the hit segments."""
    found: set[int] = set()
    offset = 0
    for seg, is_hit in zip(segs, hit, strict=True):
        end = offset + len(seg.wiki)
        if is_hit and seg.wiki:
            low = max(0, bisect_right(starts, offset) - 1)
            high = max(low, bisect_right(starts, end - 1) - 1)
            found.update(range(low, high + 1))
        offset = end
    return frozenset(found)


_LIST_SPACE = re.compile(r"^([*#:;]+)[ \t]+", re.M)
# the spaces before `||` are read from where their run starts, never again from inside it (a long
# run of spaces was read once per space: quadratic)
_CELL_SPACE = re.compile(r"^([|!])(?![-}+])[ \t]+|(?:(?<![ \t])[ \t]+)?(\|\||!!)[ \t]*", re.M)
_BR = re.compile(r"<br\s*/?>", re.I)
_NOWIKI = re.compile(r"<nowiki>(.*?)</nowiki>", re.S)
_LITERAL = re.compile(r"[\[\]{}'<>|=*#:;~_/!-]")
_TRAILING = re.compile(r"(?<=\S)[ \t]+$", re.M)  # a line of spaces only may go on a <pre>
_CELLS = re.compile(r"^[|!](?![-}+]).*(?:\|\||!!).*$", re.M)  # cells on one line: one per line
_REFERENCES = re.compile(r"<references\s*/>")
_AMP = re.compile(r"&amp;(#[a-zA-Z0-9]*;?|[a-zA-Z0-9]*;)")


def _normal(wiki: str) -> str:
    """Wikitext up to differences MediaWiki does not show (spacing after list marks, in headings
    and table cells, at line ends; the spelling of <br>; how literal text is cut into <nowiki>)."""
    if "<nowiki>" in wiki:  # literal text, however it is split into nowiki tags
        wiki = _NOWIKI.sub(lambda m: _LITERAL.sub(lambda c: f"&#{ord(c.group(0))};", m.group(1)), wiki)
    if "&amp;" in wiki:  # `&amp;notit;` and `&notit;` both show « &notit; »: not an entity for MediaWiki
        wiki = _AMP.sub(_literal_amp, wiki)
    wiki = _CELLS.sub(_one_cell_per_line, wiki)
    wiki = _REFERENCES.sub("<references />", wiki)
    wiki = _TRAILING.sub("", wiki)
    wiki = _LIST_SPACE.sub(r"\1", wiki)
    if "\n=" in wiki or wiki.startswith("="):
        wiki = "\n".join(_heading_line(line) if line.startswith("=") else line for line in wiki.split("\n"))
    wiki = _CELL_SPACE.sub(lambda m: m.group(1) or m.group(2), wiki)
    return _BR.sub("<br />", wiki)


def _literal_amp(m: re.Match[str]) -> str:
    """`&amp;` as `&` where what follows would not make a character reference MediaWiki reads."""
    return m.group(0) if is_wiki_reference("&" + m.group(1)) else "&" + m.group(1)


def _heading_line(line: str) -> str:
    """A heading line without the spaces inside its `=` runs: what `^(=+)[ \t]*(.*?)[ \t]*\1[ \t]*$`
    replaced by `\1\2\1`, in one walk (the regular expression tried every split of a long `=` run:
    quadratic)."""
    text = line.rstrip(" \t")
    lead = len(text) - len(text.lstrip("="))
    trail = len(text) - len(text.rstrip("="))
    k = min(lead, trail, len(text) // 2)
    if k < 1:
        return line
    return "=" * k + text[k : len(text) - k].strip(" \t") + "=" * k


def _one_cell_per_line(m: re.Match[str]) -> str:
    row = m.group(0)
    if row[0] == "!":
        row = row.replace("!!", "\n!")
    return row.replace("||", "\n" + row[0])
