# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Pages that our Markdown reader and the site's Python-Markdown provably read alike (mdcheck.py's fast path).

Checking a page against Python-Markdown costs about three times converting it; most pages of the
site are only paragraphs, headings, lists, tables, definitions, admonitions and notes written
plainly. This small grammar recognises those, line by line, with patterns strict enough that
both readers cannot differ on them (tests/convert/test_convert_mdcheck.py checks every real page
it accepts against the full check). Anything it does not know sends the page to the full check:
the grammar may only say "plain" when it is sure.
"""

from __future__ import annotations

import re

# What both readers provably read alike, line by line: anything else sends the page to the check.
# Inline: text without a character that opens markup, code spans, links and images with a plain
# address, **strong** and *emphasis* around those (not inside a word), footnote calls.
_T = r"(?:(?>[^\\`*_\[\]<&{}|~!]+)|!(?!\[)|&(?!#|\w+;))"  # runs taken whole: no backtracking
_CODE = r"`(?>[^`\n]+)`"
_CELL_CODE = r"`(?>[^`|\n]+)`"
_URL = r"(?>(?:(?>[\w.~:/?#=%+@,;!$-]+)|&(?!#|\w+;))+)"
_FNREF = r"\[\^(?>[\w-]+)\]"


def _inline(code: str) -> str:
    atom = rf"(?:{_T}|{code}|!?\[(?>(?:{_T}|{code})+)\]\({_URL}\)|{_FNREF})"
    body = rf"(?![\s*])(?>{atom}+)(?<![\s*])"  # no atom holds a *: the mark closes at the next one
    mark = rf"(?<![*\w])(?:\*\*{body}\*\*|\*{body}\*)(?![*\w])"
    return rf"(?>(?:{atom}|{mark})*)"


_INLINE = re.compile(_inline(_CODE))
_CELL = _inline(_CELL_CODE)
# What a line of text may not start with, in Python-Markdown or in our reader: anything that can open
# or interrupt a block (headings, quotes, admonitions, notes, abbreviations, definitions, rules,
# setext underlines, tables, HTML, fences…). `_FIRST` adds list items, for a block's first line.
_GOES_ON = r"(?![\s#>|:=~<_\\{}+-]|!!!|\?\?\?|\[\^|\*\[|\*\s|\*\*\*|\[[^\]]*\]:|```)"
_FIRST = _GOES_ON + r"(?!\d+\.(?:\s|$))"
_FIRST_LINE = re.compile(_FIRST)
_GOES_ON_LINE = re.compile(_GOES_ON)
_HEADING_LINE = re.compile(r"#{1,6} +" + _FIRST + _inline(_CODE) + r"(?<![#\s])")
_ITEM_LINE = re.compile(r"((?:    )*)(?:[-*+]|\d+\.) +(.*)")
_TABLE_ROW = re.compile(r"\|(?:" + _CELL + r"\|)+")
_TABLE_RULE = re.compile(r"\|(?: *:?-+:? *\|)+")
_ADMONITION_LINE = re.compile(r'(?:!!!|\?\?\?\+?) [\w-]+(?: "(.*)")?')  # the title up to the last "
_FENCE_LINE = re.compile(r"(`{3,}|~{3,})[\w+-]*")
_HR_LINE = re.compile(r"---+|\*\*\*+|___+")
_FNDEF_LINE = re.compile(r"\[\^([\w-]+)\]: +(.*)")
_ABBR_LINE = re.compile(r"\*\[(?=[^\]]*[^\]\s])[^\]\\\n]+\]: *(\S.*)")  # a name and a title, or text
_DD_LINE = re.compile(r": {1,3}(.*)")
_LABEL = re.compile(r"\[\^([\w-]+)\]")


def plain_page(body: str) -> bool:
    """Whether every line of the page is in the small grammar both readers read alike."""
    if "\t" in body or "\r" in body or "\x02" in body or "\x03" in body or "  \n" in body.rstrip(" "):
        return False
    defs: list[str] = []
    if not _PlainLines(body.split("\n"), defs).ok():
        return False
    used: list[str] = []
    for label in _LABEL.findall(body):
        if label not in used:
            used.append(label)
    return used == defs


class _PlainLines:
    """A small state machine over the lines of a page (or of an admonition's body)."""

    def __init__(self, lines: list[str], defs: list[str]) -> None:
        self.lines = lines
        self.defs = defs
        self.unit: list[str] = []  # lines of the text being read (a paragraph, an item…)

    def flush(self) -> bool:
        """The text read so far is plain inline Markdown."""
        unit, self.unit = self.unit, []
        if not unit:
            return True
        if not _FIRST_LINE.match(unit[0]) or not all(_GOES_ON_LINE.match(u) for u in unit[1:]):
            return False
        return bool(_INLINE.fullmatch("\n".join(unit)))

    def ok(self) -> bool:
        lines = self.lines
        n = len(lines)
        prev = "blank"  # what the previous line was
        depth = 0  # list depth of the previous item
        i = 0
        while i < n:
            line = lines[i]
            stripped = line.lstrip(" ")
            lead = len(line) - len(stripped)
            if not stripped:
                if not self.flush():
                    return False
                prev, i = "blank", i + 1
                continue
            if prev in ("hr", "fence", "table", "abbr-end"):
                return False  # these end before a blank line only
            if prev == "blank" and lead == 0:
                done = self.block(i)
                if done is None:
                    return False
                if done[0]:
                    prev, i = done
                    continue
            item = _ITEM_LINE.fullmatch(line) if lead % 4 == 0 else None
            if item and (prev == "blank" or prev in ("item", "cont")):
                level = len(item.group(1)) // 4
                if (prev == "blank" and level) or (prev != "blank" and level > depth + 1) or not self.flush():
                    return False
                self.unit.append(item.group(2))
                prev, depth, i = "item", level, i + 1
                continue
            if prev in ("item", "cont", "fndef", "dd", "text"):
                if prev in ("fndef", "dd") and lead != 4:
                    if prev == "dd" and _DD_LINE.fullmatch(line) and self.flush():
                        self.unit.append(line[1:].lstrip(" "))
                        i += 1
                        continue
                    if prev == "fndef" and _FNDEF_LINE.fullmatch(line):
                        if not self.flush():
                            return False
                        prev = "blank"
                        continue
                    return False
                if prev in ("item", "cont") and not _FIRST_LINE.match(stripped):
                    return False
                if prev == "text" and _DD_LINE.fullmatch(line):
                    if len(self.unit) != 1 or not self.flush():
                        return False  # a term is one line
                    self.unit.append(line[1:].lstrip(" "))
                    prev, i = "dd", i + 1
                    continue
                self.unit.append(stripped)
                prev = "cont" if prev == "item" else prev
                i += 1
                continue
            if prev in ("blank", "heading") and lead == 0:
                self.unit.append(line)
                prev, i = "text", i + 1
                continue
            return False
        return self.flush() and prev not in ("dd-term",)

    def block(self, i: int) -> tuple[str, int] | None:
        """A block that starts after a blank line: (state, next line), ("", i) when it is text, None
        when the page is not plain."""
        lines = self.lines
        n = len(lines)
        line = lines[i]
        if line[0] == "#":
            return ("heading", i + 1) if _HEADING_LINE.fullmatch(line) else None
        fence = _FENCE_LINE.fullmatch(line)
        if fence:
            marker = fence.group(1)
            j = i + 1
            while j < n and lines[j] != marker:
                if lines[j].lstrip().startswith(marker[:3]):
                    return None
                j += 1
            return ("fence", j + 1) if j < n else None
        if _HR_LINE.fullmatch(line):
            return ("hr", i + 1)
        if line[0] == "|":
            cells = line.count("|")
            if i + 1 >= n or not _TABLE_RULE.fullmatch(lines[i + 1]) or lines[i + 1].count("|") != cells:
                return None
            j = i + 2
            while j < n and lines[j].strip():
                j += 1
            rows = [lines[i], *lines[i + 2 : j]]
            if any(not _TABLE_ROW.fullmatch(r) or r.count("|") != cells for r in rows):
                return None
            return ("table", j)
        m = _ADMONITION_LINE.fullmatch(line)
        if m:
            if m.group(1) and not _INLINE.fullmatch(m.group(1)):
                return None
            j = i + 1
            while j < n and (not lines[j].strip() or lines[j].startswith("    ")):
                j += 1
            if j < n and lines[j - 1].strip():
                return None  # the next block must follow a blank line
            if not _PlainLines([ln[4:] for ln in lines[i + 1 : j]], self.defs).ok():
                return None
            return ("blank", j)
        m = _FNDEF_LINE.fullmatch(line)
        if m:
            self.defs.append(m.group(1))
            self.unit.append(m.group(2))
            return ("fndef", i + 1)
        if line.startswith("*["):
            j = i
            while j < n and lines[j].strip():
                m = _ABBR_LINE.fullmatch(lines[j])
                if not m or "[^" in lines[j]:
                    return None
                self.unit.append(m.group(1))
                if not self.flush():
                    return None
                j += 1
            return ("blank", j)
        return ("", i)
