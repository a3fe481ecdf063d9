# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The test ports' lock folder is shared by every user and every run, and safe in a shared /tmp.

Each check runs the real allocator (devtools/ports.py) in a process of its own, on a handful of
ports this test holds in the real folder meanwhile (so no other run can take them), with the
folder's path and port list replaced in that process only when the check needs a folder of its
own. A user without privileges runs a copy of the module with the system's Python (the checkout
and its .venv may be closed to that user): CI runs as root, so it runs these.
"""

from __future__ import annotations

import os
import pwd
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from devtools.ports import LOCKS, free_port

ROOT = Path(__file__).resolve().parents[2]
NOBODY = pwd.getpwnam("nobody")
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="changer d'utilisateur demande root (CI tourne en root)")

ASK = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    import ports
    if sys.argv[2]:
        ports.LOCKS = Path(sys.argv[2])
    wanted = [int(p) for p in sys.argv[3].split(",")]
    ports.port_range = lambda: wanted
    os.umask(int(sys.argv[4], 8))
    try:
        print(ports.free_port(), flush=True)
    except ports.PortError as error:
        print("refus :", error, flush=True)
        sys.exit(3)
    """
)


@pytest.fixture
def shared(tmp_path_factory: pytest.TempPathFactory):
    """A folder every user can read, holding a copy of devtools/ports.py (tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="communs-ports-test-"))
    folder.chmod(0o755)
    (folder / "ports.py").write_bytes((ROOT / "devtools" / "ports.py").read_bytes())
    (folder / "ports.py").chmod(0o644)
    yield folder
    subprocess.run(["rm", "-rf", str(folder)], check=True)


def _ask(
    code_dir: Path,
    ports: list[int],
    *,
    locks: Path | None = None,
    user: pwd.struct_passwd | None = None,
    umask: int = 0o022,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    # Debian's interpreter (./dev installs python3): the checkout, its .venv and the Python they were
    # made with may all be closed to `user`.
    python = "/usr/bin/python3" if user else sys.executable
    command = [python, "-I", "-c", ASK, str(code_dir), str(locks or ""), ",".join(map(str, ports)), f"{umask:o}"]
    extra = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []} if user else {}
    return subprocess.run(
        command,
        cwd="/",
        env=env or {"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        capture_output=True,
        text=True,
        timeout=60,  # a hang guard (a fifo opened without O_NONBLOCK blocks), not a timed assertion
        check=False,
        **extra,  # type: ignore[arg-type]
    )


@as_root
def test_a_user_without_privileges_gets_a_port_after_root_reserved_them_all_once(shared: Path) -> None:
    """Root runs the tests first with a strict umask: the folder and every lock file are its own.
    A user without privileges asking next for the same ports gets one (it failed with
    "aucun port libre": a 0755 folder and lock files it could not open for writing)."""
    held = [free_port() for _ in range(3)]  # kept from every other run while this test uses them
    locks = shared / "communs-ports"
    first = _ask(shared, held, locks=locks, umask=0o077)
    assert first.returncode == 0, first.stdout + first.stderr
    for port in held:  # root made a lock file for each port (one per call: ask until all exist)
        if not (locks / f"{port}.lock").exists():
            assert _ask(shared, [port], locks=locks, umask=0o077).returncode == 0
    info = locks.stat()
    assert stat.S_IMODE(info.st_mode) == 0o1777 and info.st_uid == 0
    assert all(stat.S_IMODE((locks / f"{p}.lock").stat().st_mode) == 0o644 for p in held)

    second = _ask(shared, held, locks=locks, user=NOBODY, umask=0o077)
    assert second.returncode == 0, second.stdout + second.stderr
    assert int(second.stdout) in held


@as_root
def test_a_folder_closed_to_other_users_is_refused_in_french_with_what_to_do(shared: Path) -> None:
    """A lock folder left 0755 by root (by the earlier version): the user hears which folder, whose,
    and the command that mends it; root's next run mends it by itself."""
    held = [free_port()]
    locks = shared / "communs-ports"
    locks.mkdir(mode=0o755)
    refused = _ask(shared, held, locks=locks, user=NOBODY)
    assert refused.returncode == 3
    assert f"{locks}, où les tests de tous les utilisateurs réservent leurs ports, appartient à root" in refused.stdout
    assert f"« chmod 1777 {locks} »" in refused.stdout
    assert "Traceback" not in refused.stderr

    assert _ask(shared, held, locks=locks).returncode == 0  # root, the owner, opens it to all
    assert stat.S_IMODE(locks.stat().st_mode) == 0o1777
    assert _ask(shared, held, locks=locks, user=NOBODY).returncode == 0


def test_runs_with_different_tmpdir_share_their_reservations(tmp_path: Path) -> None:
    """A port this run holds is not handed to a run whose TMPDIR differs (the folder was TMPDIR's)."""
    port = free_port()
    env = {"PATH": os.environ.get("PATH", ""), "TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    code = (
        "import devtools.ports as p\n"
        f"p.port_range = lambda: [{port}]\n"
        "try:\n    print(p.free_port())\nexcept p.PortError as e:\n    print('refus :', e)\n"
        "print(p.LOCKS)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        f"refus : aucun port libre entre {port} et {port} sur 127.0.0.1 : tous sont réservés par d'autres tests "
        f"en cours (verrous dans {LOCKS}) ou occupés par d'autres programmes. Attendez la fin des autres tests, "
        "ou arrêtez les serveurs restés ouverts (« ss -ltnp » les montre).",
        str(LOCKS),
    ]
    assert Path("/tmp/communs-ports") == LOCKS


def test_links_and_fifos_planted_in_the_folder_are_never_followed_nor_waited_on(shared: Path) -> None:
    """In a folder anyone may write to, another user plants a link to a private file and a fifo
    under the names of two lock files: both ports are skipped, the file keeps its mode and its
    content, the allocator does not block, and the third port is handed out."""
    linked, fifo, plain = held = [free_port() for _ in range(3)]
    locks = shared / "communs-ports"
    locks.mkdir()
    locks.chmod(0o1777)
    victim = shared / "secret"
    victim.write_text("à personne\n")
    victim.chmod(0o600)
    (locks / f"{linked}.lock").symlink_to(victim)
    os.mkfifo(locks / f"{fifo}.lock")
    for _ in range(5):  # the start is random: each run must skip the two planted names
        done = _ask(shared, held, locks=locks)
        assert done.returncode == 0, done.stdout + done.stderr
        assert int(done.stdout) == plain
    assert stat.S_IMODE(victim.stat().st_mode) == 0o600
    assert victim.read_text() == "à personne\n"
    assert (locks / f"{linked}.lock").is_symlink()


def test_a_lock_folder_replaced_by_a_link_is_refused_in_french(shared: Path) -> None:
    target = shared / "ailleurs"
    target.mkdir()
    locks = shared / "communs-ports"
    locks.symlink_to(target)
    refused = _ask(shared, [free_port()], locks=locks)
    assert refused.returncode == 3
    assert refused.stdout.strip() == (
        f"refus : {locks}, où les tests de tous les utilisateurs réservent leurs ports, est un lien symbolique : "
        f"supprimez-le (« rm {locks} »), les tests le recréeront."
    )
    assert list(target.iterdir()) == []
