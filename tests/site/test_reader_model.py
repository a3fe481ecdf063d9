# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The reader features' content model on its own: French dates, ordering, related fiches, reading time."""

from __future__ import annotations

import datetime as dt

import pytest

from commons.catalogue import build_catalogue
from commons.filters import sort_key
from commons.insert import ensure_title, insert_after_title, insert_listing
from commons.pages import parse_page
from commons.printable import absolute_links, safe_heading_ids
from commons.reading import reading_minutes, word_count
from commons.toolbox import fiches_from_pages, linked_paths, related
from commons.webinars import PARIS, french_date, french_duration, today_in_paris, webinars_from_pages


def _webinar_page(name: str, when: str, themes: str = "[x]") -> object:
    text = f"---\ntitle: {name}\ndate: {when}\nintervenants: [{{nom: A}}]\nthèmes: {themes}\nsources: [essai]\n---\n"
    page, problems = parse_page(f"webinaires/{name}.md", text)
    assert problems == []
    return page


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2019, 5, 1), "mercredi 1er mai 2019"),
        (dt.datetime(2024, 8, 15, 9, 5, tzinfo=PARIS), "jeudi 15 août 2024 à 9 h 05"),
        (dt.datetime(2021, 2, 2, 18, 0, tzinfo=PARIS), "mardi 2 février 2021 à 18 h"),
        (dt.date(2023, 12, 31), "dimanche 31 décembre 2023"),
    ],
)
def test_french_dates(value: dt.date, expected: str) -> None:
    assert french_date(value) == expected


@pytest.mark.parametrize(("minutes", "expected"), [(45, "45 min"), (60, "1 h"), (90, "1 h 30"), (125, "2 h 05")])
def test_french_durations(minutes: int, expected: str) -> None:
    assert french_duration(minutes) == expected


def test_a_webinar_happening_today_is_still_upcoming_and_times_are_paris_times() -> None:
    pages = [
        _webinar_page("matin", "2024-06-01T09:00:00"),
        _webinar_page("veille", "2024-05-31"),
        _webinar_page("journee", "2024-06-01"),
        _webinar_page("utc", "2024-06-01T16:00:00+00:00"),
    ]
    webinars = webinars_from_pages(pages)  # type: ignore[arg-type]
    catalogue = build_catalogue(webinars, dt.date(2024, 6, 1))
    assert [w.slug for w in catalogue.upcoming] == ["journee", "matin", "utc"]
    assert [w.slug for _, ws in catalogue.past_by_year for w in ws] == ["veille"]
    utc = next(w for w in webinars if w.slug == "utc")
    assert french_date(utc.start) == "samedi 1er juin 2024 à 18 h"


def test_today_is_the_day_in_paris_not_in_utc() -> None:
    late_evening_utc = dt.datetime(2024, 12, 31, 23, 30, tzinfo=dt.UTC)
    assert today_in_paris(late_evening_utc) == dt.date(2025, 1, 1)


def test_related_fiches_rank_by_shared_themes_then_title() -> None:
    def fiche(slug: str, themes: str) -> object:
        text = f"---\ntitle: {slug.title()}\ndescription: d\nthèmes: {themes}\npublic: [tous]\nsources: [essai]\n---\n"
        return parse_page(f"boite-a-outils/{slug}.md", text)[0]

    fiches = fiches_from_pages(
        [
            fiche("a", "[gouvernance, économie]"),
            fiche("b", "[gouvernance]"),
            fiche("c", "[économie, gouvernance]"),
            fiche("d", "[culture]"),
        ]
    )
    by_slug = {f.path.split("/")[-1][:-3]: f for f in fiches}
    assert [f.title for f in related(by_slug["a"], fiches)] == ["C", "B"]
    assert related(by_slug["d"], fiches) == []


