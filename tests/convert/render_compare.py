# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a reader sees in a rendered page, read from the HTML of the site or of MediaWiki.

Used by the rendering-equivalence test: headings, list items, table cells,
link targets, footnotes and the running text, each normalised so that
differences no reader can see (whitespace, anchors, edit links, the table of
contents MediaWiki adds, footnote numbering markup) do not count. The one
reader of rendered HTML: bench/fidelity.py reads its pages with `read_html` too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlparse

from sync.sitemap import SiteMap, resolve

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


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def file_name(src: str) -> str:
    """The file an image address shows (the last part of its path, as MediaWiki names files)."""
    return unquote(src.rsplit("/", 1)[-1]).replace("_", " ").split("?")[0]


class _Reader(HTMLParser):
    def __init__(
        self,
        skip: Predicate,
        note_block: Predicate,
        link_target: Callable[[dict[str, str]], str],
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
        self.links: list[tuple[str, list[str]]] = []

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
                    self._data(a.get("alt", ""))  # what a reader gets of an image (or of a missing one)
            return
        raw = self.raw(tag, a)
        if (raw or self.apart(tag, a)) and not self._hidden():
            self._cut()
        self.stack.append((tag, self.skip(tag, a) or raw, self.note_block(tag, a)))
        if self._hidden():
            return
        if tag in BLOCKS and not self._in_notes():
            self.chunk.append(" ")
            self.text.append(" ")
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
        while self.stack[-1][0] != tag:
            self.stack.pop()
        depth = len(self.stack)
        captured = self.capture.pop(depth, None)
        hidden = self._hidden()
        in_notes = self._in_notes()
        self.stack.pop()
        if tag in BLOCKS and not in_notes:
            self.chunk.append(" ")
            self.text.append(" ")
        if captured is None or hidden:
            return
        text = _norm("".join(captured))
        if tag == "a":
            target = next(t for t, buf in reversed(self.links) if buf is captured)
            if target:
                self.seen.links.append((target, text))  # in a note too: a reader follows it alike
        elif in_notes:
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
            if not self._in_notes():
                self.chunk.append(data)
            self._data(data)

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
    link_target: Callable[[dict[str, str]], str],
    raw: Predicate = _never,
    apart: Predicate = _never,
) -> Seen:
    """What a reader sees of a page: `skip` elements are not seen, `raw` ones are code kept for the
    wiki (not seen, and they cut `chunks`), `note_block` holds the notes, `apart` starts a chunk."""
    reader = _Reader(skip, note_block, link_target, raw, apart)
    reader.feed(source)
    reader.close()
    reader._cut()
    reader.seen.text = _norm("".join(reader.text))
    return reader.seen


def read_site(source: str, *, site: SiteMap, path: str) -> Seen:
    """HTML made by Python-Markdown with the site's extensions (relative .md links not yet rewritten)."""

    def skip(tag: str, a: dict[str, str]) -> bool:
        classes = a.get("class", "").split()
        return (
            "headerlink" in classes
            or "footnote-backref" in classes
            or (tag == "sup" and a.get("id", "").startswith("fnref"))
            or "admonition-title" in classes
            or tag == "summary"
        )

    def note_block(tag: str, a: dict[str, str]) -> bool:
        return tag == "div" and "footnote" in a.get("class", "").split()

    def target(a: dict[str, str]) -> str:
        href = unquote(a.get("href", ""))
        if href.startswith(site.wiki_pages_url):
            return "wiki:" + (site.title_for_wiki_url(href.split("#")[0]) or "")
        if "://" in href or href.startswith("mailto:"):
            return href
        if href.startswith("#"):
            return "ancre"
        page, _, anchor = href.partition("#")
        docs_path = resolve(path, page)
        title = site.title_for(docs_path)
        if title:
            return "wiki:" + title
        return site.page_url(docs_path) + (f"#{anchor}" if anchor else "")

    return read_html(source, skip=skip, note_block=note_block, link_target=target)


def read_mediawiki(source: str, *, site: SiteMap) -> Seen:
    """HTML returned by MediaWiki's action=parse."""

    def skip(tag: str, a: dict[str, str]) -> bool:
        classes = a.get("class", "").split()
        return (
            "mw-editsection" in classes
            or "toc" in classes
            or a.get("id") == "toc"
            or "reference" in classes
            or "mw-cite-backlink" in classes
            or "admonition-title" in classes
        )

    def note_block(tag: str, a: dict[str, str]) -> bool:
        return "references" in a.get("class", "").split() or "mw-references-wrap" in a.get("class", "").split()

    def target(a: dict[str, str]) -> str:
        href = a.get("href", "")
        if "external" in a.get("class", "").split() or "://" in href:
            return unquote(href)
        if href.startswith("#"):
            return "ancre"
        if href.startswith("/wiki/"):
            return "wiki:" + unquote(href[len("/wiki/") :].split("#")[0]).replace("_", " ")
        query = parse_qs(urlparse(href).query)
        if "wpDestFile" in query:
            return ""  # an image not uploaded to this test wiki: MediaWiki offers to upload it
        if "title" in query:
            return "wiki:" + query["title"][0].replace("_", " ")
        return href

    return read_html(source, skip=skip, note_block=note_block, link_target=target)
