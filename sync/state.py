# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What was synced, when, at which revision: the committed state file `.movilab-sync.json`.

It sits at the repository root, beside mkdocs.yml, because it describes the
site's relation to one wiki and must travel with the content (a fork, a CI
clone and a maintainer's laptop all agree on what was last synced). It holds no
credential and no content, only per mirrored page: docs-relative path, wiki
title (canonical, see titles.py), last synced revision id and timestamp,
SHA-256 of both sides as synced, the git blob of the Markdown as synced (the
base of three-way merges), the commit it was synced from, and an open
conflict if there is one.

The file comes with the branch, so a pull request can change it: nothing in it
is trusted to decide what the sync may write on the wiki (see observe.py, the
proof the wiki gives), and it is read as hostile input here.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import stat
from dataclasses import asdict, astuple, dataclass, field, fields
from json.encoder import encode_basestring as _string  # json's own, in C: what dumps(ensure_ascii=False) uses
from pathlib import Path
from typing import Any, AnyStr

from sync import safety
from sync.errors import ConfigError, SyncError
from sync.titles import check_namespace, normalise

STATE_FILE = ".movilab-sync.json"
CONFLICT_DIR = "conflits-movilab"  # where a conflict's file is committed, beside docs/
VERSION = 1
MAX_STATE_BYTES = 32 * 1024 * 1024


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def lf(text: AnyStr) -> AnyStr:
    """A page's text (or bytes) with LF line ends, as git stores pages and the sync writes them.

    Git for Windows checks pages out with CRLF (core.autocrlf), as does an `eol=crlf` attribute:
    the same text must not look edited from one checkout to the next, nor be committed with CRLF.
    """
    if isinstance(text, bytes):
        return text.replace(b"\r\n", b"\n") if b"\r" in text else text
    return text.replace("\r\n", "\n") if "\r" in text else text


def text_sha256(text: str) -> str:
    """The digest the state records for a page's text: that of its text with LF line ends (`lf`)."""
    return sha256(lf(text))


def same_text(text: str, recorded: str, digest: str | None = None) -> bool:
    """Whether `text` is the page text whose digest the state recorded (text_sha256; `digest`: that of
    `text`, when known). A state written before line ends were set aside recorded the text as read:
    that digest still matches."""
    return recorded == (digest or text_sha256(text)) or ("\r" in text and recorded == sha256(text))


@dataclass
class Conflict:
    """A conflict reported and not yet sent: what the user was shown, so a resolution can be recognised.

    `file_blob` is the git blob id of the conflict file as the sync wrote it:
    a file that differs is the user's work and is never overwritten.
    `resolved` is the SHA-256 of the text `python -m sync resolve` committed.
    """

    revid: int  # the wiki revision shown in the conflict
    local_sha256: str  # the file's text at that moment
    file_blob: str = ""
    resolved: str = ""
    editors: list[str] = field(default_factory=list)  # wiki users whose text the resolution holds


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
    conflict: Conflict | None = None


@dataclass
class State:
    """The whole file; `entries` is keyed by canonical wiki title (a renamed file keeps its page)."""

    file: Path
    api: str = ""
    cursor: str = ""  # wiki server time of the last sync that wrote this file
    entries: dict[str, PageState] = field(default_factory=dict)
    text: str = ""  # the file as it was read ("" when there was none)
    _blocks: dict[str, tuple[tuple[Any, ...], str]] = field(default_factory=dict, repr=False, compare=False)

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
        # A copy of the conflict: conflicts change in place.
        values = (title, _plain_fields(page), astuple(page.conflict) if page.conflict else None)
        cached = self._blocks.get(title)
        if cached is None or cached[0] != values:
            cached = (values, _entry_lines(title, _page_dict(page)))
            self._blocks[title] = cached
        return cached[1]

    def fingerprint(self) -> str:
        """Hash of what was synced (pages only, not the cursor): ties a cached cursor to it."""
        pages = {title: _page_dict(page) for title, page in sorted(self.entries.items())}
        return sha256(json.dumps(pages, sort_keys=True))

    def save(self, root: Path, *, durable: bool = True) -> None:
        write_state(root, self.file, self.dumps(), durable=durable)


def write_state(root: Path, file: Path, text: str | bytes, *, durable: bool = True) -> None:
    """Write the state file's text (safety.write), saying in French what sits at its path instead."""
    try:
        safety.write(root, file, text, durable=durable)
    except safety.LinkError:
        raise _not_a_state_file(file) from None


def read_state(root: Path, file: Path) -> bytes | None:
    """The state file's bytes (None when absent), never through a link nor from a folder."""
    try:
        return safety.read_bytes(root, file)
    except safety.LinkError:
        raise _not_a_state_file(file) from None


def _not_a_state_file(file: Path) -> safety.LinkError:
    """A folder, a symbolic link (wherever it leads) or a special file at the state's path: named, left as it is."""
    try:
        mode = os.lstat(file).st_mode
    except OSError:
        mode = 0
    what = (
        "un lien symbolique"
        if stat.S_ISLNK(mode)
        else "un dossier"
        if stat.S_ISDIR(mode)
        else "un fichier spécial (ni fichier ordinaire ni dossier)"
    )
    return safety.LinkError(
        f"{what} se trouve à la place du fichier d'état : la synchronisation n'y lit ni n'y écrit rien (un lien "
        "pourrait mener hors du dépôt). Retirez-le (déplacez-le hors du dépôt s'il contient quelque chose "
        "d'utile), puis relancez la même commande : l'état commité dans git est repris, et les pages déjà "
        "envoyées sont retrouvées sur Movilab, jamais envoyées deux fois.",
        path=STATE_FILE,
    )


