# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The decision table, without any wiki: (state, file, wiki page) → the steps of push and pull.

Each case builds the plain data `observe` would have gathered and checks the
steps `decide` returns, with their outcome codes. The conversion is the real
one; the same scenarios run end to end against the real wiki elsewhere.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from sync.convert import markdown_to_wikitext, wikitext_to_markdown
from sync.decide import Options, decide_pull, decide_push, local_change, marker_line, remote_change
from sync.mirror import LocalPage
from sync.observe import Observation, Remote
from sync.report import FAIL, WORDING, Outcome
from sync.sitemap import SiteMap
from sync.state import Conflict, PageState, sha256
from sync.wiki import Change, RemotePage

BOT = "SyncBot"
TITLE = "Budget contributif"
BODY = "Premier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième paragraphe.\n"


class Conv:
    """The real converter, with an empty site map (no links to resolve in these pages)."""

    site = SiteMap()

    def to_wiki(self, text: str, *, path: str, base: str | None) -> str:
        return markdown_to_wikitext(text, path=path, site=self.site, base=base)

    def to_markdown(self, wikitext: str, *, title: str, local: str | None, path: str | None = None) -> str:
        return wikitext_to_markdown(wikitext, title=title, site=self.site, local=local, path=path)


CONV = Conv()


def md(body: str = BODY, title: str = TITLE) -> str:
    return f"---\ntitle: {title}\nmovilab: {title}\n---\n\n{body}"


def wiki_of(text: str) -> str:
    return CONV.to_wiki(text, path="fiche.md", base=None)


def synced(text: str = md(), revid: int = 10, **extra) -> PageState:
    return PageState(
        path="fiche.md",
        title=TITLE,
        revid=revid,
        timestamp="2026-01-01T00:00:00Z",
        local_sha256=sha256(text),
        wiki_sha256=sha256(wiki_of(text)),
        **extra,
    )


def rev(text: str, revid: int, user: str = "Camille Dupont", title: str = TITLE, **extra) -> RemotePage:
    return RemotePage(title, revid, "2026-01-02T00:00:00Z", text, user, **extra)


def edit(revid: int, user: str = "Camille Dupont") -> Change:
    return Change(TITLE, revid, revid - 1, "2026-01-02T00:00:00Z", user, "edit")


def observed(local: str | None, entry: PageState | None, *, title: str = TITLE, **remote) -> Observation:
    page = LocalPage("fiche.md", title, local) if local is not None else None
    base = remote.pop("base", rev(wiki_of(md()), 10, BOT) if entry else None)
    facts = Remote(checked=True, base=base, proven=remote.pop("proven", entry is not None), **remote)
    return Observation(title, "fiche.md", page, entry, remote=facts)


def kinds(steps) -> list[tuple[str, str]]:
    return [(s.kind, s.code) for s in steps]


def push(obs: Observation, **options) -> list:
    return decide_push(obs, CONV, Options(bot=BOT, **options))


def pull(obs: Observation) -> list:
    return decide_pull(obs, CONV, Options(bot=BOT))


# -- push ------------------------------------------------------------------------------------------------


def test_a_new_page_is_created_when_the_title_is_free():
    steps = push(observed(md(), None, latest=RemotePage(TITLE, missing=True)))
    assert kinds(steps) == [("create", "created")]
    assert "Deuxième paragraphe." in steps[0].wikitext


def test_a_new_page_already_on_the_wiki_is_taken_back_only_when_the_bot_wrote_that_very_text():
    ours = rev(wiki_of(md()), 5, BOT)
    assert kinds(push(observed(md(), None, latest=ours))) == [("record", "recorded-created")]
    theirs = rev(wiki_of(md()), 5, "Quelqu'un")  # same text, written by someone else: not adopted silently
    assert kinds(push(observed(md(), None, latest=theirs))) == [("report", "exists")]
    other = rev("Un autre texte.", 5, BOT)
    assert kinds(push(observed(md(), None, latest=other))) == [("report", "exists")]


def test_a_local_edit_is_sent_based_on_the_synced_revision():
    steps = push(observed(md(BODY + "\nAjout.\n"), synced()))
    assert kinds(steps) == [("edit", "sent")]
    assert steps[0].page is not None and steps[0].page.revid == 10


def test_an_edit_that_changes_nothing_on_the_wiki_only_records():
    text = md(BODY.replace("Premier paragraphe.", "Premier paragraphe."))  # same text, other front matter
    entry = synced()
    entry.local_sha256 = "autre"
    assert kinds(push(observed(text, entry))) == [("record", "no-visible-change")]


