# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""`python -m sync convert`: files or stdin, French messages, every error listed before failing."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from sync.cli import main
from sync.convert import markdown_to_wikitext
from sync.errors import ConversionError
from tests.convert.support import REPO

GOOD = "---\ntitle: Essai\n---\n\n## Titre\n\nVoir [le budget](boite-a-outils/budget-contributif.md).\n"
BAD = "---\ntitle: Essai\n---\n\nUn paragraphe.\n\n<script>alert(1)</script>\n"


def run(argv, monkeypatch, capsys, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["convert", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_stdin_to_stdout_knows_the_site_from_the_repository_root(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    code, out, err = run(["--to", "wikitext"], monkeypatch, capsys, stdin=GOOD)
    assert code == 0, err
    assert "== Titre ==" in out
    # the page is mirrored in docs/: the link becomes a wiki link to its Movilab title
    title = (REPO / "docs/boite-a-outils/budget-contributif.md").read_text(encoding="utf-8").split("movilab:")[1]
    assert f"[[{title.splitlines()[0].strip()}|le budget]]" in out


def test_markdown_direction_with_a_title(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(
        ["--to", "markdown", "--title", "Ma page"],
        monkeypatch,
        capsys,
        stdin="== Titre ==\n''texte''\n[[Catégorie:Réseaux]]",
    )
    assert code == 0
    assert out.startswith("---\ntitle: Ma page\nmovilab: Ma page\nwiki:\n  categories:\n  - Réseaux\n---\n")
    assert "## Titre\n*texte*\n" in out
    assert "pas de mkdocs.yml ici" in err  # told, in French, that links cannot be mapped


def test_out_dir_writes_one_file_per_input(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.md").write_text("Texte *simple*.\n", encoding="utf-8")
    code, out, err = run(["--to", "wikitext", "a.md", "b.md", "--out-dir", "sortie"], monkeypatch, capsys)
    assert code == 0, err
    assert out == ""
    assert (tmp_path / "sortie/a.wiki").read_text(encoding="utf-8").startswith("== Titre ==")
    assert (tmp_path / "sortie/b.wiki").read_text(encoding="utf-8") == "Texte ''simple''."


def test_an_out_dir_that_cannot_be_made_is_told_in_french_and_exits_2(monkeypatch, capsys, tmp_path):
    """--out-dir under a file ended in a Python traceback (NotADirectoryError)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    code, out, err = run(["--to", "wikitext", "a.md", "--out-dir", "fichier/sortie"], monkeypatch, capsys)
    assert code == 2
    assert out == ""
    assert err.endswith(
        "erreur : impossible d'écrire dans « fichier/sortie » (un fichier porte le nom d'un dossier du chemin, "
        "ENOTDIR) : choisissez un autre chemin ou corrigez ses droits.\n"
    )
    assert (tmp_path / "fichier").read_text(encoding="utf-8") == "x"


def test_all_files_errors_are_listed_and_nothing_is_written(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("un.md", "deux.md"):
        (tmp_path / name).write_text(BAD, encoding="utf-8")
    (tmp_path / "bon.md").write_text(GOOD, encoding="utf-8")
    code, _out, err = run(
        ["--to", "wikitext", "un.md", "bon.md", "deux.md", "--out-dir", "sortie"], monkeypatch, capsys
    )
    assert code == 1
    assert "un.md:7 : bloc HTML <script>" in err and "deux.md:7 : bloc HTML <script>" in err
    assert "2 fichier(s) non converti(s) ; rien n'a été écrit." in err
    assert not (tmp_path / "sortie").exists()


def test_a_folder_given_as_a_file_is_named_as_a_folder(monkeypatch, capsys, tmp_path):
    """`convert --to wikitext docs` said « fichier introuvable : docs » of a folder that is there."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fiches").mkdir()
    code, out, err = run(["--to", "wikitext", "fiches", "absent.md"], monkeypatch, capsys)
    assert code == 2 and out == ""
    assert err == (
        "erreur : « fiches » est un dossier : donnez les fichiers à convertir (par exemple fiches/*.md).\n"
        "erreur : fichier introuvable : absent.md\n"
    )


def test_a_file_that_cannot_be_read_is_told_in_french(monkeypatch, capsys, tmp_path):
    """The system's own words were shown (« Permission denied »). Root reads any file, so the refusal is faked."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "prive.md").write_text(GOOD, encoding="utf-8")
    real = Path.read_bytes

    def refuse(self):
        if self.name == "prive.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, _out, err = run(["--to", "wikitext", "prive.md"], monkeypatch, capsys)
    assert code == 1
    assert "erreur : prive.md : fichier illisible (permission refusée, EACCES) : " in err
    assert "Permission denied" not in err


@pytest.mark.parametrize(
    "argv",
    [["--to", "pdf"], ["--to", "wikitext", "absent.md"], ["--to", "wikitext", "--out-dir", "x"], []],
    ids=["bad-format", "missing-file", "out-dir-without-files", "no-format"],
)
def test_usage_errors_exit_2(argv, monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(argv, monkeypatch, capsys)
    assert code == 2
    assert err


def test_runs_as_a_module(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "sync", "convert", "--to", "wikitext"],
        input="*a*\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "''a''\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (BAD, 7, "bloc HTML <script>"),
        ("---\ntitle: x\n---\n\n- un point\n\n        du code dans la liste\n", 7, "élément de liste"),
        ("---\ntitle: [x\n---\n\nTexte.\n", 3, "est illisible"),
        ("---\ntitle: x\n---\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n", 7, "3 cellules pour 2 colonnes"),
        ("---\ntitle: x\n---\n\nUn [lien](javascript:alert(1)).\n", 5, "seuls http, https"),
        ("---\ntitle: x\nwiki:\n  modele: [a]\n---\n\nTexte.\n", 3, "wiki.modele"),
    ],
    ids=["html-block", "code-in-list", "bad-yaml", "extra-cells", "bad-scheme", "bad-wiki-key"],
)
def test_conversion_errors_name_file_and_line_in_french(site, text, line, words):
    with pytest.raises(ConversionError) as caught:
        markdown_to_wikitext(text, path="boite-a-outils/x.md", site=site)
    assert caught.value.path == "boite-a-outils/x.md"
    assert caught.value.line == line
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("out_dir", "link"),
    [
        ("docs/kit-accueil", "../boite-a-outils/budget-contributif.md"),
        ("docs", "boite-a-outils/budget-contributif.md"),
        ("ailleurs", "boite-a-outils/budget-contributif.md"),  # outside docs/: as from docs/, and said
    ],
)
def test_markdown_written_to_a_folder_links_from_that_folder(monkeypatch, capsys, tmp_path, out_dir, link):
    """Issue 11: `--out-dir` writes links relative to the written file, not to docs/."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    page = tmp_path / "docs/boite-a-outils/budget-contributif.md"
    page.parent.mkdir(parents=True)
    page.write_text((REPO / "docs/boite-a-outils/budget-contributif.md").read_text(encoding="utf-8"), encoding="utf-8")
    title = page.read_text(encoding="utf-8").split("movilab:")[1].splitlines()[0].strip()
    (tmp_path / "page.wiki").write_text(f"Voir [[{title}|le budget]].\n", encoding="utf-8")
    code, _out, err = run(["--to", "markdown", "page.wiki", "--out-dir", out_dir], monkeypatch, capsys)
    assert code == 0, err
    assert f"Voir [le budget]({link})." in (tmp_path / out_dir / "page.md").read_text(encoding="utf-8")
    assert ("hors de docs/" in err) == (out_dir == "ailleurs")


@pytest.mark.parametrize(
    ("direction", "text", "said"),
    [
        ("markdown", "{{" * 300 + "x" + "}}" * 300, "la page imbrique trop de modèles"),
        # refused before any parser reads it, at the build's limit (commons/markdown_limits.py)
        ("wikitext", ">" * 500 + " x\n", "profonde.txt:1 : le texte est imbriqué sur 500 niveaux"),
        (
            "wikitext",
            "Texte[^0].\n\n" + "".join(f"[^{i}]: x [^{i + 1}]\n\n" for i in range(149)) + "[^149]: fin\n",
            "la page imbrique trop de modèles",
        ),
    ],
    ids=["wiki-templates", "markdown-quotes", "markdown-note-chain"],
)
def test_a_page_nested_hundreds_deep_is_a_french_error_not_a_traceback(
    direction, text, said, monkeypatch, capsys, tmp_path
):
    """The parsers recurse once per level: the converter's API turns that into its French refusal."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "profonde.txt").write_text(text, encoding="utf-8")
    code, out, err = run(["--to", direction, "profonde.txt", "--out-dir", "sortie"], monkeypatch, capsys)
    assert code == 1
    assert err.count("profonde.txt") == 1 and said in err, err
    assert "Traceback" not in err and "RecursionError" not in err and out == ""
    assert not (tmp_path / "sortie").exists()
