# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Observe: what the repository and the wiki say about each mirrored page, as plain data.

Nothing here decides or changes anything; `decide.py` reads the observations.

Local facts cost no request: the files against the state file, uncommitted
changes, conflict files. Wiki facts come from one `recentchanges` query covering
the time since the last sync (its cost depends on how much the wiki changed,
not on how many pages are mirrored: a no-op stays at one request), folded
with the base revisions a merge needs; when that window is unknown or older
than the wiki keeps recent changes, every mirrored title is read instead, 50
per request.

Some facts are proofs. The state file comes with the branch, so a pull request
can forge it; before the sync writes on a page, the wiki itself must show that
the page is the sync's: the revision the state names belongs to that page, and
the page is on the bot's watchlist (where the sync records each page it
creates or adopts, and which only the bot's password can change), or that
revision, or an earlier one, is the bot's own.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from sync import safety
from sync.errors import ConfigError, SyncError
from sync.history import same_blob
from sync.mirror import LocalPage
from sync.state import CONFLICT_DIR, PageState
from sync.titles import check_answer, check_namespace, normalise
from sync.wiki import Change, RemotePage, Snapshot, Wiki
from sync.workspace import Workspace, cursor

RC_CHECK_DAYS = 7  # past this age, make sure the wiki still keeps recent changes that far back
RC_MARGIN = timedelta(minutes=2)
_WIKI_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@dataclass(frozen=True)
class Remote:
    """What the wiki says about one page; `checked` is False when it was not asked."""

    checked: bool = False
    edits: tuple[Change, ...] = ()  # revisions saved since the synced one (their authors are credited)
    moved_to: str = ""  # renamed on the wiki: the page's title now
    deleted: bool = False
    latest: RemotePage | None = None  # the page now (text when fetched); `missing` when there is none
    base: RemotePage | None = None  # the synced revision (state's revid), when fetched
    seen: RemotePage | None = None  # the revision shown in an open conflict, when fetched
    proven: bool = False  # the wiki shows the page is the sync's (see module)
    move_problem: str = ""  # why a rename made on the wiki cannot be followed by the file


@dataclass(frozen=True)
class Observation:
    """One mirrored page: its file, what the state says was synced, and what the wiki says."""

    title: str  # canonical wiki title: the file's `movilab:`, or the state's for a deleted file
    path: str | None  # docs-relative path of the file (where it was, for a deleted one)
    local: LocalPage | None  # None: the file was deleted
    entry: PageState | None  # None: never synced
    dirty: bool = False  # the file has uncommitted changes
    conflict_file: str = "absent"  # absent | unchanged | edited | deleted (in a commit) | stray
    base_markdown: str | None = None  # the Markdown as last synced, when git still has it
    conflict_markdown: str | None = None  # the conflict file the sync wrote, for a resolution (when git has it)
    problem: SyncError | None = None  # a refusal found while observing (title, namespace)
    outside: bool = False  # no file: left out of a sparse checkout (git keeps it, not deleted)
    remote: Remote = field(default_factory=Remote)


def select(ws: Workspace, paths: list[str]) -> set[str] | None:
    """Titles matching PATH arguments (docs/x.md or x.md or a folder); None means all."""
    if not paths:
        return None
    prefix = ws.settings.docs_prefix
    wanted = [p.rstrip("/").removeprefix("./").removeprefix(prefix + "/") for p in paths]
    candidates = {page.title: page.path for page in ws.pages.values()}
    for entry in ws.state.entries.values():
        candidates.setdefault(entry.title, entry.path)
    titles = {t for t, path in candidates.items() if any(path == w or path.startswith(w + "/") for w in wanted)}
    if not titles:
        raise ConfigError(f"aucune page miroir ne correspond à : {' '.join(paths)}.")
    return titles


