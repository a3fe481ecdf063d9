# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What was synced, when, at which revision: the committed state file `.movilab-sync.json`.

It sits at the repository root, beside mkdocs.yml, because it describes the
site's relation to one wiki and must travel with the content (a fork, a CI
clone and a maintainer's laptop all agree on what was last synced). It holds no
credential and no content, only per mirrored page: docs-relative path, wiki
title, last synced revision id and timestamp, SHA-256 of both sides as synced,
the git blob of the Markdown as synced (the base of three-way merges) and the
commit it was synced from.

Every save is atomic (temporary file, fsync, rename) and happens after each
page, so a `kill -9` leaves either the old or the new state, never half of one,
and at most the page in flight to be redone (idempotently: see push.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sync.errors import ConfigError, SyncError
from sync.safety import check_title, safe_doc_path

STATE_FILE = ".movilab-sync.json"
VERSION = 1


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class PageState:
    path: str
    title: str
    revid: int
    timestamp: str
    local_sha256: str
    wiki_sha256: str
    base_blob: str = ""
    commit: str = ""
    # Set when a conflict was reported: the wiki revision the user was shown and the
    # local text at that moment. A later commit of that file, with the wiki still at
    # that revision, is the user's resolution (see push.resolved_conflict).
    conflict_revid: int = 0
    conflict_sha256: str = ""


@dataclass
class State:
    """The whole file; `pages` is keyed by wiki title (a renamed file keeps its page)."""

    file: Path
    api: str = ""
    cursor: str = ""  # wiki server time of the last sync that wrote this file
    pages: dict[str, PageState] | None = None
    _blocks: dict[str, tuple[tuple[Any, ...], str]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.pages is None:
            self.pages = {}

    @property
    def entries(self) -> dict[str, PageState]:
        if self.pages is None:
            self.pages = {}
        return self.pages

    def by_path(self) -> dict[str, PageState]:
        return {page.path: page for page in self.entries.values()}

    def dumps(self) -> str:
        """The file's text: JSON with sorted keys, one field per line, so that diffs stay readable.

        It is written after each page of a push (300 entries each time on a site of 300
        mirrored pages) and json's fast encoder does not indent: each entry's lines are
        kept from the last save and only the entries that changed are encoded again.
        """
        blocks = [self._block(title, page) for title, page in sorted(self.entries.items())]
        pages = "{\n" + ",\n".join(blocks) + "\n }" if blocks else "{}"
        return (
            f'{{\n "api": {_json(self.api)},\n "cursor": {_json(self.cursor)},\n'
            f' "pages": {pages},\n "version": {VERSION}\n}}\n'
        )

    def _block(self, title: str, page: PageState) -> str:
        values = (title, *(getattr(page, name) for name in _FIELDS))
        cached = self._blocks.get(title)
        if cached is None or cached[0] != values:
            text = json.dumps({title: _page_dict(page)}, ensure_ascii=False, indent=1, sort_keys=True)
            cached = (values, "\n".join(" " + line for line in text.split("\n")[1:-1]))
            self._blocks[title] = cached
        return cached[1]

    def fingerprint(self) -> str:
        """Hash of what was synced (pages only, not the cursor): ties a cached cursor to it."""
        pages = {title: _page_dict(page) for title, page in sorted(self.entries.items())}
        return sha256(json.dumps(pages, sort_keys=True))

    def save(self) -> None:
        atomic_write(self.file, self.dumps())


_FIELDS = tuple(f.name for f in fields(PageState) if f.name != "title")


def _json(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _page_dict(page: PageState) -> dict[str, Any]:
    # Not dataclasses.asdict: it deep-copies every value, and the state is written after each
    # page of a push or pull, 300 entries each time on a site of 300 mirrored pages.
    data = {name: getattr(page, name) for name in _FIELDS}
    if not page.conflict_revid:  # keep the committed file free of noise when no conflict is open
        data.pop("conflict_revid")
        data.pop("conflict_sha256")
    return data


def atomic_write(path: Path, text: str) -> None:
    """Write a file so that readers (and a crash) see either the old or the new content."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_state(root: Path, docs_dir: Path) -> State:
    """Read the state file; a missing file is an empty state, a damaged one an error naming the entry."""
    file = root / STATE_FILE
    if not file.exists():
        return State(file=file)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"fichier d'état illisible ({exc}) : restaurez-le depuis git (git checkout -- {STATE_FILE}).",
            path=STATE_FILE,
        ) from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ConfigError(f"fichier d'état de version inconnue (attendu « version »: {VERSION}).", path=STATE_FILE)
    state = State(file=file, api=str(data.get("api", "")), cursor=str(data.get("cursor", "")))
    problems: list[str] = []
    for title, raw in (data.get("pages") or {}).items():
        try:
            norm = check_title(title)
            safe_doc_path(docs_dir, str(raw["path"]), title=norm)
            state.entries[norm] = PageState(
                path=str(raw["path"]),
                title=norm,
                revid=int(raw["revid"]),
                timestamp=str(raw["timestamp"]),
                local_sha256=str(raw["local_sha256"]),
                wiki_sha256=str(raw["wiki_sha256"]),
                base_blob=str(raw.get("base_blob", "")),
                commit=str(raw.get("commit", "")),
                conflict_revid=int(raw.get("conflict_revid", 0)),
                conflict_sha256=str(raw.get("conflict_sha256", "")),
            )
        except SyncError as exc:
            problems.append(f"« {title} » : {exc}")
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"« {title} » : champ manquant ou invalide ({exc})")
    if problems:
        raise ConfigError(
            "entrées invalides dans le fichier d'état :\n  "
            + "\n  ".join(problems)
            + "\nCorrigez-les ou restaurez le fichier depuis git.",
            path=STATE_FILE,
        )
    return state