_FIELDS = tuple(f.name for f in fields(PageState) if f.name != "title")
_plain_fields = operator.attrgetter(*(name for name in _FIELDS if name != "conflict"))  # one tuple, in C


def _json(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _entry_lines(title: str, data: dict[str, Any]) -> str:
    """One entry as the file holds it: the lines json.dumps({title: data}, ensure_ascii=False, indent=1,
    sort_keys=True) writes inside the "pages" object.

    json writes indented text with its encoder in Python, a third of a millisecond per entry: too
    slow for the first write of a push on a site of 300 mirrored pages. An entry of text and whole
    numbers (all of them but an open conflict, which nests) is written here with json's own string
    encoder, in the same layout; anything else is left to json.dumps.
    """
    if all(type(value) in (str, int) for value in data.values()):
        fields = ",\n".join(
            f"   {_string(key)}: {_string(value) if type(value) is str else int.__repr__(value)}"
            for key, value in sorted(data.items())
        )
        return f"  {_string(title)}: {{\n{fields}\n  }}"
    text = json.dumps({title: data}, ensure_ascii=False, indent=1, sort_keys=True)
    return "\n".join(" " + line for line in text.split("\n")[1:-1])


def _page_dict(page: PageState) -> dict[str, Any]:
    # Not dataclasses.asdict on the page: it deep-copies every value, and the state is written
    # after each page of a push, 300 entries each time on a site of 300 mirrored pages.
    data = {name: getattr(page, name) for name in _FIELDS}
    if page.conflict is None:  # keep the committed file free of noise when no conflict is open
        data.pop("conflict")
    else:
        data["conflict"] = asdict(page.conflict)
    return data


def parse_state(text: str, *, file: Path, namespaces: frozenset[str] = frozenset()) -> State:
    """Read the state file's text; every problem is collected and reported with its entry."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ConfigError(
            f"fichier d'état illisible ({exc}) : restaurez-le depuis git (git checkout -- {STATE_FILE}).",
            path=STATE_FILE,
        ) from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ConfigError(f"fichier d'état de version inconnue (attendu « version »: {VERSION}).", path=STATE_FILE)
    pages = data.get("pages") or {}
    if not isinstance(pages, dict):
        raise ConfigError("fichier d'état invalide : « pages » doit associer des titres à des pages.", path=STATE_FILE)
    state = State(file=file, api=str(data.get("api", "")), cursor=str(data.get("cursor", "")), text=text)
    problems: list[str] = []
    paths: dict[str, str] = {}
    for title, raw in pages.items():
        try:
            norm = normalise(str(title))
            check_namespace(norm, namespaces)
            if not isinstance(raw, dict):
                raise TypeError("une page doit être un objet")
            path = str(raw["path"])
            safety.check_doc_path(path, title=norm)
            if norm in state.entries:
                raise SyncError(f"même page wiki que « {state.entries[norm].title} » une fois normalisé")
            if path in paths:
                raise SyncError(f"même fichier docs/{path} que « {paths[path]} »")
            state.entries[norm] = PageState(
                path=path,
                title=norm,
                revid=int(raw["revid"]),
                timestamp=str(raw["timestamp"]),
                local_sha256=str(raw["local_sha256"]),
                wiki_sha256=str(raw["wiki_sha256"]),
                base_blob=str(raw.get("base_blob", "")),
                commit=str(raw.get("commit", "")),
                conflict=_conflict(raw),
            )
            paths[path] = norm
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


def _conflict(raw: dict[str, Any]) -> Conflict | None:
    value = raw.get("conflict")
    if isinstance(value, dict):
        editors = value.get("editors") or []
        return Conflict(
            revid=int(value["revid"]),
            local_sha256=str(value.get("local_sha256", "")),
            file_blob=str(value.get("file_blob", "")),
            resolved=str(value.get("resolved", "")),
            editors=[str(e) for e in editors] if isinstance(editors, list) else [],
        )
    if raw.get("conflict_revid"):  # written by an earlier version: the conflict file is the user's
        return Conflict(revid=int(raw["conflict_revid"]), local_sha256=str(raw.get("conflict_sha256", "")))
    return None


def load_state(root: Path, *, namespaces: frozenset[str] = frozenset()) -> State:
    """Read the state file; a missing file is an empty state, a damaged one an error naming the entry."""
    file = root / STATE_FILE
    try:
        data = read_state(root, file)
    except OSError as exc:
        what, todo = safety.said(exc)
        raise ConfigError(f"fichier d'état illisible ({what}) : {todo}, puis relancez.", path=STATE_FILE) from None
    if data is None:
        return State(file=file)
    if len(data) > MAX_STATE_BYTES:
        raise ConfigError("fichier d'état trop gros pour être un état de synchronisation.", path=STATE_FILE)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("fichier d'état illisible : il n'est pas en UTF-8.", path=STATE_FILE) from None
    return parse_state(text, file=file, namespaces=namespaces)