def observe_local(ws: Workspace, only: set[str] | None = None, *, deletions: bool = False) -> list[Observation]:
    """Every mirrored page, from the files and the state file: no network. `deletions` (push --delete): a
    page no longer mirrored is checked against HEAD too (see _local_facts)."""
    found: list[Observation] = []
    # A synced file whose `movilab:` title changed: its old entry, found by path.
    orphans = {e.path: e for t, e in ws.state.entries.items() if t not in ws.pages}
    for title, page in sorted(ws.pages.items()):
        entry = ws.state.entries.get(title) or orphans.pop(page.path, None)
        if only is not None and title not in only and (entry is None or entry.title not in only):
            continue
        found.append(Observation(title, page.path, page, entry))
    for title, entry in sorted(ws.state.entries.items()):
        if title not in ws.pages and entry.path in orphans and (only is None or title in only):
            found.append(Observation(title, entry.path, None, entry))
    found = _local_facts(ws, found, deletions)
    ws.held_titles = _held_titles(ws, found)  # links converted as the wiki knows the pages (Workspace)
    return found


def _local_facts(ws: Workspace, found: list[Observation], deletions: bool = False) -> list[Observation]:
    """Uncommitted changes and conflict files, with two git commands at most besides `git status` (and one
    per page whose bytes are not HEAD's blob though git's filters may make them so: Repo.holds)."""
    conflicts = {o.path: ws.conflict_path(o.path) for o in found if o.path}
    folder = ws.root / CONFLICT_DIR
    look = folder.exists() or folder.is_symlink()  # no folder (nor link): no file to look for one by one
    on_disk = {
        path: safety.read_bytes(ws.root, ws.root / rel)
        for path, rel in conflicts.items()
        if look and ((ws.root / rel).exists() or (ws.root / rel).is_symlink())
    }
    open_conflicts = [o.path for o in found if o.path and o.entry and o.entry.conflict]
    dirty = set(ws.git.dirty)
    # A synced page without its file, that git keeps out of the working tree (git sparse-checkout): not
    # deleted, only not here. One git command, when some synced page has no file.
    missing = [ws.repo_path(o.path) for o in found if o.local is None and o.path and ws.repo_path(o.path) not in dirty]
    outside = ws.repo.left_out(missing) if missing else set()
    # git status runs while the pages are read: a page saved after git looked at it, and before it was
    # read, looks committed though its text is not. A page whose text differs from the one last synced
    # (the pages a push would send, a pull would merge) is compared with HEAD's blob, in the same command.
    unsynced = {
        ws.repo_path(o.path): o.local.text
        for o in found
        if o.local is not None
        and o.path
        and ws.repo_path(o.path) not in dirty
        and (o.entry is None or not o.local.matches(o.entry.local_sha256))
    }
    # A synced page no longer mirrored (file gone, or its `movilab:` field) is deleted from the wiki by
    # push --delete: HEAD must have no such file, or have it as it is now (a commit removed the field).
    # Only then: any other command leaves such a page as it is, without one more git command.
    vanished = [
        ws.repo_path(o.path)
        for o in found
        if deletions and o.local is None and o.path and ws.repo_path(o.path) not in dirty | outside
    ]
    committed = ws.repo.tree_blobs([conflicts[p] for p in open_conflicts] + list(unsynced) + vanished)
    now: dict[str, bytes | None] = {p: text.encode("utf-8") for p, text in unsynced.items()}
    now.update((p, safety.read_bytes(ws.root, ws.root / p)) for p in vanished if p in committed)
    dirty.update(p for p, data in now.items() if not ws.repo.holds(p, data, committed.get(p)))
    # A page HEAD lacks, which git status did not name: in a submodule (or a clone inside docs/), HEAD holds
    # its folder, not its file. Said as such: no commit here can change it, nor could hold a pulled edit.
    nested = {p: _nested_repository(ws, p) for p in unsynced if p not in committed}
    gone = [conflicts[p] for p in open_conflicts if p not in on_disk and conflicts[p] not in committed]
    deleted = ws.repo.deleted_paths(gone)
    result = []
    for obs in found:
        path = obs.path or ""
        conflict = obs.entry.conflict if obs.entry else None
        data = on_disk.get(path)
        if conflict is None:
            state = "stray" if data is not None else "absent"
        elif data is not None:
            state = "unchanged" if same_blob(data, conflict.file_blob) else "edited"
        elif conflicts.get(path) in committed:
            state = "edited"  # deleted, but not in a commit yet
        elif conflicts.get(path) in deleted:
            state = "deleted"  # by a commit: the deliberate act that resolves the conflict
        else:
            state = "absent"  # never committed (a state from elsewhere): written again, never taken as resolved
        problem = obs.problem
        owner = nested.get(ws.repo_path(path)) if path else None
        if owner and problem is None:
            problem = ConfigError(
                f"page d'un autre dépôt git ({owner} est un sous-module, ou un clone) : la synchronisation ne "
                "commite que dans ce dépôt-ci. Synchronisez-la depuis son propre dépôt, ou retirez son champ movilab:."
            )
        left_out = obs.local is None and bool(path) and ws.repo_path(path) in outside
        result.append(
            replace(obs, dirty=ws.repo_path(path) in dirty, conflict_file=state, problem=problem, outside=left_out)
        )
    if outside:
        note = (
            f"{len(outside)} page(s) miroir hors de l'extraction partielle (git sparse-checkout) : ni envoyées, ni "
            "récupérées, ni supprimées de Movilab ; synchronisez-les depuis une copie qui les contient "
            "(git sparse-checkout add <dossier>)."
        )
        if note not in ws.notes:
            ws.notes.append(note)
    return result


