# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Pages per second of the Markdown ↔ wikitext converter, beside pandoc as a baseline.

Usage (from the repository root): .venv/bin/python bench/convert.py [--seconds N]

Converts every page of docs/ (typical fiches) in one process, both ways, and
prints pages/s: written afresh, then with `base` (push) and `local` (pull) as
the sync does, both when nothing changed and when one paragraph changed. The baseline runs pandoc through a subprocess per page, as a
sync tool built on pandoc would, when `pandoc` is installed (Debian package
`pandoc`). Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync.convert import markdown_to_wikitext, wikitext_to_markdown  # noqa: E402
from sync.convert.frontmatter import split_page  # noqa: E402
from sync.sitemap import SiteMap  # noqa: E402


def rate(work: list[tuple[str, str]], convert, seconds: float, clock=time.process_time) -> float:  # type: ignore[no-untyped-def]
    """Pages per second over at least `seconds` of repeated passes.

    In-process conversions are timed in CPU time of this process (`process_time`), so that
    other work on the machine does not lower the figure; pandoc is timed by the wall clock.
    """
    done = 0
    start = clock()
    while True:
        for path, text in work:
            convert(path, text)
        done += len(work)
        elapsed = clock() - start
        if elapsed >= seconds:
            return done / elapsed


def edit_one_paragraph(page: str) -> str:
    """The page with one word added to its first paragraph line (a line that starts with a letter)."""
    lines = page.split("\n")
    body_start = lines.index("---", 1) + 1 if lines and lines[0] == "---" else 0
    for k in range(body_start, len(lines)):
        if lines[k][:1].isalpha():
            lines[k] += " (modifié)"
            break
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="Débit du convertisseur Markdown ↔ wikitexte.")
    parser.add_argument("--seconds", type=float, default=3.0, help="durée minimale de chaque mesure")
    args = parser.parse_args()
    site = SiteMap.from_repo(ROOT)
    docs = ROOT / "docs"
    pages = [(p.relative_to(docs).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(docs.rglob("*.md"))]
    fiches = [(path, text) for path, text in pages if path.startswith("boite-a-outils/") and "index" not in path]
    work = fiches or pages
    wikis = [(path, markdown_to_wikitext(text, path=path, site=site)) for path, text in work]
    size = sum(len(text) for _, text in work) / len(work)
    print(
        f"{len(work)} fiches de docs/, {size:.0f} caractères en moyenne ; charge de la machine : "
        f"{os.getloadavg()[0]:.1f}"
    )

    to_wiki = rate(work, lambda path, text: markdown_to_wikitext(text, path=path, site=site), args.seconds)
    to_md = rate(
        wikis, lambda path, text: wikitext_to_markdown(text, title="Fiche", site=site, path=path), args.seconds
    )
    base_work = [(w[0], (text, w[1])) for (path, text), w in zip(work, wikis, strict=True)]
    to_wiki_base = rate(
        base_work, lambda path, pair: markdown_to_wikitext(pair[0], path=path, site=site, base=pair[1]), args.seconds
    )
    md_texts = {path: text for path, text in work}
    to_md_local = rate(
        wikis,
        lambda path, text: wikitext_to_markdown(text, title="Fiche", site=site, path=path, local=md_texts[path]),
        args.seconds,
    )
    # what push and pull meet in practice: one paragraph changed on one side since the last sync
    edited = [(path, edit_one_paragraph(text)) for path, text in work]
    edited_base = [(path, (e, w[1])) for (path, e), w in zip(edited, wikis, strict=True)]
    to_wiki_edit = rate(
        edited_base, lambda path, pair: markdown_to_wikitext(pair[0], path=path, site=site, base=pair[1]), args.seconds
    )
    edited_wikis = [(path, markdown_to_wikitext(e, path=path, site=site)) for path, e in edited]
    to_md_edit = rate(
        edited_wikis,
        lambda path, text: wikitext_to_markdown(text, title="Fiche", site=site, path=path, local=md_texts[path]),
        args.seconds,
    )
    print(f"Markdown → wikitexte                          : {to_wiki:6.0f} pages/s")
    print(f"Markdown → wikitexte (avec base, rien changé) : {to_wiki_base:6.0f} pages/s")
    print(f"Markdown → wikitexte (avec base, 1 paragraphe): {to_wiki_edit:6.0f} pages/s")
    print(f"wikitexte → Markdown                          : {to_md:6.0f} pages/s")
    print(f"wikitexte → Markdown (avec local, rien changé): {to_md_local:6.0f} pages/s")
    print(f"wikitexte → Markdown (avec local, 1 paragraphe): {to_md_edit:5.0f} pages/s")

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc absent (paquet Debian « pandoc ») : pas de référence.")
        return 0

    def run_pandoc(source: str, target: str, text: str) -> None:
        subprocess.run([pandoc, "-f", source, "-t", target], input=text, capture_output=True, text=True, check=True)

    bodies = [(path, split_page(text, path=path).body) for path, text in work]
    wall = time.perf_counter
    base_wiki = rate(bodies, lambda _p, text: run_pandoc("markdown", "mediawiki", text), args.seconds, wall)
    base_md = rate(wikis, lambda _p, text: run_pandoc("mediawiki", "markdown", text), args.seconds, wall)
    print("référence pandoc (un sous-processus par page, temps réel) :")
    print(f"  Markdown → wikitexte : {base_wiki:6.0f} pages/s   (rapport : × {to_wiki / base_wiki:.0f})")
    print(f"  wikitexte → Markdown : {base_md:6.0f} pages/s   (rapport : × {to_md / base_md:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
