# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Accessibility of every page type of this repository's real site, served under /communs/:
axe-core with no violation of any impact, a skip link everywhere, a visible focus of 3:1 or
more, links told apart without colour, and the small strings in French."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Served, Visit, screenshot, violations

pytestmark = pytest.mark.browser

PAGE_TYPES = [
    "",  # home
    "kit-accueil/",
    "kit-accueil/qu-est-ce-qu-un-tiers-lieu/",
    "kit-accueil/contribuer/",  # code blocks
    "kit-accueil/glossaire/",
    "kit-accueil/faq/",  # folded answers
    "kit-accueil-imprimable/",
    "boite-a-outils/",
    "boite-a-outils/budget-contributif/",
    "webinaires/",
    "webinaires/2019-11-21-finance-solidaire-pour-mon-tiers-lieu/",
    "charte/",
    "charte/charte-du-reseau/",
    "contact/",
    "mentions-legales/",
    "accessibilite/",
    "donnees-personnelles/",
    "cette-page-n-existe-pas/",  # the 404 page
]


# Resolves once the page has painted the new focus and every finite animation or transition it
# started has ended (and any it chained after them): the colours are then the ones that stay.
TRANSITIONS_OVER = """async () => {
    const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
    await frame();
    await frame();
    for (;;) {
        const running = document.getAnimations().filter(a => a.playState === "running"
            && Number.isFinite(a.effect ? a.effect.getComputedTiming().endTime : Infinity));
        if (running.length === 0) return;
        await Promise.all(running.map(a => a.finished.catch(() => null)));
        await frame();
    }
}"""


def _contrast(foreground: list[float], background: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        channels = [c / 255 for c in rgb[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_page_type_passes_axe_with_no_violation_of_any_impact(
    real_site: Served, desktop: Visit, axe_source: str, path: str
) -> None:
    page = desktop.page
    page.goto(real_site.url(path), wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert violations(page, axe_source) == []
    assert desktop.external_requests() == []


@pytest.mark.parametrize("path", ["", "webinaires/", "kit-accueil/faq/", "cette-page-n-existe-pas/"])
def test_phone_pages_pass_axe_too(real_site: Served, phone: Visit, axe_source: str, path: str) -> None:
    page = phone.page
    page.goto(real_site.url(path), wait_until="networkidle")
    assert violations(page, axe_source) == []


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_the_first_tab_stop_is_a_skip_link_to_the_content(real_site: Served, desktop: Visit, path: str) -> None:
    page = desktop.page
    page.goto(real_site.url(path))
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert "md-skip" in focused[0].split(), path
    target = focused[1].lstrip("#")
    assert page.locator(f"[id='{target}']").count() == 1
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == f"#{target}"


def test_focus_is_visible_at_3_to_1_or_more_wherever_it_lands(real_site: Served, desktop: Visit) -> None:
    """A dark ring inside a white one: against whatever lies behind the element, one of the two
    reaches 3:1 (WCAG 1.4.11), and the ring is at least 2 px thick (WCAG 2.4.13)."""
    page = desktop.page
    page.emulate_media(reduced_motion="reduce")  # colours read once transitions are over
    page.goto(real_site.url(""))
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break  # past the last stop of the page
        page.evaluate(TRANSITIONS_OVER)  # Material's transitions (the search box turns white) are over
        ring = page.evaluate(
            """() => {
                const el = document.activeElement;
                const s = getComputedStyle(el);
                const colour = c => (c.match(/[\\d.]+/g) || []).map(Number);
                // A ring drawn inside the element (negative offset) lies on the element's own background.
                let node = parseFloat(s.outlineOffset) < 0 ? el : el.parentElement, behind = [255, 255, 255];
                while (node && node.nodeType === 1) {
                    const b = colour(getComputedStyle(node).backgroundColor);
                    if (b.length === 3 || (b.length === 4 && b[3] > 0.5)) { behind = b.slice(0, 3); break; }
                    node = node.parentElement;
                }
                const halo = s.boxShadow === "none" ? null : colour(s.boxShadow).slice(0, 3);
                return {tag: el.tagName, text: (el.textContent || "").trim().slice(0, 30),
                        style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                        ring: colour(s.outlineColor).slice(0, 3), halo, behind};
            }"""
        )
        seen.append(ring)
        assert ring["style"] != "none" and ring["width"] >= 2, ring
        best = max(_contrast(c, ring["behind"]) for c in (ring["ring"], ring["halo"]) if c)
        assert best >= 3, (ring, round(best, 2))
    assert len({(r["tag"], r["text"]) for r in seen}) > 10  # the walk went through the page


@pytest.mark.parametrize("path", ["", "kit-accueil/", "boite-a-outils/budget-contributif/", "mentions-legales/"])
def test_links_in_the_text_are_underlined(real_site: Served, desktop: Visit, path: str) -> None:
    page = desktop.page
    page.goto(real_site.url(path))
    plain = page.evaluate(
        """() => [...document.querySelectorAll("article a[href]")]
            .filter(a => !a.matches(".md-button, .md-tag, .headerlink, .md-skip"))
            .filter(a => a.offsetParent !== null && a.textContent.trim())
            .filter(a => !getComputedStyle(a).textDecorationLine.includes("underline"))
            .map(a => a.textContent.trim())"""
    )
    assert plain == []


def test_home_page_main_links_are_not_colour_only(real_site: Served, desktop: Visit) -> None:
    page = desktop.page
    page.goto(real_site.url(""))
    for name in ("Kit d'accueil", "Boîte à outils", "Webinaires", "Chartes"):
        link = page.locator("article dt a", has_text=name).first
        assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine"), name


def test_french_404_with_search_and_the_sections(real_site: Served, phone: Visit) -> None:
    page = phone.page
    response = page.goto(real_site.url("webinaires/une-page-disparue/"))
    assert response is not None and response.status == 404
    assert page.locator("article h1").inner_text() == "Page introuvable"
    assert "Not found" not in page.content()
    assert page.title().startswith("Page introuvable")
    sections = page.locator("article ul li a").all_inner_texts()
    assert sections == ["Accueil", "Kit d'accueil", "Boîte à outils", "Webinaires", "Chartes"]
    page.locator("article").get_by_role("link", name="Kit d'accueil").click()
    assert page.url == real_site.url("kit-accueil/")
    page.goto(real_site.url("webinaires/une-page-disparue/"))
    page.locator("article").get_by_role("button", name="Rechercher dans le site").click()
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    screenshot(page, "page-introuvable-telephone", full_page=False)


def test_site_name_is_not_cut_on_a_320_pixel_phone(real_site: Served, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(real_site.url("kit-accueil/"))
        name = page.locator(".md-header__topic:first-child .md-ellipsis")
        cut = name.evaluate("e => e.scrollWidth > e.clientWidth + 1")
        assert not cut
        screenshot(page, "en-tete-320-pixels", full_page=False)
    finally:
        context.close()


def test_no_english_left_in_the_interface(real_site: Served, desktop: Visit) -> None:
    page = desktop.page
    for path in ("", "cette-page-n-existe-pas/", "webinaires/"):
        page.goto(real_site.url(path))
        text = page.locator("body").inner_text()
        for english in ("Not found", "Made with", "Search", "Table of contents", "Skip to content"):
            assert english not in text, (path, english)
        assert not re.search(r"[a-zé]:\s", page.locator(".md-search-result__meta").inner_text() or "")
