# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Kill a sync run right after its k-th git command or HTTP request, deterministically.

Two counters share one file: a `git` wrapper put first on the run's PATH
counts each git command when it has finished (then `kill -9` its parent, the
sync, when it is the k-th), and the fault proxy counts each HTTP request once
the real wiki has answered it (then kills the sync before passing the answer
on: the wiki did the work, the sync never heard of it). So every step of a
run can be interrupted in turn, k = 1, 2, … until the run completes, without
timing anything.

The run itself is a forked copy of the test process (modules already
imported: a few milliseconds instead of a Python start-up per kill point).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import threading
from pathlib import Path

from devtools.wikiproxy import WikiProxy
from sync.cli import main
from tests.sync.conftest import FIXED_ENV, SiteRepo

_WRAPPER = """#!/bin/sh
"$MOVILAB_REAL_GIT" "$@"
status=$?
if [ -n "$MOVILAB_KILL_COUNTER" ]; then
  n=$(flock "$MOVILAB_KILL_COUNTER.lock" sh -c 'n=$(( $(cat "$1") + 1 )); echo $n > "$1.new"; mv "$1.new" "$1"; echo $n' sh "$MOVILAB_KILL_COUNTER")
  if [ "$n" = "$MOVILAB_KILL_AT" ]; then kill -9 $PPID; fi
fi
exit $status
"""


class KillPoints:
    """`run(site, argv, k)`: the sync killed after its k-th git command or HTTP request (None), or its exit code."""

    def __init__(self, folder: Path, proxy: WikiProxy) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.counter = folder / "events"
        self.counter.write_text("0")
        (folder / "bin").mkdir(exist_ok=True)
        wrapper = folder / "bin" / "git"
        wrapper.write_text(_WRAPPER)
        wrapper.chmod(0o755)
        self.bin = folder / "bin"
        self.real_git = shutil.which("git") or "/usr/bin/git"
        self.proxy = proxy
        self.k = 0
        self.events = 0  # events counted in the last run
        self._pid = 0
        self._started = threading.Event()
        proxy.after = self._after_request

    def _tick(self) -> int:
        with open(f"{self.counter}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            count = int(self.counter.read_text() or 0) + 1
            fresh = self.counter.with_name(self.counter.name + ".new")
            fresh.write_text(str(count))
            fresh.replace(self.counter)  # whole: the harness reads it without the lock
            return count

    def _after_request(self, _seen: str) -> bool:
        """Count a request the wiki answered; at the k-th, kill the sync and drop the answer."""
        if not self.k or not self._started.wait(10) or self._pid <= 0:
            return False
        if self._tick() == self.k:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            return True
        return False

    def run(self, site: SiteRepo, argv: list[str], k: int) -> int | None:
        self.counter.write_text("0")
        self.k = k
        self._pid = 0
        self._started.clear()
        env = {
            **FIXED_ENV,
            **site.env,
            "MOVILAB_SYNC_ROOT": str(site.path),
            "MOVILAB_API": site.api_url,
            "PATH": f"{self.bin}:{os.environ.get('PATH', '')}",
            "MOVILAB_REAL_GIT": self.real_git,
            "MOVILAB_KILL_COUNTER": str(self.counter),
            "MOVILAB_KILL_AT": str(k),
        }
        pid = os.fork()
        if pid == 0:  # the run: a copy of this process, killed or exiting without cleaning up
            code = 70
            try:
                os.environ.update(env)
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 1)
                os.dup2(null, 2)
                code = main(list(argv))
            finally:
                os._exit(code)
        self._pid = pid
        self._started.set()
        watchdog = threading.Timer(120, lambda: os.kill(pid, signal.SIGKILL))  # a hung run fails, never hangs
        watchdog.start()
        try:
            _, status = os.waitpid(pid, 0)
        finally:
            watchdog.cancel()
            self.k = 0
        self.events = int(self.counter.read_text() or 0)
        return None if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
