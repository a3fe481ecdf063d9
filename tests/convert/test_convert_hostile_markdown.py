# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Hostile Markdown from a member's pull request: refused in French before anything slow reads it, or pushed.

A fiche made of thousands of openings never closed (`[a](`, `<a href='`, `[^`), of emphasis marks
(`_a _a`), of lines never separated by a blank line, of notes called again and again, is read by
Python-Markdown (the build, and the push's check) in a time that grows with its square; the push
refuses it at the build's own limits (commons/markdown_limits.py), with the build's French words,
at the file and line where it starts. Speed is measured in bench/hostile_markdown.py, never here.
"""

from __future__ import annotations

import random
import re

import pytest

from commons import markdown_limits
from commons.codespans import code_spans
from sync.convert import markdown_to_wikitext
from sync.convert.escape import md_html_is_allowed
from sync.convert.mdinline import footnote_labels
from sync.errors import ConversionError
from tests.convert.support import FIXTURE_PATH, PARAGRAPH, REPO

HEAD = "---\ntitle: Page hostile\n---\n\nUn paragraphe.\n\n"  # the hostile text starts on line 7
N = 2000  # about 8 KB of a shape: a file anyone can commit from the browser

# shape -> the start of the refusal (its French words are the build's)
REFUSED = {
    "links never closed": ("[a](" * N, "ce paragraphe compte 2000 « [ »"),
    "brackets": ("[" * N, "ce paragraphe compte 2000 « [ »"),
    "images never closed": ("![" * N, "ce paragraphe compte 2000 « [ »"),
    "nested brackets": ("[" * N + "a" + "]" * N, "ce paragraphe compte 2000 « [ »"),
    "angle targets never closed": (
        "[a](<" * N,
        "ce paragraphe compte 4000 signes qui ouvrent un lien, une balise ou une mise en forme (2000 « [ », 2000 « < »)",
    ),
    "titles never closed": ('[a](x "' * N, "ce paragraphe compte 2000 liens dont l'adresse contient"),
    "parentheses never closed": ("[a](x (" * N, "ce paragraphe compte 2000 liens dont l'adresse contient"),
    "note marks": ("[^" * N, "ce paragraphe compte 2000 « [ »"),
    "angles": ("<" * N, "ce paragraphe compte 2000 « < »"),
    "emphasis never closed": ("_a " * N, "ce paragraphe compte 2000 marques de mise en forme"),
    "strong never closed": ("**a " * N, "ce paragraphe compte 2000 marques de mise en forme"),
    "mixed emphasis": ("*a **b " * N, "ce paragraphe compte 4000 marques de mise en forme"),
    "emphasis on each line": ("_a\n" * N, "ce paragraphe compte 2000 marques de mise en forme"),
    # an escaped backslash does not escape the "[" after it
    "notes after escaped backslashes": ("\\\\[^a " * N, "ce paragraphe compte 2000 « [ »"),
    # a quote in the address makes Python-Markdown look for a title to the end of the paragraph
    "quotes in addresses": ('[a](b"c) ' * N, "ce paragraphe compte 2000 liens dont l'adresse contient"),
    "apostrophes in addresses": ("[a](x'y) " * 1000, "ce paragraphe compte 1000 liens dont l'adresse contient une"),
    "addresses after a line break": ("[a](\nx'y) " * 1000, "ce paragraphe compte 1000 liens dont l'adresse contient"),
    # each escape, code span, entity or link copies the whole paragraph again (32,000 "\*": 3 s)
    "escapes": ("\\*" * 32000, "ce paragraphe compte environ 32000 marques (échappements « \\ »"),
    "code spans": ("`a` " * 20000, "ce paragraphe compte environ 20000 marques"),
    "entities": ("&amp; " * 20000, "ce paragraphe compte environ 20000 marques"),
    "closed links by the ten thousand": ("[t](a) " * 39000, "ce paragraphe compte environ 39000 marques"),
    "tags without >": ("<a x " * N, "ce paragraphe compte 2000 « < »"),
    "attributes never closed": ("<a href='" * N, "ce paragraphe compte 2000 « < »"),
    "autolinks never closed": ("<http://a " * N, "ce paragraphe compte 2000 « < »"),
    "comments never closed": ("<!-- a " * N, "ce paragraphe compte 2000 « < »"),
    "HTML on each line": ("<b>x\n" * N, "ce paragraphe compte 2000 « < »"),
    # list-looking lines inside a paragraph are one text to Python-Markdown, not items
    "list marks inside a paragraph": ("x\n" + "* [a](\n" * N, "ce paragraphe compte 4000 signes qui ouvrent"),
    # a lone "[" tries every closed link after it: 100 of them before 1,000 links cost 0.85 s
    "lone brackets before closed links": (
        "[ " * 100 + " ".join(f"[lien {i}](https://exemple.org/{i})" for i in range(1000)),
        "ce paragraphe compte 100 « [ » (débuts de liens, d'images ou de notes), et chaque « [ » qui n'ouvre "
        "rien relit les 1000 liens complets qui le suivent",
    ),
    "one list item of links never closed": ("- " + "[a](" * N + "\n- b\n", "cet élément de liste compte 2000 « [ »"),
    # each item or row is read apart, but the page as a whole would take too long: the list is named
    "a list of items of links never closed": (
        "".join("- " + "[a](" * 40 + "\n" for _ in range(1000)),
        "cette liste de 1000 éléments (jusqu'à 40 signes par élément) compte 40000 « [ »",
    ),
    "a table of rows of links never closed": (
        "|a|b|\n|-|-|\n" + "".join("| " + "[a](" * 40 + " | x |\n" for _ in range(1000)),
        "ce tableau de 1000 lignes (jusqu'à 40 signes par ligne) compte 40000 « [ »",
    ),
    "headings without blank lines": ("# a\n" * N, "ce bloc compte 2000 lignes sans ligne vide"),
    "Setext titles without blank lines": ("a\n---\n" * N, "ce bloc compte 4000 lignes sans ligne vide"),
    "rules without blank lines": ("a\n- - -\n" * N, "ce bloc compte 4000 lignes sans ligne vide"),
    "definitions without blank lines": ("a\n: b\n" * N, "ce bloc compte 4000 lignes sans ligne vide"),
    "admonitions without blank lines": ("!!! note\n    a\n" * N, "ce bloc compte 4000 lignes sans ligne vide"),
    "one note called again and again": ("[^1]\n\n" * N + "[^1]: une note\n", "la page compte 2000 appels de notes"),
    "abbreviations": (
        "".join(f"*[A{k}]: x\n\n" for k in range(N)) + "A1\n\n" * N,
        "la page définit 2000 abréviations",
    ),
}


@pytest.mark.parametrize("body", [body for body, _ in REFUSED.values()], ids=list(REFUSED))
def test_a_hostile_fiche_is_refused_in_french_at_its_first_line_with_the_builds_words(body, site):
    expected = REFUSED[next(name for name, (b, _) in REFUSED.items() if b == body)][1]
    with pytest.raises(ConversionError) as refused:
        markdown_to_wikitext(HEAD + body, path=FIXTURE_PATH, site=site)
    error = refused.value
    assert (error.path, error.line) == (FIXTURE_PATH, 7)
    assert error.message.startswith(expected), error.message
    assert str(error).startswith(f"{FIXTURE_PATH}:7 : {expected}")
    # the build refuses the same page, in the same words (one rule, one place)
    assert error.message in [why for _, why in markdown_limits.refusals("Un paragraphe.\n\n" + body)]


def test_a_refusal_says_what_the_reader_sees_and_how_to_fix_it():
    """Which construct, how many, where, and a fix that makes the page pass."""
    items = "".join("- " + "[a](" * 40 + "\n" for _ in range(1000))
    (line, why), *_ = markdown_limits.refusals("Un paragraphe.\n\n" + items)
    assert line == 2
    assert "40000 liens « [texte]( » n'ont pas de parenthèse fermante" in why
    assert "Répartissez cette liste sur plusieurs pages ou mettez moins de ces signes dans chaque élément" in why
    fixed = "".join("- " + "[a](" * 40 + "\n" for _ in range(400))  # the same list, cut: it passes
    assert markdown_limits.refusals("Un paragraphe.\n\n" + fixed) == []
    ((_, why),) = markdown_limits.refusals("_a " * N)
    assert why.startswith("ce paragraphe compte 2000 marques de mise en forme « * » ou « _ » (gras, italique)")
    assert "crochet" not in why and "\\* ou \\_ pour une étoile ou un tiret bas seuls" in why


def test_a_refused_fiche_is_refused_with_a_base_too(site):
    base = markdown_to_wikitext(HEAD, path=FIXTURE_PATH, site=site)
    with pytest.raises(ConversionError) as refused:
        markdown_to_wikitext(HEAD + "[a](" * N, path=FIXTURE_PATH, site=site, base=base)
    assert refused.value.line == 7


# Shapes that every reader reads in one pass: pushed, whatever their size.
PUSHED = {
    "underscores": "_" * N,
    "asterisks": "*" * N,
    "backticks": "`" * N,
    "backticks after a letter": "a" + "`" * N,
    "code spans never closed": "``a " * N,
    "escaped brackets": "\\[" * N,
    "a row of many cells": "|a" * N + "|\n" + "|-" * N + "|\n" + "|b" * N + "|",
    # long blocks that Python-Markdown does not cut line by line
    "a list of many items": "- a\n" * N,
    "a table of many rows": "|a|b|\n|-|-|\n" + "|a|b|\n" * N,
    "a quote of many lines": "> a\n" * N,
    # real directories: each item or row is read apart, "_" inside an address opens nothing
    "a directory list with bold, links and emphasis": "".join(
        f"* **Tiers-lieu {i}** : un lieu [site](https://exemple.org/lieux/tiers_lieu_{i}_fiche) — *ouvert*\n"
        for i in range(N)
    ),
    # closed links are read at once, however many there are in one paragraph (2,000: 0.1 s)
    "a paragraph of closed links, images and titled links": " ".join(
        f"[lien {i}](https://fr.wikipedia.org/wiki/Tiers-lieu_(France)#{i}) ![image {i}](images/i{i}.png) "
        f'[lien titré {i}](https://exemple.org/{i} "titre {i}")'
        for i in range(N)
    ),
    "a table of rows with bold, links and emphasis": "| lieu | site |\n|---|:---:|\n"
    + "".join(f"| **Lieu {i}** | [site](https://exemple.org/a_b_{i}) *ouvert* |\n" for i in range(N)),
}


@pytest.mark.parametrize("body", list(PUSHED.values()), ids=list(PUSHED))
def test_a_long_run_that_every_reader_reads_in_one_pass_is_pushed(body, site):
    wiki = markdown_to_wikitext(HEAD + body + "\n", path=FIXTURE_PATH, site=site)
    assert wiki.startswith("Un paragraphe.")
    assert markdown_limits.refusals("Un paragraphe.\n\n" + body) == []


def _long_fiche(sections: int) -> str:
    section = (
        "## Une étape\n\n" + PARAGRAPH + "Voir [la fiche voisine](glossaire.md) et **le guide** du _réseau_[^1].\n\n"
        "- un outil\n- une *méthode*\n- un [lien](https://movilab.org/)\n\n"
        "| outil | usage |\n|---|---|\n| scie | **couper** |\n| `perceuse` | percer |\n\n"
        "```python\n" + "print('[a](' * 3)\n" * 40 + "```\n\n"
    )
    return section * sections + "[^1]: Une note.\n"


def test_a_long_real_fiche_is_pushed_not_refused(site):
    body = _long_fiche(100)
    assert len(body) > 100_000
    wiki = markdown_to_wikitext(HEAD + body, path=FIXTURE_PATH, site=site)
    assert wiki.count("== Une étape ==") == 100
    assert markdown_limits.refusals(body) == []


def test_no_page_of_the_site_is_refused():
    pages = sorted((REPO / "docs").rglob("*.md"))
    assert len(pages) > 50
    assert [p.name for p in pages if markdown_limits.refusals(p.read_text(encoding="utf-8"))] == []


def test_what_is_refused_is_counted_outside_code_and_escapes():
    fenced = "```\n" + "[a](\n" * N + "```\n"
    assert markdown_limits.refusals(fenced) == []
    assert markdown_limits.refusals("\\[\\<\\_\\*" * N) == []
    # the same openings, a paragraph each: a few per paragraph costs nothing
    assert markdown_limits.refusals("[a](\n\n" * N) == []


_OLD_CODE = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.S)


def test_code_spans_are_the_spans_python_markdowns_pattern_finds():
    """commons.codespans.code_spans reads in one pass what the pattern (cubic on a run never closed) finds."""
    rnd = random.Random(7)
    for _ in range(30_000):
        text = "".join(rnd.choice("````\\a \n") for _ in range(rnd.randint(0, 18)))
        spans = [(m.start(), m.start(2), m.end(2), m.end()) for m in _OLD_CODE.finditer(text)]
        assert code_spans(text) == spans, text


@pytest.mark.parametrize(
    ("body", "wiki"),
    [
        ("a ``b`c`` d", "a <code>b`c</code> d"),
        ("\\``a`", "`<code>a</code>"),
        ("```a``", "<code>`a</code>"),  # the longest opening a later run closes
        ("`` `a` ``", "<code>`a`</code>"),
        ("`{{a}}`{.wikitext} b", "{{a}} b"),
    ],
)
def test_code_spans_convert_as_before(body, wiki, site):
    """What main wrote before code spans were read in one pass."""
    assert markdown_to_wikitext(HEAD + body + "\n", path=FIXTURE_PATH, site=site) == "Un paragraphe.\n\n" + wiki


def test_code_spans_hide_notes_and_html_from_the_other_readers():
    assert footnote_labels("`[^a]` [^b] ``[^c]``") == ["b"]
    assert md_html_is_allowed("`<script>` ``<b x>``")
    assert not md_html_is_allowed("`a <script>")
