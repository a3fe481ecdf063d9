# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Wikitext cut into logical lines: a node spanning several lines keeps them together."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import Node, Tag, Text
from mwparserfromhell.parser import Parser
from mwparserfromhell.wikicode import Wikicode

from sync.convert.fasttree import FastBuilder, text_node

_PARSER = Parser()
LIST_MARK = "\x00"  # a top-level list marker (*, #, :, ;) kept as a Text node "\x00*"


def parse_page(text: str) -> Wikicode:
    """mwparserfromhell's tree of a page, with bold/italic apostrophes left as text (see quotes.py).

    Top-level list markers become light Text nodes instead of Tag nodes: building
    those tags is a third of the parse time of a typical page, and the converter
    only needs their character (see `list_mark`). The tree is built by fasttree.py.
    """
    return FastBuilder(LIST_MARK).build(_PARSER._tokenizer.tokenize(text, 0, True))


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
