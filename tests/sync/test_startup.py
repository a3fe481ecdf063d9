# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a command loads and starts before its work: mwclient without its OAuth import, the login and
the converter started in the background, and nothing of either left behind."""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from sync import early_login
from sync.backoff import Backoff
from sync.errors import SyncError
from sync.settings import Settings
from sync.workspace import Workspace
from tests.sync.conftest import ROOT, SiteRepo, make_repo, page, unique_title

# Run in a fresh interpreter: this test process may have loaded mwclient already.
PROBE = """
import sys
from sync.errors import WikiAuthError
from sync.wiki import Wiki

wiki = Wiki("http://127.0.0.1:9/api.php")
print("oauth loaded by the sync:", "requests_oauthlib" in sys.modules or "oauthlib" in sys.modules)
print("left out:", [m for m in ("charset_normalizer", "importlib.metadata") if m in sys.modules])
import mwclient
try:
    mwclient.Site("127.0.0.1:9", scheme="http", do_init=False, consumer_token="a", consumer_secret="b",
                  access_token="c", access_secret="d")
except WikiAuthError as exc:
    print("OAuth keys:", exc)
import requests_oauthlib
print("later import:", requests_oauthlib.OAuth1.__module__)

# An answer that names no encoding is still guessed, by the real charset_normalizer.
import requests
answer = requests.Response()
answer._content = "Gare centrale : café, crème brûlée, tiers-lieu à énergie partagée".encode("utf-8")
answer.headers["Content-Type"] = "text/plain"
print("guessed:", answer.apparent_encoding, answer.text[:20])
import charset_normalizer, importlib.metadata
print("real packages:", charset_normalizer.__file__ is not None, importlib.metadata.__file__ is not None)
print("versions:", requests.compat.chardet.__version__ == charset_normalizer.__version__,
      importlib.metadata.version("mwclient"))
import urllib3.http2
print("urllib3 version lookup:", urllib3.http2.version("mwclient"))
"""


def test_mwclient_is_loaded_without_what_the_sync_never_needs_and_later_imports_get_the_real_packages():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "oauth loaded by the sync: False"
    # Neither is loaded to log in (requests' encoding guess, urllib3's HTTP/2 version check).
    assert lines[1] == "left out: []"
    # The stand-in only ever answers mwclient's own import, and says why in French if used.
    assert lines[2] == "OAuth keys: la synchronisation se connecte avec un mot de passe de robot, jamais avec OAuth."
    assert lines[3] == "later import: requests_oauthlib.oauth1_auth"
    assert lines[4] == "guessed: utf-8 Gare centrale : café"
    assert lines[5] == "real packages: True True"
    assert lines[6] == "versions: True 0.11.0"
    assert lines[7] == "urllib3 version lookup: 0.11.0"


# A push converts with the page's last synced wikitext as base, as the push of a changed page does.
CONVERT_PROBE = """
import sys, tempfile
from pathlib import Path
from sync.errors import ConversionError
from sync.mirror import Converter

root = Path(tempfile.mkdtemp())
(root / "docs").mkdir()
(root / "mkdocs.yml").write_text("site_name: Essai\\nsite_url: https://example.org/\\n")
converter = Converter(root)
page = "---\\ntitle: Fiche\\nmovilab: Fiche\\n---\\n\\n## Contexte\\n\\nDu **gras**, [un lien](https://example.org/).\\n\\n- un\\n- deux\\n"
base = converter.to_wiki(page, path="fiche.md", base=None)
converter.to_wiki(page.replace("deux", "trois"), path="fiche.md", base=base)
print("plain pages:", "markdown" in sys.modules)
try:
    converter.to_wiki(page + "\\nTexte *a **b* c**.\\n", path="fiche.md", base=base)
except ConversionError as exc:
    print("refused:", "le wiki perdrait" in str(exc))
