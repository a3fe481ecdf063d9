# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Real `mkdocs build` runs on small sites in real git repositories with fixed authors and dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.site.sitebuilder import Site, make_site

FICHE = """
---
title: Le budget contributif
description: Rémunérer les contributions au réseau selon des règles décidées ensemble.
thèmes: [économie, gouvernance]
public: [coordination]
auteurs: [Dominique Invitée]
sources: [essai, {titre: Un livre, url: "https://example.org/livre"}]
{extra}
---

# Le budget contributif

Un texte.
"""

ALICE = "Alice Martin <alice@example.org>"
BOB = "Bob Durand <bob@example.org>"


def _fiche(extra: str = "") -> str:
    return FICHE.replace("{extra}", extra)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path, plugins=False)


def test_page_shows_git_authors_date_licence_and_edit_link(site: Site) -> None:
    site.write("boite-a-outils/budget.md", _fiche())
    site.commit("Add fiche", author=ALICE, date="2025-01-10T10:00:00+01:00")
    text = (site.docs / "boite-a-outils/budget.md").read_text()
    site.write("boite-a-outils/budget.md", text + "\nUne précision.\n")
    site.commit("Clarify", author=BOB, date="2025-02-03T09:30:00+01:00")

    done = site.build()
    assert done.returncode == 0, done.stderr
    html = site.html("boite-a-outils/budget")
    credits = html[html.index('class="communs-attribution"') :]
    assert "Alice Martin, Bob Durand, Dominique Invitée" in credits
    assert "alice@example.org" not in html  # e-mails are never published
    assert '<time datetime="2025-02-03">3 février 2025</time>' in credits
    assert 'rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr">CC BY-SA 4.0</a>' in credits
    assert "Document d&#x27;essai, Réseau d&#x27;essai, 2024" in credits
    assert '<a href="https://example.org/livre">Un livre</a>' in credits
    edit = re.search(r'class="communs-edit" href="([^"]+)">Proposer une modification', credits)
    assert edit and edit.group(1).endswith("/edit/main/docs/boite-a-outils/budget.md")
    assert "Voir sur Movilab" not in credits


def test_mirrored_page_links_to_movilab(site: Site) -> None:
    site.write("boite-a-outils/budget.md", _fiche("movilab: Budget contributif (réseau)"))
    site.commit("Add fiche", author=ALICE, date="2025-01-10T10:00:00+01:00")
    assert site.build().returncode == 0
    html = site.html("boite-a-outils/budget")
    assert 'href="https://movilab.org/wiki/Budget_contributif_(r%C3%A9seau)">Voir sur Movilab</a>' in html


def test_renamed_page_keeps_its_authors(site: Site) -> None:
    site.write("boite-a-outils/budget.md", _fiche())
    site.commit("Add fiche", author=ALICE, date="2025-01-10T10:00:00+01:00")
    site.git("mv", "docs/boite-a-outils/budget.md", "docs/boite-a-outils/budget-contributif.md")
    site.commit("Rename", author=BOB, date="2025-03-01T10:00:00+01:00")
    assert site.build().returncode == 0
    html = site.html("boite-a-outils/budget-contributif")
    assert "Alice Martin, Bob Durand, Dominique Invitée" in html


def test_co_authors_of_a_commit_are_credited(site: Site) -> None:
    site.write("boite-a-outils/budget.md", _fiche())
    site.commit(
        "Pull from the wiki\n\nCo-authored-by: Wiki Editor <Wiki_Editor@movilab.org>",
        author=ALICE,
        date="2025-01-10T10:00:00+01:00",
    )
    assert site.build().returncode == 0
    assert "Alice Martin, Wiki Editor, Dominique Invitée" in site.html("boite-a-outils/budget")


def test_uncommitted_page_builds_with_front_matter_authors_only(site: Site) -> None:
    site.write("boite-a-outils/budget.md", _fiche())
    assert site.build().returncode == 0
    html = site.html("boite-a-outils/budget")
    assert "<strong>Auteurs et autrices\u00a0:</strong> Dominique Invitée</p>" in html  # French no-break space
    assert "Dernière mise à jour" not in html


