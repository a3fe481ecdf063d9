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
from tests.site.reader_content import build_reader_site
from tests.site.sitebuilder import Site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_reader_site(tmp_path_factory.mktemp("kit"))


def test_kit_pages_show_step_and_reading_time_in_ordre_order(site: Site) -> None:
    assert "Étape 1 sur 3" in site.html("kit-accueil/bienvenue")
    assert "Étape 2 sur 3" in site.html("kit-accueil/premiers-pas")
    page = site.html("kit-accueil/contribuer")
    assert "Étape 3 sur 3" in page
    assert "Temps de lecture : 1 min" in page
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
    assert titles == ["Kit d'accueil", "Bienvenue", "Premiers pas dans le réseau", "Contribuer"]
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