def test_reading_time_counts_words_not_markup() -> None:
    markdown = "Un [lien](https://example.org/tres/long/chemin) et <span>du texte</span>.\n\n```\ncode ignoré\n```\n"
    assert word_count(markdown) == 5
    assert reading_minutes("mot " * 201) == 2
    assert reading_minutes("") == 1


def test_generated_blocks_go_under_the_title_or_in_place_of_the_marker() -> None:
    assert insert_after_title("# Titre\n\nTexte.", "BLOC") == "# Titre\n\nBLOC\n\nTexte."
    assert insert_after_title("Texte.", "BLOC") == "BLOC\n\nTexte."
    assert insert_listing("Avant\n<!-- m -->\nAprès", "<!-- m -->", "LISTE") == "Avant\nLISTE\nAprès"
    assert insert_listing("Intro\n", "<!-- m -->", "LISTE") == "Intro\n\nLISTE"
    authored = "# T\n\nIntro.\n\n```\n## pas un titre\n```\n\n## Contribuer\n\nComment faire.\n"
    assert insert_listing(authored, "<!-- m -->", "LISTE") == (
        "# T\n\nIntro.\n\n```\n## pas un titre\n```\n\nLISTE\n\n## Contribuer\n\nComment faire.\n"
    )
    assert ensure_title("Texte.", "Titre") == "# Titre\n\nTexte."
    assert ensure_title("# Déjà\n", "Titre") == "# Déjà\n"


def test_printable_links_keep_external_anchors_and_printed_pages() -> None:
    html = (
        '<a href="../../boite-a-outils/x/#y">a</a><a href="../faq/">b</a><a href="#z">c</a>'
        '<a href="https://movilab.org/">d</a><a href="mailto:a@b.org">e</a><a class="k" href="../../">f</a>'
    )
    out = absolute_links(html, "kit-accueil/glossaire/", "https://example.org/communs/", ["kit-accueil/faq/"])
    assert out == (
        '<a href="https://example.org/communs/boite-a-outils/x/#y">a</a><a href="../faq/">b</a><a href="#z">c</a>'
        '<a href="https://movilab.org/">d</a><a href="mailto:a@b.org">e</a>'
        '<a class="k" href="https://example.org/communs/">f</a>'
    )
    assert absolute_links(html, "kit-accueil/glossaire/", "", []) == html  # no public address known


@pytest.mark.parametrize("letter", ["d", "i", "h"])
def test_printable_ids_that_print_site_would_mangle_are_renamed(letter: str) -> None:
    html = f'<h2 id="{letter}">X<a class="headerlink" href="#{letter}">¶</a></h2><h2 id="budget">B</h2>'
    assert safe_heading_ids(html) == (
        f'<h2 id="section-{letter}">X<a class="headerlink" href="#section-{letter}">¶</a></h2><h2 id="budget">B</h2>'
    )


def test_titles_sort_in_french_order_ignoring_case_accents_and_apostrophes() -> None:
    titles = [
        "L'incubateur et la grande échelle",
        "La campagne d'appels",
        "le budget",
        "Évaluer",
        "Des cœurs",
        "Des cubes",
    ]
    assert sorted(titles, key=sort_key) == [
        "Des cœurs",
        "Des cubes",
        "Évaluer",
        "La campagne d'appels",
        "le budget",
        "L'incubateur et la grande échelle",
    ]


def test_links_a_page_already_makes_are_found_in_all_markdown_link_forms() -> None:
    markdown = (
        'Voir [a](budget.md#x), [b](../kit-accueil/faq.md "titre") et [c][ref].\n\n'
        '[ref]: ./evaluer.md\n\n<a href="relais.md">d</a> [e](https://example.org/x.md) [f](#ancre)\n'
    )
    assert linked_paths(markdown, "boite-a-outils/fiche.md") == {
        "boite-a-outils/budget.md",
        "kit-accueil/faq.md",
        "boite-a-outils/evaluer.md",
        "boite-a-outils/relais.md",
    }
