# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a member reads when a page's front matter is wrong: each message names the line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from commons.pages import parse_page
from commons.schema import validate_page, validate_site

BIB = {"essai": {"titre": "Document d'essai"}}

GOOD = {
    "boite-a-outils/f.md": "title: T\ndescription: D\nthèmes: [a]\npublic: [tous]\nsources: [essai]\n",
    "kit-accueil/k.md": "title: T\ndescription: D\nordre: 2\nsources: [essai]\n",
    "webinaires/2020-01-02-w.md": "title: T\ndate: 2020-01-02T14:00:00\nintervenants: [{nom: A, structure: B}]\nthèmes: [a]\nsources: [essai]\n",
    "charte/c.md": 'title: T\ndescription: D\nversion: "1.0"\nadoption: 2026-01-15\n',
    "index.md": "title: Accueil\n",
}


def _problems(path: str, yaml_text: str) -> list[str]:
    page, problems = parse_page(path, f"---\n{yaml_text}---\n\nCorps.\n")
    return [str(p) for p in problems + validate_page(page, BIB)]


@pytest.mark.parametrize("path", sorted(GOOD))
def test_valid_pages_have_no_problem(path: str) -> None:
    assert _problems(path, GOOD[path]) == []


@pytest.mark.parametrize(
    ("path", "change", "expected"),
    [
        (
            "boite-a-outils/f.md",
            ("public: [tous]", "public: [élus]"),
            "ligne 5, champ « public » : attendu : une liste prise parmi : porteur-de-projet, tiers-lieu, coordination, collectivité, tous ; trouvé : ['élus']",
        ),
        (
            "boite-a-outils/f.md",
            ("description: D", "description: " + "x" * 201),
            "ligne 3, champ « description » : attendu : une phrase de 200 caractères au plus (elle en fait 201 ; raccourcissez-la)",
        ),
        (
            "boite-a-outils/f.md",
            ("sources: [essai]", "sources: [esai]"),
            "source inconnue « esai ». Vouliez-vous dire « essai » ?",
        ),
        (
            "boite-a-outils/f.md",
            ("sources: [essai]", "sources: []"),
            "ligne 6, champ « sources » : attendu : une liste de clés de docs/sources.yml",
        ),
        (
            "kit-accueil/k.md",
            ("ordre: 2", "ordre: deux"),
            "ligne 4, champ « ordre » : attendu : un nombre entier à partir de 1",
        ),
        (
            "webinaires/2020-01-02-w.md",
            ("intervenants: [{nom: A, structure: B}]", "intervenants: [A]"),
            "ligne 4, champ « intervenants » : attendu : une liste de personnes",
        ),
        (
            "webinaires/2020-01-02-w.md",
            ("sources: [essai]", "sources: [essai]\nreplay: www.exemple.org"),
            "champ « replay » : attendu : une adresse web complète commençant par https://",
        ),
        (
            "charte/c.md",
            ('version: "1.0"', "version: 1.0"),
            'champ « version » : attendu : un numéro de version entre guillemets, par exemple "1.0"',
        ),
        (
            "charte/c.md",
            ("adoption: 2026-01-15", "adoption: '15 janvier'"),
            "champ « adoption » : attendu : une date au format AAAA-MM-JJ",
        ),
        (
            "boite-a-outils/f.md",
            ("title: T", "titre: T"),
            "ligne 2, champ « titre » : champ inconnu pour une fiche de la boîte à outils. Vouliez-vous dire « title » ?",
        ),
        (
            "boite-a-outils/f.md",
            ("title: T", "title: T: avec deux-points"),
            "ligne 2 : l'en-tête YAML (entre les lignes « --- ») est illisible",
        ),
    ],
)
def test_each_mistake_gets_a_message_with_line_and_fix(path: str, change: tuple[str, str], expected: str) -> None:
    text = GOOD[path].replace(*change)
    problems = _problems(path, text)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(path) for p in problems)


def test_missing_required_fields_are_all_reported() -> None:
    problems = _problems("boite-a-outils/f.md", "title: T\n")
    fields = sorted(p.split("champ « ")[1].split(" »")[0] for p in problems)
    assert fields == ["description", "public", "sources", "thèmes"]


def test_site_wide_checks_catch_duplicates(tmp_path: Path) -> None:
    (tmp_path / "kit-accueil").mkdir()
    for name in ("a", "b"):
        (tmp_path / "kit-accueil" / f"{name}.md").write_text(
            f"---\ntitle: {name}\ndescription: D\nordre: 1\nsources: [{{titre: X}}]\nmovilab: Même page\n---\n"
        )
    _, problems = validate_site(tmp_path)
    messages = [str(p) for p in problems]
    assert "kit-accueil/b.md, ligne 4, champ « ordre » : le numéro 1 est déjà pris par kit-accueil/a.md" in messages[0]
    assert "la page Movilab « Même page » est déjà liée à kit-accueil/a.md" in messages[1]
