# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A member's pull request puts active HTML in the body of its pages: none of it runs on the site.

Each payload calls `alert(N)` with its own number, or writes a canary, so that
a failure says which one got through. The pages go through the real build
twice: `mkdocs build --strict` must fail and name, in French, each page, line
and thing removed (what the CI shows the reviewer); the preview build (no
--strict, what a forge's pages job might publish anyway) is then opened in
Chromium: the fiche, the kit page, the printable kit and its PDF, the
webinar and the catalogue, the search results, the feeds. A page written with
the HTML the allow-list permits builds without a word and keeps its HTML
byte for byte.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from commons import pdf
from tests.browser.conftest import Served, serve
from tests.security.conftest import build, commit_all, make_attack_site, no_traceback, visit

FICHE_HEADER = "---\ntitle: {title}\ndescription: D.\nthèmes: [essai]\npublic: [tous]\nsources: [essai]\n---\n\n"

# Elements and attributes that must not be in a page body once loaded (the theme adds none of them there).
_FORBIDDEN = """() => {
    const found = [];
    const article = document.querySelector("article");
    const selector = "script, iframe, object, embed, base, meta, link, style, frame, frameset, input, textarea, "
        + "video, audio, source, marquee, x-widget, math, template, noscript, form[action], form[method], "
        + "[formaction], [style], [srcdoc], svg script, svg foreignObject, svg [onload]";
    for (const el of article.querySelectorAll(selector)) {
        // The print-site plugin numbers the printable kit's headings with a <style> of its own.
        if (el.tagName === "STYLE" && el.textContent.trim().startsWith(".print-site-enumerate")) continue;
        found.push(el.outerHTML.slice(0, 120));
    }
    if (document.querySelector("base")) found.push("<base> dans la page");
    const config = document.getElementById("__config");
    if (!config || config.tagName !== "SCRIPT") found.push("#__config n'est plus la configuration du thème");
    return found;
}"""

TAGS_PAGE = """
Balises.

<script>alert(1)</script>

<p>Image <img src=x onerror=alert(2)> fin.</p>

<iframe src="javascript:alert(3)"></iframe>

<iframe srcdoc="<script>alert(4)</script>"></iframe>

<object data="javascript:alert(5)"></object>

<embed src="javascript:alert(6)">

<form action="javascript:alert(7)"><button formaction="javascript:alert(8)">Envoyer</button><input name="motdepasse" type="password"></form>

<meta http-equiv="refresh" content="0;url=https://example.org/ailleurs">

<base href="https://example.org/piege/">

<svg><script>alert(9)</script></svg>

<svg onload=alert(10)><circle r="5"/></svg>

<math><mtext><table><mglyph><style><img src=x onerror=alert(11)></style></mglyph></table></mtext></math>

<style>body { background: url(javascript:alert(12)) }</style>

<link rel="stylesheet" href="https://example.org/piege.css">

<video><source onerror=alert(13)></video> <audio src=x onerror=alert(14)></audio>

<x-widget onclick=alert(15) style="display:block;position:fixed;inset:0">cliquez</x-widget>

<marquee onstart=alert(16)>défile</marquee>

<input autofocus onfocus=alert(17)>

<details open ontoggle=alert(18)><summary>Plié</summary>Contenu du pli.</details>

<template><img src=x onerror=alert(19)></template>

<textarea><p title="</textarea><img src=x onerror=alert(20)>"></textarea>

Fin des balises.
"""

ATTRIBUTES_PAGE = """
Attributs et adresses.

<a href="javascript:alert(21)">lien 21</a> <a href="JaVaScRiPt:alert(22)">lien 22</a>
<a href="jav&#x09;ascript:alert(23)">lien 23</a> <a href="&#106;avascript:alert(24)">lien 24</a>
<a href="  javascript:alert(25)">lien 25</a> <a href="javascript&colon;alert(26)">lien 26</a>
<a href="data:text/html,<script>alert(27)</script>">lien 27</a> <a href="vbscript:msgbox(28)">lien 28</a>

<IMG SRC=x OnErRoR=alert(29)> <img/src=x/onerror=alert(30)> <img src="x"onerror="alert(31)">
<img src=x onerror = "alert(32)"> <div onmouseover=alert(33)>survol</div>

<p style="background:url(javascript:alert(34))">style</p>

<div id="__config">{"base": ".", "features": [], "search": "data:text/javascript,alert(35)"}</div>

<a href="https://example.org/" onclick="alert(36)" target="_top">lien 36</a>

<img src=x onerror=alert(37)

Fin des attributs.
"""

MARKDOWN_PAGE = """
Extensions de Markdown.

[lien attr_list](https://example.org){ onclick="alert(41)" }

## Titre piégé { onmouseover="alert(42)" }

## Titre étiqueté { data-toc-label="<img src=x onerror=alert(43)>" }

## Titre `<img src=x onerror=alert(44)>` en code

## Titre &lt;img src=x onerror=alert(45)&gt; échappé

Paragraphe piégé.
{: style="position:fixed;inset:0" #__search onclick="alert(46)" }

<div markdown="1" onclick="alert(47)">**gras** dans un bloc</div>

| A | B |
|---|---|
| <img src=x onerror=alert(48)> | [c](javascript:alert(49)) |

Note[^1].

[^1]: <img src=x onerror=alert(50)> note.

*[HTML]: <img src=x onerror=alert(51)>

HTML en abréviation. ![<img src=x onerror=alert(52)>](x.png "<svg onload=alert(53)>")

Fin des extensions.
"""

PARSER_PAGE = """
Pièges de l'analyse.

Avant <!--><img src=x onerror=alert(61)>--> après.

Avant <!---><img src=x onerror=alert(62)>--> après.

Avant <!-- --!><img src=x onerror=alert(63)> --> après.

<noscript><p title="</noscript><img src=x onerror=alert(64)>"></noscript>

<svg><p><style><img src=x onerror=alert(65)></style></p></svg>

<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=alert(66) src=1>"></textarea></mtext></svg></mglyph></mi></math>

<a href="https://example.org/"><img src=x onerror=alert(67)></a>

Fin des pièges.
"""

# Shown as code, and not reported: a page may document HTML.
CODE_BLOCK = "```html\n<script>alert(99)</script>\n```\n"

ALLOWED_PAGE = """---
title: HTML permis
---

# HTML permis

<details open><summary>Un pli</summary>
<p>Texte <kbd>Ctrl</kbd> + <kbd>C</kbd>, <mark>surligné</mark>, H<sub>2</sub>O, m<sup>2</sup>.</p>
</details>

<figure><img src="https://example.org/photo.png" alt="Une photo" loading="lazy" align="left" width="300"><figcaption>Légende</figcaption></figure>

<table>
<thead><tr><th colspan="2" align="center">Fusionné</th></tr></thead>
<tbody><tr><td>a</td><td>b</td></tr></tbody>
</table>

<a href="https://example.org/" target="_blank" title="Exemple">Un lien</a>, <abbr title="Tiers-lieu">TL</abbr>,
<a href="mailto:contact@example.org">écrire</a>, <span class="md-button">Bouton</span>. <!-- une note -->

| Gauche | Centre |
|:-------|:------:|
| a      | b      |

Fin.
"""
ALLOWED_SPELLINGS = [
    "<kbd>Ctrl</kbd>",
    "<mark>surligné</mark>",
    '<img src="https://example.org/photo.png" alt="Une photo" loading="lazy" align="left" width="300">',
    '<th colspan="2" align="center">Fusionné</th>',
    '<a href="https://example.org/" target="_blank" title="Exemple"',  # the privacy plugin adds rel="noopener"
    "<!-- une note -->",
    '<th align="center">Centre</th>',
]

KIT_PAGE = """---
title: Étape piégée
description: Une étape.
ordre: 1
sources: [essai]
---

# Étape piégée

Début de l'étape.

<img src=x onerror="document.body.append('CANARI-JS-PDF-71'); alert(71)">

<script>document.write('CANARI-JS-PDF-72'); alert(72)</script>

<iframe srcdoc="<p>CANARI-CADRE-73</p>"></iframe>

Fin de l'étape.
"""

WEBINAR_PAGE = """---
title: Webinaire piégé
date: 2099-06-01T14:00:00
intervenants: [{nom: Camille}]
thèmes: [essai]
sources: [essai]
---

<img src=x onerror=alert(81)> <script>alert(82)</script> Un webinaire <a href="javascript:alert(83)">piégé</a>.

Suite du webinaire.
"""

PAGES = {
    "boite-a-outils/index.md": "# Boîte à outils\n\n<!-- boite-a-outils -->\n",
    "boite-a-outils/balises.md": FICHE_HEADER.format(title="Balises") + TAGS_PAGE + CODE_BLOCK,
    "boite-a-outils/attributs.md": FICHE_HEADER.format(title="Attributs") + ATTRIBUTES_PAGE,
    "boite-a-outils/markdown.md": FICHE_HEADER.format(title="Markdown") + MARKDOWN_PAGE,
    "boite-a-outils/analyse.md": FICHE_HEADER.format(title="Analyse") + PARSER_PAGE,
    "kit-accueil/index.md": "---\ntitle: Kit\n---\n\n# Kit d'accueil\n\nBienvenue.\n",
    "kit-accueil/etape.md": KIT_PAGE,
    "webinaires/index.md": "# Webinaires\n\n<!-- catalogue -->\n",
    "webinaires/2099-06-01-piege.md": WEBINAR_PAGE,
    # A section index needs no description: its feed item is made from its first lines.
    "charte/index.md": "<img src=x onerror=alert(84)> Des chartes <script>alert(85)</script> <a href='javascript:alert(86)'>ici</a>.\n",
    "titre-piege.md": "# <img src=x onerror=alert(91)> Titre <b onmouseover=alert(92)>gras</b>\n\nTexte.\n",
    # A page without `title:` is named after its first heading, which the theme prints in <title>:
    # HTML shown as code or written with character references must not close it.
    "titre-code.md": "# Fermer `</title><img src=x onerror=alert(93)>` le titre\n\nTexte.\n",
    "titre-echappe.md": "# Fermer &lt;/title&gt;&lt;img src=x onerror=alert(94)&gt; le titre\n\nTexte.\n",
    "permis.md": ALLOWED_PAGE,
    "boite-a-outils/x.png": "une image",
}

PLACES = [
    "boite-a-outils/balises/",
    "boite-a-outils/attributs/",
    "boite-a-outils/markdown/",
    "boite-a-outils/analyse/",
    "boite-a-outils/",
    "kit-accueil/etape/",
    "kit-accueil-imprimable/",
    "webinaires/",
    "webinaires/2099-06-01-piege/",
    "charte/",
    "titre-piege/",
    "titre-code/",
    "titre-echappe/",
    "permis/",
    "",
]


@dataclass
class Built:
    strict: subprocess.CompletedProcess[str]
    preview: subprocess.CompletedProcess[str]
    served: Served

    @property
    def site(self) -> Path:
        return Path(self.served.root)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    site = make_attack_site(tmp_path_factory.mktemp("html-membres"))
    for path, text in PAGES.items():
        site.write(path, text)
    commit_all(site)
    strict = build(site)
    no_traceback(strict)
    preview = build(site, strict=False)
    no_traceback(preview)
    assert preview.returncode == 0, preview.stderr[-3000:]
    for served in serve(site.root / "site"):
        yield Built(strict, preview, served)


def test_the_strict_build_fails_and_names_page_line_and_what_was_removed(built: Built) -> None:
    assert built.strict.returncode == 1, built.strict.stderr[-3000:]
    log = built.strict.stderr
    expected = [
        ("boite-a-outils/balises.md", 12, "balise <script>"),
        ("boite-a-outils/balises.md", 14, "attribut onerror de <img>"),
        ("boite-a-outils/balises.md", 16, "balise <iframe>"),
        ("boite-a-outils/balises.md", 20, "balise <object>"),
        ("boite-a-outils/balises.md", 24, "attribut action de <form>"),
        ("boite-a-outils/balises.md", 24, "attribut formaction de <button>"),
        ("boite-a-outils/balises.md", 24, "balise <input>"),
        ("boite-a-outils/balises.md", 26, "balise <meta>"),
        ("boite-a-outils/balises.md", 28, "balise <base>"),
        ("boite-a-outils/balises.md", 30, "balise <svg>"),
        ("boite-a-outils/balises.md", 48, "attribut ontoggle de <details>"),
        ("boite-a-outils/attributs.md", 12, "adresse « javascript:alert(21) » (attribut href de <a>)"),
        ("boite-a-outils/attributs.md", 14, "adresse « javascript:alert(26) » (attribut href de <a>)"),
        ("boite-a-outils/attributs.md", 15, "adresse « data:text/html,<script>alert(27)</script> »"),
        ("boite-a-outils/attributs.md", 20, "attribut style de <p>"),
        ("boite-a-outils/attributs.md", 22, "identifiant « __config », réservé au thème"),
        ("boite-a-outils/attributs.md", 24, "attribut target de <a>"),
        ("boite-a-outils/markdown.md", 12, "attribut onclick de <a>"),
        ("boite-a-outils/markdown.md", 14, "attribut onmouseover de <h2>"),
        ("boite-a-outils/markdown.md", 23, "attribut style de <p>"),
        ("boite-a-outils/markdown.md", 23, "identifiant « __search », réservé au thème"),
        ("boite-a-outils/analyse.md", 12, "commentaire HTML que les navigateurs ferment plus tôt"),
        ("webinaires/2099-06-01-piege.md", 9, "balise <script>"),
        ("kit-accueil/etape.md", 14, "balise <script>"),
        ("titre-piege.md", 1, "attribut onerror de <img>"),
    ]
    for path, line, what in expected:
        assert f"{path}, ligne {line} : HTML retiré à la publication : {what}" in log, (path, what, log[-6000:])
    assert "CONTRIBUTING.md" in log
    assert "permis.md" not in log  # the allowed HTML is not reported


def test_the_preview_says_on_the_page_what_was_removed(built: Built) -> None:
    html = (built.site / "boite-a-outils" / "balises" / "index.html").read_text(encoding="utf-8")
    assert "HTML retiré à la publication" in html
    assert re.search(r"<li>ligne 12\s:\sbalise &lt;script&gt;</li>", html), html[:3000]


@pytest.mark.browser
@pytest.mark.parametrize("place", PLACES)
def test_no_payload_runs_in_the_browser(browser: Browser, built: Built, place: str) -> None:
    seen = visit(browser, built.served.url(place), evaluate=_FORBIDDEN)
    seen.assert_clean()
    assert seen.extra == [], seen.extra
    assert seen.final_url == built.served.url(place)  # no <meta http-equiv=refresh>, no redirect


@pytest.mark.browser
@pytest.mark.parametrize("term", ["survol", "piégé", "balises", "alert"])
def test_search_results_stay_inert(browser: Browser, built: Built, term: str) -> None:
    visit(browser, built.served.url(""), search=term).assert_clean()


@pytest.mark.browser
def test_what_members_may_write_still_shows(browser: Browser, built: Built) -> None:
    seen = visit(browser, built.served.url("boite-a-outils/balises/"))
    assert "<script>alert(99)</script>" in seen.text  # a code block documenting HTML
    assert "Contenu du pli." in seen.text and "Fin des balises." in seen.text
    marked = visit(browser, built.served.url("boite-a-outils/markdown/"))
    assert "gras dans un bloc" in marked.text and "Fin des extensions." in marked.text
    allowed = visit(browser, built.served.url("permis/"))
    assert all(word in allowed.text for word in ("Ctrl", "surligné", "Légende", "Fusionné", "Un lien", "TL", "Fin."))


def test_allowed_html_keeps_its_spelling(built: Built) -> None:
    html = (built.site / "permis" / "index.html").read_text(encoding="utf-8")
    for spelling in ALLOWED_SPELLINGS:
        assert spelling in html, spelling


def test_the_kit_pdf_runs_nothing(built: Built) -> None:
    document = pdf.build_pdf(built.site)
    text = subprocess.run(["pdftotext", str(document), "-"], capture_output=True, text=True, check=True).stdout
    assert "Début de l'étape." in text and "Fin de l'étape." in text  # the kit page was printed
    assert "CANARI" not in text


def test_the_printable_kit_holds_no_payload(built: Built) -> None:
    html = (built.site / "kit-accueil-imprimable" / "index.html").read_text(encoding="utf-8")
    assert "Début de l'étape." in html
    assert not re.search(r"<[^>]*(onerror|srcdoc)", html) and "<script>document" not in html and "<iframe" not in html


def test_the_search_index_holds_no_live_html(built: Built) -> None:
    """Pagefind indexes the published pages: what it keeps of the payloads is their text, as shown."""
    fragments = sorted((built.site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments
    texts = " ".join(gzip.decompress(path.read_bytes()).decode("utf-8") for path in fragments)
    assert "Fin des balises." in texts
    assert "<img src=x onerror=alert(37)" in texts or "&lt;img src=x onerror=alert(37)" in texts, texts[:3000]
    for payload in ("alert(1)", "alert(2)"):  # removed from the page: not indexed either
        assert payload not in texts, payload


@pytest.mark.parametrize("feed", ["feed_rss_created.xml", "feed_rss_updated.xml"])
def test_feed_descriptions_made_from_the_page_hold_no_live_html(built: Built, feed: str) -> None:
    tree = ET.parse(built.site / feed)
    descriptions = {
        item.findtext("link", "").rsplit("/", 2)[-2]: item.findtext("description", "") for item in tree.iter("item")
    }
    made = descriptions["charte"]
    assert "Des chartes" in made  # made from the page's first lines, as before
    assert not re.search(r"<script|onerror|javascript:", made), made
