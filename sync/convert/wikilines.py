# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Wikitext cut into logical lines: a node spanning several lines keeps them together."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

import mwparserfromhell
from mwparserfromhell.definitions import PARSER_BLACKLIST, SINGLE
from mwparserfromhell.nodes import Node, Tag, Text
from mwparserfromhell.parser import Parser, tokens
from mwparserfromhell.parser.builder import Builder
from mwparserfromhell.wikicode import Wikicode

from sync.convert.fasttree import BUILT_FOR, FastBuilder, text_node

_PARSER = Parser()
LIST_MARK = "\x00"  # a top-level list marker (*, #, :, ;) kept as a Text node "\x00*"
# fasttree.py fills mwparserfromhell's private fields: only for the version it was written for.
# Another version (a fork that bumps the pin) gets the library's own, slower builder.
FAST_TREE = mwparserfromhell.__version__ == BUILT_FOR
_OPENS = (
    tokens.TemplateOpen,
    tokens.ArgumentOpen,
    tokens.WikilinkOpen,
    tokens.ExternalLinkOpen,
    tokens.HeadingStart,
    tokens.CommentStart,
    tokens.TagOpenOpen,
)
_CLOSES = (
    tokens.TemplateClose,
    tokens.ArgumentClose,
    tokens.WikilinkClose,
    tokens.ExternalLinkClose,
    tokens.HeadingEnd,
    tokens.CommentEnd,
    tokens.TagCloseSelfclose,
    tokens.TagCloseClose,
)


# What makes mwparserfromhell's tokenizer slow: an opening it tries as a construct and gives up
# only at the end of the page (`{{a|`, `<b x`, `<span title="`, `[[a|`…). It tries each one again from
# its own place, so a page of 4,000 of them took 15 to 30 s to read (quadratic). `parse_cost` counts,
# in one pass, the characters those failed tries would read; a page over the cap is refused.
_SINGLE_TAGS = frozenset(SINGLE)  # tags the tokenizer does not look a closing tag for
# tags whose body the tokenizer reads as plain text up to `</name>` (<pre>, <nowiki>, <syntaxhighlight>…)
_UNPARSED_TAGS = frozenset(PARSER_BLACKLIST)
_OPENINGS = re.compile(
    r"\{\{|\}\}|\[\[|\]\]|\[(?=[A-Za-z][A-Za-z0-9+.-]*:|//)|\]|<!--|^[ \t:]*\{\||^[ \t]*\|\}"
    r"|<(/?)([A-Za-z][A-Za-z0-9]*)(?:[^<>]*?(/?)>)?",
    re.M,
)
_CLOSING = {"}}": "{{", "]]": "[[", "]": "["}
# Calibrated on the shapes of bench/hostile.py and on long pages of real tags: the tokenizer reads
# 5 to 60 million counted characters a second of templates and links never closed, attributes never
# closed by `>` (`<b x`) four times slower than that, and the bodies of tags closed by `>` but never by
# `</name>` (`<p>`, `<div style="…">`, `<pre>`) 20 to 150 million a second (the slowest on bodies
# dense in templates, links and tables): their characters count an eighth, and each opening or
# closing read again in them six. A page just under the cap costs about a second;
# the corpora's and docs/'s pages count at most a few thousand.
PARSE_COST_CAP = 5_000_000
_ATTRIBUTES_WEIGHT = 4
_TAG_BODY_DIVISOR = 8
_TAG_BODY_MARKUP_WEIGHT = 6


def _tag_body_cost(chars: int, markup: int) -> int:
    """What a try of a tag's body costs: its characters, and the markup in it read again."""
    return chars // _TAG_BODY_DIVISOR + _TAG_BODY_MARKUP_WEIGHT * markup


def _end_tag(name: str) -> re.Pattern[str]:
    """How the tokenizer ends an unparsed tag's body: `</name>`, any case, spaces before `>`."""
    return re.compile(r"</" + re.escape(name) + r"[^\S\n]*>", re.I)


_UNPARSED_ENDS = {name: _end_tag(name) for name in _UNPARSED_TAGS}


