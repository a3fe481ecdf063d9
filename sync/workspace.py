# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The repository side of one run: settings, git, the state file and the mirrored pages, read once.

Opening a workspace touches no network. Commands that change something hold
its lock, and start by finishing what a killed run left halfway (see
history.py): a half-made commit, or a push's state not yet committed.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from commons.os_french import said
from sync.early_login import FastSwitching
from sync.errors import ConfigError
from sync.history import Commit, PageCommit, Repo, Status, StatusJob
from sync.mirror import Converter, HeaderCache, LocalPage, scan
from sync.settings import Settings
from sync.state import CONFLICT_DIR, STATE_FILE, State, load_state, read_state, write_state

# A file a commit left as the member saved it (history.Repo._finish), said by the kind of commit:
# when it was saved, and what the commit holds instead.
_KEPT = {
    "sync": ("pendant la synchronisation", "la version de Movilab"),
    "resolve": ("pendant la synchronisation", "le texte lu avant"),
    "recover": ("après l'interruption", "ce que la synchronisation écrivait"),
}


@dataclass
class Workspace:
    settings: Settings
    repo: Repo
    state: State
    pages: dict[str, LocalPage]  # mirrored files, by canonical wiki title
    notes: list[str] = field(default_factory=list)  # what was recovered from an interrupted run
    git: Status = field(default_factory=lambda: Status(None, None, set()))  # HEAD, branch, dirty files
    committed_state: str = ""  # the state file as HEAD has it (when the working tree's is clean)
    # Docs path -> the title links to that page are converted with, for pages not committed (set by observe.observe_local).
    held_titles: dict[str, str | None] = field(default_factory=dict)
    _converter: Converter | None = None
    _warming: threading.Thread | None = field(default=None, repr=False, compare=False)
    _warm_error: BaseException | None = field(default=None, repr=False, compare=False)
    _history: _LogReader | None = field(default=None, repr=False, compare=False)
    _writer: _StateWriter | None = field(default=None, repr=False, compare=False)

    @classmethod
    def open(cls, root: Path, start: Start | None = None) -> Workspace:
        """`start`: the settings and the `git status` the command began with (see `begin`)."""
        try:
            settings = start.settings if start is not None else Settings.load(root)
            repo = Repo(root)
            repo.git_dir  # noqa: B018 - refuses a folder that is no git repository, before anything else
        except BaseException:
            if start is not None:
                start.status.cancel()
            raise
        # git looks for uncommitted files while the state and the pages are read (two processes).
        status = start.status if start is not None else repo.start_status(_status_paths(settings))
        try:
            state = load_state(root, namespaces=settings.namespaces)
            if state.api and state.api != settings.api and state.entries:
                _check_api(settings.api, state.api)
                raise ConfigError(
                    f"le fichier d'état a été écrit pour {state.api}, pas pour {settings.api} : "
                    "pour répéter sur un wiki local, travaillez dans une copie du dépôt ; si l'adresse de l'API "
                    "a vraiment changé, corrigez « api » dans .movilab-sync.json dans un commit relu.",
                    path=STATE_FILE,
                )
            state.api = settings.api
            read = start.pages if start is not None else None  # the bytes the guess of a push read (early_login)
            pages = scan(settings.docs_dir, root=root, namespaces=settings.namespaces, cache=_headers(repo), read=read)
        except BaseException:
            status.cancel()
            raise
        ws = cls(settings=settings, repo=repo, state=state, pages=pages)
        ws.refresh(status.result())
        return ws

    def refresh(self, status: Status | None = None) -> None:
        """HEAD, branch and uncommitted files (docs/, the state, conflict files): one git command
        (`status`, when the caller started it already)."""
        self.git = status or self.repo.status(_status_paths(self.settings))
        if STATE_FILE not in self.git.dirty:
            self.committed_state = self.state.text  # as read: the working tree's equals HEAD's

    def require_branch(self, command: str) -> None:
        """The sync commits: on a detached HEAD those commits would belong to no branch."""
        if self.git.branch is None:
            raise ConfigError(
                f"HEAD est détachée (aucune branche n'est extraite) : « {command} » y ferait des commits qui "
                "n'appartiennent à aucune branche et seraient perdus. Placez-vous sur une branche "
                "(git switch main, ou git switch -c movilab/recuperation) puis relancez."
            )

    @property
    def root(self) -> Path:
        return self.settings.root

    @property
    def converter(self) -> Converter:
        if self._warming is not None:
            self._warming.join()
            self._warming = None
            error, self._warm_error = self._warm_error, None
            if error is not None:
                raise error
        if self._converter is None:
            self._converter = self._build_converter()
        return self._converter

    @property
    def lazy_converter(self) -> LazyConverter:
        """The converter, imported and built at its first use: a run with nothing to convert
        (a push or a pull with nothing to do) never loads it."""
        return LazyConverter(self)

    def _build_converter(self) -> Converter:
        titles: dict[str, str] = {page.path: page.title for page in self.pages.values()}
        for path, title in self.held_titles.items():
            if title is None:
                titles.pop(path, None)
            else:
                titles[path] = title
        return Converter(self.root, config=self.settings.site_config, titles=titles)

    def warm_converter(self) -> None:
        """Import and build the converter in a background thread while the caller waits on the wiki.

        A push that sends pages needs it as soon as the wiki has answered; importing it and
        building the site map take about as long as the login's requests take to come back, so
        both overlap. `converter` waits for the thread and raises what it raised, at the same
        point of the run as without it.

        Only one thread runs Python at a time: started while mwclient is being imported, the
        build would only delay the first request; and while it runs, the main thread, woken by
        each answer of the wiki, waits up to the interpreter's switch interval (5 ms) at every
        read of the socket. So it is started once mwclient is loaded, and that interval is
        shortened while it runs.
        """
        if self._converter is not None or self._warming is not None:
            return

        def build() -> None:
            try:
                self._converter = self._build_converter()
            except BaseException as exc:  # handed to the main thread, raised there
                self._warm_error = exc
            finally:
                FastSwitching.give_back()

        FastSwitching.take()
        self._warming = threading.Thread(target=build, name="convertisseur", daemon=True)
        self._warming.start()

    def read_commits_ahead(self, since: dict[str, str | None]) -> None:
        """Start reading, in the background, what the run will ask git for its commits: the commits that
        edit summaries name (`commits_since`) and the committer's identity. git's processes run while the
        login's requests are out."""
        if self._history is None:
            self._history = _LogReader(self.repo, dict(since))

    def commits_since(self, since: dict[str, str | None]) -> dict[str, list[Commit]]:
        """`Repo.commits_since`, from the background read when it was started for exactly these pages."""
        reader, self._history = self._history, None
        if reader is not None:
            found = reader.result(since)
            if found is not None:
                return found
        return self.repo.commits_since(since)

    def repo_path(self, rel: str) -> str:
        """Repository-relative path of a docs page."""
        return f"{self.settings.docs_prefix}/{rel}"

    def kept_notes(self, kind: str = "sync") -> list[str]:
        """What the user reads of the files a commit left as they saved them (history.Repo._finish).
        `kind`: "sync" (a pull's or a push's commit), "resolve" (a resolution: the commit holds the text
        read before the save) or "recover" (a stopped commit finished by the next run)."""
        when, committed = _KEPT[kind]
        return [
            f"{path} : enregistré {when}, gardé tel quel ; {committed} est dans le dernier commit "
            f"(git diff HEAD -- {path} montre vos changements par-dessus)."
            for path in self.repo.kept
        ]

    def conflict_path(self, rel: str) -> str:
        return f"{CONFLICT_DIR}/{rel}"

    def save_state(self) -> None:
        """Record progress in the working tree's state file, marked as the sync's until committed.

        Written after each page a push sent, without waiting for the disk (no fsync), and in a
        thread (_StateWriter) while the next page's request is out: the write and its rename took
        1 to 8 ms a page, as long as everything else between two edits. A killed run leaves the
        file whole all the same (the old text or a newer one), and the rerun commits it (recover).
        The pages whose record had not reached the file yet (at most the last two sent), like those
        a power cut loses (on some file systems, emptying the file: the sync then says it is
        unreadable and to restore it from git), are found on the wiki by the rerun (our text) and
        recorded, never sent twice. The commit at the end of the run waits for the thread
        (flush_state) and writes the file durably.
        """
        if self._writer is None:
            self._writer = _StateWriter(self.repo, self.state.file)
        self._writer.put(self.state.dumps())  # the text is taken now: the thread never reads the state

    def state_unwritable(self) -> bool:
        """Whether writing the push's progress failed already (without waiting for the write under way):
        then no other page is sent, and the error is raised by flush_state."""
        return self._writer is not None and self._writer.failed

    def flush_state(self, *, quiet: bool = False) -> None:
        """Wait until the progress recorded so far is in the state file; raises what writing it raised
        (unless `quiet`: a command already stopping for another reason)."""
        if self._writer is not None:
            self._writer.flush(quiet=quiet)

    def commit_state(
        self, message: str, extra: dict[str, str | bytes | None] | None = None, parent: str | None = None
    ) -> bool:
        """Commit the state file (and conflict files to write or delete) if they changed; False when
        there was nothing to commit."""
        self.flush_state()  # no write of the thread may come after the commit's
        text = self.state.dumps()
        changed: dict[str, str | bytes | None] = dict(extra or {})
        if text != self.committed_state:
            changed[STATE_FILE] = text
        if not changed:
            self._sync_state_file()
            self.repo.clear_pending()
            return False
        name, email, when = self.repo.committer()
        self.repo.commit([PageCommit(name, email, when, message, changed)], parent=parent or self.git.head)
        self.committed_state = text
        self.repo.clear_pending()
        return True

    def _sync_state_file(self) -> None:
        """The working tree's state file equals the committed one (a rerun after the commit)."""
        data = read_state(self.root, self.state.file)
        if data is None or data.decode("utf-8", "surrogateescape") != self.state.dumps():
            write_state(self.root, self.state.file, self.state.dumps())

    def recover(self) -> None:
        """Finish what an interrupted run left: the commit transaction, then the pending state."""
        note = self.repo.recover()
        if note:
            # The state and the pages were read before the files were brought to HEAD: read again, so
            # that the run decides on what the finished commit holds (an import killed after its commit
            # is then found done, a pull's pages are not taken for changed).
            self.notes.append(note)
            self.notes.extend(self.kept_notes("recover"))  # a file saved since the run stopped: left as saved
            self.repo.kept.clear()  # told here once, by whichever command finished the commit
            self.state = load_state(self.root, namespaces=self.settings.namespaces)
            self.state.api = self.settings.api
            self.pages = scan(
                self.settings.docs_dir, root=self.root, namespaces=self.settings.namespaces, cache=_headers(self.repo)
            )
            self.refresh()
        dirty = STATE_FILE in self.git.dirty
        if dirty and not os.path.lexists(self.state.file):
            # The file is gone: the user removing what was put in its place, as a push or a pull told (a
            # push may have marked it as its own before). What git holds is the state; the pages sent
            # since are found on the wiki again. Committing the absent file would forget every page, and
            # an absent file holds nothing to lose.
            committed = self.repo.cat([f"HEAD:{STATE_FILE}"])[0]
            if committed is not None:
                write_state(self.root, self.state.file, committed)
                self.state = load_state(self.root, namespaces=self.settings.namespaces)
            self.repo.clear_pending()
            self.notes.append(
                "le fichier d'état manquait : celui du dernier commit est repris ; les pages envoyées depuis sont "
                "retrouvées sur Movilab."
            )
            self.refresh()
        elif dirty and self.repo.pending():
            # The previous run recorded pages in the state file and was killed before committing it.
            committed = self.repo.cat([f"HEAD:{STATE_FILE}"])[0]
            self.committed_state = committed.decode("utf-8") if committed is not None else ""
            self.commit_state("Movilab : état de synchronisation (reprise après une interruption)")
            self.notes.append("l'état enregistré par une synchronisation interrompue a été commité.")
            self.refresh()
        elif dirty:
            raise ConfigError(
                "le fichier d'état a des modifications non commitées que la synchronisation n'a pas faites : "
                f"commitez-les, ou annulez-les (git checkout -- {STATE_FILE}), puis relancez.",
                path=STATE_FILE,
            )
        else:
            self.repo.clear_pending()


