# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A member saves a page while a pull waits on the wiki: their save is never overwritten.

The pull reads the pages, asks the wiki (seconds on a slow link), then commits and writes the pages
it brought in. A page saved in that window used to be replaced by the wiki's version: the member's
edit was gone from disk, and git had never seen it.
"""

from __future__ import annotations

import pytest

import sync.history
import sync.pull
from tests.sync.conftest import page, run_after_git_status, unique_title

BODY = "Premier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième paragraphe."


@pytest.fixture
def pulled_page(site, mediawiki):
    """A page synced, then edited on the wiki (its first paragraph): the next pull brings that edit."""
    title = unique_title("Course à la sauvegarde")
    site.write("fiche.md", page(title, BODY))
    site.commit()
    assert site.run("push").code == 0
    mediawiki.editor(1).edit(title, BODY.replace("Premier", "Premier (wiki)"), "relecture")
    return title


def _saving_while_deciding(site, monkeypatch, module, name: str, mine: str, command: str):
    """Run `command` with the member saving docs/fiche.md as `mine` once the run has read it (when it
    decides on the page, after the wiki answered), then return its result."""
    decide = getattr(module, name)

    def decide_then_save(*args, **kwargs):
        if site.read("fiche.md") != mine:
            site.write("fiche.md", mine)
        return decide(*args, **kwargs)

    monkeypatch.setattr(module, name, decide_then_save)
    try:
        return site.run(command)
    finally:
        monkeypatch.undo()


def test_a_page_saved_while_the_pull_waits_on_the_wiki_is_kept_and_the_rerun_brings_the_wiki_edit(
    site, pulled_page, monkeypatch
):
    mine = page(pulled_page, BODY.replace("Troisième", "Troisième (enregistré pendant la récupération)"))
    head = site.git("rev-parse", "HEAD")
    result = _saving_while_deciding(site, monkeypatch, sync.pull, "decide_pull", mine, "pull")
    assert result.code == 1, result.text
    assert "docs/fiche.md : modifié ou supprimé pendant la synchronisation" in result.err, result.err
    assert "vos modifications sont intactes" in result.err and "Traceback" not in result.text
    assert site.read("fiche.md") == mine  # the member's save, on disk as they left it
    assert site.git("rev-parse", "HEAD") == head  # nothing committed: the wiki edit is still to bring
    assert not site.git("for-each-ref", "refs/movilab-sync/")  # no half-made commit left behind
    again = site.run("pull")  # rerun before committing: the page is now seen uncommitted, and left alone
    assert again.code == 1 and "modifications non commitées : rien n'a été écrasé" in again.text, again.text
    assert site.read("fiche.md") == mine and site.git("rev-parse", "HEAD") == head
    site.commit("Ma modification")
    rerun = site.run("pull")
    assert rerun.code == 0, rerun.text
    both = site.read("fiche.md")
    assert "Premier (wiki)" in both and "Troisième (enregistré pendant la récupération)" in both
    assert not site.git("status", "--porcelain")


def test_a_page_saved_in_the_instant_after_the_check_is_left_as_saved(site, pulled_page, monkeypatch):
    """The check runs just before HEAD moves; a save in the few milliseconds after it is not written over."""
    mine = page(pulled_page, BODY.replace("Troisième", "Troisième (à l'instant)"))
    git = sync.history.Repo.git

    def save_when_head_moves(self, *args, **kwargs):
        if args[0] == "update-ref" and "--stdin" in args:
            site.write("fiche.md", mine)
        return git(self, *args, **kwargs)

    monkeypatch.setattr(sync.history.Repo, "git", save_when_head_moves)
    result = site.run("pull")
    monkeypatch.undo()
    assert result.code == 0, result.text
    assert "docs/fiche.md : enregistré pendant la synchronisation, gardé tel quel" in result.text, result.text
    assert site.read("fiche.md") == mine
    assert "Premier (wiki)" in site.git("show", "HEAD:docs/fiche.md")  # the wiki's edit, committed
    assert site.git("status", "--porcelain").strip() == "M docs/fiche.md"  # the member's save, shown against it


def test_a_page_saved_while_a_push_merges_it_is_kept_and_nothing_is_sent(site, mediawiki, monkeypatch):
    """A page changed on both sides: push merges the wiki's edit into the file, commits and sends it. A save
    made while the push waited on the wiki was written over by the merge."""
    import sync.push

    title = unique_title("Course à la fusion")
    site.write("fiche.md", page(title, BODY))
    site.commit()
    assert site.run("push").code == 0
    mediawiki.editor(1).edit(title, BODY.replace("Premier", "Premier (wiki)"), "relecture")
    site.write("fiche.md", page(title, BODY.replace("Deuxième", "Deuxième (git)")))
    site.commit()
    mine = page(
        title, BODY.replace("Deuxième", "Deuxième (git)").replace("Troisième", "Troisième (pas encore commité)")
    )
    head = site.git("rev-parse", "HEAD")
    result = _saving_while_deciding(site, monkeypatch, sync.push, "decide_push", mine, "push")
    assert result.code == 1, result.text
    assert "échec : docs/fiche.md : modifié ou supprimé pendant la synchronisation" in result.text, result.text
    assert site.read("fiche.md") == mine and site.git("rev-parse", "HEAD") == head
    assert "Deuxième (git)" not in mediawiki.editor(0).text(title)  # nothing sent over the wiki's edit
    site.commit("Ma modification")
    rerun = site.run("push")
    assert rerun.code == 0, rerun.text
    sent = mediawiki.editor(0).text(title)
    assert "Premier (wiki)" in sent and "Deuxième (git)" in sent and "pas encore commité" in sent


def test_one_page_saved_during_a_pull_of_two_stops_the_commit_and_the_rerun_brings_the_other(
    site, mediawiki, monkeypatch
):
    titles = [unique_title("Course à deux A"), unique_title("Course à deux B")]
    site.write("fiche.md", page(titles[0], BODY))
    site.write("autre.md", page(titles[1], BODY))
    site.commit()
    assert site.run("push").code == 0
    for title in titles:
        mediawiki.editor(1).edit(title, BODY.replace("Premier", "Premier (wiki)"), "relecture")
    head = site.git("rev-parse", "HEAD")
    mine = page(titles[0], BODY.replace("Troisième", "Troisième (à moi)"))
    result = _saving_while_deciding(site, monkeypatch, sync.pull, "decide_pull", mine, "pull")
    assert result.code == 1 and "docs/fiche.md : modifié ou supprimé pendant la synchronisation" in result.err, (
        result.text
    )
    assert site.git("rev-parse", "HEAD") == head and "Premier (wiki)" not in site.read("autre.md")
    again = site.run("pull")  # not committed yet: the saved page is left alone, the other one comes in
    assert again.code == 1, again.text
    assert "Premier (wiki)" in site.read("autre.md") and site.read("fiche.md") == mine


def _saving_after_git_status(site, monkeypatch, mine: str, command: str):
    """Run `command` with the member saving docs/fiche.md as `mine` (not committed) once git status has
    looked at the files and found them committed, before the run reads the pages."""

    def save() -> None:
        if site.read("fiche.md") != mine:
            site.write("fiche.md", mine)

    return run_after_git_status(site, monkeypatch, save, command)


def test_a_page_saved_after_git_status_looked_at_it_is_not_sent_by_push(site, mediawiki, monkeypatch):
    """The push read the saved text and sent it, though git, asked a moment before, said the file was committed."""
    title = unique_title("Course à la lecture")
    site.write("fiche.md", page(title, BODY))
    site.commit()
    assert site.run("push").code == 0
    committed = BODY.replace("Deuxième", "Deuxième (commité)")
    site.write("fiche.md", page(title, committed))
    site.commit()
    mine = page(title, committed.replace("Troisième", "Troisième (pas encore commité)"))
    result = _saving_after_git_status(site, monkeypatch, mine, "push")
    assert result.code == 1, result.text
    assert "docs/fiche.md" in result.text and "modifications non commitées" in result.text, result.text
    assert mediawiki.editor(0).text(title) == BODY  # nothing sent: neither the save nor the commit under it
    assert site.read("fiche.md") == mine
    site.commit("Ma modification")
    rerun = site.run("push")
    assert rerun.code == 0, rerun.text
    assert "pas encore commité" in mediawiki.editor(0).text(title)


def test_a_page_saved_after_git_status_looked_at_it_is_left_alone_by_pull(site, pulled_page, monkeypatch):
    """Before, the pull read the saved text as the committed one and stopped only at its commit, blaming a save
    made while it waited on the wiki."""
    mine = page(pulled_page, BODY.replace("Troisième", "Troisième (pas encore commité)"))
    head = site.git("rev-parse", "HEAD")
    result = _saving_after_git_status(site, monkeypatch, mine, "pull")
    assert result.code == 1, result.text
    assert "docs/fiche.md" in result.text and "modifications non commitées" in result.text, result.text
    assert site.read("fiche.md") == mine and site.git("rev-parse", "HEAD") == head
    site.commit("Ma modification")
    rerun = site.run("pull")
    assert rerun.code == 0, rerun.text
    assert "Premier (wiki)" in site.read("fiche.md") and "pas encore commité" in site.read("fiche.md")


def test_a_page_deleted_while_the_pull_waits_on_the_wiki_is_not_brought_back(site, pulled_page, monkeypatch):
    decide = sync.pull.decide_pull

    def decide_then_delete(*args, **kwargs):
        (site.path / "docs" / "fiche.md").unlink(missing_ok=True)
        return decide(*args, **kwargs)

    monkeypatch.setattr(sync.pull, "decide_pull", decide_then_delete)
    head = site.git("rev-parse", "HEAD")
    result = site.run("pull")
    monkeypatch.undo()
    assert result.code == 1 and "docs/fiche.md : modifié ou supprimé pendant la synchronisation" in result.err, (
        result.text
    )
    assert not (site.path / "docs" / "fiche.md").exists() and site.git("rev-parse", "HEAD") == head


def _stopped_once_head_moved(site, monkeypatch, *argv: str):
    """Run the command, stopped (Ctrl-C) once its commit moved HEAD, before the files are written."""
    git = sync.history.Repo.git

    def interrupted_once_head_moved(self, *args, **kwargs):
        if args[0] == "update-index":
            raise KeyboardInterrupt
        return git(self, *args, **kwargs)

    monkeypatch.setattr(sync.history.Repo, "git", interrupted_once_head_moved)
    try:
        return site.run(*argv)
    finally:
        monkeypatch.undo()


def _in_conflict(site, mediawiki, title: str):
    """docs/fiche.md mirrors `title`, edited in git and on the wiki in the same paragraph: the pull wrote
    the conflict file, returned."""
    site.write("fiche.md", page(title, BODY))
    site.commit()
    assert site.run("push").code == 0
    site.write("fiche.md", page(title, BODY.replace("Premier", "Premier (git)")))
    site.commit()
    mediawiki.editor(1).edit(title, BODY.replace("Premier", "Premier (wiki)"), "relecture")
    assert site.run("pull").code == 1
    conflict = site.path / "conflits-movilab" / "fiche.md"
    return conflict


@pytest.mark.parametrize("saved", ["fiche.md", "conflit"])
def test_a_file_saved_while_resolve_commits_is_left_as_saved(site, mediawiki, monkeypatch, saved):
    """resolve reads the text the member put together, then commits it: writes the page and deletes the
    conflict file. A save of either in between was written over, or deleted."""
    title = unique_title("Course à la résolution")
    conflict = _in_conflict(site, mediawiki, title)
    resolution = page(title, BODY.replace("Premier", "Premier (réuni)"))
    conflict.write_text(resolution, encoding="utf-8")
    later = page(title, BODY.replace("Premier", "Premier (réuni, puis retouché)"))
    target = (site.path / "docs" / "fiche.md") if saved == "fiche.md" else conflict
    git = sync.history.Repo.git

    def save_when_head_moves(self, *args, **kwargs):
        if args[0] == "update-ref" and "--stdin" in args:
            target.write_text(later, encoding="utf-8")
        return git(self, *args, **kwargs)

    monkeypatch.setattr(sync.history.Repo, "git", save_when_head_moves)
    result = site.run("resolve", "fiche.md")
    monkeypatch.undo()
    assert result.code == 0, result.text
    shown = "docs/fiche.md" if saved == "fiche.md" else "conflits-movilab/fiche.md"
    assert f"{shown} : enregistré pendant la synchronisation, gardé tel quel ; le texte lu avant" in result.text
    assert target.read_text(encoding="utf-8") == later  # the save, as the member left it
    assert "Premier (réuni)" in site.git("show", "HEAD:docs/fiche.md")  # the resolution read, committed
    if saved == "fiche.md":
        assert not conflict.exists()
        assert site.git("status", "--porcelain").strip() == "M docs/fiche.md"
    else:
        assert site.read("fiche.md") == resolution
        assert site.git("status", "--porcelain").strip() == "?? conflits-movilab/"


def test_a_page_saved_after_a_pull_stopped_once_head_moved_is_not_written_over_by_the_rerun(
    site, pulled_page, monkeypatch
):
    """Ctrl-C (or a kill) after the pull's commit moved HEAD, before the files were written: the next run
    finishes the commit. The member, meanwhile, went on editing the page they had: the rerun wrote the
    pulled text over that save."""
    stopped = _stopped_once_head_moved(site, monkeypatch, "pull")
    assert stopped.code == 1 and "Premier (wiki)" in site.git("show", "HEAD:docs/fiche.md"), stopped.text
    assert "Premier (wiki)" not in site.read("fiche.md")  # the files were not written yet
    mine = page(pulled_page, BODY.replace("Troisième", "Troisième (écrit après l'interruption)"))
    site.write("fiche.md", mine)
    rerun = site.run("pull")
    assert "une synchronisation interrompue a été terminée" in rerun.text, rerun.text
    assert site.read("fiche.md") == mine  # the save, as the member left it
    assert "docs/fiche.md : enregistré après l'interruption, gardé tel quel ; ce que la synchronisation" in rerun.text
    assert "Premier (wiki)" in site.git("show", "HEAD:docs/fiche.md")
    assert site.git("status", "--porcelain").strip() == "M docs/fiche.md"


def test_a_page_written_before_a_pull_stopped_is_finished_without_a_note(site, pulled_page, monkeypatch):
    """The files already written when the run stopped are the commit's: the rerun does not take them for
    a member's save."""
    git = sync.history.Repo.git
    journal = site.path / ".git" / "movilab-sync" / "transaction.json"

    def interrupted_after_the_files(self, *args, **kwargs):
        result = git(self, *args, **kwargs)
        if args[0] == "update-index":
            (site.path / "docs" / "fiche.md").write_text(site.git("show", "HEAD:docs/fiche.md"), encoding="utf-8")
            raise KeyboardInterrupt
        return result

    monkeypatch.setattr(sync.history.Repo, "git", interrupted_after_the_files)
    stopped = site.run("pull")
    monkeypatch.undo()
    assert stopped.code == 1 and journal.exists(), stopped.text
    rerun = site.run("pull")
    assert "une synchronisation interrompue a été terminée" in rerun.text, rerun.text
    assert "gardé tel quel" not in rerun.text, rerun.text
    assert not site.git("status", "--porcelain")


