# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A member's pull request against the real site: the real docs/ plus hostile pages, built and opened.

Each hostile page here reaches the published HTML by a way other than the
page body's allow-list (commons/sanitize.py): a front matter key the theme
reads, or a rewrite of the HTML made after the allow-list checked it. The real
docs/ and mkdocs.yml are built with the pages that break a rule: `mkdocs
build --strict` must refuse, naming file and line in French; the preview
(`./dev site`, what a reviewer opens on their own machine, and what a forge's
pages job might publish anyway) is opened in Chromium, where no payload may
run and no page may send the reader elsewhere. Pages that break no rule but
whose HTML the hooks rewrite after the allow-list (search marks, feed links,
the printable kit) are built with --strict, as published, and opened too.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import Served, serve
from tests.security.conftest import ROOT, build, commit_all, make_attack_site, no_traceback, visit
from tests.site.sitebuilder import Site

FICHE = (
    "---\ntitle: {title}\ndescription: Une fiche.\nthèmes: [essai]\npublic: [tous]\n"
    "sources: [movilab-reseaux]\n{extra}---\n\n{body}\n\nFin de la fiche.\n"
)

PAGES = {
    # Material's redirect.html sends the reader to `page.meta.location`; without one, to the page
    # itself: it reloads without end and shows nothing.
    "boite-a-outils/gabarit-redirection.md": FICHE.format(
        title="Gabarit de redirection", extra="template: redirect.html\n", body="Texte de la fiche."
    ),
    # Material's 404.html shows "Page introuvable" in place of the page.
    "boite-a-outils/gabarit-introuvable.md": FICHE.format(
        title="Gabarit introuvable", extra="template: 404.html\n", body="Texte de la fiche."
    ),
    # An image on a private address is emptied after the allow-list: "src=" written in its title
    # must not be taken for its src.
    "boite-a-outils/image-privee.md": FICHE.format(
        title="Image privée",
        extra="",
        body='Une image <img title="src=http://127.0.0.1/x.png onerror=alert(1) x" src="http://127.0.0.1/x.png" '
        "alt=\"photo\"> et <img alt='src=http://127.0.0.1/y.png onerror=alert(2) ' src=http://127.0.0.1/y.png>.",
    ),
    # Material's own classes on a fiche: its toast pinned on the screen, its back-to-top button.
    "boite-a-outils/classes-du-theme.md": FICHE.format(
        title="Classes du thème",
        extra="",
        body='<div class="md-dialog md-dialog--active"><div class="md-dialog__inner md-typeset">Session expirée : '
        '<a href="https://example.org/piege">reconnectez-vous</a></div></div>\n\n'
        '<p><a class="md-top md-icon" href="https://example.org/piege">Haut de page</a></p>\n\n'
        '<p class="md-button">Un bouton</p>',
    ),
    # Image addresses that a browser reads as another server's (\\ and \ are /, leading spaces are
    # dropped, "https:" without // takes the host from what follows on an http page), while the privacy
    # plugin, which downloads external images at build time, and the site's check of them saw a path
    # inside the site: the reader's phone fetched them from the tracker.
    "boite-a-outils/pixel-piege.md": FICHE.format(
        title="Pixel piégé",
        extra="",
        body='Un pixel <img src="\\\\tracker.example/p1.gif" alt="p1"> <img src="/\\tracker.example/p2.gif" alt="p2"> '
        '<img src="\\/tracker.example/p3.gif" alt="p3"> <img src="\t//tracker.example/p4.gif" alt="p4"> '
        '<img src="https:/\\tracker.example/p5.gif" alt="p5"> <img src="https:tracker.example/p6.gif" alt="p6">.',
    ),
}

