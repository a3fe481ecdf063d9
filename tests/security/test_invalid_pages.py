# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Careless or hostile pages never end in a traceback: validation reports them first, in French,
and every hook and template after it meets only values of the right type.

One site holds every case at once, as a pull request could: the strict build
lists them all (file and line) and fails; the preview still builds, each page
showing its own problems.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import Served, serve
from tests.security.conftest import build, commit_all, make_attack_site, no_traceback, visit
from tests.site.sitebuilder import Site

FICHE = "---\ntitle: {title}\ndescription: Une fiche.\nthèmes: [économie]\npublic: [tous]\nsources: [essai]\n{extra}---\n\nTexte.\n"


def fiche(title: str = "Une fiche", extra: str = "", **replace: str) -> str:
    text = FICHE.format(title=title, extra=extra)
    for old, new in replace.items():
        text = text.replace(old.replace("_", " ") + ":", new)
    return text


@dataclass(frozen=True)
class Case:
    path: str
    text: str | bytes
    line: int
    words: str


CASES = {
    "title-integer": Case("boite-a-outils/titre-nombre.md", fiche("12"), 2, "« title » : attendu : un texte"),
    "title-list": Case("boite-a-outils/titre-liste.md", fiche("[a, b]"), 2, "« title »"),
    "themes-text": Case(
        "boite-a-outils/themes-texte.md", fiche().replace("thèmes: [économie]", "thèmes: économie"), 4, "« thèmes »"
    ),
    "description-list": Case(
        "boite-a-outils/description-liste.md",
        fiche().replace("description: Une fiche.", "description: [a]"),
        3,
        "« description »",
    ),
    "hide-integer": Case("boite-a-outils/hide-nombre.md", fiche(extra="hide: 12\n"), 7, "« hide »"),
    "status-html": Case(
        "boite-a-outils/status-html.md", fiche(extra="status: '\"><img src=x onerror=alert(1)>'\n"), 7, "« status »"
    ),
    "template-missing": Case(
        "boite-a-outils/gabarit.md", fiche(extra="template: absent.html\n"), 7, "attendu : un gabarit de page parmi"
    ),
    "template-path": Case(
        "boite-a-outils/gabarit-chemin.md", fiche(extra="template: ../../x.html\n"), 7, "« template »"
    ),
    "icon-missing": Case(
        "boite-a-outils/icone.md", fiche(extra="icon: material/absente-vraiment\n"), 7, "n'existe pas"
    ),
    "search-integer": Case("boite-a-outils/recherche.md", fiche(extra="search: 12\n"), 7, "« search »"),
    "speakers-text": Case(
        "webinaires/2026-02-01-intervenants.md",
        "---\ntitle: W\ndate: 2026-02-01\nintervenants: Camille\nthèmes: [a]\nsources: [essai]\n---\n\nTexte.\n",
        4,
        "« intervenants »",
    ),
    "date-text": Case(
        "webinaires/2026-02-02-date.md",
        "---\ntitle: W\ndate: demain\nintervenants: [{nom: A}]\nthèmes: [a]\nsources: [essai]\n---\n\nTexte.\n",
        3,
        "« date »",
    ),
    "ordre-text": Case(
        "kit-accueil/ordre.md",
        "---\ntitle: K\ndescription: D\nordre: premier\nsources: [essai]\n---\n\nTexte.\n",
        4,
        "« ordre »",
    ),
    "non-utf8": Case("boite-a-outils/latin1.md", fiche("Café").encode("latin-1"), 2, "n'est pas enregistré en UTF-8"),
    "unclosed": Case("boite-a-outils/ouvert.md", "---\ntitle: T\n\nTexte.\n", 1, "jamais fermé"),
    "yaml-error": Case("boite-a-outils/syntaxe.md", fiche("Cantine : mode d'emploi"), 2, "entre guillemets"),
    "anchor": Case("boite-a-outils/ancre.md", fiche("&t Titre", extra="subtitle: *t\n"), 2, "renvois YAML"),
    "python-tag": Case(
        "boite-a-outils/etiquette.md", fiche("!!python/object/apply:os.system [ls]"), 2, "étiquettes YAML"
    ),
    "duplicate": Case("boite-a-outils/double.md", fiche(extra="title: Encore\n"), 7, "apparaît deux fois"),
    "sources-url": Case(
        "boite-a-outils/source-js.md",
        fiche().replace("sources: [essai]", "sources: [{titre: Doc, url: 'javascript:alert(1)'}]"),
        6,
        "« sources »",
    ),
}


def _write(site: Site, case: Case) -> None:
    target = site.docs / case.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(case.text, bytes):
        target.write_bytes(case.text)
    else:
        target.write_text(case.text, encoding="utf-8")


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_attack_site(tmp_path_factory.mktemp("invalides"))
    site.write("kit-accueil/index.md", "# Kit\n")
    site.write("webinaires/index.md", "# Webinaires\n\n<!-- catalogue -->\n")
    site.write("boite-a-outils/index.md", "# Boîte à outils\n\n<!-- boite-a-outils -->\n")
    for case in CASES.values():
        _write(site, case)
    commit_all(site)
    return site


@pytest.fixture(scope="module")
def strict_report(broken_site: Site) -> str:
    done = build(broken_site)
    no_traceback(done)
    assert done.returncode == 1, done.stderr[-3000:]
    return done.stderr


@pytest.mark.parametrize("name", CASES)
def test_strict_build_names_file_line_and_fix_in_french(strict_report: str, name: str) -> None:
    case = CASES[name]
    lines = [line for line in strict_report.splitlines() if f"{case.path}, ligne {case.line}" in line]
    assert lines, f"{case.path}, ligne {case.line} absent du rapport :\n{strict_report[-3000:]}"
    assert any(case.words in line for line in lines), lines


@pytest.fixture(scope="module")
def preview(broken_site: Site) -> Iterator[Served]:
    done = build(broken_site, strict=False)
    no_traceback(done)
    assert done.returncode == 0, done.stderr[-3000:]
    yield from serve(broken_site.root / "site")


@pytest.mark.browser
@pytest.mark.parametrize("name", CASES)
def test_preview_builds_and_shows_each_page_with_its_problem(browser: Browser, preview: Served, name: str) -> None:
    case = CASES[name]
    seen = visit(browser, preview.url(case.path.removesuffix(".md") + "/"))
    seen.assert_clean()
    assert "À corriger avant publication" in seen.text
    assert f"ligne {case.line}" in seen.text


@pytest.mark.browser
@pytest.mark.parametrize("place", ["", "boite-a-outils/", "webinaires/", "kit-accueil/"])
def test_preview_listings_skip_the_wrong_values(browser: Browser, preview: Served, place: str) -> None:
    visit(browser, preview.url(place)).assert_clean()
