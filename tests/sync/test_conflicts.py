# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Both sides edited: clean merges go through; a conflict stops, explains, and is closed only on purpose."""

from __future__ import annotations

import json

import pytest

from tests.sync.conftest import page, unique_title

pytestmark = pytest.mark.wiki

BODY = "Premier paragraphe sur l'accueil.\n\nDeuxième paragraphe sur les outils.\n\nTroisième paragraphe sur le budget."
CONFLICT = "conflits-movilab/fiche.md"


def _synced(site, stem):
    title = unique_title(stem)
    site.write("fiche.md", page(title, BODY))
    site.commit()
    assert site.run("push").code == 0
    return title


def _state(site):
    return json.loads((site.path / ".movilab-sync.json").read_text())


def test_wiki_edit_between_status_and_push_is_a_conflict_that_overwrites_nothing(site, mediawiki):
    title = _synced(site, "Conflit entre status et push")
    site.write("fiche.md", page(title, BODY.replace("Premier paragraphe", "Premier paragraphe (version git)")))
    site.commit("Local edit")
    assert site.run("status").code == 1
    wiki_text = BODY.replace("Premier paragraphe", "Premier paragraphe (version wiki)")
    mediawiki.editor(1).edit(title, wiki_text, "edit pendant ce temps")

    result = site.run("push")
    assert result.code == 1
    assert "CONFLIT" in result.out and CONFLICT in result.out and "resolve fiche.md" in result.out
    assert mediawiki.editor(0).text(title) == wiki_text
    assert "(version git)" in site.read("fiche.md")
    both = (site.path / CONFLICT).read_text()
    assert "(version git)" in both and "(version wiki)" in both and "<<<<<<<" in both
    # The conflict file is committed with the state that remembers it: nothing is left uncommitted.
    assert site.git("status", "--porcelain") == ""
    assert site.git("ls-files", CONFLICT).strip() == CONFLICT
    status = site.run("status")
    assert status.code == 1 and "conflit en cours" in status.out


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
    # The page is untouched; the conflict file and the state that remembers it are committed.
    assert site.git("diff", "--name-only", head.strip(), "HEAD").split() == [".movilab-sync.json", CONFLICT]
    assert site.git("status", "--porcelain") == ""
    both = (site.path / CONFLICT).read_text()
    assert "Deuxième paragraphe de git" in both and "Deuxième paragraphe du wiki" in both


def test_pull_never_overwrites_uncommitted_local_changes(site, mediawiki):
    title = _synced(site, "Modifications non commitées")
    mediawiki.editor(0).edit(title, BODY.replace("Premier paragraphe", "Premier paragraphe, ajout sur le wiki"), "w")
    site.write("fiche.md", page(title, BODY + "\n\nBrouillon local non commité."))

    result = site.run("pull")
    assert result.code == 1
    assert "non commitées" in result.out
    assert "Brouillon local non commité." in site.read("fiche.md")
    site.commit("Commit the draft")
    merged = site.run("pull")
    assert merged.code == 0, merged.text
    text = site.read("fiche.md")
    assert "Brouillon local non commité." in text and "ajout sur le wiki" in text


def _conflict_on_push(site, mediawiki, stem):
    title = _synced(site, stem)
    site.write("fiche.md", page(title, BODY.replace("Premier paragraphe", "Premier paragraphe (version git)")))
    site.commit("Local edit")
    mediawiki.editor(1).edit(title, BODY.replace("Premier paragraphe", "Premier paragraphe (version wiki)"), "wiki")
    result = site.run("push")
    assert result.code == 1 and "CONFLIT" in result.out
    return title


def test_an_unrelated_commit_after_a_conflict_is_not_taken_for_a_resolution(site, mediawiki):
    title = _conflict_on_push(site, mediawiki, "Conflit puis coquille")
    site.write("fiche.md", site.read("fiche.md").replace("sur le budget", "sur le budget partagé"))
    site.commit("Fix a typo elsewhere")

    for command in ("push", "pull"):
        result = site.run(command)
        assert result.code == 1, result.text
        assert "conflit en cours" in result.out and "resolve fiche.md" in result.out
    assert "(version wiki)" in mediawiki.editor(0).text(title)  # the wiki editor's text is still there
    assert "partagé" not in mediawiki.editor(0).text(title)


