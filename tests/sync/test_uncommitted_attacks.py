# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A page is sent, or deleted, only as HEAD has it: a change not in a commit never reaches the wiki."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.sync.conftest import FIXED_ENV, make_repo, page, pushed, run_after_git_status, unique_title
from tests.sync.test_images import png

BODY = "Premier paragraphe.\n\nDeuxième paragraphe."


def _then_deleted_once_committed(site, mediawiki, title: str) -> None:
    site.commit("Remove the fiche")
    rerun = site.run("push", "--delete")
    assert rerun.code == 0, rerun.text
    assert mediawiki.editor(0).text(title) is None


def test_a_file_removed_without_a_commit_does_not_delete_the_wiki_page(site, mediawiki):
    """`rm docs/fiche.md`, no commit: push --delete deleted the wiki page all the same."""
    title = pushed(site, "Suppression non commitée", BODY)
    (site.path / "docs" / "fiche.md").unlink()
    result = site.run("push", "--delete")
    assert result.code == 1, result.text
    assert "docs/fiche.md" in result.text and "modifications non commitées" in result.text, result.text
    assert mediawiki.editor(0).text(title) == BODY
    _then_deleted_once_committed(site, mediawiki, title)


def test_a_file_removed_after_git_status_looked_at_it_does_not_delete_the_wiki_page(site, mediawiki, monkeypatch):
    """git status, run beside the reading of the pages, saw the file committed; it was gone when they were read."""
    title = pushed(site, "Suppression pendant la lecture", BODY)

    def remove() -> None:
        (site.path / "docs" / "fiche.md").unlink(missing_ok=True)

    result = run_after_git_status(site, monkeypatch, remove, "push", "--delete")
    assert result.code == 1, result.text
    assert "docs/fiche.md" in result.text and "modifications non commitées" in result.text, result.text
    assert mediawiki.editor(0).text(title) == BODY
    _then_deleted_once_committed(site, mediawiki, title)


def test_a_page_no_longer_mirrored_in_a_commit_is_deleted_from_the_wiki(site, mediawiki):
    """The file stays, without its `movilab:` field: its page counts as deleted, and nothing is uncommitted."""
    title = pushed(site, "Page qui n'est plus miroir", BODY)
    site.write("fiche.md", site.read("fiche.md").replace(f"movilab: {title}\n", ""))
    site.commit("Stop mirroring the fiche")
    result = site.run("push", "--delete")
    assert result.code == 0, result.text
    assert mediawiki.editor(0).text(title) is None


def _checked_out_with_ident(site, title: str) -> None:
    """docs/fiche.md committed under an `ident` attribute, then checked out: git writes `$Id: <blob> $` where
    the commit holds `$Id$`, and git status says the file is committed."""
    (site.path / ".gitattributes").write_text("*.md ident\n", encoding="utf-8")
    site.git("add", ".gitattributes")
    site.write("fiche.md", page(title, BODY + "\n\nVersion : $Id$"))
    site.commit()
    (site.path / "docs" / "fiche.md").unlink()
    site.git("checkout", "--", "docs/fiche.md")
    assert "$Id: " in site.read("fiche.md") and not site.git("status", "--porcelain")


def test_a_committed_page_under_an_ident_attribute_is_pushed(site, mediawiki):
    """Its bytes are not HEAD's blob, and it was refused as uncommitted, with nothing to commit."""
    title = unique_title("Page avec ident")
    _checked_out_with_ident(site, title)
    result = site.run("push")
    assert result.code == 0, result.text
    assert "Version : $Id: " in (mediawiki.editor(0).text(title) or "")
    site.write("fiche.md", site.read("fiche.md").replace("Deuxième", "Deuxième (pas commité)"))
    refused = site.run("push")
    assert refused.code == 1 and "modifications non commitées" in refused.text, refused.text


