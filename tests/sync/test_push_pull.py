# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Round trips between a real git repository and the real wiki."""

from __future__ import annotations

import json

import pytest

from tests.sync.conftest import page, unique_title

pytestmark = pytest.mark.wiki


def test_push_creates_the_page_then_nothing_is_left_to_do(site, mediawiki):
    title = unique_title("Fiche envoyée")
    site.write("fiche.md", page(title, "Un premier paragraphe.\n\nUn second paragraphe."))
    site.commit("Add a fiche", author="Camille Roux <camille@example.org>")

    status = site.run("status")
    assert status.code == 1 and "nouvelle" in status.out

    pushed = site.run("push")
    assert pushed.code == 0, pushed.text
    assert "envoyée" in pushed.out
    wiki = mediawiki.session(mediawiki.user, mediawiki.password)
    assert "Un second paragraphe." in wiki.text(title)
    [revision] = wiki.revisions(title)
    assert "Camille Roux" in revision["comment"] and "CC BY-SA 4.0" in revision["comment"]

    again = site.run("status")
    assert again.code == 0 and "Tout est à jour" in again.out
    assert site.run("push").code == 0
    assert len(wiki.revisions(title)) == 1  # a second push edits nothing


def test_pull_commits_each_page_credited_to_its_wiki_editors(site, mediawiki):
    title = unique_title("Fiche modifiée sur le wiki")
    site.write("fiche.md", page(title, "Texte de départ."))
    site.commit()
    assert site.run("push").code == 0
    mediawiki.editor(0).edit(title, "Texte revu par Camille.\n", "relecture")
    mediawiki.editor(1).edit(title, "Texte revu par Camille puis Sacha.\n", "complément")

    pulled = site.run("pull")
    assert pulled.code == 0, pulled.text
    assert "Texte revu par Camille puis Sacha." in site.read("fiche.md")
    log = site.git("log", "-1", "--format=%an <%ae>%n%B")
    assert log.startswith("Sacha <Sacha@127.0.0.1>")
    assert "Co-authored-by: Camille Dupont <Camille_Dupont@127.0.0.1>" in log
    revids = [r["revid"] for r in mediawiki.editor(0).revisions(title)]
    assert f"Movilab-Revision: {max(revids)}" in log
    assert site.git("status", "--porcelain") == ""  # pull leaves a clean tree, state included
    state = json.loads((site.path / ".movilab-sync.json").read_text())
    assert state["pages"][title]["revid"] == max(revids)
    assert site.run("pull").code == 0 and "Rien à récupérer" in site.run("pull").out


def test_import_brings_an_existing_page_with_its_template_and_categories(site, mediawiki):
    title = unique_title("Ressource existante")
    mediawiki.editor(1).edit(
        title,
        "{{Ressource\n|type=Fiche pratique\n|territoire=Bretagne\n}}\nTexte libre de la ressource.\n\n"
        "[[Catégorie:Gouvernance]]\n",
        "création",
    )
    result = site.run("import", title, "--to", "boite-a-outils/ressource.md")
    assert result.code == 0, result.text
    text = site.read("boite-a-outils/ressource.md")
    assert f"movilab: {title}" in text
    assert "Texte libre de la ressource." in text
    assert "Ressource" in text and "Gouvernance" in text  # template and category kept in front matter
    assert site.git("log", "-1", "--format=%an").strip() == "Sacha"
    assert site.run("status").code == 0


def test_renamed_file_keeps_its_wiki_page_and_deleted_file_needs_delete(site, mediawiki):
    title = unique_title("Fiche déplacée")
    site.write("ancien.md", page(title, "Contenu stable."))
    site.commit()
    assert site.run("push").code == 0
    site.git("mv", "docs/ancien.md", "docs/nouveau.md")
    site.commit("Move the fiche")
    moved = site.run("push")
    assert moved.code == 0 and "renommé" in moved.out
    state = json.loads((site.path / ".movilab-sync.json").read_text())
    assert state["pages"][title]["path"] == "nouveau.md"
    wiki = mediawiki.session(mediawiki.user, mediawiki.password)
    assert len(wiki.revisions(title)) == 1

    site.git("rm", "-q", "docs/nouveau.md")
    site.commit("Remove the fiche")
    kept = site.run("push")
    assert "--delete" in kept.out
    assert wiki.text(title) is not None
    deleted = site.run("push", "--delete")
    assert deleted.code == 0, deleted.text
    assert wiki.text(title) is None


