# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Pages saved with a byte-order mark, CRLF line ends or a header closed by `...` sync like any other."""

from __future__ import annotations

import subprocess
import sys

import pytest

from commons.frontmatter import parse
from tests.sync.conftest import FIXED_ENV, ROOT, page, unique_title

pytestmark = pytest.mark.wiki

SPELLINGS = {
    "BOM": lambda text: "\ufeff" + text,
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "BOM et CRLF": lambda text: "\ufeff" + text.replace("\n", "\r\n"),
    "fermé par ...": lambda text: text.replace("\n---\n", "\n...\n", 1),
}


@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_a_page_spelt_so_goes_through_status_push_and_pull(site, mediawiki, spelling):
    title = unique_title(f"Page {spelling}")
    raw = SPELLINGS[spelling](page(title, "Premier paragraphe.\n\nSecond paragraphe."))
    (site.path / "docs" / "fiche.md").write_bytes(raw.encode("utf-8"))
    site.commit()
    status = site.run("status")
    assert status.code == 1 and "nouvelle" in status.out  # mirrored, not ignored

    assert site.run("push").code == 0
    wiki = mediawiki.editor(0)
    assert wiki.text(title) == "Premier paragraphe.\n\nSecond paragraphe."  # no header, no mark, no CR
    assert site.run("status").code == 0
    assert site.run("push").code == 0 and len(wiki.revisions(title)) == 1

    mediawiki.editor(1).edit(title, "Premier paragraphe revu.\n\nSecond paragraphe.", "wiki")
    pulled = site.run("pull")
    assert pulled.code == 0, pulled.text
    text = site.read("fiche.md")
    assert "Premier paragraphe revu." in text
    assert parse(text, path="fiche.md").data["movilab"] == title
    assert site.git("status", "--porcelain") == ""
    assert site.run("status").code == 0 and site.run("push").code == 0
    assert len(wiki.revisions(title)) == 2


def test_an_imported_page_resaved_by_a_windows_editor_changes_nothing_on_the_wiki(site, mediawiki):
    title = unique_title("Page importée puis réenregistrée")
    mediawiki.editor(1).edit(title, "Un texte du wiki.", "création")
    assert site.run("import", title, "--to", "importee.md").code == 0
    path = site.path / "docs" / "importee.md"
    path.write_bytes(("\ufeff" + path.read_text(encoding="utf-8").replace("\n", "\r\n")).encode("utf-8"))
    site.commit("Saved again on Windows")
    assert site.run("status").code == 1  # the file changed…
    pushed = site.run("push")
    assert pushed.code == 0 and "aucun changement visible" in pushed.out  # … the page did not
    assert len(mediawiki.editor(0).revisions(title)) == 1
    assert site.run("status").code == 0


