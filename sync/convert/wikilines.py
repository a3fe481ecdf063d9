# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Wikitext cut into logical lines: a node spanning several lines keeps them together."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mwparserfromhell.nodes import Node, Text
from mwparserfromhell.wikicode import Wikicode


@dataclass
class LLine:
    nodes: list[Node]
    text: str
    multi: bool = False


def logical_lines(code: Wikicode) -> list[LLine]:
    lines: list[LLine] = []
    nodes: list[Node] = []
    text: list[str] = []
    multi = False
    for node in code.nodes:
        if isinstance(node, Text):
            if "\n" not in node.value:
                nodes.append(node)
                text.append(node.value)
                continue
            parts = node.value.split("\n")
            for k, part in enumerate(parts):
                if part:
                    nodes.append(Text(part))
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
