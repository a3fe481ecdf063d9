# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A checkout with CRLF line ends, as a coordinator on Windows has it (core.autocrlf): what the sync
commits and what it finds are what it would on a checkout with LF."""

from __future__ import annotations

import pytest

from tests.sync.conftest import page, unique_title
from tests.sync.test_spellings import _blob, _synced_then_crlf

pytestmark = pytest.mark.wiki


def _autocrlf_checkout(site) -> None:
    """Git for Windows' default: core.autocrlf=true, pages stored with LF, checked out with CRLF."""
    site.git("config", "core.autocrlf", "true")
    for file in (site.path / "docs").rglob("*.md"):
        file.unlink()
    site.git("checkout", "--", "docs")
    assert b"\r\n" in next((site.path / "docs").rglob("fiche.md")).read_bytes()
    assert site.git("status", "--porcelain") == ""


@pytest.mark.parametrize(
    "same",
    [
        "Premier paragraphe.\n\nSecond paragraphe.",
        "Premier paragraphe. \n\nSecond paragraphe.",
    ],
)
@pytest.mark.parametrize("crlf", [True, False])
def test_a_wiki_edit_that_changes_no_markdown_makes_no_commit_on_a_crlf_checkout(site, mediawiki, same, crlf):
    """Vandalism undone, or a space at a line's end: the page's Markdown is the file's; on a CRLF
    checkout the pull compared the file's CRLF text with the LF text it would write, and made an
    empty commit credited to the wiki's editors."""
    title = unique_title("Page rétablie sur le wiki")
    site.write("fiche.md", page(title, "Premier paragraphe.\n\nSecond paragraphe."))
    site.commit()
    assert site.run("push").code == 0
    if crlf:
        _autocrlf_checkout(site)
    head = site.git("rev-parse", "HEAD").strip()
    wiki = mediawiki.editor(1)
    wiki.edit(title, "N'importe quoi.", "vandalisme")
    wiki.edit(title, same, "rétabli")
    pulled = site.run("pull")
    assert pulled.code == 0, pulled.text
    # The page's text is the one git has: no commit credits the wiki's editors with a change of nothing.
    made = site.git("log", "--format=%s", f"{head}..HEAD").splitlines()
    assert made == ["Movilab : état de synchronisation après récupération"]
    assert site.git("status", "--porcelain") == ""
    assert site.run("status").code == 0


def test_a_push_merging_a_wiki_edit_that_changes_no_markdown_makes_no_commit_on_a_crlf_checkout(site, mediawiki):
    title = unique_title("Page revue dans git, espace ajoutée sur le wiki")
    _synced_then_crlf(site, title, "Premier paragraphe.\n\nSecond paragraphe.", checkout=_autocrlf_checkout)
    crlf = (site.path / "docs" / "fiche.md").read_bytes().decode("utf-8")
    site.write("fiche.md", crlf.replace("Second paragraphe.", "Second paragraphe, revu dans git."))
    site.commit()
    head = site.git("rev-parse", "HEAD").strip()
    mediawiki.editor(1).edit(title, "Premier paragraphe. \n\nSecond paragraphe.", "espace")
    pushed = site.run("push")
    assert pushed.code == 0, pushed.text
    made = site.git("log", "--format=%s", f"{head}..HEAD").splitlines()
    assert made == ["Movilab : état de synchronisation après envoi"]
    assert "Second paragraphe, revu dans git." in mediawiki.editor(0).text(title)
    assert site.git("status", "--porcelain") == ""
    assert site.run("status").code == 0


BODY = "Premier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième paragraphe."
SAVES = {
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "LF": lambda text: text,
    "mêlés": lambda text: text.replace("\n", "\r\n", 3),
    "CR seul": lambda text: text.replace("Troisième (", "Troisième\r("),
    "BOM et CRLF": lambda text: "\ufeff" + text.replace("\n", "\r\n"),
}


@pytest.mark.parametrize("spelling", list(SAVES))
def test_a_save_during_a_pull_on_a_crlf_checkout_is_caught_whatever_its_line_ends(
    site, mediawiki, monkeypatch, spelling
):
    import sync.pull
    from tests.sync.test_race import _saving_while_deciding

    title = unique_title("Course en CRLF")
    _synced_then_crlf(site, title, BODY, checkout=_autocrlf_checkout)
    mediawiki.editor(1).edit(title, BODY.replace("Premier", "Premier (wiki)"), "relecture")
    mine = SAVES[spelling](page(title, BODY.replace("Troisième", "Troisième (enregistré)")))
    head = site.git("rev-parse", "HEAD")
    result = _saving_while_deciding(site, monkeypatch, sync.pull, "decide_pull", mine, "pull")
    assert result.code == 1, result.text
    assert "modifié ou supprimé pendant la synchronisation" in result.err
    assert (site.path / "docs" / "fiche.md").read_bytes() == mine.encode("utf-8")
    assert site.git("rev-parse", "HEAD") == head


