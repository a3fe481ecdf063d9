# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What the benches share: a version of the project taken from git, run in its own process.

A bench script starts itself again as a worker (`--worker TREE REPO`) inside each tree; the worker
imports that tree's code, answers one JSON line when ready, then one JSON line per request.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
_V = TypeVar("_V", bound="Version")


class Version:
    """One version of the project, run by `script --worker TREE REPO` in its own process."""

    def __init__(self, label: str, tree: Path, script: str) -> None:
        self.label = label
        self.process = subprocess.Popen(
            [sys.executable, str(Path(script).resolve()), "--worker", str(tree), str(ROOT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=tree,
        )
        self.info = self.answer()

    def answer(self) -> dict[str, Any]:
        """The worker's next JSON line."""
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"la version {self.label} ne répond pas")
        return dict(json.loads(line))

    def ask(self, request: str) -> dict[str, Any]:
        """Send one request line, return its answer."""
        assert self.process.stdin is not None
        self.process.stdin.write(request + "\n")
        self.process.stdin.flush()
        return self.answer()

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)


def baseline_tree(rev: str, into: Path) -> Path | None:
    """The repository as it was at commit `rev`, or None when git does not know it."""
    known = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"],
        capture_output=True,
        text=True,
    )
    if known.returncode != 0:
        return None
    commit = known.stdout.strip()
    tree = into / commit
    # git writes the files itself, through an index of its own (tarfile's `filter=` is missing from
    # Debian bookworm's Python 3.11.2: extracting an archive safely there is not possible).
    env = {**os.environ, "GIT_INDEX_FILE": str(into / f"{commit}.index")}
    for args in (["read-tree", commit], ["checkout-index", "--all", f"--prefix={tree}/"]):
        subprocess.run(["git", "-C", str(ROOT), *args], env=env, check=True)
    return tree


def uptime() -> str:
    load = os.getloadavg()
    return f"{time.strftime('%H:%M:%S')}, charge {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (2 cœurs partagés)"


@contextmanager
def running(revisions: Iterable[str], make: Callable[[str, Path], _V]) -> Iterator[list[_V]]:
    """A version per git revision (those git does not know are said and left out), then this tree
    ("actuel"), each started by `make(label, tree)`; all closed and their trees removed at the end."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-"))
    versions: list[_V] = []
    try:
        for rev in revisions:
            tree = baseline_tree(rev, scratch)
            if tree is None:
                print(f"révision {rev} inconnue de git : ignorée")
                continue
            versions.append(make(rev, tree))
        versions.append(make("actuel", ROOT))
        yield versions
    finally:
        for version in versions:
            version.close()
        shutil.rmtree(scratch, ignore_errors=True)


@functools.cache
def support() -> Any:
    """tests/convert/support.py of this tree (the long real pages of the tests), read by its path: a
    worker has imported the `tests` and `sync` packages of the version it measures."""
    spec = importlib.util.spec_from_file_location("bench_support", ROOT / "tests" / "convert" / "support.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def two_sizes_parser(description: str, shapes: Iterable[str], n: int, limit: float) -> argparse.ArgumentParser:
    """The arguments of a bench that reads hostile shapes at n and 2n beside a baseline."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--n", type=int, default=n, help="répétitions de la petite taille (la grande : 2n)")
    parser.add_argument("--baseline", default="main", help="révision git à comparer")
    parser.add_argument("--only", action="append", choices=list(shapes), help="cette forme seulement (répétable)")
    parser.add_argument("--limit", type=float, default=limit, help="secondes au-delà desquelles 2n n'est pas mesuré")
    parser.add_argument("--worker", nargs=2, metavar=("TREE", "REPO"), help=argparse.SUPPRESS)
    return parser


def serve_timed(prepare: Callable[..., Callable[[], object]], outcomes: dict[type[BaseException], str]) -> int:
    """The worker of a two-sizes bench: for each request `[*row, n]` (a JSON line on stdin), the CPU time
    (`process_time`) of what `prepare(*row, n)` returns, its input made before the clock starts, and what
    came out: "ok", or the word `outcomes` gives for the exception it raised; one JSON line on stdout."""
    print(json.dumps({"ready": True}), flush=True)
    caught = tuple(outcomes)
    for line in sys.stdin:
        *row, n = json.loads(line)
        run = prepare(*row, n)
        start = time.process_time()
        try:
            run()
            outcome = "ok"
        except caught as error:
            outcome = next(word for kind, word in outcomes.items() if isinstance(error, kind))
        print(json.dumps({"seconds": time.process_time() - start, "outcome": outcome}), flush=True)
    return 0


def measure_two_sizes(
    script: str, args: argparse.Namespace, rows: Iterable[Sequence[str]], keys: Sequence[tuple[str, int]], cell: int
) -> int:
    """What a two-sizes bench prints (arguments of two_sizes_parser): its version and --baseline's, each
    run by `script --worker`; a line per row, each version's CPU time and outcome at n and 2n (2n not
    measured when n took more than --limit seconds). keys: the heading and width of each column that
    names the row; cell: the width of a measure."""
    print(f"début : {uptime()}")
    with running([args.baseline], lambda label, tree: Version(label, tree, script)) as versions:
        sizes = (args.n, 2 * args.n)
        head = " | ".join(f"{v.label + f' n={size}':>{cell}}" for v in versions for size in sizes)
        print(" | ".join(f"{heading:<{width}}" for heading, width in keys) + f" | {head}")
        for row in rows:
            cells = []
            for version in versions:
                for size in sizes:
                    answer = version.ask(json.dumps([*row, size]))
                    seconds = float(answer["seconds"])
                    cells.append(f"{seconds:.2f} s {answer['outcome']:>9}")
                    if size == args.n and seconds > args.limit:
                        cells.append("(non mesuré)")
                        break
            names = " | ".join(f"{name:<{width}}" for name, (_, width) in zip(row, keys, strict=True))
            print(f"{names} | " + " | ".join(f"{c:>{cell}}" for c in cells), flush=True)
    print(f"fin : {uptime()}")
    return 0
