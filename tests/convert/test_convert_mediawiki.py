# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Property 4: MediaWiki's own parser shows what the site shows.

Each page of docs/ (and each fixture) is converted to wikitext and rendered by
the real local MediaWiki (action=parse); the site's HTML for the same page is
made by Python-Markdown with mkdocs.yml's extensions. Both must show the
same headings, list items, table cells, link targets, footnotes and text.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
import urllib.request
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from commons.sanitize import clean
from sync.convert import ConversionError, markdown_to_wikitext, wikitext_to_markdown
from sync.convert.frontmatter import split_page
from tests.convert.render_compare import read_mediawiki, read_site
from tests.convert.support import FIXTURE_PATH, FIXTURES, REPO, render_html

pytestmark = pytest.mark.wiki

DOCS = REPO / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
PAIRS = sorted(p.name for p in FIXTURES.glob("*.md"))


def compare(mediawiki, text: str, *, site, path: str) -> None:
    wikitext = markdown_to_wikitext(text, path=path, site=site)
    seen_site = read_site(render_html(split_page(text, path=path).body), site=site, path=path)
    seen_wiki = read_mediawiki(mediawiki.parse(wikitext, title="Essai de rendu"), site=site)
    assert seen_wiki.headings == seen_site.headings
    assert seen_wiki.items == seen_site.items
    assert seen_wiki.cells == seen_site.cells
    assert seen_wiki.links == seen_site.links
    assert seen_wiki.notes == seen_site.notes
    assert seen_wiki.text == seen_site.text


@pytest.mark.parametrize("path", PAGES)
def test_mediawiki_shows_what_the_site_shows_for_every_page(mediawiki, repo_site, path):
    compare(mediawiki, (DOCS / path).read_text(encoding="utf-8"), site=repo_site, path=path)


@pytest.mark.parametrize("name", PAIRS)
def test_mediawiki_shows_what_the_site_shows_for_each_construct(mediawiki, site, name):
    compare(mediawiki, (FIXTURES / name).read_text(encoding="utf-8"), site=site, path=FIXTURE_PATH)


# -- image names, both ways: the real wiki shows the file the site shows, or the push refuses --------------
def _file_title(mediawiki, name: str) -> str | None:
    """The file MediaWiki names `name` (as the site's address gives it), None if no file can have it."""
    body = urllib.parse.urlencode(
        {"action": "query", "titles": "Fichier:" + name, "format": "json", "formatversion": "2"}
    )
    with urllib.request.urlopen(mediawiki.api_url + "?" + body, timeout=60) as answer:
        found = json.load(answer)["query"]["pages"][0]
    return None if found.get("invalid") else found["title"].split(":", 1)[1].replace(" ", "_")


def _site_file(mediawiki, md: str) -> list[str | None]:
    """The wiki file of each image the site shows (None: no wiki file), as a browser resolves its address."""
    shown = []
    for src in re.findall(r'<img [^>]*src="([^"]*)"', clean(render_html(md))):
        address = html.unescape(src)
        path = urljoin(address, urlsplit(address).path)  # dot segments resolved, query and anchor dropped
        prefix = "https://movilab.org/wiki/Special:FilePath/"
        shown.append(_file_title(mediawiki, unquote(path[len(prefix) :])) if path.startswith(prefix) else None)
    return shown


def _wiki_files(mediawiki, wikitext: str) -> list[str]:
    """The files MediaWiki shows as images (none is uploaded: each is a link offering to upload it)."""
    page = mediawiki.parse(wikitext, title="Essai de rendu")
    return [unquote(html.unescape(m)) for m in re.findall(r'wpDestFile=([^"&]*)', page)]


ADDRESSES = [
    *("Plan%5C2026.png", "a%3Fb.png", "a?b.png", "a&b.png", "a&amp;b.png", "a%26amp;b.png", "a%2525b.png"),
    *("a%2541.png", "a%25b.png", "a%7Cb.png", "a%5D%5Db.png", "a%5B%5Bb.png", "a%7B%7Bb%7D%7D.png", "a%3Cb.png"),
    *("a%23b.png", "a%C2%A0b.png", "e%CC%81t%C3%A9.png", "a%E2%80%8Fb.png", "%20lead.png", "_lead.png"),
    *("trail_.png", "a/b.png", "../x.png", "a/../b.png", "x/..", "%2E%2E", "a~~~b.png", "Fichier:x.png"),
    *("en:x.png", "a%FFb.png", "a%EF%BF%BEb.png", "a%0Ab.png", "a%09b.png", "a%E2%80%A8b.png"),
    *("x" * 251 + ".png", "x" * 252 + ".png", "%C3%A9" * 126 + ".png"),
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_an_image_name_pushed_is_the_file_the_site_shows_or_refused_at_its_line(mediawiki, site, address):
    md = f"Texte.\n\n![Alt](https://movilab.org/wiki/Special:FilePath/{address})\n"
    try:
        wikitext = markdown_to_wikitext(md, path=FIXTURE_PATH, site=site)
    except ConversionError as refused:
        assert str(refused).startswith(f"{FIXTURE_PATH}:3 : image « "), refused
        assert "Attendu : " in str(refused) and "Pour corriger : " in str(refused), refused
        return
    shown = _site_file(mediawiki, md)
    assert shown and None not in shown, (wikitext, shown)
    assert _wiki_files(mediawiki, wikitext) == shown, wikitext
    assert wikitext_to_markdown(wikitext, title="Fiche", site=site, path=FIXTURE_PATH, local=md) == md


WIKI_NAMES = [
    *("Plan\\2026.png", "a?b.png", "a&b.png", "a&amp;b.png", "a%25b.png", "a%b.png", "a|b.png", "a]]b.png"),
    *("a[[b.png", "a{{b}}.png", "a<b.png", "a#b.png", "a\xa0b.png", "e\u0301t\u00e9.png", "a\u200fb.png"),
    *(" lead.png", "trail.png ", "_lead.png", "trail_.png", "a/b.png", "../x.png", "a/../b.png", "x/.."),
    *("a~~~b.png", "a\ufffdb.png", "Fichier:x.png", "en:x.png", 'a"b.png', "a(b).png", "a\tb.png"),
    *("x" * 251 + ".png", "x" * 252 + ".png", "é" * 126 + ".png"),
]


@pytest.mark.parametrize("name", WIKI_NAMES)
def test_a_wiki_image_pulled_shows_the_wikis_file_or_stays_wikitext(mediawiki, site, name):
    wikitext = f"Avant [[Fichier:{name}|Alt]] après."
    md = wikitext_to_markdown(wikitext, title="Fiche", site=site, path=FIXTURE_PATH)
    body = split_page(md, path=FIXTURE_PATH).body
    shown = _site_file(mediawiki, body)
    if shown:  # an image on the site: the file the wiki shows
        assert None not in shown and _wiki_files(mediawiki, wikitext) == shown, (body, shown)
    else:  # the wikitext shown as code on the site
        assert "{.wikitext}" in body or "```wikitext" in body, body
    assert markdown_to_wikitext(md, path=FIXTURE_PATH, site=site) == wikitext
