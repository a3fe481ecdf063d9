# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a pull request cannot make the sync do: write on another page, send the password elsewhere,
write into another namespace, or read and write through a symbolic link.

Each attack is what a member's pull request could commit (files of the branch:
the state, mkdocs.yml, pages, links), run as the CI push would run it.
"""

from __future__ import annotations

import json
import os

import pytest

from tests.sync.conftest import Listener, make_repo, page, unique_title

pytestmark = pytest.mark.wiki

STATE = ".movilab-sync.json"


def _state(site) -> dict:
    return json.loads((site.path / STATE).read_text())


def _foreign_page(mediawiki, stem: str) -> tuple[str, dict]:
    """Another network's page: created on the wiki by someone else, never by the sync."""
    title = unique_title(stem)
    mediawiki.editor(1).edit(title, "Le texte d'un autre réseau.", "création")
    return title, mediawiki.editor(0).revisions(title)[0]


# -- a forged state file ---------------------------------------------------------------------------------


def test_a_state_entry_renamed_to_another_networks_page_never_makes_the_sync_write_there(site, mediawiki):
    ours = unique_title("Notre fiche")
    site.write("fiche.md", page(ours, "Notre texte."))
    site.commit()
    assert site.run("push").code == 0
    foreign, revision = _foreign_page(mediawiki, "Page d'un autre réseau")
    # The 5-line pull request: the entry renamed to the other page, with its current revision…
    state = json.loads((site.path / STATE).read_text())
    entry = state["pages"].pop(ours)
    entry.update(revid=revision["revid"], timestamp=revision["timestamp"])
    state["pages"][foreign] = entry
    (site.path / STATE).write_text(json.dumps(state, ensure_ascii=False, indent=1))
    # … and the page's header pointing there, with the text to write.
    site.write("fiche.md", page(foreign, "Texte écrasé par la demande de fusion."))
    site.git("add", STATE)
    site.commit("Innocent-looking pull request")

    result = site.run("push")
    assert result.code == 1, result.text
    assert foreign in result.out and "ne montre pas qu'elle a été créée ou adoptée" in result.out
    assert mediawiki.editor(0).text(foreign) == "Le texte d'un autre réseau."
    assert len(mediawiki.editor(0).revisions(foreign)) == 1


def test_a_state_entry_added_for_an_existing_page_is_refused_too(site, mediawiki):
    foreign, revision = _foreign_page(mediawiki, "Autre page existante")
    site.write("fiche.md", page(foreign, "Texte qui voudrait remplacer l'autre."))
    state = {
        "version": 1,
        "api": site.api_url,
        "cursor": "",
        "pages": {
            foreign: {
                "path": "fiche.md",
                "revid": revision["revid"],
                "timestamp": revision["timestamp"],
                "local_sha256": "0" * 64,
                "wiki_sha256": "0" * 64,
            }
        },
    }
    (site.path / STATE).write_text(json.dumps(state))
    site.commit("A new page and a forged entry")
    site.git("add", STATE)
    site.git("commit", "-q", "-m", "state")

    result = site.run("push")
    assert result.code == 1 and foreign in result.out
    assert mediawiki.editor(0).text(foreign) == "Le texte d'un autre réseau."


def test_an_existing_page_with_the_same_text_is_not_adopted_without_import(site, mediawiki):
    foreign, _ = _foreign_page(mediawiki, "Page au même texte")
    site.write("fiche.md", page(foreign, "Le texte d'un autre réseau."))
    site.commit("Same text as the other network's page")
    for command in ("push", "pull"):
        result = site.run(command)
        assert result.code == 1 and "import" in result.out, result.text
    assert not (site.path / STATE).exists() or foreign not in _state(site)["pages"]
    assert len(mediawiki.editor(0).revisions(foreign)) == 1


def test_import_adopts_on_purpose_and_then_the_page_is_synced(site, mediawiki):
    foreign, _ = _foreign_page(mediawiki, "Page adoptée exprès")
    assert site.run("import", foreign, "--to", "adoptee.md").code == 0
    site.write("adoptee.md", site.read("adoptee.md").replace("d'un autre réseau", "adopté par le réseau"))
    site.commit()
    result = site.run("push")
    assert result.code == 0, result.text
    assert mediawiki.editor(0).text(foreign) == "Le texte adopté par le réseau."


# -- where the password goes ------------------------------------------------------------------------------


def _redirected(site, listener: Listener) -> None:
    """The pull request: mkdocs.yml and the state point the sync at another host."""
    config = (site.path / "mkdocs.yml").read_text()
    config = config.replace(f"api: {site.api_url}", f"api: {listener.api_url}")
    (site.path / "mkdocs.yml").write_text(config)
    state = _state_or_empty(site)
    state["api"] = listener.api_url
    (site.path / STATE).write_text(json.dumps(state))
    site.git("add", "-A")
    site.git("commit", "-q", "-m", "Move the wiki")


def _state_or_empty(site) -> dict:
    if (site.path / STATE).exists():
        return json.loads((site.path / STATE).read_text())
    return {"version": 1, "api": "", "cursor": "", "pages": {}}


