# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A member's pull request puts HTML in every front matter field the site prints: it stays text.

Titles, descriptions, thèmes, speakers, section names, subtitles, sources and
Movilab categories appear in the navigation of every page, the header, the
<title>, the toolbox index and its related fiches, the webinar catalogue and
header, the credits, the printable kit, the tags, the search results and the
RSS feeds. One real strict build, then Chromium on each of those places.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import Served, serve
from tests.security.conftest import build, commit_all, make_attack_site, no_traceback, visit

IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(2)>'
SCRIPT = "</title><script>alert(3)</script>"
ATTR = "Titre {: onclick=alert(4) }"
LINK = "[clic](javascript:alert(5))"
ENTITY = "&lt;img src=x onerror=alert(6)&gt;"
QUOTE = 'Économie" onmouseover="alert(7)'

PAGES = {
    "boite-a-outils/index.md": f"---\ntitle: '{IMG} Boîte'\n---\n\n# Boîte à outils\n\n<!-- boite-a-outils -->\n",
    "boite-a-outils/fiche-image.md": f"""---
title: '{IMG}'
description: '{SVG}'
subtitle: '{SCRIPT}'
thèmes: ['{IMG}', '{ATTR}']
public: [tous]
sources: [essai, {{titre: '{SCRIPT}', url: 'https://example.org/source'}}]
auteurs: ['{IMG}']
wiki:
  categories: ['{QUOTE}', '{IMG}']
---

Texte de la fiche.
""",
    "boite-a-outils/fiche-lien.md": f"""---
title: '{LINK}'
description: '{ENTITY}'
thèmes: ['{IMG}', '{LINK}']
public: [tous]
sources: [essai]
---

# Une fiche

Texte.
""",
    "kit-accueil/index.md": f"---\ntitle: 'Kit {SVG}'\n---\n\n# Kit d'accueil\n\nBienvenue.\n",
    "kit-accueil/etape.md": f"""---
title: '{ATTR} {IMG}'
description: Une étape.
ordre: 1
sources: [essai]
---

Une étape sans titre dans le texte : le kit l'écrit lui-même.
""",
    "webinaires/index.md": "# Webinaires\n\n<!-- catalogue -->\n",
    "webinaires/2099-05-01-webinaire.md": f"""---
title: '{SCRIPT}'
date: 2099-05-01T14:00:00
intervenants: [{{nom: '{IMG}', structure: '{SVG}'}}]
thèmes: ['{IMG}']
description: '{SVG}'
sources: [essai]
---

Texte.
""",
    "charte/index.md": "# Chartes\n",
    "charte/charte.md": f"""---
title: Charte
description: La charte.
version: '{IMG}'
adoption: 2026-01-15
---

Texte.
""",
}

PLACES = [
    "",
    "boite-a-outils/",
    "boite-a-outils/fiche-image/",
    "boite-a-outils/fiche-lien/",
    "kit-accueil/",
    "kit-accueil/etape/",
    "kit-accueil-imprimable/",
    "webinaires/",
    "webinaires/2099-05-01-webinaire/",
    "charte/charte/",
    "404.html",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    site = make_attack_site(tmp_path_factory.mktemp("membres"))
    for path, text in PAGES.items():
        site.write(path, text)
    commit_all(site)
    done = build(site)
    no_traceback(done)
    assert done.returncode == 0, done.stderr[-3000:]  # HTML in a text field is valid text
    yield from serve(site.root / "site")


@pytest.mark.browser
@pytest.mark.parametrize("place", PLACES)
def test_member_html_stays_text_in_the_browser(browser: Browser, hostile_site: Served, place: str) -> None:
    seen = visit(browser, hostile_site.url(place))
    seen.assert_clean()


@pytest.mark.browser
def test_the_payloads_are_shown_as_written(browser: Browser, hostile_site: Served) -> None:
    fiche = visit(browser, hostile_site.url("boite-a-outils/fiche-image/"))
    assert IMG in fiche.text  # the title, in the page and in the navigation
    assert 'Économie" onmouseover="alert(7)' in fiche.text  # a Movilab category, as a tag
    etape = visit(browser, hostile_site.url("kit-accueil/etape/"))
    assert f"{ATTR} {IMG}" in etape.text
    lien = visit(browser, hostile_site.url("boite-a-outils/fiche-lien/"))
    assert LINK in lien.text
    index = visit(browser, hostile_site.url("boite-a-outils/"))
    assert ENTITY in index.text and SVG in index.text  # the cards' descriptions


def _meta_description(html: str) -> str | None:
    found: list[str | None] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if tag == "meta" and values.get("name") == "description":
                found.append(values.get("content"))

    Parser().feed(html)
    return found[0] if found else None


@pytest.mark.parametrize(
    ("place", "description"), [("boite-a-outils/fiche-image/", SVG), ("boite-a-outils/fiche-lien/", ENTITY)]
)
def test_description_attribute_holds_the_text_exactly(hostile_site: Served, place: str, description: str) -> None:
    html = (Path(hostile_site.root) / place / "index.html").read_text(encoding="utf-8")
    assert _meta_description(html) == description


@pytest.mark.browser
@pytest.mark.parametrize("term", ["img", "onerror", "script"])
def test_search_results_show_titles_as_text(browser: Browser, hostile_site: Served, term: str) -> None:
    seen = visit(browser, hostile_site.url(""), search=term)
    seen.assert_clean()


@pytest.mark.parametrize("feed", ["feed_rss_created.xml", "feed_rss_updated.xml"])
def test_feeds_carry_titles_and_thèmes_as_text(hostile_site: Served, feed: str) -> None:
    tree = ET.parse(Path(hostile_site.root) / feed)  # well-formed: nothing broke out of an element
    items = {item.findtext("link", "").rsplit("/", 2)[-2]: item for item in tree.iter("item")}
    fiche = items["fiche-image"]
    assert fiche.findtext("title") == IMG
    assert {c.text for c in fiche.iter("category")} >= {IMG, QUOTE}
    assert all(child.tag != "img" for item in tree.iter("item") for child in item.iter())


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.text += "\n" if tag == "br" else ""

    def handle_data(self, data: str) -> None:
        self.text += data


def test_the_webinar_feed_gives_feed_readers_its_front_matter_as_text(hostile_site: Served) -> None:
    """A feed reader shows an item's description as HTML (RSS 2.0: entity-encoded HTML). The webinar
    feed wrote its front matter there as plain text, so `<img src=x onerror=…>` in a speaker's name or
    in the description became a live tag in the subscriber's reader, and an image its browser fetched."""
    tree = ET.parse(Path(hostile_site.root) / "webinaires.xml")
    (description,) = [item.findtext("description", "") for item in tree.iter("item")]
    read = _Markup()
    read.feed(description)
    read.close()
    assert set(read.tags) <= {"br"}, description
    lines = read.text.split("\n")
    assert lines[1] == f"Avec {IMG} ({SVG})" and lines[2] == SVG, read.text