class _StateWriter:
    """Writes a push's progress into the state file in a thread (Workspace.save_state), newest text only.

    Each text is whole (State.dumps, taken by the caller): a text that comes while the previous
    one is still being written replaces any text not yet written, since it records all that one
    did and more. The first write marks the file as the sync's (history.Repo.mark_pending), in the
    same thread and before it, as the caller did. A write that fails is raised by the next `put`
    and by `flush`.
    """

    def __init__(self, repo: Repo, file: Path) -> None:
        self.repo = repo
        self.file = file
        self._changed = threading.Condition()
        self._text: str | None = None  # the newest text, not yet taken by the thread
        self._writing = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="état", daemon=True)
        self._thread.start()

    def put(self, text: str) -> None:
        with self._changed:
            if self._error is not None:
                raise self._error
            self._text = text
            self._changed.notify_all()

    @property
    def failed(self) -> bool:
        return self._error is not None

    def flush(self, *, quiet: bool = False) -> None:
        with self._changed:
            while (self._text is not None or self._writing) and self._error is None:
                self._changed.wait()
            if self._error is not None and not quiet:
                raise self._error

    def _run(self) -> None:
        while True:
            with self._changed:
                while self._text is None:
                    self._changed.wait()
                text, self._text, self._writing = self._text, None, True
            try:
                if not self.repo.pending():
                    self.repo.mark_pending()
                write_state(self.repo.root, self.file, text, durable=False)
            except BaseException as exc:  # handed to the main thread (put, flush)
                error: BaseException | None = exc
            else:
                error = None
            with self._changed:
                self._writing = False
                if error is not None and self._error is None:
                    self._error = error
                self._changed.notify_all()


