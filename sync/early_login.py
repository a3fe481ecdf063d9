# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A push's login, started before the sync has read the pages, when they likely changed.

A push that sends pages logs in (two requests) and then waits for the wiki, which checks
the bot password. Started only after the pages are read and the sync's modules loaded,
that wait came after about a tenth of a second of the sync's own work; started first, in a
thread, it runs while that work is done. Whether a push sends anything is only known once
the pages are read (observe.py, decide.py), so the start is a guess (changed_pages): a page
whose text differs from the one the state file recorded, or a new page, read by the push's
own page reader and with a title the push accepts. The guess decides nothing: the push's
decisions are made as before, from the files the Workspace reads; a wrong guess costs
either the two login requests (a push that then sends nothing counts and reports them: a
page whose text still has conflict markers, for instance) or the overlap (the login is made
later, as before). Before the password leaves, the thread asks git (one `git status`, beside
the push's own work) whether HEAD is on a branch and one of those pages is committed: a push
on a detached HEAD, or of pages not yet committed, is refused before any request, and the
login is then left to the push.
What the push refuses before any request (titles, links, unreadable headers, a state file
written for another wiki) gives no guess, so it still makes none.

The login is started only where the push would log in itself, with the same checks first
(MOVILAB_API named, https, a password in the environment); when any of them fails, nothing
starts and the push reports it at its usual point.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from commons.frontmatter import FrontMatterError, read_page_bytes
from sync.credentials import API_ENV, login_api
from sync.errors import SyncError
from sync.state import CONFLICT_DIR, MAX_STATE_BYTES, STATE_FILE, lf

if TYPE_CHECKING:
    from sync.history import StatusJob
    from sync.settings import Settings
    from sync.wiki import Wiki
    from sync.workspace import Start

FAST_SWITCH = 0.0005  # seconds: how soon a thread woken by the wiki's answer gets the interpreter


class FastSwitching:
    """Shortens the interpreter's switch interval while background threads wait on the wiki.

    Only one thread runs Python at a time; a thread woken by an answer of the wiki waits up
    to the switch interval (5 ms) for the busy one to let go. Each user takes and gives back
    the short interval; the usual one is restored when the last one is done, whatever the
    order.
    """

    _lock = threading.Lock()
    _users = 0
    _saved = 0.0

    @classmethod
    def take(cls) -> None:
        with cls._lock:
            if cls._users == 0:
                cls._saved = sys.getswitchinterval()
                sys.setswitchinterval(min(cls._saved, FAST_SWITCH))
            cls._users += 1

    @classmethod
    def give_back(cls) -> None:
        with cls._lock:
            cls._users -= 1
            if cls._users == 0:
                sys.setswitchinterval(cls._saved)


class EarlyLogin:
    """`wiki.login` running in a thread; `result()` waits for it and raises what it raised."""

    def __init__(
        self, wiki: Wiki, user: str, password: str, root: Path, paths: list[str], status: StatusJob | None = None
    ) -> None:
        self.wiki = wiki
        self._error: BaseException | None = None
        self._credentials = (user, password)
        self.logged_in = False
        self._cancelled = threading.Event()
        FastSwitching.take()
        self._thread = threading.Thread(target=self._login, args=(root, paths, status), name="connexion", daemon=True)
        self._thread.start()

    def _login(self, root: Path, paths: list[str], status: StatusJob | None) -> None:
        try:
            if worth_logging_in(root, paths, status) and not self._cancelled.is_set():
                self.wiki.login(*self._credentials)
                self.logged_in = True
        except BaseException as exc:  # handed to the main thread, raised there
            self._error = exc
        finally:
            FastSwitching.give_back()

    def cancel(self) -> None:
        """The push stopped (a refusal, Ctrl-C): a login not yet started is not made. One already
        under way is not waited for: the thread is a daemon and ends with the process."""
        self._cancelled.set()

    def wait(self) -> None:
        """Wait for the login to end (the wiki is not used meanwhile); raises nothing."""
        self._thread.join()

    def result(self) -> Wiki:
        """The logged-in wiki; raises the login's error, the one the push would have raised logging in.
        When git said no early login was worth it, the login is made now, as the push would."""
        self.wait()
        if self._error is not None:
            raise self._error
        if not self.logged_in:
            self.wiki.login(*self._credentials)
            self.logged_in = True
        return self.wiki


def worth_logging_in(root: Path, paths: list[str], status: StatusJob | None = None) -> bool:
    """Whether HEAD is on a branch and one of the changed pages (root-relative) is committed:
    otherwise the push refuses them before any request (detached HEAD, uncommitted text), and
    the password is not sent for nothing. One `git status`, run beside the push's own work: the
    workspace's own (`status`, covering docs/), when the push started it already."""
    from sync.history import Repo

    try:
        found = (status or Repo(root).start_status(paths)).result()
    except Exception:  # the push runs git itself and reports what went wrong
        return False
    return found.branch is not None and any(path not in found.dirty for path in paths)


def start(root: Path, begun: Start | None = None) -> EarlyLogin | None:
    """Start the login of a push that will likely send pages; None when not worth it or not allowed.

    Only the environment names the API that receives the password (credentials.login_api).
    `begun`: the settings and the workspace's `git status`, when the push started them already.
    """
    try:
        api = login_api(os.environ.get(API_ENV, "").strip())  # the push's own checks, before the password leaves
        user = os.environ.get("MOVILAB_USER", "").strip()
        password = os.environ.get("MOVILAB_PASSWORD", "")
        if not user or not password or not (root / ".git").exists():
            return None  # a missing password, or one in the keyring, is the push's to report or read
        from sync.settings import Settings

        settings = begun.settings if begun is not None else Settings.load(root)
        if settings.api != api:
            return None
        changed = changed_pages(root, settings, keep=begun.pages if begun is not None else None)
        if not changed:
            return None
        from sync.wiki import Wiki

        wiki = Wiki(api)
        docs = settings.docs_dir.relative_to(root).as_posix()
    except Exception:  # whatever went wrong is found again, and reported, by the push itself
        return None
    status = begun.status if begun is not None else None
    return EarlyLogin(wiki, user, password, root, [f"{docs}/{rel}" for rel in changed], status)


def changed_pages(root: Path, settings: Settings, keep: dict[str, bytes] | None = None) -> list[str]:
    """The pages (docs-relative) that differ from the text the state file recorded for them, or are
    new pages, with a title the push accepts (a guess only); [] when any of them makes the push
    refuse before a request.

    The files are read as raw bytes; only those that changed are read as pages (mirror.read_page,
    the reader of the push itself), so that a page the push refuses before any request (a title
    outside the allowed namespaces, or that another file already uses, a header it cannot read)
    gives no login either. A link or a special file anywhere under docs/, or a linked conflict
    folder, which stop the push, give none. `keep` receives the bytes of each page read (docs-relative
    path → bytes), for the push's own reading of the pages (Workspace.open) not to read them again.
    """
    from sync.mirror import read_page
    from sync.titles import normalise

    recorded = _recorded(root, settings.api)
    docs = settings.docs_dir
    if recorded is None or (root / CONFLICT_DIR).is_symlink() or docs.is_symlink() or not docs.is_dir():
        return []
    digests = {digest for digest, _ in recorded.values()}
    changed: list[tuple[str, bytes]] = []
    unchanged: set[str] = set()
    for rel, data in _pages(docs):
        if data is None:
            return []
        if keep is not None:
            keep[rel] = data
        synced = recorded.get(rel)
        digests_of = _digests(data)
        if synced is None:
            if b"movilab:" in data and digests.isdisjoint(digests_of):  # a file only moved keeps its text
                changed.append((rel, data))
        elif synced[0] not in digests_of:
            changed.append((rel, data))
        else:
            unchanged.add(normalise(synced[1]))
    titles: dict[str, str] = {}
    for rel, data in changed:
        try:
            found = read_page(docs / rel, rel, settings.namespaces, text=data.decode("utf-8"))
        except (SyncError, UnicodeDecodeError):
            return []
        if found is None:
            continue
        if found[0].title in titles or found[0].title in unchanged:
            return []  # two files for one page: refused before any request
        titles[found[0].title] = rel
    return list(titles.values())


def _digests(data: bytes) -> tuple[str, ...]:
    """The digests a state may record for a page's bytes: with its line ends as LF (state.text_sha256),
    and as read (the digest of a state written before line ends were set aside)."""
    if b"\r" not in data:
        return (hashlib.sha256(data).hexdigest(),)
    return (hashlib.sha256(lf(data)).hexdigest(), hashlib.sha256(data).hexdigest())


def _recorded(root: Path, api: str) -> dict[str, tuple[str, str]] | None:
    """docs-relative path -> (SHA-256 of the text last synced, title), from the state file; {} without
    one, None when it is unreadable or was written for another wiki (the push reports that itself)."""
    file = root / STATE_FILE
    try:
        if file.is_symlink():
            return None
        if not file.exists():
            return {}
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None  # a FIFO or a device would block or never end: the push refuses it
            raw = handle.read(MAX_STATE_BYTES + 1)
        data = json.loads(raw)
        if len(raw) > MAX_STATE_BYTES or data.get("api") not in ("", api, None):
            return None
        pages = data.get("pages") or {}
        return {str(p["path"]): (str(p["local_sha256"]), str(title)) for title, p in pages.items()}
    except Exception:  # hostile or damaged: no guess
        return None


def _pages(docs: Path, prefix: str = "") -> Iterator[tuple[str, bytes | None]]:
    """Every `*.md` file under docs/ (hidden names left out), with its bytes; None for a link or a
    special file (the push stops on them)."""
    try:
        entries = list(os.scandir(docs))
    except OSError:
        yield prefix, None
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = prefix + entry.name
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            yield rel, None
            return
        if stat.S_ISDIR(mode):
            yield from _pages(Path(entry.path), rel + "/")
        elif not stat.S_ISREG(mode):
            yield rel, None
            return
        elif entry.name.endswith(".md"):
            try:  # the push's own page reader: what it refuses (a hard link, over 5 MB) gives no guess
                data = read_page_bytes(Path(entry.path), path=f"docs/{rel}")
            except FrontMatterError:
                yield rel, None
                return
            yield rel, data
