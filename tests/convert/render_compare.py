# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a reader sees in a page rendered by the site and by MediaWiki, for the rendering tests.

The reader is the product's (sync/convert/htmlview.py, which the push check uses too); here are the
two renderings' conventions: what each hides (anchors, edit links, the table of contents MediaWiki
adds, footnote numbering markup), where each lists its notes, and how each writes a link's target.
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlparse

from sync.convert.htmlview import Seen, read_html
from sync.sitemap import SiteMap, resolve


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


def mediawiki_chrome(tag: str, a: dict[str, str]) -> bool:
    """What MediaWiki adds to a page that a reader does not read as its text: edit links, the table of
    contents, the numbers of the notes and their links back (bench/fidelity.py skips them too)."""
    classes = a.get("class", "").split()
    return (
        "mw-editsection" in classes
        or "toc" in classes
        or a.get("id") == "toc"
        or "reference" in classes
        or "mw-cite-backlink" in classes
    )


def read_mediawiki(source: str, *, site: SiteMap) -> Seen:
    """HTML returned by MediaWiki's action=parse."""

    def skip(tag: str, a: dict[str, str]) -> bool:
        return mediawiki_chrome(tag, a) or "admonition-title" in a.get("class", "").split()

    def note_block(tag: str, a: dict[str, str]) -> bool:
        return "references" in a.get("class", "").split() or "mw-references-wrap" in a.get("class", "").split()

    def target(a: dict[str, str]) -> str | None:
        href = a.get("href", "")
        if not href:
            return None  # an anchor, not a link
        if "external" in a.get("class", "").split() or "://" in href:
            return unquote(href)
        if href.startswith("#"):
            return "ancre"
        if href.startswith("/wiki/"):
            return "wiki:" + unquote(href[len("/wiki/") :].split("#")[0]).replace("_", " ")
        query = parse_qs(urlparse(href).query)
        if "wpDestFile" in query:
            return None  # an image not uploaded to this test wiki: MediaWiki offers to upload it
        if "title" in query:
            return "wiki:" + query["title"][0].replace("_", " ")
        return href

    return read_html(source, skip=skip, note_block=note_block, link_target=target)
