# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The mistakes a new member made adding a webinar from the browser (issue 13), each answered in French.

Every message names the line, says what was found and gives the line to write
instead; the strict build stops on the project's report, never on a plugin's
English error.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from commons.dates import when
from commons.pages import parse_page
from commons.schema import SCHEMAS, validate_page
from commons.templates import TEMPLATES
from commons.webinars import webinar_from_page
from tests.site.sitebuilder import make_site

BIB = {"essai": {"titre": "Document d'essai"}, "autre": {"titre": "Autre"}}

WEBINAR = """title: Composter dans son tiers-lieu
date: 2027-03-11T14:00:00
duree: 90
intervenants:
  - nom: Camille Martin
    structure: La Ressourcerie
thèmes: [environnement]
inscription: https://exemple.org/inscription
"""

FICHE = "title: T\ndescription: D\nthèmes: [a]\npublic: [tous]\nniveau: découverte\nsources: [essai]\n"


def _problems(path: str, header: str, body: str = "Le compost partagé.\n") -> list[str]:
    page, problems = parse_page(path, f"---\n{header}---\n\n{body}")
    return [str(p) for p in problems + validate_page(page, BIB)]


WEB = "webinaires/2027-03-11-compostage.md"


def test_the_example_webinar_is_valid() -> None:
    assert _problems(WEB, WEBINAR) == []


@pytest.mark.parametrize(
    ("path", "base", "change", "expected"),
    [
        # strings where lists are expected
        (
            WEB,
            WEBINAR,
            ("thèmes: [environnement]", "thèmes: environnement"),
            "ligne 8, champ « thèmes » : attendu : une liste entre crochets, même pour un seul thème ; "
            "trouvé : le texte « environnement ». Écrivez : thèmes: [environnement]",
        ),
        (
            WEB,
            WEBINAR,
            ("thèmes: [environnement]", "thèmes: environnement, alimentation"),
            "Écrivez : thèmes: [environnement, alimentation]",
        ),
        (
            "boite-a-outils/f.md",
            FICHE,
            ("public: [tous]", "public: tiers-lieu"),
            "ligne 5, champ « public » : attendu : une liste entre crochets ; trouvé : le texte « tiers-lieu ». "
            "Écrivez : public: [tiers-lieu]",
        ),
        (
            "boite-a-outils/f.md",
            FICHE,
            ("sources: [essai]", "sources: essai"),
            "ligne 7, champ « sources » : attendu : une liste entre crochets, même pour une seule source ; "
            "trouvé : le texte « essai ». Écrivez : sources: [essai]",
        ),
        (
            WEB,
            WEBINAR,
            ("intervenants:\n  - nom: Camille Martin\n    structure: La Ressourcerie", "intervenants: Camille Martin"),
            "ligne 5, champ « intervenants » : attendu : une liste de personnes, chacune sur une ligne « - nom: … » "
            "(et « structure: … » si elle est connue) ; trouvé : le texte « Camille Martin ». Écrivez :\n"
            "intervenants:\n  - nom: Camille Martin",
        ),
        (
            WEB,
            WEBINAR,
            ("  - nom: Camille Martin\n    structure: La Ressourcerie", "  nom: Camille Martin"),
            "Mettez « - » devant « nom: »",
        ),
        (
            "boite-a-outils/f.md",
            FICHE,
            ("niveau: découverte", "niveau: [découverte]"),
            "ligne 6, champ « niveau » : attendu : une seule valeur, sans crochets ; trouvé : une liste. "
            "Écrivez : niveau: découverte",
        ),
        # placeholders left in
        (
            WEB,
            WEBINAR,
            ("https://exemple.org/inscription", "https://…"),
            "ligne 9, champ « inscription » : « https://… » est l'adresse d'exemple du modèle : remplacez-la par la "
            "vraie adresse, ou retirez la ligne « inscription: » si vous ne l'avez pas encore.",
        ),
        (WEB, WEBINAR, ("https://exemple.org/inscription", "https://..."), "est l'adresse d'exemple du modèle"),
        (
            WEB,
            WEBINAR,
            ("nom: Camille Martin", "nom: Prénom Nom"),
            "ligne 6, champ « intervenants » : « nom » : « Prénom Nom » est l'exemple du modèle",
        ),
        (
            WEB,
            WEBINAR,
            ("title: Composter dans son tiers-lieu", "title: Titre du webinaire"),
            "ligne 2, champ « title » : « Titre du webinaire » est l'exemple du modèle : remplacez-le",
        ),
        # unknown source keys list the valid ones
        (
            "boite-a-outils/f.md",
            FICHE,
            ("sources: [essai]", "sources: [programme-2027]"),
            "ligne 7, champ « sources » : source inconnue « programme-2027 ». Clés possibles : autre, essai "
            "(docs/sources.yml) ; pour un document qui n'y est pas, écrivez "
            '{titre: "Titre du document", url: "https://…"}.',
        ),
        # wrong types
        (
            "boite-a-outils/f.md",
            FICHE,
            ("title: T", "title: 12"),
            'ligne 2, champ « title » : attendu : un texte ; trouvé : le nombre 12. Mettez-le entre guillemets : title: "12"',
        ),
        (
            "boite-a-outils/f.md",
            FICHE,
            ("title: T", "title: yes"),
            "attendu : un texte ; trouvé : la valeur vrai (true), car yes, no, on, off, true et false sont lus "
            'comme oui ou non. Mettez le texte entre guillemets : title: "…"',
        ),
        (WEB, WEBINAR, ("duree: 90", 'duree: "90"'), "Écrivez-le sans guillemets : duree: 90"),
        (
            WEB,
            WEBINAR,
            ("duree: 90", "duree: 1h30"),
            "attendu : une durée en minutes ; trouvé : le texte « 1h30 ». Écrivez : duree: 90",
        ),
        (
            WEB,
            WEBINAR,
            ("date: 2027-03-11T14:00:00", "date: 11/03/2027 14h30"),
            "ligne 3, champ « date » : attendu : une date AAAA-MM-JJ (par exemple 2027-03-11) ou une date et une heure "
            "de Paris (par exemple 2027-03-11T14:00:00 ou 2027-03-11 14:00) ; trouvé : le texte « 11/03/2027 14h30 ». "
            "Écrivez : date: 2027-03-11T14:30:00",
        ),
        # written in words, as in an invitation: the line to write is given too
        (
            WEB,
            WEBINAR,
            ("date: 2027-03-11T14:00:00", "date: mardi 11 mars 2027 à 14h30"),
            "Écrivez : date: 2027-03-11T14:30:00",
        ),
        (WEB, WEBINAR, ("date: 2027-03-11T14:00:00", "date: 1er Août 2027"), "Écrivez : date: 2027-08-01"),
        (
            WEB,
            WEBINAR,
            ("https://exemple.org/inscription", "www.exemple.org/inscription"),
            "Écrivez : inscription: https://www.exemple.org/inscription",
        ),
        # the template's body sentence left in
        (WEB, WEBINAR, ("", ""), None),
    ],
)
def test_each_mistake_is_explained_with_the_line_to_write(
    path: str, base: str, change: tuple[str, str], expected: str | None
) -> None:
    header = base.replace(*change) if change[0] else base
    problems = _problems(path, header)
    if expected is None:
        assert problems == []
        return
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(path) for p in problems)


