# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""How long a push and a site build take on hostile Markdown, at two sizes, beside another version.

Usage (from the repository root):
    .venv/bin/python bench/hostile_markdown.py [--n N] [--baseline REV] [--only SHAPE]... [--limit SECONDS]

A member's pull request is hostile input: a fiche made of thousands of `[a](`, `<a href='`, `_a`
or of lines never separated by a blank line made the push (our reader, then Python-Markdown in the
check of sync/convert/mdcheck.py) and the build (Python-Markdown) quadratic, or worse: a line of
2,000 backticks took our reader 20 s. Each shape is read at n and 2n repetitions, by this tree and by
REV (main by default), each in its own process, along three paths: the push of a new page
(`markdown_to_wikitext`), the push of a page already on the wiki (with `base`), and what the build
does with a page (commons/markdown_limits.py, then Python-Markdown with mkdocs.yml's extensions,
then the site's own passes over the page: its links, the HTML sanitiser, the French spacing). The
figure is the CPU time (`process_time`) of one pass, and what came out: "ok", "refusée" (a French
refusal). A linear shape takes about twice as long at 2n, a quadratic one four times; a refusal
costs next to nothing. A version that takes more than --limit seconds at n is not measured at 2n.
Figures only (tests/convert/test_convert_hostile_markdown.py checks the outcomes); the last shapes
are long real fiches that must pass.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from versions import measure_two_sizes, serve_timed, support, two_sizes_parser


def _fiche(n: int) -> str:
    """A long real fiche: sections of paragraphs with links, emphasis, a list and a table."""
    paragraph = str(support().PARAGRAPH)
    section = (
        "## Une étape\n\n" + paragraph + "Voir [la fiche voisine](compostage.md) et **le guide** du _réseau_.\n\n"
        "- un outil\n- une *méthode*\n- un [lien](https://movilab.org/)\n\n"
        "| outil | usage |\n|---|---|\n| scie | **couper** |\n| `perceuse` | percer |\n\n"
    )
    return section * (n // 50)


def _rich_fiche(n: int) -> str:
    """A long real fiche dense in what copies a paragraph (about 50 KB at n=1000): links, one with an
    apostrophe in its address, code spans, entities, escapes, emphasis in every paragraph."""
    section = (
        "## Un atelier\n\nL'&nbsp;atelier de [L'Atelier](https://fr.wikipedia.org/wiki/L'Atelier) "
        "(voir [la fiche](compostage.md), [le site](https://movilab.org/wiki/Accueil) et "
        "[l'annuaire](https://exemple.org/annuaire?ville=Lyon&amp;type=fablab)) se lance avec "
        "`pip install outil` puis `outil --aide` ; prix : 5&nbsp;&euro; \\* 2, **sur inscription**, _le "
        "samedi_ &mdash; [contact](mailto:atelier@exemple.org), [plan](https://osm.org/#map=15/45.7/4.8) "
        "et <https://exemple.org/agenda>.\n\n"
        "- [outil 1](https://exemple.org/outils/1) : `scie` &amp; *gants*\n"
        "- [outil 2](https://exemple.org/outils/2) : `perceuse` &amp; **lunettes**\n\n"
        "| outil | lien |\n|---|---|\n| `scie` | [fiche](https://exemple.org/scie) |\n\n"
    )
    return section * (n // 25)


def _long_paragraph(n: int) -> str:
    """A real paragraph listing partners inline: n/4 links with entities (15 KB at n=1000)."""
    return " &middot; ".join(f"[Partenaire {k}](https://exemple.org/partenaires/{k}?r=a&amp;b)" for k in range(n // 4))


# name -> the body of the page at n repetitions
SHAPES: dict[str, Callable[[int], str]] = {
    "[a]( jamais fermés": lambda n: "[a](" * n + "\n",
    "[ seuls": lambda n: "[" * n + "\n",
    "![ seuls": lambda n: "![" * n + "\n",
    "[[[[a]]]] imbriqués": lambda n: "[" * n + "a" + "]" * n + "\n",
    "[a](<": lambda n: "[a](<" * n + "\n",
    '[a](x " titre sans fin': lambda n: '[a](x "' * n + "\n",
    "[a](x ( parenthèses": lambda n: "[a](x (" * n + "\n",
    "[^ seuls": lambda n: "[^" * n + "\n",
    "_ en une ligne": lambda n: "_" * n + "\n",
    "* en une ligne": lambda n: "*" * n + "\n",
    "< en une ligne": lambda n: "<" * n + "\n",
    "` en une ligne": lambda n: "`" * n + "\n",
    "a ` sur une ligne": lambda n: "a" + "`" * n + "\n",
    "``a sur une ligne": lambda n: "``a " * n + "\n",
    "_a sur une ligne": lambda n: "_a " * n + "\n",
    "__a sur une ligne": lambda n: "__a " * n + "\n",
    "**a sur une ligne": lambda n: "**a " * n + "\n",
    "***a sur une ligne": lambda n: "***a " * n + "\n",
    "*a **b sur une ligne": lambda n: "*a **b " * n + "\n",
    "_a par ligne": lambda n: "_a\n" * n,
    "[a]( par ligne": lambda n: "[a](\n" * n,
    "<a x sans >": lambda n: "<a x " * n + "\n",
    "<a href=' sans fin": lambda n: "<a href='" * n + "\n",
    "<http:// sans >": lambda n: "<http://a " * n + "\n",
    "<x@ sans >": lambda n: "<x@ " * n + "\n",
    "<!-- jamais fermés": lambda n: "<!-- a " * n + "\n",
    # over the whole page: 18 to a paragraph, under the limits of each text, each read to the page's end
    "<img sans > sur la page": lambda n: ("<img " * 18 + "\n\n") * (n // 18),
    "<a x='>' sur la page": lambda n: ("<a x='>' " * 18 + "\n\n") * (n // 18),
    "<b>x par ligne": lambda n: "<b>x\n" * n,
    "<div> par ligne": lambda n: "<div>\n" * n,
    "définitions de liens": lambda n: (
        "".join(f"[r{k}]: https://a.org/{k}\n" for k in range(n))
        + "\n"
        + " ".join(f"[x][r{k}]" for k in range(n))
        + "\n"
    ),
    "appels [^1] d'une note": lambda n: "[^1]\n\n" * n + "[^1]: une note\n",
    "abréviations": lambda n: "".join(f"*[A{k}]: x\n" for k in range(n)) + "\n" + "A1\n\n" * n,
    "titres sans ligne vide": lambda n: "# a\n" * n,
    "définitions sans ligne vide": lambda n: "a\n: b\n" * n,
    "encadrés !!! sans ligne vide": lambda n: "!!! note\n    a\n" * n,
    "liste de n éléments": lambda n: "- a\n" * n,
    "listes imbriquées (30 niveaux)": lambda n: "".join("    " * (k % 30) + "- a\n" for k in range(n)),
    "citations > de n lignes": lambda n: "> a\n" * n,
    "ligne de tableau à n cellules": lambda n: "|a" * n + "|\n" + "|-" * n + "|\n" + "|b" * n + "|\n",
    "tableau de n lignes": lambda n: "|a|b|\n|-|-|\n" + "|a|b|\n" * n,
    # each inline match copies the whole paragraph again: matches x length
    "16n \\* en un paragraphe": lambda n: "\\*" * (16 * n) + "\n",
    "10n `a` en un paragraphe": lambda n: "`a` " * (10 * n) + "\n",
    "10n &amp; en un paragraphe": lambda n: "&amp; " * (10 * n) + "\n",
    # a quote in an address: Python-Markdown looks for the title's end to the paragraph's end
    "[a](x'y) en un paragraphe": lambda n: "[a](x'y) " * n + "\n",
    # linear but long: tens of thousands of parts in one page
    "20n [t](a) en un paragraphe": lambda n: "[t](a) " * (20 * n) + "\n",
    "liste de 20n éléments": lambda n: "- a\n" * (20 * n),
    "20n paragraphes": lambda n: "a\n\n" * (20 * n),
    "15n titres": lambda n: "# a\n\n" * (15 * n),
    "3n paragraphes de 800 caractères": lambda n: ("mot " * 200 + "\n\n") * (3 * n),
    # a long real fiche (about 60 KB at n=2000): it must pass
    "fiche réelle de n/50 sections (réel)": _fiche,
    "fiche réelle riche de n/25 sections (réel)": _rich_fiche,
    "paragraphe réel de n/4 liens (réel)": _long_paragraph,
}
PATHS = ("envoi", "envoi (base)", "site")


def worker(tree: Path, repo: Path) -> int:
    """Read on request (`[shape, path, n]` on stdin, one JSON answer a line on stdout)."""
    sys.path.insert(0, str(tree))
    sys.setrecursionlimit(10_000)
    import markdown

    from commons import markdown_limits, sanitize, typography
    from commons.config import load_yaml
    from commons.links import _targets
    from sync.convert import markdown_to_wikitext
    from sync.errors import ConversionError
    from sync.sitemap import SiteMap

    site = SiteMap.from_repo(repo)
    names: list[str] = []
    configs: dict[str, Any] = {}
    for item in load_yaml(tree / "mkdocs.yml").get("markdown_extensions") or []:
        for name, config in item.items() if isinstance(item, dict) else [(str(item), None)]:
            names.append(name)
            configs[name] = config or {}
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    base = markdown_to_wikitext(
        "---\ntitle: Page hostile\n---\n\nUn paragraphe.\n", path="boite-a-outils/x.md", site=site
    )

    def build(body: str) -> None:
        if markdown_limits.refusals(body):
            raise ConversionError("refusée")
        list(_targets(body))
        typography.french_spacing(sanitize.clean(md.reset().convert(body)))

    def read(name: str, path: str, n: int) -> Callable[[], object]:
        body = "Un paragraphe.\n\n" + SHAPES[name](n)
        if path == "site":
            return lambda: build(body)
        page = "---\ntitle: Page hostile\n---\n\n" + body
        return lambda: markdown_to_wikitext(
            page, path="boite-a-outils/x.md", site=site, base=base if "base" in path else None
        )

    return serve_timed(read, {ConversionError: "refusée", RecursionError: "récursion"})


def main() -> int:
    parser = two_sizes_parser("Temps d'un envoi et d'une construction sur du Markdown hostile.", SHAPES, 1000, 5.0)
    parser.add_argument("--path", action="append", choices=PATHS, help="ce chemin seulement (répétable)")
    args = parser.parse_args()
    if args.worker:
        return worker(Path(args.worker[0]), Path(args.worker[1]))
    rows = [(name, path) for name in args.only or SHAPES for path in args.path or PATHS]
    keys = [("forme (temps CPU, issue)", max(len(name) for name in SHAPES)), ("chemin", 12)]
    return measure_two_sizes(__file__, args, rows, keys, 18)


if __name__ == "__main__":
    sys.exit(main())
