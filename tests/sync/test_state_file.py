# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The committed state file stays plain sorted JSON, one field per line, however it is written."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.state import Conflict, PageState, State, load_state


def _reference(state: State) -> str:
    pages = {}
    for title, page in state.entries.items():
        data = {k: v for k, v in vars(page).items() if k != "title"}
        if page.conflict is None:
            data.pop("conflict")
        else:
            data["conflict"] = asdict(page.conflict)
        pages[title] = data
    data = {"version": 1, "api": state.api, "cursor": state.cursor, "pages": pages}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _entry(title: str, revid: int, **extra: object) -> PageState:
    return PageState(f"{title.lower()}.md", title, revid, "2026-01-15T10:00:00Z", "a" * 64, "b" * 64, **extra)  # type: ignore[arg-type]


def test_state_text_is_sorted_indented_json_after_every_change(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    state = State(file=tmp_path / ".movilab-sync.json", api="https://movilab.org/api.php")
    assert state.dumps() == _reference(state)  # no page yet
    titles = ['Fiche "guillemets" \\ et é', "Accueil", "Zèbre", "Budget"]
    for i, title in enumerate(titles):
        state.entries[title] = _entry(title, i + 1)
        assert state.dumps() == _reference(state)
    state.entries["Accueil"].revid = 42  # changed in place, as push records a page
    state.entries["Budget"].conflict = Conflict(7, "c" * 64, editors=["Sacha"])
    state.cursor = "2026-01-16T00:00:00Z"
    del state.entries["Zèbre"]
    assert state.dumps() == _reference(state)
    state.entries["Budget"].conflict.resolved = "d" * 64  # a conflict changes in place too (resolve)
    assert state.dumps() == _reference(state)
    state.save(tmp_path)
    again = load_state(tmp_path)
    assert again.dumps() == state.dumps() and again.entries["Accueil"].revid == 42


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    st.dictionaries(
        st.text(max_size=12),
        st.tuples(st.text(max_size=10), st.integers(-(10**20), 10**20), st.text(max_size=10), st.text(max_size=5)),
        max_size=5,
    )
)
def test_any_text_in_titles_and_fields_is_written_as_json_writes_it(pages: dict) -> None:
    state = State(file=Path(".movilab-sync.json"), api="https://movilab.org/api.php")
    for title, (path, revid, timestamp, blob) in pages.items():
        state.entries[title] = PageState(path, title, revid, timestamp, "a" * 64, "b" * 64, base_blob=blob)
    assert state.dumps() == _reference(state)


def test_a_page_text_is_the_same_whatever_its_line_ends_and_a_former_digest_still_matches():
    from sync.state import same_text, sha256, text_sha256

    lf, crlf = "---\nmovilab: Page\n---\n\nTexte.\n", "---\r\nmovilab: Page\r\n---\r\n\r\nTexte.\r\n"
    assert text_sha256(crlf) == text_sha256(lf) == sha256(lf)
    assert same_text(crlf, text_sha256(lf)) and same_text(lf, text_sha256(crlf))
    assert same_text(crlf, sha256(crlf))  # recorded by a version that hashed the text as read
    assert not same_text(lf, sha256(crlf))  # that digest was of CRLF: an LF file is not proven the same
    assert not same_text(crlf.replace("Texte", "Autre"), text_sha256(lf))