def test_a_site_in_a_subfolder_of_its_repository_is_refused_before_anything_is_sent(tmp_path, mediawiki):
    """git status names paths from the repository's top, the sync's commits and its checks from the site's
    folder: push committed the state file at the top of the repository (left untracked in site/), and
    git status never named a file of the site as uncommitted."""
    top = tmp_path / "depot"
    site = make_repo(top / "site", mediawiki.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)
    shutil.move(top / "site" / ".git", top / ".git")
    site.git("add", "-A")  # the whole repository, from its top; with the tests' identity (a fresh machine has none)
    site.git("commit", "-qm", "Site in a subfolder")
    title = unique_title("Site en sous-dossier")
    site.write("fiche.md", page(title, BODY))
    site.commit()
    head = site.git("rev-parse", "HEAD")
    for command in ("push", "pull", "status"):
        result = site.run(command)
        assert result.code == 2, result.text
        assert "site/" in result.err and "racine du dépôt git" in result.err and "Traceback" not in result.text
    assert site.git("rev-parse", "HEAD") == head and not site.git("status", "--porcelain")
    assert mediawiki.editor(0).text(title) is None


@pytest.mark.parametrize("name", [b"caf\xe9.md", b"tab\tici.md", b"ligne\nnouvelle.md"])
def test_a_page_whose_file_name_the_state_file_cannot_hold_is_refused_before_anything_is_sent(site, mediawiki, name):
    """A name not in UTF-8 (Latin-1, from an old archive) was refused as uncommitted though committed (and,
    before, crashed with a traceback once its wiki page was created); a name with a tab or a line break
    was pushed, then the state file holding it was refused by every later run."""
    title = unique_title("Nom de fichier étrange")
    with open(os.path.join(os.fsencode(site.path / "docs"), name), "w", encoding="utf-8") as file:
        file.write(page(title, BODY))
    site.commit()
    head = site.git("rev-parse", "HEAD")
    result = site.run("push")
    assert result.code == 2, result.text
    assert "chemin refusé" in result.err and "renommez" in result.err and "Traceback" not in result.text
    assert "modifications non commitées" not in result.text
    assert mediawiki.editor(0).text(title) is None and site.git("rev-parse", "HEAD") == head
    site.git("mv", "-k", "--", os.fsdecode(b"docs/" + name), "docs/fiche.md")
    site.commit("Rename the fiche")
    renamed = site.run("push")
    assert renamed.code == 0, renamed.text
    assert mediawiki.editor(0).text(title) == BODY


def _git_commands(site, monkeypatch, *argv: str) -> list[str]:
    """The git commands `python -m sync argv` starts (each one a process), after checking it succeeds."""
    started: list[str] = []
    popen = subprocess.Popen.__init__

    def counting(self, args, *rest, **kwargs):
        if isinstance(args, list) and args[:1] == ["git"]:
            started.append(" ".join(args[1:3]))
        popen(self, args, *rest, **kwargs)

    monkeypatch.setattr(subprocess.Popen, "__init__", counting)
    try:
        result = site.run(*argv)
    finally:
        monkeypatch.undo()
    assert result.code == 0, result.text
    return started


def test_a_deletion_waiting_for_push_delete_costs_no_git_command_to_other_runs(site, mediawiki, monkeypatch):
    """The check of a page no longer mirrored is for push --delete only: push and pull leave the page alone."""
    title = pushed(site, "Suppression en attente", BODY)
    site.write("autre.md", page(unique_title("Autre page"), BODY))
    site.commit()
    assert site.run("push").code == 0
    nothing_to_do = {command: _git_commands(site, monkeypatch, command) for command in ("push", "pull")}
    site.git("rm", "-q", "docs/fiche.md")
    site.commit("Remove the fiche")
    for command in ("push", "pull"):
        assert _git_commands(site, monkeypatch, command) == nothing_to_do[command], command
    assert mediawiki.editor(0).text(title) == BODY