def _nested_repository(ws: Workspace, path: str) -> str | None:
    """The folder of docs/ holding `path` (repository-relative) that is a git working tree of its own, if any."""
    docs = ws.settings.docs_dir
    folder = (ws.root / path).parent
    while folder == docs or docs in folder.parents:
        if os.path.lexists(folder / ".git"):
            return folder.relative_to(ws.root).as_posix()
        folder = folder.parent
    return None


def _held_titles(ws: Workspace, found: list[Observation]) -> dict[str, str | None]:
    """Docs path -> the title a link to that page is converted with, for each page not committed: the title
    it was last synced under (None, never synced: no wiki page to link to). A page sent or merged links to
    the pages as the wiki has them, never to a title that is in no commit (the page itself is held back)."""
    by_path = ws.state.by_path()
    seen = {o.path: o.dirty for o in found if o.path}
    held: dict[str, str | None] = {}
    for page in ws.pages.values():
        if seen.get(page.path, ws.repo_path(page.path) in ws.git.dirty):
            entry = by_path.get(page.path)
            held[page.path] = entry.title if entry is not None else None
    return held


def _age(when: str) -> timedelta | None:
    """How long ago `when` was, for a time written as the wiki writes its own (2026-01-15T10:00:00Z, what
    the sync records); None for anything else. The cursor comes with the branch: a time without its zone
    stopped the command, and one later than now hid every wiki edit made before it."""
    if not _WIKI_TIME.fullmatch(when):
        return None
    try:
        moment = datetime.fromisoformat(when.replace("Z", "+00:00"))
    except ValueError:
        return None
    age = datetime.now(UTC) - moment
    return age if age >= timedelta(0) else None


def _window(ws: Workspace, wiki: Wiki) -> str | None:
    """Start of the recent-changes window, or None when recent changes cannot be trusted for it.

    Wikis forget recent changes after $wgRCMaxAge (90 days by default, maybe less
    on Movilab): for an old cursor, one extra request checks that the oldest
    change the wiki still lists predates it.
    """
    start = cursor(ws)
    age = _age(start) if start else None
    if age is None:
        return None
    if age > timedelta(days=RC_CHECK_DAYS):
        oldest = wiki.oldest_change()
        if oldest is None or oldest > start:
            return None
    return (datetime.fromisoformat(start.replace("Z", "+00:00")) - RC_MARGIN).strftime("%Y-%m-%dT%H:%M:%SZ")


def _needs_base(obs: Observation, deletions: bool) -> bool:
    entry = obs.entry
    if entry is None:
        return False
    if obs.local is None:
        return deletions
    return not obs.local.matches(entry.local_sha256) or obs.title != entry.title or entry.conflict is not None


def _canonical(title: str) -> str:
    try:
        return normalise(title)
    except SyncError:
        return unicodedata.normalize("NFC", title)


