# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a forking network still has to fill in: example settings, and notes "à adapter" that
show in the local preview only, never on the published site."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from commons import forking
from commons.config import duplicate_keys, load_yaml
from devtools.ports import free_port
from tests.site.sitebuilder import ROOT, Site, make_site

FILLED_IN = {
    "site_name": "Tiers-lieux du Bocage",
    "site_url": "https://communs.bocage-tiers-lieux.fr/",
    "repo_url": "https://forge.bocage-tiers-lieux.fr/reseau/communs",
    "extra": {
        "contact": {"email": "bonjour@bocage-tiers-lieux.fr"},
        "editeur": {
            "nom": "Association Tiers-lieux du Bocage",
            "adresse": "3 rue des Haies, 61100 Flers",
            "directeur_publication": "Sacha Durand",
        },
        "hebergeur": {"nom": "Hébergeur associatif", "adresse": "Lyon", "telephone": "04 00 00 00 00"},
        "accessibilite": {"etat": "non conforme", "date": "2026-03-02"},
    },
}

NOTE_PAGE = """
---
title: Fonctionnement
description: Qui décide et comment.
ordre: 1
sources: [essai]
---

# Fonctionnement

Le réseau décide en assemblée.

!!! adapter "Réseau qui reprend ce site"
    Adaptez cette page à votre fonctionnement.

    Deuxième paragraphe de la note.

Texte pour tout le monde.

```markdown
!!! adapter "Exemple de syntaxe, dans un bloc de code"
    reste affiché
```

!!! note "Une note pour les lecteurs"
    Elle reste.
"""


@pytest.mark.parametrize(
    ("value", "example"),
    [
        ("https://example.org/communs/", True),
        ("contact@example.org", True),
        ("https://github.com/exemple/communs-tiers-lieux", True),
        ("1 place de l'Exemple, 00000 Exempleville", True),
        ("https://site.test/", True),
        ("https://communs.bocage-tiers-lieux.fr/", False),
        ("Réseau exemplaire des lieux", False),
        ("bonjour@counterexample.org", False),
    ],
)
def test_example_values_are_the_template_placeholders_only(value: str, example: bool) -> None:
    assert forking.is_example(value) is example


def test_the_template_itself_lists_what_a_fork_fills_in() -> None:
    settings = {r.setting for r in forking.settings_to_fill(load_yaml(ROOT / "mkdocs.yml"))}
    assert {"site_name", "site_url", "repo_url", "extra.contact.email", "extra.editeur.nom"} <= settings


def test_a_filled_in_fork_hears_nothing_and_a_bare_one_hears_what_is_missing() -> None:
    assert forking.settings_to_fill(FILLED_IN) == []
    bare = {r.setting: r for r in forking.settings_to_fill({"site_name": "Tiers-lieux du Bocage"})}
    assert "extra.contact" in bare and "aucun moyen de contact" in bare["extra.contact"].message
    assert "site_url" in bare and "ce réglage manque" in bare["site_url"].message
    wrong = forking.settings_to_fill({**FILLED_IN, "extra": {**FILLED_IN["extra"], "accessibilite": {"etat": "AA"}}})
    assert [r.setting for r in wrong] == ["extra.accessibilite.date", "extra.accessibilite.etat"]


def test_a_setting_spelled_otherwise_is_named_beside_the_missing_one() -> None:
    """A fork wrote `téléphone:` (with its accents) and `Adresse:`: the build only said the settings were
    missing, and the coordinator, who saw them written, could not tell why."""
    hebergeur = {"nom": "Hébergeur", "téléphone": "01 02 03 04 05", "Adresse": "1 rue du Port, Brest"}
    found = {
        r.setting: r
        for r in forking.settings_to_fill({**FILLED_IN, "extra": {**FILLED_IN["extra"], "hebergeur": hebergeur}})
    }
    assert set(found) == {"extra.hebergeur.telephone", "extra.hebergeur.adresse"}
    assert (
        "vous avez écrit « téléphone » : le réglage s'écrit « telephone »" in found["extra.hebergeur.telephone"].message
    )
    assert "vous avez écrit « Adresse » : le réglage s'écrit « adresse »" in found["extra.hebergeur.adresse"].message
    bare = forking.settings_to_fill(
        {**FILLED_IN, "extra": {**FILLED_IN["extra"], "hebergeur": {"nom": "H", "fax": "1"}}}
    )
    assert all("vous avez écrit" not in r.message for r in bare)  # a key that is no near spelling is not guessed