@pytest.mark.parametrize("case", ["never committed", "changed since its commit"])
def test_push_images_sends_no_image_that_is_not_committed(site, mediawiki, case):
    """The page is committed, the image it shows is not (a photo saved in docs/images/ and never added, or
    retouched since): push --images published it on the wiki, under the site's licence."""
    title = unique_title("Fiche à la photo")
    name = f"Photo-{title.split()[-1]}.png"
    site.write("fiche.md", page(title, f"La photo :\n\n![Photo](images/{name})"))
    image = site.path / "docs" / "images" / name
    image.parent.mkdir()
    colour = (200, 0, 1) if case == "never committed" else (200, 0, 2)  # bytes of no other file on the wiki
    if case == "changed since its commit":
        image.write_bytes(png((10, 20, 30)))
    site.commit()
    image.write_bytes(png(colour))
    result = site.run("push", "--images")
    assert result.code == 1, result.text
    assert f"docs/images/{name}" in result.text and "non commitée" in result.text, result.text
    wiki = mediawiki.editor(0)
    assert wiki.text(f"Fichier:{name}") is None and wiki.text(title) is None  # neither the image nor the page
    site.commit("Add the photo")
    rerun = site.run("push", "--images")
    assert rerun.code == 0, rerun.text
    assert wiki.text(f"Fichier:{name}") is not None, rerun.text
    assert f"[[Fichier:{name}|Photo]]" in (wiki.text(title) or "")


def _committing_after_git_status(site, monkeypatch, text: str, command: str):
    """Run `command` with the member committing docs/fiche.md as `text` once git status has looked at it."""

    def commit() -> None:
        if site.read("fiche.md") != text:
            site.write("fiche.md", text)
            site.commit("Committed while the sync starts")

    return run_after_git_status(site, monkeypatch, commit, command)


def test_a_commit_made_while_push_runs_stops_it_in_french_and_the_rerun_records_what_was_sent(
    site, mediawiki, monkeypatch
):
    """The push sent the committed text, then its own commit met a HEAD it had not read: git's English
    error ("fatal: cannot lock ref 'HEAD': is at … but expected …") was all the member read."""
    title = pushed(site, "Commit pendant l'envoi", BODY)
    mine = page(title, BODY.replace("Deuxième", "Deuxième (commité pendant l'envoi)"))
    result = _committing_after_git_status(site, monkeypatch, mine, "push")
    assert result.code == 1, result.text
    assert "fatal" not in result.text and "cannot lock" not in result.text, result.text
    assert "HEAD a changé pendant la synchronisation" in result.err and "Relancez" in result.err, result.err
    assert "commité pendant l'envoi" in mediawiki.editor(0).text(title)  # committed text: it may go
    rerun = site.run("push")
    assert rerun.code == 0, rerun.text
    assert len(mediawiki.editor(0).revisions(title)) == 2 and not site.git("status", "--porcelain")


def _synced_then_sparse(site) -> tuple[str, str]:
    """Two pages pushed, then the second one's folder left out of the working tree by git sparse-checkout."""
    kept, out = unique_title("Page gardée"), unique_title("Page hors du cône")
    site.write("a/fiche.md", page(kept, BODY))
    site.write("b/fiche.md", page(out, BODY))
    site.commit()
    assert site.run("push").code == 0
    site.git("sparse-checkout", "set", "docs/a")
    return kept, out


def test_push_delete_in_a_sparse_checkout_keeps_the_pages_left_out_of_it(site, mediawiki):
    """git sparse-checkout leaves some folders out of the working tree, still in HEAD, and git status says
    nothing of them: push --delete took each page there for a committed deletion and deleted it."""
    kept, out = _synced_then_sparse(site)
    assert not (site.path / "docs" / "b" / "fiche.md").exists() and not site.git("status", "--porcelain")
    for _ in range(2):  # every run: a page left out of the checkout is not a deletion, nor a failure
        result = site.run("push", "--delete")
        assert result.code == 0, result.text
        assert "hors de l'extraction partielle" in result.out and "1 page(s)" in result.out, result.text
        assert "fichier supprimé" not in result.out, result.text
    assert mediawiki.editor(0).text(out) == BODY and mediawiki.editor(0).text(kept) == BODY
    assert site.run("push").code == 0 and site.run("status").code == 0 and site.run("pull").code == 0
    assert not site.git("status", "--porcelain")


