# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The content check of every pull request: French validation only, each problem on its file and line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from commons.check import github_annotations, gitlab_report, main, step_summary
from commons.pages import Problem

ROOT = Path(__file__).resolve().parents[2]

BROKEN = """---
title: Composter dans son tiers-lieu
date: 2027-03-11T14:00:00
intervenants:
  - nom: Camille Martin
thèmes: environnement
inscription: https://…
---

Le compost partagé.
"""


def _repo(tmp_path: Path) -> Path:
    """A repository with a valid page and the broken webinar a member wrote."""
    docs = tmp_path / "docs"
    (docs / "webinaires").mkdir(parents=True)
    (docs / "sources.yml").write_text("essai:\n  titre: Document d'essai\n", encoding="utf-8")
    (docs / "index.md").write_text("---\ntitle: Accueil\n---\n\nBienvenue.\n", encoding="utf-8")
    (docs / "webinaires" / "2027-03-11-compostage.md").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    # The budget is "well under a minute": a check that took longer would fail here.
    return subprocess.run(
        [sys.executable, "-m", "commons.check", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=60
    )


def test_the_check_names_file_and_line_of_each_problem_and_fails(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = _run(repo)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:3] == [
        "2 problème(s) dans 1 fichier(s) de docs/ :",
        "  - webinaires/2027-03-11-compostage.md, ligne 6, champ « thèmes » : attendu : une liste entre crochets, "
        "même pour un seul thème ; trouvé : le texte « environnement ». Écrivez : thèmes: [environnement]",
        "  - webinaires/2027-03-11-compostage.md, ligne 7, champ « inscription » : « https://… » est l'adresse "
        "d'exemple du modèle : remplacez-la par la vraie adresse, ou retirez la ligne « inscription: » si vous ne "
        "l'avez pas encore.",
    ]


def test_github_format_puts_an_annotation_on_the_file_and_line(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    summary = tmp_path / "summary.md"
    env_result = subprocess.run(
        [sys.executable, "-m", "commons.check", "--format", "github"],
        cwd=repo,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "GITHUB_STEP_SUMMARY": str(summary)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert env_result.returncode == 1
    annotations = [line for line in env_result.stdout.splitlines() if line.startswith("::error ")]
    assert annotations[0] == (
        "::error file=docs/webinaires/2027-03-11-compostage.md,line=6,title=champ « thèmes »::attendu : une liste "
        "entre crochets, même pour un seul thème ; trouvé : le texte « environnement ». Écrivez : thèmes: [environnement]"
    )
    assert len(annotations) == 2
    assert "| `webinaires/2027-03-11-compostage.md` | 7 | inscription |" in summary.read_text(encoding="utf-8")


def test_gitlab_format_writes_the_code_quality_report(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = _run(repo, "--format", "gitlab", "--sortie", "qualite.json")
    assert result.returncode == 1
    report = json.loads((repo / "qualite.json").read_text(encoding="utf-8"))
    assert [(r["location"]["path"], r["location"]["lines"]["begin"], r["severity"]) for r in report] == [
        ("docs/webinaires/2027-03-11-compostage.md", 6, "major"),
        ("docs/webinaires/2027-03-11-compostage.md", 7, "major"),
    ]
    assert report[0]["description"].startswith("champ « thèmes » : attendu : une liste entre crochets")
    assert len({r["fingerprint"] for r in report}) == 2


def test_a_valid_site_passes_and_writes_an_empty_report(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    page = repo / "docs" / "webinaires" / "2027-03-11-compostage.md"
    page.write_text(
        BROKEN.replace("thèmes: environnement", "thèmes: [environnement]").replace("inscription: https://…\n", ""),
        encoding="utf-8",
    )
    result = _run(repo, "--format", "gitlab")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Contenu vérifié : 2 pages, aucun problème (")
    assert json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []


def test_the_real_site_passes_the_check() -> None:
    assert main([str(ROOT / "docs")]) == 0


def test_usage_errors_are_french_and_exit_2(tmp_path: Path) -> None:
    result = _run(tmp_path, "absent")
    assert result.returncode == 2
    assert result.stderr == "erreur : le dossier des pages « absent » est introuvable.\n"
    result = _run(tmp_path, "--format", "xml")
    assert result.returncode == 2 and "choix invalide : 'xml'" in result.stderr


def test_the_check_loads_no_mkdocs_no_wiki_client_no_browser() -> None:
    """What keeps it under its budget: only PyYAML and the content model are imported."""
    code = (
        "import sys, commons.check; "
        "heavy = {'mkdocs', 'material', 'git', 'mwclient', 'requests', 'playwright', 'frontmatter', 'mwparserfromhell'}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_annotation_text_is_escaped_for_the_workflow_command_syntax(tmp_path: Path) -> None:
    problem = Problem("a,b.md", 3, "titre:x", "100 % faux\nligne deux")
    [line] = github_annotations([problem], tmp_path / "docs", tmp_path)
    assert line == "::error file=docs/a%2Cb.md,line=3,title=champ « titre%3Ax »::100 %25 faux%0Aligne deux"
    assert gitlab_report([problem], tmp_path / "docs", tmp_path)[0]["location"] == {
        "path": "docs/a,b.md",
        "lines": {"begin": 3},
    }
    assert "\\|" in step_summary([Problem("a.md", 1, None, "x | y")], 1, 0.2)


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        (".", "un dossier porte ce nom, EISDIR"),
        ("absent/rapport.json", "introuvable, ou l'un des dossiers du chemin manque, ENOENT"),
    ],
    ids=["folder", "missing-folder"],
)
def test_a_report_that_cannot_be_written_is_told_in_french_and_exits_2(tmp_path: Path, output, reason) -> None:
    """--sortie naming a folder, or a file in a missing folder, ended in a Python traceback (IsADirectoryError)."""
    repo = _repo(tmp_path)
    result = _run(repo, "--format", "gitlab", "--sortie", output)
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"erreur : rapport GitLab (--sortie) impossible à écrire dans « {output} » ({reason}) : "
    )
    assert result.stderr.endswith("choisissez un autre chemin ou corrigez ses droits.\n")
    assert "Traceback" not in result.stderr and "Error" not in result.stderr and "No such" not in result.stderr
    assert not (repo / "absent").exists()


def test_sortie_without_the_gitlab_format_is_refused_not_ignored(tmp_path: Path) -> None:
    """`--sortie rapport.json` alone wrote nothing and said nothing: the user waited for a file that never came."""
    repo = _repo(tmp_path)
    result = _run(repo, "--sortie", "rapport.json")
    assert result.returncode == 2
    assert result.stderr == (
        "erreur : --sortie ne sert qu'avec --format gitlab (rapport de qualité de code) ; "
        "écrivez : --format gitlab --sortie rapport.json\n"
    )
    assert not (repo / "rapport.json").exists()
    default = _run(repo, "--format", "gitlab")
    assert default.returncode == 1 and (repo / "gl-code-quality-report.json").is_file()


def test_a_sources_yml_saved_in_latin_1_is_the_one_problem_not_every_source_cited(tmp_path: Path) -> None:
    """It used to add "source inconnue … docs/sources.yml ne contient encore aucune source" for every
    citation of every page (49 lines on the template), the real cause last."""
    repo = _repo(tmp_path)
    docs = repo / "docs"
    (docs / "webinaires" / "2027-03-11-compostage.md").unlink()
    (docs / "sources.yml").write_bytes("essai:\n  titre: Étude d'essai\n".encode("latin-1"))
    (docs / "boite-a-outils").mkdir()
    fiche = "---\ntitle: {t}\ndescription: Une fiche.\nthèmes: [économie]\npublic: [tous]\nsources: [essai]\n---\n\nTexte.\n"
    for name in ("un", "deux"):
        (docs / "boite-a-outils" / f"{name}.md").write_text(fiche.format(t=name), encoding="utf-8")
    result = _run(repo)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        "1 problème(s) dans 1 fichier(s) de docs/ :",
        "  - sources.yml, ligne 2 : le fichier n'est pas enregistré en UTF-8 (octet 0xc9 illisible). "
        "Enregistrez-le en UTF-8 depuis votre éditeur (« Enregistrer sous », encodage UTF-8).",
    ]


def test_a_deleted_home_page_is_named_before_the_site_opens_on_a_404(tmp_path: Path) -> None:
    """Without docs/index.md every page still built, and the site's address and logo led to "not found"."""
    repo = _repo(tmp_path)
    (repo / "docs" / "webinaires" / "2027-03-11-compostage.md").unlink()
    (repo / "docs" / "index.md").unlink()
    result = _run(repo)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        "1 problème(s) dans 1 fichier(s) de docs/ :",
        "  - index.md, ligne 1 : la page d'accueil du site manque : sans elle, l'adresse du site et le logo "
        "de chaque page mènent à une page « introuvable ». Recréez docs/index.md (un titre et quelques lignes "
        "suffisent).",
    ]