def parse_cost(text: str, cap: int = PARSE_COST_CAP) -> tuple[int, int | None]:
    """An estimate of what the tokenizer reads in tries it gives up (stopping once over `cap`), and the
    offset of the first opening never closed that counts (None when none does).

    A model, not the tokenizer: openings and closings are paired by kind (templates, links, external
    links, tables, and each tag name), and every opening left unpaired counts the characters from it
    to where the tokenizer gives it up: the end of the page, or the end of its line for an external
    link and for a link whose `|` is not on that line (then it counts nothing). A tag without its `>`
    is unpaired and counts four times; a tag's body (after `>`) an eighth, and six for each opening
    or closing in it. As in the tokenizer, a
    comment and the body of an unparsed tag (<pre>, <nowiki>, <syntaxhighlight>…) are skipped up to
    their end (`-->`, `</pre>`); without it, they count as unpaired. Linear in the page's length.
    """
    size = len(text)
    open_at: dict[str, list[int]] = {}
    cost = 0
    first: int | None = None
    line_ends: list[int] | None = None
    pipes: list[int] = []
    pos = 0
    seen = 0  # openings and closings read so far (a tag's body retries the markup after it)
    seen_at: dict[int, int] = {}
    endless: set[str] = set()  # `-->` or `</name>` not found after a place: not after any later one
    while (m := _OPENINGS.search(text, pos)) is not None:
        pos = m.end()
        seen += 1
        token = m.group(0)
        name = m.group(2)
        if name is not None:
            name = name.lower()
            if name in _SINGLE_TAGS or m.group(3):
                continue
            if m.group(1):
                key, opening = "<" + name, False
            elif token.endswith(">"):
                key, opening = "<" + name, True
                after = text[m.end(2)]
                if name in _UNPARSED_TAGS and name not in endless and (after in "/>" or after.isspace()):
                    body_end = _UNPARSED_ENDS[name].search(text, pos)
                    if body_end is not None:  # its body is text to the tokenizer
                        pos = body_end.end()
                        continue
                    endless.add(name)
            else:  # no `>` before the next `<`: never a tag, its attributes tried to the end (slower)
                cost += _ATTRIBUTES_WEIGHT * (size - m.start())
                first = m.start() if first is None else min(first, m.start())
                if cost > cap:
                    break
                continue
        elif token.startswith("<!"):  # a comment, `<!--`
            end_at = -1 if token in endless else text.find("-->", pos)
            if end_at >= 0:  # a comment's text is not read as wikitext
                pos = end_at + 3
                continue
            endless.add(token)
            key, opening = token, True
        elif token.endswith("{|"):
            key, opening = "{|", True
        elif token.endswith("|}"):
            key, opening = "{|", False
        else:
            opening = token not in _CLOSING
            key = token if opening else _CLOSING[token]
        if opening:
            open_at.setdefault(key, []).append(m.start())
            seen_at[m.start()] = seen
        elif open_at.get(key):
            open_at[key].pop()
    for key, starts in open_at.items():
        if not starts:
            continue
        if key in ("[", "[["):
            # an external link is given up at its line's end, a link's target at its line's end or at
            # the next `[[` (only a link's text, after `|`, goes on to the end of the page)
            if line_ends is None:
                line_ends = [m.start() for m in re.finditer("\n", text)]
                pipes = [m.start() for m in re.finditer(r"\|", text)]
            for start in starts:
                end = line_ends[k] if (k := bisect_left(line_ends, start)) < len(line_ends) else size
                piped = (p := bisect_left(pipes, start)) < len(pipes) and pipes[p] < end
                read = end - start if key == "[" else size - start if piped else 0
                if read:
                    cost += read
                    first = start if first is None else min(first, start)
        else:
            if key[0] == "<" and key != "<!--":  # a tag's body: its text is read fast, its markup not
                cost += sum(
                    min(_ATTRIBUTES_WEIGHT * (size - start), _tag_body_cost(size - start, seen - seen_at[start]))
                    for start in starts
                )
            else:
                cost += sum(size - start for start in starts)
            first = starts[0] if first is None else min(first, starts[0])
    return cost, first


