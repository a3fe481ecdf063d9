# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a person sees: colours and progress only on a terminal, NO_COLOR, diff, exit codes."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

import pytest

from sync.backoff import Backoff
from sync.errors import WikiAuthError
from sync.wiki import Wiki
from tests.sync.conftest import FIXED_ENV, ROOT, page, unique_title

pytestmark = pytest.mark.wiki


def _in_terminal(site, command: str, **env: str) -> str:
    """Run a command under a pseudo-terminal (util-linux `script`), as a person would."""
    full = {
        **os.environ,
        **FIXED_ENV,
        **site.env,
        "MOVILAB_SYNC_ROOT": str(site.path),
        "MOVILAB_API": site.api_url,
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm",
        **env,
    }
    if "NO_COLOR" not in env:
        full.pop("NO_COLOR", None)
    cmd = f"{shlex.quote(sys.executable)} -m sync {command}"
    return subprocess.run(
        ["script", "-qec", cmd, "/dev/null"],
        cwd=site.path,
        env=full,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    ).stdout


def test_colour_and_progress_bar_on_a_terminal_only_and_never_with_no_color(site):
    for i in range(8):
        site.write(f"lot/p{i}.md", page(unique_title("Fiche en lot"), f"Texte {i}."))
    site.commit()
    tty = _in_terminal(site, "push")
    assert "\033[32m" in tty  # green "envoyée"
    assert "Envoi [" in tty and "8/8" in tty
    for i in range(8):
        site.write(f"lot/p{i}.md", site.read(f"lot/p{i}.md").replace("Texte", "Texte revu"))
    site.commit()
    plain = _in_terminal(site, "push", NO_COLOR="1")
    assert "\033[" not in plain and "envoyée" in plain
    piped = site.run("status")
    assert "\033[" not in piped.text and "Envoi [" not in piped.text


def test_diff_shows_both_directions_without_changing_anything(site, mediawiki):
    title = unique_title("Fiche comparée")
    site.write("fiche.md", page(title, "Début.\n\nFin."))
    site.commit()
    assert site.run("push").code == 0
    site.write("fiche.md", page(title, "Début modifié dans git.\n\nFin."))
    site.commit()
    mediawiki.editor(0).edit(title, "Début.\n\nFin modifiée sur le wiki.", "wiki")
    head = site.git("rev-parse", "HEAD")
    result = site.run("diff")
    assert result.code == 1
    assert "+Début modifié dans git." in result.out
    assert "+Fin modifiée sur le wiki." in result.out
    assert "modifiée des deux côtés" in result.out
    assert site.git("rev-parse", "HEAD") == head and site.git("status", "--porcelain") == ""
    # The block headed "--- Movilab : …" starts from the wiki's current text, not the last synced one.
    to_wiki = result.out.split(f"--- Movilab : {title}", 1)[1].split("--- docs/", 1)[0]
    assert "-Fin modifiée sur le wiki." in to_wiki and "texte actuel" in to_wiki


@pytest.mark.parametrize("command", ["status", "diff"])
def test_help_says_status_and_diff_exit_1_when_something_differs(command):
    help_text = subprocess.run(
        [sys.executable, "-m", "sync", command, "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "code de sortie 1" in " ".join(help_text.lower().split())


def test_an_edit_without_a_logged_in_session_is_refused_not_made_anonymously(mediawiki):
    title = unique_title("Session perdue")
    wiki = Wiki(mediawiki.api_url)
    with pytest.raises(WikiAuthError) as caught:
        wiki.edit(
            title, "Texte anonyme.", summary="test", token="+\\", base=None, starttimestamp="2026-01-01T00:00:00Z"
        )
    assert caught.value.api_code == "assertuserfailed"
    assert mediawiki.editor(0).text(title) is None


def test_backoff_honours_retry_after_and_is_bounded():
    slept: list[float] = []
    policy = Backoff(attempts=4, base=0.5, cap=10, total=100, sleep=slept.append, jitter=lambda: 0.0)
    assert policy.wait("3") and policy.wait(None) and policy.wait(None)
    assert not policy.wait(None)
    assert slept == [3.0, 1.0, 2.0]
    capped = Backoff(attempts=10, base=1, cap=4, total=6, sleep=slept.append, jitter=lambda: 0.0)
    assert capped.wait("120")  # a huge Retry-After is capped
    assert slept[-1] == 4
    assert not capped.wait(None) or capped.waited <= 6


def test_pull_and_push_on_a_detached_head_are_refused_in_french(site, mediawiki):
    title = unique_title("Tête détachée")
    site.write("fiche.md", page(title, "Texte."))
    site.commit()
    site.git("checkout", "-q", "--detach", "HEAD")
    head = site.git("rev-parse", "HEAD")
    for command in ("pull", "push"):
        result = site.run(command)
        assert result.code == 2 and "HEAD est détachée" in result.err and "git switch" in result.err
    assert site.run("push", "--dry-run").code == 0  # looking changes nothing: allowed
    assert site.git("rev-parse", "HEAD") == head and mediawiki.editor(0).text(title) is None
