# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A careless member's links: a mistyped page name, an image that is not there, two files at one address.

The content check (`./dev check`) said "aucun problème" while the strict build
failed on MkDocs' English warning ("Doc file … contains a link …"). Both must
now say the same thing, in French, with the line and the likely fix.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from commons.links import broken_links, same_address
from commons.pages import Page, parse_page
from tests.site.sitebuilder import ROOT, make_site

FICHE = """---
title: {title}
description: Une fiche.
thèmes: [économie]
public: [tous]
sources: [essai]
---

Texte.
"""


def _pages(texts: dict[str, str]) -> dict[str, Page]:
    return {path: parse_page(path, text)[0] for path, text in texts.items()}


def test_a_mistyped_link_is_named_on_its_line_with_the_page_meant() -> None:
    body = "---\ntitle: T\n---\n\nIntro.\n\nVoir [les groupes](groupes-de-travial.md#roles).\n"
    pages = _pages({"boite-a-outils/a.md": body})
    files = {"boite-a-outils/a.md", "boite-a-outils/groupes-de-travail.md"}
    assert [str(p) for p in broken_links(pages, files)] == [
        "boite-a-outils/a.md, ligne 7 : le lien « groupes-de-travial.md#roles » mène à un fichier qui "
        "n'existe pas dans docs/ (boite-a-outils/groupes-de-travial.md). Vouliez-vous dire « groupes-de-travail.md » ?"
    ]


def test_a_link_to_a_page_of_another_folder_suggests_its_path() -> None:
    pages = _pages({"kit-accueil/faq.md": "Voir [budget](budget-contributif.md).\n"})
    files = {"kit-accueil/faq.md", "boite-a-outils/budget-contributif.md"}
    (problem,) = broken_links(pages, files)
    assert problem.line == 1 and "Vouliez-vous dire « ../boite-a-outils/budget-contributif.md » ?" in problem.message


def test_links_that_work_or_are_not_files_pass() -> None:
    body = (
        "[ok](b.md) [ancre](b.md#x) [ici](#titre) [web](https://example.org/c.md) [mail](mailto:a@b.fr)\n"
        "![image](img/photo%201.png) [dossier](../webinaires/) [contact](../contact.md) [ref][r]\n"
        "\n[r]: <b.md>\n\n`[code](absent.md)`\n\n```\n[bloc](absent.md)\n```\n"
    )
    pages = _pages({"boite-a-outils/a.md": body})
    files = {"boite-a-outils/a.md", "boite-a-outils/b.md", "boite-a-outils/img/photo 1.png"}
    assert broken_links(pages, files) == []


def test_a_missing_image_and_a_reference_link_are_refused() -> None:
    pages = _pages({"a.md": "![photo](img/absente.png)\n\n[r]: autre.md\n"})
    assert [p.line for p in broken_links(pages, {"a.md"})] == [1, 3]


def test_an_image_named_with_other_capitals_gets_the_real_name() -> None:
    """`Atelier.PNG` for `atelier.png` shows on a Windows or Mac preview, and not on the published site."""
    pages = _pages({"boite-a-outils/a.md": "![atelier](../images/Atelier.PNG)\n"})
    [problem] = broken_links(pages, {"boite-a-outils/a.md", "images/atelier.png"})
    assert problem.message.endswith("Vouliez-vous dire « ../images/atelier.png » ?")


def test_two_files_at_one_address_are_both_named() -> None:
    pages = _pages({"boite-a-outils/x.md": "", "boite-a-outils/x/index.md": "", "boite-a-outils/y.md": ""})
    assert [(p.path, "même adresse (/boite-a-outils/x/)" in p.message) for p in same_address(pages)] == [
        ("boite-a-outils/x.md", True),
        ("boite-a-outils/x/index.md", True),
    ]


def test_the_check_and_the_strict_build_agree_in_french(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugins=False)
    site.write("boite-a-outils/groupes-de-travail.md", FICHE.format(title="Groupes"))
    site.write(
        "boite-a-outils/budget.md",
        FICHE.format(title="Budget") + "\nVoir [les groupes](groupes-de-travial.md).\n",
    )
    site.write("boite-a-outils/groupes-de-travail/index.md", "# Doublon\n")
    expected = (
        "boite-a-outils/budget.md, ligne 11 : le lien « groupes-de-travial.md » mène à un fichier qui n'existe "
        "pas dans docs/ (boite-a-outils/groupes-de-travial.md). Vouliez-vous dire « groupes-de-travail.md » ?"
    )
    twice = "serait publié à la même adresse (/boite-a-outils/groupes-de-travail/)"

    check = subprocess.run(
        [sys.executable, "-m", "commons.check", str(site.docs)],
        cwd=site.root,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    built = site.build()

    for result in (check, built):
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert expected in output and output.count(twice) == 2, output
        assert "Doc file" not in output and "Traceback" not in output, output
