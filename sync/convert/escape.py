# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Escaping literal text for each side, and the allowlist that keeps wiki input harmless.

Why here: both directions must agree exactly on what is literal text, or a
round trip would add or drop escapes at every pass.

Safety (wikitext comes from an open wiki). The Markdown written from wikitext
holds no raw HTML but what this list allows, and `md_html_is_allowed` checks
every pulled piece against it before the page is written (api.py):
- the inline tags of `SAFE_INLINE_TAGS` and `<br>`, without any attribute;
- HTML comments whose text is plain (`md_comment`): no `<`, `>`, `&`, backtick,
  backslash, `[`, `]`, `|`, control character nor `--`, not starting with `>`
  or `->` (browsers end a comment at `<!-->`, `<!--->` and `--!>`, MediaWiki
  only at `-->`). Any other comment is carried as `<!-- wikitext: … -->` with
  those characters written as character references (`hidden` / `unhide`);
- autolinks `<http…>` without spaces or angle brackets.
A Markdown line never starts with a comment followed by anything else
(`md_line_is_safe`): Python-Markdown would take the whole line as raw HTML.
Text: every `<` that could open a tag becomes `&lt;`, `{` is escaped so that
attr_list cannot add attributes (`{: onclick=…}`), control characters become
U+FFFD (Python-Markdown uses STX…ETX as placeholders). Links keep only the
schemes of `SAFE_SCHEMES`; tags with attributes, scripts, styles, templates
and anything else are shown as code (a code span or a ```wikitext block),
and fence info strings are only `wikitext` or word characters. md_in_html never
applies: no block-level HTML is written. Abbreviations kept in wiki comments
come back only when plain. What the wiki puts in the front matter (template
parameters, categories and their sort keys) is YAML data, never body text.
"""

from __future__ import annotations

import html
import html.entities
import re
import unicodedata

from commons.codespans import without_code_spans

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
# `&` before what the site may read as a character reference (`&notit;` shows « ¬it; » in a browser,
# `&#65` shows « A »: the wiki shows both as written)
_MD_SPECIAL = re.compile(r"[\\`*\[\]{}]|_|<(?=[a-zA-Z/!?])|&(?=#|[a-zA-Z0-9]+;)")
_MD_SPECIAL_START = re.compile(r"[\\`*\[\]{}_<&]")  # every character a match of _MD_SPECIAL starts with


def _md_sub(match: re.Match[str]) -> str:
    char = match.group(0)
    if char == "_":
        text, pos = match.string, match.start()
        before = text[pos - 1] if pos else " "
        after = text[pos + 1] if pos + 1 < len(text) else " "
        return "_" if before.isalnum() and after.isalnum() else "\\_"
    if char == "<":
        return "&lt;"
    if char == "&":  # escaped where the site would read a character the wiki does not
        ref = _SITE_REFERENCE.match(match.string, match.start())
        if ref is None or html.unescape(ref.group(0)) == ref.group(0) or is_wiki_reference(ref.group(0)):
            return "&"
        return "&amp;"
    return "\\" + char


def md_escape(text: str) -> str:
    """Literal text → Markdown that Python-Markdown renders as exactly that text."""
    if not _MD_SPECIAL_START.search(text):  # most text (three times faster than a substitution)
        return text
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


# --- HTML comments ------------------------------------------------------------------------------
# A wiki comment is copied as an HTML comment only when its text is plain: no character that a
# browser, Python-Markdown or MediaWiki could read differently. Browsers end a comment at `<!-->`,
# `<!--->` and `--!>`, MediaWiki only at `-->`; Python-Markdown's inline patterns (code, escapes,
# links, autolinks, entities) run before it sees the comment, and a `|` would cut a table cell.
_COMMENT_UNSAFE = "<>&`\\[]|"
_PLAIN_COMMENT = re.compile(
    r"(?![ ]?(?:wikitext|md):)[^-" + re.escape(_COMMENT_UNSAFE) + r"\x00-\x1f\x7f]+"
    r"(?:-[^-" + re.escape(_COMMENT_UNSAFE) + r"\x00-\x1f\x7f]+)*"
)
_HIDDEN_ENCODE = re.compile(r"[&<>`\\\[\]|\x00-\x1f\x7f]|(?<=-)-|-(?=-)|^-|-$")
_HIDDEN_DECODE = re.compile(r"&(?:(amp|lt|gt)|#([0-9]{1,7}));")
HIDDEN_PREFIX = " wikitext: "


def md_comment(body: str) -> str:
    """A wiki comment (its text between `<!--` and `-->`) → an HTML comment that every parser closes
    where MediaWiki does: the same comment when its text is plain, else the encoded form of `hidden`."""
    if _PLAIN_COMMENT.fullmatch(body) and body != " ":  # `<!-- -->` only separates lists in Markdown
        return f"<!--{body}-->"
    return hidden(f"<!--{body}-->")


def hidden(wikitext: str) -> str:
    """Wikitext that shows nothing, carried in a Markdown comment `<!-- wikitext: … -->`.

    Its characters that could end the comment early or mean something to Markdown are written as
    character references (`&lt;`, `&#45;`…), so the comment is inert everywhere; `unhide` reverses it.
    """
    encoded = _HIDDEN_ENCODE.sub(lambda m: _HIDDEN_REFS.get(m.group(0)) or f"&#{ord(m.group(0))};", wikitext)
    return f"<!--{HIDDEN_PREFIX}{encoded} -->"


_HIDDEN_REFS = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def unhide(encoded: str) -> str:
    """The wikitext of a `<!-- wikitext: … -->` comment (only the references `hidden` writes are decoded)."""

    def sub(m: re.Match[str]) -> str:
        if m.group(1):
            return {"amp": "&", "lt": "<", "gt": ">"}[m.group(1)]
        code = int(m.group(2))
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _HIDDEN_DECODE.sub(sub, encoded)


_LINE_START_COMMENT = re.compile(r"[ \t]{0,3}<!--")
_ONLY_COMMENTS = re.compile(r"[ \t]*(?:<!--(?:(?!-->).)*-->[ \t]*)+\n?")


def md_line_is_safe(line: str) -> bool:
    """False for a line that starts with a comment and goes on: Python-Markdown would take the whole
    line as raw HTML, so what follows the comment (code spans included) would reach the page as is."""
    return not _LINE_START_COMMENT.match(line) or bool(_ONLY_COMMENTS.fullmatch(line))


# C0 controls (but tab, newline, carriage return) and DEL: MediaWiki shows each as U+FFFD, and
# Python-Markdown (like this converter) uses \x02…\x03 as its own placeholders.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NO_CONTROLS = {code: "\ufffd" for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]}


def replace_controls(text: str) -> str:
    """Control characters → U+FFFD, which is what MediaWiki shows for them."""
    return text.translate(_NO_CONTROLS) if CONTROLS.search(text) else text


# The HTML that Markdown written from the wiki may hold, outside code (the last check of a pull).
_MD_HTML_START = re.compile(r"<(?=[!/?a-zA-Z])")
_MD_ALLOWED_HTML = re.compile(
    r"<!--(?!-?>)(?:[^-<>`\\\[\]|\n]|-(?!-))*-->"
    r"|</?(?:" + "|".join(sorted(SAFE_INLINE_TAGS)) + r")>"
    r"|<br ?/?>"
    r"|<(?:https?|ftps?)://[^<>\s]*>"
)


def md_html_is_allowed(md: str) -> bool:
    """Whether Markdown pulled from the wiki holds only allowed HTML outside code spans, and no
    line that starts with a comment and goes on (see md_line_is_safe)."""
    if "<" not in md:
        return True
    if not all(md_line_is_safe(line) for line in md.splitlines()):
        return False
    text = without_code_spans(md) if "`" in md else md
    return all(_MD_ALLOWED_HTML.match(text, m.start()) for m in _MD_HTML_START.finditer(text))


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


_URL_SPACE = re.compile(r"\s")


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
        bracketed = "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
        if _MD_HTML_START.match(bracketed) and not _MD_ALLOWED_HTML.match(bracketed):
            # read as an HTML tag by the check of what a pull writes (`<https://…#a b>` may be
            # one): the spaces are percent-encoded instead, and the parentheses if unbalanced
            if depth != 0 or not balanced:
                url = url.replace("(", "%28").replace(")", "%29")
            return _URL_SPACE.sub(lambda m: f"%{ord(m.group(0)):02X}", url.replace("<", "%3C").replace(">", "%3E"))
        return bracketed
    return url


# A wiki file name, as the site's address names it (decoded), that MediaWiki reads otherwise in
# `[[Fichier:…]]`: an entity or a percent escape it decodes once more, `~~~` (a signature when saved),
# a `:` (Special:FilePath reads `Fichier:x.png` or `en:x.png` as a prefix, the link as part of the
# name; no upload has one), U+FFFD (what invalid UTF-8 decodes to), non-characters, and the dot
# segments that make a title invalid. MediaWiki shows all of these as text, or another file.
_FILE_NAME_MISREAD = re.compile(r"&#?\w+;|%[0-9A-Fa-f]{2}|~{3}|[:\ufffd\ufffe\uffff]|(?:^|/)\.\.?(?:/|$)")
# What MediaWiki makes of a title before checking it: marks of direction dropped, runs of spaces
# (its list) one space, none at the ends
_TITLE_MARKS = re.compile("[\u200e\u200f\u202a-\u202e]")
_TITLE_SPACES = re.compile("[ _\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
TITLE_MAX_BYTES = 255


def wiki_file_name_refusal(name: str) -> str | None:
    """Why the wiki cannot show the file `name` (decoded) as the site does: a key of mdcheck.REFUSALS.

    One check for both directions: the push refuses such a name, the pull keeps its image as wikitext."""
    key = _TITLE_SPACES.sub(" ", _TITLE_MARKS.sub("", unicodedata.normalize("NFC", name))).strip()
    if not key or any(c in key for c in "[]{}|#<>"):
        return "image_name"
    if any(c < " " or c == "\x7f" for c in key):
        return "image_control"
    if _FILE_NAME_MISREAD.search(key) or len(key.encode("utf-8", "surrogatepass")) > TITLE_MAX_BYTES:
        return "image_misread"
    return None


# --- wikitext side -------------------------------------------------------------------------------
APOS = "\x01"  # literal apostrophe, resolved once the whole line is known
_WIKI_SPECIAL = re.compile(
    r"\[\[|\]\]|\{\{|\}\}|~{3,}|__[A-Za-z]+__|-\{|\}-"
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


# What MediaWiki reads inside an address too (templates, signatures, behaviour switches, language
# variants, quote runs), and what ends an address: percent-encoded in addresses, as a browser may
# send them; kept as text with <nowiki> in a link's own text.
_URL_QUOTE = str.maketrans({" ": "%20", "[": "%5B", "]": "%5D", '"': "%22", "<": "%3C", ">": "%3E"})
_URL_MARKUP = re.compile(r"\{\{|\}\}|~{3,}|__[A-Za-z]+__|-\{|\}-|'{2,}")


def wiki_url(url: str) -> str:
    """An address as wikitext: MediaWiki ends it, or reads markup in it, nowhere the site does not."""
    return _URL_MARKUP.sub(
        lambda m: "".join(c if c.isalpha() else f"%{ord(c):02X}" for c in m.group(0)), url.translate(_URL_QUOTE)
    )


def wiki_url_text(url: str) -> str:
    """An address shown as a link's text: the same characters, none read as markup or as a link end."""
    return _URL_MARKUP.sub(lambda m: f"<nowiki>{m.group(0)}</nowiki>", url.replace("]", "&#93;"))


_WIKI_TRIGGER = re.compile(r"[\[\]{}~_<&]|://")  # the first character of every match of _WIKI_SPECIAL
_NOWIKI_RUN = re.compile(r"<nowiki>([^<]*)</nowiki>([^<&\n']*)<nowiki>([^<]*)</nowiki>")


def wiki_escape(text: str) -> str:
    """Literal text → wikitext showing exactly that text (apostrophes left as APOS markers).

    Neighbouring escapes become one `<nowiki>` (`<nowiki>[[pas un lien]]</nowiki>`, as people
    write it, rather than three).
    """
    if not _WIKI_TRIGGER.search(text):  # most text: nothing MediaWiki would read as markup
        return text.replace("'", APOS) if "'" in text else text
    escaped = _WIKI_SPECIAL.sub(_wiki_sub, text)
    if escaped.count("<nowiki>") > 1:
        while True:
            joined = _NOWIKI_RUN.sub(r"<nowiki>\1\2\3</nowiki>", escaped)
            if joined == escaped:
                break
            escaped = joined
    return escaped.replace("'", APOS)


# a marker next to an apostrophe or another marker (one literal first: eight times faster than
# `{APOS}(?=['{APOS}])|(?<=['{APOS}]){APOS}`, the same matches)
_APOS_NEAR_QUOTE = re.compile(f"{APOS}(?:(?=['{APOS}])|(?<=['{APOS}]{APOS}))")
_WIKI_LINE_START = re.compile(r"^(?:[*#:; ]|\{\||----|=(?=.*=\s*$))")


def wiki_finish_line(line: str) -> str:
    """Resolve apostrophe markers and protect a line start MediaWiki would read as a block."""
    if APOS in line:
        line = _APOS_NEAR_QUOTE.sub("&#39;", line).replace(APOS, "'")
    if not line or line[0] not in "*#:; {-=":
        return line
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


_SITE_REFERENCE = re.compile(r"&(?:#[0-9a-zA-Z]*;?|[a-zA-Z0-9]+;)")  # what a browser may decode, and more
_WIKI_REFERENCE = re.compile(r"&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z][a-zA-Z0-9]*));")


def wiki_code_point(code: int) -> bool:
    """Whether MediaWiki shows `&#code;` as its character (Sanitizer::validateCodepoint); it shows any
    other number as written."""
    return (
        code in (0x09, 0x0A, 0x0D) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
    )


def is_wiki_reference(text: str) -> bool:
    """Whether `text` is a whole character reference MediaWiki reads as a character (`&amp;`, `&#65;`):
    HTML's names, and numbers of code points it accepts."""
    m = _WIKI_REFERENCE.fullmatch(text)
    if m is None:
        return False
    if m.group(3) is not None:
        return m.group(3) + ";" in html.entities.html5
    number = m.group(1)
    return wiki_code_point(int(number) if number is not None else int(m.group(2), 16))