# HTML the allow-list lets through (its values are text), in the spellings it used to keep as written:
# the hooks that rewrite finished pages with regular expressions read a "<" inside a value as a tag.
PUBLISHED = {
    # A webinar's <h1> gets a search weight; with no heading in the body, Material writes none
    # either, and the "<h1" of a value was taken for it.
    "webinaires/2099-06-01-titre-piege.md": (
        "---\ntitle: Webinaire piégé\ndate: 2099-06-01T14:00:00\nintervenants: [{nom: Camille}]\n"
        "thèmes: [essai]\nsources: [movilab-reseaux]\n---\n\n"
        'Un webinaire <img src="#" alt="<h1 onerror=alert(11) x"> et '
        '<span title="<h1 onmouseover=alert(12) y">survol</span>.\n\nFin du webinaire.\n'
    ),
    # The theme's feed links and print-site's assets are removed from every page.
    "boite-a-outils/flux-piege.md": FICHE.format(
        title="Flux piégé",
        extra="",
        body='<p>Une image <img src="#" title=\'<link rel="alternate" type="text/calendar"\' '
        'alt="> \' onerror=alert(13) x"> fin.</p>\n\n'
        '<p>Une autre <img src="#" title=\'<link href="assets/stylesheets/print.css"\' '
        'alt="> \' onerror=alert(14) x"> fin.</p>',
    ),
    # A comment is published as written; the same removals, made inside it, joined "-" and "->"
    # into "-->": the comment ended there and the rest of it was live HTML.
    "boite-a-outils/commentaire-piege.md": FICHE.format(
        title="Commentaire piégé",
        extra="",
        body='Avant.\n\n<!-- x -<link rel="alternate" type="text/calendar">-> <img src=x onerror=alert(18)> -->\n\n'
        'Milieu <!-- y -<link href="assets/stylesheets/print.css">-> <img src=x onerror=alert(19)> --> fin.',
    ),
    # Material's tags plugin writes the listing of each thème where a page asks for it, with each page's
    # title, after the allow-list and before the titles are given their HTML form.
    "boite-a-outils/etiquettes-piege.md": FICHE.format(
        title="Étiquettes", extra="", body="Toutes les fiches par thème :\n\n<!-- material/tags -->"
    ),
    "boite-a-outils/titre-etiquete.md": FICHE.format(
        title="'<img src=x onerror=alert(20)> Titre'", extra="", body="Une fiche au titre piégé."
    ),
    # The printable kit rewrites each link to a page outside the kit into its public address, and
    # print-site each link inside it into an anchor of the printable page: from its value decoded.
    "kit-accueil/etape-guillemets.md": (
        "---\ntitle: Étape aux guillemets\ndescription: Une étape.\nordre: 98\nsources: [movilab-reseaux]\n---\n\n"
        'Voir <a href="#&quot; onfocus=&quot;alert(16)&quot; autofocus tabindex=&quot;1">cette section</a> '
        'et <a href="../faq/#&quot; onmouseover=&quot;alert(17)&quot; x=&quot;">la FAQ</a>.\n\nFin de l\'étape.\n'
    ),
    "kit-accueil/etape-piegee.md": (
        "---\ntitle: Étape piégée\ndescription: Une étape.\nordre: 99\nsources: [movilab-reseaux]\n---\n\n"
        '<p>Voir <a title=\'la boîte href="../../boite-a-outils/\' href="https://example.org/">la boîte</a> '
        'et <img src="#" alt="\' onfocus=alert(15) autofocus tabindex=1 x=\'"> fin.</p>\n\nFin de l\'étape.\n'
    ),
}
PUBLISHED_PLACES = [
    "webinaires/2099-06-01-titre-piege/",
    "webinaires/",
    "boite-a-outils/flux-piege/",
    "boite-a-outils/commentaire-piege/",
    "boite-a-outils/etiquettes-piege/",
    "boite-a-outils/titre-etiquete/",
    "kit-accueil/etape-piegee/",
    "kit-accueil/etape-guillemets/",
    "kit-accueil-imprimable/",
]


def _real_site(tmp_path_factory: pytest.TempPathFactory, name: str, pages: dict[str, str]) -> Site:
    site = make_attack_site(tmp_path_factory.mktemp(name))
    shutil.rmtree(site.docs)
    shutil.copytree(ROOT / "docs", site.docs)
    for path, text in pages.items():
        site.write(path, text)
    commit_all(site)
    return site


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    site = _real_site(tmp_path_factory, "site-publie", PUBLISHED)
    done = build(site)
    no_traceback(done)
    assert done.returncode == 0, done.stderr[-3000:]
    yield from serve(site.root / "site")


@pytest.mark.browser
@pytest.mark.parametrize("place", PUBLISHED_PLACES)
def test_the_published_site_runs_nothing(browser: Browser, published: Served, place: str) -> None:
    seen = visit(browser, published.url(place), evaluate=_PINNED)
    seen.assert_clean()
    assert seen.final_url == published.url(place)
    assert seen.extra == [], seen.extra  # nothing of the page's text pinned on the screen over the site


