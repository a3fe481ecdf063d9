# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The state file's cursor comes with the branch (a pull request can change it): it only says from when
the wiki's recent changes are read, and no value of it may hide a wiki edit or stop a command."""

from __future__ import annotations

import json

import pytest

from tests.sync.conftest import page, unique_title

pytestmark = pytest.mark.wiki


def _set_cursor(site, value: str) -> None:
    state_file = site.path / ".movilab-sync.json"
    state = json.loads(state_file.read_text(encoding="utf-8"))
    state["cursor"] = value
    state_file.write_text(json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    site.git("commit", "-q", "-am", "Cursor set by hand")


@pytest.mark.parametrize(
    "cursor",
    ["2999-01-01T00:00:00Z", "2026-01-01", "2026-01-01T00:00:00", "2026-13-45T99:00:00Z", "demain", ""],
)
def test_no_cursor_written_in_the_state_hides_a_wiki_edit(site, mediawiki, cursor):
    title = unique_title("Page au curseur forgé")
    site.write("fiche.md", page(title, "Texte."))
    site.commit()
    assert site.run("push").code == 0
    assert site.run("pull").code == 0
    (site.path / ".git" / "movilab-sync-cursor.json").unlink(missing_ok=True)
    _set_cursor(site, cursor)
    mediawiki.editor(1).edit(title, "Texte revu sur le wiki.", "relecture")
    status = site.run("status")
    assert "Traceback" not in status.text
    assert status.code == 1 and "modifiée sur Movilab" in status.out, status.text
    pulled = site.run("pull")
    assert pulled.code == 0, pulled.text
    assert "Texte revu sur le wiki." in site.read("fiche.md")