print("checked page:", "markdown" in sys.modules)
"""


def test_a_command_with_nothing_to_do_loads_neither_the_http_client_nor_the_converter(tmp_path):
    """A push with nothing to send reads the pages and the state only: loading requests (through a module
    that also serves the site's build) cost a no-op push a third of its time."""
    repo = make_repo(tmp_path / "site", "https://movilab.example/api.php", "https://movilab.example/wiki/", "", "")
    script = (
        "import sys\n"
        "from sync.cli import main\n"
        "main(['push', '--dry-run'])\n"
        "print([m for m in ('requests', 'urllib3', 'mwclient', 'sync.convert') if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=repo.path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "MOVILAB_PASSWORD": ""},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-1:] == ["[]"], result.stdout + result.stderr


def test_pushing_plain_pages_never_loads_python_markdown_and_other_pages_are_still_checked():
    """Python-Markdown (the push check's reader, mdcheck.py) is imported only by a page that needs the
    check: a push of plain pages (mdplain.py) does without it, and a page the two readers would read
    apart is still refused."""
    result = subprocess.run(
        [sys.executable, "-c", CONVERT_PROBE], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["plain pages: False", "refused: True", "checked page: True"]


def _repo(tmp_path: Path) -> SiteRepo:
    repo = make_repo(tmp_path / "site", "http://127.0.0.1:9/api.php", "http://127.0.0.1:9/wiki/", "Bot@sync", "x")
    repo.write("fiche.md", page("Fiche fond", "Du **gras**."))
    return repo


def _workspace(tmp_path: Path) -> Workspace:
    return Workspace.open(_repo(tmp_path).path)


def test_the_converter_built_in_the_background_converts_and_gives_the_switch_interval_back(tmp_path):
    ws = _workspace(tmp_path)
    before = sys.getswitchinterval()
    ws.warm_converter()
    text = ws.converter.to_wiki("Du **gras**.", path="fiche.md", base=None)
    assert "'''gras'''" in text
    assert sys.getswitchinterval() == before


def test_a_converter_that_cannot_be_built_fails_where_it_is_needed(tmp_path, monkeypatch):
    ws = _workspace(tmp_path)
    before = sys.getswitchinterval()

    def broken() -> None:
        raise SyncError("configuration du site illisible")

    monkeypatch.setattr(ws, "_build_converter", broken)
    ws.warm_converter()  # no error yet: the command goes on until it needs the converter
    with pytest.raises(SyncError, match="configuration du site illisible"):
        ws.converter
    assert sys.getswitchinterval() == before


def test_pages_decided_ahead_come_in_their_order_and_a_defect_stops_the_run_at_its_page(monkeypatch):
    from sync import push

    threads: list[str] = []

    def decide(obs, conv, options):
        threads.append(threading.current_thread().name)
        if obs == "refusée":
            raise SyncError("titre refusé")
        if obs == "défaut":
            raise RuntimeError("défaut du programme")
        return [obs]

    monkeypatch.setattr(push, "decide_push", decide)
    before = sys.getswitchinterval()
    plans = push.Decisions(["a", "refusée", "b", "défaut", "c"], None, None, ahead=True)  # type: ignore[arg-type]
    seen = []
    with pytest.raises(RuntimeError, match="défaut du programme"):
        for obs, plan in plans:
            seen.append((obs, str(plan) if isinstance(plan, SyncError) else plan))
    # The pages before the defect are carried out (and recorded) as any failure leaves them; none after.
    assert seen == [("a", ["a"]), ("refusée", "titre refusé"), ("b", ["b"])]
    assert threads == ["décisions"] * 4
    assert sys.getswitchinterval() == before
    # Without pages to send, each page is decided when it comes, in the caller's thread.
    threads.clear()
    assert [plan for _, plan in push.Decisions(["a", "b"], None, None, ahead=False)] == [["a"], ["b"]]  # type: ignore[arg-type]
    assert threads == [threading.current_thread().name] * 2


def test_pages_decided_ahead_stop_being_converted_when_the_run_stops(monkeypatch):
    from sync import push

    started, release = threading.Event(), threading.Event()
    decided: list[str] = []

    def decide(obs, conv, options):
        decided.append(obs)
        started.set()
        release.wait(10)
        return [obs]

    monkeypatch.setattr(push, "decide_push", decide)
    plans = push.Decisions(["a", "b", "c"], None, None, ahead=True)  # type: ignore[arg-type]
    assert started.wait(10)
    plans.stop()  # the wiki became unavailable after the first page, say
    release.set()
    plans._thread.join(10)  # type: ignore[union-attr]
    assert decided == ["a"]


def test_pages_decided_ahead_stay_one_page_to_send_ahead_of_the_run(monkeypatch):
    """The conversion of the next page runs beside the edit in flight, not all of them beside the first."""
    from sync import push
    from sync.decide import Step

    decided: list[str] = []

    def decide(obs, conv, options):
        decided.append(obs)
        kind = "report" if obs.startswith("inchangée") else "edit"
        return [Step(kind, "ok", obs, "fiche.md")]

    monkeypatch.setattr(push, "decide_push", decide)
    pages = ["a", "inchangée 1", "b", "inchangée 2", "c", "d"]
    decisions = push.Decisions(pages, None, None, ahead=True)  # type: ignore[arg-type]
    plans = iter(decisions)

    def settled(count: int) -> list[str]:
        """What the thread decided once it reached `count` pages, and a moment after (it must stop there)."""
        for _ in range(1000):
            if len(decided) >= count:
                break
            threading.Event().wait(0.01)
        threading.Event().wait(0.05)
        return list(decided)

    assert next(plans)[0] == "a"
    # While the request of "a" is being built, nothing else is decided (it has the interpreter)...
    assert settled(1) == ["a"]
    decisions.sent()  # ...once it has left: the unchanged page after it and the next page to send, nothing more.
    assert settled(3) == ["a", "inchangée 1", "b"]
    assert next(plans)[0] == "inchangée 1"
    assert settled(3) == ["a", "inchangée 1", "b"]
    assert next(plans)[0] == "b"
    assert settled(3) == ["a", "inchangée 1", "b"]
    decisions.sent()
    assert settled(5) == ["a", "inchangée 1", "b", "inchangée 2", "c"]
    # A page whose request never says it left (a proxy, a refusal before sending): taking the next
    # page lets the thread go on all the same.
    assert [obs for obs, _ in plans] == ["inchangée 2", "c", "d"]
    assert decided == pages


def test_commits_read_ahead_are_the_ones_git_gives_and_other_pages_are_read_again(tmp_path):
    repo = _repo(tmp_path)
    repo.commit("Première version", author="Alice Martin <alice@example.org>")
    first = repo.git("rev-parse", "HEAD").strip()
    repo.write("fiche.md", page("Fiche fond", "Du **gras**, revu."))
    repo.write("autre.md", page("Autre fiche", "Texte."))
    repo.commit("Relecture", author="Chloé Dubois <chloe@example.org>")
    ws = Workspace.open(repo.path)
    since: dict[str, str | None] = {"docs/fiche.md": first, "docs/autre.md": None}
    expected = ws.repo.commits_since(since)
    assert [c.author for c in expected["docs/fiche.md"]] == ["Chloé Dubois"]

    ws.read_commits_ahead(since)
    assert ws.commits_since(dict(since)) == expected
    # Asked for other pages than those read ahead (a page refused meanwhile): git is asked again,
    # since git log's history of a set of paths is not the union of each path's.
    ws.read_commits_ahead({"docs/fiche.md": None})
    assert ws.commits_since(since) == expected
    assert ws.commits_since({"docs/fiche.md": None})["docs/fiche.md"][0].author == "Chloé Dubois"


# -- the push's login, started before the pages are read (sync/early_login.py) ----------------------

API = "http://127.0.0.1:9/api.php"


def _state_for(repo: SiteRepo, pages: dict[str, str], api: str = API) -> None:
    """A state file recording `pages` (docs path -> text) as synced: only what the guess reads."""
    entries = {
        re.search(r"^movilab: (.*)$", text, re.M).group(1): {  # type: ignore[union-attr]
            "path": path,
            "local_sha256": hashlib.sha256(text.encode()).hexdigest(),
        }
        for path, text in pages.items()
    }
    (repo.path / ".movilab-sync.json").write_text(json.dumps({"api": api, "pages": entries, "version": 1}))


def _guess(repo: SiteRepo) -> bool:
    return bool(early_login.changed_pages(repo.path, Settings.load(repo.path)))


def test_the_login_is_guessed_worth_starting_when_a_synced_page_changed_or_a_mirrored_one_appeared(tmp_path):
    repo = _repo(tmp_path)  # docs/fiche.md, mirrored, never synced: a first push sends it
    assert _guess(repo)
    text = (repo.path / "docs" / "fiche.md").read_text()
    _state_for(repo, {"fiche.md": text})
    assert not _guess(repo)  # nothing changed: a push sends nothing
    repo.write("autre.md", "---\ntitle: Autre\n---\n\nPas sur Movilab.\n")
    assert not _guess(repo)
    (repo.path / "docs" / "fiche.md").rename(repo.path / "docs" / "deplacee.md")
    assert not _guess(repo)  # moved, same text: push sends nothing
    repo.write("deplacee.md", page("Fiche fond", "Du **gras**, revu."))
    assert _guess(repo)
    repo.write("nouvelle.md", page("Nouvelle fiche", "Texte."))
    _state_for(repo, {"deplacee.md": (repo.path / "docs" / "deplacee.md").read_text()})
    assert _guess(repo)


def test_the_guess_reads_docs_dir_from_mkdocs_yml_and_gives_up_on_what_it_cannot_trust(tmp_path):
    repo = _repo(tmp_path)
    text = (repo.path / "docs" / "fiche.md").read_text()
    _state_for(repo, {"fiche.md": text}, api="https://movilab.org/api.php")
    assert not _guess(repo)  # a state written for another wiki: the push refuses it
    _state_for(repo, {"fiche.md": text})
    repo.write("lien.md", "")
    (repo.path / "docs" / "lien.md").unlink()
    (repo.path / "docs" / "lien.md").symlink_to("/etc/hostname")
    repo.write("fiche.md", page("Fiche fond", "Du **gras**, revu."))
    assert not _guess(repo)  # a linked page stops the push before any request
    (repo.path / "docs" / "lien.md").unlink()
    assert _guess(repo)
    repo.write("fiche.md", text)
    _state_for(repo, {"fiche.md": text + "changé"})
    assert _guess(repo)
    config = repo.path / "mkdocs.yml"
    config.write_text(config.read_text().replace("docs_dir: docs", "docs_dir: 'pages'  # ailleurs"))
    assert not _guess(repo)  # no pages/ folder
    (repo.path / "docs").rename(repo.path / "pages")
    assert _guess(repo)
    hostile = [
        "[" * 100_000,  # nesting json.loads cannot read
        '{"api": "", "pages": {"T": {"path": 1}}, "version": 1}',
        '{"api": "", "pages": ["T"], "version": 1}',
        "\x00\xff",
    ]
    for content in hostile:
        (repo.path / ".movilab-sync.json").write_text(content)
        assert not _guess(repo)
    (repo.path / ".movilab-sync.json").unlink()
    (repo.path / ".movilab-sync.json").symlink_to(repo.path / "pages" / "fiche.md")
    assert not _guess(repo)
    (repo.path / ".movilab-sync.json").unlink()
    (repo.path / "pages").rename(repo.path / "ailleurs")
    (repo.path / "pages").symlink_to(repo.path / "ailleurs")
    assert not _guess(repo)  # a linked docs/ is the push's to refuse


def test_no_guess_for_pages_the_push_refuses_before_any_request(tmp_path):
    repo = _repo(tmp_path)
    text = (repo.path / "docs" / "fiche.md").read_text()
    _state_for(repo, {"fiche.md": text})
    refused = [
        page("Modèle:Ressource", "Hors de l'espace de noms principal."),
        page("Fiche fond", "Le titre d'une page qui n'a pas changé."),
        "---\ntitle: Cassé\nmovilab: [Une, liste]\n---\n\nTexte.\n",
        "---\ntitle: Cassé\nmovilab: Titre\nmovilab: Deux fois\n---\n\nTexte.\n",
        b"---\nmovilab: Titre\n---\n\nPas en UTF-8 : \xe9t\xe9.\n",
    ]
    for content in refused:
        (repo.path / "docs" / "nouvelle.md").write_bytes(content if isinstance(content, bytes) else content.encode())
        assert not _guess(repo), content
    repo.write("nouvelle.md", page("Pas encore sur le wiki", "Texte."))
    assert _guess(repo)
    repo.write("autre.md", page("Pas encore sur le wiki", "Le même titre qu'une autre page nouvelle."))
    assert not _guess(repo)


def test_no_early_login_without_the_checks_the_push_makes_before_the_password_leaves(tmp_path, monkeypatch):
    repo = _repo(tmp_path)
    monkeypatch.setenv("MOVILAB_USER", "Bot@sync")
    monkeypatch.setenv("MOVILAB_PASSWORD", "x")
    for api in ("", "http://wiki.example.org/api.php", "https://wiki.example.org/index.php"):
        monkeypatch.setenv("MOVILAB_API", api)
        assert early_login.start(repo.path) is None, api
    monkeypatch.setenv("MOVILAB_API", API)
    monkeypatch.delenv("MOVILAB_PASSWORD")  # maybe in the keyring: the push reads it itself
    assert early_login.start(repo.path) is None


def test_the_switch_interval_comes_back_whatever_order_the_threads_end_in():
    before = sys.getswitchinterval()
    early_login.FastSwitching.take()
    early_login.FastSwitching.take()
    assert sys.getswitchinterval() == min(before, early_login.FAST_SWITCH)
    early_login.FastSwitching.give_back()
    assert sys.getswitchinterval() == min(before, early_login.FAST_SWITCH)
    early_login.FastSwitching.give_back()
    assert sys.getswitchinterval() == before


@pytest.mark.wiki
def test_a_push_that_logs_in_for_nothing_says_so_and_decides_as_before(tmp_path, mediawiki, proxy):
    """The guess sees a changed, committed page, the push refuses it for its conflict markers: the
    two login requests were made, are counted and reported, and nothing else happens."""
    site = make_repo(tmp_path / "site", proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)
    title = unique_title("Brouillon")
    site.write("fiche.md", page(title, "Premier texte."))
    site.commit()
    assert site.run("push").code == 0
    site.write("fiche.md", page(title, "<<<<<<< HEAD\nA\n=======\nB\n>>>>>>> movilab\n"))
    site.commit()
    before = proxy.count
    result = site.run("push")
    assert result.code == 1, result.text
    assert "conflit" in result.out
    assert proxy.count - before == 2
    assert "(2 requête(s)" in result.out
    assert [t.name for t in threading.enumerate() if t.name == "connexion"] == []


@pytest.mark.parametrize("case", ["uncommitted", "untracked", "detached"])
def test_a_push_refused_before_any_request_sends_no_password(tmp_path, monkeypatch, case):
    """A page whose change is not committed (or a new file not yet added), or a detached HEAD: the
    push refuses before any request, so the early login must not send the password either."""
    logins: list[str] = []

    def recorded(self: object, user: str, password: str) -> None:
        logins.append(user)
        raise SyncError("connexion refusée par le test")

    monkeypatch.setattr("sync.wiki.Wiki.login", recorded)
    repo = make_repo(tmp_path / "site", API, API.replace("api.php", "wiki/"), "Bot@sync", "secret")
    repo.write("fiche.md", page("Fiche commitée", "Texte."))
    if case != "untracked":  # a file never added to git
        repo.commit()
    if case == "uncommitted":
        repo.write("fiche.md", page("Fiche commitée", "Texte pas encore commité."))
    elif case == "detached":
        repo.git("checkout", "-q", "--detach")
    assert early_login.changed_pages(repo.path, Settings.load(repo.path))  # the guess alone would log in
    result = repo.run("push")
    for thread in [t for t in threading.enumerate() if t.name == "connexion"]:
        thread.join()
    assert result.code != 0, result.text
    assert ("HEAD est détachée" if case == "detached" else "commit") in result.text, result.text
    assert logins == []


def test_a_state_file_that_is_a_fifo_gives_no_guess_and_does_not_block(tmp_path):
    repo = _repo(tmp_path)
    os.mkfifo(repo.path / ".movilab-sync.json")
    assert not _guess(repo)  # returns: the open does not wait for a writer


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SyncError])
def test_ctrl_c_or_a_refusal_while_the_early_login_waits_on_a_silent_wiki_stops_at_once(tmp_path, monkeypatch, stop):
    """The wiki never answers the login; Ctrl-C or a refusal during the push's own work ends the
    command without waiting for the login thread (a daemon, which ends with the process)."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    api = f"http://127.0.0.1:{silent.getsockname()[1]}/api.php"
    repo = make_repo(tmp_path / "site", api, api.replace("api.php", "wiki/"), "Bot@sync", "x")
    repo.write("fiche.md", page("Fiche silencieuse", "Texte."))
    repo.commit()

    silent.settimeout(60)
    held: list[socket.socket] = []

    def interrupted(root: Path, start: object = None) -> Workspace:
        held.append(silent.accept()[0])  # the login's first request is at the wiki, which never answers
        raise stop("le dépôt est refusé par le test") if stop is SyncError else stop()

    monkeypatch.setattr(Workspace, "open", staticmethod(interrupted))
    monkeypatch.setattr(Backoff, "wait", lambda self, retry_after: False)  # once the wiki hangs up: no retry
    try:
        result = repo.run("push")
        assert result.code != 0
        assert ("interrompu" if stop is KeyboardInterrupt else "refusé par le test") in result.text
        assert [t for t in threading.enumerate() if t.name == "connexion"]  # still waiting: not waited for
    finally:
        for connection in [*held, silent]:
            connection.close()  # the login's connection fails now, and its thread ends
    for thread in [t for t in threading.enumerate() if t.name == "connexion"]:
        thread.join()


def test_the_sync_s_own_git_status_never_rewrites_the_index(tmp_path):
    """A `git status` the push starts beside its work may be ended early (a refusal, Ctrl-C) or
    still run when the command returns: if it wrote the index, the index.lock it left behind
    would make the user's next `git commit` fail. A stale stat makes plain `git status` rewrite
    the index; the sync's must not."""
    from sync.history import Repo

    repo = _repo(tmp_path)
    repo.commit()
    index = repo.path / ".git" / "index"
    fiche = repo.path / "docs" / "fiche.md"

    def index_after(status: Callable[[], object]) -> bool:
        """Whether `status` rewrote the index after fiche.md got a newer stat with the same text."""
        stamp = fiche.stat().st_mtime_ns + 5_000_000_000
        os.utime(fiche, ns=(stamp, stamp))
        before = index.stat().st_mtime_ns, index.stat().st_ino
        status()
        return (index.stat().st_mtime_ns, index.stat().st_ino) != before

    assert index_after(lambda: subprocess.run(["git", "status"], cwd=repo.path, capture_output=True, check=True))
    assert not index_after(lambda: Repo(repo.path).status(["docs"]))


def test_a_page_is_read_whole_up_to_the_size_limit_and_refused_beyond_it(tmp_path):
    """The reader sizes its read from the file (commons.frontmatter.read_bounded) instead of asking
    for the whole limit: what it reads and refuses is unchanged."""
    from commons.frontmatter import MAX_PAGE_BYTES, FrontMatterError, read_text

    header = "---\ntitle: Grande page\n---\n\n"
    largest = tmp_path / "largest.md"
    largest.write_text(header + "x" * (MAX_PAGE_BYTES - len(header)))
    assert len(read_text(largest, path="docs/largest.md")) == MAX_PAGE_BYTES
    too_big = tmp_path / "too-big.md"
    too_big.write_text(header + "x" * (MAX_PAGE_BYTES + 1 - len(header)))
    with pytest.raises(FrontMatterError, match="plus de 5 Mo"):
        read_text(too_big, path="docs/too-big.md")
    small = tmp_path / "small.md"
    small.write_text(header + "Texte.\n")
    assert read_text(small, path="docs/small.md") == header + "Texte.\n"


def test_ctrl_c_while_the_commands_are_still_loading_says_so_in_french(monkeypatch, capsys):
    """On a busy machine the commands take a while to load: Ctrl-C then ends the command as it does
    later, with the French message and exit code 1, not with Python's traceback."""
    from sync import cli

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_parser", interrupted)
    assert cli.main(["push"]) == 1
    assert capsys.readouterr().err == "interrompu : relancez la même commande pour reprendre.\n"


def test_a_push_beside_another_sync_is_refused_before_it_logs_in(tmp_path, monkeypatch):
    """The lock is taken first: a push started while another sync runs in the same clone sends
    nothing, not even the login's requests, and starts no git status nor thread."""
    from sync.workspace import locked

    logins: list[str] = []
    monkeypatch.setattr("sync.wiki.Wiki.login", lambda self, user, password: logins.append(user))
    repo = make_repo(tmp_path / "site", API, API.replace("api.php", "wiki/"), "Bot@sync", "secret")
    repo.write("fiche.md", page("Fiche pendant une autre", "Texte."))
    repo.commit()
    assert early_login.changed_pages(repo.path, Settings.load(repo.path))  # the guess alone would log in
    with locked(repo.path):
        result = repo.run("push")
    assert result.code == 2, result.text
    assert "une autre synchronisation est en cours" in result.err
    assert [t for t in threading.enumerate() if t.name == "connexion"] == []
    assert logins == []


def test_the_git_folder_found_without_git_is_the_one_git_names(tmp_path, monkeypatch):
    """Read from <root>/.git when it is a plain git folder; git is asked for anything else (a linked worktree)."""
    from sync import history

    repo = _repo(tmp_path)
    repo.commit("Première version")
    linked = tmp_path / "lié"
    repo.git("worktree", "add", "-q", str(linked), "-b", "autre")
    asked: list[tuple[str, ...]] = []
    real_git = history.Repo.git

    def git(self, *args, **kwargs):
        asked.append(args)
        return real_git(self, *args, **kwargs)

    monkeypatch.setattr(history.Repo, "git", git)
    for root, asks in ((repo.path, 0), (linked, 1)):
        history._GIT_DIRS.clear()
        expected = subprocess.run(
            ["git", "rev-parse", "--absolute-git-dir"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        asked.clear()
        assert history.Repo(root).git_dir == Path(expected)
        assert len(asked) == asks
    history._GIT_DIRS.clear()
    monkeypatch.setenv("GIT_DIR", str(repo.path / ".git"))
    asked.clear()
    assert history.Repo(repo.path).git_dir == repo.path.resolve() / ".git"
    assert len(asked) == 1  # GIT_DIR set: git decides
    history._GIT_DIRS.clear()


@pytest.mark.wiki
def test_a_push_reads_each_page_once_and_sends_what_it_read(site, mediawiki, monkeypatch):
    """The login's guess reads the pages; the push then takes those bytes instead of reading them again."""
    import commons.frontmatter

    titles = [unique_title(f"Lue une fois {i}") for i in range(3)]
    for i, title in enumerate(titles):
        site.write(f"fiche-{i}.md", page(title, "Texte."))
    site.commit()
    assert site.run("push").code == 0
    site.write("fiche-1.md", page(titles[1], "Texte revu."))
    site.commit()
    reads: list[str] = []
    reader = commons.frontmatter.read_page_bytes

    def counted(file, *, path):
        reads.append(path)
        return reader(file, path=path)

    monkeypatch.setattr(commons.frontmatter, "read_page_bytes", counted)
    monkeypatch.setattr("sync.early_login.read_page_bytes", counted)
    pushed = site.run("push")
    assert pushed.code == 0, pushed.text
    assert sorted(reads) == ["docs/fiche-0.md", "docs/fiche-1.md", "docs/fiche-2.md", "docs/index.md"]
    assert mediawiki.editor(0).text(titles[1]) == "Texte revu."
