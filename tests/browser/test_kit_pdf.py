# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The printable kit and its PDF, from this repository's real pages: cover, bookmarks read with a
PDF library, page numbers in the text's font, no heading alone at a page's foot, the PDF linked
only once it exists and with its size, and an "Imprimer" button."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser.conftest import Served, Visit, screenshot

pytestmark = pytest.mark.browser

STEPS = [
    "Kit d'accueil",
    "Qu'est-ce qu'un tiers-lieu ?",
    "Le réseau et ses échelles",
    "Comment fonctionne le réseau",
    "Les rencontres et temps forts",
    "La gare centrale : où trouver quoi",
    "Contribuer au site et à Movilab",
    "Glossaire",
    "Foire aux questions",
    "Crédits",
]


def _run(*command: str) -> str:
    if shutil.which(command[0]) is None:
        pytest.fail(f"{command[0]} est introuvable : installez le paquet Debian poppler-utils.", pytrace=False)
    return subprocess.run(list(command), capture_output=True, text=True, check=True).stdout


def _pdf(real_site: Served) -> Path:
    return real_site.root / "kit-accueil-imprimable" / "kit-accueil.pdf"


def _flat(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_pdf_has_bookmarks_for_every_step_in_reading_order(real_site: Served) -> None:
    outline = PdfReader(_pdf(real_site)).outline
    top = [_flat(item.title) for item in outline if not isinstance(item, list)]
    assert [t for t in top if t in STEPS] == STEPS
    assert any(isinstance(item, list) and item for item in outline)  # sections under each step


def test_pdf_starts_with_a_cover_without_a_page_number(real_site: Served) -> None:
    cover = _flat(_run("pdftotext", "-f", "1", "-l", "1", str(_pdf(real_site)), "-"))
    assert cover.startswith("Réseau des tiers-lieux Kit d'accueil")
    assert re.search(r"Version du \d{1,2}(er)? \w+ \d{4}", cover)
    assert "Page" not in cover and "Imprimer" not in cover
    second = _flat(_run("pdftotext", "-f", "2", "-l", "2", str(_pdf(real_site)), "-"))
    pages = len(PdfReader(_pdf(real_site)).pages)
    assert second.startswith("Sommaire") and second.endswith(f"Page 2 sur {pages}")


def test_pdf_is_set_in_the_body_font_page_numbers_included(real_site: Served) -> None:
    fonts = _run("pdffonts", str(_pdf(real_site)))
    assert "Serif" not in fonts and "Times" not in fonts, fonts  # the page numbers were in Times


def test_no_page_ends_with_a_heading_alone(real_site: Served) -> None:
    document = str(_pdf(real_site))
    pages = len(PdfReader(document).pages)
    for number in range(2, pages + 1):
        lines = [
            line.strip() for line in _run("pdftotext", "-f", str(number), "-l", str(number), document, "-").splitlines()
        ]
        body = [line for line in lines if line and not line.startswith("Page ")]
        assert body, number
        assert not re.fullmatch(r"[A-Z]", body[-1]), f"page {number} se termine par le titre « {body[-1]} »"


def test_printed_credits_say_the_date_the_web_pages_say(real_site: Served, desktop: Visit) -> None:
    page = desktop.page
    dates = []
    for path in ("kit-accueil/", "kit-accueil/faq/", "kit-accueil/glossaire/"):
        page.goto(real_site.url(path))
        dates.append(page.locator(".communs-attribution time").get_attribute("datetime"))
    page.goto(real_site.url("kit-accueil-imprimable/"))
    credits = page.locator(".commons-print-credits").inner_text()
    cover = page.locator(".commons-cover__date").inner_text()
    latest = max(d for d in dates if d)
    year, month, day = (int(x) for x in latest.split("-"))
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]  # fmt: skip
    said = f"{'1er' if day == 1 else day} {months[month - 1]} {year}"
    assert said in _flat(cover) and said in _flat(credits)


def test_printable_page_has_a_print_button_and_the_pdf_with_its_size(real_site: Served, desktop: Visit) -> None:
    page = desktop.page
    page.goto(real_site.url("kit-accueil-imprimable/"))
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Imprimer").click()
    assert page.evaluate("window.printed") is True
    download = page.get_by_role("link", name=re.compile(r"Télécharger le PDF \(\d+ Ko\)"))
    size = int(re.search(r"\((\d+) Ko\)", download.inner_text()).group(1))  # type: ignore[union-attr]
    assert abs(size - _pdf(real_site).stat().st_size / 1024) <= 1
    screenshot(page, "kit-imprimable-couverture", full_page=False)
    page.emulate_media(media="print")
    assert page.get_by_role("button", name="Imprimer").is_hidden()
    assert page.locator(".headerlink").first.is_hidden()


def test_kit_pages_link_the_pdf_with_its_size_once_it_exists(real_site: Served, phone: Visit) -> None:
    page = phone.page
    page.goto(real_site.url("kit-accueil/glossaire/"))
    link = page.get_by_role("link", name=re.compile(r"en PDF \(\d+ Ko\)"))
    assert link.is_visible()
    response = page.request.get(real_site.url("kit-accueil/glossaire/") + str(link.get_attribute("href")))
    assert response.ok and response.body().startswith(b"%PDF-")


def test_a_site_built_without_the_pdf_links_no_missing_file(reader_site: Served, phone: Visit) -> None:
    """`mkdocs build` or `./dev site` alone make no PDF: no page may point at it."""
    page = phone.page
    for path in ("kit-accueil/bienvenue/", "kit-accueil-imprimable/"):
        page.goto(reader_site.url(path))
        assert page.get_by_role("link", name=re.compile("PDF")).count() == 0, path
        assert page.get_by_role("link", name="version à imprimer").count() <= 1
