# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The test suite as two pytest sessions at once, and nothing left running after them.

Usage (what `./dev test` runs on two cores or more):
    .venv/bin/python -m devtools.halves

Most of a test's time is spent waiting on a real part (the wiki's PHP, git, MkDocs, Chromium), so
on two cores the halves overlap instead of queueing. The first half (wiki, conversion, content
model: no browser) writes to a file shown once both have ended; the second (browser and security)
prints as it goes. Either half failing fails the command.

Why a supervisor rather than `pytest &` in the shell: the tests start servers (PHP's, decap-server,
`mkdocs serve`), Chromium and git, some in sessions of their own. When a half is stopped (Ctrl-C,
a failure, a kill), killing its pytest alone leaves them running, holding their ports. This process
is made a "child subreaper": whatever a half leaves behind, even in another session or orphaned,
stays its descendant. On Ctrl-C it passes the interruption to both halves (so pytest stops its
fixtures' servers itself), and once both halves have ended, it stops every descendant still alive
(SIGTERM, then SIGKILL after a grace period) and waits for each one.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import IO

FIRST = ("tests/sync", "tests/convert", "tests/site")
PR_SET_CHILD_SUBREAPER = 36
INTERRUPTED = 130


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", file=sys.stderr, flush=True)


def become_subreaper() -> bool:
    """Orphaned descendants become this process's children instead of init's (Linux only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def descendants(root: int | None = None) -> list[int]:
    """The live processes under `root` (this process by default), parents before their children."""
    root = os.getpid() if root is None else root
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        fields = stat.rpartition(")")[2].split()
        if len(fields) < 2 or fields[0] == "Z":
            continue  # a zombie is already dead: only its parent's wait remains
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: list[int] = []
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _reap() -> None:
    """Collect the exit status of every ended child (orphans handed to this subreaper included)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def stop_descendants(grace: float = 10.0) -> list[int]:
    """Stop every process still under this one and wait for them; the ones that needed SIGKILL."""
    left = descendants()
    for pid in left:
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while left and time.monotonic() < deadline:
        _reap()
        left = descendants()
        if left:
            time.sleep(0.05)
    stubborn = list(left)
    while left:
        for pid in left:
            _signal(pid, signal.SIGKILL)
        time.sleep(0.05)
        _reap()
        left = descendants()
    _reap()
    return stubborn


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, sig)


def run(first: Sequence[str], second: Sequence[str], *, first_name: str, grace: float = 10.0) -> int:
    """Run both commands at once (the first's output shown at the end); 0 when both succeed, 130 when
    interrupted, 1 otherwise. Nothing they started is left running when this returns."""
    become_subreaper()
    interrupted = False
    halves: list[subprocess.Popen[bytes]] = []

    def interrupt(signum: int, frame: FrameType | None) -> None:
        nonlocal interrupted
        # the first Ctrl-C asks both pytest sessions to stop (their fixtures stop their servers), a
        # SIGTERM or SIGHUP is passed on as SIGTERM; a second signal does not wait for them
        sig = signal.SIGKILL if interrupted else signal.SIGINT if signum == signal.SIGINT else signal.SIGTERM
        interrupted = True
        for half in halves:
            if half.returncode is None:
                with_group(half.pid, sig)

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    with tempfile.TemporaryFile() as log:
        codes = _run_halves(first, second, log, halves, lambda: interrupted, grace)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        say(f"Tests de {first_name}")
        log.seek(0)
        sys.stdout.flush()
        while chunk := log.read(1 << 16):
            sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
    if interrupted:
        say("Tests interrompus : plus aucun serveur ni navigateur lancé par les tests ne tourne")
        return INTERRUPTED
    if any(code != 0 for code in codes):
        first_code, second_code = (code if code is not None else "?" for code in codes)
        say(
            f"Échec : voir les erreurs ci-dessus (tests de {first_name} : code {first_code} ; "
            f"les autres : code {second_code})"
        )
        return 1
    say("Tous les tests ont réussi")
    return 0


def _run_halves(
    first: Sequence[str],
    second: Sequence[str],
    log: IO[bytes],
    halves: list[subprocess.Popen[bytes]],
    interrupted: Callable[[], bool],
    grace: float,
) -> list[int | None]:
    """Start both halves, wait for both, then stop whatever is left under this process."""
    try:
        # each half leads a process group of its own: a Ctrl-C reaches this process only, which
        # passes it on (and the halves' groups can be stopped whole)
        halves.append(subprocess.Popen(first, stdout=log, stderr=subprocess.STDOUT, process_group=0))
        halves.append(subprocess.Popen(second, process_group=0))
        if interrupted():  # a signal came before both halves had started
            for half in halves:
                with_group(half.pid, signal.SIGINT)
        while any(half.returncode is None for half in halves):
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            for half in halves:
                if half.pid == pid:
                    half.returncode = os.waitstatus_to_exitcode(status)
    finally:
        for half in halves:
            if half.returncode is None:
                with_group(half.pid, signal.SIGKILL)
        stop_descendants(grace)
    return [half.returncode for half in halves]


def with_group(pid: int, sig: signal.Signals) -> None:
    """Signal a half's whole process group (the half itself when its group is already gone)."""
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        _signal(pid, sig)


def main() -> int:
    python = sys.executable
    first = [python, "-m", "pytest", "-p", "no:cacheprovider", *FIRST]
    second = [python, "-m", "pytest", "tests", *(f"--ignore={path}" for path in FIRST)]
    say(f"Tests, en deux moitiés à la fois : {' '.join(FIRST)} (résultats affichés à la fin) et le reste")
    return run(first, second, first_name=" ".join(FIRST))


if __name__ == "__main__":
    sys.exit(main())