def observe_wiki(
    ws: Workspace,
    wiki: Wiki,
    found: list[Observation],
    *,
    token: bool = False,
    content: bool = False,
    deletions: bool = False,
    bot: str = "",
) -> tuple[list[Observation], Snapshot]:
    """Add what the wiki says to each observation; one request when little changed.

    With `content`, the wiki's current text of every page changed there is
    fetched too (50 titles per request). Pages never synced are looked up (so a
    title that is taken, or that the wiki spells otherwise, is known before
    anything is sent). With `bot` (a logged-in push), proofs are gathered.
    """
    window = _window(ws, wiki)
    bases = {o.entry.revid for o in found if o.entry and _needs_base(o, deletions)}
    seen = {o.entry.conflict.revid for o in found if o.entry and o.entry.conflict}
    snap = wiki.snapshot(window, token=token, revids=sorted(bases | seen))
    snap.windowed = window is not None
    known = {o.entry.title: i for i, o in enumerate(found) if o.entry is not None}
    edits: dict[int, list[Change]] = {}
    moved: dict[int, str] = {}
    deleted: set[int] = set()
    if window is not None:
        for change in sorted(snap.changes, key=lambda c: (c.timestamp, c.revid)):
            i = known.get(_canonical(change.title))
            if i is None:
                continue
            entry = found[i].entry
            assert entry is not None  # noqa: S101 - `known` holds only observations with an entry
            if change.kind == "log" and change.log_type == "move" and change.target:
                moved[i] = _canonical(change.target)
                deleted.discard(i)
            elif change.kind == "log" and change.log_type == "delete":
                if change.log_action == "restore":
                    deleted.discard(i)
                elif change.log_action in ("delete", ""):
                    deleted.add(i)
            elif change.kind != "log" and change.revid > entry.revid:
                edits.setdefault(i, []).append(change)
    wanted: list[str] = []
    for i, obs in enumerate(found):
        entry = obs.entry
        if entry is None:
            if obs.local is not None:
                wanted.append(obs.title)  # never synced: is the title free, and spelt as the wiki does?
            continue
        if window is None or i in edits or (deletions and obs.local is None):
            wanted.append(entry.title)
        if i in moved:
            wanted.append(moved[i])
        if obs.title != entry.title:
            wanted.append(obs.title)  # the new title of a renamed page: free, or already moved there?
    need_content = content or any(o.entry is None and o.local is not None for o in found)
    pages = wiki.pages(wanted, content=need_content) if wanted else {}
    if window is None:
        # Without recent changes, a page moved on the wiki shows as a redirect at its old title:
        # where its synced revision lives now says where it went.
        redirected = [
            o.entry.revid
            for o in found
            if o.entry
            and o.entry.title in pages
            and pages[o.entry.title].redirect
            and o.entry.revid not in snap.revisions
        ]
        if redirected:
            snap.revisions.update(wiki.revisions(redirected))
    for i, obs in enumerate(found):
        base = snap.revisions.get(obs.entry.revid) if obs.entry else None
        if obs.entry and base is not None and i not in moved and _canonical(base.title) != obs.entry.title:
            moved[i] = _canonical(base.title)  # the synced revision now belongs to a page of another title
    targets = sorted({t for t in moved.values() if t not in pages})
    if targets:
        pages.update(wiki.pages(targets, content=need_content))
    result = []
    for i, obs in enumerate(found):
        result.append(_remote_facts(ws, obs, snap, pages, edits.get(i, []), moved.get(i, ""), i in deleted, window))
    result = _prove(wiki, result, bot) if bot else result
    return _with_base_markdown(ws, result, bot), snap


def _remote_facts(
    ws: Workspace,
    obs: Observation,
    snap: Snapshot,
    pages: dict[str, RemotePage],
    edits: list[Change],
    moved_to: str,
    deleted: bool,
    window: str | None,
) -> Observation:
    entry = obs.entry
    if entry is None:
        latest = pages.get(obs.title)
        problem = obs.problem or _title_problem(ws, obs.title, latest, snap)
        return replace(obs, problem=problem, remote=Remote(checked=True, latest=latest))
    base = snap.revisions.get(entry.revid)
    seen = snap.revisions.get(entry.conflict.revid) if entry.conflict else None
    if entry.revid in snap.bad_revids and not moved_to:
        deleted = True  # the synced revision is gone: page deleted (or a state naming a revision that never was)
    latest = pages.get(moved_to or entry.title)
    if window is None and latest is not None and not moved_to:
        if latest.missing:
            deleted = True
        elif latest.revid != entry.revid:
            edits = [Change(latest.title, latest.revid, 0, latest.timestamp, latest.user, "edit")]
    problem = obs.problem
    if obs.title != entry.title and obs.local is not None and moved_to != obs.title:
        problem = problem or _title_problem(ws, obs.title, pages.get(obs.title), snap)
    remote = Remote(
        checked=True,
        edits=tuple(edits),
        moved_to=moved_to,
        deleted=deleted and not moved_to,
        latest=latest,
        base=base,
        seen=seen,
        move_problem=_move_problem(ws, obs, moved_to, latest, snap) if moved_to else "",
    )
    return replace(obs, problem=problem, remote=remote)