def test_a_wiki_edit_of_a_page_left_out_of_a_sparse_checkout_waits_for_a_full_checkout(site, mediawiki):
    """Not pulled into a file git keeps out of the working tree, not said deleted, and never passed over:
    the pull that could not bring it in leaves the recent-changes window where it was."""
    _kept, out = _synced_then_sparse(site)
    mediawiki.editor(1).edit(out, BODY + "\n\nAjout sur le wiki.", "ajout")
    status = site.run("status")
    assert status.code == 1 and "docs/b/fiche.md" in status.out and "fichier supprimé" not in status.out, status.text
    pulled = site.run("pull")
    assert pulled.code == 0, pulled.text
    assert "hors de l'extraction partielle" in pulled.out and "docs/b/fiche.md" in pulled.out, pulled.text
    assert not site.git("status", "--porcelain") and not (site.path / "docs" / "b").exists()
    assert site.run("push", "--delete").code == 0 and "Ajout sur le wiki." in mediawiki.editor(0).text(out)
    site.git("sparse-checkout", "disable")
    pulled = site.run("pull")
    assert pulled.code == 0, pulled.text
    assert "Ajout sur le wiki." in site.read("b/fiche.md")


def test_a_link_to_a_page_retitled_but_not_committed_keeps_the_title_the_wiki_knows(site, mediawiki):
    """Page A, committed, links to page B, whose `movilab:` title was changed and not committed: B is held
    back, and A went out linking to B's new title, a text in no commit, naming a page the wiki lacks."""
    a, b, secret = unique_title("Page A"), unique_title("Page B"), unique_title("Titre pas encore commité")
    site.write("a.md", page(a, "Voir [la page B](b.md)."))
    site.write("b.md", page(b, "Texte B."))
    site.commit()
    assert site.run("push").code == 0
    site.write("b.md", page(secret, "Texte B."))
    site.write("a.md", page(a, "Voir [la page B](b.md), encore."))
    site.git("add", "docs/a.md")
    site.git("commit", "-q", "-m", "Edit A only")
    result = site.run("push")
    assert result.code == 1 and "docs/b.md" in result.text and "modifications non commitées" in result.text
    sent = mediawiki.editor(0).text(a)
    assert "encore" in sent and secret not in sent and f"[[{b}|la page B]]" in sent, sent


def test_a_pull_keeps_links_to_a_page_retitled_but_not_committed(site, mediawiki):
    """The wiki edits page A, which links to page B; B's title was changed and not committed. The pull read
    the wiki's [[B]] against B's new title, found no page, and committed A with a link to Movilab instead
    of to docs/b.md."""
    a, b, secret = unique_title("Page A"), unique_title("Page B"), unique_title("Titre pas encore commité")
    site.write("a.md", page(a, "Voir [la page B](b.md)."))
    site.write("b.md", page(b, "Texte B."))
    site.commit()
    assert site.run("push").code == 0
    wiki_text = mediawiki.editor(0).text(a)
    mediawiki.editor(1).edit(a, wiki_text.replace("Voir", "Voir donc"), "relecture")
    site.write("b.md", page(secret, "Texte B."))
    result = site.run("pull")
    assert "Voir donc [la page B](b.md)." in site.read("a.md"), (site.read("a.md"), result.text)
    assert site.git("status", "--porcelain").strip() == "M docs/b.md"


