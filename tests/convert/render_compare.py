# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a reader sees in a rendered page, read from the HTML of the site or of MediaWiki.

Used by the rendering-equivalence test: headings, list items, table cells,
link targets, footnotes and the running text, each normalised so that
differences no reader can see (whitespace, anchors, edit links, the table of
contents MediaWiki adds, footnote numbering markup) do not count.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlparse

from sync.sitemap import SiteMap, resolve

BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "tr",
    "div",
    "pre",
    "dt",
    "dd",
    "dl",
    "ul",
    "ol",
    "blockquote",
    "table",
    "details",
    "summary",
    "hr",
}
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source"}


@dataclass
class Seen:
    headings: list[tuple[int, str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    text: str = ""


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


class _Reader(HTMLParser):
    def __init__(self, skip, note_block, link_target) -> None:  # type: ignore[no-untyped-def]
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.note_block = note_block
        self.link_target = link_target
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipped, in notes
        self.seen = Seen()
        self.text: list[str] = []
        self.capture: dict[int, list[str]] = {}  # stack depth → text of the element being read
        self.links: list[tuple[str, list[str]]] = []

    def _skipping(self) -> bool:
        return any(s for _, s, _ in self.stack)

    def _in_notes(self) -> bool:
        return any(n for _, _, n in self.stack)

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = {k: v or "" for k, v in attrs}
        skipped = self.skip(tag, a)
        notes = self.note_block(tag, a)
        if tag in VOID:
            if tag == "br" and not self._skipping():
                self._data(" ")
            if tag == "img" and not self._skipping():
                self._data(a.get("alt", ""))  # what a reader gets of an image (or of a missing one)
            return
        self.stack.append((tag, skipped, notes))
        if self._skipping():
            return
        if tag in BLOCKS and not self._in_notes():
            self.text.append(" ")
        depth = len(self.stack)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li", "th", "td", "dt", "dd", "a"):
            self.capture[depth] = []
        if tag == "a":
            self.links.append((self.link_target(a), self.capture[depth]))

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in VOID or not self.stack:
            return
        while self.stack and self.stack[-1][0] != tag:
            self.stack.pop()
        if not self.stack:
            return
        depth = len(self.stack)
        captured = self.capture.pop(depth, None)
        skipping = self._skipping()
        in_notes = self._in_notes()
        self.stack.pop()
        if tag in BLOCKS and not in_notes:
            self.text.append(" ")
        if captured is None or skipping:
            return
        text = _norm("".join(captured))
        if in_notes:
            if tag == "li":
                self.seen.notes.append(text)
            return
        if tag.startswith("h") and len(tag) == 2:
            self.seen.headings.append((int(tag[1]), text))
        elif tag in ("li", "dt", "dd"):
            self.seen.items.append(text)
        elif tag in ("th", "td"):
            self.seen.cells.append(text)
        elif tag == "a":
            target = next(t for t, buf in reversed(self.links) if buf is captured)
            if target:
                self.seen.links.append((target, text))

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if not self._skipping():
            self._data(data)

    def _data(self, data: str) -> None:
        for buf in self.capture.values():
            buf.append(data)
        if not self._in_notes():
            self.text.append(data)


def _read(source: str, skip, note_block, link_target) -> Seen:  # type: ignore[no-untyped-def]
    reader = _Reader(skip, note_block, link_target)
    reader.feed(source)
    reader.close()
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

    return _read(source, skip, note_block, target)


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

    return _read(source, skip, note_block, target)
