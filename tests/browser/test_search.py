# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""French search (Pagefind) on this repository's real pages, served under /communs/ as in
production: what ranks first, what a first view downloads, the keyboard, and hostile text."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Served, Visit, screenshot, search
from tests.site.sitebuilder import Site, make_site

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("boîte à outils", "Boîte à outils"),
        ("boite a outils", "Boîte à outils"),  # typed on a phone, without accents
        ("accueil", "Kit d'accueil"),
        ("l'accueil", "Kit d'accueil"),  # the elided article is not a word to find
        ("rémunération", "Le budget contributif et la corémunération"),  # the fiche says "rémunérer"
        ("finance", "La finance solidaire pour soutenir mon tiers-lieu"),  # a webinar's subject
        ("compostage", "Comment mettre en place un compostage partagé dans mon tiers-lieu\u202f?"),  # French spacing
        ("contact", "Contact"),
    ],
)
def test_french_queries_put_the_expected_page_first(real_site: Served, desktop: Visit, query: str, first: str) -> None:
    page = desktop.page
    page.goto(real_site.url(""))
    titles = search(page, query)
    assert titles and titles[0] == first, f"« {query} » : {titles[:5]}"


def test_webinars_lead_a_webinar_subject_and_say_their_date(real_site: Served, phone: Visit) -> None:
    page = phone.page
    page.goto(real_site.url("kit-accueil/"))
    search(page, "télétravail")
    kinds = page.locator("#commons-search-results .commons-search__kind").all_inner_texts()
    assert kinds[:2] and all(k.startswith("Webinaire · ") for k in kinds[:2]), kinds
    assert re.search(r"Webinaire · \w+ \d+ \w+ \d{4}", kinds[0])
    teasers = " ".join(page.locator("#commons-search-results .md-search-result__teaser").all_inner_texts())
    # Labels are not glued to their values ("Datejeudi 26 novembre 2020Intervenant…").
    assert not re.search(r"Date(lundi|mardi|mercredi|jeudi|vendredi)|\dIntervenant", teasers)
    screenshot(page, "recherche-telephone-teletravail", full_page=False)


def test_a_first_view_downloads_no_index_and_the_search_loads_only_what_it_needs(
    real_site: Served, phone: Visit
) -> None:
    page = phone.page
    page.goto(real_site.url("kit-accueil/qu-est-ce-qu-un-tiers-lieu/"), wait_until="networkidle")
    first_view = list(phone.requests)
    assert not [u for u in first_view if "pagefind" in u or "search_index" in u or "sitemap" in u], first_view
    assert not [u for u in first_view if "print-site" in u or "filters.js" in u], first_view
    search(page, "gouvernance")
    loaded = [u for u in phone.requests if "/pagefind/" in u]
    chunks = [u for u in loaded if u.endswith(".pf_index")]
    assert loaded and 0 < len(chunks) <= 2, loaded  # the chunk(s) of one word, not the whole index
    assert phone.external_requests() == []


def test_search_works_with_the_keyboard_alone(real_site: Served, desktop: Visit) -> None:
    page = desktop.page
    page.goto(real_site.url(""))
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("charte")
    page.wait_for_function("document.querySelectorAll('#commons-search-results a').length > 0")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    page.goto(real_site.url(""))
    box = page.locator("input.md-search__input")
    box.focus()
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_search_works_on_the_printable_kit_and_the_404_page(real_site: Served, desktop: Visit) -> None:
    page = desktop.page
    for path in ("kit-accueil-imprimable/", "cette-page-n-existe-pas/"):
        page.goto(real_site.url(path))
        assert search(page, "glossaire")[:1] == ["Glossaire"], path


def test_search_on_a_site_served_from_another_folder(reader_site: Served, desktop: Visit) -> None:
    """The reader site says /communs/ in its settings but is served at the root, like a preview."""
    page = desktop.page
    for path in ("boite-a-outils/", "kit-accueil-imprimable/"):
        page.goto(reader_site.url(path))
        assert "Le budget contributif" in search(page, "budget"), path


def test_hostile_page_text_is_shown_as_text_in_results(browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site: Site = make_site(tmp_path, plugins=False)
    site.write(
        "boite-a-outils/piege.md",
        """
        ---
        title: Une fiche piégée
        description: Du texte qui ressemble à du HTML.
        thèmes: [sécurité]
        public: [tous]
        sources: [essai]
        ---

        # Une fiche piégée

        Le mot zorglub puis &lt;img src=x onerror="window.pwned=1"&gt; et `<script>window.pwned=2</script>` zorglub.
        """,
    )
    site.commit("Piège", author="Alice Martin <alice@example.org>", date="2026-01-10T10:00:00+01:00")
    done = site.build()
    assert done.returncode == 0, done.stderr
    from tests.browser.conftest import serve

    served = serve(site.root / "site")
    base = next(served)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base.url(""))
        assert search(page, "zorglub") == ["Une fiche piégée"]
        teaser = page.locator(".md-search-result__teaser").first
        assert "<img" in teaser.inner_text() or "<script>" in teaser.inner_text()
        assert teaser.locator("img, script").count() == 0
        assert page.evaluate("window.pwned") is None
    finally:
        context.close()
        served.close()
