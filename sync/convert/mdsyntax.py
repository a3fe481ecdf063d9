# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Line-level Markdown syntax shared by the block parsers (Python-Markdown's rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sync.convert.escape import SAFE_INLINE_TAGS

_FENCE = re.compile(r"^(`{3,}|~{3,})\s*(.*?)\s*$")
_ATX = re.compile(r"^(#{1,6})(.*?)#*$")  # closing hashes only at the very end, as Python-Markdown reads them
_HR = re.compile(r"^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_ADMONITION = re.compile(r'^(!!!|\?\?\?\+?) ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*)")? *$')
_QUOTE = re.compile(r"^ {0,3}> ?")
_ITEM = re.compile(r"^ {0,3}(?:([-*+])|(\d+)\.)[ ]+(.*)$")
_FNDEF = re.compile(r"^ {0,3}\[\^([^\]]+)\]:[ ]*(.*)$")
# An abbreviation is defined only with a non-blank name (no backslash) and a non-blank title, as the site's
# abbr extension reads it; otherwise the line is text on the site.
_ABBR = re.compile(r"^\*\[(?=[^\]]*[^\]\s])([^\]\\]*)\][ ]?:[ ]*(\S.*)$")
_LINKREF = re.compile(r"""^ {0,3}\[([^\]^][^\]]*)\]:\s*<?(\S+?)>?(?:\s+["'(].*["')])?\s*$""")
_TABLE_SEP = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_ONLY_COMMENTS = re.compile(r"^(?:<!--(?:(?!-->).)*-->\s*)+$")
_DD = re.compile(r"^:[ ]{1,3}(.*)$")
_HTML_BLOCK = re.compile(r"^<(?!!--)(/?)([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>]|$)")
# Inline HTML a Markdown page may hold: the safe formatting tags plus those the converter handles itself.
_INLINE_TAGS = SAFE_INLINE_TAGS | {"code", "br", "a", "img"}
ALIGN_STYLE = {
    "left": 'style="text-align:left;" | ',
    "center": 'style="text-align:center;" | ',
    "right": 'style="text-align:right;" | ',
    None: "",
}


# Python-Markdown breaks lines at "\r\n", "\r" and "\n" only (its NormalizeWhitespace step), never at
# the other line boundaries of str.splitlines() (U+2028, U+2029, \x85, \x0b, \x0c, \x1c-\x1e): inside a
# line those are ordinary characters on the site, so our reader keeps them inside the line too.
_SOURCE_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def source_lines(text: str) -> list[str]:
    """The lines of a page as Python-Markdown cuts them, each with its line break."""
    return _SOURCE_LINE.findall(text)


@dataclass(slots=True)
class Line:
    text: str  # content with the container prefixes removed, no newline
    index: int  # index in the page's list of raw lines


def _blank(line: Line) -> bool:
    return not line.text.strip()


def _indented(text: str) -> bool:
    return text.startswith("    ") or text.startswith("\t")


def _dedent(text: str) -> str:
    if text.startswith("\t"):
        return text[1:]
    return text[4:] if text.startswith("    ") else text.lstrip(" ")