def test_without_movilab_api_in_the_environment_the_password_is_never_sent(site, mediawiki, listener):
    site.write("fiche.md", page(unique_title("Vers un autre hôte"), "Texte."))
    site.commit()
    _redirected(site, listener)
    site.env["MOVILAB_API"] = ""  # only the branch names an API: the CI set the password alone
    result = site.run("push")
    assert result.code == 2
    assert "MOVILAB_API" in result.err and "jamais à celle d'un fichier du dépôt" in result.err
    assert listener.received == []
    assert mediawiki.password not in result.text


def test_an_api_changed_in_the_branch_is_refused_before_login(site, mediawiki, listener):
    title = unique_title("Synchro détournée")
    site.write("fiche.md", page(title, "Texte."))
    site.commit()
    assert site.run("push").code == 0
    _redirected(site, listener)
    site.write("fiche.md", page(title, "Texte modifié."))
    site.commit()
    result = site.run("push")  # MOVILAB_API still names the real wiki: the branch's address is not used
    assert result.code == 2 and listener.api_url in result.err
    assert listener.received == []


def test_an_api_that_redirects_elsewhere_never_gets_the_password_through(site, mediawiki, listener):
    relay = Listener((307, {"Location": listener.api_url}, b""))
    try:
        site.write("fiche.md", page(unique_title("Redirection"), "Texte."))
        site.commit()
        site.env["MOVILAB_API"] = relay.api_url
        site.api_url = relay.api_url
        result = site.run("push")
        assert result.code == 1 and "ne suit pas les redirections" in result.err
        assert listener.received == []
        assert not relay.saw(mediawiki.password) and not relay.saw("lgpassword")
    finally:
        relay.close()


def test_a_redirection_once_logged_in_carries_neither_the_edit_nor_the_session_elsewhere(
    tmp_path, mediawiki, proxy, listener
):
    """The wiki's API answering an edit with a redirection to another port of the same host: requests
    would resend the edit (its token) there, with the session's cookies (a cookie ignores the port)."""
    site = make_repo(tmp_path / "site", proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)
    site.write("fiche.md", page(unique_title("Redirigée après connexion"), "Texte."))
    site.commit()
    proxy.fault = lambda seen: (307, {"Location": listener.api_url}, b"") if "action=edit" in seen else None
    result = site.run("push")
    assert result.code == 1 and "ne suit pas les redirections" in result.text, result.text
    assert any("action=login" in seen for seen in proxy.requests)  # the session was open
    assert listener.received == []


def test_a_plain_http_api_on_another_host_is_refused_before_any_request(site):
    site.write("fiche.md", page(unique_title("En clair"), "Texte."))
    site.commit()
    site.env["MOVILAB_API"] = "http://198.51.100.7/api.php"
    site.api_url = site.env["MOVILAB_API"]
    result = site.run("push")
    assert result.code == 2 and "https" in result.err


# -- namespaces --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["Modèle:Ressource", "Template:Ressource", "Help:Accueil", "Utilisateur:SyncBot/common.js", "MediaWiki:Common.js"],
)
def test_titles_outside_the_main_namespace_are_refused_before_any_request(tmp_path, mediawiki, proxy, title):
    site = make_repo(tmp_path / "site", proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)
    site.write("fiche.md", page("Fiche", "Texte.").replace("movilab: Fiche", f"movilab: {title}"))
    site.commit()
    before = len(proxy.requests)
    for command in ("status", "push"):
        result = site.run(command)
        assert result.code == 2 and "docs/fiche.md" in result.err and "titre refusé" in result.err
    assert len(proxy.requests) == before


def test_a_namespace_the_network_allows_is_checked_in_the_wikis_own_spelling(site, mediawiki):
    stem = unique_title("Charte commune")
    site.write("charte.md", page("Charte", "Texte.").replace("movilab: Charte", f"movilab: Project:{stem}"))
    site.commit()
    refused = site.run("push")
    assert refused.code == 2 and "Project" in refused.err  # not allowed by default
    config = (site.path / "mkdocs.yml").read_text().replace("    pages:", "    namespaces: [Project]\n    pages:", 1)
    (site.path / "mkdocs.yml").write_text(config)
    site.git("commit", "-qam", "Allow the project namespace")
    spelled = site.run("push")
    assert spelled.code == 1 and "s'écrit « Movilab bac à sable:" in spelled.out
    site.write("charte.md", site.read("charte.md").replace("Project:", "Movilab bac à sable:"))
    site.commit()
    assert site.run("push").code == 0
    assert mediawiki.editor(0).text(f"Movilab bac à sable:{stem}") == "Texte."


# -- symbolic links ---------------------------------------------------------------------------------------


