# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""How much the site's hooks add to a build, on a generated 1000-page site in a real git repository.

Prints the best-of-N wall time of `mkdocs build` with the project's hooks and of
the same site without them, and their ratio (goal: at most 1.10). The plain build
keeps what a Material site has without our hooks, its own search plugin included:
the search hook (Pagefind) replaces it, so the goal's ratio counts what the French
search costs beyond Material's. The ratio to a build with no search at all (what
this bench measured between the Pagefind change and 2 December) is printed too. Runs are
interleaved so that a noisy neighbour slows both sides alike; the CPU time of
each build (user + system, much steadier than wall time on a shared machine) and
the load average are printed too.

    .venv/bin/python bench/build.py [--pages 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from commons.config import load_yaml  # noqa: E402

AUTHORS = [("Alice Martin", "alice"), ("Bob Durand", "bob"), ("Chloé Petit", "chloe"), ("Driss Amrani", "driss")]
THEMES = ["gouvernance", "économie", "animation", "numérique", "formation", "territoire"]


def _git(repo: Path, *args: str, author: tuple[str, str] = AUTHORS[0], date: str = "2025-01-01T10:00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author[0],
        "GIT_AUTHOR_EMAIL": f"{author[1]}@example.org",
        "GIT_COMMITTER_NAME": author[0],
        "GIT_COMMITTER_EMAIL": f"{author[1]}@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def make_site(root: Path, pages: int) -> None:
    rng = random.Random(42)
    docs = root / "docs"
    (docs / "boite-a-outils").mkdir(parents=True)
    (docs / "sources.yml").write_text("essai:\n  titre: Document d'essai\n", encoding="utf-8")
    (docs / "index.md").write_text("# Accueil\n\nBienvenue.\n", encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    per_commit = max(1, pages // 40)
    for start in range(0, pages, per_commit):
        for n in range(start, min(pages, start + per_commit)):
            themes = rng.sample(THEMES, 2)
            body = "\n\n".join(
                f"## Partie {k}\n\nUn paragraphe de la fiche {n}, avec un [lien](fiche-{(n + 1) % pages:04d}.md) "
                "et du texte pour que la page ressemble à une vraie fiche de la boîte à outils.\n\n"
                "- un point\n- un autre point\n"
                for k in range(4)
            )
            (docs / "boite-a-outils" / f"fiche-{n:04d}.md").write_text(
                f"---\ntitle: Fiche {n}\ndescription: Une fiche générée pour la mesure.\n"
                f"thèmes: [{', '.join(themes)}]\npublic: [tous]\nsources: [essai]\n---\n\n# Fiche {n}\n\n{body}",
                encoding="utf-8",
            )
        author = AUTHORS[(start // per_commit) % len(AUTHORS)]
        _git(root, "add", "-A", author=author)
        _git(
            root,
            "commit",
            "-q",
            "-m",
            f"Add pages from {start}",
            author=author,
            date=f"2025-02-{1 + start % 27:02d}T10:00:00",
        )


# What a Material site searches with when our search hook does not replace it (mkdocs.yml had
# it, with French stemming, until hooks/search.py).
MATERIAL_SEARCH = {"search": {"lang": "fr"}}


def write_config(root: Path, *, hooks: bool, material_search: bool = False, name: str = "") -> Path:
    config = load_yaml(ROOT / "mkdocs.yml")
    config["hooks"] = [str(ROOT / h) for h in config.get("hooks", [])] if hooks else []
    if material_search:
        config["plugins"] = [MATERIAL_SEARCH, *config.get("plugins", [])]
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    # Tags come from front matter `thèmes` through the tags plugin either way.
    name = name or ("with-hooks" if hooks else "without-hooks")
    path = root / f"{name}.yml"
    config["docs_dir"] = "docs"
    config["site_dir"] = str(root / f"site-{name}")
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(config: Path, cpu: list[float] | None = None) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if cpu is not None:
        cpu.append(_children_cpu() - before)
    if done.returncode != 0:
        sys.exit(f"la construction a échoué ({config.name}) :\n{done.stderr[-3000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sides = {
        "sans": "sans les hooks (base)",
        "nue": "sans hooks ni recherche",
        "avec": "avec les hooks",
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_site(root, args.pages)
        configs = {
            "avec": write_config(root, hooks=True),
            "sans": write_config(root, hooks=False, material_search=True),
            "nue": write_config(root, hooks=False, name="without-search"),
        }
        build(configs["avec"])  # warm caches (disk, bytecode) before measuring
        times: dict[str, list[float]] = {key: [] for key in sides}
        cpu: dict[str, list[float]] = {key: [] for key in sides}
        load = os.getloadavg()
        for _ in range(args.runs):
            for key in ("sans", "nue", "avec"):
                times[key].append(build(configs[key], cpu[key]))
    print(f"site généré : {args.pages} pages dans un dépôt git, {args.runs} constructions de chaque côté")
    print(
        "base : mkdocs.yml sans les hooks, avec la recherche de Material (que la recherche Pagefind des hooks remplace)"
    )
    print(
        "charge moyenne (1, 5, 15 min) avant / après : "
        + " / ".join(", ".join(f"{x:.2f}" for x in values) for values in (load, os.getloadavg()))
    )
    print(f"{'':26}{'meilleur':>10}{'médiane':>10}{'CPU min':>10}")
    for key, label in sides.items():
        values = sorted(times[key])
        print(f"{label:26}{values[0]:>9.2f}s{values[len(values) // 2]:>9.2f}s{min(cpu[key]):>9.2f}s")
    ratio = min(times["avec"]) / min(times["sans"])
    print(f"rapport avec/sans : {ratio:.3f} (objectif ≤ 1.10) {'OK' if ratio <= 1.10 else 'TROP LENT'}")
    cpu_ratio = min(cpu["avec"]) / min(cpu["sans"])
    print(f"rapport avec/sans en temps CPU : {cpu_ratio:.3f} {'OK' if cpu_ratio <= 1.10 else 'TROP LENT'}")
    print(f"temps CPU ajouté par les hooks : {min(cpu['avec']) - min(cpu['sans']):.2f} s")
    print(f"rapport avec/sans hooks ni recherche, en temps CPU : {min(cpu['avec']) / min(cpu['nue']):.3f}")


if __name__ == "__main__":
    main()
