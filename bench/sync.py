# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Requests and wall time of the Movilab sync beside its baselines, on one local wiki of N pages.

Baselines, run against the same wiki through the same counting proxy:
- mediawiki-sync 1.2.2 (8 threads), installed into a throw-away venv (it needs
  Python >= 3.13, looked for on PATH and under pyenv) and never into the
  project's requirements; a baseline that cannot be installed is reported as
  such instead of a number;
- with --naive, the obvious loop: pandoc converts each page, mwclient reads
  and saves it (about five minutes: 1500 pandoc processes and requests).

Both tools must do the same work for the times to compare: each figure comes
with the number of revisions the run created, read from the wiki's database.
The machine is shared, so wall times are noisy: the small scenarios are
repeated (--repeat, ours and the baseline alternately), their median is shown
with the CPU time of the tool's own processes (user + system, much steadier
under load), and the load average is printed before and after. Python may
write its bytecode cache for both tools, as it does for any user
(PYTHONDONTWRITEBYTECODE, when set, is dropped): otherwise every run of ours
would compile all of the sync's sources again while the baseline, installed by
pip, has them compiled.

    .venv/bin/python bench/sync.py [--pages 300] [--changed 10] [--repeat 3] [--naive] [--requests]

The script lives in bench/ next to no package called `sync`, but Python puts the
script's folder first on sys.path, so it is replaced by the repository root.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)

from devtools.sandbox import BOT_USER, Sandbox  # noqa: E402
from devtools.wikiproxy import WikiProxy  # noqa: E402
from sync.mirror import Converter  # noqa: E402

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Alice Martin",
    "GIT_AUTHOR_EMAIL": "alice@example.org",
    "GIT_COMMITTER_NAME": "Alice Martin",
    "GIT_COMMITTER_EMAIL": "alice@example.org",
    "NO_COLOR": "1",
}


@dataclass
class Figure:
    """One scenario for one tool: requests and revisions of the last run, times of every run."""

    requests: int | None = None
    revisions: int | None = None
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    wiki_cpu: list[float] = field(default_factory=list)
    first: list[float] = field(default_factory=list)  # seconds from the start to the first request
    note: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    def cell(self) -> str:
        if self.requests is None:
            return self.note or "—"
        cpu = statistics.median(self.cpu) if self.cpu else float("nan")
        wiki = statistics.median(self.wiki_cpu) if self.wiki_cpu else float("nan")
        first = f", 1re {statistics.median(self.first):4.2f}" if self.first else " " * 10
        return f"{self.requests:>4} req {self.revisions:>3} rév {self.wall:6.2f} s (CPU {cpu:4.2f} + wiki {wiki:4.2f}{first})"


class Meter:
    """Measures one run: requests at the counting proxy, revisions in the wiki's database, times."""

    def __init__(self, counter: WikiProxy, database: Path, server: int) -> None:
        self.counter = counter
        self.database = database
        self.server = server  # process group of the wiki's PHP server and its workers
        self.started = self.ended = 0.0  # the last measured run, on the proxy's clock (time.monotonic)

    def wiki_cpu(self) -> float:
        """CPU seconds the wiki's PHP processes have used so far: what each tool's requests cost it."""
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == self.server:  # pgrp; utime and stime follow at 11 and 12
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def revisions(self) -> int:
        with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=30) as db:
            return int(db.execute("SELECT COUNT(*) FROM revision").fetchone()[0])

    def measure(self, figure: Figure, action: Callable[[], object]) -> Figure:
        before, revisions = self.counter.count, self.revisions()
        children, wiki = resource.getrusage(resource.RUSAGE_CHILDREN), self.wiki_cpu()
        self.started = time.monotonic()  # the proxy's clock, for sent()
        started = time.perf_counter()
        action()
        self.ended = time.monotonic()
        figure.seconds.append(time.perf_counter() - started)
        figure.wiki_cpu.append(self.wiki_cpu() - wiki)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        figure.cpu.append(after.ru_utime - children.ru_utime + after.ru_stime - children.ru_stime)
        figure.requests = self.counter.count - before
        figure.revisions = self.revisions() - revisions
        if figure.requests:
            figure.first.append(self.counter.times[before] - self.started)
        return figure

    def sent(self, since: int) -> list[str]:
        """What each request of the last measured run asked (action and parameter names, never values),
        with where its time went: the tool's own time before sending it, then the wiki's (at the proxy)."""
        lines = [f"{'départ':>7} {'outil':>6} {'wiki':>6}  {'requête':<24} {'corps':>8}  paramètres"]
        last, tool_time, wiki_time = self.started, 0.0, 0.0
        for index in range(since, self.counter.count):
            path, _, body = self.counter.requests[index].partition("\n")
            arrived = self.counter.times[index]
            answered = self.counter.answered.get(index, arrived)
            params = dict(parse_qsl(urlsplit(path).query)) | dict(parse_qsl(body))
            names = sorted(k for k in params if k not in ("action", "format"))
            what = params.get("action", "?") + (f" {params['meta']}" if "meta" in params else "")
            lines.append(
                f"{arrived - self.started:7.3f} {arrived - last:6.3f} {answered - arrived:6.3f}  "
                f"{what:<24} {len(body):>6} o  {' '.join(names)}"
            )
            tool_time, wiki_time, last = tool_time + arrived - last, wiki_time + answered - arrived, answered
        tool_time += self.ended - last
        lines.append(
            f"total : {self.ended - self.started:.3f} s, dont {tool_time:.3f} s dans l'outil (avant chaque requête "
            f"et après la dernière) et {wiki_time:.3f} s d'attente du wiki"
        )
        return lines


