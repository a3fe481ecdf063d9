# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Pagefind's service mode as the build uses it (commons.pagefind_service): the real Pagefind of
pagefind-bin indexes pages handed over a pipe; a refusal, a stop or a page that cannot be read
is a French error, never a hang."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from commons import pagefind_service, search
from tests.site.sitebuilder import Site, make_site

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


# Fake Pagefinds: each writes its process id, then `output` on its standard output, then
# stays alive (it never reads its input), so that a Pagefind the build forgot is still there.
def _fake(tmp_path: Path, output: bytes, *, close_stdout: bool = False) -> tuple[str, Path]:
    script, pid = tmp_path / "pagefind", tmp_path / "pid"
    body = output.decode("ascii")
    assert "'" not in body
    closing = "exec 1>&-\n" if close_stdout else ""
    script.write_text(f"#!/bin/sh\necho $$ > '{pid}'\nprintf '%s' '{body}'\n{closing}exec sleep 600\n", "utf-8")
    script.chmod(0o755)
    return str(script), pid


def _alive(pid_file: Path) -> bool:
    pid = int(pid_file.read_text("utf-8"))
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    os.kill(pid, signal.SIGKILL)  # not left behind by this test either
    return True


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data) + b","


NEW_INDEX = _answer(1, {"type": "NewIndex", "index_id": 0})
MALFORMED = {
    "stray text": (b"garbage,", "attendu un message en base64 terminé par une virgule, reçu « garbage »"),
    "not JSON": (_b64(b"pas du JSON"), "attendu du JSON dans le message en base64, reçu « pas du JSON »"),
    "no message id": (
        _b64(b'{"payload": {"type": "NewIndex"}}'),
        "attendu un objet avec « message_id » \\(un nombre\\)",
    ),
    "payload not an object": (
        _b64(b'{"message_id": 1, "payload": [1]}'),
        'attendu un objet avec « message_id » \\(un nombre\\) et « payload » \\(un objet avec « type »\\), reçu « {"message_id": 1, "payload": \\[1\\]} »',
    ),
    "unknown request": (
        _answer(99, {"type": "NewIndex", "index_id": 0}),
        "attendu la réponse à une demande envoyée \\(n° 1 à [0-9]+\\), reçu « une réponse à la demande n° 99 »",
    ),
    "files not a list": (
        NEW_INDEX + _answer(1, {"type": "GetFiles", "files": "x"}),
        "attendu une liste de fichiers dans « files », reçu « x »",
    ),
    "file without content": (
        _answer(1, {"type": "GetFiles", "files": [{"path": "pagefind.js", "content": 5}]}),
        'attendu un fichier de l\'index avec « path » et « content » \\(des textes\\), reçu « {"path": "pagefind.js", "content": 5} »',
    ),
    "file outside the index": (
        _answer(1, {"type": "GetFiles", "files": [{"path": "../index.html", "content": ""}]}),
        "attendu un fichier à l'intérieur du dossier de l'index, reçu « ../index.html »",
    ),
    "content not base64": (
        _answer(1, {"type": "GetFiles", "files": [{"path": "pagefind.js", "content": "é!"}]}),
        "attendu le contenu de pagefind.js en base64",
    ),
}


@pytest.mark.parametrize("output, said", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_answer_is_said_in_french_and_pagefind_is_stopped(tmp_path: Path, output: bytes, said: str) -> None:
    program, pid = _fake(tmp_path, output)
    with pytest.raises(pagefind_service.ServiceError, match=f"^réponse illisible de Pagefind : {said}") as caught:
        pagefind_service.run(program, [("a/index.html", PAGE)], {}, 60)
    assert "« ./dev site »" in str(caught.value)  # what to do
    assert not _alive(pid)


def test_an_answer_cut_short_is_said_in_french_and_pagefind_is_stopped(tmp_path: Path) -> None:
    program, pid = _fake(tmp_path, NEW_INDEX + NEW_INDEX[:10], close_stdout=True)
    with pytest.raises(pagefind_service.ServiceError, match="attendu un message terminé par une virgule avant la fin"):
        pagefind_service.run(program, [("a/index.html", PAGE)], {}, 60)
    assert not _alive(pid)


def test_a_pagefind_that_never_answers_is_stopped_after_the_timeout(tmp_path: Path) -> None:
    program, pid = _fake(tmp_path, b"")
    with pytest.raises(pagefind_service.ServiceError, match=r"Pagefind n'a pas fini en 0\.5 s"):
        pagefind_service.run(program, [("a/index.html", PAGE)], {}, 0.5)
    assert not _alive(pid)


def test_a_missing_or_unusable_program_says_how_to_install_pagefind(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    with pytest.raises(search.SearchIndexError) as missing:
        search.build_index(tmp_path, executable=str(tmp_path / "absent"))
    assert str(missing.value) == (
        f"le programme Pagefind est introuvable ({tmp_path / 'absent'}). "
        "Lancez « ./dev site » (ou « ./dev test »), qui installe Pagefind (paquet pagefind-bin)."
    )
    with pytest.raises(search.SearchIndexError, match=r"n'a pas pu être lancé : il n'est pas exécutable\. Lancez"):
        search.build_index(tmp_path, executable=str(tmp_path / "index.html"))
    assert not (tmp_path / search.OUTPUT).exists()


def _build_with(site: Site, program: str, monkeypatch: pytest.MonkeyPatch) -> subprocess.CompletedProcess[str]:
    """The real `mkdocs build` of `site`, with a pagefind-bin package whose program is `program`."""
    package = site.root.parent / "fake-pagefind-bin" / "pagefind_bin"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(f"def get_executable():\n    return {program!r}\n", "utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(package.parent), os.environ.get("PYTHONPATH")])))
    return site.build()


def test_a_build_whose_pagefind_answers_garbage_fails_in_french_and_leaves_no_pagefind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program, pid = _fake(tmp_path, b"garbage,")
    done = _build_with(make_site(tmp_path, plugins=False), program, monkeypatch)
    assert done.returncode == 1
    assert "recherche : Pagefind n'a pas pu indexer" in done.stderr
    assert "réponse illisible de Pagefind : attendu un message en base64 terminé par une virgule" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not _alive(pid)


def test_a_build_without_the_pagefind_program_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done = _build_with(make_site(tmp_path, plugins=False), str(tmp_path / "absent"), monkeypatch)
    assert done.returncode == 1
    assert (
        f"recherche : le programme Pagefind est introuvable ({tmp_path / 'absent'}). Lancez « ./dev site »"
        in done.stderr
    )
    assert "Traceback" not in done.stderr + done.stdout


def test_a_request_pagefind_could_not_read_is_a_refusal() -> None:
    answers = [{"message_id": None, "payload": {"type": "Error", "message": "expected ident at line 1 column 2"}}]
    with pytest.raises(pagefind_service.ServiceError, match="^Pagefind a refusé une demande : expected ident"):
        pagefind_service.files_of(answers, lambda: 3)
    unnumbered = [{"message_id": None, "payload": {"type": "GetFiles", "files": []}}]
    with pytest.raises(pagefind_service.UnreadableAnswer, match="attendu une réponse avec le numéro de sa demande"):
        pagefind_service.files_of(unnumbered, lambda: 3)
