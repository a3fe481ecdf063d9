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
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from sync.errors import SyncError

FALLBACK_COMMITTER = "Synchronisation Movilab <movilab-sync@localhost>"
PULL_REF = "refs/movilab-sync/pull"


def git(root: Path, *args: str, input: bytes | None = None, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=root, input=input, capture_output=True, check=False)
    if check and result.returncode != 0:
        raise SyncError(f"git {args[0]} a échoué : {result.stderr.decode(errors='replace').strip()}")
    return result.stdout.decode("utf-8", errors="replace")


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
    fmt = "%H%x1f%an%x1f%ae%x1f%s"
    known = (
        bool(since)
        and subprocess.run(
            ["git", "cat-file", "-e", f"{since}^{{commit}}"], cwd=root, check=False, capture_output=True
        ).returncode
        == 0
    )
    args = ["log", f"--format={fmt}", "--no-merges"]
    args += [f"{since}..HEAD"] if known else ["-n", "1"]
    out = git(root, *args, "--", path, check=False)
    commits = []
    for line in out.splitlines():
        parts = line.split("\x1f")
        if len(parts) == 4:
            commits.append(Commit(*parts))
    return commits


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
