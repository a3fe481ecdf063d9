# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Both sides edited: clean merges go through, real conflicts overwrite nothing."""

from __future__ import annotations

import pytest

from tests.sync.conftest import page, unique_title

pytestmark = pytest.mark.wiki

BODY = "Premier paragraphe sur l'accueil.\n\nDeuxième paragraphe sur les outils.\n\nTroisième paragraphe sur le budget."


def _synced(site, stem):
    title = unique_title(stem)
    site.write("fiche.md", page(title, BODY))
    site.commit()
    assert site.run("push").code == 0
    return title


def test_wiki_edit_between_status_and_push_is_a_conflict_that_overwrites_nothing(site, mediawiki):
    title = _synced(site, "Conflit entre status et push")
    site.write("fiche.md", page(title, BODY.replace("Premier paragraphe", "Premier paragraphe (version git)")))
    site.commit("Local edit")
    assert site.run("status").code == 1
    wiki_text = BODY.replace("Premier paragraphe", "Premier paragraphe (version wiki)") + "\n"
    mediawiki.editor(1).edit(title, wiki_text, "edit pendant ce temps")

    result = site.run("push")
    assert result.code == 1
    assert "CONFLIT" in result.out and "conflits-movilab/fiche.md" in result.out
    assert mediawiki.editor(0).text(title) == wiki_text.rstrip("\n") or mediawiki.editor(0).text(title).startswith(
        "Premier paragraphe (version wiki)"
    )
    assert "(version git)" in site.read("fiche.md")
    both = (site.path / "conflits-movilab" / "fiche.md").read_text()
    assert "(version git)" in both and "(version wiki)" in both and "<<<<<<<" in both


def test_both_sides_edited_apart_merge_cleanly_and_are_pushed(site, mediawiki):
    title = _synced(site, "Fusion propre")
    site.write("fiche.md", page(title, BODY.replace("Troisième paragraphe", "Troisième paragraphe revu dans git")))
    site.commit("Local edit")
    mediawiki.editor(0).edit(title, BODY.replace("Premier paragraphe", "Premier paragraphe revu sur le wiki"), "wiki")

    result = site.run("push")
    assert result.code == 0, result.text
    assert "fusionnée" in result.out
    text = mediawiki.editor(0).text(title)
    assert "revu dans git" in text and "revu sur le wiki" in text
    local = site.read("fiche.md")
    assert "revu dans git" in local and "revu sur le wiki" in local
    assert site.git("status", "--porcelain") == ""
    assert "Camille Dupont" in site.git("log", "--format=%an", "-3")
    assert site.run("status").code == 0


def test_pull_with_both_sides_edited_conflicting_keeps_both_versions(site, mediawiki):
    title = _synced(site, "Conflit au pull")
    site.write("fiche.md", page(title, BODY.replace("Deuxième paragraphe", "Deuxième paragraphe de git")))
    site.commit("Local edit")
    mediawiki.editor(1).edit(title, BODY.replace("Deuxième paragraphe", "Deuxième paragraphe du wiki"), "wiki")
    head = site.git("rev-parse", "HEAD")

    result = site.run("pull")
    assert result.code == 1 and "CONFLIT" in result.out
    assert "Deuxième paragraphe de git" in site.read("fiche.md")
    # Only the state file may be committed (it records the conflict shown): no content changes.
    assert site.git("diff", "--name-only", head.strip(), "HEAD").split() in ([], [".movilab-sync.json"])
    both = (site.path / "conflits-movilab" / "fiche.md").read_text()
    assert "Deuxième paragraphe de git" in both and "Deuxième paragraphe du wiki" in both


def test_pull_never_overwrites_uncommitted_local_changes(site, mediawiki):
    title = _synced(site, "Modifications non commitées")
    mediawiki.editor(0).edit(title, BODY + "\n\nAjout sur le wiki.", "wiki")
    site.write("fiche.md", page(title, BODY + "\n\nBrouillon local non commité."))

    result = site.run("pull")
    assert result.code == 1
    assert "non commitées" in result.out
    assert "Brouillon local non commité." in site.read("fiche.md")
    site.commit("Commit the draft")
    merged = site.run("pull")
    assert merged.code in (0, 1)
    assert "Brouillon local non commité." in site.read("fiche.md")


def _conflict_on_push(site, mediawiki, stem):
    title = _synced(site, stem)
    site.write("fiche.md", page(title, BODY.replace("Premier paragraphe", "Premier paragraphe (version git)")))
    site.commit("Local edit")
    mediawiki.editor(1).edit(title, BODY.replace("Premier paragraphe", "Premier paragraphe (version wiki)"), "wiki")
    result = site.run("push")
    assert result.code == 1 and "CONFLIT" in result.out
    assert "commitez" in result.out and "relancez push" in result.out
    return title


def test_committed_resolution_of_a_push_conflict_is_sent_and_credits_the_wiki_editor(site, mediawiki):
    title = _conflict_on_push(site, mediawiki, "Conflit résolu")
    resolved = BODY.replace("Premier paragraphe", "Premier paragraphe (versions git et wiki réunies)")
    site.write("fiche.md", page(title, resolved))
    site.commit("Resolve the conflict")
    (site.path / "conflits-movilab" / "fiche.md").unlink()

    result = site.run("push")
    assert result.code == 0, result.text
    assert "(versions git et wiki réunies)" in mediawiki.editor(0).text(title)
    assert "Co-authored-by: " in site.git("log", "-3", "--format=%B")
    assert site.run("status").code == 0
    assert site.run("pull").code == 0


def test_pull_after_a_committed_resolution_asks_for_push_instead_of_conflicting_again(site, mediawiki):
    title = _conflict_on_push(site, mediawiki, "Conflit résolu puis pull")
    site.write("fiche.md", page(title, BODY.replace("Premier paragraphe", "Premier paragraphe (réunis)")))
    site.commit("Resolve the conflict")

    result = site.run("pull")
    assert "CONFLIT" not in result.out and "lancez push" in result.out
    assert site.run("push").code == 0
    assert "(réunis)" in mediawiki.editor(0).text(title)


def test_a_wiki_edit_newer_than_the_conflict_still_conflicts_with_the_resolution(site, mediawiki):
    title = _conflict_on_push(site, mediawiki, "Conflit puis nouvelle modification")
    site.write("fiche.md", page(title, BODY.replace("Premier paragraphe", "Premier paragraphe (réunis)")))
    site.commit("Resolve the conflict")
    newer = BODY.replace("Premier paragraphe", "Premier paragraphe (encore modifié sur le wiki)")
    mediawiki.editor(1).edit(title, newer, "wiki again")

    result = site.run("push")
    assert result.code == 1 and "CONFLIT" in result.out
    assert "(encore modifié sur le wiki)" in mediawiki.editor(0).text(title)