def test_a_page_copied_from_the_conflict_file_with_its_markers_is_never_sent(site, mediawiki):
    title = _conflict_on_push(site, mediawiki, "Conflit copié avec marqueurs")
    site.write("fiche.md", (site.path / CONFLICT).read_text())
    site.git("rm", "-q", CONFLICT)  # a commit deleting the conflict file: a deliberate act…
    site.commit("Resolve, but the markers were left in")

    result = site.run("push")
    assert result.code == 1
    assert "marqueurs de conflit" in result.out and "ligne" in result.out
    assert "<<<<<<<" not in mediawiki.editor(0).text(title)


def test_a_conflict_file_the_user_edits_is_never_overwritten(site, mediawiki):
    title = _conflict_on_push(site, mediawiki, "Fichier de conflit modifié")
    draft = "Mon brouillon de résolution, en cours.\n"
    (site.path / CONFLICT).write_text(draft)
    mediawiki.editor(0).edit(title, BODY.replace("Deuxième paragraphe", "Deuxième paragraphe encore revu"), "wiki")

    for command in ("pull", "push", "pull"):
        result = site.run(command)
        assert result.code == 1, result.text
        assert (site.path / CONFLICT).read_text() == draft
    assert "vous avez modifié conflits-movilab/fiche.md" in result.out


def test_resolve_takes_the_edited_conflict_file_credits_the_wiki_editor_and_push_sends_it(site, mediawiki):
    title = _conflict_on_push(site, mediawiki, "Conflit résolu")
    both = (site.path / CONFLICT).read_text()
    resolved = both.split("<<<<<<<")[0] + "Premier paragraphe (versions git et wiki réunies) sur l'accueil.\n"
    resolved += both.split(">>>>>>> Movilab\n", 1)[1]
    (site.path / CONFLICT).write_text(resolved)

    result = site.run("resolve", "fiche.md")
    assert result.code == 0, result.text
    assert "lancez push" in result.out
    assert not (site.path / CONFLICT).exists()
    assert "(versions git et wiki réunies)" in site.read("fiche.md")
    log = site.git("log", "-1", "--format=%an%n%B")
    assert log.startswith("Alice Martin") and "Co-authored-by: Sacha <Sacha@127.0.0.1>" in log
    assert site.git("status", "--porcelain") == ""

    pulled = site.run("pull")
    assert pulled.code == 0 and "lancez push" in pulled.out
    pushed = site.run("push")
    assert pushed.code == 0, pushed.text
    assert "résolution du conflit envoyée" in pushed.out
    assert "(versions git et wiki réunies)" in mediawiki.editor(0).text(title)
    assert "conflict" not in _state(site)["pages"][title]
    assert site.run("status").code == 0 and site.run("pull").code == 0


def test_resolve_refuses_a_text_still_holding_markers_and_changes_nothing(site, mediawiki):
    _conflict_on_push(site, mediawiki, "Résolution avec marqueurs")
    head = site.git("rev-parse", "HEAD")
    (site.path / CONFLICT).write_text((site.path / CONFLICT).read_text() + "\nUne ligne ajoutée.\n")
    result = site.run("resolve", "docs/fiche.md")
    assert result.code == 2
    assert "marqueurs de conflit" in result.err and "conflits-movilab/fiche.md:" in result.err
    assert site.git("rev-parse", "HEAD") == head


@pytest.mark.parametrize(("side", "kept"), [("wiki", "(version wiki)"), ("git", "(version git)")])
def test_resolve_can_keep_one_side_for_every_conflicting_passage(site, mediawiki, side, kept):
    title = _conflict_on_push(site, mediawiki, f"Garder {side}")
    result = site.run("resolve", "fiche.md", "--garder", side)
    assert result.code == 0, result.text
    assert kept in site.read("fiche.md")
    assert site.run("push").code == 0
    assert kept in mediawiki.editor(0).text(title)


def test_resolve_without_any_change_explains_the_choices(site, mediawiki):
    _conflict_on_push(site, mediawiki, "Rien de réuni")
    result = site.run("resolve", "fiche.md")
    assert result.code == 2 and "--garder git" in result.err and "--garder wiki" in result.err