def tangled_at(text: str, cap: int = PARSE_COST_CAP) -> int | None:
    """The offset of the first opening never closed when the page's `parse_cost` is over `cap`, else None.

    Most pages are told apart by counting their openings (each costs at most the page's length):
    the walk of `parse_cost` is only for the rest.
    """
    openings = 4 * text.count("<") + text.count("{{") + text.count("[") + text.count("{|")
    if openings * len(text) <= cap:
        return None
    cost, first = parse_cost(text, cap)
    return first if cost > cap else None


def parse_page(text: str) -> Wikicode:
    """mwparserfromhell's tree of a page, with bold/italic apostrophes left as text (see quotes.py).

    Top-level list markers become light Text nodes instead of Tag nodes: building
    those tags is a third of the parse time of a typical page, and the converter
    only needs their character (see `list_mark`). The tree is built by fasttree.py, or by the
    library's builder on a version fasttree.py was not written for (same tree, slower).
    """
    return page_tree(page_tokens(text))


def page_tokens(text: str) -> list[tokens.Token]:
    """The tokenizer's tokens of a page (bold and italics left as text)."""
    toks: list[tokens.Token] = _PARSER._tokenizer.tokenize(text, 0, True)
    return toks


def page_tree(toks: list[tokens.Token]) -> Wikicode:
    """The tree of a page's tokens (which it leaves untouched: one tokenization serves many trees)."""
    if FAST_TREE:
        return FastBuilder(LIST_MARK).build(list(toks))
    return library_tree(toks)


def library_tree(toks: list[tokens.Token]) -> Wikicode:
    """The library's Builder, after replacing each top-level list marker tag by a Text node."""
    out = []
    depth = 0
    i = 0
    while i < len(toks):
        tok = toks[i]
        kind = type(tok)
        if (
            depth == 0
            and kind is tokens.TagOpenOpen
            and tok.get("wiki_markup") in ("*", "#", ":", ";")
            and i + 2 < len(toks)
            and type(toks[i + 2]) is tokens.TagCloseSelfclose
        ):
            out.append(tokens.Text(text=LIST_MARK + tok["wiki_markup"]))
            i += 3
            continue
        if kind in _OPENS:
            depth += 1
        elif kind in _CLOSES:
            depth -= 1
        out.append(tok)
        i += 1
    return Builder().build(out)


def list_mark(node: Node) -> str | None:
    """The list character a node stands for (*, #, : or ;), or None."""
    if isinstance(node, Text):
        value = node.value
        return value[1:] if value[:1] == LIST_MARK else None
    if isinstance(node, Tag) and node.wiki_markup in ("*", "#", ":", ";"):
        return str(node.wiki_markup)
    return None


@dataclass
class LLine:
    nodes: list[Node]
    text: str
    multi: bool = False
    raw: bool = False  # kept verbatim (its Markdown would not come back the same: see verify.py)


def logical_lines(code: Wikicode) -> list[LLine]:
    lines: list[LLine] = []
    nodes: list[Node] = []
    text: list[str] = []
    multi = False
    for node in code.nodes:
        if isinstance(node, Text):
            value = node.value
            if "\n" not in value:
                nodes.append(node)
                text.append(value[1:] if value[:1] == LIST_MARK else value)
                continue
            parts = node.value.split("\n")
            for k, part in enumerate(parts):
                if part:
                    nodes.append(text_node(part))
                    text.append(part)
                if k < len(parts) - 1:
                    text.append("\n")
                    lines.append(LLine(nodes, "".join(text), multi))
                    nodes, text, multi = [], [], False
        else:
            source = str(node)
            nodes.append(node)
            text.append(source)
            if "\n" in source:
                multi = True
    if nodes:
        lines.append(LLine(nodes, "".join(text), multi))
    return lines


def _fence(content: str) -> str:
    """A code fence longer than any backtick run that starts a line of `content`."""
    runs = [len(m) for m in re.findall(r"^\s*(`{3,})", content, re.M)]
    return "`" * max(3, max(runs, default=0) + 1)
