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
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-m", "devtools.sandbox"],  # in a temporary folder, removed when it stops
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), "TMPDIR": str(tmp_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # As from a terminal: a test run started in the background (nohup, cmd &) ignores Ctrl-C,
        # and its children would inherit that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        _rehearse_then_stop(process, tmp_path, getattr(signal, stop))
    finally:
        if process.poll() is None:  # never leave it running, even when the test fails
            process.kill()
            process.wait()


def _rehearse_then_stop(process, tmp_path, stop) -> None:
    import time

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
    process.send_signal(stop)
    assert process.wait(timeout=20) == 0
    with pytest.raises(OSError):
        urllib.request.urlopen(api, timeout=2)
    assert list(tmp_path.glob("movilab-bac-a-sable-*")) == []  # nothing left behind


def test_a_killed_run_leaves_no_wiki_process_behind(tmp_path):
    """A test run or a bench killed with kill -9 cannot stop its wiki: the kernel does, PHP's workers included.

    The real PHP server with workers, as the bench runs it (Sandbox.workers), serving a
    one-line page rather than a MediaWiki that would take seconds to install.
    """
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    (tmp_path / "index.php").write_text("<?php echo 'ok';\n")
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from devtools.sandbox import free_port, serve_php\n"
        "port = free_port()\n"
        f"folder = Path({str(tmp_path)!r})\n"
        "env = {**os.environ, 'PHP_CLI_SERVER_WORKERS': '3'}\n"
        "log = (folder / 'php.log').open('wb')\n"
        "server = serve_php(['php', '-S', f'127.0.0.1:{port}', '-t', str(folder)], cwd=folder, env=env, log=log)\n"
        "print(server.pid, f'http://127.0.0.1:{port}/', flush=True)\n"
        "time.sleep(300)\n"
    )
    owner = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.PIPE,
        text=True,
    )

    def members(group: str) -> list[str]:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[2] == group and fields[0] != "Z":  # pgrp; a zombie is gone already
                found.append(stat.parent.name)
        return found

    try:
        group, url = owner.stdout.readline().split()
        deadline = time.monotonic() + 30
        while len(members(group)) < 5 and time.monotonic() < deadline:  # the shell, PHP and 3 workers
            time.sleep(0.05)
        assert len(members(group)) == 5
        while time.monotonic() < deadline:  # serving: the workers are the ones answering
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    assert resp.read() == b"ok"
                    break
            except OSError:
                time.sleep(0.05)
    finally:
        owner.kill()
        owner.wait()
    deadline = time.monotonic() + 30
    while members(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = members(group)
    for pid in left:  # never leave them running, even when the test fails
        os.kill(int(pid), signal.SIGKILL)
    assert left == []
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--port", "99999"],
            "./dev wiki : erreur : argument --port : « 99999 » n'est pas un numéro de port (de 1 à 65535, "
            "par exemple 8080)\n",
        ),
        (["--port", "abc"], "./dev wiki : erreur : argument --port : « abc » n'est pas un numéro de port"),
        (
            ["--dossier", "{tmp}/fichier/wiki"],
            "erreur : impossible d'installer le wiki dans « {tmp}/fichier/wiki » (un fichier porte le nom d'un "
            "dossier du chemin, ENOTDIR) : choisissez un autre chemin ou corrigez ses droits.\n",
        ),
    ],
    ids=["port-too-high", "port-not-a-number", "folder-under-a-file"],
)
def test_a_wrong_port_or_folder_of_dev_wiki_is_told_in_french_and_exits_2(tmp_path, args, expected):
    """PHP's "Invalid address: 127.0.0.1:99999" and a Python traceback (NotADirectoryError) reached the user."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    (tmp_path / "fichier").write_text("x")
    done = subprocess.run(
        [sys.executable, "-m", "devtools.sandbox", *(arg.format(tmp=tmp_path) for arg in args)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert expected.format(tmp=tmp_path) in done.stderr
    assert "Traceback" not in done.stderr and "Invalid" not in done.stderr
