# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Who wrote each page and when it last changed, from one `git log` for the whole site.

Per-page git calls (what the git-revision-date and git-authors plugins do)
cost one process per page; a single log with file names, read newest first,
gives every page's authors and date at once. Renames are followed, so a page
moved to another folder keeps its authors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import git

_COMMIT = "\x1e"  # starts each commit record
_FIELD = "\x1f"


@dataclass
class FileHistory:
    """What git knows of one file: its authors (oldest first) and the date of its last change."""

    authors: list[str] = field(default_factory=list)
    updated: dt.datetime | None = None


def _add_author(history: FileHistory, name: str) -> None:
    name = name.strip()
    if name and name not in history.authors:
        history.authors.append(name)


# The log of one commit never changes: the credits hook and the printable kit
# both ask for it, and `mkdocs serve` rebuilds without new commits, so one git
# run per (folder, HEAD) is enough.
_cache: dict[tuple[Path, str], dict[str, FileHistory]] = {}


def read_history(docs_dir: Path) -> dict[str, FileHistory]:
    """Map each docs-relative path to its history; empty when docs_dir is not in a git repository.

    The mapping is shared between callers: treat it as read-only.
    """
    try:
        repo = git.Repo(docs_dir, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return {}
    if not repo.head.is_valid():  # a repository with no commit yet
        return {}
    key = (docs_dir.resolve(), repo.head.commit.hexsha)
    if key in _cache:
        return _cache[key]
    top = Path(repo.working_tree_dir or docs_dir).resolve()
    prefix = docs_dir.resolve().relative_to(top).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    log = repo.git.log(
        "--no-merges",
        "-M",
        "--name-status",
        "-z",
        f"--format={_COMMIT}%an{_FIELD}%aI{_FIELD}%(trailers:key=Co-authored-by,valueonly,separator=%x1d){_FIELD}",
        "--",
        prefix or ".",
    )
    _cache[key] = _parse_log(log, prefix)
    return _cache[key]


def _parse_log(log: str, prefix: str) -> dict[str, FileHistory]:
    result: dict[str, FileHistory] = {}
    # A file's name in older commits, mapped to its current name (renames, newest first).
    current_name: dict[str, str] = {}
    collected: list[tuple[dt.datetime, list[str], list[str]]] = []
    for record in log.split(_COMMIT)[1:]:
        author, date, trailers, rest = record.split(_FIELD, 3)
        when = dt.datetime.fromisoformat(date)
        names = [author] + [_trailer_name(t) for t in trailers.split("\x1d") if t.strip()]
        tokens = [t for t in rest.strip("\n").split("\0")]
        paths: list[str] = []
        i = 0
        while i < len(tokens):
            status = tokens[i].strip()
            if not status:
                i += 1
                continue
            if status[0] in "RC":
                old, new = tokens[i + 1], tokens[i + 2]
                now = current_name.get(new, new)
                paths.append(now)
                if status[0] == "R":
                    current_name[old] = now
                i += 3
            else:
                path = tokens[i + 1]
                paths.append(current_name.get(path, path))
                i += 2
        collected.append((when, names, paths))
    # The log is newest first: the first date seen is the last update; authors
    # are listed oldest first, as a page's history is usually told.
    for when, _, paths in collected:
        for path in paths:
            entry = result.setdefault(path, FileHistory())
            if entry.updated is None:
                entry.updated = when
    for _, names, paths in reversed(collected):
        for path in paths:
            for name in names:
                _add_author(result[path], name)
    return {path.removeprefix(prefix): h for path, h in result.items() if path.startswith(prefix)}


def _trailer_name(trailer: str) -> str:
    """'Ada Lovelace <ada@example.org>' -> 'Ada Lovelace' (the e-mail is never shown)."""
    return trailer.split("<", 1)[0].strip()
