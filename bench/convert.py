# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Pages per second of the Markdown ↔ wikitext converter, beside earlier versions of it and pandoc.

Usage (from the repository root):
    .venv/bin/python bench/convert.py [--seconds N] [--rounds R] [--baseline REV]... [--only SCENARIO]...
                                      [--profile] [--no-pandoc]

Converts the fiches of docs/boite-a-outils/ both ways: written afresh, then with `base` (push) and
`local` (pull) as the sync does, when nothing changed and when one paragraph changed on the other
side (what push and pull meet in practice). Each version of the converter runs in its own process
(this tree, and each `--baseline` revision taken from git, by default the end of the previous
round and the start of this one); the measures of all versions are interleaved in short slices,
round after round, so that the load of a shared machine falls on all of them alike; each figure is
the median of its rounds, in pages per second of CPU time (`process_time`). `--profile` samples the
stack of each version while it converts and prints where the time goes, by stage. pandoc (Debian
package `pandoc`, one subprocess per page, wall clock) is the outside reference. Figures only:
nothing is asserted. Each conversion starts as in a run: the headers read before it are forgotten,
except, for Markdown → wikitext, the header of the page itself, which a push reads when it looks at
the pages that changed (that reading is not counted: it is the push's, not the converter's); a pull
converts over a local page whose header it has not read. A change made for speed must not change any output: bench/convert_same.py
compares every output of this tree with another revision's (docs/, the fixtures, the corpora).
On a shared machine, compare the versions of one run rather than runs, and say the load printed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from versions import ROOT, Version, running, uptime

# f83156c: the converter at the end of the previous round (the baseline figures of issue 14);
# a6ca5e0: main when this session's speed pass started (wiki → Markdown at 326 pages/s, goal 500).
DEFAULT_BASELINES = ("f83156c", "a6ca5e0")
SCENARIOS = {
    "md": "Markdown → wikitexte",
    "md-base": "Markdown → wikitexte (avec base, rien changé)",
    "md-edit": "Markdown → wikitexte (avec base, 1 paragraphe)",
    "wiki": "wikitexte → Markdown",
    "wiki-local": "wikitexte → Markdown (avec local, rien changé)",
    "wiki-edit": "wikitexte → Markdown (avec local, 1 paragraphe)",
}
# Where the time goes: the first of these modules found on the stack, from the innermost frame.
STAGES = (
    ("mwparserfromhell", "wikitexte : analyse (mwparserfromhell)"),
    ("sync/convert/fasttree", "wikitexte : analyse (mwparserfromhell)"),
    ("sync/convert/mdinline", "Markdown : en ligne"),
    ("sync/convert/escape", "échappements"),
    ("sync/convert/md", "Markdown : blocs"),
    ("sync/convert/wikiinline", "wikitexte : en ligne"),
    ("sync/convert/quotes", "wikitexte : en ligne"),
    ("sync/convert/wiki", "wikitexte : blocs"),
    ("sync/convert/selective", "découpage et alignement"),
    ("sync/convert/segments", "découpage et alignement"),
    ("yaml", "en-tête (YAML)"),
    ("commons/frontmatter", "en-tête (YAML)"),
    ("sync/convert/frontmatter", "en-tête (YAML)"),
)


def edit_one_paragraph(page: str) -> str:
    """The page with one word added to its first paragraph line (a line that starts with a letter)."""
    lines = page.split("\n")
    body_start = lines.index("---", 1) + 1 if lines and lines[0] == "---" else 0
    for k in range(body_start, len(lines)):
        if lines[k][:1].isalpha():
            lines[k] += " (modifié)"
            break
    return "\n".join(lines)


