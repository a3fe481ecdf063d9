# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""maxlag, 503, ratelimited and a second sync at once: nothing duplicated, nothing lost.

The proxy sits in front of the real wiki and injects only the answers a
healthy local wiki never gives.
"""

from __future__ import annotations

import json
import time

import pytest

from tests.sync.conftest import make_repo, page, pushed, unique_title

pytestmark = pytest.mark.wiki

MAXLAG = (
    200,
    {"Retry-After": "1", "X-Database-Lag": "7", "Content-Type": "application/json"},
    b'{"error":{"code":"maxlag","info":"Waiting for a database server: 7 seconds lagged."}}',
)


@pytest.fixture
def proxied(tmp_path, mediawiki, proxy):
    return make_repo(tmp_path / "site", proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)


def test_maxlag_answers_are_waited_out_and_the_edit_lands_once(proxied, proxy, mediawiki):
    title = unique_title("Maxlag")
    proxied.write("fiche.md", page(title, "Texte envoyé malgré la charge."))
    proxied.commit()
    lagged = []

    def fault(seen: str):
        if "action=edit" in seen and len(lagged) < 2:
            lagged.append(time.monotonic())
            return MAXLAG
        return None

    proxy.fault = fault
    result = proxied.run("push")
    assert result.code == 0, result.text
    assert len(lagged) == 2
    assert all("maxlag=" in seen for seen in proxy.requests)  # every request says how much lag it tolerates
    edits = [t for seen, t in zip(proxy.requests, proxy.times, strict=True) if "action=edit" in seen]
    assert len(edits) == 3 and edits[1] - edits[0] >= 0.9 and edits[2] - edits[1] >= 0.9  # Retry-After: 1
    assert len(mediawiki.editor(0).revisions(title)) == 1


def test_transient_503_is_retried_and_a_persistent_one_stops_cleanly(proxied, proxy, mediawiki):
    title = unique_title("Erreur 503")
    proxied.write("fiche.md", page(title, "Première version."))
    proxied.commit()
    failures = []

    def flaky(seen: str):
        if "action=edit" in seen and len(failures) < 2:
            failures.append(seen)
            return (503, {"Retry-After": "0"}, b"Service Unavailable")
        return None

    proxy.fault = flaky
    assert proxied.run("push").code == 0
    assert len(mediawiki.editor(0).revisions(title)) == 1

    proxied.write("fiche.md", page(title, "Deuxième version."))
    proxied.commit()
    before = len(proxy.requests)
    proxy.fault = lambda seen: (503, {"Retry-After": "0"}, b"down")
    result = proxied.run("push")
    assert result.code == 1
    assert "surchargé" in result.text and "HTTP 503" in result.text
    assert len(proxy.requests) - before <= 6  # bounded: gives up instead of hanging CI
    json.loads((proxied.path / ".movilab-sync.json").read_text())  # state still whole
    proxy.fault = None
    assert proxied.run("push").code == 0
    assert "Deuxième version." in mediawiki.editor(0).text(title)


def test_rerun_after_dying_between_edit_and_state_write_makes_no_duplicate(site, mediawiki):
    title = unique_title("Reprise")
    site.write("fiche.md", page(title, "Version une."))
    site.commit()
    assert site.run("push").code == 0
    state_file = site.path / ".movilab-sync.json"
    site.write("fiche.md", page(title, "Version deux."))
    site.commit()
    old_state = state_file.read_text()
    assert site.run("push").code == 0
    state_file.write_text(old_state)  # as if killed right after the edit, before the state was recorded
    site.git("commit", "-q", "-m", "Old state", "--", ".movilab-sync.json")
    again = site.run("push")
    assert again.code == 0, again.text
    assert "déjà à jour" in again.out
    assert len(mediawiki.editor(0).revisions(title)) == 2
    assert json.loads(state_file.read_text())["pages"][title]["revid"] == max(
        r["revid"] for r in mediawiki.editor(0).revisions(title)
    )


def test_a_second_sync_on_the_same_clone_is_refused_while_one_runs(site):
    """(Crashes at every step are tested in test_crash.py.)"""
    from sync.workspace import locked

    title = unique_title("Deux synchros")
    site.write("fiche.md", page(title, "Texte."))
    site.commit()
    with locked(site.path):
        concurrent = site.run("push")
    assert concurrent.code == 2 and "une autre synchronisation est en cours" in concurrent.err
    assert site.run("push").code == 0


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("ratelimited", "limite le nombre de modifications par minute (ratelimited)"),
        ("readonly", "en lecture seule"),
    ],
)
def test_ratelimited_or_readonly_stops_the_run_like_an_unavailable_wiki(proxied, proxy, mediawiki, code, said):
    titles = [unique_title("Limite de débit") for _ in range(3)]
    for i, title in enumerate(titles):
        proxied.write(f"lot/p{i}.md", page(title, f"Texte {i}."))
    proxied.commit()
    refused = (200, {"Content-Type": "application/json"}, json.dumps({"error": {"code": code, "info": "…"}}).encode())
    proxy.fault = lambda seen: refused if "action=edit" in seen else None
    result = proxied.run("push")
    assert result.code == 1
    assert said in result.out and "indisponible" in result.out
    assert result.out.count(said) == 1  # one message, not one per remaining page
    assert sum("action=edit" in seen for seen in proxy.requests) == 1  # not one failing edit per page
    assert all(mediawiki.editor(0).text(t) is None for t in titles)
    proxy.fault = None
    assert proxied.run("push").code == 0
    assert all(len(mediawiki.editor(0).revisions(t)) == 1 for t in titles)


def test_a_merge_whose_temporary_files_cannot_be_written_is_said_in_french_and_loses_nothing(
    site, mediawiki, tmp_path, monkeypatch
):
    """Both sides edited the page: the pull merges them with `git merge-file`, through three temporary
    files. When the temporary folder cannot take them (a full disk; here a file in its place), the run
    printed Python's traceback and stopped. It now says which folder and what to do, leaves the page and
    the state as they were, and the rerun merges both edits."""
    import tempfile

    title = pushed(site, "Fusion sans dossier temporaire", "Premier paragraphe.\n\nSecond paragraphe.")
    site.write("fiche.md", page(title, "Premier paragraphe (git).\n\nSecond paragraphe."))
    site.commit()
    mediawiki.editor(1).edit(
        title, mediawiki.editor(0).text(title).replace("Second paragraphe", "Second paragraphe (wiki)"), "wiki"
    )
    before = (site.read("fiche.md"), site.git("rev-parse", "HEAD"), site.git("status", "--porcelain"))
    blocked = tmp_path / "plein"
    blocked.write_text("un fichier à la place du dossier temporaire", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(blocked / "tmp"))
    result = site.run("pull")
    assert result.code == 1, result.text
    assert "Traceback" not in result.text and "Errno" not in result.text, result.text
    assert "dossier temporaire" in result.out and str(blocked) in result.out, result.text
    assert "relancez la même commande" in result.out, result.text
    assert (site.read("fiche.md"), site.git("rev-parse", "HEAD"), site.git("status", "--porcelain")) == before
    monkeypatch.undo()
    again = site.run("pull")
    assert again.code == 0, again.text
    text = site.read("fiche.md")
    assert "Premier paragraphe (git)" in text and "Second paragraphe (wiki)" in text, text
