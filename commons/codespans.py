# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Where Python-Markdown sees code spans in a text, found in one pass (the site's checks and the push).

Its own pattern takes a time that grows with the cube of a run of backticks never closed: a
member's line of 1,000 backticks after a letter kept the link check busy for 7 s.
"""

from __future__ import annotations

import bisect
import re

_TICKS = re.compile(r"`+")


def code_spans(text: str) -> list[tuple[int, int, int, int]]:
    """Each code span of `text` as (start, end of its opening, start of its closing, end), the spans
    Python-Markdown's pattern `(?<!\\)(`+)(.+?)(?<!`)\1(?!`)` (DOTALL) finds from left to right.

    The pattern itself takes a time that grows with the cube of a run of backticks never closed (a
    member's line of 2,000 took 20 s): this reads the same spans in one pass over the runs. From a run
    of n backticks, the pattern opens with the most backticks k <= n for which a later run of exactly k
    exists (its closing: the first such run); none: no span starts in that run. A backslash before the
    run keeps its first backtick out (n - 1 then). tests/convert/test_convert_hostile.py compares both.
    """
    runs = [(m.start(), m.end() - m.start()) for m in _TICKS.finditer(text)]
    plan: list[tuple[int, int, int] | None] = [None] * len(runs)  # (backticks left out, size, closing run)
    nearest: dict[int, int] = {}  # size -> the nearest later run of that size
    sizes: list[int] = []  # the sizes of the later runs, sorted
    for r in range(len(runs) - 1, -1, -1):
        start, size = runs[r]
        skip = 1 if start and text[start - 1] == "\\" else 0
        k = bisect.bisect_right(sizes, size - skip)
        if k:
            plan[r] = (skip, sizes[k - 1], nearest[sizes[k - 1]])
        if size not in nearest:
            bisect.insort(sizes, size)
        nearest[size] = r
    spans = []
    r = 0
    while r < len(runs):
        found = plan[r]
        if found is None:
            r += 1
            continue
        skip, size, closing = found
        start = runs[r][0] + skip
        spans.append((start, start + size, runs[closing][0], runs[closing][0] + size))
        r = closing + 1
    return spans


def without_code_spans(text: str) -> str:
    """`text` with its code spans (see code_spans) removed."""
    out, pos = [], 0
    for start, _, _, end in code_spans(text):
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return "".join(out)
