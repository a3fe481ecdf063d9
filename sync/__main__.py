# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Entry point for `python -m sync`."""

import gc
import os
import sys

# The cyclic garbage collector runs after every 700 new container objects, and each tenth run
# goes through every object still alive: loading the sync (about 360 modules) and reading the
# pages made it run about 80 times over the same, still-used, objects, for nothing (2 % of the
# instructions of a push of 10 pages: callgrind, with bench-like pages). It now runs after every
# 100,000: still often enough to free the rare reference cycles of a long run (a first push of
# every page), so memory stays bounded. The converter pauses it during each conversion anyway.
gc.set_threshold(100_000, 50, 10)

from sync.cli import main  # noqa: E402 - after the collector's setting, which covers these imports

code = main()
# The interpreter's teardown frees every module and object one by one: for a small push that
# is about a tenth of the command's CPU time, spent after its work is done. Nothing is left to
# it: files are written and closed in `with` blocks and git processes waited for (a thread
# still building the converter after a failed login only reads). So the output is flushed and
# the process ends at once, with the command's exit code.
# A profiler or a coverage tool (sys.setprofile, sys.settrace) writes its report at exit: then
# the interpreter ends as usual.
if sys.getprofile() is not None or sys.gettrace() is not None:
    sys.exit(code)
try:
    sys.stdout.flush()
    sys.stderr.flush()
except (OSError, ValueError):  # a closed or broken stdout: let Python's own exit report it
    sys.exit(code)
os._exit(code)