def tool_env(extra: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, **GIT_ENV, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def body(i: int, version: str = "") -> str:
    return (
        f"## Contexte {i}\n\nCette fiche {i}{version} décrit une pratique du réseau, avec **du gras**, "
        f"*de l'italique* et [un lien](https://example.org/{i}).\n\n- premier point\n- second point\n\n"
        f"Un dernier paragraphe pour la page {i}."
    )


def page_text(title: str, i: int, version: str = "") -> str:
    return f"---\ntitle: {title}\nmovilab: {title}\n---\n\n{body(i, version)}\n"


# -- ours ---------------------------------------------------------------------------
def sync_env(repo: Path, api: str, user: str, password: str) -> dict[str, str]:
    """What `python -m sync` reads from the environment, for the repository `repo` and the wiki `api`."""
    return tool_env(
        {"MOVILAB_SYNC_ROOT": str(repo), "MOVILAB_API": api, "MOVILAB_USER": user, "MOVILAB_PASSWORD": password}
    )


def ours(repo: Path, api: str, user: str, password: str, *argv: str, tree: Path = ROOT) -> None:
    """`python -m sync ARGV` in `repo`, with the sync's code taken from `tree` (this checkout by default)."""
    env = {**sync_env(repo, api, user, password), "PYTHONPATH": str(tree)}
    result = subprocess.run([sys.executable, "-m", "sync", *argv], cwd=repo, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"python -m sync {' '.join(argv)} : {result.stdout}{result.stderr}")


# -- baseline 1: pandoc + mwclient ---------------------------------------------------
def pandoc(text: str, src: str, dst: str) -> str:
    return subprocess.run(
        ["pandoc", "-f", src, "-t", dst], input=text, capture_output=True, text=True, check=True
    ).stdout


def naive_site(api: str, user: str, password: str):
    import mwclient

    host = api.split("//", 1)[1].split("/", 1)[0]
    site = mwclient.Site(host, path="/", scheme="http")
    site.login(user, password)
    return site


def naive_pull(api: str, user: str, password: str, titles: list[str], out: Path) -> None:
    site = naive_site(api, user, password)
    for i, title in enumerate(titles):
        text = site.pages[title].text()
        (out / f"page-{i:04}.md").write_text(pandoc(text, "mediawiki", "gfm"), encoding="utf-8")


def naive_push(api: str, user: str, password: str, files: dict[str, Path]) -> None:
    site = naive_site(api, user, password)
    for title, file in files.items():
        text = re.sub(r"\A---\n.*?\n---\n", "", file.read_text(encoding="utf-8"), flags=re.S)
        wikitext = pandoc(text, "markdown", "mediawiki")
        page = site.pages[title]
        if page.text().strip() != wikitext.strip():
            page.save(wikitext, summary="pandoc + mwclient")


# -- baseline 2: mediawiki-sync 1.2.2 -------------------------------------------------
def find_python313() -> str | None:
    for name in ("python3.14", "python3.13"):
        found = shutil.which(name)
        if (
            found
            and subprocess.run(
                [found, "-c", "import sys; sys.exit(sys.version_info < (3, 13))"], capture_output=True, check=False
            ).returncode
            == 0
        ):
            return found
    pyenv = Path.home() / ".pyenv" / "versions"
    for candidate in sorted(pyenv.glob("3.1[3-9]*/bin/python3"), reverse=True):
        return str(candidate)
    return None


def install_mediawiki_sync(where: Path) -> tuple[Path | None, str]:
    python = find_python313()
    if python is None:
        return None, "non installable : mediawiki-sync 1.2.2 exige Python >= 3.13, absent de cette machine"
    venv = where / "venv-mediawiki-sync"
    steps = [[python, "-m", "venv", str(venv)], [str(venv / "bin" / "pip"), "install", "-q", "mediawiki-sync==1.2.2"]]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            return None, f"non installable : {result.stderr.strip().splitlines()[-1:]}"
    return venv / "bin" / "mw-sync", ""


def mwsync(tool: Path, api: str, user: str, password: str, directory: Path, *args: str) -> None:
    result = subprocess.run(
        [
            str(tool),
            "--lang",
            "en",
            "--url",
            api,
            "--wiki-user",
            user,
            "--wiki-password",
            password,
            "--dir",
            str(directory),
            "--no-images",
            "--yes",
            *args,
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=tool_env({}),
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"mw-sync {' '.join(args)} : {result.stdout[-500:]}{result.stderr[-500:]}")


# -- the run --------------------------------------------------------------------------
COLD = "pull à froid (N pages changées, N commits)"
ADOPT = "première synchro (adoption)"
STATUS, NOOP_PUSH, NOOP_PULL = "status sans changement", "push sans changement", "pull sans changement"
FIRST = "premier push de N pages nouvelles"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each small scenario (median shown)")
    parser.add_argument("--naive", action="store_true", help="also run pandoc + mwclient (slow)")
    parser.add_argument("--no-first-push", action="store_true", help="skip the first push of N new pages")
    parser.add_argument(
        "--requests", action="store_true", help="list what each tool sends for the push of k, and when (every run)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    sandbox = Sandbox(workdir=work / "wiki", seed=False, workers=4)
    try:
        return run(work, sandbox, args)
    finally:
        sandbox.stop()
        shutil.rmtree(work, ignore_errors=True)


def load() -> str:
    return "charge moyenne (1, 5, 15 min) : " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def make_site(repo: Path, api: str, pages_url: str, titles: list[str]) -> dict[str, Path]:
    (repo / "docs").mkdir(parents=True)
    (repo / "mkdocs.yml").write_text(
        f"site_name: Banc\nsite_url: https://example.org/\nextra:\n  movilab:\n    api: {api}\n    pages: {pages_url}\n",
        encoding="utf-8",
    )
    files = {}
    for i, title in enumerate(titles):
        files[title] = repo / "docs" / f"page-{i:04}.md"
        files[title].write_text(page_text(title, i), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pages")
    return files


def run(work: Path, sandbox: Sandbox, args: argparse.Namespace) -> int:
    n, k = args.pages, args.changed
    sandbox.start()
    counter = WikiProxy(sandbox.base_url)
    meter = Meter(counter, sandbox.workdir / "data" / "my_wiki.sqlite", sandbox.server_pid)
    api, user, password = counter.url + "/api.php", sandbox.user, sandbox.password
    titles = [f"Fiche banc {i}" for i in range(n)]
    repo = work / "site"
    files = make_site(repo, api, sandbox.pages_url, titles)
    converter = Converter(repo)
    # Pages an earlier sync created (its bot wrote them) and whose state was lost: the first pull takes them
    # back. A page someone else wrote is never taken silently (it must be imported: README).
    sandbox.import_pages(
        {t: converter.to_wiki(files[t].read_text(), path=files[t].name, base=None) for t in titles}, user=BOT_USER
    )

    def sync(*argv: str) -> Callable[[], None]:
        return lambda: ours(repo, api, user, password, *argv)

    push_k = f"push de k={k} pages"
    rows: dict[str, dict[str, Figure]] = {
        name: {"ours": Figure()} for name in (COLD, ADOPT, STATUS, NOOP_PUSH, NOOP_PULL, push_k)
    }
    print(f"Banc de synchronisation : {n} pages, {k} modifiées, wiki local {sandbox.api_url}", flush=True)
    print(load(), flush=True)

    # ours: first sync (adopts identical pages), then every wiki page edited, pulled cold
    meter.measure(rows[ADOPT]["ours"], sync("pull"))
    time.sleep(1.1)  # imported revisions must be newer than the adopted ones
    sandbox.import_pages(
        {
            t: converter.to_wiki(page_text(t, i, " (revue)"), path=files[t].name, base=None)
            for i, t in enumerate(titles)
        },
        user="Sacha",
    )
    state = repo / ".movilab-sync.json"
    state.write_text(re.sub(r'"cursor": "[^"]*"', '"cursor": ""', state.read_text()))
    git(repo, "commit", "-q", "-am", "forget the cursor: cold pull")
    (repo / ".git" / "movilab-sync-cursor.json").unlink(missing_ok=True)
    meter.measure(rows[COLD]["ours"], sync("pull"))

    if args.naive:
        naive(meter, rows, api, user, password, titles, files, work, k, push_k)

    tool, why = install_mediawiki_sync(work)
    mdir = work / "mwsync"
    if tool is None:
        for row in rows.values():
            row["mwsync"] = Figure(note=why)
    else:
        for name in (COLD, NOOP_PUSH, NOOP_PULL, push_k):
            rows[name]["mwsync"] = Figure()
        meter.measure(rows[COLD]["mwsync"], lambda: mwsync(tool, api, user, password, mdir, "--download"))

    # The small scenarios, repeated; ours and the baseline take turns going first. Each tool edits
    # its own k pages (ours the first ones, the baseline the last ones), and the other tool takes
    # those edits in, unmeasured, before the no-op runs, so that they really have nothing to do.
    def mine_edit(rep: int) -> None:
        for i, title in enumerate(titles[:k]):
            files[title].write_text(page_text(title, i, f" (revue {rep + 2} fois)"), encoding="utf-8")
        git(repo, "commit", "-q", "-am", f"k pages, run {rep}")

    def their_edit(rep: int) -> None:
        for file in mdir.glob("*.md"):
            number = re.search(r"(\d+)\.md$", file.name)
            if number and int(number.group(1)) >= n - k:
                text = file.read_text(encoding="utf-8")
                file.write_text(text + f"\nUne ligne ajoutée ({rep}).\n", encoding="utf-8")

    def catch_up() -> None:
        if tool is not None:
            mwsync(tool, api, user, password, mdir, "--download")

    def steps(side: str, rep: int) -> tuple[list, list]:
        """(the push of k, preceded by its edit and followed by the other tool catching up), (the no-ops)"""
        if side == "ours":
            return [
                (None, lambda: mine_edit(rep)),
                (push_k, sync("push")),
                (None, catch_up),
            ], [(STATUS, sync("status")), (NOOP_PUSH, sync("push")), (NOOP_PULL, sync("pull"))]
        assert tool is not None
        return [
            (None, lambda: their_edit(rep)),
            (push_k, lambda: mwsync(tool, api, user, password, mdir, "--upload")),
            (None, sync("pull")),
        ], [
            (NOOP_PUSH, lambda: mwsync(tool, api, user, password, mdir, "--upload")),
            (NOOP_PULL, lambda: mwsync(tool, api, user, password, mdir, "--download")),
        ]

    sides = ["ours"] + (["mwsync"] if tool is not None else [])
    for rep in range(args.repeat):
        order = sides if rep % 2 == 0 else sides[::-1]
        plan = [steps(side, rep) for side in order]
        for side, (pushes, _) in zip(order, plan, strict=True):
            for name, action in pushes:
                if name is None:
                    action()
                    continue
                since = counter.count
                meter.measure(rows[name][side], action)
                if args.requests:
                    title = f"Requêtes de « {push_k} », {side}, exécution {rep + 1}"
                    print(f"\n{title} :\n  " + "\n  ".join(meter.sent(since)), flush=True)
        for side, (_, noops) in zip(order, plan, strict=True):
            for name, action in noops:
                meter.measure(rows[name][side], action)

    if not args.no_first_push:
        new_titles = [f"Fiche neuve {i}" for i in range(n)]
        fresh = work / "site-neuf"
        make_site(fresh, api, sandbox.pages_url, new_titles)
        rows[FIRST] = {"ours": Figure()}
        meter.measure(rows[FIRST]["ours"], lambda: ours(fresh, api, user, password, "push"))
    floors = start_floors(tool, args.repeat)
    counter.close()
    print(load(), flush=True)
    return report(rows, n, k, floors)


def naive(meter: Meter, rows, api, user, password, titles, files, work: Path, k: int, push_k: str) -> None:
    naive_dir = work / "naive"
    naive_dir.mkdir()
    rows[COLD]["naive"] = meter.measure(Figure(), lambda: naive_pull(api, user, password, titles, naive_dir))
    rows[NOOP_PUSH]["naive"] = meter.measure(Figure(), lambda: naive_push(api, user, password, files))
    for i, title in enumerate(titles[:k]):
        files[title].write_text(page_text(title, i, " (revue par pandoc)"), encoding="utf-8")
    rows[push_k]["naive"] = meter.measure(Figure(), lambda: naive_push(api, user, password, files))


def start_floors(tool: Path | None, repeat: int) -> dict[str, float]:
    """Median wall time of each tool's interpreter loading only its HTTP client, nothing else.

    No tool can send its first request sooner. Ours talks to the wiki through mwclient, hence
    requests and urllib3; mediawiki-sync 1.2.2 through its own client over urllib, on its
    newer Python. The two runs alternate, as the scenarios do.
    """
    # ours as the sync loads it: without the three packages sync/wiki.py leaves out (OAuth and the rest)
    commands = {"ours": [sys.executable, "-c", "from sync.wiki import _import_mwclient; _import_mwclient()"]}
    if tool is not None:
        commands["mwsync"] = [str(tool.parent / "python"), "-c", "import mw_sync.client"]
    times: dict[str, list[float]] = {side: [] for side in commands}
    for _ in range(max(repeat, 5)):
        for side, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, env=tool_env({"PYTHONPATH": str(ROOT)}))
            times[side].append(time.perf_counter() - start)
    return {side: statistics.median(values) for side, values in times.items()}


def report(rows: dict[str, dict[str, Figure]], n: int, k: int, floors: dict[str, float] | None = None) -> int:
    width = 62
    head = f"{'scénario':<44} {'python -m sync':>{width}}   {'mediawiki-sync 1.2.2':>{width + 7}}"
    if any("naive" in row for row in rows.values()):
        head += f"   {'pandoc + mwclient':>{width + 7}}"
    print()
    print(head)
    print("-" * len(head))
    for name, row in rows.items():
        mine = row["ours"]
        cells = [f"{name:<44}", f"{mine.cell():>{width}}"]
        for key in ("mwsync", "naive"):
            other = row.get(key)
            if other is None:
                cells.append(f"{'(sans objet)':>{width + 7}}")
            elif other.requests is None:
                cells.append(f"  {other.note}")
            else:
                ratio = other.wall / mine.wall if mine.seconds else float("nan")
                cells.append(f"{other.cell():>{width}} ×{ratio:5.2f}")
        print("   ".join(cells).rstrip())
    print(
        "×r : temps médian de la référence divisé par celui de python -m sync (1 ou plus : la synchro est au moins "
        "aussi rapide) ; rév : révisions créées sur le wiki par une exécution ; CPU : secondes de calcul des "
        "processus de l'outil (utilisateur + système), wiki : celles des processus PHP du wiki, 1re : secondes "
        "écoulées avant sa première requête, médianes"
    )
    bounds = {
        COLD: 12,
        STATUS: 3,
        NOOP_PUSH: 3,
        NOOP_PULL: 3,
        f"push de k={k} pages": k + math.ceil(n / 50) + 3,
        FIRST: n + math.ceil(n / 50) + 3,
    }
    print("\nBornes et objectifs du ticket :")
    ok = True
    for name, bound in bounds.items():
        if name not in rows:
            continue
        made = rows[name]["ours"].requests or 0
        good = made <= bound
        ok &= good
        print(f"  {name:<44} {made:>4} requêtes (borne {bound}) {'respectée' if good else 'DÉPASSÉE'}")
    for name in (f"push de k={k} pages", NOOP_PUSH, NOOP_PULL, COLD):
        theirs = rows[name].get("mwsync")
        if theirs and theirs.seconds:
            mine = rows[name]["ours"]
            good = mine.wall <= theirs.wall
            ok &= good
            same = mine.revisions == theirs.revisions
            print(
                f"  {name:<44} pas plus lent que mediawiki-sync : {'oui' if good else 'NON'} "
                f"(×{theirs.wall / mine.wall:.2f}) ; même travail : "
                f"{'oui' if same else 'NON'} ({mine.revisions} et {theirs.revisions} révisions)"
            )
            if mine.first and theirs.first:
                print(
                    f"  {'':<44} première requête après {statistics.median(mine.first):.3f} s contre "
                    f"{statistics.median(theirs.first):.3f} s ; CPU {statistics.median(mine.cpu):.3f} s contre "
                    f"{statistics.median(theirs.cpu):.3f} s (médianes)"
                )
    if floors and "mwsync" in floors:
        print(
            f"\nPlancher de démarrage (Python puis le seul module qui parle au wiki, médianes) : "
            f"{floors['ours']:.3f} s pour python -m sync (mwclient, requests et urllib3, chargés comme il le fait), "
            f"{floors['mwsync']:.3f} s pour mediawiki-sync (import mw_sync.client : urllib, sous Python 3.13 "
            "ou plus). Aucun des deux ne peut envoyer sa première requête avant."
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