def test_convert_reads_a_header_with_bom_and_crlf_on_standard_input():
    text = "\ufeff---\r\ntitle: Essai\r\nmovilab: Essai\r\n---\r\n\r\nUn paragraphe.\r\n"
    done = subprocess.run(
        [sys.executable, "-m", "sync", "convert", "--to", "wikitext"],
        input=text.encode("utf-8"),
        capture_output=True,
        cwd=ROOT,
        env={**FIXED_ENV, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode("utf-8")
    assert "Un paragraphe." in out and "title" not in out and "\ufeff" not in out


LATIN1 = "---\ntitle: Économie\nmovilab: Économie du lieu\n---\n\nUn texte enregistré en Latin-1.\n".encode("latin-1")


def _convert(*argv: str, stdin: bytes = b"", cwd=ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "sync", "convert", *argv],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env={**FIXED_ENV, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        check=False,
    )


def test_convert_names_a_file_that_is_not_utf8_and_writes_nothing(tmp_path):
    good, bad = tmp_path / "bonne.md", tmp_path / "latin1.md"
    good.write_text("---\ntitle: Bonne\n---\n\nTexte.\n", encoding="utf-8")
    bad.write_bytes(LATIN1)
    out = tmp_path / "sortie"
    done = _convert("--to", "wikitext", "--out-dir", str(out), str(good), str(bad))
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1, err
    assert f"{bad}:2 : le texte n'est pas en UTF-8 (octet 0xC9)" in err and "Traceback" not in err
    assert "1 fichier(s) non converti(s) ; rien n'a été écrit." in err
    assert not out.exists()

    piped = _convert("--to", "markdown", stdin="Une page en Latin-1 : déjà.".encode("latin-1"))
    err = piped.stderr.decode("utf-8")
    assert piped.returncode == 1 and "<entrée standard>:1 : le texte n'est pas en UTF-8" in err
    assert "Traceback" not in err and piped.stdout == b""


@pytest.mark.parametrize("command", ["status", "push", "pull"])
def test_a_page_that_is_not_utf8_is_named_and_nothing_changes(site, mediawiki, command):
    title = unique_title("Page voisine")
    site.write("voisine.md", page(title, "Texte."))
    (site.path / "docs" / "latin1.md").write_bytes(LATIN1)
    site.commit()
    head = site.git("rev-parse", "HEAD")
    result = site.run(command)
    assert result.code == 2, result.text
    assert "docs/latin1.md" in result.err and "UTF-8" in result.err and "Traceback" not in result.text
    assert site.git("rev-parse", "HEAD") == head and site.git("status", "--porcelain") == ""
    assert mediawiki.editor(0).text(title) is None


def _blob(site, spec: str) -> bytes:
    """A blob's bytes as git stores them (site.git reads text, which turns CRLF into LF)."""
    return subprocess.run(["git", "cat-file", "blob", spec], cwd=site.path, check=True, capture_output=True).stdout


def _crlf_checkout(site) -> None:
    """Pages stored with LF in git and checked out with CRLF, as Git for Windows does (core.autocrlf)."""
    (site.path / ".gitattributes").write_text("*.md text eol=crlf\n", encoding="utf-8")
    site.git("add", ".gitattributes")
    site.git("commit", "-q", "-m", "Windows line ends")
    for file in (site.path / "docs").rglob("*.md"):
        file.unlink()
    site.git("checkout", "--", "docs")


def _synced_then_crlf(site, title: str, body: str, checkout=_crlf_checkout) -> None:
    """docs/fiche.md mirrors `title` with `body`, pushed, then checked out with CRLF (`checkout`)."""
    site.write("fiche.md", page(title, body))
    site.commit()
    assert site.run("push").code == 0
    checkout(site)


def test_a_crlf_checkout_pulls_the_wiki_edit_and_pushes_its_own(site, mediawiki):
    title = unique_title("Page en CRLF")
    _synced_then_crlf(site, title, "Premier paragraphe.\n\nSecond paragraphe.")
    assert b"\r\n" in (site.path / "docs" / "fiche.md").read_bytes()
    assert site.git("status", "--porcelain") == ""
    status = site.run("status")
    assert status.code == 0, status.text
    wiki = mediawiki.editor(0)
    mediawiki.editor(1).edit(title, "Premier paragraphe revu.\n\nSecond paragraphe.", "wiki")
    pulled = site.run("pull")
    assert pulled.code == 0, pulled.text
    assert "Premier paragraphe revu." in site.read("fiche.md")
    assert not (site.path / "conflits-movilab").exists()
    assert site.git("status", "--porcelain") == ""
    assert b"\r" not in _blob(site, "HEAD:docs/fiche.md")  # stored as git stores the others
    assert site.run("status").code == 0
    raw = (site.path / "docs" / "fiche.md").read_bytes()
    site.write("fiche.md", raw.decode("utf-8").replace("Second paragraphe.", "Second paragraphe, revu dans git."))
    site.commit()
    pushed = site.run("push")
    assert pushed.code == 0, pushed.text
    assert wiki.text(title) == "Premier paragraphe revu.\n\nSecond paragraphe, revu dans git."
    assert site.run("status").code == 0 and site.git("status", "--porcelain") == ""


@pytest.mark.parametrize("stored", ["LF, extraite en CRLF", "CRLF"])
@pytest.mark.parametrize("command", ["pull", "push"])
def test_a_crlf_page_merges_a_wiki_edit_with_a_committed_one(site, mediawiki, command, stored):
    """A page checked out with CRLF (git stores it with LF), or saved and committed with CRLF in a
    repository that does not normalise line ends (git stores those bytes)."""
    title = unique_title("Page en CRLF des deux côtés")
    text = page(title, "Premier paragraphe.\n\nSecond paragraphe.\n\nTroisième paragraphe.")
    if stored == "CRLF":
        (site.path / "docs" / "fiche.md").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    else:
        site.write("fiche.md", text)
    site.commit()
    assert (b"\r\n" in _blob(site, "HEAD:docs/fiche.md")) == (stored == "CRLF")
    assert site.run("push").code == 0
    if stored != "CRLF":
        _crlf_checkout(site)
    crlf = (site.path / "docs" / "fiche.md").read_bytes().decode("utf-8")
    site.write("fiche.md", crlf.replace("Troisième paragraphe.", "Troisième paragraphe, revu dans git."))
    site.commit()
    mediawiki.editor(1).edit(
        title, "Premier paragraphe revu sur le wiki.\n\nSecond paragraphe.\n\nTroisième paragraphe.", "wiki"
    )
    merged = site.run(command)
    assert merged.code == 0, merged.text
    both = site.read("fiche.md")
    assert "Premier paragraphe revu sur le wiki." in both and "Troisième paragraphe, revu dans git." in both
    assert not (site.path / "conflits-movilab").exists()
    assert site.git("status", "--porcelain") == ""
    assert site.run("push").code == 0
    assert mediawiki.editor(0).text(title) == (
        "Premier paragraphe revu sur le wiki.\n\nSecond paragraphe.\n\nTroisième paragraphe, revu dans git."
    )
    assert site.run("status").code == 0


def _conflict_on_a_crlf_checkout(site, mediawiki, title: str) -> None:
    """A page pushed, checked out with CRLF, edited in git and on the wiki in the same paragraph: the
    pull writes the conflict."""
    _synced_then_crlf(site, title, "Premier paragraphe.\n\nSecond paragraphe.")
    crlf = (site.path / "docs" / "fiche.md").read_bytes().decode("utf-8")
    site.write("fiche.md", crlf.replace("Premier paragraphe.", "Premier paragraphe, version git."))
    site.commit()
    mediawiki.editor(1).edit(title, "Premier paragraphe, version wiki.\n\nSecond paragraphe.", "wiki")
    assert site.run("pull").code == 1


def test_a_conflict_resolved_in_a_crlf_checkout_is_committed_as_git_stores_pages(site, mediawiki):
    title = unique_title("Conflit en CRLF")
    _conflict_on_a_crlf_checkout(site, mediawiki, title)
    conflict = site.path / "conflits-movilab" / "fiche.md"
    site.git("checkout", "--", "conflits-movilab")  # checked out again, as git would: with CRLF now
    conflict.unlink()
    site.git("checkout", "--", "conflits-movilab")
    assert b"\r\n" in conflict.read_bytes()
    assert site.run("status").code == 1
    kept = site.run("resolve", "fiche.md", "--garder", "wiki")  # the file git wrote is not taken as edited
    assert kept.code == 0, kept.text
    assert b"\r" not in _blob(site, "HEAD:docs/fiche.md")
    assert site.git("status", "--porcelain") == ""
    assert site.run("push").code == 0
    assert mediawiki.editor(0).text(title) == "Premier paragraphe, version wiki.\n\nSecond paragraphe."


def test_a_resolution_saved_with_crlf_is_committed_with_lf(site, mediawiki):
    title = unique_title("Résolution en CRLF")
    _conflict_on_a_crlf_checkout(site, mediawiki, title)
    resolution = page(title, "Premier paragraphe, versions réunies.\n\nSecond paragraphe.").replace("\n", "\r\n")
    (site.path / "conflits-movilab" / "fiche.md").write_bytes(resolution.encode("utf-8"))  # saved on Windows
    done = site.run("resolve", "fiche.md")
    assert done.code == 0, done.text
    assert b"\r" not in _blob(site, "HEAD:docs/fiche.md")
    assert site.git("status", "--porcelain") == ""
    assert site.run("push").code == 0
    assert mediawiki.editor(0).text(title) == "Premier paragraphe, versions réunies.\n\nSecond paragraphe."
    assert site.run("status").code == 0
