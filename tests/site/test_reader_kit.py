# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The onboarding kit path, its printable page and PDF, and no external asset, on a real build."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from commons import pdf
from tests.site.sitebuilder import Site


@pytest.fixture
def site(reader_build: Site) -> Site:
    """The reader fixture site, built once for the whole session (tests/conftest.py)."""
    return reader_build


def test_kit_pages_show_step_and_reading_time_in_ordre_order(site: Site) -> None:
    assert "Étape 1 sur 3" in site.html("kit-accueil/bienvenue")
    assert "Étape 2 sur 3" in site.html("kit-accueil/premiers-pas")
    page = site.html("kit-accueil/contribuer")
    assert "Étape 3 sur 3" in page
    assert "Temps de lecture\u00a0: 1 min" in page
    assert 'href="../../kit-accueil-imprimable/">version à imprimer</a>' in page
    assert 'href="../../kit-accueil-imprimable/kit-accueil.pdf"' in page


def test_kit_pages_link_previous_and_next_in_reading_order(site: Site) -> None:
    page = site.html("kit-accueil/premiers-pas")
    previous = re.search(r'<a href="([^"]+)" class="md-footer__link md-footer__link--prev"', page)
    following = re.search(r'<a href="([^"]+)" class="md-footer__link md-footer__link--next"', page)
    assert previous is not None and previous.group(1) == "../bienvenue/"
    assert following is not None and following.group(1) == "../contribuer/"


def test_printable_page_holds_the_whole_kit_in_order_and_nothing_else(site: Site) -> None:
    html = site.html("kit-accueil-imprimable")
    titles = re.findall(r"<h1 id=\"[^\"]*\">([^<]+)", html)
    assert titles == ["Kit d'accueil", "Bienvenue", "Premiers pas dans le réseau", "Contribuer", "Crédits"]
    assert "Le budget contributif" not in html
    assert "Compostage" not in html


def test_kit_pdf_is_printed_from_the_printable_page(site: Site, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext est introuvable : installez le paquet Debian poppler-utils.", pytrace=False)
    target = pdf.build_pdf(site.root / "site", tmp_path / "kit.pdf")
    assert target.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    for title in ("Bienvenue", "Premiers pas dans le réseau", "Contribuer"):
        assert title in text
    assert "Le budget contributif" not in text
    flat = " ".join(text.split())
    # The folded answer is printed under its question; the screen-only hint is not.
    assert "Faut-il un compte ? Oui, un compte gratuit sur la forge suffit" in flat
    assert "Touchez une question" not in flat
    # The credits close the document.
    credits = flat[flat.rindex("Crédits") :]
    assert "Réseau des tiers-lieux" in credits or "publié par" in credits
    assert "Alice Martin" in credits
    assert "Document d'essai" in credits
    assert "CC BY-SA 4.0" in credits


def test_pdf_command_explains_a_missing_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert pdf.main([str(tmp_path / "nulle-part")]) == 1
    assert "construisez d'abord le site" in capsys.readouterr().err


def test_no_page_loads_anything_from_another_server(site: Site) -> None:
    external = re.compile(
        r'<(?:script|img|iframe|source)[^>]+src="(?:https?:)?//|<link[^>]+href="(?:https?:)?//[^"]*"[^>]*rel="stylesheet"|<link[^>]+rel="stylesheet"[^>]+href="(?:https?:)?//'
    )
    offenders = []
    for page in (site.root / "site").rglob("*.html"):
        for match in external.finditer(page.read_text(encoding="utf-8")):
            offenders.append(f"{page.relative_to(site.root)}: {match.group(0)[:120]}")
    assert offenders == []
    assert 'data-md-component="source"' not in site.html("kit-accueil/bienvenue")


def test_sections_are_named_after_their_index_page(site: Site) -> None:
    html = site.html("kit-accueil/bienvenue")
    labels = [re.sub(r"\s+", " ", m).strip() for m in re.findall(r'md-ellipsis">(.*?)</span>', html, re.S)]
    assert "Boîte à outils" in labels
    assert "Kit d'accueil" in labels
    assert "Boite a outils" not in labels


def _print_page(site: Site) -> str:
    html = site.html("kit-accueil-imprimable")
    return html[html.index('<div id="print-site-page"') : html.index("</article>")]


def test_printable_kit_unfolds_every_answer_and_marks_screen_only_text(site: Site) -> None:
    html = _print_page(site)
    details = re.findall(r"<details[^>]*>", html)
    assert details and all(re.search(r"\bopen\b", tag) for tag in details)
    assert re.search(r'<p class="commons-screen-only">Touchez une question', html)
    screen = site.html("kit-accueil/contribuer")
    assert re.search(r'<details class="question">', screen)  # still folded on screen, where a tap opens it


def test_printable_kit_links_outside_the_kit_go_to_the_public_site(site: Site) -> None:
    html = _print_page(site)
    assert 'href="https://example.org/communs/boite-a-outils/budget-contributif/">le budget contributif' in html
    assert 'href="#kit-accueil-bienvenue-les-lieux">la bienvenue' in html  # inside the kit: an anchor
    anchors = set(re.findall(r'href="#([^"]+)"', html))
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert anchors - ids == set()
    # On screen the link stays relative: a local preview keeps working.
    assert 'href="../../boite-a-outils/budget-contributif/">le budget contributif' in site.html(
        "kit-accueil/contribuer"
    )


def test_printable_kit_keeps_single_letter_headings_reachable(site: Site) -> None:
    html = _print_page(site)
    assert re.search(
        r'<h2 id="kit-accueil-contribuer-section-d">D<a class="headerlink" href="#kit-accueil-contribuer-section-d"',
        html,
    )
    assert 'href="#kit-accueil-contribuer-section-d">voir plus haut' in html
    assert not re.search(r"<h\d i[^d\s]", html)  # no mangled id= attribute


def test_printable_kit_ends_with_its_credits(site: Site) -> None:
    html = _print_page(site)
    credits = html[html.index('class="print-page commons-print-credits"') :]
    toc = site.html("kit-accueil-imprimable")
    toc = toc[toc.index('data-md-component="toc"') :]
    assert re.search(r'<a href="#credits-du-kit" class="md-nav__link"><span class="md-ellipsis">Crédits</span>', toc)
    assert "publié par <strong>Réseau des tiers-lieux</strong>" in credits
    assert 'href="https://example.org/communs/kit-accueil/"' in credits
    assert '<a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr">CC BY-SA 4.0</a>' in credits
    assert "<strong>Auteurs et autrices\u00a0:</strong> Alice Martin" in credits
    assert "Document d&#x27;essai, Réseau d&#x27;essai, 2024" in credits
    # The date of the kit's last change, as the pages' credits say it (the fixture's commit).
    assert "<p>Version du 1er mars 2024 (dernière mise à jour de ses pages).</p>" in credits


def test_sections_come_in_the_order_newcomers_need_them(site: Site) -> None:
    html = site.html("")
    primary = html[html.index("md-nav--primary") :]
    top = re.findall(
        r'md-nav__item--nested">\s*<a href="([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<',
        primary,
    )
    assert top == [
        ("kit-accueil/", "Kit d'accueil"),
        ("boite-a-outils/", "Boîte à outils"),
        ("webinaires/", "Webinaires"),
        ("charte/", "Chartes"),  # the title of charte/index.md, as the home page says it
    ]
    following = re.search(r'<a href="([^"]+)" class="md-footer__link md-footer__link--next"', html)
    assert following is not None and following.group(1) == "kit-accueil/"  # the home page says: start with the kit
