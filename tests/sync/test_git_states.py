# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""git in an odd state when the sync runs (a lock left by a crashed git, …): nothing half done, said in French."""

from __future__ import annotations

import pytest

from tests.sync.conftest import page, pushed, unique_title

pytestmark = pytest.mark.wiki

BODY = "Premier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième paragraphe."


def test_an_index_lock_left_by_a_crashed_git_stops_the_pull_before_head_moves(site, mediawiki):
    """The pull moved HEAD, then failed on the index with git's English message: the index left staged
    the undoing of the pull, which the member's next `git commit` made."""
    title = pushed(site, "Verrou de l'index", BODY)
    wiki = BODY.replace("Premier", "Premier (wiki)")
    mediawiki.editor(1).edit(title, wiki, "sur le wiki")
    head = site.git("rev-parse", "HEAD")
    lock = site.path / ".git" / "index.lock"
    lock.write_text("")
    result = site.run("pull")
    assert result.code == 1, result.text
    assert ".git/index.lock" in result.err and "supprimez-le" in result.err, result.err
    assert "Another git process" not in result.text
    assert site.git("rev-parse", "HEAD") == head
    lock.unlink()
    assert site.git("status", "--porcelain") == ""  # nothing staged for the member's next commit
    again = site.run("pull")
    assert again.code == 0, again.text
    assert "(wiki)" in site.read("fiche.md") and site.git("status", "--porcelain") == ""


def test_an_index_locked_just_after_head_moved_is_said_with_the_rerun_that_finishes(site, mediawiki, tmp_path):
    """An editor's own `git status` takes the index lock in the instant after the pull moved HEAD: git's English
    message said to remove the lock, never that the commit was made and that the rerun brings index and files
    to it (a `git commit` made first undid the pull)."""
    title = pushed(site, "Verrou pris après HEAD", BODY)
    mediawiki.editor(1).edit(title, BODY.replace("Premier", "Premier (wiki)"), "sur le wiki")
    lock = site.path / ".git" / "index.lock"
    hooks = tmp_path / "crochets"
    hooks.mkdir()
    hook = hooks / "reference-transaction"  # run by git as HEAD moves: it stands for the other git command
    hook.write_text(f'#!/bin/sh\n[ "$1" = committed ] && : > "{lock}"\nexit 0\n')
    hook.chmod(0o755)
    site.git("config", "core.hooksPath", str(hooks))
    result = site.run("pull")
    assert result.code == 1, result.text
    assert "Another git process" not in result.text
    assert "relancez la même commande" in result.err and "avant tout commit" in result.err, result.err
    site.git("config", "--unset", "core.hooksPath")
    lock.unlink()
    again = site.run("pull")
    assert again.code == 0, again.text
    assert "interrompue a été terminée" in again.out
    assert "(wiki)" in site.read("fiche.md") and site.git("status", "--porcelain") == ""


def test_a_push_stops_at_a_merge_commit_its_index_could_not_follow(site, mediawiki, tmp_path):
    """Both pages were edited on both sides: the push commits each merge before sending it. The first
    merge moved HEAD, then its index update failed (here the index is briefly unreadable, as when another
    git command or a full disk gets in the way); the push went on with the second page, whose commit wrote
    over the journal its rerun needed, found HEAD moved and dropped it: the first merge was never
    finished, and the index staged its undoing for the member's next commit."""
    titles = []
    for name in ("fiche.md", "autre.md"):
        title = unique_title(f"Fusion interrompue {name}")
        site.write(name, page(title, BODY))
        titles.append(title)
    site.commit()
    assert site.run("push").code == 0
    for name, title in zip(("fiche.md", "autre.md"), titles, strict=True):
        site.write(name, page(title, BODY.replace("Troisième", "Troisième (git)")))
        mediawiki.editor(1).edit(
            title, mediawiki.editor(0).text(title).replace("Premier", "Premier (wiki)"), "sur le wiki"
        )
    site.commit()
    git_dir = site.path / ".git"
    hooks = tmp_path / "crochets"
    hooks.mkdir()
    hook = hooks / "reference-transaction"  # run by git as HEAD moves, once: the index becomes unreadable
    hook.write_text(
        "#!/bin/sh\n"
        f'[ "$1" = committed ] && grep -q " HEAD$" && [ ! -e "{tmp_path}/marque" ] || exit 0\n'
        f': > "{tmp_path}/marque"\n'
        f'mv "{git_dir}/index" "{tmp_path}/index" && mkdir "{git_dir}/index"\n'
    )
    hook.chmod(0o755)
    site.git("config", "core.hooksPath", str(hooks))
    result = site.run("push")
    assert result.code == 1, result.text
    assert "relancez la même commande" in result.err and "avant tout commit" in result.err, result.err
    site.git("config", "--unset", "core.hooksPath")
    (git_dir / "index").rmdir()
    (tmp_path / "index").rename(git_dir / "index")
    again = site.run("push")
    assert again.code == 0, again.text
    assert "interrompue a été terminée" in again.out, again.text
    assert site.git("status", "--porcelain") == ""  # nothing staged that would undo a merge
    _both_edits_kept_once(site, mediawiki, ("fiche.md", "autre.md"), titles)