def test_dry_run_prints_the_wikitext_diff_and_edits_nothing(site, mediawiki):
    title = unique_title("Fiche prévisualisée")
    site.write("fiche.md", page(title, "Version une."))
    site.commit()
    assert site.run("push").code == 0
    site.write("fiche.md", page(title, "Version deux."))
    site.commit()
    preview = site.run("push", "--dry-run")
    assert preview.code == 0
    assert "-Version une." in preview.out and "+Version deux." in preview.out
    assert "Version une." in mediawiki.editor(0).text(title)


def test_a_cursor_older_than_recent_changes_falls_back_and_is_renewed(site, mediawiki, proxy):
    site.api_url = proxy.api_url  # count requests at the proxy, from the first sync on
    title = unique_title("Curseur ancien")
    site.write("fiche.md", page(title, "Texte."))
    site.commit()
    assert site.run("push").code == 0
    state_file = site.path / ".movilab-sync.json"
    state = json.loads(state_file.read_text())
    state["cursor"] = "2020-01-01T00:00:00Z"  # older than anything the wiki still lists
    state_file.write_text(json.dumps(state))
    site.git("commit", "-qam", "Old cursor")
    (site.path / ".git" / "movilab-sync-cursor.json").unlink(missing_ok=True)
    mediawiki.editor(1).edit(title, "Texte revu.", "wiki")

    assert site.run("pull").code == 0
    assert "Texte revu." in site.read("fiche.md")
    fresh = json.loads(state_file.read_text())["cursor"]
    assert fresh > "2026"
    before = len(proxy.requests)
    assert site.run("status").code == 0
    made = proxy.requests[before:]
    # One look at recent changes from the renewed cursor (no fallback to reading every page). The wiki is
    # shared by the whole suite: when it had more than 500 changes in that window, the same look takes
    # continuations of its own.
    assert all("list=recentchanges" in seen for seen in made), made
    assert len([seen for seen in made if "rccontinue=" not in seen]) == 1, made


def test_a_changed_movilab_title_moves_the_wiki_page_with_its_history(site, mediawiki):
    old, new = unique_title("Ancien titre"), unique_title("Nouveau titre")
    site.write("fiche.md", page(old, "Texte qui garde son histoire."))
    site.commit()
    assert site.run("push").code == 0
    site.write(
        "fiche.md", page(old, "Texte qui garde son histoire, revu.").replace(f"movilab: {old}", f"movilab: {new}")
    )
    site.commit("Retitle the page")
    status = site.run("status")
    assert "titre Movilab changé" in status.out
    result = site.run("push")
    assert result.code == 0, result.text
    wiki = mediawiki.editor(0)
    assert "revu" in wiki.text(new)
    assert len(wiki.revisions(new)) >= 3  # creation, move, edit: one history
    assert "#" in (wiki.text(old) or "") or "REDIRECT" in (wiki.text(old) or "").upper()
    state = json.loads((site.path / ".movilab-sync.json").read_text())
    assert new in state["pages"] and old not in state["pages"]
    assert site.run("status").code == 0


def test_a_page_renamed_on_the_wiki_is_followed_by_its_file(site, mediawiki):
    from devtools.sandbox import ADMIN_PASSWORD, ADMIN_USER

    old, new = unique_title("Titre wiki ancien"), unique_title("Titre wiki nouveau")
    site.write("fiche.md", page(old, "Texte de la fiche."))
    site.commit()
    assert site.run("push").code == 0
    admin = mediawiki.session(ADMIN_USER, ADMIN_PASSWORD)
    token = admin.call({"action": "query", "meta": "tokens"})["query"]["tokens"]["csrftoken"]
    moved = admin.call({"action": "move", "from": old, "to": new, "reason": "harmonisation", "token": token})
    assert "error" not in moved, moved

    result = site.run("pull")
    assert result.code == 0, result.text
    text = site.read("fiche.md")
    assert f"movilab: {new}" in text and "Texte de la fiche." in text
    state = json.loads((site.path / ".movilab-sync.json").read_text())
    assert new in state["pages"] and old not in state["pages"]
    assert site.git("status", "--porcelain") == ""
    assert site.run("status").code == 0


