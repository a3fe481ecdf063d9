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
from tests.sync.conftest import ROOT, make_repo, page

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


def _workspace(tmp_path: Path) -> Workspace:
    repo = make_repo(tmp_path / "site", "http://127.0.0.1:9/api.php", "http://127.0.0.1:9/wiki/", "Bot@sync", "x")
    (repo.path / "docs" / "fiche.md").write_text(page("Fiche fond", "Du **gras**."), encoding="utf-8")
    return Workspace.open(repo.path)


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
