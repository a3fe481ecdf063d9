# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Escaping literal text for each side, and the allowlists that keep wiki input harmless.

Why here: both directions must agree exactly on what is literal text, or a
round trip would add or drop escapes at every pass.

Safety (wikitext comes from an open wiki): the Markdown we write from wikitext
never holds raw HTML except (a) the inline tags of `SAFE_INLINE_TAGS` written
without any attribute, (b) `<br>`, (c) HTML comments whose text cannot close
early. Every other `<` that could open a tag is written `&lt;`, every `{` is
escaped so attr_list cannot add attributes (`{: onclick=…}`), and link URLs
must use a scheme of `SAFE_SCHEMES`. Anything else is shown as code.
"""

from __future__ import annotations

import re

# Inline HTML tags that MediaWiki and the site both render, kept when they carry no attribute.
SAFE_INLINE_TAGS = frozenset(
    {
        "sup",
        "sub",
        "u",
        "s",
        "del",
        "ins",
        "small",
        "big",
        "kbd",
        "mark",
        "q",
        "var",
        "samp",
        "cite",
        "dfn",
        "abbr",
        "span",
        "b",
        "i",
        "em",
        "strong",
        "tt",
        "bdi",
    }
)
SAFE_SCHEMES = ("http://", "https://", "mailto:", "ftp://", "ftps://", "//")

# --- Markdown side -------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"[\\`*\[\]{}]|_|<(?=[a-zA-Z/!?])")


def _md_sub(match: re.Match[str]) -> str:
    char = match.group(0)
    if char == "_":
        text, pos = match.string, match.start()
        before = text[pos - 1] if pos else " "
        after = text[pos + 1] if pos + 1 < len(text) else " "
        return "_" if before.isalnum() and after.isalnum() else "\\_"
    if char == "<":
        return "&lt;"
    return "\\" + char


def md_escape(text: str) -> str:
    """Literal text → Markdown that Python-Markdown renders as exactly that text."""
    return _MD_SPECIAL.sub(_md_sub, text)


_MD_LINE_START = re.compile(
    r"^(?:(?P<hash>#)|(?P<gt>>)|(?P<bullet>[-+])(?=\s|$)|(?P<num>\d+)\.(?=\s|$)|(?P<bang>!!!)"
    r"|(?P<q>\?\?\?)|(?P<colon>:)(?=\s)|(?P<setext>[=]+\s*$|-+\s*$)|(?P<tilde>~~~))"
)


def md_escape_line_start(line: str) -> str:
    """Escape the start of a paragraph line that Markdown would read as a block marker."""
    m = _MD_LINE_START.match(line)
    if not m:
        return line
    kind = m.lastgroup
    if kind == "num":
        return m.group("num") + "\\." + line[m.end() :]
    if kind == "q":
        return "&#63;" + line[1:]
    if kind == "colon":
        return "&#58;" + line[1:]
    if kind == "tilde":
        return "&#126;" + line[1:]
    if kind == "setext" and line.startswith("="):
        return "&#61;" + line[1:]
    return "\\" + line


def code_fence(content: str, minimum: int = 1) -> str:
    """Shortest backtick run that does not occur in `content` (for code spans)."""
    runs = {len(r) for r in re.findall(r"`+", content)}
    size = minimum
    while size in runs:
        size += 1
    return "`" * size


def md_code_span(content: str, cls: str | None = None) -> str:
    fence = code_fence(content)
    inner = f" {content} " if content.startswith("`") or content.endswith("`") else content
    return f"{fence}{inner}{fence}" + (f"{{.{cls}}}" if cls else "")


def safe_url(url: str) -> bool:
    low = url.strip().lower()
    return low.startswith(SAFE_SCHEMES)


def md_url(url: str) -> str:
    """URL as written inside `[text](…)`: angle brackets when it has spaces or unbalanced parentheses."""
    depth = 0
    balanced = True
    for char in url:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                balanced = False
    if " " in url or depth != 0 or not balanced or "<" in url or ">" in url:
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


# --- wikitext side -------------------------------------------------------------------------------
APOS = "\x01"  # literal apostrophe, resolved once the whole line is known
_WIKI_SPECIAL = re.compile(
    r"\[\[|\]\]|\{\{|\}\}|~{3,}|__[A-Z]+__|-\{|\}-"
    r"|\[(?=(?:https?:|ftps?:|mailto:|//))|(?:https?|ftps?)://[^\s<>\[\]]+"
    r"|<(?=[a-zA-Z/!?])|&(?=#?[a-zA-Z0-9]+;)"
)


def _wiki_sub(match: re.Match[str]) -> str:
    text = match.group(0)
    if text == "<":
        return "&lt;"
    if text == "&":
        return "&amp;"
    if text in ("[", "]"):
        return text
    return f"<nowiki>{text}</nowiki>"


def wiki_escape(text: str) -> str:
    """Literal text → wikitext showing exactly that text (apostrophes left as APOS markers)."""
    return _WIKI_SPECIAL.sub(_wiki_sub, text).replace("'", APOS)


_APOS_NEAR_QUOTE = re.compile(f"{APOS}(?=['{APOS}])|(?<=['{APOS}]){APOS}")
_WIKI_LINE_START = re.compile(r"^(?:[*#:; ]|\{\||----|=(?=.*=\s*$))")


def wiki_finish_line(line: str) -> str:
    """Resolve apostrophe markers and protect a line start MediaWiki would read as a block."""
    line = _APOS_NEAR_QUOTE.sub("&#39;", line).replace(APOS, "'")
    m = _WIKI_LINE_START.match(line)
    if m:
        head = m.group(0)
        line = f"<nowiki>{head}</nowiki>" + line[len(head) :]
    return line


_NOWIKI_INNER = re.compile(r"&(?=#?[a-zA-Z0-9]+;)|<(?=/?nowiki)", re.I)


def wiki_nowiki(text: str) -> str:
    """Literal text inside <nowiki> (entities are still decoded there, so `&` must be escaped)."""
    return "<nowiki>" + _NOWIKI_INNER.sub(lambda m: "&amp;" if m.group(0) == "&" else "&lt;", text) + "</nowiki>"


_PRE_INNER = re.compile(r"&(?=#?[a-zA-Z0-9]+;)|<(?=[a-zA-Z/!])")


def wiki_pre_escape(text: str) -> str:
    """Literal code → content of a wiki <pre> (tags, comments and entities are live there)."""
    return _PRE_INNER.sub(lambda m: "&amp;" if m.group(0) == "&" else "&lt;", text)


_CODE_NEEDS_NOWIKI = re.compile(r"['\[\]{}<>&~_|*#:=]|//")


def wiki_code(content: str) -> str:
    if _CODE_NEEDS_NOWIKI.search(content) or content != content.strip():
        return f"<code>{wiki_nowiki(content)}</code>"
    return f"<code>{content}</code>"
