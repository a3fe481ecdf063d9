# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The toolbox index by thème, the badges and the related fiches, on a real build."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.site.sitebuilder import Site


@pytest.fixture
def site(reader_build: Site) -> Site:
    """The reader fixture site, built once for the whole session (tests/conftest.py)."""
    return reader_build


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_index_lists_each_fiche_once_in_french_title_order(site: Site) -> None:
    html = _article(site.html("boite-a-outils"))
    cards = re.findall(r'commons-card__title"><a href="([^"]+)"', html)
    # By title in French order: accents sort with their letter ("Évaluer…" first); case, spaces and
    # apostrophes are ignored, so "L'incubateur" (lincubateur) comes after "Le budget" (lebudget).
    assert cards == [
        "evaluer-le-reseau/",
        "cantine-partagee/",
        "budget-contributif/",
        "incubateur/",
        "ouvrir-un-tiers-lieu/",
    ]
    assert '<h2 id="fiches">Les fiches (5 fiches)' in html
    assert "Des fiches pratiques, par thème." in html
    card = html[html.index('href="budget-contributif/"') :]
    card = card[: card.index("</li>")]
    assert '<a class="md-tag" href="?theme=economie">Économie</a>' in card  # a card's thèmes filter the list
    assert '<a class="md-tag" href="?theme=gouvernance">Gouvernance</a>' in card


def test_theme_filter_options_say_how_many_fiches_they_keep(site: Site) -> None:
    html = site.html("boite-a-outils")
    assert '<option value="gouvernance">Gouvernance (3)</option>' in html
    assert '<option value="economie">Économie (1)</option>' in html
    assert '<option value="porteur-de-projet">Porteurs de projet (2)</option>' in html


def test_menu_lists_the_fiches_in_french_title_order(site: Site) -> None:
    html = site.html("boite-a-outils/incubateur")
    menu = html[html.index('aria-label="Boîte à outils"') : html.index("md-sidebar--secondary")]
    expected = [
        "Évaluer et observer le réseau",
        "La cantine partagée",
        "Le budget contributif",
        "L'incubateur de projets",
        "Ouvrir un tiers-lieu",
    ]
    found = [
        " ".join(unescape(t).split()) for t in re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', menu)
    ]
    titles = [t for t in found if t in expected]  # the current page's own contents aside
    assert [t for i, t in enumerate(titles) if i == 0 or t != titles[i - 1]] == expected


def test_index_offers_filters_by_theme_public_and_level(site: Site) -> None:
    html = site.html("boite-a-outils")
    assert '<label for="filtre-fiches-public">Pour qui</label>' in html
    assert '<option value="porteur-de-projet">Porteurs de projet (2)</option>' in html
    assert '<option value="avance">Avancé (1)</option>' in html
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
