# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Instructions run by `python -m sync push` of k pages (of N), for this tree beside a baseline commit.

CPU seconds measured on the shared 2-core machine move by ±10 % with the load; the number
of instructions the sync's own process runs (valgrind's callgrind, git children left out)
moves by less than 0.1 % from run to run, so a change of 1 % can be told from noise while
other people's tests run. Both trees push the same pages to the same local wiki (started
here, as in bench/sync.py), with the same venv; only the sync's sources differ (the
baseline's are taken with `git archive`). One push of each is run first, unmeasured (it
writes the bytecode caches), then --repeat measured pushes of each, alternately.

    .venv/bin/python bench/push_instructions.py [--baseline main] [--pages 300] [--changed 10] [--repeat 1]

Under valgrind a push takes about a minute; the wiki's answers come slower, which changes
nothing to the count. Requires valgrind (a Debian package).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)

from bench.sync import Converter, git, make_site, ours, page_text, sync_env  # noqa: E402
from devtools.sandbox import BOT_USER, Sandbox  # noqa: E402


def instructions(tree: Path, repo: Path, env: dict[str, str], out: Path) -> int:
    """Instructions of one push run from the sources in `tree` (callgrind's total)."""
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-m", "sync", "push"]
    result = subprocess.run(command, cwd=repo, env={**env, "PYTHONPATH": str(tree)}, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"python -m sync push : {result.stdout}{result.stderr[-2000:]}")
    for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("summary:"):
            return int(line.split()[1])
    raise RuntimeError("callgrind n'a pas écrit de total")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="commit dont les sources servent de référence")
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind est introuvable : installez le paquet Debian valgrind.", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="bench-push-instr-"))
    sandbox = Sandbox(workdir=work / "wiki", seed=False, workers=4)
    try:
        base = work / "baseline"
        base.mkdir()
        archive = subprocess.run(
            ["git", "archive", args.baseline, "sync", "commons"], cwd=ROOT, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive.stdout, check=True)
        sandbox.start()
        api = sandbox.api_url
        titles = [f"Fiche banc {i}" for i in range(args.pages)]
        repo = work / "site"
        files = make_site(repo, api, sandbox.pages_url, titles)
        converter = Converter(repo)
        wiki_text = {t: converter.to_wiki(files[t].read_text(), path=files[t].name, base=None) for t in titles}
        sandbox.import_pages(wiki_text, user=BOT_USER)
        env = sync_env(repo, api, sandbox.user, sandbox.password)
        ours(repo, api, sandbox.user, sandbox.password, "pull")
        counts: dict[str, list[int]] = {"ce dépôt": [], f"référence ({args.baseline})": []}
        trees = dict(zip(counts, (ROOT, base), strict=True))
        for rep in range(args.repeat + 1):
            for name, tree in trees.items():
                for i, title in enumerate(titles[: args.changed]):
                    files[title].write_text(page_text(title, i, f" ({name} {rep})"), encoding="utf-8")
                git(repo, "commit", "-q", "-am", f"{name} {rep}")
                if rep == 0:  # bytecode caches written, pages on the wiki as the other tree left them
                    ours(repo, api, sandbox.user, sandbox.password, "push", tree=tree)
                else:
                    counts[name].append(instructions(tree, repo, env, work / "callgrind.out"))
        print(f"push de k={args.changed} pages sur {args.pages} : instructions du processus de la synchro (callgrind)")
        ref = min(counts[f"référence ({args.baseline})"])
        for name, values in counts.items():
            best = min(values)
            print(f"  {name:<28} {best / 1e6:9.1f} M  ({best / ref:.3f} × la référence ; {len(values)} mesure(s))")
        print(f"charge moyenne : {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return 0
    finally:
        sandbox.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
