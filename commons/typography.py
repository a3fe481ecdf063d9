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

# Elements whose text is not prose.
_VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"})
# Elements whose content is raw text for the HTML parser: skipped to their end tag at once.
_RAW = frozenset({"script", "style", "textarea"})

_TOKEN = re.compile(
    r"<!--.*?-->"  # comment
    r"|<![^>]*>"  # doctype, CDATA
    r"|<\?.*?\?>"  # processing instruction
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>",  # tag, quoted attributes may hold >
    re.S,
)
# A run of spaces is matched from its start only (lookbehind) and never given back
# (possessive ++): pages hold long runs of indentation, and a pattern retried
# at every position of every run made the build several times slower.
_SPACE = r"(?:[ \t\r\n\u00a0\u202f]|&nbsp;|&#160;|&#xa0;)"
_RUN = r"(?<![ \t\r\n\u00a0\u202f])" + _SPACE + "++"
_BEFORE_TALL = re.compile(_RUN + r"(?=[?!;])")
_BEFORE_COLON = re.compile(_RUN + r"(?=:)")
_AFTER_OPENING = re.compile(r"«" + _SPACE + r"*+")
_BEFORE_CLOSING = re.compile(r"(?:" + _RUN + r")?»")
_MARKS = frozenset("?!;:«»")


def space_text(text: str) -> str:
    """Apply French spacing to one run of (HTML-escaped) text."""
    if _MARKS.isdisjoint(text):  # most text between tags is indentation
        return text
    text = _BEFORE_TALL.sub(NNBSP, text)
    text = _BEFORE_COLON.sub(NBSP, text)
    text = _AFTER_OPENING.sub("«" + NBSP, text)
    return _BEFORE_CLOSING.sub(NBSP + "»", text)


def french_spacing(html: str) -> str:
    """The page with French spacing in its text nodes only; running it twice changes nothing."""
    out: list[str] = []
    depth = 0  # how many verbatim elements enclose the current position
    position = 0
    while True:
        match = _TOKEN.search(html, position)
        end = match.start() if match else len(html)
        text = html[position:end]
        out.append(space_text(text) if depth == 0 and text else text)
        if match is None:
            break
        out.append(match.group(0))
        position = match.end()
        closing, name = match.group(1), (match.group(2) or "").lower()
        if name not in _VERBATIM or match.group(0).endswith("/>"):
            continue
        if closing:
            depth = max(0, depth - 1)
        elif name in _RAW:
            # Raw text ends only at its own end tag: "<" inside a script is not a tag.
            found = re.compile(rf"</{name}\s*>", re.I).search(html, position)
            stop = found.start() if found else len(html)
            out.append(html[position:stop])
            position = stop
        else:
            depth += 1
    return "".join(out)
