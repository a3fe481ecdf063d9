# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A push and a pull killed after each of their git commands and HTTP requests in turn, then rerun.

For every kill point k = 1, 2, … until the run completes untouched: the rerun
exits 0, no revision is lost or made twice on the wiki, no commit is lost or
made twice in git (the wiki's authors credited once), `git status` is clean,
and the state file agrees with both sides. See killpoints.py for how a run is
killed at an exact step; each k gets its own repository and its own pages.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

import pytest
import yaml

from devtools.sandbox import ADMIN_PASSWORD, ADMIN_USER, BOT_USER
from sync.mirror import Converter
from tests.sync.conftest import SiteRepo, make_repo, page, unique_title
from tests.sync.killpoints import KillPoints

pytestmark = pytest.mark.wiki

BODY = "Premier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième paragraphe."
PUSH_COPIES = 28  # more steps than a push of one copy has (22 now; the test says so if that changes)
PULL_COPIES = 14  # (11 steps now)
IMPORT_COPIES = 16


@pytest.fixture
def killer(tmp_path, proxy) -> KillPoints:
    return KillPoints(tmp_path / "kill", proxy)


def _state(site: SiteRepo) -> dict:
    return json.loads((site.path / ".movilab-sync.json").read_text())["pages"]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _authored(site: SiteRepo, author: str, rel: str) -> int:
    return len(site.git("log", f"--author={author}", "--format=%H", "--", f"docs/{rel}").split())


# -- the scenarios: one repository, one copy of the scenario per kill point, synced in one go ---------------


def _kill_at_each_step(
    killer: KillPoints,
    site: SiteRepo,
    command: tuple[str, ...],
    copies: int,
    done: Callable[[int], None],
    while_killed: Callable[[], AbstractContextManager[None]] = nullcontext,
) -> int:
    """Copy k (docs/k<k>) killed after the k-th step of its run, then rerun, until a run completes
    untouched: how many steps a run has. Each rerun exits 0 and `done(k)` asserts its copy is synced."""
    for k in range(1, copies + 1):
        with while_killed():
            code = killer.run(site, [*command, f"docs/k{k}"], k)
        rerun = site.run(*command, f"docs/k{k}")
        assert rerun.code == 0, (k, rerun.text)
        done(k)
        if code is not None:  # the k-th step was past the end: the run completed on its own
            assert code == 0
            return k
    pytest.fail(f"more than {copies} steps in a {command[0]}: raise {command[0].upper()}_COPIES")


def _world(tmp_path, mediawiki, proxy, name: str, copies: int, pages: tuple[str, ...]) -> tuple[SiteRepo, list]:
    """`copies` copies of the pages, in docs/k<i>/, already synced: created by the bot (one import) and
    taken back by one pull, as a sync that created them would have left them."""
    site = make_repo(tmp_path / name, proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)
    titles = [{page_: unique_title(f"Crash {name} {page_}") for page_ in pages} for _ in range(copies)]
    for i, copy in enumerate(titles, start=1):
        for page_, title in copy.items():
            site.write(f"k{i}/{page_}.md", page(title, BODY))
    site.commit("The pages")
    converter = Converter(site.path)
    mediawiki.import_pages(
        {
            title: converter.to_wiki(site.read(f"k{i}/{page_}.md"), path=f"k{i}/{page_}.md", base=None)
            for i, copy in enumerate(titles, start=1)
            for page_, title in copy.items()
        },
        user=BOT_USER,
    )
    taken = site.run("pull")
    assert taken.code == 0, taken.text
    return site, titles


# -- push ------------------------------------------------------------------------------------------------


def _push_world(tmp_path, mediawiki, proxy, copies: int) -> tuple[SiteRepo, list[dict[str, str]]]:
    """Per copy: an edit, a new page, a retitled page, a deleted page and a page edited on both sides."""
    site, titles = _world(tmp_path, mediawiki, proxy, "envoi", copies, ("edit", "moved", "gone", "both"))
    camille = mediawiki.editor(0)
    for i, t in enumerate(titles, start=1):
        t["old"] = t["moved"]
        t["moved"] = t["old"].replace("Crash envoi moved", "Crash envoi renommée")
        t["new"] = unique_title("Crash envoi new")
        camille.edit(t["both"], BODY.replace("Premier", "Premier (wiki)"), "wiki")
        site.write(f"k{i}/edit.md", page(t["edit"], BODY + "\n\nAjout."))
        site.write(f"k{i}/new.md", page(t["new"], BODY))
        site.write(f"k{i}/moved.md", page(t["old"], BODY).replace(f"movilab: {t['old']}", f"movilab: {t['moved']}"))
        site.write(f"k{i}/both.md", page(t["both"], BODY.replace("Troisième", "Troisième (git)")))
        site.git("rm", "-q", f"docs/k{i}/gone.md")
    site.commit("Edit, add, retitle, delete")
    return site, titles


def _push_done(site: SiteRepo, mediawiki, t: dict[str, str], i: int) -> None:
    history = mediawiki.history([t[name] for name in ("edit", "new", "moved", "old", "gone", "both")])
    texts = mediawiki.editor_session.texts([t["edit"], t["both"], t["old"], t["gone"]])
    assert len(history[t["edit"]]) == 2 and "Ajout." in (texts[t["edit"]] or "")
    assert len(history[t["new"]]) == 1
    assert len(history[t["moved"]]) == 2  # created, then moved: one history, no copy
    assert "REDIRECT" in (texts[t["old"]] or "").upper()
    assert texts[t["gone"]] is None
    assert "Premier (wiki)" in (texts[t["both"]] or "") and "Troisième (git)" in (texts[t["both"]] or "")
    assert [user for _, user in history[t["both"]]] == ["SyncBot", "Camille Dupont", "SyncBot"]
    assert _authored(site, "Camille Dupont", f"k{i}/both.md") == 1  # the merge, credited once
    state = _state(site)
    for name in ("edit", "new", "moved", "both"):
        entry = state[t[name]]
        assert entry["path"] == f"k{i}/{name}.md"
        assert entry["revid"] == history[t[name]][0][0], t[name]
        assert entry["local_sha256"] == _sha(site.read(f"k{i}/{name}.md")), t[name]
    assert t["old"] not in state and t["gone"] not in state
    assert site.git("status", "--porcelain") == ""


def _push_checked(site: SiteRepo, mediawiki, titles: list[dict[str, str]]) -> Callable[[int], None]:
    """What asserts that copy k is pushed: the wiki and the state file up to date, nothing left to send."""

    def done(k: int) -> None:
        _push_done(site, mediawiki, titles[k - 1], k)
        assert site.run("status", f"docs/k{k}").code == 0, k

    return done


def test_push_killed_after_any_step_is_finished_by_the_rerun(tmp_path, mediawiki, proxy, killer):
    site, titles = _push_world(tmp_path, mediawiki, proxy, PUSH_COPIES)
    mediawiki.editor_session = mediawiki.editor(0)
    done = _push_checked(site, mediawiki, titles)
    steps = _kill_at_each_step(killer, site, ("push", "--delete"), PUSH_COPIES, done)
    assert steps > 15, steps  # git commands and requests really were counted


def test_push_killed_before_any_of_its_records_reached_the_state_file_is_finished_by_the_rerun(
    tmp_path, mediawiki, proxy, killer, monkeypatch
):
    """A push writes each page's record in a thread while the next request is out (Workspace.save_state),
    so a kill may find the file behind the wiki. Here it is as far behind as it can be: no record of
    the run reaches the file before the end of the run. Killed after any step, the rerun still sends
    each page once and records them all."""
    from sync.workspace import _StateWriter

    real_put, real_flush = _StateWriter.put, _StateWriter.flush
    held: dict[int, str] = {}  # the newest text of each writer, kept from the file until the end of the run

    def put(self: _StateWriter, text: str) -> None:
        held[id(self)] = text

    def flush(self: _StateWriter, *, quiet: bool = False) -> None:
        if id(self) in held:
            real_put(self, held.pop(id(self)))
        real_flush(self, quiet=quiet)

    @contextmanager
    def held_back() -> Iterator[None]:
        with monkeypatch.context() as patched:
            patched.setattr(_StateWriter, "put", put)
            patched.setattr(_StateWriter, "flush", flush)
            yield

    site, titles = _push_world(tmp_path, mediawiki, proxy, PUSH_COPIES)
    mediawiki.editor_session = mediawiki.editor(0)
    done = _push_checked(site, mediawiki, titles)
    steps = _kill_at_each_step(killer, site, ("push", "--delete"), PUSH_COPIES, done, while_killed=held_back)
    assert steps > 15, steps


# -- pull ------------------------------------------------------------------------------------------------


def _pull_world(tmp_path, mediawiki, proxy, copies: int) -> tuple[SiteRepo, list[dict[str, str]]]:
    """Per copy: two wiki editors on one page, a page edited on both sides, a page renamed on the wiki."""
    site, titles = _world(tmp_path, mediawiki, proxy, "récup", copies, ("two", "both", "moved"))
    camille, sacha = mediawiki.editor(0), mediawiki.editor(1)
    admin = mediawiki.session(ADMIN_USER, ADMIN_PASSWORD)  # moves are rate-limited for others
    for i, t in enumerate(titles, start=1):
        t["old"] = t["moved"]
        t["moved"] = f"{t['old'].replace('Crash récup moved', 'Crash récup')}: partie 2"
        camille.edit(t["two"], BODY.replace("Premier", "Premier (Camille)"), "relecture")
        sacha.edit(t["two"], BODY.replace("Premier", "Premier (Camille, Sacha)"), "complément")
        camille.edit(t["both"], BODY.replace("Premier", "Premier (wiki)"), "wiki")
        admin.move(t["old"], t["moved"], "titre")
        site.write(f"k{i}/both.md", page(t["both"], BODY.replace("Troisième", "Troisième (git)")))
    site.commit("Local edits")
    return site, titles


def _pull_done(site: SiteRepo, mediawiki, t: dict[str, str], i: int) -> None:
    assert "Premier (Camille, Sacha)" in site.read(f"k{i}/two.md")
    assert _authored(site, "Sacha", f"k{i}/two.md") == 1  # one commit per page, by its last wiki editor…
    log = site.git("log", "--author=Sacha", "--format=%B", "--", f"docs/k{i}/two.md")
    assert "Co-authored-by: Camille Dupont" in log  # … crediting the others
    both = site.read(f"k{i}/both.md")
    assert "Premier (wiki)" in both and "Troisième (git)" in both
    assert _authored(site, "Camille Dupont", f"k{i}/both.md") == 1
    header = yaml.safe_load(site.read(f"k{i}/moved.md").split("---")[1])
    assert header["movilab"] == t["moved"]
    history = mediawiki.history([t["two"], t["both"], t["moved"]])
    for title, revisions in ((t["two"], 3), (t["both"], 2), (t["moved"], 2)):
        assert len(history[title]) == revisions, title  # pull never writes on the wiki
    state = _state(site)
    for name in ("two", "both", "moved"):
        assert state[t[name]]["revid"] == history[t[name]][0][0], t[name]
        assert state[t[name]]["path"] == f"k{i}/{name}.md"
    assert t["old"] not in state
    assert site.git("status", "--porcelain") == ""


def test_pull_killed_after_any_step_is_finished_by_the_rerun(tmp_path, mediawiki, proxy, killer):
    site, titles = _pull_world(tmp_path, mediawiki, proxy, PULL_COPIES)
    steps = _kill_at_each_step(
        killer, site, ("pull",), PULL_COPIES, lambda k: _pull_done(site, mediawiki, titles[k - 1], k)
    )
    assert steps > 5, steps
    pulled = [f"docs/k{i}" for i in range(1, steps + 1)]
    pushed = site.run("push", *pulled)  # sends every merge: both sides agree again
    assert pushed.code == 0, pushed.text
    assert site.run("status", *pulled).code == 0


# -- import ----------------------------------------------------------------------------------------------


def test_import_killed_after_any_step_is_finished_or_redone_by_the_rerun(tmp_path, mediawiki, proxy, killer):
    """Killed once its commit was made, the rerun said « ce fichier existe déjà » (the state and the page
    were read before the commit was finished) and the page was left half adopted in the user's eyes."""
    site = make_repo(tmp_path / "import", proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)
    titles = []
    for k in range(1, IMPORT_COPIES + 1):
        titles.append(unique_title(f"Crash import {k}"))
        mediawiki.editor(1).edit(titles[-1], f"Le texte {k} d'un autre réseau.", "création")
    for k, title in enumerate(titles, start=1):
        code = killer.run(site, ["import", title, "--to", f"k{k}.md"], k)
        rerun = site.run("import", title, "--to", f"k{k}.md")
        assert rerun.code == 0, (k, rerun.text)
        assert f"Le texte {k} d'un autre réseau." in site.read(f"k{k}.md")
        assert _state(site)[title]["path"] == f"k{k}.md"
        assert len(site.git("log", "--format=%H", "--", f"docs/k{k}.md").split()) == 1, k  # imported once
        assert site.git("status", "--porcelain") == ""
        if code is not None:  # the k-th step was past the end: the run completed on its own
            assert code == 0
            assert "déjà importée" in rerun.text, rerun.text
            assert k > 5, k
            return
    pytest.fail(f"more than {IMPORT_COPIES} steps in an import: raise IMPORT_COPIES")


def test_the_git_wrapper_really_counts_and_kills(tmp_path, mediawiki, proxy, killer):
    """The harness itself: a run killed at its first step has done nothing at all.

    That step is its first git command or, since a push that will likely send pages starts
    logging in first (sync/early_login.py), the answer to its first login request."""
    site = make_repo(tmp_path / "site", proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)
    title = unique_title("Crash premier pas")
    site.write("fiche.md", page(title, BODY))
    site.commit()
    head = site.git("rev-parse", "HEAD")
    before = len(proxy.requests)
    assert killer.run(site, ["push"], 1) is None
    assert killer.events in (1, 2)  # the login's request and a git command may end together
    assert all("type=login" in r or "action=login" in r for r in proxy.requests[before:]), proxy.requests[before:]
    assert site.git("rev-parse", "HEAD") == head and mediawiki.editor(0).text(title) is None
    assert killer.run(site, ["push"], 10_000) == 0 and killer.events > 5
    assert os.path.exists(site.path / ".movilab-sync.json")


def test_push_killed_while_its_early_login_runs_beside_git_is_finished_by_the_rerun(tmp_path, mediawiki, proxy, killer):
    """A plain push that will send a page logs in while it reads git (sync/early_login.py): killed at
    any of its first steps, whichever thread made it, the rerun sends the page once."""
    site = make_repo(tmp_path / "site", proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)
    for k in range(1, 7):
        title = unique_title(f"Crash connexion {k}")
        site.write(f"k{k}.md", page(title, BODY))
        site.commit()
        assert killer.run(site, ["push"], k) is None, k
        rerun = site.run("push")
        assert rerun.code == 0, (k, rerun.text)
        assert [user for _, user in mediawiki.history([title])[title]] == ["SyncBot"], k
        assert site.git("status", "--porcelain") == "", k


def test_a_sync_killed_while_a_child_of_it_lives_on_leaves_no_lock_behind(site, mediawiki):
    """A sync killed (kill -9, the machine stopping it) may leave a child alive: a git command it had
    just forked and not yet started (the fork's copy of every descriptor lives until git starts), or
    one that outlives it. The rerun at once is not refused: the lock goes with the process that took
    it, never with its children. While the sync lives, a second one is refused and told which process
    holds the lock. (This was the flaky refusal of a rerun right after a kill in the loops above.)"""
    from sync.workspace import locked

    title = unique_title("Verrou après kill")
    site.write("fiche.md", page(title, BODY))
    site.commit()
    ready_r, ready_w = os.pipe()
    hold_r, hold_w = os.pipe()
    holder = os.fork()
    if holder == 0:  # a sync that took the lock and forked a child, as subprocess does for each git
        try:
            os.close(ready_r)
            os.close(hold_w)
            with locked(site.path):
                if os.fork() == 0:
                    os.read(hold_r, 1)  # the child, between its fork and its exec: lives until told
                    os._exit(0)
                os.write(ready_w, b"1")
                os.read(hold_r, 1)
        finally:
            os._exit(0)
    os.close(ready_w)
    os.close(hold_r)
    try:
        assert os.read(ready_r, 1) == b"1"
        refused = site.run("push")
        assert refused.code == 2, refused.text
        assert f"une autre synchronisation est en cours dans ce dépôt (processus {holder})" in refused.err
        os.kill(holder, signal.SIGKILL)
        os.waitpid(holder, 0)
        rerun = site.run("push")  # at once, the child still alive
        assert rerun.code == 0, rerun.text
        assert [user for _, user in mediawiki.history([title])[title]] == ["SyncBot"]
    finally:
        os.close(hold_w)  # the child ends
        os.close(ready_r)


@pytest.mark.parametrize("inside", [True, False])
@pytest.mark.parametrize("command", ["pull", "push", "status"])
def test_a_folder_in_place_of_the_state_file_is_told_alike_by_every_command(site, mediawiki, command, inside):
    """Each command that reads the state says what sits at its path and what to do, with one exit code
    (2, like any link or folder in the way), and leaves the folder and git as they were."""
    title = unique_title("État dossier")
    site.write("fiche.md", page(title, BODY))
    site.commit()
    assert site.run("push").code == 0
    head = site.git("rev-parse", "HEAD")
    state = site.path / ".movilab-sync.json"
    state.unlink()
    state.mkdir()
    if inside:
        (state / "garde.txt").write_text("à garder")
    result = site.run(command)
    assert result.code == 2, result.text
    assert "un dossier se trouve à la place du fichier d'état" in result.err, result.err
    assert "Retirez-le" in result.err and "relancez la même commande" in result.err
    assert "Traceback" not in result.text
    assert state.is_dir() and site.git("rev-parse", "HEAD") == head
    assert not inside or (state / "garde.txt").read_text() == "à garder"


@pytest.mark.parametrize("swap", ["dossier", "lien"])
def test_a_state_file_swapped_mid_pull_is_told_like_push_and_the_rerun_pulls(
    site, mediawiki, monkeypatch, tmp_path, swap
):
    """Something put at the state's path while a pull runs (after the state was read, before the commit):
    the same French message as push (the file named, what to do), exit code 2, nothing committed nor
    written in docs/, nothing written through a link; once it is removed, the same pull brings the edit."""
    import sync.pull

    title = unique_title(f"Récup échange {swap}")
    site.write("fiche.md", page(title, BODY))
    site.commit()
    assert site.run("push").code == 0
    mediawiki.editor(1).edit(title, BODY.replace("Premier", "Premier (wiki)"), "wiki")
    head, before = site.git("rev-parse", "HEAD"), site.read("fiche.md")
    state = site.path / ".movilab-sync.json"
    elsewhere = tmp_path / "ailleurs.json"
    elsewhere.write_text("à ne pas toucher\n", encoding="utf-8")
    decide = sync.pull.decide_pull

    def decide_then_swap(*args, **kwargs):
        if state.is_file() and not state.is_symlink():
            state.unlink()
            state.mkdir() if swap == "dossier" else state.symlink_to(elsewhere)
        return decide(*args, **kwargs)

    monkeypatch.setattr(sync.pull, "decide_pull", decide_then_swap)
    result = site.run("pull")
    monkeypatch.undo()
    assert result.code == 2, result.text
    assert "Traceback" not in result.text
    assert (
        f"{'un dossier' if swap == 'dossier' else 'un lien symbolique'} se trouve à la place du fichier d'état"
        in result.err
    ), result.err
    assert "Retirez-le" in result.err and "relancez la même commande" in result.err
    assert site.git("rev-parse", "HEAD") == head and site.read("fiche.md") == before
    assert elsewhere.read_text(encoding="utf-8") == "à ne pas toucher\n"
    state.rmdir() if swap == "dossier" else state.unlink()
    rerun = site.run("pull")
    assert rerun.code == 0, rerun.text
    assert "Premier (wiki)" in site.read("fiche.md")
    assert not site.git("status", "--porcelain")


def test_pull_images_killed_after_any_step_is_finished_by_the_rerun(tmp_path, mediawiki, proxy, killer):
    """An image is written by the same transaction as the page that shows it: a run killed at any step
    leaves neither a page pointing at an image git lacks, nor an image outside git."""
    from tests.sync.test_images import png

    copies = 16
    site, titles = _world(tmp_path, mediawiki, proxy, "images", copies, ("img",))
    site.env["MOVILAB_FILES"] = mediawiki.base_url  # the API behind the proxy, its files at the wiki's address
    uploader = make_repo(
        tmp_path / "uploader", mediawiki.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password
    )
    names = [f"Crash-{t['img'].split()[-1]}.png" for t in titles]
    for i, name in enumerate(names, start=1):
        uploader.write(f"u{i}.md", page(unique_title("Envoi d'image"), f"![x](images/{name})"))
        (uploader.path / "docs" / "images").mkdir(exist_ok=True)
        (uploader.path / "docs" / "images" / name).write_bytes(png((i, 80, 160)))
    uploader.commit()
    assert uploader.run("push", "--images").code == 0
    camille = mediawiki.editor(0)
    for t, name in zip(titles, names, strict=True):
        camille.edit(t["img"], f"{BODY}\n\n[[Fichier:{name}|Le logo]]", "image")

    def done(k: int) -> None:
        text = site.read(f"k{k}/img.md")
        assert f"](images/{names[k - 1]})" in text, text
        rel = f"docs/k{k}/images/{names[k - 1]}"
        assert (site.path / rel).read_bytes() == png((k, 80, 160))
        assert site.git("ls-files", rel).strip() == rel  # in git, with the page that shows it
        assert site.git("status", "--porcelain") == ""
        assert _authored(site, "Camille Dupont", f"k{k}/img.md") == 1

    steps = _kill_at_each_step(killer, site, ("pull", "--images"), copies, done)
    assert steps > 5, steps
