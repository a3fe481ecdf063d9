# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Property 3 (locality): a one-line Markdown edit changes only the matching wikitext lines.

The base pages are written the way people write on the wiki (not our own
canonical output): the untouched lines must come back exactly as they were.
"""

from __future__ import annotations

import difflib

import pytest

from sync.convert import markdown_to_wikitext, wikitext_to_markdown
from tests.convert.support import FIXTURE_PATH

TABLE_PAGE = """== Montants ==
Ce que le réseau a versé :

{| class="wikitable"
!Chantier!!Personnes!!Montant
|-
|Facilitation du GT Animation||1||9 800 €
|-
| Facilitation du GT Formation
| 1
| 2 100 €
|-
|Entretiens de la cartographie || 8 || 3 490 €
|}
Fin de la page."""

LIST_PAGE = """==Pour démarrer==
#'''S'acculturer.''' Lire la documentation.
# '''Lister les chantiers''' et fixer un plafond.
#*détail du plafond
# '''Outiller la démarche''' : une fiche par chantier.
Après la liste."""

PARAGRAPH_PAGE = """Le budget contributif est une enveloppe que le réseau met de côté pour payer le
travail que ses membres réalisent sur des chantiers communs : faciliter un groupe
de travail, conduire des entretiens, préparer une rencontre.
Au lieu de tout confier à une équipe salariée, le réseau '''distribue l'animation'''.

{{Boîte|texte=Un modèle que le Markdown ne connaît pas}}
Deuxième paragraphe,   avec des espaces  doublés que personne ne doit « corriger »."""


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def edit(md: str, old: str, new: str) -> str:
    assert md.count(old) == 1, old
    return md.replace(old, new)


@pytest.mark.parametrize(
    ("page", "old", "new", "expected"),
    [
        (
            TABLE_PAGE,
            "| Facilitation du GT Formation | 1 | 2 100 € |",
            "| Facilitation du GT Formation | 2 | 4 200 € |",
            ["-| 1", "-| 2 100 €", "+| 2", "+| 4 200 €"],
        ),
        (
            TABLE_PAGE,
            "| Entretiens de la cartographie | 8 | 3 490 € |",
            "| Entretiens de la cartographie | 9 | 3 490 € |",
            ["-|Entretiens de la cartographie || 8 || 3 490 €", "+|Entretiens de la cartographie || 9 || 3 490 €"],
        ),
        (
            LIST_PAGE,
            "2. **Lister les chantiers** et fixer un plafond.",
            "2. **Lister les chantiers éligibles** et fixer un plafond.",
            [
                "-# '''Lister les chantiers''' et fixer un plafond.",
                "+# '''Lister les chantiers éligibles''' et fixer un plafond.",
            ],
        ),
        (
            PARAGRAPH_PAGE,
            "de travail, conduire des entretiens, préparer une rencontre.",
            "de travail, mener des entretiens, préparer une rencontre.",
            [
                "-de travail, conduire des entretiens, préparer une rencontre.",
                "+de travail, mener des entretiens, préparer une rencontre.",
            ],
        ),
    ],
    ids=["table-cell-one-per-line", "table-row-one-line", "list-item", "paragraph-line"],
)
def test_one_line_edit_changes_only_the_matching_wiki_lines(site, page, old, new, expected):
    md = wikitext_to_markdown(page, title="Fiche", site=site, path=FIXTURE_PATH)
    pushed = markdown_to_wikitext(edit(md, old, new), path=FIXTURE_PATH, site=site, base=page)
    assert changed_lines(page, pushed) == expected


@pytest.mark.parametrize("page", [TABLE_PAGE, LIST_PAGE, PARAGRAPH_PAGE], ids=["table", "list", "paragraph"])
def test_no_edit_changes_no_wiki_byte(site, page):
    md = wikitext_to_markdown(page, title="Fiche", site=site, path=FIXTURE_PATH)
    assert markdown_to_wikitext(md, path=FIXTURE_PATH, site=site, base=page) == page


def test_wiki_edit_changes_only_the_matching_markdown_lines_on_pull(site):
    """The other way round: a wiki edit pulled onto a hand-wrapped file re-wraps nothing else."""
    local = """---