def test_a_push_stops_at_a_merge_commit_whose_page_could_not_be_written(site, mediawiki, tmp_path):
    """Both pages were edited on both sides: the push commits each merge before sending it. The first merge
    moved HEAD and its index, then writing its page failed (a full disk; here the file-size limit of the
    process, set as HEAD moves): the page was marked failed and the push went on. The second page's commit
    wrote over the journal its rerun needed, found HEAD moved and dropped it: the file on disk was left
    without the wiki's edit, a change that `git commit -a` would commit and the next push send."""
    long = "\n\n".join(f"Ligne de remplissage numéro {n} pour un long texte." for n in range(2000))  # > 64 Kio
    names = ("autre.md", "fiche.md")  # sent in that order: the first merge commit writes the long page
    bodies = {"autre.md": f"{BODY}\n\n{long}", "fiche.md": BODY}
    titles = []
    for name in names:
        title = unique_title(f"Écriture interrompue {name}")
        site.write(name, page(title, bodies[name]))
        titles.append(title)
    site.commit()
    assert site.run("push").code == 0
    for name, title in zip(names, titles, strict=True):
        site.write(name, page(title, bodies[name].replace("Troisième", "Troisième (git)")))
        mediawiki.editor(1).edit(
            title, mediawiki.editor(0).text(title).replace("Premier", "Premier (wiki)"), "sur le wiki"
        )
    site.commit()
    hooks = tmp_path / "crochets"
    hooks.mkdir()
    hook = hooks / "reference-transaction"  # run by git update-ref as HEAD moves, once: the sync's process
    hook.write_text(  # (its parent) may then write no file over 64 Kio (this small site's index is far under)
        "#!/bin/sh\n"
        f'[ "$1" = committed ] && grep -q " HEAD$" && [ ! -e "{tmp_path}/marque" ] || exit 0\n'
        f': > "{tmp_path}/marque"\n'
        'prlimit --pid "$(cut -d" " -f4 /proc/$PPID/stat)" --fsize=65536\n'
    )
    hook.chmod(0o755)
    site.git("config", "core.hooksPath", str(hooks))
    process = site.spawn("push")
    out, err = process.communicate(timeout=300)
    site.git("config", "--unset", "core.hooksPath")
    assert process.returncode == 1, out + err
    assert "relancez la même commande avant tout commit" in err, out + err
    assert err.count("relancez") == 1, err  # what to do, said once
    assert "Traceback" not in err and "fatal:" not in err, err
    again = site.run("push")
    assert again.code == 0, again.text
    assert "interrompue a été terminée" in again.out, again.text
    assert site.git("status", "--porcelain") == ""
    _both_edits_kept_once(site, mediawiki, names, titles)


def test_a_hook_that_refuses_the_pulls_commit_is_said_in_french_and_nothing_moves(site, mediawiki, tmp_path):
    """A repository whose reference-transaction hook refuses ref updates (a guard some teams install): the
    pull printed git's own English (« ref updates aborted by hook »). It now says, in French, that a git
    hook refused the commit, which hook, and what to do; HEAD, files and state are left as they were."""
    title = pushed(site, "Crochet qui refuse", BODY)
    mediawiki.editor(1).edit(title, BODY.replace("Premier", "Premier (wiki)"), "sur le wiki")
    before = (site.git("rev-parse", "HEAD"), site.read("fiche.md"))
    hooks = tmp_path / "crochets"
    hooks.mkdir()
    hook = hooks / "reference-transaction"
    hook.write_text('#!/bin/sh\n[ "$1" = prepared ] && echo "branche protégée" >&2 && exit 1\nexit 0\n')
    hook.chmod(0o755)
    site.git("config", "core.hooksPath", str(hooks))
    result = site.run("pull")
    assert result.code == 1, result.text
    assert "crochet git" in result.text and "reference-transaction" in result.text, result.text
    assert "aborted by hook" not in result.text and "fatal:" not in result.text, result.text
    assert (site.git("rev-parse", "HEAD"), site.read("fiche.md")) == before
    assert site.git("status", "--porcelain") == ""
    site.git("config", "--unset", "core.hooksPath")
    again = site.run("pull")
    assert again.code == 0, again.text
    assert "(wiki)" in site.read("fiche.md") and site.git("status", "--porcelain") == ""


def _both_edits_kept_once(site, mediawiki, names, titles) -> None:
    """Each page holds the wiki's edit and git's, in its file and on the wiki, in three revisions: the first
    push, the wiki's edit, the merge (sent once, never twice)."""
    for name, title in zip(names, titles, strict=True):
        text = site.read(name)
        assert "Premier (wiki)" in text and "Troisième (git)" in text, name
        wiki = mediawiki.editor(0).text(title)
        assert "Premier (wiki)" in wiki and "Troisième (git)" in wiki, title
        assert len(mediawiki.editor(0).revisions(title)) == 3, title