# -- worker: one version of the converter, in its own process ---------------------------------------
def worker(tree: Path, repo: Path) -> int:
    """Measure on request (`scenario seconds [profile]` on stdin, one JSON answer a line on stdout)."""
    sys.path.insert(0, str(tree))
    from sync.convert import markdown_to_wikitext, wikitext_to_markdown
    from sync.sitemap import SiteMap

    site = SiteMap.from_repo(repo)
    docs = repo / "docs"
    fiches = [
        (p.relative_to(docs).as_posix(), p.read_text(encoding="utf-8"))
        for p in sorted((docs / "boite-a-outils").glob("*.md"))
        if p.name != "index.md"
    ]
    wikis = {path: markdown_to_wikitext(text, path=path, site=site) for path, text in fiches}
    edited = {path: edit_one_paragraph(text) for path, text in fiches}
    edited_wikis = {path: markdown_to_wikitext(edited[path], path=path, site=site) for path, _ in fiches}
    local = dict(fiches)
    jobs: dict[str, Callable[[str], object]] = {
        "md": lambda p: markdown_to_wikitext(local[p], path=p, site=site),
        "md-base": lambda p: markdown_to_wikitext(local[p], path=p, site=site, base=wikis[p]),
        "md-edit": lambda p: markdown_to_wikitext(edited[p], path=p, site=site, base=wikis[p]),
        "wiki": lambda p: wikitext_to_markdown(wikis[p], title="Fiche", site=site, path=p),
        "wiki-local": lambda p: wikitext_to_markdown(wikis[p], title="Fiche", site=site, path=p, local=local[p]),
        "wiki-edit": lambda p: wikitext_to_markdown(edited_wikis[p], title="Fiche", site=site, path=p, local=local[p]),
    }
    # The headers a run has read before it converts (commons/frontmatter.py remembers them): a push
    # reads the header of each page that changed when it looks at the pages, so its conversion finds
    # it read; a pull converts over local pages that did not change, whose headers it has not read.
    try:
        from commons import frontmatter
    except ImportError:  # the default baselines (f83156c…) had no commons/frontmatter.py
        frontmatter = None
    remembered = getattr(frontmatter, "_READ", None)  # absent from the earlier versions measured
    scanned = {"md": local, "md-base": local, "md-edit": edited}
    print(json.dumps({"pages": len(fiches), "size": sum(len(t) for _, t in fiches) / len(fiches)}), flush=True)
    for line in sys.stdin:
        scenario, seconds, *flags = line.split()
        job = jobs[scenario]
        sampler = _Sampler(tree) if flags else None
        done = 0
        scanning = 0.0  # the run's own reading of the headers, before the conversion: not counted
        start = time.process_time()
        while True:
            for path, _ in fiches:
                if remembered is not None:
                    remembered.clear()
                    if scenario in scanned:
                        if sampler is not None:
                            sampler.paused = True
                        before = time.process_time()
                        frontmatter.parse(scanned[scenario][path], path=f"docs/{path}")
                        scanning += time.process_time() - before
                        if sampler is not None:
                            sampler.paused = False
                job(path)
            done += len(fiches)
            elapsed = time.process_time() - start - scanning
            if elapsed >= float(seconds):
                break
        answer: dict[str, Any] = {"rate": done / elapsed}
        if sampler is not None:
            answer["stages"] = sampler.stop()
        print(json.dumps(answer), flush=True)
    return 0


class _Sampler:
    """A small sampling profiler: the main thread's stack every millisecond, counted by stage.

    Sampling rather than cProfile, whose cost per Python call would inflate the pure-Python
    stages against the C tokenizer.
    """

    def __init__(self, tree: Path) -> None:
        self.tree = str(tree)
        self.counts: Counter[str] = Counter()
        self.main = threading.main_thread().ident
        self.running = True
        self.paused = False  # while the run's own reading of a header is done (not the converter's)
        sys.setswitchinterval(0.0005)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while self.running:
            if not self.paused:
                frame = sys._current_frames().get(self.main or 0)
                self.counts[self._stage(frame)] += 1
            time.sleep(0.001)

    def _stage(self, frame: Any) -> str:
        outer = frame
        while outer is not None:  # the Markdown converted back to check it counts as the check
            if outer.f_code.co_name == "_lines_not_coming_back" and "sync/convert/verify" in outer.f_code.co_filename:
                return "contrôle du retour (verify)"
            outer = outer.f_back
        while frame is not None:
            name = frame.f_code.co_filename.replace(self.tree + "/", "")
            for marker, stage in STAGES:
                if marker in name:
                    return stage
            frame = frame.f_back
        return "autre"

    def stop(self) -> dict[str, float]:
        self.running = False
        self.thread.join()
        total = sum(self.counts.values()) or 1
        return {stage: n / total for stage, n in self.counts.most_common()}


# -- main: start the versions, interleave their measures, print -------------------------------------
class ConverterVersion(Version):
    """A version of the converter and its measures, by scenario."""

    def __init__(self, label: str, tree: Path) -> None:
        super().__init__(label, tree, __file__)
        self.rates: dict[str, list[float]] = {s: [] for s in SCENARIOS}
        self.stages: dict[str, dict[str, float]] = {}

    def measure(self, scenario: str, seconds: float, profile: bool = False) -> None:
        answer = self.ask(f"{scenario} {seconds}{' profile' if profile else ''}")
        if profile:
            self.stages[scenario] = answer["stages"]
        else:
            self.rates[scenario].append(answer["rate"])