# What a page's body shows fixed on the screen (the theme's header, search and drawer are outside it).
_PINNED = """() => [...document.querySelectorAll("article *")]
    .filter(el => ["fixed", "sticky"].includes(getComputedStyle(el).position) && el.getClientRects().length > 0)
    .map(el => el.outerHTML.slice(0, 100))"""


@dataclass
class Built:
    strict: subprocess.CompletedProcess[str]
    served: Served


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    site = _real_site(tmp_path_factory, "site-reel", PAGES)
    strict = build(site)
    no_traceback(strict)
    preview = build(site, strict=False)
    no_traceback(preview)
    assert preview.returncode == 0, preview.stderr[-3000:]
    for served in serve(site.root / "site"):
        yield Built(strict, served)


@pytest.mark.parametrize(
    ("path", "line", "words"),
    [
        (
            "boite-a-outils/gabarit-redirection.md",
            7,
            "champ « template » : attendu : un gabarit de page parmi : main.html",
        ),
        (
            "boite-a-outils/gabarit-introuvable.md",
            7,
            "champ « template » : attendu : un gabarit de page parmi : main.html",
        ),
        ("boite-a-outils/image-privee.md", 9, "image externe « http://127.0.0.1/x.png » refusée"),
        ("boite-a-outils/image-privee.md", 9, "image externe « http://127.0.0.1/y.png » refusée"),
        ("boite-a-outils/classes-du-theme.md", 9, "classe « md-dialog », réservée au thème"),
        ("boite-a-outils/pixel-piege.md", 9, "adresse « \\\\tracker.example/p1.gif » (attribut src de <img>)"),
        ("boite-a-outils/pixel-piege.md", 9, "adresse « https:tracker.example/p6.gif » (attribut src de <img>)"),
        ("boite-a-outils/classes-du-theme.md", 11, "classe « md-top », réservée au thème"),
    ],
)
def test_the_strict_build_refuses_and_says_where(built: Built, path: str, line: int, words: str) -> None:
    assert built.strict.returncode == 1, built.strict.stderr[-3000:]
    lines = [text for text in built.strict.stderr.splitlines() if f"{path}, ligne {line}" in text]
    assert any(words in text for text in lines), (lines, built.strict.stderr[-3000:])


_NAVIGATIONS = """() => performance.getEntriesByType("navigation").map(e => e.type)"""


@pytest.mark.browser
@pytest.mark.parametrize("page", [path.removesuffix(".md") + "/" for path in PAGES])
def test_the_preview_shows_the_page_and_runs_nothing(browser: Browser, built: Built, page: str) -> None:
    seen = visit(browser, built.served.url(page), evaluate=f"() => [({_NAVIGATIONS})(), ({_PINNED})()]")
    seen.assert_clean()
    assert seen.final_url == built.served.url(page)
    assert seen.extra[0] == ["navigate"], seen.extra  # loaded once, not reloaded by the page itself
    assert seen.extra[1] == [], seen.extra  # nothing of the page's text pinned on the screen over the site
    assert "Fin de la fiche." in seen.text and "Page introuvable" not in seen.text


@pytest.mark.browser
def test_the_private_image_keeps_its_title_as_text(browser: Browser, built: Built) -> None:
    """Each refused image becomes a placeholder made of its alt text alone: "src=" written in its title
    or alt is never taken for its address, and nothing of it is live."""
    shown = """() => [...document.querySelectorAll("article img, article .image-indisponible")].map(
        i => [i.tagName, i.textContent.replace(/[\\u202f\\u00a0]/g, " ")])"""
    seen = visit(browser, built.served.url("boite-a-outils/image-privee/"), evaluate=shown)
    seen.assert_clean()
    expected: list[Any] = [
        ["SPAN", "[Image indisponible : photo]"],
        ["SPAN", "[Image indisponible : src=http://127.0.0.1/y.png onerror=alert(2)]"],
    ]
    assert seen.extra == expected


@pytest.mark.browser
@pytest.mark.parametrize("page", [path.removesuffix(".md") + "/" for path in PAGES])
def test_the_preview_asks_nothing_of_another_server(browser: Browser, built: Built, page: str) -> None:
    context = browser.new_context(locale="fr-FR")
    asked: list[str] = []
    try:
        tab = context.new_page()
        tab.on("request", lambda request: asked.append(request.url))
        tab.goto(built.served.url(page), wait_until="load")
        tab.wait_for_timeout(300)
    finally:
        context.close()
    elsewhere = [url for url in asked if not url.startswith(built.served.base) and "tracker" in url]
    assert elsewhere == []
