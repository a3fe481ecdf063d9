# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""An imported page must work on the built site: relative links, a front matter the build accepts."""

from __future__ import annotations

import pytest

from commons.pages import parse_page
from commons.schema import validate_page
from tests.sync.conftest import page, unique_title

pytestmark = pytest.mark.wiki


def test_import_links_to_a_page_of_the_same_folder_relative_to_the_file(site, mediawiki):
    other = unique_title("Fiche voisine")
    site.write("boite-a-outils/voisine.md", page(other, "Une fiche déjà en miroir."))
    site.commit()
    assert site.run("push").code == 0
    title = unique_title("Fiche importée avec lien")
    mediawiki.editor(1).edit(title, f"Voir aussi [[{other}|la fiche voisine]].\n", "création")

    result = site.run("import", title, "--to", "boite-a-outils/importee.md")
    assert result.code == 0, result.text
    text = site.read("boite-a-outils/importee.md")
    assert "](voisine.md" in text, text
    assert "boite-a-outils/voisine.md" not in text


def test_import_into_the_toolbox_fills_a_front_matter_the_build_accepts(site, mediawiki):
    title = unique_title("Fiche importée complète")
    mediawiki.editor(1).edit(
        title,
        "Le budget contributif rémunère les contributions. Il se décide ensemble.\n\n[[Catégorie:Gouvernance]]\n",
        "création",
    )
    result = site.run("import", title, "--to", "boite-a-outils/complete.md")
    assert result.code == 0, result.text
    text = site.read("boite-a-outils/complete.md")
    parsed, problems = parse_page("boite-a-outils/complete.md", text)
    assert problems == [] and validate_page(parsed, {}) == []
    assert parsed.meta["description"] == "Le budget contributif rémunère les contributions."
    assert parsed.meta["thèmes"] == ["gouvernance"] and parsed.meta["public"] == ["tous"]
    assert parsed.meta["sources"][0]["titre"] == f"Movilab : {title}"
    assert "champs devinés" in result.out and "description" in result.out
    assert site.git("status", "--porcelain") == ""
    assert site.run("status").code == 0


def test_import_of_a_webinar_without_date_is_refused_naming_the_fields(site, mediawiki):
    title = unique_title("Webinaire importé")
    mediawiki.editor(1).edit(title, "Un webinaire sur le compost.\n", "création")
    head = site.git("rev-parse", "HEAD")

    result = site.run("import", title, "--to", "webinaires/2024-01-01-compost.md")
    assert result.code == 2
    assert "date" in result.err and "intervenants" in result.err
    assert not (site.path / "docs" / "webinaires" / "2024-01-01-compost.md").exists()
    assert site.git("rev-parse", "HEAD") == head