class _LogReader:
    """One `Repo.commits_since` in a thread (Workspace.read_commits_ahead)."""

    def __init__(self, repo: Repo, since: dict[str, str | None]) -> None:
        self.since = since
        self.found: dict[str, list[Commit]] | None = None
        self.thread = threading.Thread(target=self._read, args=(repo,), name="historique", daemon=True)
        self.thread.start()

    def _read(self, repo: Repo) -> None:
        with contextlib.suppress(Exception):  # read again in the main thread, which reports the error
            self.found = repo.commits_since(self.since)
        with contextlib.suppress(Exception):
            repo.committer_ident()  # kept for the process (the state commit at the end)

    def result(self, since: dict[str, str | None]) -> dict[str, list[Commit]] | None:
        """What was read, if it was read for `since` (git log's history depends on the set of paths)."""
        self.thread.join()
        return self.found if since == self.since else None


@dataclass(frozen=True)
class LazyConverter:
    """Stands for `ws.converter` (decide.Converter) until a page needs a conversion."""

    ws: Workspace

    def to_wiki(self, text: str, *, path: str, base: str | None) -> str:
        return self.ws.converter.to_wiki(text, path=path, base=base)

    def to_markdown(self, wikitext: str, *, title: str, local: str | None, path: str | None = None) -> str:
        return self.ws.converter.to_markdown(wikitext, title=title, local=local, path=path)