title: Fiche
movilab: Fiche
---

Le budget contributif est une enveloppe que le réseau met de côté pour payer
le travail de ses membres.

- Reconnaître un travail de réseau qui, sinon, reste bénévole et pèse surtout
  sur les lieux les plus investis.
- Faire appel aux compétences déjà présentes.
"""
    wiki = markdown_to_wikitext(local, path=FIXTURE_PATH, site=site)
    edited = wiki.replace("* Faire appel aux compétences déjà présentes.", "* Faire appel aux compétences présentes.")
    pulled = wikitext_to_markdown(edited, title="Fiche", site=site, path=FIXTURE_PATH, local=local)
    assert changed_lines(local, pulled) == [
        "-- Faire appel aux compétences déjà présentes.",
        "+- Faire appel aux compétences présentes.",
    ]


def test_one_template_parameter_edit_changes_one_wiki_line(site):
    page = (
        "{{Tiers-lieu\n| nom   = La Fabrique\n| ville = Lyon\n| site  = https://example.org\n}}\n"
        "Un tiers-lieu.\n[[Catégorie:Tiers-lieux]]"
    )
    md = wikitext_to_markdown(page, title="La Fabrique", site=site, path=FIXTURE_PATH)
    assert "wiki:\n  modele: Tiers-lieu\n  parametres:\n    nom: La Fabrique\n    ville: Lyon\n" in md
    pushed = markdown_to_wikitext(
        edit(md, "ville: Lyon", "ville: Villeurbanne"), path=FIXTURE_PATH, site=site, base=page
    )
    assert changed_lines(page, pushed) == ["-| ville = Lyon", "+| ville = Villeurbanne"]


BOX = '<div class="admonition note">\n<p class="admonition-title">Note</p>\nOuvert le lundi.\n\nFermé en août.\n</div>'
QUOTE = "<blockquote>\nOuvert le lundi.\n\nFermé en août.\n</blockquote>"
UNBOXED = "Ouvert le lundi.\n\nFermé en août."
QUOTE_IN_A_BOX = f'<div class="admonition note">\n<p class="admonition-title">Note</p>\n{QUOTE}\n</div>'


@pytest.mark.parametrize(
    ("before", "after"),
    [(BOX, UNBOXED), (UNBOXED, BOX), (QUOTE, UNBOXED), (UNBOXED, QUOTE), (BOX, QUOTE), (QUOTE, QUOTE_IN_A_BOX)],
    ids=["box-removed", "box-added", "quote-removed", "quote-added", "box-made-a-quote", "quote-put-in-a-box"],
)
def test_a_box_or_quote_put_around_paragraphs_or_taken_away_on_the_wiki_is_pulled_as_such(site, before, after):
    """The Markdown of a paragraph depends on what holds it (indented in a box, `> ` in a quote):
    a pull keeps the local lines of an unchanged paragraph only where it still stands. Otherwise
    the box's text became an indented code block, and the next push sent it as <pre>, or the
    quote's marks stayed on its paragraphs and the push wrapped them in the quote again."""
    page = "Intro.\n\n{}\n\nFin."
    local = wikitext_to_markdown(page.format(before), title="Fiche", site=site, path=FIXTURE_PATH)
    edited = page.format(after)
    pulled = wikitext_to_markdown(edited, title="Fiche", site=site, path=FIXTURE_PATH, local=local)
    assert pulled == wikitext_to_markdown(edited, title="Fiche", site=site, path=FIXTURE_PATH)
    assert markdown_to_wikitext(pulled, path=FIXTURE_PATH, site=site, base=edited) == edited
    assert markdown_to_wikitext(pulled, path=FIXTURE_PATH, site=site) == edited
