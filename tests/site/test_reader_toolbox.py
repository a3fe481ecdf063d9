# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The toolbox index by thème, the badges and the related fiches, on a real build."""

from __future__ import annotations

import re

import pytest

from tests.site.sitebuilder import Site


@pytest.fixture
def site(reader_build: Site) -> Site:
    """The reader fixture site, built once for the whole session (tests/conftest.py)."""
    return reader_build


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def _sections(html: str) -> dict[str, list[str]]:
    """Theme heading id -> fiche links listed under it, in page order."""
    found: dict[str, list[str]] = {}
    for block in re.split(r"(?=<h2 id=)", html)[1:]:
        heading = re.match(r'<h2 id="([^"]+)"', block)
        assert heading is not None
        found[heading.group(1)] = re.findall(r'commons-card__title"><a href="([^"]+)"', block)
    return found


def test_index_groups_fiches_by_theme_in_french_alphabetical_order(site: Site) -> None:
    sections = _sections(_article(site.html("boite-a-outils")))
    assert list(sections) == [
        "theme-alimentation",
        "theme-creation",
        "theme-economie",
        "theme-gouvernance",
        "theme-observation",
    ]
    # By title in French order: accents sort with their letter ("Évaluer…" first); case, spaces and
    # apostrophes are ignored, so "L'incubateur" (lincubateur) comes after "Le budget" (lebudget).
    assert sections["theme-gouvernance"] == ["evaluer-le-reseau/", "budget-contributif/", "incubateur/"]
    assert sections["theme-economie"] == ["budget-contributif/"]
    html = _article(site.html("boite-a-outils"))
    assert ">Économie<" in html
    assert "Des fiches pratiques, par thème." in html


def test_index_offers_filters_by_theme_public_and_level(site: Site) -> None:
    html = site.html("boite-a-outils")
    assert '<label for="filtre-fiches-public">Pour qui</label>' in html
    assert '<option value="porteur-de-projet">Porteurs de projet</option>' in html
    assert '<option value="avance">Avancé</option>' in html
    card = re.search(r'<li class="commons-card" ([^>]*)>\s*<h3[^>]*><a href="budget-contributif/"', html)
    assert card is not None
    assert 'data-theme="economie gouvernance"' in card.group(1)
    assert 'data-public="coordination tiers-lieu"' in card.group(1)
    assert 'data-niveau="avance"' in card.group(1)


def test_fiche_shows_public_and_level_badges_under_its_title(site: Site) -> None:
    html = _article(site.html("boite-a-outils/budget-contributif"))
    badges = html.index('class="commons-badges"')
    assert html.index("<h1") < badges < html.index("Le budget contributif rétribue")
    assert ">Coordination de réseau<" in html
    assert ">Tiers-lieux<" in html
    assert "Niveau\u00a0: Avancé" in html


def test_fiche_lists_related_fiches_sharing_a_theme(site: Site) -> None:
    html = _article(site.html("boite-a-outils/budget-contributif"))
    related = html[html.index('id="fiches-liees"') :]
    assert 'href="../evaluer-le-reseau/">Évaluer et observer le réseau</a> — Gouvernance' in related
    assert "ouvrir-un-tiers-lieu" not in related
    lonely = _article(site.html("boite-a-outils/ouvrir-un-tiers-lieu"))
    assert "fiches-liees" not in lonely


def test_related_fiches_leave_out_those_the_page_already_links_to(site: Site) -> None:
    html = _article(site.html("boite-a-outils/evaluer-le-reseau"))
    related = html[html.index('id="fiches-liees"') :]
    assert 'href="../incubateur/">L\'incubateur de projets</a> — Gouvernance' in related
    assert "budget-contributif" not in related  # already in its "Pour aller plus loin"
    assert html.count('href="../budget-contributif/"') == 1


def test_material_tags_show_the_themes(site: Site) -> None:
    html = site.html("boite-a-outils/budget-contributif")
    tags = re.search(r'<nav class="md-tags"[^>]*>(.*?)</nav>', html, re.S)
    assert tags is not None
    # Written as the index and the catalogue write them.
    assert ">Économie<" in tags.group(1) and ">Gouvernance<" in tags.group(1)
    assert "économie" not in tags.group(1)


def test_edit_pencil_says_proposer_une_modification_and_the_rest_stays_in_french(site: Site) -> None:
    html = site.html("boite-a-outils/budget-contributif")
    assert re.search(r'title="Proposer une modification" class="md-content__button md-icon" rel="edit"', html)
    assert "Editer cette page" not in html
    assert 'placeholder="Rechercher"' in html  # Material's own French for everything else
