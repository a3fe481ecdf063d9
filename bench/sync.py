# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Requests and wall time of the Movilab sync beside two baselines, on one local wiki of N pages.

Baselines, run against the same wiki through the same counting proxy:
- the obvious loop: pandoc converts each page, mwclient reads and saves it;
- mediawiki-sync 1.2.2 (8 threads), installed into a throw-away venv (it needs
  Python >= 3.13, looked for on PATH and under pyenv) and never into the
  project's requirements.
A baseline that cannot be installed is reported as such instead of a number.

    .venv/bin/python bench/sync.py [--pages 300] [--changed 10]

The script lives in bench/ next to no package called `sync`, but Python puts the
script's folder first on sys.path, so it is replaced by the repository root.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)

from devtools.sandbox import Sandbox  # noqa: E402
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
    requests: int | None = None
    seconds: float | None = None
    note: str = ""

    def cell(self) -> str:
        if self.requests is None:
            return self.note or "—"
        return f"{self.requests:>5} req {self.seconds:6.2f} s"


def measure(counter: WikiProxy, action) -> Figure:
    before = counter.count
    started = time.perf_counter()
    action()
    return Figure(counter.count - before, time.perf_counter() - started)


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
def ours(repo: Path, api: str, user: str, password: str, *argv: str) -> None:
    env = {
        **os.environ,
        **GIT_ENV,
        "MOVILAB_SYNC_ROOT": str(repo),
        "MOVILAB_API": api,
        "MOVILAB_USER": user,
        "MOVILAB_PASSWORD": password,
        "PYTHONPATH": str(ROOT),
    }
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
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"mw-sync {' '.join(args)} : {result.stdout[-500:]}{result.stderr[-500:]}")


