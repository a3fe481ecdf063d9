# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a reader does, in Chromium: search in French, filter lists by keyboard, follow the kit,
get the calendar feed, edit a page; with axe-core checks, screenshots and a page-weight budget."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from icalendar import Calendar

from commons.config import load_site_config
from tests.browser.conftest import ARTIFACTS, ROOT, Served, Visit, screenshot, search, serious_violations

pytestmark = pytest.mark.browser

KIT_PAGE_BUDGET = 500 * 1024  # bytes transferred for a kit page, search index aside


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        # Elision: "l'" is dropped, not searched as every word starting with "l".
        ("l'accueil", "Bienvenue", "Ouvrir un tiers-lieu"),
        # Accents: the page says "évaluation".
        ("evaluation", "Évaluer et observer le réseau", None),
        # Plurals: the fiche says "tiers-lieu" and "budget".
        ("tiers-lieux", "Ouvrir un tiers-lieu", None),
        ("budgets", "Le budget contributif", None),
    ],
)
def test_search_finds_french_words_through_elisions_accents_and_plurals(
    reader_site: Served, desktop: Visit, query: str, expected: str, absent: str | None
) -> None:
    page = desktop.page
    page.goto(reader_site.url("boite-a-outils/"))
    titles = search(page, query)
    assert expected in titles, f"« {query} » devrait trouver « {expected} » ; trouvé : {titles}"
    if absent:
        assert absent not in titles
    if query == "evaluation":
        screenshot(page, "recherche-evaluation", full_page=False)


def test_catalogue_filters_work_with_the_keyboard(reader_site: Served, desktop: Visit) -> None:
    page = desktop.page
    page.goto(reader_site.url("webinaires/"))
    cards = page.locator("li.commons-card:visible h3")
    assert cards.count() == 5
    # From the subscription button, Tab reaches the theme filter (after the RSS link and the
    # "how to subscribe" summary): no mouse needed.
    page.locator("a[href^='webcal:']").focus()
    stops = []
    for _ in range(4):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.id || document.activeElement.textContent"))
        if stops[-1] == "filtre-webinaires-theme":
            break
    assert stops[-1] == "filtre-webinaires-theme", stops
    page.keyboard.type("Gouv")  # type-ahead in a focused <select>
    page.wait_for_function("document.querySelector('#filtre-webinaires-theme').value === 'gouvernance'")
    assert cards.all_inner_texts() == ["Gouvernance partagée"]
    assert page.locator("#a-venir").is_hidden()
    assert page.locator("#annee-2021").is_hidden()
    assert page.locator(".commons-filter__status").inner_text() == "1 webinaire affiché."
    assert page.url.endswith("/webinaires/?theme=gouvernance")
    screenshot(page, "catalogue-filtre-gouvernance")
    # Tab to "Tout afficher" and press it.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "reset"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('li.commons-card:not([hidden])').length === 5")
    page.select_option("#filtre-webinaires-intervenant", "marc-petit")
    assert cards.all_inner_texts() == ["Télétravail et coworking", "Compostage en tiers-lieu"]


def test_catalogue_link_with_a_theme_opens_filtered(reader_site: Served, phone: Visit) -> None:
    page = phone.page
    page.goto(reader_site.url("webinaires/?theme=alimentation"))
    titles = page.locator("li.commons-card:visible h3").all_inner_texts()
    assert titles == ["Jardins partagés en tiers-lieu", "Compostage en tiers-lieu"]
    screenshot(page, "catalogue-telephone-alimentation")


def test_catalogue_subscription_serves_a_calendar_with_every_webinar(reader_site: Served, desktop: Visit) -> None:
    page = desktop.page
    page.goto(reader_site.url("webinaires/"))
    button = page.get_by_role("link", name="S'abonner à l'agenda des webinaires")
    assert (button.get_attribute("href") or "").startswith("webcal://")
    page.get_by_text("Comment s'abonner ?").click()
    address = page.locator(".commons-subscribe__address").inner_text()
    assert address == "https://example.org/communs/webinaires.ics"  # the public address, from site_url
    # Served here at the root: the same file, fetched as an agenda does.
    response = page.request.get(reader_site.url("webinaires.ics"))
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    assert len(events) == 5
    screenshot(page, "catalogue-s-abonner")