@pytest.mark.parametrize("keep", [None, "wiki"])
def test_a_conflict_file_edited_after_resolve_stopped_once_head_moved_is_not_deleted_by_the_rerun(
    site, mediawiki, monkeypatch, keep
):
    """resolve stopped after its commit moved HEAD: the conflict file is still there, and the member goes
    on editing it. The next run finishes the commit: it deleted that file, and the edits with it."""
    title = unique_title("Résolution interrompue")
    conflict = _in_conflict(site, mediawiki, title)
    if keep is None:
        conflict.write_text(page(title, BODY.replace("Premier", "Premier (réuni)")), encoding="utf-8")
    stopped = _stopped_once_head_moved(site, monkeypatch, "resolve", "fiche.md", *(["--garder", keep] if keep else []))
    assert stopped.code == 1 and conflict.exists(), stopped.text
    later = page(title, BODY.replace("Premier", "Premier (réuni, puis retouché après l'arrêt)"))
    conflict.write_text(later, encoding="utf-8")
    # The member reruns the same command, as told: it refuses the edited conflict file, after saying
    # that the resolution stopped is now committed, and that the file was kept.
    rerun = site.run("resolve", "fiche.md", *(["--garder", keep] if keep else []))
    assert rerun.code == 2 and "Traceback" not in rerun.text, rerun.text
    assert "une synchronisation interrompue a été terminée" in rerun.out, rerun.text
    assert "conflits-movilab/fiche.md : enregistré après l'interruption, gardé tel quel" in rerun.out
    assert conflict.read_text(encoding="utf-8") == later  # the member's edits, as they left them
    assert site.git("status", "--porcelain").strip() == "?? conflits-movilab/"