_held: dict[Path, int] = {}  # lock files this process holds, with its pid (a forked copy holds none)
_held_guard = threading.Lock()


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """One sync at a time per clone (taken before the state is read): a second one would race
    on files, state and HEAD.

    A POSIX record lock (fcntl F_SETLK), not flock: it belongs to the process that took it, is
    never inherited by its children and goes when that process dies. An flock belongs to the open
    file, which every child holds from its fork until its exec (each git command) or its end: a
    sync killed in that instant left its lock to the child, and the rerun at once was refused.
    A record lock does not stop the same process taking it twice, and closing any descriptor of the
    file would drop it: `_held` refuses a second sync of the same process without opening the file.
    """
    repo = Repo(root)
    path = repo.git_dir / "movilab-sync.lock"
    with _held_guard:
        if _held.get(path) == os.getpid():
            raise ConfigError(_busy(None))
        fd = _open_lock_file(path)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _holder(fd)
            os.close(fd)
            raise ConfigError(_busy(holder)) from None
        _held[path] = os.getpid()
    try:
        with contextlib.suppress(OSError):  # who holds it, for the message of a second sync
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        with _held_guard:
            _held.pop(path, None)
            os.close(fd)  # releases the lock


def _open_lock_file(path: Path) -> int:
    """The lock file, opened without following a link: one planted there (anyone who can write in the
    git folder, a hostile archive unpacked over the clone) made the sync truncate and write the file it
    led to. A folder, a pipe or a link is refused with what to remove."""
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if os.path.islink(path) or exc.errno in (errno.ELOOP, errno.EISDIR):
            raise ConfigError(_strange_lock(path, exc.errno != errno.EISDIR)) from None
        what, todo = said(exc)  # no right to write in the git folder, a full disk…
        raise ConfigError(
            f"le verrou de la synchronisation, {path}, ne peut pas être créé ({what}) : {todo}."
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ConfigError(_strange_lock(path, False))
    return fd


def _strange_lock(path: Path, link: bool) -> str:
    what = "un lien symbolique" if link else "autre chose qu'un fichier ordinaire (un dossier, un tube)"
    return (
        f"le verrou de la synchronisation, {path}, est {what} : la synchronisation n'écrit jamais à travers. "
        f"Retirez-le (rm -r « {path} »), puis relancez."
    )


def _holder(fd: int) -> int | None:
    """The process id the holder wrote into the lock file, if it is there yet."""
    try:
        return int(os.pread(fd, 32, 0).decode("ascii").strip())
    except (OSError, ValueError):
        return None


def _busy(holder: int | None) -> str:
    who = f" (processus {holder})" if holder else ""
    return f"une autre synchronisation est en cours dans ce dépôt{who} : attendez qu'elle se termine, puis relancez."


def _headers(repo: Repo) -> Path:
    """Where the pages' headers read by a run are kept for the next (mirror.HeaderCache): not committed."""
    return repo.git_dir / "movilab-sync" / HeaderCache.NAME


def cursor_file(ws: Workspace) -> Path:
    """Where no-op runs remember how far they checked: not committed (see remember_cursor).

    MOVILAB_SYNC_CACHE moves it, e.g. into a CI cache folder, so that nightly
    runs in fresh clones also start from the last check.
    """
    if os.environ.get("MOVILAB_SYNC_CACHE"):
        return (ws.root / os.environ["MOVILAB_SYNC_CACHE"]).resolve()
    return ws.repo.git_dir / "movilab-sync-cursor.json"


def cursor(ws: Workspace) -> str:
    """Start of the recent-changes window: the committed cursor, or a later one this
    checkout (or CI cache) recorded for exactly the same state of the pages."""
    best = ws.state.cursor
    try:
        cached = json.loads(cursor_file(ws).read_text(encoding="utf-8"))
        if (
            cached.get("api") == ws.state.api
            and cached.get("state") == ws.state.fingerprint()
            and str(cached.get("cursor", "")) > best
        ):
            best = str(cached["cursor"])
    except (OSError, ValueError, AttributeError):
        pass
    return best


def remember_cursor(ws: Workspace, server_time: str) -> None:
    """Nothing was pending up to server_time: let the next run start there (not committed).

    Tied to the pages' state: after a checkout of another state, or any sync
    that changes it, the cache no longer applies and the committed cursor does.
    """
    with contextlib.suppress(OSError):
        target = cursor_file(ws)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"api": ws.state.api, "cursor": server_time, "state": ws.state.fingerprint()}),
            encoding="utf-8",
        )


