# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Answers of the API that no MediaWiki gives (a broken proxy, a server that is not MediaWiki, an
attacker's): valid JSON of the wrong shape stops the command with a French message, never a traceback,
and nothing is written, committed or lost."""

from __future__ import annotations

import json

import pytest

from tests.sync.conftest import make_repo, page, unique_title

pytestmark = pytest.mark.wiki

SHAPES = {
    "liste au lieu d'objet": [],
    "pages sans titre": {"query": {"pages": [{"revisions": [{"revid": 5}]}]}},
    "révision non numérique": {"query": {"pages": [{"title": "{title}", "revisions": [{"revid": "abc"}]}]}},
    "pages en objet": {"query": {"pages": {"1": {"title": "{title}"}}}},
    "query en liste": {"query": ["pages"]},
    "révisions en texte": {"query": {"pages": [{"title": "{title}", "revisions": "beaucoup"}]}},
    "contenu non textuel": {
        "query": {
            "pages": [
                {
                    "title": "{title}",
                    "ns": 0,
                    "revisions": [
                        {"revid": 99999, "timestamp": "2026-01-01T00:00:00Z", "slots": {"main": {"content": [1]}}}
                    ],
                }
            ]
        }
    },
    "horodatage faux": {
        "query": {
            "pages": [
                {
                    "title": "{title}",
                    "ns": 0,
                    "revisions": [{"revid": 99999, "timestamp": "hier", "slots": {"main": {"content": "Texte."}}}],
                }
            ]
        }
    },
}


@pytest.fixture
def proxied(tmp_path, mediawiki, proxy):
    return make_repo(tmp_path / "site", proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)


def _pushed(proxied, name: str) -> str:
    """A page of one line, committed and pushed; its title."""
    title = unique_title(name)
    proxied.write("fiche.md", page(title, "Texte."))
    proxied.commit()
    assert proxied.run("push").code == 0
    return title


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("command", ["pull", "diff"])
def test_a_page_query_of_the_wrong_shape_stops_cleanly(proxied, proxy, mediawiki, shape, command):
    title = _pushed(proxied, "Page aux réponses piégées")
    mediawiki.editor(1).edit(title, "Texte revu sur le wiki.", "relecture")
    head = proxied.git("rev-parse", "HEAD")
    answer = json.dumps(SHAPES[shape]).replace("{title}", title).encode()

    def fault(seen: str):
        if "prop=revisions" in seen and "curtimestamp" not in seen:  # the pages' text, after the changes
            return 200, {"Content-Type": "application/json"}, answer
        return None

    proxy.fault = fault
    result = proxied.run(command)
    assert "Traceback" not in result.text
    assert result.code in (1, 2), result.text
    assert result.err.startswith("erreur : ") or "échec" in result.out, result.text
    assert proxied.git("rev-parse", "HEAD") == head and proxied.git("status", "--porcelain") == ""
    proxy.fault = None
    pulled = proxied.run("pull")
    assert pulled.code == 0, pulled.text
    assert "Texte revu sur le wiki." in proxied.read("fiche.md")


def test_a_wiki_text_with_lone_cr_is_pulled_with_lf_line_ends(proxied, proxy, mediawiki):
    """MediaWiki turns line ends into LF when it saves a page, but a text imported as it was, or an answer
    that is not the wiki's, can hold CRs: the pull wrote them into docs/, a page every later run refused
    (lone CR line ends) and that the build reads otherwise."""
    title = _pushed(proxied, "Page aux fins de ligne CR")
    revid = mediawiki.editor(1).edit(title, "Texte revu sur le wiki.", "relecture")["newrevid"]
    revision = {"revid": revid, "timestamp": "2026-01-02T00:00:00Z", "user": "Camille"}
    revision["slots"] = {"main": {"content": "Texte revu\rsur le wiki.\r\n\r\nSecond paragraphe.\r"}}
    answer = {"query": {"pages": [{"title": title, "ns": 0, "revisions": [revision]}]}}

    def fault(seen: str):
        if "prop=revisions" in seen and "curtimestamp" not in seen:
            return 200, {"Content-Type": "application/json"}, json.dumps(answer).encode()
        return None

    proxy.fault = fault
    pulled = proxied.run("pull")
    assert pulled.code == 0, pulled.text
    raw = (proxied.path / "docs" / "fiche.md").read_bytes()
    assert b"\r" not in raw and b"Texte revu\nsur le wiki.\n\nSecond paragraphe." in raw, raw
    proxy.fault = None
    assert proxied.run("status").code == 0


@pytest.mark.parametrize("query", ["list=recentchanges", "prop=revisions"])
def test_an_answer_that_always_asks_to_continue_stops_instead_of_hanging(proxied, proxy, mediawiki, query):
    """A server (or a proxy) answering every request with the same `continue` kept the sync asking forever."""
    title = _pushed(proxied, "Page sans fin")
    mediawiki.editor(1).edit(title, "Texte revu sur le wiki.", "relecture")
    head = proxied.git("rev-parse", "HEAD")
    endless = {
        "curtimestamp": "2026-12-04T12:00:00Z",
        "continue": {"rccontinue": "20260101000000|1", "rvcontinue": "1|1", "continue": "-||"},
        "query": {"recentchanges": [], "pages": []},
    }
    asked = []

    def fault(seen: str):
        if query in seen:
            asked.append(seen)
            if len(asked) > 200:
                return 500, {}, b"assez"  # the test's own end, should the sync never stop
            return 200, {"Content-Type": "application/json"}, json.dumps(endless).encode()
        return None

    proxy.fault = fault
    result = proxied.run("pull")
    assert "Traceback" not in result.text and len(asked) < 50, (len(asked), result.text)
    assert result.code in (1, 2) and "continu" in result.text, result.text
    assert proxied.git("rev-parse", "HEAD") == head and proxied.git("status", "--porcelain") == ""


@pytest.mark.parametrize(
    "edit",
    [
        {"result": "Success"},
        {"result": "Success", "newrevid": "abc"},
        {"result": "Success", "newrevid": 123, "newtimestamp": "hier"},
        {"result": "Success", "newrevid": 123, "oldrevid": [1]},
        ["Success"],
    ],
)
def test_an_edit_answer_of_the_wrong_shape_is_a_failure_and_the_rerun_sends_once(proxied, proxy, mediawiki, edit):
    title = unique_title("Page à l'envoi piégé")
    proxied.write("fiche.md", page(title, "Texte."))
    proxied.commit()
    assert proxied.run("push").code == 0
    proxied.write("fiche.md", page(title, "Texte revu dans git."))
    proxied.commit()
    proxy.fault = lambda seen: (
        (200, {"Content-Type": "application/json"}, json.dumps({"edit": edit}).encode())
        if "action=edit" in seen
        else None
    )
    result = proxied.run("push")
    assert "Traceback" not in result.text
    assert result.code == 1 and "réponse inattendue" in result.text, result.text
    proxy.fault = None
    rerun = proxied.run("push")
    assert rerun.code == 0, rerun.text
    wiki = mediawiki.editor(0)
    assert wiki.text(title) == "Texte revu dans git." and len(wiki.revisions(title)) == 2


@pytest.mark.parametrize(
    "answer",
    [
        (413, {"Content-Type": "text/html"}, b"<html><body>413 Request Entity Too Large</body></html>"),
        (200, {"Content-Type": "application/json"}, b'{"upload": {"result": "Failure"}}'),
        (200, {"Content-Type": "application/json"}, b"{}"),
    ],
)
def test_an_upload_the_wiki_did_not_store_sends_no_page_showing_it(proxied, proxy, mediawiki, answer):
    """An upload answered by anything but MediaWiki's success (a web server's 413 for a big photo, a result
    that is not 'Success') was taken for stored: the page went out showing an image the wiki lacks."""
    from tests.sync.test_images import png

    title = unique_title("Fiche à l'image non reçue")
    name = f"Photo-{title.split()[-1]}.png"
    proxied.write("fiche.md", page(title, f"![Photo](images/{name})"))
    (proxied.path / "docs" / "images").mkdir()
    (proxied.path / "docs" / "images" / name).write_bytes(
        png((3, 141, int(title.split("-")[-1]) % 256))
    )  # bytes of no other file
    proxied.commit()
    proxy.fault = lambda seen: answer if 'name="action"' in seen and "upload" in seen else None
    result = proxied.run("push", "--images")
    assert "Traceback" not in result.text
    assert result.code == 1 and name in result.text, result.text
    assert mediawiki.editor(0).text(title) is None
    proxy.fault = None
    rerun = proxied.run("push", "--images")
    assert rerun.code == 0, rerun.text
    assert f"[[Fichier:{name}|Photo]]" in mediawiki.editor(0).text(title)


def test_a_move_the_wiki_did_not_confirm_is_not_recorded_and_the_rerun_moves(proxied, proxy, mediawiki):
    """A move answered without MediaWiki's `move` result was recorded as done: the state then named a
    title the wiki lacks, and the next runs said the page deleted on the wiki."""
    old, new = unique_title("Page à renommer"), unique_title("Page renommée")
    proxied.write("fiche.md", page(old, "Texte."))
    proxied.commit()
    assert proxied.run("push").code == 0
    proxied.write("fiche.md", page(old, "Texte.").replace(f"movilab: {old}", f"movilab: {new}"))
    proxied.commit()
    proxy.fault = lambda seen: (200, {"Content-Type": "application/json"}, b"{}") if "action=move" in seen else None
    result = proxied.run("push")
    assert "Traceback" not in result.text and result.code == 1, result.text
    proxy.fault = None
    rerun = proxied.run("push")
    assert rerun.code == 0, rerun.text
    assert mediawiki.editor(0).text(new) == "Texte." and proxied.run("status").code == 0
