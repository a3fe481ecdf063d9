# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Wikitext cut into logical lines: a node spanning several lines keeps them together."""

from __future__ import annotations

import re
from dataclasses import dataclass

import mwparserfromhell
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


def parse_page(text: str) -> Wikicode:
    """mwparserfromhell's tree of a page, with bold/italic apostrophes left as text (see quotes.py).

    Top-level list markers become light Text nodes instead of Tag nodes: building
    those tags is a third of the parse time of a typical page, and the converter
    only needs their character (see `list_mark`). The tree is built by fasttree.py, or by the
    library's builder on a version fasttree.py was not written for (same tree, slower).
    """
    toks = _PARSER._tokenizer.tokenize(text, 0, True)
    if FAST_TREE:
        return FastBuilder(LIST_MARK).build(toks)
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