# -- the run --------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--changed", type=int, default=10)
    args = parser.parse_args()
    n, k = args.pages, args.changed
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    sandbox = Sandbox(workdir=work / "wiki", seed=False, workers=4)
    try:
        return run(work, sandbox, n, k)
    finally:
        sandbox.stop()
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, sandbox: Sandbox, n: int, k: int) -> int:
    sandbox.start()
    counter = WikiProxy(sandbox.base_url)
    api, user, password = counter.url + "/api.php", sandbox.user, sandbox.password
    titles = [f"Fiche banc {i}" for i in range(n)]

    repo = work / "site"
    (repo / "docs").mkdir(parents=True)
    (repo / "mkdocs.yml").write_text(
        f"site_name: Banc\nsite_url: https://example.org/\nextra:\n  movilab:\n"
        f"    api: {api}\n    pages: {sandbox.pages_url}\n",
        encoding="utf-8",
    )
    files = {}
    for i, title in enumerate(titles):
        files[title] = repo / "docs" / f"page-{i:04}.md"
        files[title].write_text(page_text(title, i), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pages")
    converter = Converter(repo)
    sandbox.import_pages({t: converter.to_wiki(files[t].read_text(), path=files[t].name, base=None) for t in titles})

    rows: dict[str, dict[str, Figure]] = {}
    print(f"Banc de synchronisation : {n} pages, {k} modifiées, wiki local {sandbox.api_url}", flush=True)

    # ours: first sync (adopts identical pages), then every wiki page edited, pulled cold
    adopt = measure(counter, lambda: ours(repo, api, user, password, "pull"))
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
    cache = repo / ".git" / "movilab-sync-cursor.json"
    cache.unlink(missing_ok=True)
    rows["pull à froid (N pages changées, N commits)"] = {
        "ours": measure(counter, lambda: ours(repo, api, user, password, "pull"))
    }
    rows["première synchro (adoption)"] = {"ours": adopt}
    for name, argv in (
        ("status sans changement", ["status"]),
        ("push sans changement", ["push"]),
        ("pull sans changement", ["pull"]),
    ):
        rows[name] = {"ours": measure(counter, lambda argv=argv: ours(repo, api, user, password, *argv))}
    for i, title in enumerate(titles[:k]):
        files[title].write_text(page_text(title, i, " (revue deux fois)"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "k pages")
    rows[f"push de k={k} pages"] = {"ours": measure(counter, lambda: ours(repo, api, user, password, "push"))}

    # baseline 1: pandoc + mwclient
    naive_dir = work / "naive"
    naive_dir.mkdir()
    rows["pull à froid (N pages changées, N commits)"]["naive"] = measure(
        counter, lambda: naive_pull(api, user, password, titles, naive_dir)
    )
    rows["push sans changement"]["naive"] = measure(counter, lambda: naive_push(api, user, password, files))
    for i, title in enumerate(titles[:k]):
        files[title].write_text(page_text(title, i, " (revue trois fois)"), encoding="utf-8")
    rows[f"push de k={k} pages"]["naive"] = measure(counter, lambda: naive_push(api, user, password, files))

    # baseline 2: mediawiki-sync
    tool, why = install_mediawiki_sync(work)
    if tool is None:
        for row in rows.values():
            row["mwsync"] = Figure(note=why)
    else:
        mdir = work / "mwsync"
        rows["pull à froid (N pages changées, N commits)"]["mwsync"] = measure(
            counter, lambda: mwsync(tool, api, user, password, mdir, "--download")
        )
        rows["pull sans changement"]["mwsync"] = measure(
            counter, lambda: mwsync(tool, api, user, password, mdir, "--download")
        )
        rows["push sans changement"]["mwsync"] = measure(
            counter, lambda: mwsync(tool, api, user, password, mdir, "--upload")
        )
        changed = sorted(mdir.rglob("*.md"))[:k]
        for file in changed:
            file.write_text(file.read_text(encoding="utf-8") + "\nUne ligne ajoutée.\n", encoding="utf-8")
        rows[f"push de k={k} pages"]["mwsync"] = measure(
            counter, lambda: mwsync(tool, api, user, password, mdir, "--upload")
        )
    counter.close()
    return report(rows, n, k)


def report(rows: dict[str, dict[str, Figure]], n: int, k: int) -> int:
    head = f"{'scénario':<44} {'python -m sync':>20}   {'pandoc + mwclient':>28}   {'mediawiki-sync 1.2.2':>28}"
    print(head)
    print("-" * len(head))
    legend = (
        "×r : temps de la référence divisé par celui de python -m sync (au-dessus de 1, la synchro est plus rapide)"
    )
    for name, row in rows.items():
        mine = row["ours"]
        cells = [f"{name:<44}", f"{mine.cell():>20}"]
        for key in ("naive", "mwsync"):
            other = row.get(key)
            if other is None:
                cells.append(f"{'(sans objet)':>28}")
            elif other.requests is None:
                cells.append(f"  {other.note}")
            else:
                ratio = other.seconds / mine.seconds if mine.seconds else float("nan")
                cells.append(f"{other.cell():>18} ×{ratio:5.1f}")
        print("   ".join(cells))
    print(legend)
    bounds = {
        "pull à froid (N pages changées, N commits)": 12,
        "status sans changement": 3,
        "push sans changement": 3,
        "pull sans changement": 3,
        f"push de k={k} pages": k + math.ceil(n / 50) + 3,
    }
    print("\nBornes du ticket :")
    ok = True
    for name, bound in bounds.items():
        made = rows[name]["ours"].requests or 0
        good = made <= bound
        ok &= good
        print(f"  {name:<44} {made:>4} requêtes (borne {bound}) {'respectée' if good else 'DÉPASSÉE'}")
    cold = rows["pull à froid (N pages changées, N commits)"]
    if cold.get("mwsync") and cold["mwsync"].seconds is not None:
        faster = (cold["ours"].seconds or 0) < cold["mwsync"].seconds
        ok &= faster
        print(f"  pull à froid plus rapide que mediawiki-sync : {'oui' if faster else 'NON'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
