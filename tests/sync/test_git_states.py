# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""git in an odd state when the sync runs (a lock left by a crashed git, …): nothing half done, said in French."""

from __future__ import annotations

import pytest

from tests.sync.conftest import page, unique_title

pytestmark = pytest.mark.wiki

BODY = "Premier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième paragraphe."


def _pushed(site, name: str) -> str:
    title = unique_title(name)
    site.write("fiche.md", page(title, BODY))
    site.commit()
    assert site.run("push").code == 0
    return title


def test_an_index_lock_left_by_a_crashed_git_stops_the_pull_before_head_moves(site, mediawiki):
    """The pull moved HEAD, then failed on the index with git's English message: the index left staged
    the undoing of the pull, which the member's next `git commit` made."""
    title = _pushed(site, "Verrou de l'index")
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
