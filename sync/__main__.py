# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Entry point for `python -m sync`."""

import os
import sys

from sync.cli import main

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
