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
from tests.sync.conftest import page, unique_title

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
    assert "docs/fiche.md : modifié pendant la synchronisation" in result.err, result.err
    assert "vos modifications sont intactes" in result.err and "Traceback" not in result.text
    assert site.read("fiche.md") == mine  # the member's save, on disk as they left it
    assert site.git("rev-parse", "HEAD") == head  # nothing committed: the wiki edit is still to bring
    assert not site.git("for-each-ref", "refs/movilab-sync/")  # no half-made commit left behind
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
    assert "échec : docs/fiche.md : modifié pendant la synchronisation" in result.text, result.text
    assert site.read("fiche.md") == mine and site.git("rev-parse", "HEAD") == head
    assert "Deuxième (git)" not in mediawiki.editor(0).text(title)  # nothing sent over the wiki's edit
    site.commit("Ma modification")
    rerun = site.run("push")
    assert rerun.code == 0, rerun.text
    sent = mediawiki.editor(0).text(title)
    assert "Premier (wiki)" in sent and "Deuxième (git)" in sent and "pas encore commité" in sent