def test_both_sides_edited_apart_merge_commit_then_send():
    mine = md(BODY.replace("Troisième", "Troisième revu dans git"))
    wiki = wiki_of(md(BODY.replace("Premier", "Premier revu sur le wiki")))
    steps = push(observed(mine, synced(), edits=(edit(11),), latest=rev(wiki, 11)), delete=False)
    assert kinds(steps) == [("commit", "merged"), ("edit", "merged-sent")]
    assert "revu dans git" in steps[0].markdown and "revu sur le wiki" in steps[0].markdown
    assert steps[1].page is not None and steps[1].page.revid == 11  # based on the wiki's latest


def test_both_sides_edited_on_the_same_line_is_a_conflict_and_nothing_is_sent():
    mine = md(BODY.replace("Premier", "Premier (git)"))
    wiki = wiki_of(md(BODY.replace("Premier", "Premier (wiki)")))
    steps = push(observed(mine, synced(), edits=(edit(11),), latest=rev(wiki, 11)))
    assert kinds(steps) == [("conflict", "conflict")]
    assert "<<<<<<< dépôt git" in steps[0].conflict_text and ">>>>>>> Movilab" in steps[0].conflict_text


def test_the_wiki_already_holding_our_text_is_recorded_not_sent_again():
    mine = md(BODY + "\nAjout.\n")
    steps = push(observed(mine, synced(), edits=(edit(11, BOT),), latest=rev(wiki_of(mine), 11, BOT)))
    assert kinds(steps) == [("record", "recorded")]


def test_uncommitted_markers_and_refused_titles_are_answered_before_any_request():
    dirty = replace(observed(md(BODY + "x\n"), synced()), dirty=True)
    assert kinds(push(dirty)) == [("report", "uncommitted")]
    marked = md("<<<<<<< dépôt git\nA\n=======\nB\n>>>>>>> Movilab\n")
    assert kinds(push(observed(marked, synced()))) == [("report", "markers")]
    from sync.errors import UnsafeTitleError

    refused = replace(observed(md(), None), problem=UnsafeTitleError("non", title=TITLE))
    assert kinds(push(refused)) == [("report", "title-refused")]


def test_a_state_entry_the_wiki_does_not_prove_is_refused():
    steps = push(observed(md(BODY + "x\n"), synced(), proven=False))
    assert kinds(steps) == [("report", "unproven")]


def test_a_revision_the_bot_did_not_write_is_written_over_only_when_the_state_proves_it_was_pulled():
    pulled_md = md(BODY + "Ajout du wiki.\n")
    pulled = rev(wiki_of(pulled_md), 11, "Sacha")
    honest = replace(synced(pulled_md, revid=11), wiki_sha256=sha256(pulled.text), base_blob="b")
    local = md(BODY + "Ajout du wiki.\n\nAjout local.\n")
    honest_obs = replace(observed(local, honest, base=pulled, latest=pulled), base_markdown=pulled_md)
    assert kinds(push(honest_obs)) == [("edit", "sent")]
    # Git no longer holding the Markdown (a fresh clone, an object pruned): the hash alone decides.
    assert kinds(push(replace(honest_obs, base_markdown=None))) == [("edit", "sent")]
    # The revision moved forward in the state, its hash left as it was…
    forged = replace(synced(revid=11), base_blob="b")
    forged_obs = replace(observed(md(BODY + "x\n"), forged, base=pulled, latest=pulled), base_markdown=md())
    assert kinds(push(forged_obs)) == [("report", "unsynced-base")]
    # … or its hash forged too: the Markdown git synced is not that revision.
    forged.wiki_sha256 = sha256(pulled.text)
    assert kinds(push(forged_obs)) == [("report", "unsynced-base")]
    deleted = replace(observed(None, forged, base=pulled, latest=pulled), base_markdown=md())
    assert kinds(push(deleted, delete=True)) == [("report", "unsynced-base")]


def test_a_retitled_page_is_moved_then_edited():
    entry = synced()
    entry.title = "Ancien titre"
    steps = push(observed(md(BODY + "x\n"), entry))
    assert kinds(steps) == [("move", "moved"), ("edit", "sent")]
    assert steps[0].old_title == "Ancien titre"


def test_a_move_an_interrupted_run_already_made_is_recorded():
    entry = synced(md())
    entry.title = "Ancien titre"
    steps = push(observed(md(), entry, moved_to=TITLE, latest=rev(wiki_of(md()), 12, BOT)))
    assert kinds(steps) == [("record", "move-recorded")]


def test_a_retitle_while_the_old_page_changed_on_the_wiki_is_blocked():
    entry = synced()
    entry.title = "Ancien titre"
    steps = push(observed(md(), entry, edits=(edit(11),), latest=rev("x", 11)))
    assert kinds(steps) == [("report", "retitle-blocked")]


