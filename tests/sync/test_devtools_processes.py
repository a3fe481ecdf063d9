# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The test command's plumbing: ports that two runs at once never share, and no server left behind.

`./dev test` runs two pytest sessions at once (devtools/halves.py); each starts servers on ports
from devtools/ports.py. These tests run the real allocator in several processes at once, and the
real supervisor over small stand-in halves that leave servers behind (one in a session of its own,
one that ignores SIGTERM), interrupted by Ctrl-C or failing.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from devtools.ports import free_port, port_range

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie waiting for its parent does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def _wait_for(condition, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"toujours pas au bout de {timeout} s : {what}"
        time.sleep(0.02)


# -- ports ----------------------------------------------------------------------------------------
ALLOCATE = textwrap.dedent(
    """
    import sys
    from devtools.ports import free_port
    ports = [free_port() for _ in range(int(sys.argv[1]))]
    print(" ".join(map(str, ports)), flush=True)
    sys.stdin.read()  # holds its ports until the test closes stdin
    """
)


def _allocate(count: int) -> subprocess.Popen[str]:
    """A process that takes `count` ports, prints them on a line and holds them until its stdin closes."""
    return subprocess.Popen(
        [sys.executable, "-c", ALLOCATE, str(count)],
        cwd=ROOT,
        env=ENV,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_processes_asking_at_once_never_get_the_same_port():
    """Six processes each take 40 ports at the same moment (as the two halves and other runs do):
    no port is handed out twice, and each is below the kernel's own range and free to bind."""
    procs = [_allocate(40) for _ in range(6)]
    try:
        taken = [int(p) for proc in procs for p in proc.stdout.readline().split()]  # type: ignore[union-attr]
    finally:
        for proc in procs:
            proc.communicate("")
    assert len(taken) == 240
    assert len(set(taken)) == 240
    assert all(port in port_range() for port in taken)
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    assert max(taken) < low  # the kernel never gives these to a socket that connects out
    for port in taken[:20]:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))


def test_a_port_is_free_again_once_its_process_has_ended_and_never_while_a_server_holds_it():
    held = _allocate(1)
    port = int(held.stdout.readline())  # type: ignore[union-attr]
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        mine = {free_port() for _ in range(50)}
        assert port not in mine and server.getsockname()[1] not in mine
    held.communicate("")
    assert held.returncode == 0
    # the ended process's reservation went with it: its lock file can be taken again
    import fcntl

    from devtools.ports import LOCKS

    with (LOCKS / f"{port}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)


# -- the two halves ---------------------------------------------------------------------------------
# A stand-in for a half: starts a "server" in a session of its own (as the wiki's PHP is started)
# and one that ignores SIGTERM, writes their ids, then fails or waits to be interrupted.
HALF = textwrap.dedent(
    """
    import subprocess, sys, time
    from pathlib import Path
    folder, name, outcome = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    server = subprocess.Popen(
        [sys.executable, "-c", "import time\\nwhile True: time.sleep(1)"], start_new_session=True
    )
    stubborn = subprocess.Popen(
        [sys.executable, "-c",
         "import signal, time\\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\\n"
         "signal.signal(signal.SIGINT, signal.SIG_IGN)\\nprint('ok', flush=True)\\nwhile True: time.sleep(1)"],
        stdout=subprocess.PIPE,
    )
    stubborn.stdout.readline()  # its signals are set
    print(f"moitié {name} prête", flush=True)
    (folder / f"{name}.pids").write_text(f"{server.pid} {stubborn.pid}")
    if outcome == "fail":
        sys.exit(1)
    if outcome == "pass":
        sys.exit(0)
    while True:
        time.sleep(1)
    """
)
SUPERVISE = textwrap.dedent(
    """
    import sys
    from devtools.halves import run
    folder, half, first, second = sys.argv[1:5]
    command = lambda name, outcome: [sys.executable, "-c", half, folder, name, outcome]
    sys.exit(run(command("a", first), command("b", second), first_name="tests/a", grace=1.0))
    """
)


def _supervise(tmp_path: Path, first: str, second: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SUPERVISE, str(tmp_path), HALF, first, second],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _left_pids(tmp_path: Path) -> list[int]:
    return [int(pid) for name in ("a", "b") for pid in (tmp_path / f"{name}.pids").read_text().split()]


def test_ctrl_c_stops_both_halves_and_every_server_they_started(tmp_path):
    supervisor = _supervise(tmp_path, "wait", "wait")
    _wait_for(lambda: all((tmp_path / f"{n}.pids").exists() for n in "ab"), "les deux moitiés prêtes")
    pids = _left_pids(tmp_path)
    assert all(_alive(pid) for pid in pids)
    supervisor.send_signal(signal.SIGINT)  # what Ctrl-C sends to the command
    out, err = supervisor.communicate(timeout=60)
    assert supervisor.returncode == 130
    assert [pid for pid in pids if _alive(pid)] == []
    assert "Tests interrompus" in err
    assert "moitié a prête" in out  # the first half's output is still shown


def _halves_ended(tmp_path: Path, first: str, second: str) -> tuple[int, str, str, list[int]]:
    """The supervisor run to its end over two halves: its exit code, output, errors, and the servers
    the halves started that are still alive."""
    supervisor = _supervise(tmp_path, first, second)
    out, err = supervisor.communicate(timeout=60)
    return supervisor.returncode, out, err, [pid for pid in _left_pids(tmp_path) if _alive(pid)]


def test_a_failing_half_fails_the_command_and_leaves_no_server(tmp_path):
    code, out, err, alive = _halves_ended(tmp_path, "fail", "pass")
    assert code == 1
    assert "tests de tests/a : code 1 ; les autres : code 0" in err
    assert alive == []
    assert "moitié a prête" in out and "moitié b prête" in out


def test_halves_that_pass_pass_the_command(tmp_path):
    code, _out, err, alive = _halves_ended(tmp_path, "pass", "pass")
    assert code == 0
    assert "Tous les tests ont réussi" in err
    assert alive == []