@dataclass(frozen=True)
class Start:
    """What a command begins with before it opens its workspace: the settings, and the workspace's
    `git status` already running (a push's early login reads both while the sync loads)."""

    settings: Settings
    status: StatusJob
    pages: dict[str, bytes] = field(default_factory=dict)  # docs-relative path → bytes, read ahead


def begin(root: Path) -> Start | None:
    """Read the settings and start the workspace's `git status` (under the lock: see `locked`); None
    when the settings cannot be read (Workspace.open reports why)."""
    try:
        settings = Settings.load(root)
        paths = _status_paths(settings)
    except Exception:
        return None
    return Start(settings, Repo(root).start_status(paths))


def _status_paths(settings: Settings) -> list[str]:
    """Where uncommitted files matter to the sync: the pages, the state file, the conflict files."""
    return [settings.docs_prefix, STATE_FILE, CONFLICT_DIR]


def _check_api(api: str, recorded: str) -> None:
    """A typo in MOVILAB_API must be reported as such, not blamed on the state file (no credential sent)."""
    from sync.wiki import Wiki

    problem = Wiki.probe(api)
    if problem:
        raise ConfigError(
            f"l'adresse {api} ne répond pas comme une API MediaWiki ({problem}) ; "
            f"la dernière synchronisation utilisait {recorded} : corrigez la variable MOVILAB_API "
            "(ou extra.movilab.api dans mkdocs.yml)."
        )
