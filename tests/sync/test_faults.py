# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""maxlag, 503 and a kill -9 in the middle of a push: nothing duplicated, nothing lost.

The proxy sits in front of the real wiki and injects only the answers a
healthy local wiki never gives.
"""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from tests.sync.conftest import make_repo, page, unique_title

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


def test_kill_9_in_the_middle_of_a_push_then_rerun_loses_and_duplicates_nothing(site, mediawiki):
    titles = [unique_title("Envoi interrompu") for _ in range(100)]
    for i, title in enumerate(titles):
        site.write(f"lot/page-{i:02}.md", page(title, f"Page {i}, version une."))
    site.commit()
    assert site.run("push").code == 0
    for i, title in enumerate(titles):
        site.write(f"lot/page-{i:02}.md", page(title, f"Page {i}, version deux."))
    site.commit("Second version of every page")
    state_file = site.path / ".movilab-sync.json"
    first = {t: e["revid"] for t, e in json.loads(state_file.read_text())["pages"].items()}

    process = site.spawn("push")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pages = json.loads(state_file.read_text())["pages"]
        if sum(1 for t in titles if pages[t]["revid"] != first[t]) >= 20:
            break
        time.sleep(0.01)
    concurrent = site.run("push")  # a second sync on the same clone waits its turn
    assert concurrent.code == 2 and "une autre synchronisation est en cours" in concurrent.err
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    pages = json.loads(state_file.read_text())["pages"]
    done = sum(1 for t in titles if pages[t]["revid"] != first[t])
    assert 0 < done < len(titles), "the push must really be interrupted in the middle"

    rerun = site.run("push")
    assert rerun.code == 0, rerun.text
    wiki = mediawiki.editor(0)
    for i, title in enumerate(titles):
        assert f"Page {i}, version deux." in wiki.text(title)
        assert len(wiki.revisions(title)) == 2, title  # creation + exactly one edit
    assert site.run("status").code == 0
