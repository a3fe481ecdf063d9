# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""French spacing in rendered pages: no "?" alone at the start of a line, no split « guillemets ».

French puts a space before ? ! ; : and inside « », and that space must not
break: on a phone, a title such as "Qu'est-ce qu'un tiers-lieu ?" otherwise
wraps its "?" onto a line of its own. Members type ordinary spaces (the web
editor has no other), so the site makes them unbreakable when it renders
pages: a narrow no-break space (U+202F) before ? ! ; and a no-break space
(U+00A0) before : and inside « ».

Only text between tags changes. Attributes, URLs, comments, and the
contents of code, pre, kbd, samp, script, style, textarea, svg and math are
copied byte for byte: a space in code means what it says.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"  # no-break space

# Elements whose text is not prose, and those whose content is raw text for the
# HTML parser ("<" inside a script is not a tag): skipped to their end tag at once.
_VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"})
_RAW = frozenset({"script", "style", "textarea"})
_VERBATIM_TAG = re.compile(
    r"<!--.*?-->|<(/?)(code|pre|kbd|samp|script|style|textarea|svg|math)\b((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>",
    re.S | re.I,
)
# Any tag or comment starting at a "<" (quoted attribute values may hold ">").
_TAG_AT = re.compile(r"<!--.*?-->|<[!?/]?[a-zA-Z]?(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.S)

_SPACE = r"(?:[ \t\r\n\u00a0\u202f]|&nbsp;|&#160;|&#xa0;)"
_MARKS = frozenset("?!;:«»")


def space_text(text: str) -> str:
    """Apply French spacing to one run of (HTML-escaped) text with no tag in it."""
    return _space_segment(text)


_MARK = re.compile(r"[?!;:«»]")
_SPACES = " \t\r\n\u00a0\u202f"
_ENTITIES = ("&nbsp;", "&#160;", "&#xa0;")
_LEADING = re.compile("(?>" + _SPACE + "*)")  # atomic, not `*+`: see commons/sanitize.py


def _run_start(text: str, end: int, floor: int) -> int:
    """Where the run of spaces (characters or no-break entities) that ends at `end` begins."""
    start = end
    while start > floor:
        char = text[start - 1]
        if char in _SPACES:
            start -= 1
        elif char == ";" and (entity := next((e for e in _ENTITIES if text.endswith(e, floor, start)), None)):
            start -= len(entity)
        else:
            break
    return start


def _inside_tag(text: str, at: int) -> bool:
    opening = text.rfind("<", 0, at)
    if opening == -1:
        return False
    tag = _TAG_AT.match(text, opening)
    return tag is None or tag.end() > at


def _space_segment(segment: str) -> str:
    """French spacing in a stretch of HTML holding no verbatim element: tags are left as they are.

    Only the marks themselves are looked at (a page has few), each checked to
    lie between tags rather than inside one (an attribute value): scanning
    every character for spaces made the build markedly slower on large sites.
    """
    out: list[str] = []
    copied = 0
    for mark in _MARK.finditer(segment):
        at = mark.start()
        if at < copied:
            continue
        char = segment[at]
        if char == "«":
            after = _LEADING.match(segment, at + 1)
            stop = after.end() if after else at + 1
            if segment[at + 1 : stop] == NBSP or _inside_tag(segment, at):
                continue
            out.append(segment[copied:at] + "«" + NBSP)
            copied = stop
            continue
        start = _run_start(segment, at, copied)
        wanted = NBSP if char in ":»" else NNBSP
        if (start == at and char != "»") or segment[start:at] == wanted or _inside_tag(segment, at):
            continue
        out.append(segment[copied:start] + wanted)
        copied = at
    out.append(segment[copied:])
    return "".join(out)


def french_spacing(html: str) -> str:
    """The page with French spacing in its text nodes only; running it twice changes nothing."""
    if _MARKS.isdisjoint(html):
        return html
    out: list[str] = []
    depth = 0  # how many verbatim elements enclose the current position
    position = 0  # start of what is not copied yet
    scan = 0
    while (match := _VERBATIM_TAG.search(html, scan)) is not None:
        scan = match.end()
        if match.group(2) is None:  # a comment: part of the surrounding stretch, checked there
            continue
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            if depth == 0:  # a stray end tag
                continue
            depth -= 1
            if depth == 0:  # copy the verbatim element as it is
                out.append(html[position:scan])
                position = scan
            continue
        if depth == 0:
            out.append(_space_segment(html[position : match.start()]))
            position = match.start()
        if match.group(3).rstrip().endswith("/"):  # <svg … />: nothing inside
            if depth == 0:
                out.append(html[position:scan])
                position = scan
            continue
        depth += 1
        if name in _RAW:  # its end tag is the next one, whatever comes between
            found = re.compile(rf"</{name}\s*>", re.I).search(html, scan)
            scan = found.start() if found else len(html)
    out.append(_space_segment(html[position:]) if depth == 0 else html[position:])
    return "".join(out)
