# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a command loads and starts before its work: mwclient without its OAuth import, the converter
built in the background, and nothing of either left behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sync.errors import SyncError
from sync.workspace import Workspace
from tests.sync.conftest import ROOT, SiteRepo, make_repo, page

# Run in a fresh interpreter: this test process may have loaded mwclient already.
PROBE = """
import sys
from sync.errors import WikiAuthError
from sync.wiki import Wiki

wiki = Wiki("http://127.0.0.1:9/api.php")
print("oauth loaded by the sync:", "requests_oauthlib" in sys.modules or "oauthlib" in sys.modules)
import mwclient
try:
    mwclient.Site("127.0.0.1:9", scheme="http", do_init=False, consumer_token="a", consumer_secret="b",
                  access_token="c", access_secret="d")
except WikiAuthError as exc:
    print("OAuth keys:", exc)
import requests_oauthlib
print("later import:", requests_oauthlib.OAuth1.__module__)
"""


def test_mwclient_is_loaded_without_oauth_and_a_later_import_gets_the_real_package():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "oauth loaded by the sync: False"
    # The stand-in only ever answers mwclient's own import, and says why in French if used.
    assert lines[1] == "OAuth keys: la synchronisation se connecte avec un mot de passe de robot, jamais avec OAuth."
    assert lines[2] == "later import: requests_oauthlib.oauth1_auth"


def _repo(tmp_path: Path) -> SiteRepo:
    repo = make_repo(tmp_path / "site", "http://127.0.0.1:9/api.php", "http://127.0.0.1:9/wiki/", "Bot@sync", "x")
    repo.write("fiche.md", page("Fiche fond", "Du **gras**."))
    return repo


def _workspace(tmp_path: Path) -> Workspace:
    return Workspace.open(_repo(tmp_path).path)


def test_the_converter_built_in_the_background_converts_and_gives_the_switch_interval_back(tmp_path):
    ws = _workspace(tmp_path)
    before = sys.getswitchinterval()
    ws.warm_converter()
    text = ws.converter.to_wiki("Du **gras**.", path="fiche.md", base=None)
    assert "'''gras'''" in text
    assert sys.getswitchinterval() == before


def test_a_converter_that_cannot_be_built_fails_where_it_is_needed(tmp_path, monkeypatch):
    ws = _workspace(tmp_path)
    before = sys.getswitchinterval()

    def broken() -> None:
        raise SyncError("configuration du site illisible")

    monkeypatch.setattr(ws, "_build_converter", broken)
    ws.warm_converter()  # no error yet: the command goes on until it needs the converter
    with pytest.raises(SyncError, match="configuration du site illisible"):
        ws.converter
    assert sys.getswitchinterval() == before


def test_commits_read_ahead_are_the_ones_git_gives_and_other_pages_are_read_again(tmp_path):
    repo = _repo(tmp_path)
    repo.commit("Première version", author="Alice Martin <alice@example.org>")
    first = repo.git("rev-parse", "HEAD").strip()
    repo.write("fiche.md", page("Fiche fond", "Du **gras**, revu."))
    repo.write("autre.md", page("Autre fiche", "Texte."))
    repo.commit("Relecture", author="Chloé Dubois <chloe@example.org>")
    ws = Workspace.open(repo.path)
    since: dict[str, str | None] = {"docs/fiche.md": first, "docs/autre.md": None}
    expected = ws.repo.commits_since(since)
    assert [c.author for c in expected["docs/fiche.md"]] == ["Chloé Dubois"]

    ws.read_commits_ahead(since)
    assert ws.commits_since(dict(since)) == expected
    # Asked for other pages than those read ahead (a page refused meanwhile): git is asked again,
    # since git log's history of a set of paths is not the union of each path's.
    ws.read_commits_ahead({"docs/fiche.md": None})
    assert ws.commits_since(since) == expected
    assert ws.commits_since({"docs/fiche.md": None})["docs/fiche.md"][0].author == "Chloé Dubois"