def main() -> int:
    parser = argparse.ArgumentParser(description="Débit du convertisseur Markdown ↔ wikitexte.")
    parser.add_argument("--seconds", type=float, default=6.0, help="temps CPU de chaque mesure, en tout")
    parser.add_argument("--rounds", type=int, default=5, help="tours entrelacés (médiane)")
    parser.add_argument("--baseline", action="append", default=None, help="révision git à comparer (répétable)")
    parser.add_argument("--profile", action="store_true", help="où va le temps, par étape")
    parser.add_argument("--no-pandoc", action="store_true", help="sans la référence pandoc")
    parser.add_argument(
        "--only", action="append", choices=list(SCENARIOS), help="ne mesurer que ce scénario (répétable)"
    )
    parser.add_argument("--worker", nargs=2, metavar=("TREE", "REPO"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(Path(args.worker[0]), Path(args.worker[1]))
    print(f"début : {uptime()}")
    revisions = args.baseline if args.baseline is not None else DEFAULT_BASELINES
    with running(revisions, ConverterVersion) as versions:
        info = versions[-1].info
        print(f"{info['pages']} fiches de docs/boite-a-outils, {info['size']:.0f} caractères en moyenne")
        slice_seconds = args.seconds / args.rounds
        scenarios = args.only or list(SCENARIOS)
        for turn in range(args.rounds):
            for scenario in scenarios:
                order = versions if turn % 2 == 0 else versions[::-1]
                for version in order:
                    version.measure(scenario, slice_seconds)
        if args.profile:
            for scenario in scenarios:
                for version in versions:
                    version.measure(scenario, max(2.0, slice_seconds), profile=True)
        report(versions, args.profile, scenarios)
    print(f"fin : {uptime()}")
    if not args.no_pandoc:
        pandoc_reference()
    return 0


def report(versions: list[ConverterVersion], profile: bool, scenarios: list[str]) -> None:
    width = max(len(label) for label in SCENARIOS.values())
    head = " | ".join(f"{v.label:>9}" for v in versions)
    print(f"{'pages/s (temps CPU, médiane)':<{width}} | {head}")
    print(f"{'-' * width}-|-" + "-|-".join("-" * 9 for _ in versions))
    for scenario in scenarios:
        label = SCENARIOS[scenario]
        cells = " | ".join(f"{statistics.median(v.rates[scenario]):9.0f}" for v in versions)
        print(f"{label:<{width}} | {cells}")
    if not profile:
        return
    for scenario in scenarios:
        print(f"\noù va le temps — {SCENARIOS[scenario]} (part des échantillons)")
        stages = sorted({s for v in versions for s in v.stages.get(scenario, {})})
        for stage in stages:
            cells = " | ".join(f"{100 * v.stages.get(scenario, {}).get(stage, 0):8.0f} %" for v in versions)
            print(f"  {stage:<{width - 2}} | {cells}")


def pandoc_reference() -> None:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc absent (paquet Debian « pandoc ») : pas de référence.")
        return
    sys.path.insert(0, str(ROOT))
    from sync.convert import markdown_to_wikitext
    from sync.convert.frontmatter import split_page
    from sync.sitemap import SiteMap

    site = SiteMap.from_repo(ROOT)
    docs = ROOT / "docs" / "boite-a-outils"
    pages = [(p, p.read_text(encoding="utf-8")) for p in sorted(docs.glob("*.md")) if p.name != "index.md"]
    rel = [(p.relative_to(ROOT / "docs").as_posix(), text) for p, text in pages]
    bodies = [split_page(text, path=path).body for path, text in rel]
    wikis = [markdown_to_wikitext(text, path=path, site=site) for path, text in rel]

    def rate(source: str, target: str, texts: list[str]) -> float:
        start = time.perf_counter()
        for text in texts:
            subprocess.run([pandoc, "-f", source, "-t", target], input=text, capture_output=True, text=True, check=True)
        return len(texts) / (time.perf_counter() - start)

    print("référence pandoc (un sous-processus par page, temps réel) :")
    print(f"  Markdown → wikitexte : {rate('markdown', 'mediawiki', bodies):6.1f} pages/s")
    print(f"  wikitexte → Markdown : {rate('mediawiki', 'markdown', wikis):6.1f} pages/s")


if __name__ == "__main__":
    sys.exit(main())