def test_every_page_has_licence_and_edit_link(site: Site) -> None:
    site.write("charte/index.md", "# Chartes\n\nDes modèles.\n")
    assert site.build().returncode == 0
    for url in ("", "charte"):
        html = site.html(url)
        assert "creativecommons.org/licenses/by-sa/4.0" in html
        assert "Proposer une modification" in html


def test_all_bad_pages_are_listed_in_one_strict_build(site: Site) -> None:
    site.write("boite-a-outils/sans-public.md", _fiche().replace("public: [coordination]\n", ""))
    site.write("boite-a-outils/mauvais-theme.md", _fiche().replace("thèmes: [économie, gouvernance]", "themes: [x]"))
    site.write(
        "webinaires/2024-05-14-compost.md",
        """
        ---
        title: Compostage
        date: 14/05/2024
        intervenants: [{nom: Léa}]
        thèmes: [alimentation]
        sources: [inconnue]
        ---
        Texte.
        """,
    )
    site.write("charte/index.md", "# Chartes\n\nVoir [la fiche](../boite-a-outils/absente.md).\n")
    done = site.build()
    assert done.returncode == 1  # MkDocs: 1 for a strict build aborted on warnings
    out = done.stderr
    # The broken link is reported in the same run as the front matter problems.
    assert "absente.md" in out
    assert "boite-a-outils/sans-public.md, ligne 1, champ « public » : champ obligatoire manquant" in out
    assert "boite-a-outils/mauvais-theme.md, ligne 4, champ « themes » : champ inconnu" in out
    assert "Vouliez-vous dire « thèmes » ?" in out
    assert "webinaires/2024-05-14-compost.md, ligne 3, champ « date » : attendu : une date AAAA-MM-JJ" in out
    assert "webinaires/2024-05-14-compost.md, ligne 6, champ « sources » : source inconnue « inconnue »" in out
    # A non-strict build (the local preview) still produces the site, and the
    # page itself says what to fix, where the member is looking.
    assert site.build(strict=False).returncode == 0
    html = site.html("boite-a-outils/sans-public")
    assert "À corriger avant publication" in html
    assert "ligne 1, champ «\u00a0public\u00a0»\u00a0: champ obligatoire manquant" in html
    assert "À corriger avant publication" not in site.html("")


def test_kit_pages_follow_their_order_field(site: Site) -> None:
    for name, order in (("a-glossaire", 3), ("b-bienvenue", 1), ("c-outils", 2)):
        site.write(
            f"kit-accueil/{name}.md",
            f"---\ntitle: Page {name}\ndescription: Une page.\nordre: {order}\nsources: [essai]\n---\nTexte.\n",
        )
    site.write("kit-accueil/index.md", "# Kit\n\nCommencez ici.\n")
    assert site.build().returncode == 0
    html = site.html("kit-accueil")
    positions = [html.index(f"Page {name}") for name in ("b-bienvenue", "c-outils", "a-glossaire")]
    assert positions == sorted(positions)


def test_broken_internal_link_fails_the_strict_build(site: Site) -> None:
    site.write("charte/index.md", "# Chartes\n\nVoir [la fiche](../boite-a-outils/absente.md).\n")
    done = site.build()
    assert done.returncode == 1  # MkDocs: 1 for a strict build aborted on warnings
    assert "absente.md" in done.stderr


def test_movilab_categories_are_shown_as_tags(site: Site) -> None:
    site.write(
        "boite-a-outils/budget.md",
        _fiche("wiki:\n  categories: [Gouvernance, Tiers-lieux en réseau]"),
    )
    assert site.build().returncode == 0
    html = site.html("boite-a-outils/budget")
    tags = html[html.index('class="md-tags') : html.index("</nav>", html.index('class="md-tags'))]
    for label in ("Économie", "Gouvernance", "Tiers-lieux en réseau"):
        assert label in tags
    assert tags.count("Gouvernance") == 1  # a category equal to a thème is shown once
