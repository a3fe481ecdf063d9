# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Anyone can edit Movilab: hostile wikitext, pulled, built and opened in Chromium, never runs.

The whole path with the real parts: a page mirrored with `python -m sync
push`, edited on the local MediaWiki by another wiki user, brought back with
`python -m sync pull`, built with `mkdocs build --strict`, then loaded in
Chromium (and printed to PDF for the kit). Every payload is invisible or
harmless on the wiki itself; each must stay text on the site.

Classes: HTML comments that browsers close earlier than MediaWiki does
(`<!-->`, `<!--->`, `--!>`) in every inline and block context; categories
and sort keys, which become tags; template parameters, which go to the front
matter; and plain active HTML.
"""

from __future__ import annotations

import itertools
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from commons import pdf
from tests.browser.conftest import Served, serve
from tests.security.conftest import build, commit_all, make_attack_site, no_traceback, sync, visit

PAYLOADS = {
    # HTML comments that a browser ends at <!--> or <!---> (or --!>) while MediaWiki ends them at -->.
    "commentaire-paragraphe": "Avant <!--><img src=x onerror=alert(11)>--> après.",
    "commentaire-tiret": "Avant <!---><img src=x onerror=alert(12)>--> après.",
    "commentaire-bang": "Avant <!-- --!><img src=x onerror=alert(13)> --> après.",
    "commentaire-imbrique": "Avant <!--<!--><img src=x onerror=alert(14)>--> après.",
    "commentaire-liste": "* un <!--><img src=x onerror=alert(15)>-->\n* deux <!---><svg onload=alert(16)>-->\n# trois <!--><img src=x onerror=alert(17)>-->",
    "commentaire-titre": "Intro.\n\n== Titre <!--><img src=x onerror=alert(18)>--> ==\n\nTexte.\n\n=== Sous-titre <!---><svg onload=alert(19)>--> ===\n\nSuite.",
    "commentaire-note": "Texte<ref>note <!--><img src=x onerror=alert(20)>--></ref> et<ref>autre <!---><svg onload=alert(21)>--></ref>.\n\n<references />",
    "commentaire-lien": "Voir [https://example.org externe <!--><img src=x onerror=alert(22)>-->] et [[Accueil|interne <!---><img src=x onerror=alert(23)>-->]].",
    "commentaire-tableau": "{|\n! Titre <!--><img src=x onerror=alert(24)>--> !! B\n|-\n| cellule <!---><svg onload=alert(25)>--> || b\n|}",
    "commentaire-gras-italique": "'''gras <!--><img src=x onerror=alert(26)>-->''' et ''italique <!---><img src=x onerror=alert(27)>-->'' et '''''les deux <!-- --!><svg onload=alert(28)> -->'''''.",
    # Categories and sort keys: pulled into `wiki: categories`, shown as tags.
    "categorie-cle-de-tri": "Texte.\n\n[[Catégorie:Économie|<img src=x onerror=alert(31)>]]",
    "categorie-guillemets": 'Texte.\n\n[[Catégorie:Économie" onmouseover="alert(32)]]',
    "categorie-anglaise": "Texte.\n\n[[Category:Gouvernance|\"><svg onload=alert(33)>]]\n[[Catégorie:A'b <b onmouseover=alert(34)>]]",
    # Template parameters: pulled into `wiki: parametres`.
    "modele-parametres": '{{Fiche\n|résumé=<img src=x onerror=alert(41)>\n|public="><svg onload=alert(42)>\n}}\nTexte.',
    # An admonition div with the theme's interface classes: Material's toast pinned on the screen.
    "admonition-classes-du-theme": '<div class="admonition note md-dialog md-dialog--active">\nSession expirée.\n</div>',
    # Plain active HTML and addresses.
    "html-actif": '<script>alert(51)</script> et <img src=x onerror=alert(52)> et [javascript:alert(53) lien] et <a href="javascript:alert(54)">a</a>.',
}
KIT_PAYLOAD = (
    "Une étape.\n\n<!--><img src=x onerror=alert(61)>-->\n\n== Suite <!---><svg onload=alert(62)>--> ==\n\nFin."
)
_numbers = itertools.count(1)


@dataclass
class Mirrored:
    served: Served
    pull: subprocess.CompletedProcess[str]


def _title(name: str) -> str:
    return f"Sécurité {name} {os.getpid()}-{next(_numbers)}"


@pytest.fixture(scope="module")
def mirrored(tmp_path_factory: pytest.TempPathFactory, mediawiki) -> Iterator[Mirrored]:
    site = make_attack_site(tmp_path_factory.mktemp("wiki"), wiki=mediawiki)
    titles = {}
    for name in PAYLOADS:
        titles[name] = _title(name)
        site.write(f"miroir/{name}.md", f"---\ntitle: {name}\nmovilab: {titles[name]}\n---\n\nTexte initial.\n")
    titles["kit"] = _title("kit")
    site.write("kit-accueil/index.md", "---\ntitle: Kit\n---\n\n# Kit d'accueil\n\nBienvenue.\n")
    site.write(
        "kit-accueil/etape.md",
        f"---\ntitle: Étape\ndescription: Une étape.\nordre: 1\nsources: [essai]\nmovilab: {titles['kit']}\n---\n\n"
        "Texte initial.\n",
    )
    commit_all(site)
    pushed = sync(site, mediawiki, "push")
    no_traceback(pushed)
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    editor = mediawiki.editor(1)
    for name, wikitext in PAYLOADS.items():
        editor.edit(titles[name], wikitext, summary="essai d'attaque")
    editor.edit(titles["kit"], KIT_PAYLOAD, summary="essai d'attaque")
    pulled = sync(site, mediawiki, "pull")
    no_traceback(pulled)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    done = build(site)
    no_traceback(done)
    assert done.returncode == 0, done.stderr[-4000:]
    for served in serve(site.root / "site"):
        yield Mirrored(served, pulled)


@pytest.mark.wiki
@pytest.mark.browser
@pytest.mark.parametrize("name", PAYLOADS)
def test_wiki_payload_stays_inert_after_pull_and_build(browser: Browser, mirrored: Mirrored, name: str) -> None:
    seen = visit(browser, mirrored.served.url(f"miroir/{name}/"))
    seen.assert_clean()


@pytest.mark.wiki
@pytest.mark.browser
@pytest.mark.parametrize("place", ["kit-accueil/etape/", "kit-accueil-imprimable/", ""])
def test_wiki_payload_in_the_kit_stays_inert(browser: Browser, mirrored: Mirrored, place: str) -> None:
    visit(browser, mirrored.served.url(place)).assert_clean()


@pytest.mark.wiki
def test_the_pull_brought_every_edit(mirrored: Mirrored) -> None:
    docs = Path(mirrored.served.root).parent / "docs"
    for name in PAYLOADS:
        assert "Texte initial." not in (docs / "miroir" / f"{name}.md").read_text(encoding="utf-8"), name


@pytest.mark.wiki
def test_the_kit_pdf_prints_the_pulled_page(mirrored: Mirrored) -> None:
    document = pdf.build_pdf(Path(mirrored.served.root))
    text = subprocess.run(["pdftotext", str(document), "-"], capture_output=True, text=True, check=True).stdout
    assert "Une étape." in text and "Fin." in text


@pytest.mark.wiki
@pytest.mark.browser
def test_categories_show_as_text_tags(browser: Browser, mirrored: Mirrored) -> None:
    seen = visit(browser, mirrored.served.url("miroir/categorie-guillemets/"))
    assert 'Économie" onmouseover="alert(32)' in seen.text
