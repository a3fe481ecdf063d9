# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""How long a pull takes on hostile wiki pages, at two sizes, beside another version of the converter.

Usage (from the repository root):
    .venv/bin/python bench/hostile.py [--n N] [--baseline REV] [--only SHAPE]... [--limit SECONDS]

Anyone can edit Movilab: a page made of thousands of openings never closed (`{{a|`, `<b x`,
`[[a|`…) or of a list that cannot become a Markdown list made the pull quadratic (a page of
4,000 unclosed `{{a|` took 14 s, `<b x` repeated 4,000 times 27 s, and twice the size four times
as long). Each shape is converted wiki → Markdown at n and 2n repetitions, by this tree and by REV
(main by default), each in its own process; the figure is CPU time (`process_time`) of one
conversion, and what came out: "ok" (converted), "refusée" (the French refusal of a page that is
too costly to read). A linear shape takes about twice as long at 2n; a quadratic one four times.
A version that takes more than --limit seconds at n is not measured at 2n. Figures only: nothing
is asserted (tests/convert/test_convert_hostile.py checks the outputs at small sizes). The last shapes
are long pages of real tags (unclosed `<p>`, `<pre>` of code) that must be converted, not refused.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from versions import measure_two_sizes, serve_timed, support, two_sizes_parser


def _paragraph() -> str:
    return str(support().PARAGRAPH)


def _arduino() -> str:
    return str(support().ARDUINO)


# name -> the page at n repetitions
SHAPES: dict[str, Callable[[int], str]] = {
    "liste finie par *:": lambda n: "* a\n" * n + "*: b\n",
    "liste alternant * et *:": lambda n: "* a\n*: b\n" * n,
    "liste à sauts de niveau": lambda n: "* a\n*** b\n" * n,
    "liste imbriquée finie par *:": lambda n: "".join("*" * (1 + k % 5) + " a\n" for k in range(n)) + "*:\n",
    "termes ; / : finis par ;": lambda n: ";a\n:b\n" * n + ";c\n",
    "termes ; sans définition": lambda n: ";a\n;b\n" * n,
    "{{a| jamais fermés": lambda n: "{{a|\n" * n,
    "{{a| sur une ligne": lambda n: "x {{a| " * n,
    "{{{a| jamais fermés": lambda n: "{{{a|\n" * n,
    "[[a| jamais fermés": lambda n: "[[a|b " * n,
    "[[a|{{b| jamais fermés": lambda n: "[[a|{{b|" * n,
    "[http://a jamais fermés": lambda n: "x [http://a " * n,
    "<b x sans >": lambda n: "<b x\n" * n,
    '<span title=" sans fin': lambda n: '<span title="' * n,
    "<b> jamais fermées": lambda n: "<b>x\n" * n,
    "<ref> jamais fermées": lambda n: "<ref>x\n" * n,
    "<!-- jamais fermés": lambda n: "<!-- a\n" * n,
    "{| jamais fermés": lambda n: "{|\n" * n,
    "tableau de n lignes": lambda n: "{|\n" + "|-\n| a || b\n" * n + "|}\n",
    "ligne de n cellules": lambda n: "{|\n|" + " a ||" * n + "\n|}\n",
    "ligne de n =": lambda n: "=" * n + "\n",
    "n titres": lambda n: "== a ==\n" * n,
    "ligne de n '": lambda n: "a" + "'" * n + "b\n",
    "''a''' n fois": lambda n: "''a'''b " * n + "\n",
    "n espaces": lambda n: "a" + " " * n + "b\n",
    "n préformatés": lambda n: " a\n" * n,
    "n paragraphes": lambda n: "a\n" * n,
    "n liens": lambda n: "[[a]] " * n + "\n",
    "n notes": lambda n: "a<ref>b</ref>" * n + "\n",
    # long real pages that must convert (about 100 KB at n=2000): tags the tokenizer reads fast
    "n/16 <p> jamais fermés (réel)": lambda n: ("<p>" + _paragraph()) * (n // 16),
    "n/16 <div style> jamais fermés (réel)": lambda n: ('<div style="color:red">' + _paragraph()) * (n // 16),
    "n/16 <pre> de code x<y (réel)": lambda n: ("<pre>if (x<y && y<z) return;</pre>\n" + _paragraph()) * (n // 16),
    "n/200 code Arduino i<n (réel)": lambda n: (_paragraph() * 33 + _arduino()) * (n // 200),
}


def worker(tree: Path, repo: Path) -> int:
    """Convert on request (`[shape, n]` on stdin, one JSON answer a line on stdout)."""
    sys.path.insert(0, str(tree))
    from sync.convert import wikitext_to_markdown
    from sync.errors import ConversionError
    from sync.sitemap import SiteMap

    site = SiteMap.from_repo(repo)

    def pull(name: str, n: int) -> Callable[[], object]:
        text = SHAPES[name](n)
        return lambda: wikitext_to_markdown(text, title="Page hostile", site=site, path="page-hostile.md")

    return serve_timed(pull, {ConversionError: "refusée"})


def main() -> int:
    parser = two_sizes_parser("Temps d'une récupération sur des pages wiki hostiles.", SHAPES, 2000, 10.0)
    args = parser.parse_args()
    if args.worker:
        return worker(Path(args.worker[0]), Path(args.worker[1]))
    rows = [(name,) for name in args.only or SHAPES]
    width = max(len(name) for name in SHAPES)
    return measure_two_sizes(__file__, args, rows, [("forme (temps CPU, issue)", width)], 22)


if __name__ == "__main__":
    sys.exit(main())