def _move_problem(ws: Workspace, obs: Observation, target: str, latest: RemotePage | None, snap: Snapshot) -> str:
    """Why the file cannot follow its page to `target`, the title the wiki gave it (empty: it can)."""
    if latest is None or latest.missing:
        return "introuvable sous ce titre"
    try:
        check_namespace(normalise(target), ws.settings.namespaces, latest.ns)
    except SyncError as exc:
        return exc.message
    other = ws.pages.get(target)
    if other is not None and other.path != obs.path:
        return f"ce titre est déjà celui de docs/{other.path}"
    if target in ws.state.entries and obs.entry is not None and target != obs.entry.title:
        return "ce titre est déjà celui d'une autre page du fichier d'état"
    return ""


def _title_problem(ws: Workspace, title: str, page: RemotePage | None, snap: Snapshot) -> SyncError | None:
    """The wiki's verdict on a title the sync has not written yet: spelling and namespace."""
    if page is None:
        return None
    try:
        if page.invalid:
            raise SyncError(
                f"titre refusé par le wiki ({page.invalid}) : un préfixe interwiki ou un caractère interdit ?",
                title=title,
            )
        check_answer(title, _canonical(page.title), ns=page.ns, allowed=ws.settings.namespaces)
    except SyncError as exc:
        exc.title = exc.title or title
        return exc
    return None


def _prove(wiki: Wiki, found: list[Observation], bot: str) -> list[Observation]:
    """Whether each synced page is the sync's, as the wiki shows it (see module)."""
    result = []
    for obs in found:
        remote, entry = obs.remote, obs.entry
        proven = False
        if entry is not None and remote.base is not None:
            where = _canonical(remote.base.title)
            belongs = where in (entry.title, remote.moved_to)
            proven = belongs and (
                bool(remote.base.watched)
                or remote.base.user == bot
                or bool(remote.latest and remote.latest.watched and _canonical(remote.latest.title) == where)
            )
            if belongs and not proven and _needs_write(obs):
                proven = wiki.contributed(where, bot)  # pages synced before the watchlist was kept
        result.append(replace(obs, remote=replace(remote, proven=proven)))
    return result


def _needs_write(obs: Observation) -> bool:
    entry = obs.entry
    if entry is None:
        return False
    if obs.local is None:
        return True
    return not obs.local.matches(entry.local_sha256) or obs.title != entry.title


def _with_base_markdown(ws: Workspace, found: list[Observation], bot: str = "") -> list[Observation]:
    """The Markdown as last synced (one git command), for pages a three-way merge may need, and for
    pages about to be written over a revision the bot did not write (decide checks it is that revision)."""

    def needed(o: Observation) -> bool:
        base = o.remote.base
        pulled = bool(bot) and base is not None and base.user != bot and _needs_write(o)
        return bool(o.remote.edits or (o.entry and o.entry.conflict) or pulled)

    def resolving(o: Observation) -> str:
        conflict = o.entry.conflict if o.entry else None
        if conflict is None or not conflict.file_blob or not (conflict.resolved or o.conflict_file == "deleted"):
            return ""
        return conflict.file_blob

    wanted = [o.entry.base_blob for o in found if o.entry and o.entry.base_blob and needed(o)]
    wanted += [resolving(o) for o in found if resolving(o)]
    if not wanted:
        return found
    texts = ws.repo.read_blobs(wanted)
    return [
        replace(o, base_markdown=texts.get(o.entry.base_blob), conflict_markdown=texts.get(resolving(o)))
        if o.entry
        else o
        for o in found
    ]