def test_a_setting_written_twice_in_one_block_is_named_with_both_lines(tmp_path: Path) -> None:
    """YAML keeps the second of two keys and drops the first silently: the template itself had two
    `editeur:` blocks under `extra:`, and the form editor's auth_url and app_id, set in the first, were lost."""
    assert duplicate_keys(ROOT / "mkdocs.yml") == []
    written = tmp_path / "mkdocs.yml"
    written.write_text(
        "site_name: A\nextra:\n  editeur:\n    auth_url: https://connexion.example\n"
        "  contact:\n    email: a@b.fr\n  editeur:\n    nom: Asso\n"
        "nav:\n  - Accueil: index.md\n  - Kit:\n      - a.md\n      - a.md\nsite_name: B\n",
        encoding="utf-8",
    )
    assert load_yaml(written)["extra"]["editeur"] == {"nom": "Asso"}  # what YAML does: the first block is gone
    assert duplicate_keys(written) == [("site_name", 1, 14), ("extra.editeur", 3, 7)]
    report = "\n".join(forking.reminder_report([], [], duplicate_keys(written)))
    assert "deux fois" in report and "  - extra.editeur : lignes 3 et 7" in report


def test_notes_are_stripped_with_their_body_but_code_and_other_admonitions_stay() -> None:
    body = NOTE_PAGE.split("---\n", 2)[2]
    kept = forking.strip_notes(body)
    assert "Adaptez cette page" not in kept and "Deuxième paragraphe" not in kept
    assert "Le réseau décide en assemblée.\n\nTexte pour tout le monde." in kept
    assert '!!! adapter "Exemple de syntaxe, dans un bloc de code"' in kept
    assert "Elle reste." in kept
    assert forking.note_lines(body, first_line=7) == [12]  # as in the file: line 12
    assert forking.strip_notes("Rien à retirer.\n") == "Rien à retirer.\n"


@pytest.fixture(scope="module")
def noted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, subprocess.CompletedProcess[str]]:
    site = make_site(tmp_path_factory.mktemp("forking"), plugins=False)
    site.write("kit-accueil/fonctionnement.md", NOTE_PAGE)
    site.commit("Pages", author="Alice Martin <alice@example.org>", date="2026-01-10T10:00:00+01:00")
    return site, site.build()


def test_published_build_leaves_notes_out_and_lists_where_they_are(
    noted: tuple[Site, subprocess.CompletedProcess[str]],
) -> None:
    site, done = noted
    assert done.returncode == 0, done.stderr  # a reminder never fails a strict build
    html = site.html("kit-accueil/fonctionnement")
    assert "Adaptez cette page" not in html and "admonition adapter" not in html
    assert "Une note pour les lecteurs" in html
    assert "ATTENTION" in done.stderr
    assert "docs/kit-accueil/fonctionnement.md (ligne 12)" in done.stderr
    assert "« site_url » (valeur actuelle : https://example.org/communs/)" in done.stderr


def test_a_fork_that_filled_everything_in_gets_no_reminder(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugins=False)
    site.configure(**FILLED_IN)
    done = site.build()
    assert done.returncode == 0, done.stderr
    assert "ATTENTION" not in done.stderr and "valeur d'exemple" not in done.stderr


def test_a_fork_whose_mkdocs_yml_gives_a_block_twice_hears_it_at_every_build(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugins=False)
    site.configure(**FILLED_IN)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra:\n  editeur:\n    app_id: abc123\n", encoding="utf-8")
    done = site.build()
    assert done.returncode == 0, done.stderr  # a reminder never fails a strict build
    assert "écrits deux fois" in done.stderr and "  - extra : lignes " in done.stderr, done.stderr


def test_local_preview_shows_the_notes_where_the_coordinator_edits(
    noted: tuple[Site, subprocess.CompletedProcess[str]],
) -> None:
    site, _ = noted
    port = free_port()
    # what ./dev site runs: MkDocs' preview through the French entry point
    command = [sys.executable, "-m", "devtools.mkdocs_fr", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "-f", str(site.root / "mkdocs.yml")],
        cwd=site.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(site.root), "PYTHONPATH": str(ROOT)},
    )
    try:
        html = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not html:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/communs/kit-accueil/fonctionnement/") as answer:
                    html = answer.read().decode()
            except OSError:
                time.sleep(0.3)
        assert "admonition adapter" in html and "Adaptez cette page" in html
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=20)
    assert "Site visible sur http://127.0.0.1:" in errors and "Serving on" not in errors  # hooks/french.py
    assert "/communs/ (Ctrl-C pour arrêter)" in errors  # the path of site_url, said once by MkDocs
    assert "ATTENTION" in errors and "docs/kit-accueil/fonctionnement.md (ligne 12)" in errors
