# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Whether this tree's converter writes the same bytes as another version of it (a speed change must not
change any output).

Usage (from the repository root):
    .venv/bin/python bench/convert_same.py [REV]     (REV: by default main)

Converts, with this tree and with REV (taken from git), every page of docs/, every fixture of
tests/convert/fixtures/ and, when `../shared/corpora/` exists, its wikitext and Markdown cases (read
there, never copied): afresh both ways, with `base`/`local` unchanged, and with one paragraph changed
on the other side, as bench/convert.py does. Prints how many outputs differ (and the first ones);
exit code 1 when any differs. Errors count as outputs (their message).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from versions import ROOT, baseline_tree

CORPORA = next((p / "shared" / "corpora" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()), ROOT / "absent")


def outputs(tree: Path, repo: Path) -> dict[str, str]:
    """Digest of every conversion, by case name (run inside the version's own process)."""
    sys.path.insert(0, str(tree))
    spec = importlib.util.spec_from_file_location("bench_convert", Path(__file__).resolve().parent / "convert.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    edit_one_paragraph = bench.edit_one_paragraph  # the same edit as bench/convert.py

    from sync.convert import markdown_to_wikitext, wikitext_to_markdown
    from sync.sitemap import SiteMap

    site = SiteMap.from_repo(repo)
    docs = repo / "docs"
    md_cases = [(p.relative_to(docs).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(docs.rglob("*.md"))]
    fixtures = repo / "tests" / "convert" / "fixtures"
    md_cases += [(f"fixture/{p.name}", p.read_text(encoding="utf-8")) for p in sorted(fixtures.glob("*.md"))]
    wiki_cases = [(f"fixture/{p.name}", p.read_text(encoding="utf-8")) for p in sorted(fixtures.glob("*.wiki"))]
    for corpus in sorted(CORPORA.glob("*/cases.jsonl")) if CORPORA.is_dir() else []:
        for k, line in enumerate(corpus.read_text(encoding="utf-8").splitlines()):
            case = json.loads(line)
            name = f"{corpus.parent.name}/{k}"
            if case.get("kind") == "wikitext":
                wiki_cases.append((name, case["text"]))
            elif case.get("kind") == "markdown":
                md_cases.append((name, "---\ntitle: Cas\n---\n" + case["text"]))
    out: dict[str, str] = {}
    to_wiki, to_md = markdown_to_wikitext, wikitext_to_markdown

    def record(name: str, func: Callable[..., str], text: str, **kwargs: object) -> str | None:
        try:
            result = func(text, site=site, **kwargs)
        except Exception as exc:  # an error is an output too
            out[name] = f"{type(exc).__name__}: {exc}"
            return None
        out[name] = hashlib.sha256(result.encode()).hexdigest()
        return result

    path = "boite-a-outils/cas.md"
    for name, text in md_cases:
        where = name if name.endswith(".md") and not name.startswith("fixture/") else path
        wiki = record(f"md {name}", to_wiki, text, path=where)
        if wiki is None:
            continue
        record(f"md-base {name}", to_wiki, text, path=where, base=wiki)
        edited = edit_one_paragraph(text)
        record(f"md-edit {name}", to_wiki, edited, path=where, base=wiki)
        record(f"wiki {name}", to_md, wiki, title="Cas", path=where)
        record(f"wiki-local {name}", to_md, wiki, title="Cas", path=where, local=text)
        edited_wiki = record(f"md {name} (edited)", to_wiki, edited, path=where)
        if edited_wiki is not None:
            record(f"wiki-edit {name}", to_md, edited_wiki, title="Cas", path=where, local=text)
    for name, wiki in wiki_cases:
        md = record(f"w {name}", to_md, wiki, title="Cas", path=path)
        if md is None:
            continue
        record(f"w-local {name}", to_md, wiki, title="Cas", path=path, local=md)
        record(f"w-push {name}", to_wiki, md, path=path, base=wiki)
        record(f"w-edit-push {name}", to_wiki, edit_one_paragraph(md), path=path, base=wiki)
        added = wiki.rstrip("\n") + "\n\nUn paragraphe ajouté.\n"
        record(f"w-edit-pull {name}", to_md, added, title="Cas", path=path, local=md)
    return out


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        json.dump(outputs(Path(sys.argv[2]), Path(sys.argv[3])), sys.stdout)
        return 0
    if len(sys.argv) > 2 or sys.argv[1:2] in (["-h"], ["--help"]):
        print((__doc__ or "").strip())
        return 0 if sys.argv[1:2] in (["-h"], ["--help"]) else 2
    rev = sys.argv[1] if len(sys.argv) > 1 else "main"
    scratch = Path(tempfile.mkdtemp(prefix="convert-same-"))
    try:
        other = baseline_tree(rev, scratch)
        if other is None:
            print(
                f"convert_same.py : « {rev} » n'est pas une version connue de git (attendu : une branche, une étiquette ou un commit).",
                file=sys.stderr,
            )
            return 2
        found = {}
        for label, tree in ((rev, other), ("actuel", ROOT)):
            run = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--worker", str(tree), str(ROOT)],
                capture_output=True,
                text=True,
                cwd=tree,
            )
            if run.returncode != 0:
                print(run.stderr[-2000:], file=sys.stderr)
                return 2
            found[label] = json.loads(run.stdout)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    before, after = found[rev], found["actuel"]
    differ = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    print(f"{len(after)} conversions, {len(differ)} différentes de {rev}")
    for name in differ[:20]:
        print(f"  {name}: {before.get(name, '(absente)')[:80]} → {after.get(name, '(absente)')[:80]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