def test_a_symlinked_page_is_never_read_nor_sent(site, mediawiki, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(page(unique_title("Lien"), "SECRET-DE-LA-MACHINE"))
    os.symlink(secret, site.path / "docs" / "lien.md")
    site.git("add", "-A")
    site.git("commit", "-q", "-m", "A link")
    for command in ("status", "push"):
        result = site.run(command)
        assert result.code == 2 and "docs/lien.md" in result.err and "lien symbolique" in result.err
        assert "SECRET-DE-LA-MACHINE" not in result.text


def test_a_symlinked_conflict_folder_is_never_written_through(site, mediawiki, tmp_path):
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    title = unique_title("Conflit vers un lien")
    site.write("fiche.md", page(title, "Premier."))
    site.commit()
    assert site.run("push").code == 0
    os.symlink(outside, site.path / "conflits-movilab")
    site.git("add", "-A")
    site.git("commit", "-q", "-m", "Link the conflict folder elsewhere")
    site.write("fiche.md", page(title, "Premier (git)."))
    site.commit()
    mediawiki.editor(1).edit(title, "Premier (wiki).", "wiki")
    head = site.git("rev-parse", "HEAD")

    result = site.run("push")
    assert result.code == 2 and "conflits-movilab" in result.err and "lien symbolique" in result.err
    assert list(outside.iterdir()) == []
    assert site.git("rev-parse", "HEAD") == head  # nothing committed either
    assert mediawiki.editor(0).text(title) == "Premier (wiki)."


def test_a_symlinked_images_folder_is_never_written_through(site, mediawiki, tmp_path):
    from tests.sync.test_images import png

    outside = tmp_path / "images-ailleurs"
    outside.mkdir()
    shown, title = unique_title("Page illustrée"), unique_title("Images vers un lien")
    name = f"Lien-{title.split()[-1]}.png"
    site.write("a/fiche.md", page(shown, f"![Image](images/{name})"))
    (site.path / "docs" / "a" / "images").mkdir()
    (site.path / "docs" / "a" / "images" / name).write_bytes(png((1, 2, 3)))
    site.write("b/fiche.md", page(title, "Sans image."))
    site.commit()
    assert site.run("push", "--images").code == 0  # the image is on the wiki now
    os.symlink(outside, site.path / "docs" / "b" / "images")
    site.git("add", "-A")
    site.git("commit", "-q", "-m", "Link an images folder elsewhere")
    mediawiki.editor(0).edit(title, f"Sans image.\n\n[[Fichier:{name}|Une image]]\n", "image")

    result = site.run("pull", "--images")
    assert result.code == 1 and "docs/b/images" in result.out and "lien symbolique" in result.out
    assert list(outside.iterdir()) == []


def test_a_symlinked_image_is_never_read_nor_uploaded(site, mediawiki, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG pas une image : un secret de la machine")
    title = unique_title("Image liée")
    name = f"Secret-{title.split()[-1]}.png"
    (site.path / "docs" / "images").mkdir()
    os.symlink(secret, site.path / "docs" / "images" / name)
    site.write("fiche.md", page(title, f"![Image](images/{name})"))
    site.commit()
    result = site.run("push", "--images")
    assert result.code == 1 and "lien symbolique" in result.out
    assert mediawiki.editor(0).text(f"Fichier:{name}") is None


# -- a forged revision: a wiki edit nobody pulled, made to look synced --------------------------------------


@pytest.mark.parametrize("hash_too", [False, True], ids=["révision", "révision et empreinte"])
def test_a_state_moving_a_revision_forward_never_makes_push_write_over_a_wiki_edit(site, mediawiki, hash_too):
    import hashlib

    title = unique_title("Fiche modifiée sur le wiki")
    site.write("fiche.md", page(title, "Premier paragraphe.\n\nSecond paragraphe."))
    site.commit()
    assert site.run("push").code == 0
    good_state = (site.path / STATE).read_text()
    wiki_text = "Premier paragraphe.\n\nSecond paragraphe, complété sur le wiki."
    mediawiki.editor(1).edit(title, wiki_text, "complément")
    edit = mediawiki.editor(0).revisions(title)[0]
    # The pull request: a typo fixed in the page, and the entry's revision moved to the wiki edit.
    state = _state(site)
    state["pages"][title].update(revid=edit["revid"], timestamp=edit["timestamp"])
    if hash_too:  # what a careful forger adds: the hash of the wiki text, public on the wiki
        state["pages"][title]["wiki_sha256"] = hashlib.sha256(wiki_text.encode()).hexdigest()
    (site.path / STATE).write_text(json.dumps(state, ensure_ascii=False, indent=1))
    site.write("fiche.md", page(title, "Premier paragraphe corrigé.\n\nSecond paragraphe."))
    site.git("add", STATE)
    site.commit("Typo fix")

    refused = site.run("push")
    assert refused.code == 1, refused.text
    assert f"la révision {edit['revid']} (de Sacha) synchronisée" in refused.out
    assert mediawiki.editor(0).text(title) == wiki_text  # the wiki edit is still the page's text
    # The coordinator restores the state, pulls, and both edits reach the wiki.
    (site.path / STATE).write_text(good_state)
    site.git("commit", "-qam", "Restore the sync state")
    assert site.run("pull").code == 0
    assert site.run("push").code == 0
    assert mediawiki.editor(0).text(title) == "Premier paragraphe corrigé.\n\nSecond paragraphe, complété sur le wiki."
