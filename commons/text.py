# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Members' text placed in HTML, in generated Markdown, or behind a link: escaped here, once.

Front matter is written by members and, for pages pulled from Movilab, by
anyone who edits the wiki. Its values are text, never markup: `<img onerror>`
in a title must show as those characters, wherever the site prints it.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

# Characters that Python-Markdown (with attr_list, footnotes, tables…) could read as syntax inside
# a line of generated Markdown (after "## ", inside "[…]"): each becomes a numeric character
# reference, which Markdown copies as it is and the browser shows as the character.
_MARKDOWN_SYNTAX = frozenset("\\`*_{}[]()<>#|~&!^")


def html_text(value: object) -> str:
    """Text for an HTML element or a double-quoted attribute (the theme's only kind).

    The apostrophe, frequent in French, is left as it is: it ends nothing there.
    """
    return escape(str(value), quote=False).replace('"', "&quot;")


def markdown_text(value: object) -> str:
    """Text for a line of generated Markdown (a heading, a link label): never syntax, never HTML.

    Letters, digits and spaces stay as they are, so the source stays readable and
    French spacing (before « : » and « ? ») still applies; newlines become spaces.
    """
    text = " ".join(str(value).split())
    return "".join(f"&#{ord(c)};" if c in _MARKDOWN_SYNTAX else c for c in text)


def web_href(value: object) -> str | None:
    """The address when it is a web address (http or https, with a host); None for anything else.

    `javascript:`, `data:` and `file:` addresses never become links.
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url
