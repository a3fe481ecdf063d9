# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Pagefind's service mode as the build uses it (commons.pagefind_service): the real Pagefind of
pagefind-bin indexes pages handed over a pipe; a refusal, a stop or a page that cannot be read
is a French error, never a hang."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from commons import pagefind_service, search

PAGE = (
    '<html lang="fr"><head><title>Essai</title></head><body>'
    '<article class="md-content__inner md-typeset" data-pagefind-body><h1>Essai</h1>'
    "<p>Une rémunération juste pour les animateurs.</p></article></body></html>"
)


def _answer(number: int, payload: dict[str, object]) -> bytes:
    return base64.b64encode(json.dumps({"message_id": number, "payload": payload}).encode()) + b","


def test_the_real_pagefind_indexes_pages_handed_over_the_pipe() -> None:
    pages = [("a/index.html", PAGE), ("b/index.html", PAGE.replace("Essai", "Autre"))]
    files = dict(pagefind_service.run(search.pagefind_executable(), pages, {"force_language": "fr"}, 60))
    entry = json.loads(files["pagefind-entry.json"])
    assert entry["languages"]["fr"]["page_count"] == 2
    assert sum(1 for path in files if path.startswith("fragment/")) == 2
    assert "pagefind.js" in files


def test_answers_are_read_whatever_the_chunks_they_come_in() -> None:
    stream = _answer(1, {"type": "NewIndex", "index_id": 0}) + _answer(2, {"type": "GetFiles", "files": []})
    chunks = [stream[i : i + 7] for i in range(0, len(stream), 7)]
    assert [a["message_id"] for a in pagefind_service.read_answers(chunks)] == [1, 2]


def test_a_refused_request_is_said_in_french() -> None:
    answers = [{"message_id": 3, "payload": {"type": "Error", "message": "Failed to add file"}}]
    with pytest.raises(pagefind_service.ServiceError, match="refusé la demande n° 3 : Failed to add file"):
        pagefind_service.files_of(answers)


def test_a_pagefind_that_stops_is_an_error_with_its_exit_code_not_a_hang() -> None:
    with pytest.raises(pagefind_service.ServiceError, match=r"s'est arrêté avant de donner l'index \(code 1\)"):
        pagefind_service.run("/bin/false", [("a/index.html", PAGE)], {}, 60)


def test_a_page_that_cannot_be_read_stops_the_index_with_its_error(tmp_path: Path) -> None:
    def pages() -> Iterator[tuple[str, str]]:
        yield ("a/index.html", PAGE)
        raise PermissionError("b/index.html")

    with pytest.raises(PermissionError):
        pagefind_service.run(search.pagefind_executable(), pages(), {"force_language": "fr"}, 60)


def test_the_build_says_in_french_when_the_index_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    with pytest.raises(search.SearchIndexError, match="Pagefind n'a pas pu indexer"):
        search.build_index(tmp_path, executable="/bin/false")
    assert not (tmp_path / search.OUTPUT).exists()
    search.build_index(tmp_path)
    assert (tmp_path / search.OUTPUT / "pagefind.js").is_file()
    assert not (tmp_path / search.OUTPUT / "pagefind-ui.js").exists()  # pruned: the site's box does not load it