def test_toolbox_filter_by_public_shows_matching_fiches(reader_site: Served, phone: Visit) -> None:
    page = phone.page
    page.goto(reader_site.url("boite-a-outils/"))
    page.select_option("#filtre-fiches-public", "collectivite")
    visible = page.locator("li.commons-card:visible h3").all_inner_texts()
    assert visible == ["Évaluer et observer le réseau"]  # once, though it has two thèmes
    assert page.locator(".commons-filter__status").inner_text() == "1 fiche affichée."
    page.locator("li.commons-card:visible").get_by_role("link", name="Gouvernance").click()
    page.wait_for_url("**/boite-a-outils/?theme=gouvernance")
    assert page.locator(".commons-filter__status").inner_text() == "3 fiches affichées."
    assert page.locator("li.commons-card:visible").count() == 3
    screenshot(page, "boite-a-outils-filtre-collectivites-telephone")


def test_filters_leave_the_full_list_without_javascript(reader_site: Served, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(reader_site.url("boite-a-outils/"))
        assert page.locator("form.commons-filter").is_hidden()
        assert page.locator("li.commons-card:visible").count() == 5
    finally:
        context.close()


def test_edit_button_opens_the_forge_editor(reader_site: Served, desktop: Visit) -> None:
    page = desktop.page
    page.goto(reader_site.url("boite-a-outils/budget-contributif/"))
    config = load_site_config(ROOT / "mkdocs.yml")
    edit = page.locator("a.md-content__button[rel='edit']")
    assert edit.get_attribute("href") == (
        f"{config.repo_url}/{config.edit_uri.strip('/')}/boite-a-outils/budget-contributif.md"
    )
    # The pencil's tooltip says what the contribution guide says (Material's French: "Editer cette page").
    assert edit.get_attribute("title") == "Proposer une modification"
    assert page.get_by_role("link", name="Proposer une modification").first.get_attribute("href") == edit.get_attribute(
        "href"
    )


def test_fiche_shows_badges_and_related_fiches(reader_site: Served, phone: Visit) -> None:
    page = phone.page
    page.goto(reader_site.url("boite-a-outils/budget-contributif/"))
    badges = page.locator(".commons-badges .commons-badge").all_inner_texts()
    assert badges == ["Coordination de réseau", "Tiers-lieux", "Niveau\u00a0: Avancé"]
    related = page.locator("article #fiches-liees + ul")
    related.get_by_role("link", name="Évaluer et observer le réseau").click()
    assert page.url.endswith("/boite-a-outils/evaluer-le-reseau/")


def test_kit_reads_in_order_from_first_step_to_last(real_site: Served, phone: Visit) -> None:
    page = phone.page
    page.goto(real_site.url("kit-accueil/"))
    steps = []
    for _ in range(30):
        next_link = page.locator("a.md-footer__link--next")
        if not next_link.count() or "/kit-accueil/" not in (next_link.get_attribute("href") or "") + page.url:
            break
        next_link.click()
        page.wait_for_load_state()
        if "/kit-accueil/" not in page.url:
            break
        found = re.search(r"Étape (\d+) sur (\d+)", page.locator("article").inner_text())
        if found:
            steps.append((int(found.group(1)), int(found.group(2))))
        if found and found.group(1) == found.group(2):
            break
    assert steps, "aucune étape du kit atteinte par les liens « Suivant »"
    total = steps[0][1]
    assert steps == [(n, total) for n in range(1, total + 1)]


def test_kit_page_on_a_phone_is_light_and_accessible(real_site: Served, phone: Visit, axe_source: str) -> None:
    page = phone.page
    sizes: dict[str, int] = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
    page.goto(real_site.url("kit-accueil/qu-est-ce-qu-un-tiers-lieu/"), wait_until="networkidle")
    screenshot(page, "kit-telephone")
    counted = {url: size for url, size in sizes.items() if "search_index.json" not in url}
    total = sum(counted.values())
    print(f"\npoids de la page du kit (hors index de recherche) : {total / 1024:.0f} Ko en {len(counted)} fichiers")
    assert total < KIT_PAGE_BUDGET, sorted(counted.items(), key=lambda item: -item[1])[:5]
    assert phone.external_requests() == []
    assert serious_violations(page, axe_source) == []


def test_kit_pdf_is_linked_from_the_kit(real_site: Served, desktop: Visit) -> None:
    page = desktop.page
    page.goto(real_site.url("kit-accueil/"))
    href = page.get_by_role("link", name="en PDF").first.get_attribute("href")
    response = page.request.get(real_site.url("kit-accueil/") + str(href))
    assert response.ok
    assert response.body().startswith(b"%PDF-")
    page.get_by_role("link", name="version à imprimer").first.click()
    assert page.url.endswith("/kit-accueil-imprimable/")
    screenshot(page, "kit-imprimable")


@pytest.mark.parametrize(
    "path",
    [
        "",
        "webinaires/",
        "webinaires/2019-05-14-compostage/",
        "boite-a-outils/",
        "boite-a-outils/budget-contributif/",
        "kit-accueil/bienvenue/",
        "kit-accueil-imprimable/",
        "charte/charte-du-reseau/",
    ],
)
def test_pages_are_french_accessible_and_load_nothing_from_elsewhere(
    reader_site: Served, desktop: Visit, axe_source: str, path: str
) -> None:
    page = desktop.page
    page.goto(reader_site.url(path), wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert serious_violations(page, axe_source) == []
    assert desktop.external_requests() == []


def test_skip_link_is_the_first_stop_and_jumps_to_the_content(reader_site: Served, desktop: Visit) -> None:
    page = desktop.page
    page.goto(reader_site.url("boite-a-outils/budget-contributif/"))
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert "md-skip" in focused[0].split()
    target = focused[1].lstrip("#")
    assert page.locator(f"[id='{target}']").count() == 1


def test_webinar_page_says_when_and_with_whom_and_adds_itself_to_an_agenda(reader_site: Served, phone: Visit) -> None:
    page = phone.page
    page.goto(reader_site.url("webinaires/2019-05-14-compostage/"))
    header = page.locator("article .commons-event")
    text = re.sub(r"\s+", " ", header.inner_text())
    assert "mardi 14 mai 2019 à 14 h (heure de Paris)" in text
    assert "Inès Durand (La Ferme du Coin), Marc Petit" in text
    title_box = page.locator("article h1").bounding_box()
    header_box = header.bounding_box()
    body_box = page.get_by_text("Retour d'expérience sur le compostage").bounding_box()
    assert title_box and header_box and body_box
    assert title_box["y"] < header_box["y"] < body_box["y"]  # under the title, before the text
    assert header.get_by_role("link", name="Ajouter à mon agenda (.ics)").count() == 0  # past: nothing to add
    screenshot(page, "webinaire-telephone")
    header.get_by_role("link", name="Alimentation").click()
    page.wait_for_url("**/webinaires/?theme=alimentation")
    assert page.locator("li.commons-card:visible h3").all_inner_texts() == [
        "Jardins partagés en tiers-lieu",
        "Compostage en tiers-lieu",
    ]
    page.goto(reader_site.url("webinaires/2026-06-12-jardins-partages/"))
    header = page.locator("article .commons-event")
    agenda = header.get_by_role("link", name="Ajouter à mon agenda (.ics)")
    response = page.request.get(
        reader_site.url("webinaires/2026-06-12-jardins-partages/") + str(agenda.get_attribute("href"))
    )
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Jardins partagés en tiers-lieu"]
    header.get_by_role("link", name="Recevoir tous les webinaires dans mon agenda").click()
    page.wait_for_url("**/webinaires/#s-abonner")


def test_charter_says_which_version_is_in_force_under_its_title(reader_site: Served, phone: Visit) -> None:
    page = phone.page
    page.goto(reader_site.url("charte/charte-du-reseau/"))
    line = page.locator("article .commons-charter-version")
    assert line.inner_text() == "Version 1.0, adoptée le 22 novembre 2026"
    title = page.locator("article h1").bounding_box()
    box = line.bounding_box()
    assert title and box and title["y"] + title["height"] <= box["y"] < title["y"] + title["height"] + 60
    screenshot(page, "charte-telephone", full_page=False)


def test_printed_kit_shows_answers_and_hides_screen_only_hints(reader_site: Served, desktop: Visit) -> None:
    page = desktop.page
    page.goto(reader_site.url("kit-accueil-imprimable/"))
    page.emulate_media(media="print")
    assert page.get_by_text("Oui, un compte gratuit sur la forge suffit").is_visible()
    assert page.get_by_text("Touchez une question pour afficher la réponse.").is_hidden()
    assert page.locator(".commons-print-credits").get_by_text("Alice Martin").is_visible()
    page.emulate_media(media="screen")
    page.goto(reader_site.url("kit-accueil/contribuer/"))
    assert page.get_by_text("Touchez une question pour afficher la réponse.").is_visible()
    assert page.get_by_text("Oui, un compte gratuit sur la forge suffit").is_hidden()  # folded until tapped


def test_kit_pdf_of_this_site_answers_its_faq_and_ends_with_credits(real_site: Served) -> None:
    document = real_site.root / "kit-accueil-imprimable" / "kit-accueil.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(document))).group(1))  # type: ignore[union-attr]
    last = " ".join(_run("pdftotext", "-f", str(pages), "-l", str(pages), str(document), "-").split())
    assert last.startswith("Crédits")
    contents = " ".join(_run("pdftotext", "-f", "2", "-l", "2", str(document), "-").split())  # after the cover
    assert contents.startswith("Sommaire") and "Crédits" in contents  # listed in the contents too
    assert "CC BY-SA 4.0" in last and "Auteurs et autrices" in last and "Sources" in last
    text = _run("pdftotext", str(document), "-")
    assert "Touchez une question" not in text
    ARTIFACTS.mkdir(exist_ok=True)
    for number in (1, pages):
        _run(
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-singlefile",
            "-f",
            str(number),
            "-l",
            str(number),
            str(document),
            str(ARTIFACTS / f"kit-pdf-page-{number}"),
        )


def _run(*command: str) -> str:
    if shutil.which(command[0]) is None:
        pytest.fail(f"{command[0]} est introuvable : installez le paquet Debian poppler-utils.", pytrace=False)
    return subprocess.run(list(command), capture_output=True, text=True, check=True).stdout


def test_home_of_this_site_leads_to_the_kit_and_names_sections_as_the_menu_does(
    real_site: Served, phone: Visit
) -> None:
    page = phone.page
    page.goto(real_site.url(""))
    page.locator("a.md-footer__link--next").click()
    assert page.url == real_site.url("kit-accueil/")
    page.goto(real_site.url(""))
    menu = [
        " ".join(t.split())
        for t in page.locator("nav.md-nav--primary > ul > li.md-nav__item--nested > a .md-ellipsis").all_inner_texts()
    ]
    assert menu[:4] == ["Kit d'accueil", "Boîte à outils", "Webinaires", "Chartes"]
    for label in menu[:4]:
        assert page.locator("article").get_by_role("link", name=label, exact=True).count() >= 1


def test_someone_who_wants_to_open_a_tiers_lieu_finds_where_to_start_on_the_home_page(
    real_site: Served, phone: Visit
) -> None:
    page = phone.page
    page.goto(real_site.url(""))
    section = page.get_by_role("heading", name="Vous voulez ouvrir un tiers-lieu ?")
    section.scroll_into_view_if_needed()
    assert section.is_visible()
    page.locator("article").get_by_role("link", name="Écrivez-nous").click()
    assert page.url == real_site.url("#nous-ecrire")
    assert page.locator("article a[href^='mailto:']").first.is_visible()
    page.locator("article").get_by_role("link", name="hotline et le guichet d'accompagnement").click()
    assert page.url == real_site.url("boite-a-outils/guichet-d-accompagnement/")
    page.goto(real_site.url(""))
    page.locator("article").get_by_role("link", name="foire aux questions").click()
    assert page.get_by_text("Je n'ai qu'un projet, pas encore de lieu").is_visible()


def test_question_mark_never_wraps_alone_onto_a_new_line(real_site: Served, phone: Visit) -> None:
    page = phone.page
    page.goto(real_site.url("kit-accueil/qu-est-ce-qu-un-tiers-lieu/"))
    # Narrow the title pixel by pixel: at every width, "?" stays on the line of the word before it.
    lone = page.evaluate(
        """() => {
            const title = document.querySelector("article h1");
            const node = [...title.childNodes].find(n => n.nodeType === 3 && n.textContent.includes("?"));
            const at = node.textContent.lastIndexOf("?");
            const top = (start) => { const r = document.createRange(); r.setStart(node, start);
                                     r.setEnd(node, start + 1); return r.getClientRects()[0].top; };
            const widths = [];
            for (let width = 360; width >= 120; width -= 2) {
                title.style.width = width + "px";
                if (Math.abs(top(at) - top(at - 2)) > 1) widths.push(width);
            }
            title.style.width = "";
            return widths;
        }"""
    )
    assert lone == [], f"« ? » seul en début de ligne pour une largeur de {lone} px"


def test_kit_meta_line_wraps_on_a_phone_without_a_dangling_dot(real_site: Served, phone: Visit) -> None:
    page = phone.page
    page.goto(real_site.url("kit-accueil/fonctionnement-du-reseau/"))
    boxes = page.evaluate(
        """() => {
            const line = document.querySelector("article .commons-meta");
            const left = line.getBoundingClientRect().left;
            return [...line.querySelectorAll(".commons-meta__item")].map(item => {
                const r = item.getBoundingClientRect();
                const dot = parseFloat(getComputedStyle(item, "::before").width);
                return {top: Math.round(r.top), dotVisible: r.left + 1 >= left, dot};
            });
        }"""
    )
    assert len({box["top"] for box in boxes}) > 1, "la ligne devrait passer à la ligne sur un téléphone"
    for index, box in enumerate(boxes):
        starts_line = index == 0 or box["top"] != boxes[index - 1]["top"]
        # A dot shows between two items of the same line only, never at a line's start or end.
        assert box["dotVisible"] is not starts_line, (index, boxes)
        assert box["dot"] > 0
    screenshot(page, "kit-ligne-etape-telephone", full_page=False)


def test_credits_block_is_set_apart_from_the_page_text(reader_site: Served, desktop: Visit) -> None:
    page = desktop.page
    page.goto(reader_site.url("boite-a-outils/budget-contributif/"))
    style = page.evaluate(
        """() => {
            const block = document.querySelector("article .communs-attribution");
            const text = document.querySelector("article > p:not([class])");
            const s = getComputedStyle(block);
            return {border: parseFloat(s.borderTopWidth), style: s.borderTopStyle,
                    size: parseFloat(s.fontSize), body: parseFloat(getComputedStyle(text).fontSize),
                    gap: block.getBoundingClientRect().top - block.previousElementSibling.getBoundingClientRect().bottom};
        }"""
    )
    assert style["style"] == "solid" and style["border"] >= 1
    assert style["size"] < style["body"]
    assert style["gap"] >= 24
    page.locator("article .communs-attribution").scroll_into_view_if_needed()
    screenshot(page, "credits-sous-la-fiche", full_page=False)


def test_feed_buttons_line_up_on_a_phone(reader_site: Served, phone: Visit) -> None:
    page = phone.page
    page.goto(reader_site.url("webinaires/"))
    boxes = [b for b in (a.bounding_box() for a in page.locator(".commons-feeds a.md-button").all()) if b]
    assert len(boxes) == 2
    same_row = abs(boxes[0]["y"] - boxes[1]["y"]) < 2
    same_column = abs(boxes[0]["x"] - boxes[1]["x"]) < 2 and abs(boxes[0]["width"] - boxes[1]["width"]) < 2
    assert same_row or same_column, boxes


@pytest.mark.parametrize("feed", ["webinaires.xml", "feed_rss_created.xml"])
def test_feeds_open_in_a_browser_as_a_french_page(real_site: Served, phone: Visit, feed: str) -> None:
    page = phone.page
    page.goto(real_site.url(feed))
    shown = page.evaluate(
        """() => ({
            intro: getComputedStyle(document.querySelector("channel"), "::before").content,
            title: getComputedStyle(document.querySelector("channel > title")).display,
            hidden: getComputedStyle(document.querySelector("channel > lastBuildDate")).display,
            items: [...document.querySelectorAll("item > title")].filter(t => getComputedStyle(t).display === "block").length,
        })"""
    )
    assert "flux RSS" in shown["intro"] and "copiez l'adresse" in shown["intro"]
    assert shown["title"] == "block" and shown["hidden"] == "none" and shown["items"] > 0
    assert "style information" not in page.content()  # the browser's English message for bare XML
    screenshot(page, f"flux-{feed.split('.')[0]}-telephone", full_page=False)
