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
            "ligne 5, champ « public » : attendu : une liste prise parmi : porteur-de-projet, tiers-lieu, coordination, collectivité, tous (valeur inconnue : « élus »)",
        ),
        (
            "boite-a-outils/f.md",
            ("description: D", "description: " + "x" * 201),
            "ligne 3, champ « description » : attendu : une phrase de 200 caractères au plus ; elle en fait 201 : raccourcissez-la",
        ),
        (
            "boite-a-outils/f.md",
            ("sources: [essai]", "sources: [esai]"),
            "source inconnue « esai ». Vouliez-vous dire « essai » ?",
        ),
        (
            "boite-a-outils/f.md",
            ("sources: [essai]", "sources: []"),
            "ligne 6, champ « sources » : attendu : une liste de sources ; trouvé : une liste vide. Écrivez par exemple sources: [clé]",
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
            'champ « version » : attendu : un numéro de version entre guillemets ; trouvé : le nombre 1.0. Écrivez : version: "1.0"',
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
            ("title: T", "title: Cantine : mode d'emploi"),
            "ligne 2 : l'en-tête (entre les lignes « --- ») est illisible : un « : » dans une valeur, ou une ligne "
            'plus décalée que celle du dessus. Mettez la valeur entre guillemets, par exemple title: "Cantine : '
            "mode d'emploi\", ou alignez la ligne sur les autres champs.",
        ),
        (
            "boite-a-outils/f.md",
            ("description: D", "\tdescription: D"),
            "ligne 3 : l'en-tête (entre les lignes « --- ») est illisible : une tabulation en début de ligne : "
            "remplacez-la par des espaces.",
        ),
        (
            "webinaires/2020-01-02-w.md",
            ("intervenants: [{nom: A, structure: B}]", "intervenants:\n  - nom: A\n     structure: B"),
            "ligne 6 : l'en-tête (entre les lignes « --- ») est illisible : un « : » dans une valeur, ou une ligne "
            "plus décalée que celle du dessus.",
        ),
        (
            "webinaires/2020-01-02-w.md",
            ("intervenants: [{nom: A, structure: B}]", "intervenants:\n  - nom: A\n   structure: B"),
            "ligne 6 : l'en-tête (entre les lignes « --- ») est illisible : une indentation incohérente",
        ),
        (
            "charte/c.md",
            ("adoption: 2026-01-15", "adoption: 15/01/2026"),
            "une date au format AAAA-MM-JJ, sans guillemets, par exemple 2026-03-14 ; trouvé : le texte « 15/01/2026 ». Écrivez : adoption: 2026-01-15",
        ),
        (
            "boite-a-outils/f.md",
            ("sources: [essai]\n", ""),
            "champ obligatoire manquant pour une fiche de la boîte à outils. "
            "Ajoutez-le dans l'en-tête entre les lignes « --- », par exemple : sources: [clé] (clés possibles : essai (docs/sources.yml))",
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
    (tmp_path / "index.md").write_text("# Accueil\n")
    (tmp_path / "kit-accueil").mkdir()
    for name in ("a", "b"):
        (tmp_path / "kit-accueil" / f"{name}.md").write_text(
            f"---\ntitle: {name}\ndescription: D\nordre: 1\nsources: [{{titre: X}}]\nmovilab: Même page\n---\n"
        )
    _, problems = validate_site(tmp_path)
    messages = [str(p) for p in problems]
    # Both files are named: which one is "the duplicate" is the member's call.
    assert messages == [
        "kit-accueil/a.md, ligne 4, champ « ordre » : le numéro 1 est aussi celui de kit-accueil/b.md : donnez à chaque page un numéro différent.",
        "kit-accueil/a.md, ligne 6, champ « movilab » : la page Movilab « Même page » est aussi liée à kit-accueil/b.md : une page wiki ne peut refléter qu'un seul fichier.",
        "kit-accueil/b.md, ligne 4, champ « ordre » : le numéro 1 est aussi celui de kit-accueil/a.md : donnez à chaque page un numéro différent.",
        "kit-accueil/b.md, ligne 6, champ « movilab » : la page Movilab « Même page » est aussi liée à kit-accueil/a.md : une page wiki ne peut refléter qu'un seul fichier.",
    ]


def test_two_fiches_with_one_title_are_both_named_but_a_series_of_webinars_may_share_one(tmp_path: Path) -> None:
    """Two fiches titled alike (a member copied one to start another and kept its title): the toolbox,
    the search and the printable kit showed two entries nothing told apart."""
    (tmp_path / "index.md").write_text("# Accueil\n")
    (tmp_path / "boite-a-outils").mkdir()
    (tmp_path / "webinaires").mkdir()
    fiche = "---\ntitle: {}\ndescription: D\nthèmes: [a]\npublic: [tous]\nniveau: découverte\nsources: [{{titre: X}}]\n---\n"
    (tmp_path / "boite-a-outils" / "a.md").write_text(fiche.format("Le  prix libre"))
    (tmp_path / "boite-a-outils" / "b.md").write_text(fiche.format("Le prix Libre"))
    (tmp_path / "boite-a-outils" / "c.md").write_text(fiche.format("Le prix libre, suite"))
    for day in ("2027-01-05", "2027-02-05"):
        (tmp_path / "webinaires" / f"{day}-cafe.md").write_text(
            f"---\ntitle: Café des tiers-lieux\ndate: {day}T18:00:00\nduree: 60\nthèmes: [a]\n---\n"
        )
    _, problems = validate_site(tmp_path)
    titles = [str(p) for p in problems if p.field == "title"]
    assert titles == [
        "boite-a-outils/a.md, ligne 2, champ « title » : le titre « Le  prix libre » est aussi celui de "
        "boite-a-outils/b.md : le sommaire, le catalogue et la recherche montreraient deux pages que rien ne "
        "distingue ; donnez à chacune un titre qui dit ce qu'elle a en propre.",
        "boite-a-outils/b.md, ligne 2, champ « title » : le titre « Le prix Libre » est aussi celui de "
        "boite-a-outils/a.md : le sommaire, le catalogue et la recherche montreraient deux pages que rien ne "
        "distingue ; donnez à chacune un titre qui dit ce qu'elle a en propre.",
    ]


def test_unreadable_header_is_one_problem_not_a_list_of_missing_fields() -> None:
    problems = _problems("webinaires/2020-01-02-w.md", "title: Cantine : mode d'emploi\ndate: 2020-01-02\n")
    assert len(problems) == 1 and "est illisible" in problems[0]


def test_unclosed_header_is_named() -> None:
    page, problems = parse_page("kit-accueil/k.md", "---\ntitle: T\n\nLe texte de la page.\n")
    assert [str(p) for p in problems] == [
        "kit-accueil/k.md, ligne 1 : l'en-tête ouvert par « --- » à la ligne 1 n'est jamais fermé. "
        "Ajoutez une ligne « --- » après le dernier champ, avant le texte de la page."
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("boite-a-outils/Ma_Fiche.md", "utilisez des minuscules sans accents, des chiffres et des tirets"),
        ("boite-a-outils/Ma Fiche (copie) Économie.md", "renommez-le ma-fiche-copie-economie.md"),
        ("webinaires/Mon Webinaire.md", "renommez-le 2020-01-02-mon-webinaire.md"),
        (
            "webinaires/2020-01-03-w.md",
            "ligne 3, champ « date » : le nom du fichier doit commencer par la date du webinaire : renommez-le 2020-01-02-w.md",
        ),
        ("webinaires/compost.md", "renommez-le 2020-01-02-compost.md"),
    ],
)
def test_file_names_become_addresses(tmp_path: Path, name: str, expected: str) -> None:
    kind = "webinaires/2020-01-02-w.md" if name.startswith("webinaires") else "boite-a-outils/f.md"
    (tmp_path / name).parent.mkdir(parents=True)
    (tmp_path / name).write_text(f"---\n{GOOD[kind]}---\nTexte.\n")
    (tmp_path / "sources.yml").write_text("essai: {titre: Document d'essai}\n")
    _, problems = validate_site(tmp_path)
    assert any(expected in str(p) for p in problems), problems


def test_an_unknown_source_lists_the_keys_as_they_are_written() -> None:
    """The hint's first letter was raised with str.capitalize(), which lowers every other letter: a
    member copied « guide-anct » from the message, and that key is unknown too (keys are compared as
    written)."""
    page, _ = parse_page(
        "boite-a-outils/f.md", "---\n" + GOOD["boite-a-outils/f.md"].replace("[essai]", "[zzz]") + "---\n"
    )
    (problem,) = validate_page(page, {"Guide-ANCT": {"titre": "Guide"}, "essai": {"titre": "Essai"}})
    assert "source inconnue « zzz ». Clés possibles : Guide-ANCT, essai (docs/sources.yml)" in str(problem), str(
        problem
    )