def test_a_save_of_line_ends_only_during_a_pull_on_a_crlf_checkout_loses_nothing(site, mediawiki, monkeypatch):
    import sync.pull
    from tests.sync.test_race import _saving_while_deciding

    title = unique_title("Course en CRLF, fins de ligne")
    _synced_then_crlf(site, title, BODY, checkout=_autocrlf_checkout)
    mediawiki.editor(1).edit(title, BODY.replace("Premier", "Premier (wiki)"), "relecture")
    mine = page(title, BODY)  # the same text, saved with LF by an editor
    result = _saving_while_deciding(site, monkeypatch, sync.pull, "decide_pull", mine, "pull")
    # Only line ends changed: nothing of the member's is lost by writing the wiki's edit over it.
    assert result.code == 0, result.text
    assert site.read("fiche.md") == page(title, BODY.replace("Premier", "Premier (wiki)"))
    assert site.git("status", "--porcelain") == ""
    assert site.run("status").code == 0


def test_a_state_written_by_the_former_version_on_a_crlf_checkout_shows_nothing_changed(site, mediawiki):
    """The former version recorded the digest of the text as read, with its CR: the page is the same."""
    import hashlib
    import json

    title = unique_title("État ancien en CRLF")
    _synced_then_crlf(site, title, "Premier paragraphe.\n\nSecond paragraphe.", checkout=_autocrlf_checkout)
    state_file = site.path / ".movilab-sync.json"
    state = json.loads(state_file.read_text(encoding="utf-8"))
    raw = (site.path / "docs" / "fiche.md").read_bytes()
    state["pages"][title]["local_sha256"] = hashlib.sha256(raw).hexdigest()
    state_file.write_text(json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    site.git("commit", "-q", "-am", "State of the former version")
    head = site.git("rev-parse", "HEAD")
    assert site.run("status").code == 0
    pushed = site.run("push")
    assert pushed.code == 0, pushed.text
    assert len(mediawiki.editor(0).revisions(title)) == 1
    assert site.git("rev-parse", "HEAD") == head
    mediawiki.editor(1).edit(title, "Premier paragraphe revu.\n\nSecond paragraphe.", "wiki")
    pulled = site.run("pull")
    assert pulled.code == 0, pulled.text
    assert "Premier paragraphe revu." in site.read("fiche.md")
    assert not (site.path / "conflits-movilab").exists()
    assert site.run("status").code == 0 and site.git("status", "--porcelain") == ""


def test_a_page_resaved_with_crlf_and_committed_pushes_nothing(site, mediawiki):
    title = unique_title("Page réenregistrée en CRLF")
    site.write("fiche.md", page(title, "Premier paragraphe.\n\nSecond paragraphe."))
    site.commit()
    assert site.run("push").code == 0
    path = site.path / "docs" / "fiche.md"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    site.commit("Saved again on Windows")
    status = site.run("status")
    pushed = site.run("push")
    assert status.code == 0 and "Tout est à jour" in status.out, status.text
    assert pushed.code == 0 and "Rien à envoyer" in pushed.out, pushed.text  # said, and no request made
    assert len(mediawiki.editor(0).revisions(title)) == 1
    assert site.run("status").code == 0


@pytest.mark.parametrize("side", ["git", "wiki"])
def test_garder_on_a_core_autocrlf_checkout_keeps_the_side_chosen_in_lf(site, mediawiki, side):
    title = unique_title(f"Conflit gardé côté {side}")
    _synced_then_crlf(site, title, "Premier paragraphe.\n\nSecond paragraphe.", checkout=_autocrlf_checkout)
    crlf = (site.path / "docs" / "fiche.md").read_bytes().decode("utf-8")
    site.write("fiche.md", crlf.replace("Premier paragraphe.", "Premier paragraphe, version git."))
    site.commit()
    mediawiki.editor(1).edit(title, "Premier paragraphe, version wiki.\n\nSecond paragraphe.", "wiki")
    assert site.run("pull").code == 1
    for folder in ("conflits-movilab", "docs"):  # both checked out again by git, with CRLF
        for file in (site.path / folder).rglob("*.md"):
            file.unlink()
        site.git("checkout", "--", folder)
    assert b"\r\n" in (site.path / "conflits-movilab" / "fiche.md").read_bytes()
    kept = site.run("resolve", "fiche.md", "--garder", side)
    assert kept.code == 0, kept.text
    assert (
        _blob(site, "HEAD:docs/fiche.md")
        == page(title, f"Premier paragraphe, version {side}.\n\nSecond paragraphe.").encode()
    )
    assert site.git("status", "--porcelain") == ""
    assert site.run("push").code == 0
    assert mediawiki.editor(0).text(title) == f"Premier paragraphe, version {side}.\n\nSecond paragraphe."
    assert site.run("status").code == 0
