# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What the user sees: one line per page, a summary table, a progress bar on a terminal.

Colour and the progress bar only when writing to a terminal, and never when
NO_COLOR is set (https://no-color.org): CI logs stay plain text.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TextIO

OK, WARN, FAIL = "ok", "attention", "échec"
_COLOURS = {OK: "\033[32m", WARN: "\033[33m", FAIL: "\033[31m"}


@dataclass
class Row:
    title: str
    path: str
    status: str
    level: str = OK


@dataclass
class Report:
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    rows: list[Row] = field(default_factory=list)

    @property
    def colour(self) -> bool:
        return self.out.isatty() and "NO_COLOR" not in os.environ

    def add(self, title: str, path: str | None, status: str, level: str = OK) -> None:
        self.rows.append(Row(title, f"docs/{path}" if path else "—", status, level))

    def note(self, message: str) -> None:
        print(message, file=self.out)

    @property
    def failed(self) -> bool:
        return any(row.level == FAIL for row in self.rows)

    def table(self, empty: str) -> None:
        if not self.rows:
            print(empty, file=self.out)
            return
        headers = ("Page Movilab", "Fichier", "État")
        widths = [
            max(len(headers[0]), *(len(r.title) for r in self.rows)),
            max(len(headers[1]), *(len(r.path) for r in self.rows)),
        ]
        print(f"{headers[0]:<{widths[0]}}  {headers[1]:<{widths[1]}}  {headers[2]}", file=self.out)
        print(f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * 20}", file=self.out)
        for row in self.rows:
            status = row.status
            if self.colour:
                status = f"{_COLOURS[row.level]}{status}\033[0m"
            print(f"{row.title:<{widths[0]}}  {row.path:<{widths[1]}}  {status}", file=self.out)
        counts = {level: sum(1 for r in self.rows if r.level == level) for level in (OK, WARN, FAIL)}
        print(
            f"\n{len(self.rows)} page(s) : {counts[OK]} ok, {counts[WARN]} à vérifier, "
            f"{counts[FAIL]} en échec ou en conflit.",
            file=self.out,
        )


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.label = label
        self.done = 0
        self.enabled = total > 5 and self.stream.isatty()

    def step(self) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            filled = width * self.done // max(self.total, 1)
            bar = "#" * filled + "." * (width - filled)
            end = "\n" if self.done >= self.total else ""
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}{end}")
            self.stream.flush()