def test_a_page_moved_or_deleted_on_the_wiki_is_not_written():
    assert kinds(push(observed(md(BODY + "x\n"), synced(), moved_to="Ailleurs"))) == [("report", "remote-moved")]
    assert kinds(push(observed(md(BODY + "x\n"), synced(), deleted=True))) == [("report", "remote-deleted")]


def test_a_deleted_file_deletes_the_page_only_with_delete_and_only_when_nothing_was_missed():
    entry = synced()
    latest = RemotePage(TITLE, 10, "t", "", BOT)
    assert kinds(push(observed(None, entry, latest=latest))) == [("report", "kept-deleted")]
    assert kinds(push(observed(None, entry, latest=latest), delete=True)) == [("delete", "deleted")]
    newer = RemotePage(TITLE, 11, "t", "", "Sacha")  # an edit nobody pulled
    assert kinds(push(observed(None, entry, latest=newer), delete=True)) == [("report", "delete-unsynced")]
    gone = RemotePage(TITLE, missing=True)  # deleted by an interrupted run
    assert kinds(push(observed(None, entry, latest=gone, deleted=True), delete=True)) == [("forget", "already-deleted")]
    assert kinds(push(observed(None, entry, latest=latest, proven=False), delete=True)) == [("report", "unproven")]


def test_a_renamed_file_keeps_its_page():
    entry = synced()
    entry.path = "ancien.md"
    assert kinds(push(observed(md(), entry))) == [("record", "renamed")]


def _in_conflict(file_state: str, resolved: str = "", latest_revid: int = 11) -> Observation:
    mine = md(BODY.replace("Premier", "Premier (résolu)"))
    entry = synced(conflict=Conflict(11, sha256(md(BODY.replace("Premier", "Premier (git)"))), "blob", resolved))
    seen = rev(wiki_of(md(BODY.replace("Premier", "Premier (wiki)"))), 11)
    newer = BODY.replace("Premier", "Premier (wiki)").replace("Troisième", "Troisième (wiki)")
    latest = seen if latest_revid == 11 else rev(wiki_of(md(newer)), 12)
    obs = observed(mine, entry, edits=(edit(11),), latest=latest, seen=seen)
    shown = md(
        BODY.replace(
            "Premier paragraphe.",
            "<<<<<<< dépôt git\nPremier (git) paragraphe.\n=======\nPremier (wiki) paragraphe.\n>>>>>>> Movilab",
        )
    )
    return replace(obs, conflict_file=file_state, conflict_markdown=shown)


def test_an_open_conflict_is_closed_only_by_a_deliberate_act():
    assert kinds(push(_in_conflict("unchanged"))) == [("report", "conflict-open")]  # an unrelated commit
    assert kinds(push(_in_conflict("edited"))) == [("report", "conflict-editing")]
    assert kinds(push(_in_conflict("unchanged", resolved="x"))) == [("edit", "resolution-sent")]
    assert kinds(push(_in_conflict("deleted"))) == [("edit", "resolution-sent")]  # a commit deleted the file
    steps = push(_in_conflict("deleted"))
    assert steps[0].page is not None and steps[0].page.revid == 11  # based on what the user saw


def test_a_resolution_of_a_wiki_version_no_conflict_file_showed_is_refused():
    forged = replace(_in_conflict("unchanged", resolved="x"), conflict_markdown=None)  # a conflict written by hand
    assert kinds(push(forged)) == [("report", "resolution-unproven")]
    elsewhere = replace(forged, conflict_markdown=md(BODY))  # a conflict file without the wiki's version
    assert kinds(push(elsewhere)) == [("report", "resolution-unproven")]
    assert "Premier (wiki) paragraphe." in push(elsewhere)[0].details["line"]


def test_a_conflict_whose_file_was_never_committed_is_shown_again_never_taken_as_resolved():
    steps = push(_in_conflict("absent"))
    assert [k for k, _ in kinds(steps)] == ["conflict"]  # the same merge, the file written again


def test_a_wiki_edit_newer_than_the_conflict_is_merged_into_the_resolution():
    steps = push(_in_conflict("deleted", latest_revid=12))
    assert [k for k, _ in kinds(steps)] == ["commit", "edit"]
    assert "Premier (résolu)" in steps[0].markdown and "Troisième (wiki)" in steps[0].markdown


def test_a_resolution_still_holding_markers_is_refused():
    obs = _in_conflict("deleted")
    marked = md("<<<<<<< dépôt git\nA\n=======\nB\n>>>>>>> Movilab\n")
    obs = replace(obs, local=LocalPage("fiche.md", TITLE, marked))
    assert kinds(push(obs)) == [("report", "markers")]


