# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a reader sees in a rendered page, read from its HTML (the site's or MediaWiki's): the one reader
of rendered HTML.

The push check (mdcheck.py) reads the site's rendering of a page with it; the rendering tests
(tests/convert/render_compare.py) and bench/fidelity.py read both the site's and the wiki's. What is
seen: headings, list items, table cells, link targets, notes, the running text, and the text cut
into chunks where code kept for the wiki stands, each with whitespace collapsed; what each caller
hides (anchors, edit links, the table of contents…) is given by predicates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote

HEADINGS = tuple(f"h{level}" for level in range(1, 7))
BLOCKS = frozenset(
    (
        *HEADINGS,
        *[
            "p",
            "li",
            "td",
            "th",
            "tr",
            "thead",
            "tbody",
            "caption",
            "div",
            "pre",
            "dt",
            "dd",
            "dl",
            "ul",
            "ol",
            "blockquote",
            "table",
        ],
        *["details", "summary", "section", "figure", "figcaption", "center", "hr", "br"],
    )
)
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source"})
FILE_PREFIXES = ("Fichier:", "File:", "Image:")

Predicate = Callable[[str, dict[str, str]], bool]


def _never(_tag: str, _attrs: dict[str, str]) -> bool:
    return False


@dataclass
class Seen:
    headings: list[tuple[int, str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (target, text)
    notes: list[str] = field(default_factory=list)
    text: str = ""  # the running text outside the notes, an image's alternative text included
    # the visible text outside the notes, without images' alternative text, cut where code kept for
    # the wiki (`raw`) stands or where a piece of its own (`apart`) starts: what bench/fidelity.py
    # finds in order in the wiki's text
    chunks: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)  # file names, a file not uploaded yet included
    sources: list[str] = field(default_factory=list)  # each shown image's address, as written
    notes_text: str = ""  # the notes' whole text, a space between their blocks


def _norm(text: str) -> str:
    """Whitespace collapsed (character references are already read by the parser: not read twice)."""
    return re.sub(r"\s+", " ", text).strip()


def file_name(src: str) -> str:
    """The file an image address shows (the last part of its path, as MediaWiki names files)."""
    return unquote(src.rsplit("/", 1)[-1]).replace("_", " ").split("?")[0]


class _Reader(HTMLParser):
    def __init__(
        self,
        skip: Predicate,
        note_block: Predicate,
        link_target: Callable[[dict[str, str]], str | None],
        raw: Predicate,
        apart: Predicate,
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.note_block = note_block
        self.link_target = link_target
        self.raw = raw
        self.apart = apart
        self.stack: list[tuple[str, bool, bool]] = []  # tag, hidden (skipped or kept code), in notes
        self.seen = Seen()
        self.text: list[str] = []
        self.chunk: list[str] = []
        self.capture: dict[int, list[str]] = {}  # stack depth → text of the element being read
        self.links: list[tuple[str | None, list[str]]] = []
        self.note_text: list[str] = []

    def _hidden(self) -> bool:
        return any(h for _, h, _ in self.stack)

    def _in_notes(self) -> bool:
        return any(n for _, _, n in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in VOID:
            if not self._hidden():
                if not self._in_notes():
                    self.chunk.append(" ")
                if tag == "br":
                    self._data(" ")
                if tag == "img":
                    self.seen.images.append(file_name(a.get("src", "")))
                    self.seen.sources.append(a.get("src", ""))
                    self._data(a.get("alt", ""))  # what a reader gets of an image (or of a missing one)
            return
        raw = self.raw(tag, a)
        if (raw or self.apart(tag, a)) and not self._hidden():
            self._cut()
        self.stack.append((tag, self.skip(tag, a) or raw, self.note_block(tag, a)))
        if self._hidden():
            return
        if tag in BLOCKS:
            self._block()
        depth = len(self.stack)
        if tag in HEADINGS or tag in ("li", "th", "td", "dt", "dd", "a"):
            self.capture[depth] = []
        if tag == "a":
            self.links.append((self.link_target(a), self.capture[depth]))
            title = a.get("title", "")
            if "new" in a.get("class", "").split() and title.startswith(FILE_PREFIXES):
                self.seen.images.append(title.split(":", 1)[1])  # a file not uploaded yet (push --images does)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not any(name == tag for name, _, _ in self.stack):
            return  # a void element's end (`<input />`) or a stray end tag
        while self.stack[-1][0] != tag:  # elements left open inside it end with it
            self.capture.pop(len(self.stack), None)
            self.stack.pop()
        depth = len(self.stack)
        captured = self.capture.pop(depth, None)
        hidden = self._hidden()
        in_notes = self._in_notes()
        self.stack.pop()
        if tag in BLOCKS:
            if in_notes:
                self.note_text.append(" ")
            else:
                self.chunk.append(" ")
                self.text.append(" ")
        if captured is None or hidden:
            return
        text = _norm("".join(captured))
        if tag == "a":
            return  # listed at the end, from where it starts (an <a> left open links too)
        if in_notes:
            if tag == "li":
                self.seen.notes.append(text)
        elif tag.startswith("h") and len(tag) == 2:
            self.seen.headings.append((int(tag[1]), text))
        elif tag in ("li", "dt", "dd"):
            self.seen.items.append(text)
        elif tag in ("th", "td"):
            self.seen.cells.append(text)

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            if self._in_notes():
                self.note_text.append(data)
            else:
                self.chunk.append(data)
            self._data(data)

    def _block(self) -> None:
        """A block element starts or ends: it separates words."""
        if self._in_notes():
            self.note_text.append(" ")
        else:
            self.chunk.append(" ")
            self.text.append(" ")

    def _data(self, data: str) -> None:
        for buf in self.capture.values():
            buf.append(data)
        if not self._in_notes():
            self.text.append(data)

    def _cut(self) -> None:
        self.seen.chunks.append(_norm("".join(self.chunk)))
        self.chunk = []


def read_html(
    source: str,
    *,
    skip: Predicate,
    note_block: Predicate = _never,
    link_target: Callable[[dict[str, str]], str | None],
    raw: Predicate = _never,
    apart: Predicate = _never,
) -> Seen:
    """What a reader sees of a page: `skip` elements are not seen, `raw` ones are code kept for the
    wiki (not seen, and they cut `chunks`), `note_block` holds the notes, `apart` starts a chunk;
    `link_target` gives what a link is recorded as (None: not a link)."""
    reader = _Reader(skip, note_block, link_target, raw, apart)
    reader.feed(source)
    reader.close()
    reader._cut()
    # every link, in a note too (a reader follows it alike), with the text read up to its end
    reader.seen.links = [(target, _norm("".join(text))) for target, text in reader.links if target is not None]
    reader.seen.text = _norm("".join(reader.text))
    reader.seen.notes_text = _norm("".join(reader.note_text))
    return reader.seen
