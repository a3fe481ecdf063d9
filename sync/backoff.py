# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""When and how long to wait before trying a request again.

Kept apart from the HTTP code (as mwclient keeps its `sleep.py`) so the policy
is one small thing to read: the server's `Retry-After` wins when it is given;
otherwise waits double from `base` up to `cap`; and the whole retry budget is
bounded both in attempts and in total seconds, so a sick wiki makes the sync
stop with an error instead of hanging a CI job.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Bounded exponential backoff honouring Retry-After."""

    attempts: int = 6
    base: float = 0.5
    cap: float = 30.0
    total: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = field(default=lambda: random.uniform(0.0, 0.25))  # noqa: S311
    waited: float = 0.0
    tries: int = 0

    def next_wait(self, retry_after: str | None) -> float | None:
        """Seconds to wait before the next try, or None when the budget is spent."""
        self.tries += 1
        if self.tries >= self.attempts:
            return None
        wait = _parse_retry_after(retry_after)
        if wait is None:
            wait = min(self.cap, self.base * (2 ** (self.tries - 1))) + self.jitter()
        wait = min(wait, self.cap)
        if self.waited + wait > self.total:
            return None
        return wait

    def wait(self, retry_after: str | None) -> bool:
        """Sleep before the next try; False when no try is left."""
        seconds = self.next_wait(retry_after)
        if seconds is None:
            return False
        self.waited += seconds
        self.sleep(seconds)
        return True


def _parse_retry_after(value: str | None) -> float | None:
    """Retry-After in seconds; HTTP dates are rare from MediaWiki and read as 'unknown'."""
    if not value:
        return None
    try:
        return max(0.0, float(value.strip()))
    except ValueError:
        return None