@pytest.mark.parametrize("written", ["2027-03-11 14:00", "2027-03-11T14:00", "2027-03-11 14h00", "2027-03-11 14:00:00"])
def test_a_date_with_a_time_as_people_type_it_is_accepted_as_paris_time(written: str) -> None:
    header = WEBINAR.replace("date: 2027-03-11T14:00:00", f"date: {written}")
    assert _problems(WEB, header) == []
    page, _ = parse_page(WEB, f"---\n{header}---\n")
    webinar = webinar_from_page(page)
    assert webinar is not None and webinar.has_time
    assert webinar.start == dt.datetime(2027, 3, 11, 14, 0, tzinfo=webinar.start.tzinfo)
    assert str(webinar.start.tzinfo) == "Europe/Paris"


def test_impossible_dates_are_not_dates() -> None:
    assert when("2027-02-30") is None and when("2027-03-11 25:00") is None and when("bientôt") is None


def test_a_future_webinar_needs_no_source() -> None:
    assert "sources" in SCHEMAS["webinaire"] and not SCHEMAS["webinaire"]["sources"].required
    assert _problems(WEB, WEBINAR) == []


def test_the_templates_own_body_sentence_left_in_is_named_on_its_line() -> None:
    problems = _problems(WEB, WEBINAR, body="Ce que la séance aborde, en quelques phrases.\n")
    assert problems == [
        f"{WEB}, ligne 12 : « Ce que la séance aborde, en quelques phrases. » est la phrase d'exemple du modèle : "
        "remplacez-la par votre texte."
    ]


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_each_template_untouched_is_refused_only_for_its_examples(kind: str) -> None:
    template = TEMPLATES[kind]
    path = f"{template.folder}/{template.file_name}"
    page, problems = parse_page(path, template.text())
    assert problems == []
    messages = [p.message for p in validate_page(page, BIB)]
    assert messages, "a template left as is must not pass"
    assert all(("exemple du modèle" in m or "source inconnue" in m) for m in messages), messages


def test_strict_build_reports_in_french_before_any_plugin_fails(tmp_path: Path) -> None:
    """`thèmes: environnement` used to stop the build on Material's "Expected iterable tags"."""
    site = make_site(tmp_path)
    site.write("sources.yml", "essai:\n  titre: Document d'essai\n")
    site.write(
        "webinaires/2027-03-11-compostage.md",
        """
        ---
        title: 12
        date: 2027-03-11 14:00
        intervenants: Camille Martin
        thèmes: environnement
        inscription: https://…
        ---

        Le compost partagé.
        """,
    )
    site.write("index.md", "# Accueil\n")
    site.commit("premier jet", author="Camille Martin <camille@example.org>", date="2026-01-01T10:00:00")
    result = site.build()
    assert result.returncode == 1
    log = result.stdout + result.stderr
    assert "Expected iterable" not in log and "Traceback" not in log
    assert "4 problème(s) dans 1 fichier(s) de docs/" in log
    assert "ligne 5, champ « thèmes »" in log and "Écrivez : thèmes: [environnement]" in log
    assert "ligne 3, champ « date »" not in log  # a date with a time, written as people write it, is fine
