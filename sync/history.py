# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Everything the sync asks of git, through the git command line.

Pulled edits become one commit per page, authored by the wiki editor; they are
written with one `git fast-import` stream (a few hundred commits in well under
a second instead of five processes per page), then HEAD is moved with
`update-ref` guarded by its old value, and only the pulled paths are refreshed
in the index, so anything else the user staged is left alone.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sync.errors import SyncError

FALLBACK_COMMITTER = "Synchronisation Movilab <movilab-sync@localhost>"
PULL_REF = "refs/movilab-sync/pull"


def git(root: Path, *args: str, input: bytes | None = None, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=root, input=input, capture_output=True, check=False)
    if check and result.returncode != 0:
        raise SyncError(f"git {args[0]} a échoué : {result.stderr.decode(errors='replace').strip()}")
    return result.stdout.decode("utf-8", errors="replace")


_GIT_DIRS: dict[Path, Path] = {}


def git_dir(root: Path) -> Path | None:
    """The repository's git directory, None outside a repository.

    Asked by the lock, the context and the cursor cache of every run: one
    process per root and per process, as a repository's git directory does not
    move while a command runs (a miss is never remembered).
    """
    key = root.resolve()
    if key not in _GIT_DIRS:
        out = git(key, "rev-parse", "--git-dir", check=False).strip()
        if not out:
            return None
        _GIT_DIRS[key] = (key / out).resolve()
    return _GIT_DIRS[key]


def head(root: Path) -> str | None:
    out = git(root, "rev-parse", "--verify", "-q", "HEAD", check=False).strip()
    return out or None


def dirty(root: Path, paths: list[str]) -> set[str]:
    """Paths (root-relative) with uncommitted changes, staged or not, or untracked."""
    if not paths:
        return set()
    out = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *paths)
    found = set()
    entries = out.split("\0")
    skip = False
    for entry in entries:
        if skip:
            skip = False
            continue
        if len(entry) > 3:
            found.add(entry[3:])
            if entry[0] in "RC":
                skip = True
    return found


def blob_id(text: str) -> str:
    """The id git gives this text as a blob, computed without a process (for committed texts)."""
    data = text.encode("utf-8")
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def hash_blob(root: Path, text: str) -> str:
    """Store the text as a git blob (so it can serve as a merge base) and return its id."""
    return git(root, "hash-object", "-w", "--stdin", input=text.encode("utf-8")).strip()


def read_blob(root: Path, blob: str) -> str | None:
    if not blob:
        return None
    result = subprocess.run(["git", "cat-file", "blob", blob], cwd=root, capture_output=True, check=False)
    return result.stdout.decode("utf-8") if result.returncode == 0 else None


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    email: str
    subject: str


def commits_since(root: Path, path: str, since: str | None) -> list[Commit]:
    """Commits that touched `path` after `since` (or the last one when `since` is unknown)."""
    return commits_since_each(root, {path: since})[path]


_LOG_FORMAT = "--format=%x1e%H%x1f%an%x1f%ae%x1f%s"


def commits_since_each(root: Path, since: dict[str, str | None]) -> dict[str, list[Commit]]:
    """`commits_since` for many paths with a few git processes instead of two per path.

    A push of k pages names each page's commits in its edit summary: paths
    synced from the same commit share one `git log --name-only`, newest first;
    paths whose commit is unknown (new pages, or a commit no longer in this
    clone) get their last commit from one walk of the history that stops as
    soon as every one of them is found.
    """
    found: dict[str, list[Commit]] = {path: [] for path in since}
    known = _known_commits(root, {s for s in since.values() if s})
    groups: dict[str | None, list[str]] = {}
    for path, commit in since.items():
        groups.setdefault(commit if commit in known else None, []).append(path)
    for commit, paths in groups.items():
        if commit is not None:
            for entry, touched in _log(root, [f"{commit}..HEAD"], paths):
                for path in touched:
                    found[path].append(entry)
            continue
        waiting = set(paths)
        for entry, touched in _log(root, ["HEAD"], paths):
            for path in touched & waiting:
                found[path].append(entry)
            waiting -= touched
            if not waiting:
                break
    return found


