# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The local wiki the sync is rehearsed and tested against looks like Movilab."""

from __future__ import annotations

import urllib.request

import pytest

from devtools.sandbox import SEED_PAGES

pytestmark = pytest.mark.wiki


def test_seed_pages_carry_a_template_then_free_text(mediawiki):
    bot = mediawiki.session(mediawiki.user, mediawiki.password)
    text = bot.text("Budget contributif")
    assert text is not None
    assert text.startswith("{{Ressource\n|type=Fiche pratique")
    assert "[[Catégorie:Gouvernance]]" in text
    assert len(SEED_PAGES) >= 3


def test_bot_password_logs_in_and_wrong_one_is_refused(mediawiki):
    mediawiki.session(mediawiki.user, mediawiki.password)
    with pytest.raises(RuntimeError, match="connexion refusée"):
        mediawiki.session(mediawiki.user, "0" * 32)


def test_parse_renders_template_and_pages_have_movilab_urls(mediawiki):
    html = mediawiki.parse("{{Ressource|type=Atelier}}\n'''gras'''")
    assert "Atelier" in html and "<b>gras</b>" in html
    with urllib.request.urlopen(mediawiki.pages_url + "Budget_contributif") as resp:
        assert "Budget contributif" in resp.read().decode()


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_sandbox_command_prints_how_to_rehearse_and_stops_cleanly_on_ctrl_c_or_kill(tmp_path, stop):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-m", "devtools.sandbox"],  # in a temporary folder, removed when it stops
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), "TMPDIR": str(tmp_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        lines.append(line)
        if "Ctrl-C" in line or not line:
            break
    text = "".join(lines)
    api = next(word for word in text.split() if word.endswith("/api.php") and word.startswith("http"))
    with urllib.request.urlopen(api + "?action=query&meta=siteinfo&format=json") as resp:
        assert resp.status == 200
    assert "export MOVILAB_API=" in text and "MOVILAB_PASSWORD" in text
    assert list(tmp_path.glob("movilab-bac-a-sable-*"))
    process.send_signal(getattr(signal, stop))
    assert process.wait(timeout=20) == 0
    with pytest.raises(OSError):
        urllib.request.urlopen(api, timeout=2)
    assert list(tmp_path.glob("movilab-bac-a-sable-*")) == []  # nothing left behind