def test_each_edit_summary_names_only_the_commits_of_its_own_page(site, mediawiki):
    """The commits of all pages are read at once (one git log): each summary must still get its own."""
    one, two = unique_title("Résumé un"), unique_title("Résumé deux")
    site.write("un.md", page(one, "Premier texte."))
    site.write("deux.md", page(two, "Second texte."))
    site.commit("Add two fiches")
    assert site.run("push").code == 0
    site.write("un.md", page(one, "Premier texte, revu par Camille."))
    site.commit("Review one", author="Camille Roux <camille@example.org>")
    site.write("deux.md", page(two, "Second texte, revu par Sacha."))
    site.commit("Review two", author="Sacha Petit <sacha@example.org>")
    site.write("un.md", page(one, "Premier texte, revu par Camille puis Dominique."))
    site.commit("Review one again", author="Dominique Blanc <dominique@example.org>")

    assert site.run("push").code == 0
    wiki = mediawiki.session(mediawiki.user, mediawiki.password)
    first = wiki.revisions(one)[0]["comment"]
    second = wiki.revisions(two)[0]["comment"]
    assert "Camille Roux" in first and "Dominique Blanc" in first and "Sacha Petit" not in first
    assert "Sacha Petit" in second and "Camille Roux" not in second and "Dominique Blanc" not in second


def test_a_wiki_page_the_site_build_would_refuse_is_not_written_and_stays_to_pull_the_others_are_pulled(
    site, mediawiki
):
    """The build's Markdown limits (commons/markdown_limits.py) apply to what a pull would write in docs/."""
    headings, links, light = (unique_title(stem) for stem in ("Titres serrés", "Liens serrés", "Page légère"))
    for name, title in (("titres", headings), ("liens", links), ("legere", light)):
        site.write(f"{name}.md", page(title, "Texte de départ."))
    site.commit()
    assert site.run("push").code == 0
    before = {name: site.read(f"{name}.md") for name in ("titres", "liens")}
    synced = json.loads((site.path / ".movilab-sync.json").read_text())["pages"]
    wiki = mediawiki.editor(1)
    # A wiki page anyone may write: 1,100 headings without a blank line, 1,100 words in italics in one
    # paragraph (1,100 closed links there would pass: each is read at once).
    wiki.edit(headings, "\n".join(f"== Étape {k} ==" for k in range(1100)), "titres")
    wiki.edit(links, " ".join(f"''lien {k}''" for k in range(1100)), "liens")
    wiki.edit(light, "Texte revu sur le wiki.", "revu")
    head = site.git("rev-parse", "HEAD")

    result = site.run("pull")
    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    rows = {line.split("  ")[0]: line for line in result.out.splitlines() if "  docs/" in line}
    assert "docs/titres.md" in rows[headings] and "docs/liens.md" in rows[links]
    assert "ce bloc compte 1100 lignes sans ligne vide" in rows[headings]
    assert "Ligne 6 (« ## Étape 0 »)" in rows[headings] and "séparez les titres" in rows[headings].lower()
    assert (
        "ce paragraphe compte 2200 marques de mise en forme" in rows[links]
        and "Sur Movilab, séparez ce passage" in rows[links]
    )
    for row in (rows[headings], rows[links]):
        assert "rien n'a été écrit" in row and "Une fois la page corrigée sur Movilab, relancez pull" in row
    # nothing written for them, their revision still to pull; the other page is pulled
    assert {name: site.read(f"{name}.md") for name in ("titres", "liens")} == before
    assert "Texte revu sur le wiki." in site.read("legere.md")
    state = json.loads((site.path / ".movilab-sync.json").read_text())["pages"]
    assert state[headings] == synced[headings] and state[links] == synced[links]
    assert state[light]["revid"] > synced[light]["revid"]
    assert site.git("rev-parse", "HEAD") != head and not site.git("status", "--porcelain")
    assert site.run("status").code == 1  # still differs: the wiki has a revision git has not

    wiki.edit(headings, "\n\n".join(f"== Étape {k} ==\nTexte." for k in range(3)), "lignes vides")
    wiki.edit(links, "\n\n".join(f"[https://exemple.org/{k} lien {k}]" for k in range(3)), "paragraphes")
    again = site.run("pull")
    assert again.code == 0, again.text
    assert "## Étape 2" in site.read("titres.md") and "lien 2" in site.read("liens.md")
    assert site.run("status").code == 0


def test_an_import_the_site_build_would_refuse_is_refused_and_nothing_changes(site, mediawiki):
    title = unique_title("Import serré")
    mediawiki.editor(1).edit(title, "\n".join(f"== Étape {k} ==" for k in range(1100)), "titres")
    head = site.git("rev-parse", "HEAD")
    result = site.run("import", title, "--to", "serre.md")
    assert result.code == 1, result.text
    assert "rien n'a été importé" in result.err and "ce bloc compte 1100 lignes sans ligne vide" in result.err
    assert "docs/serre.md" in result.err and title in result.err and "Traceback" not in result.text
    assert site.git("rev-parse", "HEAD") == head and not (site.path / "docs" / "serre.md").exists()
    assert not site.git("status", "--porcelain")