def _known_commits(root: Path, names: set[str]) -> set[str]:
    """The names (from the state file: checked, never trusted) that are commits of this clone."""
    candidates = sorted(n for n in names if re.fullmatch(r"[0-9a-f]{7,64}", n))
    if not candidates:
        return set()
    out = git(
        root,
        "cat-file",
        "--batch-check=%(objecttype)",
        input="".join(f"{name}^{{commit}}\n" for name in candidates).encode(),
        check=False,
    )
    answers = out.splitlines()
    return {name for name, kind in zip(candidates, answers, strict=False) if kind == "commit"}


def _log(root: Path, revs: list[str], paths: list[str]) -> Iterator[tuple[Commit, set[str]]]:
    """Commits of `git log revs -- paths` with the given paths each one touched, read as they come."""
    wanted = set(paths)
    args = ["git", "--literal-pathspecs", "log", "-z", "--no-merges", "--name-only", _LOG_FORMAT, *revs, "--", *paths]
    with subprocess.Popen(args, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
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


def committer_ident(root: Path) -> str:
    ident = git(root, "var", "GIT_COMMITTER_IDENT", check=False).strip()
    if ident:
        return ident
    return f"{FALLBACK_COMMITTER} {int(time.time())} +0000"


@dataclass
class PageCommit:
    """One commit to create: files (root-relative path -> text) with an author and a message."""

    author_name: str
    author_email: str
    timestamp: int
    message: str
    files: dict[str, str | bytes] = field(default_factory=dict)


def _data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def commit_pages(root: Path, commits: list[PageCommit]) -> str | None:
    """Create the commits on top of HEAD, move HEAD, refresh those paths in the index."""
    if not commits:
        return head(root)
    parent = head(root)
    committer = committer_ident(root).encode()
    stream = bytearray()
    for i, spec in enumerate(commits):
        name = spec.author_name.replace("<", "").replace(">", "").replace("\n", " ")
        email = spec.author_email.replace("<", "").replace(">", "").replace("\n", "")
        stream += b"commit " + PULL_REF.encode() + b"\n"
        stream += f"author {name} <{email}> {spec.timestamp} +0000\n".encode()
        stream += b"committer " + committer + b"\n"
        stream += _data(spec.message.encode("utf-8"))
        if i == 0 and parent:
            stream += f"from {parent}\n".encode()
        for path, text in spec.files.items():
            stream += f'M 100644 inline "{_quote(path)}"\n'.encode()
            stream += _data(text.encode("utf-8") if isinstance(text, str) else text)
    git(root, "fast-import", "--quiet", "--force", input=bytes(stream))
    new = git(root, "rev-parse", PULL_REF).strip()
    git(root, "update-ref", "-m", "movilab-sync: pull", "HEAD", new, *([parent] if parent else []))
    git(root, "update-ref", "-d", PULL_REF)
    paths = sorted({p for spec in commits for p in spec.files})
    listing = git(root, "ls-tree", "-z", "HEAD", "--", *paths)
    git(root, "update-index", "-z", "--index-info", input=listing.encode("utf-8"))
    return new


def _quote(path: str) -> str:
    return path.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def commit_paths(root: Path, paths: list[str], message: str) -> bool:
    """Commit only these paths (e.g. the state file after a push); False when nothing changed."""
    if not dirty(root, paths):
        return False
    env = dict(os.environ)
    if not git(root, "config", "user.email", check=False).strip():
        env.setdefault("GIT_AUTHOR_NAME", "Synchronisation Movilab")
        env.setdefault("GIT_AUTHOR_EMAIL", "movilab-sync@localhost")
        env.setdefault("GIT_COMMITTER_NAME", "Synchronisation Movilab")
        env.setdefault("GIT_COMMITTER_EMAIL", "movilab-sync@localhost")
    result = subprocess.run(["git", "add", "--", *paths], cwd=root, capture_output=True, env=env, check=False)
    result = subprocess.run(
        ["git", "commit", "-q", "-m", message, "--", *paths], cwd=root, capture_output=True, env=env, check=False
    )
    if result.returncode != 0:
        raise SyncError(f"git commit a échoué : {result.stderr.decode(errors='replace').strip()}")
    return True