def test_a_commit_deleting_the_conflict_file_is_a_resolution(site, mediawiki):
    title = _conflict_on_push(site, mediawiki, "Conflit résolu sur la forge")
    site.write("fiche.md", page(title, BODY.replace("Premier paragraphe", "Premier paragraphe (réunis sur la forge)")))
    site.git("rm", "-q", CONFLICT)
    site.commit("Resolve the conflict in the forge's web editor")

    result = site.run("push")
    assert result.code == 0, result.text
    assert "(réunis sur la forge)" in mediawiki.editor(0).text(title)
    assert "Co-authored-by: Sacha" in site.git("log", "-1", "--format=%B")
    assert site.run("status").code == 0


def test_a_wiki_edit_newer_than_the_conflict_still_conflicts_with_the_resolution(site, mediawiki):
    title = _conflict_on_push(site, mediawiki, "Conflit puis nouvelle modification")
    site.write("fiche.md", page(title, BODY.replace("Premier paragraphe", "Premier paragraphe (réunis)")))
    site.commit("Resolve the conflict in the page itself")
    assert site.run("resolve", "fiche.md").code == 0
    newer = BODY.replace("Premier paragraphe", "Premier paragraphe (encore modifié sur le wiki)")
    mediawiki.editor(1).edit(title, newer, "wiki again")

    result = site.run("push")
    assert result.code == 1 and "CONFLIT" in result.out
    assert "(encore modifié sur le wiki)" in mediawiki.editor(0).text(title)
    assert "(encore modifié sur le wiki)" in (site.path / CONFLICT).read_text()


def test_a_wiki_edit_elsewhere_after_the_resolution_is_merged_in(site, mediawiki):
    title = _conflict_on_push(site, mediawiki, "Résolution puis modification ailleurs")
    assert site.run("resolve", "fiche.md", "--garder", "git").code == 0
    wiki_now = mediawiki.editor(0).text(title)
    mediawiki.editor(0).edit(title, wiki_now.replace("Troisième paragraphe", "Troisième paragraphe (wiki)"), "w")

    result = site.run("push")
    assert result.code == 0, result.text
    text = mediawiki.editor(0).text(title)
    assert "(version git)" in text and "Troisième paragraphe (wiki)" in text
    assert site.run("status").code == 0


def test_a_conflict_written_into_the_state_by_hand_never_sends_over_a_wiki_edit(site, mediawiki):
    """The 5-line pull request of #10: `conflict` with `resolved` set in the state, and a typo fixed."""
    import hashlib

    title = unique_title("Résolution forgée")
    site.write("fiche.md", page(title, "Premier paragraphe.\n\nSecond paragraphe."))
    site.commit()
    assert site.run("push").code == 0
    good_state = (site.path / ".movilab-sync.json").read_text()
    wiki_text = "Premier paragraphe.\n\nSecond paragraphe, complété sur le wiki."
    mediawiki.editor(1).edit(title, wiki_text, "complément")
    revid = mediawiki.editor(0).revisions(title)[0]["revid"]
    text = page(title, "Premier paragraphe corrigé.\n\nSecond paragraphe.")
    site.write("fiche.md", text)
    state = json.loads(good_state)
    resolved = hashlib.sha256(text.encode()).hexdigest()
    state["pages"][title]["conflict"] = {"revid": revid, "resolved": resolved, "editors": []}
    (site.path / ".movilab-sync.json").write_text(json.dumps(state, ensure_ascii=False, indent=1))
    site.git("add", ".movilab-sync.json")
    site.commit("Typo fix")

    refused = site.run("push")
    assert refused.code == 1, refused.text
    assert f"le conflit avec la révision {revid} résolu" in refused.out and "complété sur le wiki" in refused.out
    assert mediawiki.editor(0).text(title) == wiki_text
    (site.path / ".movilab-sync.json").write_text(good_state)
    site.git("commit", "-qam", "Restore the sync state")
    assert site.run("pull").code == 0 and site.run("push").code == 0
    assert mediawiki.editor(0).text(title) == "Premier paragraphe corrigé.\n\nSecond paragraphe, complété sur le wiki."
