# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""How the wiki client is loaded: mwclient without its OAuth import, and nothing of that left behind."""

from __future__ import annotations

import subprocess
import sys

from tests.sync.conftest import ROOT

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
