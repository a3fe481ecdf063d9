# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Contact and legal pages generated from the settings, the footer that links them on every page,
and the contact box in pages; hostile settings stay text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from commons.legal import read_legal_settings
from tests.site.sitebuilder import Site, make_site

LEGAL = ["contact", "mentions-legales", "accessibilite", "donnees-personnelles"]


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


@pytest.mark.parametrize("page", LEGAL)
def test_legal_pages_exist_outside_the_menu_and_the_footer_of_every_page_links_them(
    reader_build: Site, page: str
) -> None:
    html = reader_build.html(page)
    assert "<h1" in html
    home = reader_build.html("")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') : home.index("</nav>")]
    assert f'href="{page}/"' not in nav  # not in the menu: in the footer
    for url in ("", "webinaires/2019-05-14-compostage", "kit-accueil/contribuer", page):
        footer = reader_build.html(url).split('<div class="md-copyright">', 1)[1]
        target = r"\./" if url == page else rf"(\.\./)*{page}/"
        assert re.search(rf'href="{target}"', footer), (url, page)
    error_page = (reader_build.root / "site" / "404.html").read_text(encoding="utf-8")
    assert f'href="/communs/{page}/"' in error_page  # absolute: the 404 page answers at any address


def test_footer_says_the_accessibility_level_and_the_address(reader_build: Site) -> None:
    footer = reader_build.html("").split('<div class="md-copyright">', 1)[1]
    assert "Accessibilité : non conforme</a>" in footer
    assert '<a href="mailto:contact@example.org">contact@example.org</a>' in footer


def test_accessibility_statement_follows_the_rgaa_model_and_claims_no_more_than_declared(
    reader_build: Site,
) -> None:
    text = re.sub(r"<[^>]+>", "", _article(reader_build.html("accessibilite")))
    for heading in (
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Établissement de cette déclaration",
        "Retour d'information et contact",
        "Voies de recours",
    ):
        assert heading in text
    assert (
        "est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.2" in text
    )
    assert "n'a pas encore fait l'objet d'un audit" in text
    assert "Défenseur des droits" in text and "2 mars 2026" in text


def test_level_is_never_more_than_the_three_rgaa_levels_allow() -> None:
    assert read_legal_settings({"accessibilite": {"etat": "AAA"}}).accessibility.level == "non conforme"
    assert read_legal_settings({"accessibilite": {"etat": "Partiellement  conforme"}}).accessibility.level == (
        "partiellement conforme"
    )
    assert read_legal_settings({"contact": "pas une liste"}).contact.any is False


def test_privacy_page_says_no_cookie_and_no_other_server(reader_build: Site) -> None:
    text = re.sub(r"<[^>]+>", "", _article(reader_build.html("donnees-personnelles")))
    assert "Aucun cookie" in text and "Aucun autre serveur" in text
    assert "GitHub Inc." in text  # the host named in the settings keeps its logs


def test_contact_marker_becomes_the_contact_box_in_the_kit(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugins=False)
    site.configure(extra={"contact": {"email": "bonjour@bocage.fr", "forum": "https://forum.bocage.fr/"}})
    site.write(
        "kit-accueil/faq.md",
        """
        ---
        title: Questions
        description: Les questions fréquentes.
        ordre: 1
        sources: [essai]
        ---

        # Questions

        <!-- contact -->
        """,
    )
    site.commit("FAQ", author="Alice Martin <alice@example.org>", date="2026-01-10T10:00:00+01:00")
    done = site.build()
    assert done.returncode == 0, done.stderr
    box = re.search(r'<p class="commons-contact">(.*?)</p>', site.html("kit-accueil/faq"))
    assert box is not None
    assert 'par e-mail à <a href="mailto:bonjour@bocage.fr">bonjour@bocage.fr</a>' in box.group(1)
    assert 'sur le <a href="https://forum.bocage.fr/">forum</a>' in box.group(1)
    assert 'href="../../contact/"' in box.group(1)


def test_hostile_settings_stay_text_and_a_page_of_docs_wins_over_the_generated_one(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugins=False)
    site.configure(
        extra={
            "contact": {"email": 'x"><script>alert(1)</script>@a.fr', "formulaire": "javascript:alert(2)"},
            "editeur": {"nom": "<img src=x onerror=alert(3)> & *Cie*", "directeur_publication": "[lien](javascript:x)"},
            "accessibilite": {"etat": "<b>totalement</b>"},
        }
    )
    site.write("mentions-legales.md", "# Nos mentions\n\nRédigées par le réseau.\n")
    site.commit("Pages", author="Alice Martin <alice@example.org>", date="2026-01-10T10:00:00+01:00")
    done = site.build()
    assert done.returncode == 0, done.stderr
    for page in ("contact", "accessibilite", "donnees-personnelles", ""):
        html = site.html(page)
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "javascript:" not in html.replace("javascript:x", "")  # shown as text only, never as a link
        assert 'href="javascript' not in html
    assert "&lt;img src=x onerror=alert(3)&gt; &amp; *Cie*" in site.html("accessibilite")
    assert "Accessibilité : non conforme" in site.html("")  # an unknown level reads as the honest default
    assert "Rédigées par le réseau." in site.html("mentions-legales")