def test_a_page_of_a_git_submodule_is_refused_for_what_it_is_not_as_uncommitted(site, mediawiki, tmp_path):
    """docs/partage/ is a submodule (another repository): its page, committed there, is no file of this
    repository's HEAD, and push said « modifications non commitées : commitez-les », which no commit
    here can change (and the sync could never commit a pulled edit into that other repository)."""
    shared = tmp_path / "partage"
    shared.mkdir()
    env = {**os.environ, **FIXED_ENV}

    def git(*args: str, cwd) -> None:
        subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)

    title = unique_title("Page partagée")
    git("init", "-q", "-b", "main", cwd=shared)
    (shared / "fiche.md").write_text(page(title, BODY), encoding="utf-8")
    git("add", "-A", cwd=shared)
    git("commit", "-q", "-m", "Shared page", cwd=shared)
    git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(shared), "docs/partage", cwd=site.path)
    git("commit", "-q", "-m", "Add the shared pages", cwd=site.path)
    mine = unique_title("Page du dépôt")
    site.write("fiche.md", page(mine, BODY))
    site.commit()
    result = site.run("push")
    assert result.code == 1, result.text
    assert "modifications non commitées" not in result.text, result.text
    assert "docs/partage/fiche.md" in result.text and "sous-module" in result.text, result.text
    assert mediawiki.editor(0).text(title) is None and mediawiki.editor(0).text(mine) == BODY


def test_a_commit_of_another_file_made_while_pull_runs_stops_it_in_french_and_the_rerun_pulls(
    site, mediawiki, monkeypatch
):
    """The pull's pages are as it read them, but HEAD moved (the member committed another file): the
    guarded update refused, in git's English."""
    title = pushed(site, "Commit d'un autre fichier pendant la récupération", BODY)
    mediawiki.editor(1).edit(title, BODY.replace("Premier", "Premier (wiki)"), "relecture")

    def commit_notes() -> None:
        if not (site.path / "NOTES.txt").exists():
            (site.path / "NOTES.txt").write_text("Notes.\n", encoding="utf-8")
            site.git("add", "NOTES.txt")
            site.git("commit", "-q", "-m", "Notes, committed while the pull runs")

    result = run_after_git_status(site, monkeypatch, commit_notes, "pull")
    assert result.code == 1, result.text
    assert "HEAD a changé pendant la synchronisation" in result.err and "fatal" not in result.text, result.text
    assert site.git("log", "-1", "--format=%s").strip() == "Notes, committed while the pull runs"
    assert "Premier (wiki)" not in site.read("fiche.md") and not site.git("status", "--porcelain")
    rerun = site.run("pull")
    assert rerun.code == 0, rerun.text
    assert "Premier (wiki)" in site.read("fiche.md") and not site.git("status", "--porcelain")


@pytest.mark.parametrize("flag", ["--skip-worktree", "--assume-unchanged", "ignored"])
def test_a_page_git_status_is_told_to_overlook_is_not_sent_as_it_is_on_disk(site, mediawiki, flag):
    """A flag on the index entry (or a .gitignore for a page never added) makes git status say nothing of
    a page whose text is in no commit: 3cbfa5c sent it; 6243e62 compares it with HEAD's blob (pinned)."""
    title = pushed(site, "Page que git status ne regarde pas", BODY)
    if flag == "ignored":
        title = unique_title("Page ignorée")
        (site.path / ".gitignore").write_text("docs/ignoree.md\n", encoding="utf-8")
        site.git("add", ".gitignore")
        site.git("commit", "-q", "-m", "Ignore a page")
        site.write("ignoree.md", page(title, BODY))
        shown = "docs/ignoree.md"
    else:
        site.git("update-index", flag, "docs/fiche.md")
        site.write("fiche.md", page(title, BODY + "\n\nPas commité."))
        shown = "docs/fiche.md"
    assert not site.git("status", "--porcelain")
    result = site.run("push")
    assert result.code == 1 and f"{shown}" in result.text and "modifications non commitées" in result.text, result.text
    assert "Pas commité" not in (mediawiki.editor(0).text(title) or "")
    if flag == "ignored":
        assert mediawiki.editor(0).text(title) is None
