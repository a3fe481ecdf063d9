# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Everything the sync asks of git, through the git command line, and how a commit survives a crash.

The sync changes the repository only through `Repo.commit`, one transaction:

1. `git fast-import` writes the commits (one per pulled page, authored by its
   wiki editors, a few hundred in well under a second) under a private ref;
   nothing the user sees has changed yet;
2. a journal in the git folder records the old and the new HEAD, and the bytes
   each guarded file held when checked;
3. `update-ref` moves HEAD, guarded by its old value;
4. the index, then the working tree, are brought to the new HEAD for the
   paths the commits touched (and only those: anything else the user staged
   or changed is left alone);
5. the journal is removed.

Killed at any point, the next run's `recover` sees the journal: HEAD not moved
yet, nothing happened; HEAD moved, steps 4-5 are finished from the commit
itself (a guarded file saved since the run stopped is left as saved, and named). So there is never a half-written page, a stale index whose next
`git commit` would revert a pull, or a merge left for the user to commit
under their own name.

A push records each page in the state file of the working tree as soon as the
wiki has it (a marker in the git folder says that file is the sync's), and
commits it at the end; a run killed before that commit is finished by the next.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sync import safety
from sync.errors import ConfigError, RaceError, SyncError, UnfinishedCommit, git_failure
from sync.state import lf

FALLBACK_COMMITTER = "Synchronisation Movilab <movilab-sync@localhost>"
WORK_REF = "refs/movilab-sync/work"
ZERO = "0" * 40


def blob_id(text: str | bytes) -> str:
    """The id git gives this content as a blob, computed without a process."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def same_blob(data: bytes | None, blob: str | None) -> bool:
    """Whether a file's bytes (None: no file) are the blob `blob` (None: no blob), as git sees it: a
    checkout with CRLF line ends (Git for Windows' core.autocrlf, an eol=crlf attribute) holds the
    text of a blob stored with LF."""
    if data is None or blob is None:
        return data is None and blob is None
    return blob_id(data) == blob or (b"\r\n" in data and blob_id(lf(data)) == blob)


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    email: str
    subject: str


@dataclass(frozen=True)
class Status:
    head: str | None  # None: no commit yet
    branch: str | None  # None: a detached HEAD
    dirty: set[str]


class StatusJob:
    """A `git status` under way (Repo.start_status): `result()` waits for it, `cancel()` ends it.

    One job may serve two threads (a push's early login and its workspace read the same status):
    the process is waited for once, and each caller gets the same answer (or error)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self._lock = threading.Lock()
        self._output: tuple[bytes, bytes] | None = None

    def _wait(self) -> tuple[bytes, bytes]:
        with self._lock:
            if self._output is None:
                self._output = self.process.communicate()
            return self._output

    def result(self) -> Status:
        out, err = self._wait()
        if self.process.returncode != 0:
            raise SyncError(git_failure("status", err.decode(errors="replace")))
        return _parse_status(out.decode("utf-8", errors="replace"))

    def cancel(self) -> None:
        """The caller stopped before reading it (an error): end it and wait, leaving no process behind."""
        if self.process.poll() is None:
            self.process.kill()
        self._wait()


@dataclass
class PageCommit:
    """One commit to create: files (root-relative path -> content, None to delete) with an author."""

    author_name: str
    author_email: str
    timestamp: int
    message: str
    files: dict[str, str | bytes | None] = field(default_factory=dict)


_GIT_DIRS: dict[Path, Path] = {}
_COMMITTERS: dict[Path, str] = {}  # who the sync commits as: asked once per root and per process
_LOG_FORMAT = "--format=%x1e%H%x1f%an%x1f%ae%x1f%s"


# Variables that make git look for its directory elsewhere than in <root>/.git.
_GIT_DIR_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY")


def _plain_git_dir(root: Path) -> Path | None:
    """<root>/.git when it is what `git rev-parse --absolute-git-dir` would answer, run in `root`: a real
    folder (not a link, not the `gitdir:` file of a linked worktree) with HEAD, objects and refs, owned,
    like `root`, by this user (git refuses others' repositories), and no GIT_DIR-like variable set;
    None otherwise, and git is asked. The command is the first the sync runs (for its lock): a process
    and about 3 ms before anything else starts."""
    if any(os.environ.get(name) for name in _GIT_DIR_VARIABLES):
        return None
    folder = root / ".git"
    try:
        if os.stat(root).st_uid != os.getuid():
            return None
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return None
        if not stat.S_ISREG(os.lstat(folder / "HEAD").st_mode):
            return None
        if not all(stat.S_ISDIR(os.lstat(folder / name).st_mode) for name in ("objects", "refs")):
            return None
    except OSError:
        return None
    return folder


class Repo:
    """One git working tree; every git command of the sync goes through `git`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.kept: list[str] = []  # files a commit left as someone saved them meanwhile (see `_finish`)

    def git(self, *args: str, input: bytes | None = None, check: bool = True, env: dict | None = None) -> str:
        result = subprocess.run(["git", *args], cwd=self.root, input=input, capture_output=True, check=False, env=env)
        if check and result.returncode != 0:
            command = args[2] if args[0] == "-c" else args[0]  # the command, after a setting for it
            raise SyncError(git_failure(command, result.stderr.decode(errors="replace")))
        return result.stdout.decode("utf-8", errors="replace")

    @property
    def git_dir(self) -> Path:
        """The repository's git directory; asked once per root and per process (the lock, the
        workspace and the cursor cache all need it, and it does not move while a command runs)."""
        key = self.root.resolve()
        if key not in _GIT_DIRS:
            plain = _plain_git_dir(key)
            if plain is not None:
                _GIT_DIRS[key] = plain
                return plain
            # --show-prefix: the root's folder inside the working tree (empty at its top), asked in the same
            # command. git status names paths from the top, the sync from the root: they must be one.
            out = self.git("rev-parse", "--absolute-git-dir", "--show-prefix", check=False).split("\n")
            if not out[0].strip():
                raise ConfigError(
                    "ce dossier n'est pas un dépôt git : la synchronisation enregistre les "
                    "modifications de Movilab comme des commits (git init, ou lancez-la dans votre clone)."
                )
            if len(out) > 1 and out[1]:
                raise ConfigError(
                    f"ce dossier est le sous-dossier {out[1]} d'un dépôt git : la synchronisation doit tourner à "
                    "la racine du dépôt git (où se trouve .git), avec mkdocs.yml et docs/ ; placez le site dans "
                    "son propre dépôt, ou mkdocs.yml à la racine du dépôt."
                )
            _GIT_DIRS[key] = Path(out[0].strip())
        return _GIT_DIRS[key]

    def sync_dir(self) -> Path:
        """The sync's own folder inside .git: journal, lock, cursor cache. Never committed."""
        folder = self.git_dir / "movilab-sync"
        folder.mkdir(exist_ok=True)
        return folder

    def head(self) -> str | None:
        out = self.git("rev-parse", "--verify", "-q", "HEAD", check=False).strip()
        return out or None

    def status(self, paths: list[str]) -> Status:
        """HEAD, its branch and the paths with uncommitted changes, from one `git status`."""
        return self.start_status(paths).result()

    def start_status(self, paths: list[str]) -> StatusJob:
        """`git status` started now and read with `.result()`: it runs while the caller reads files."""
        # --no-optional-locks: status would otherwise write its refreshed index under index.lock,
        # and a status ended early (cancel(), or one still running when the command stops) would
        # leave that lock behind, and every later git command of the user would fail.
        args = [
            "git", "--no-optional-locks", "status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all",
            "--", *paths,
        ]  # fmt: skip
        return StatusJob(subprocess.Popen(args, cwd=self.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE))

    def dirty(self, paths: list[str]) -> set[str]:
        """Paths (root-relative) with uncommitted changes, staged or not, or untracked."""
        return self.status(paths).dirty if paths else set()

    def left_out(self, paths: list[str]) -> set[str]:
        """Which of `paths` (files) the index marks skip-worktree: left out of the working tree by `git
        sparse-checkout`, still in HEAD, and never in `git status`. Asked only of a working tree that has
        had a sparse checkout (its info/sparse-checkout file): any other run spends no git command here."""
        if not paths or not (self.git_dir / "info" / "sparse-checkout").is_file():
            return set()
        out = self.git("--literal-pathspecs", "ls-files", "-t", "-z", "--", *paths, check=False)
        return {entry[2:] for entry in out.split("\0") if entry.startswith("S ")} & set(paths)

    def deleted_paths(self, paths: list[str]) -> set[str]:
        """Which of `paths` a commit of HEAD's history deleted."""
        if not paths:
            return set()
        out = self.git("log", "--diff-filter=D", "--name-only", "--format=", "--", *paths, check=False)
        return {line for line in out.splitlines() if line} & set(paths)

    def hash_blob(self, text: str) -> str:
        """Store the text as a git blob (so it can serve as a merge base) and return its id."""
        return self.git("hash-object", "-w", "--stdin", input=text.encode("utf-8")).strip()

    def holds(self, path: str, data: bytes | None, blob: str | None) -> bool:
        """Whether a file's bytes (None: no file) are the blob `blob` at `path` (None: none there), as git
        status sees them: the same bytes (line ends aside: same_blob), or, for a checkout git's filters
        wrote (an `ident` attribute, a clean/smudge filter), the blob `git add` makes of them there (one
        git command, for such a file only; a filter that fails makes no blob)."""
        if same_blob(data, blob):
            return True
        if data is None or blob is None:
            return False
        return self.git("hash-object", f"--path={path}", "--stdin", input=data, check=False).strip() == blob

    def read_blobs(self, blobs: list[str]) -> dict[str, str]:
        """Texts of the given blob ids (those git has), read with one process."""
        wanted = sorted({b for b in blobs if b})
        return {
            blob: data.decode("utf-8", errors="replace")
            for blob, data in zip(wanted, self.cat(wanted), strict=True)
            if data is not None
        }

    def tree_blobs(self, paths: list[str], rev: str = "HEAD") -> dict[str, str]:
        """Blob id of each path (files or folders, recursively) in `rev`; absent paths are left out."""
        if not paths:
            return {}
        out = self.git("--literal-pathspecs", "ls-tree", "-r", "-z", rev, "--", *paths, check=False)
        found = {}
        for entry in out.split("\0"):
            if "\t" in entry:
                meta, path = entry.split("\t", 1)
                found[path] = meta.split()[2]
        return found

    def commits_since(self, since: dict[str, str | None]) -> dict[str, list[Commit]]:
        """Each path's commits after the commit it was synced from (its last one when that is unknown).

        An edit summary names them. Paths synced from the same commit share one
        `git log --name-only`, newest first; paths whose commit is unknown (new
        pages, or a commit no longer in this clone) get their last commit from
        one walk of the history that stops as soon as every one of them is found.
        """
        found: dict[str, list[Commit]] = {path: [] for path in since}
        known = self._known_commits({s for s in since.values() if s})
        groups: dict[str | None, list[str]] = {}
        for path, commit in since.items():
            groups.setdefault(commit if commit in known else None, []).append(path)
        for commit, paths in groups.items():
            if commit is not None:
                for entry, touched in self._log([f"{commit}..HEAD"], paths):
                    for path in touched:
                        found[path].append(entry)
                continue
            waiting = set(paths)
            for entry, touched in self._log(["HEAD"], paths):
                for path in touched & waiting:
                    found[path].append(entry)
                waiting -= touched
                if not waiting:
                    break
        return found

    def _known_commits(self, names: set[str]) -> set[str]:
        """The names (from the state file: checked, never trusted) that are commits of this clone."""
        candidates = sorted(n for n in names if re.fullmatch(r"[0-9a-f]{7,64}", n))
        if not candidates:
            return set()
        out = self.git(
            "cat-file",
            "--batch-check=%(objecttype)",
            input="".join(f"{name}^{{commit}}\n" for name in candidates).encode(),
            check=False,
        )
        answers = out.splitlines()
        return {name for name, kind in zip(candidates, answers, strict=False) if kind == "commit"}

    def _log(self, revs: list[str], paths: list[str]) -> Iterator[tuple[Commit, set[str]]]:
        """Commits of `git log revs -- paths` with the given paths each one touched, read as they come."""
        wanted = set(paths)
        args = ["git", "--literal-pathspecs", "log", "-z", "--no-merges", "--name-only", _LOG_FORMAT, *revs, "--"]
        with subprocess.Popen(
            [*args, *paths], cwd=self.root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        ) as process:
            if process.stdout is None:
                return
            try:
                for record in _records(process.stdout):
                    header, _, names = record.partition("\0")
                    parts = header.split("\x1f")
                    if len(parts) == 4:
                        yield Commit(*parts), {n.strip("\n") for n in names.split("\0")} & wanted
            finally:
                process.kill()

    def committer_ident(self) -> str:
        key = self.root.resolve()
        if key not in _COMMITTERS:
            _COMMITTERS[key] = self.git("var", "GIT_COMMITTER_IDENT", check=False).strip()
        return _COMMITTERS[key] or f"{FALLBACK_COMMITTER} {int(time.time())} +0000"

    def author_ident(self) -> tuple[str, str, int]:
        """The user running the command (for commits they make through the sync, such as a resolution)."""
        return _ident(self.git("var", "GIT_AUTHOR_IDENT", check=False))

    def committer(self) -> tuple[str, str, int]:
        """The identity the sync's own commits (state, conflict files) are made with."""
        return _ident(self.committer_ident())

    # -- the one way the sync commits ----------------------------------------------------------
    def _journal(self) -> Path:
        return self.sync_dir() / "transaction.json"

    def commit(
        self,
        commits: list[PageCommit],
        parent: str | None = None,
        *,
        untouched: Iterable[str] = (),
        read: Mapping[str, bytes | None] | None = None,
    ) -> str | None:
        """Create the commits on top of HEAD (`parent`, when known) and bring HEAD, index and working tree
        to them (see module): three git commands.

        `untouched`: paths the caller read as they are in `parent` (clean, or absent from both) and
        decided on. One of them changed since (a member saving a page while a pull waited on the
        wiki) stops the transaction before HEAD moves (RaceError: nothing changed, the member's file
        is kept; the rerun reads it), and one changed in the instant between that check and the
        write is left as the member has it (see `_finish`). One more git command when given.
        `read`: paths the caller decided on from these bytes (None: no file), whatever git holds (a
        resolution being committed): one that no longer holds them when the commit writes it is left
        as the user has it, and named in `kept`.
        """
        if not commits:
            return parent or self.head()
        parent = parent or self.head()
        self.check_index_free()  # HEAD must not move when the index cannot follow it
        guarded = sorted(set(untouched))
        for path in sorted({p for spec in commits for p in spec.files}):
            safety.check_no_link(self.root, self.root / path)  # refused before anything is committed
        committer = self.committer_ident().encode()
        marks = self.sync_dir() / "marks"
        stream = bytearray()
        for i, spec in enumerate(commits):
            name = spec.author_name.replace("<", "").replace(">", "").replace("\n", " ")
            email = spec.author_email.replace("<", "").replace(">", "").replace("\n", "")
            stream += b"commit " + WORK_REF.encode() + b"\n"
            stream += f"mark :{i + 1}\n".encode()
            stream += f"author {name} <{email}> {spec.timestamp} +0000\n".encode()
            stream += b"committer " + committer + b"\n"
            stream += _data(spec.message.encode("utf-8"))
            if i == 0 and parent:
                stream += f"from {parent}\n".encode()
            for path, content in spec.files.items():
                if content is None:
                    stream += f'D "{_quote(path)}"\n'.encode()
                    continue
                stream += f'M 100644 inline "{_quote(path)}"\n'.encode()
                stream += _data(content.encode("utf-8") if isinstance(content, str) else content)
        # The few objects of a sync commit stay in the pack fast-import writes: below
        # fastimport.unpackLimit (100 by default) git runs one more process, unpack-objects, to
        # turn them into loose files (12 of the 31 ms of this command, on this machine, for the
        # state of 300 pages). git's automatic maintenance merges the packs.
        self.git(
            "-c",
            "fastimport.unpackLimit=0",
            "fast-import",
            "--quiet",
            "--force",
            f"--export-marks={marks}",
            input=bytes(stream),
        )
        new = marks.read_text(encoding="utf-8").split(f":{len(commits)} ", 1)[1].split()[0]
        contents: dict[str, str | bytes | None] = {}
        for spec in commits:
            contents.update(spec.files)
        paths = sorted(contents)
        before = self.tree_blobs(guarded, rev=parent) if guarded and parent else {}
        seen: dict[str, str | None] = {}
        changed: list[str] = []
        for path in (p for p in guarded if p in contents):
            data = safety.read_bytes(self.root, self.root / path)
            seen[path] = None if data is None else blob_id(data)
            if not same_blob(data, before.get(path)):
                changed.append(path)
        if changed:
            self.git("update-ref", "-d", WORK_REF, check=False)
            raise RaceError(changed)
        for path, data in (read or {}).items():
            seen.setdefault(path, None if data is None else blob_id(data))
        # The bytes checked go in the journal too: a run stopped before the files were written leaves the
        # member editing the files they have, which the rerun (recover) must not write over either.
        journal = {"old": parent, "new": new, "paths": paths, "expected": seen}
        safety.write(self.git_dir, self._journal(), json.dumps(journal))
        moves = f"update HEAD {new} {parent or ZERO}\ndelete {WORK_REF}\n"
        try:
            self.git("update-ref", "-m", "movilab-sync", "--stdin", input=moves.encode("utf-8"))
        except SyncError:
            if self.head() == parent:
                raise
            # A commit (or a switch) made while the run worked: HEAD is not where it was read, and the
            # guarded update moved nothing. Undone now, as the next run's recover would.
            self._journal().unlink(missing_ok=True)
            self.git("update-ref", "-d", WORK_REF, check=False)
            raise SyncError(
                "HEAD a changé pendant la synchronisation (un commit ou un changement de branche fait pendant "
                "qu'elle tournait) : elle n'a rien commité par-dessus, et rien n'est perdu (ce qu'un push a déjà "
                "envoyé à Movilab reste noté dans le fichier d'état). Relancez la même commande : elle repart "
                "de votre nouveau HEAD."
            ) from None
        self._finish(paths, contents, seen)
        return new

    def check_index_free(self) -> None:
        """Refuse to start a commit while the index is locked: by a git command running now, or left
        behind by one that crashed. Found only at step 4 (update-index), HEAD had moved already and
        the index, left as it was, staged the undoing of the sync's commits, which the member's next
        `git commit` made; and git's own message said to remove the file, not to rerun the sync."""
        lock = self.git_dir / "index.lock"
        if os.path.lexists(lock):
            raise SyncError(
                f"l'index de git est verrouillé ({lock}) : une commande git tourne dans ce dépôt, ou une commande "
                "interrompue a laissé ce verrou derrière elle. La synchronisation s'arrête sans rien changer. Si "
                f"aucune commande git ne tourne (ni éditeur ouvert par git commit), supprimez-le (rm « {lock} »), "
                "puis relancez la même commande."
            )

    def _disk_blob(self, path: str) -> str | None:
        """Blob id of the file at `path` in the working tree (None when absent), never through a link."""
        data = safety.read_bytes(self.root, self.root / path)
        return None if data is None else blob_id(data)

    def _finish(
        self, paths: list[str], contents: dict[str, str | bytes | None], expected: dict[str, str | None] | None = None
    ) -> None:
        """Steps 4 and 5: index and working tree of `paths` as in HEAD, then forget the journal.

        A path of `expected` whose file is no longer the bytes the commit checked was saved by someone
        since: it is left as they have it (git status shows it against the new HEAD)."""
        lines = "".join(
            f"100644 {blob_id(content)}\t{path}\0" if content is not None else f"0 {ZERO}\t{path}\0"
            for path, content in ((p, contents.get(p)) for p in paths)
        )
        try:
            self.git("update-index", "-z", "--index-info", input=lines.encode("utf-8"))
        except SyncError as exc:
            # HEAD has moved already (a git command took the index lock in that instant, a full disk): the
            # journal stays, and the rerun's recover finishes. Till then the index stages the undoing of
            # the sync's commits, which a commit would make.
            lock = self.git_dir / "index.lock"
            why = f"l'index est verrouillé par une autre commande git, {lock}" if lock.exists() else str(exc)
            raise UnfinishedCommit(why) from None
        try:
            for path in paths:
                content = contents.get(path)
                if expected and path in expected:
                    disk = self._disk_blob(path)
                    done = None if content is None else blob_id(content)  # written before a run stopped
                    if disk not in (expected[path], done):
                        self.kept.append(path)
                        continue
                if content is None:
                    safety.remove(self.root, self.root / path)
                else:
                    safety.write(self.root, self.root / path, content)
        except SyncError as exc:
            # A file that could not be written (a full disk): the index has the commit, the file not, and
            # `git commit -a` would undo it. The journal stays for the rerun, which the run must not
            # write over with a next commit.
            raise UnfinishedCommit(str(exc).rstrip(".")) from None
        self._journal().unlink(missing_ok=True)

    def recover(self) -> str | None:
        """Finish a commit a killed run left halfway (see module); returns a note for the user, if any."""
        journal = self._journal()
        if not journal.exists():
            return None
        try:
            data = json.loads(journal.read_text(encoding="utf-8"))
            new, paths = str(data["new"]), [str(p) for p in data["paths"]]
            checked = data.get("expected")
            checked = checked if isinstance(checked, dict) else {}  # absent from a former version's journal
            expected = {str(p): None if b is None else str(b) for p, b in checked.items()}
        except (OSError, ValueError, KeyError, TypeError):
            journal.unlink(missing_ok=True)
            return None
        if self.head() == new:
            self.check_index_free()
            self._finish(paths, self._contents(paths), expected)
            return "une synchronisation interrompue a été terminée (fichiers et index remis à jour)."
        journal.unlink(missing_ok=True)  # HEAD never moved: the run stopped before changing anything
        self.git("update-ref", "-d", WORK_REF, check=False)
        return None

    def _contents(self, paths: list[str]) -> dict[str, str | bytes | None]:
        """The content of each path in HEAD (None when absent)."""
        return dict(zip(paths, self.cat([f"HEAD:{p}" for p in paths]), strict=True))

    def cat(self, specs: list[str]) -> list[bytes | None]:
        """Contents of blobs (`<id>` or `<rev>:<path>`), read with one process; None for what is absent."""
        if not specs:
            return []
        request = "".join(f"{spec}\n" for spec in specs).encode("utf-8")
        out = subprocess.run(
            ["git", "cat-file", "--batch"], cwd=self.root, input=request, capture_output=True, check=False
        ).stdout
        found: list[bytes | None] = []
        position = 0
        for _spec in specs:
            line_end = out.find(b"\n", position)
            if line_end < 0:
                found.append(None)
                continue
            header = out[position:line_end].split()
            position = line_end + 1
            if len(header) < 3 or header[1] != b"blob":
                found.append(None)
                continue
            size = int(header[2])
            found.append(out[position : position + size])
            position += size + 1
        return found

    # -- the state a push records as it goes ---------------------------------------------------
    def _pending(self) -> Path:
        return self.sync_dir() / "pending-state"

    def mark_pending(self) -> None:
        """From now on the state file in the working tree is the sync's, to be committed."""
        safety.write(self.git_dir, self._pending(), "")

    def clear_pending(self) -> None:
        self._pending().unlink(missing_ok=True)

    def pending(self) -> bool:
        return self._pending().exists()


def _parse_status(out: str) -> Status:
    """HEAD, branch and paths with uncommitted changes, from `git status --porcelain=v2 --branch -z`."""
    head: str | None = None
    branch: str | None = None
    dirty: set[str] = set()
    fields = out.split("\0")
    i = 0
    while i < len(fields):
        entry = fields[i]
        i += 1
        if entry.startswith("# branch.oid "):
            oid = entry.removeprefix("# branch.oid ")
            head = None if oid == "(initial)" else oid
        elif entry.startswith("# branch.head "):
            name = entry.removeprefix("# branch.head ")
            branch = None if name == "(detached)" else name
        elif entry[:2] in ("1 ", "u "):
            dirty.add(entry.split(" ", 8 if entry[0] == "1" else 10)[-1])
        elif entry.startswith("2 "):
            dirty.add(entry.split(" ", 9)[-1])
            dirty.add(fields[i])  # the original path follows a rename
            i += 1
        elif entry.startswith("? "):
            dirty.add(entry[2:])
    return Status(head, branch, dirty)


def _records(stream: IO[bytes]) -> Iterator[str]:
    """Split `git log` output on the record separator (\\x1e) that starts each commit."""
    pending = b""
    for chunk in iter(lambda: stream.read(65536), b""):
        pending += chunk
        *done, pending = pending.split(b"\x1e")
        for record in done:
            if record:
                yield record.decode("utf-8", errors="replace")
    if pending:
        yield pending.decode("utf-8", errors="replace")


def _ident(ident: str) -> tuple[str, str, int]:
    """`Name <email> 1700000000 +0000` → (name, email, time)."""
    if "<" in ident and ">" in ident:
        name, rest = ident.split("<", 1)
        email, when = rest.split(">", 1)
        stamp = when.split()[0] if when.split() else ""
        return name.strip(), email, int(stamp) if stamp.isdigit() else int(time.time())
    return "Synchronisation Movilab", "movilab-sync@localhost", int(time.time())


def _data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def _quote(path: str) -> str:
    return path.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