def test_markers_are_found_outside_code_blocks_only():
    assert marker_line("a\n<<<<<<< x\nb\n=======\nc\n>>>>>>> y\n") == 2
    assert marker_line("```\n<<<<<<< x\nb\n=======\nc\n>>>>>>> y\n```\n") is None
    assert marker_line(">>>>>>> Movilab\n") == 1  # our own label, even alone
    assert marker_line("Titre\n=======\n") is None  # a setext heading is no conflict


# -- pull ------------------------------------------------------------------------------------------------


def test_a_wiki_edit_is_pulled_as_a_commit_credited_to_its_authors():
    wiki = wiki_of(md(BODY + "\nAjout du wiki.\n"))
    steps = pull(observed(md(), synced(), edits=(edit(11, "Camille Dupont"), edit(12, "Sacha")), latest=rev(wiki, 12)))
    assert kinds(steps) == [("commit", "pulled")]
    assert "Ajout du wiki." in steps[0].markdown
    assert [c.user for c in steps[0].editors] == ["Camille Dupont", "Sacha"]


def test_pull_merges_or_conflicts_like_push():
    mine = md(BODY.replace("Troisième", "Troisième (git)"))
    apart = rev(wiki_of(md(BODY.replace("Premier", "Premier (wiki)"))), 11)
    assert kinds(pull(observed(mine, synced(), edits=(edit(11),), latest=apart))) == [("commit", "pulled-merged")]
    same_line = rev(wiki_of(md(BODY.replace("Troisième", "Troisième (wiki)"))), 11)
    assert kinds(pull(observed(mine, synced(), edits=(edit(11),), latest=same_line))) == [("conflict", "conflict")]


def test_pull_never_overwrites_uncommitted_work():
    obs = replace(observed(md(BODY + "brouillon\n"), synced(), edits=(edit(11),), latest=rev("Autre.", 11)), dirty=True)
    assert kinds(pull(obs)) == [("report", "pull-uncommitted")]


@pytest.mark.parametrize(
    "new", ["Null", "179616312915", "Guide: partie 2", "Yes", "~", "- tiret", "« Guillemets » 'et' \"autres\" #1"]
)
def test_a_page_renamed_on_the_wiki_is_followed_with_its_title_quoted(new):
    import yaml

    steps = pull(observed(md(), synced(), moved_to=new, latest=rev(wiki_of(md()), 12, title=new)))
    assert kinds(steps) == [("commit", "followed-move")]
    header = steps[0].markdown.split("---")[1]
    assert yaml.safe_load(header)["movilab"] == new
    assert steps[0].title == new and steps[0].old_title == TITLE


def test_a_rename_that_cannot_be_followed_keeps_the_file():
    obs = observed(md(), synced(), moved_to="Modèle:X", move_problem="espace de noms", latest=rev("x", 12))
    assert kinds(pull(obs)) == [("report", "move-not-followed")]


def test_pull_reports_deletions_and_pending_work():
    assert kinds(pull(observed(md(), synced(), deleted=True))) == [("report", "remote-deleted-kept")]
    assert kinds(pull(observed(None, synced(), edits=(edit(11),), latest=rev("x", 11)))) == [
        ("report", "deleted-but-changed")
    ]
    entry = synced()
    entry.title = "Ancien"
    assert kinds(pull(observed(md(), entry, edits=(edit(11),), latest=rev("x", 11)))) == [
        ("report", "retitled-pending")
    ]
    assert kinds(pull(_in_conflict("unchanged", resolved="x"))) == [("report", "resolution-pending")]
    assert kinds(pull(_in_conflict("unchanged"))) == [("report", "conflict-open")]


def test_pull_does_not_adopt_a_page_it_did_not_create():
    assert kinds(pull(observed(md(), None, latest=rev(wiki_of(md()), 5, "Quelqu'un")))) == [("report", "exists")]
    assert kinds(pull(observed(md(), None, latest=rev(wiki_of(md()), 5, BOT)))) == [("record", "recorded-created")]


def test_classification_is_total():
    assert local_change(observed(md(), None)) == "new"
    assert remote_change(Observation(TITLE, "fiche.md", None, None)) == "unknown"


def test_every_outcome_code_has_french_wording():
    for code, (level, words) in WORDING.items():
        assert level in ("ok", "attention", "échec")
        text = Outcome(code, TITLE, "fiche.md", {"revid": 3, "old": "a", "new": "b", "error": "e", "line": 2}).words()
        assert text and "{" not in text, code
    assert WORDING["conflict"][0] == FAIL
