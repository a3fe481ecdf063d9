# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Who changed what since the last sync: the comparison every command starts from.

Local changes are found without the network (content hashes against the state
file). Remote changes come from one `recentchanges` query covering the time
since the last sync: its cost depends on how much the wiki changed, not on how
many pages are mirrored, which is what keeps a no-op at one request. When the
window is unknown or older than the wiki keeps recent changes, the revision ids
of all mirrored titles are read instead, 50 per request.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from commons.config import SiteConfig, load_site_config
from sync import history
from sync.errors import ConfigError, SyncError
from sync.mirror import Converter, LocalPage, scan
from sync.state import PageState, State, load_state
from sync.wiki import Change, RemotePage, Snapshot, Wiki

RC_CHECK_DAYS = 7  # past this age, make sure the wiki still keeps recent changes that far back
RC_MARGIN = timedelta(minutes=2)


@dataclass
class PageStatus:
    title: str
    path: str | None
    local: str  # same | changed | new | deleted | renamed | retitled (movilab: title changed)
    remote: str = "same"  # same | changed | moved | deleted | unknown; for new pages: absent | exists
    entry: PageState | None = None
    page: LocalPage | None = None
    remote_revid: int = 0
    editors: list[Change] = field(default_factory=list)
    latest: RemotePage | None = None  # the wiki's current text, when it was fetched
    moved_to: str = ""  # new wiki title when the page was moved on the wiki

    def local_page(self) -> tuple[LocalPage, str]:
        """The file behind this status; only called where the plan guarantees one exists."""
        if self.page is None or self.path is None:
            raise SyncError("incohérence interne : page locale absente.", title=self.title)
        return self.page, self.path

    @property
    def in_sync(self) -> bool:
        return self.local == "same" and self.remote == "same"


@dataclass
class Context:
    """Everything one command run works with; the wiki connection is opened on demand."""

    root: Path
    config: SiteConfig
    state: State
    local: dict[str, LocalPage]
    _converter: Converter | None = None
    _wiki: Wiki | None = None
    _prefix: str | None = None
    _head: str | None = None

    @classmethod
    def open(cls, root: Path) -> Context:
        config_file = root / "mkdocs.yml"
        if not config_file.exists():
            raise ConfigError("mkdocs.yml introuvable : lancez la commande depuis la racine du dépôt.")
        if history.git_dir(root) is None:
            raise ConfigError(
                "ce dossier n'est pas un dépôt git : la synchronisation enregistre les "
                "modifications de Movilab comme des commits (git init, ou lancez-la dans votre clone)."
            )
        config = load_site_config(config_file)
        if not config.movilab_api:
            raise ConfigError(
                "adresse de l'API Movilab absente : renseignez extra.movilab.api dans mkdocs.yml "
                "ou la variable MOVILAB_API.",
                path="mkdocs.yml",
            )
        state = load_state(root, config.docs_dir)
        if state.api and state.api != config.movilab_api and state.entries:
            _check_api(config.movilab_api, state.api)
            raise ConfigError(
                f"le fichier d'état a été écrit pour {state.api}, pas pour {config.movilab_api} : "
                "pour répéter sur un wiki local, travaillez dans une copie du dépôt.",
                path=".movilab-sync.json",
            )
        state.api = config.movilab_api
        return cls(root=root, config=config, state=state, local=scan(config.docs_dir))

    @property
    def docs_prefix(self) -> str:
        if self._prefix is None:
            self._prefix = self.config.docs_dir.relative_to(self.root).as_posix()
        return self._prefix

    @property
    def head(self) -> str:
        """The commit each page is recorded as synced from: HEAD when the run started (or the merge
        commit push made for the page it is sending)."""
        if self._head is None:
            self._head = history.head(self.root) or ""
        return self._head

    def repo_path(self, rel: str) -> str:
        return f"{self.docs_prefix}/{rel}"

    @property
    def converter(self) -> Converter:
        if self._converter is None:
            titles = {page.path: page.title for page in self.local.values()}
            self._converter = Converter(self.root, config=self.config, titles=titles)
        return self._converter

    @property
    def wiki(self) -> Wiki:
        if self._wiki is None:
            self._wiki = Wiki(self.config.movilab_api)
        return self._wiki

    def page_url(self, title: str) -> str:
        """Public URL of a wiki page; MOVILAB_PAGES (or the overridden API's index.php) in a rehearsal."""
        configured = str((self.config.raw.get("extra") or {}).get("movilab", {}).get("api") or "")
        base = os.environ.get("MOVILAB_PAGES") or self.config.movilab_pages
        if not os.environ.get("MOVILAB_PAGES") and (not base or self.config.movilab_api != configured):
            base = self.config.movilab_api.rsplit("/", 1)[0] + "/index.php?title="
        return base + title.replace(" ", "_")

    @property
    def wiki_host(self) -> str:
        return self.wiki.host.split(":")[0]

    # -- the cursor of recent changes ---------------------------------------
    def _cache_file(self) -> Path:
        """Where no-op runs remember how far they checked: not committed (see remember_cursor).

        MOVILAB_SYNC_CACHE moves it, e.g. into a CI cache folder, so that nightly
        runs in fresh clones also start from the last check.
        """
        if os.environ.get("MOVILAB_SYNC_CACHE"):
            return (self.root / os.environ["MOVILAB_SYNC_CACHE"]).resolve()
        git_dir = history.git_dir(self.root)
        if git_dir is None:
            raise ConfigError("ce dossier n'est plus un dépôt git.")
        return git_dir / "movilab-sync-cursor.json"

    def cursor(self) -> str:
        """Start of the recent-changes window: the committed cursor, or a later one this
        checkout (or CI cache) recorded for exactly the same state of the pages."""
        best = self.state.cursor
        try:
            cached = json.loads(self._cache_file().read_text(encoding="utf-8"))
            if (
                cached.get("api") == self.state.api
                and cached.get("state") == self.state.fingerprint()
                and str(cached.get("cursor", "")) > best
            ):
                best = str(cached["cursor"])
        except (OSError, ValueError, AttributeError):
            pass
        return best

    def remember_cursor(self, server_time: str) -> None:
        """Nothing was pending up to server_time: let the next run start there (not committed).

        Tied to the pages' state: after a checkout of another state, or any sync
        that changes it, the cache no longer applies and the committed cursor does.
        """
        with contextlib.suppress(OSError):
            self._cache_file().parent.mkdir(parents=True, exist_ok=True)
            self._cache_file().write_text(
                json.dumps({"api": self.state.api, "cursor": server_time, "state": self.state.fingerprint()}),
                encoding="utf-8",
            )


def unavailable(exc: SyncError) -> bool:
    """The wiki itself is down or overloaded (retries exhausted): no point trying the next page."""
    code = exc.api_code or ""
    return code in ("maxlag", "connection", "http-429") or code.startswith("http-5")


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """One sync at a time per clone (taken before the state is read): a second one would race
    on files, state and HEAD."""
    git_dir = history.git_dir(root)
    if git_dir is None:
        raise ConfigError(
            "ce dossier n'est pas un dépôt git : la synchronisation enregistre les "
            "modifications de Movilab comme des commits (git init, ou lancez-la dans votre clone)."
        )
    with open(git_dir / "movilab-sync.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ConfigError(
                "une autre synchronisation est en cours dans ce dépôt : attendez qu'elle se termine, puis relancez."
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def select(ctx: Context, paths: list[str]) -> set[str] | None:
    """Titles matching PATH arguments (docs/x.md or x.md or a folder); None means all."""
    if not paths:
        return None
    wanted = [p.rstrip("/").removeprefix("./") for p in paths]
    wanted = [p.removeprefix(ctx.docs_prefix + "/") for p in wanted]
    titles = set()
    candidates = {page.title: page.path for page in ctx.local.values()}
    for entry in ctx.state.entries.values():
        candidates.setdefault(entry.title, entry.path)
    for title, path in candidates.items():
        if any(path == w or path.startswith(w + "/") for w in wanted):
            titles.add(title)
    if not titles:
        raise ConfigError(f"aucune page miroir ne correspond à : {' '.join(paths)}.")
    return titles


def local_status(ctx: Context, only: set[str] | None = None) -> list[PageStatus]:
    """Compare docs/ with the state file: no network."""
    statuses = []
    # A synced file whose `movilab:` title changed: its old entry, found by path.
    orphans = {e.path: e for t, e in ctx.state.entries.items() if t not in ctx.local}
    for title, page in sorted(ctx.local.items()):
        if only is not None and title not in only:
            continue
        entry = ctx.state.entries.get(title)
        if entry is None and page.path in orphans:
            statuses.append(PageStatus(title, page.path, "retitled", entry=orphans.pop(page.path), page=page))
        elif entry is None:
            statuses.append(PageStatus(title, page.path, "new", page=page))
        elif page.sha != entry.local_sha256:
            statuses.append(PageStatus(title, page.path, "changed", entry=entry, page=page))
        elif page.path != entry.path:
            statuses.append(PageStatus(title, page.path, "renamed", entry=entry, page=page))
        else:
            statuses.append(PageStatus(title, page.path, "same", entry=entry, page=page))
    retitled = {s.entry.title for s in statuses if s.local == "retitled" and s.entry}
    for title, entry in sorted(ctx.state.entries.items()):
        if title not in ctx.local and title not in retitled and (only is None or title in only):
            statuses.append(PageStatus(title, entry.path, "deleted", entry=entry))
    return statuses


def _age(cursor: str) -> timedelta | None:
    try:
        when = datetime.fromisoformat(cursor.replace("Z", "+00:00"))
    except ValueError:
        return None
    return datetime.now(UTC) - when


def _window(ctx: Context) -> str | None:
    """Start of the recent-changes window, or None when recent changes cannot be trusted for it.

    Wikis forget recent changes after $wgRCMaxAge (90 days by default, maybe less
    on Movilab): for an old cursor, one extra request checks that the oldest
    change the wiki still lists predates it.
    """
    cursor = ctx.cursor()
    age = _age(cursor) if cursor else None
    if age is None:
        return None
    if age > timedelta(days=RC_CHECK_DAYS):
        oldest = ctx.wiki.oldest_change()
        if oldest is None or oldest > cursor:
            return None
    return (datetime.fromisoformat(cursor.replace("Z", "+00:00")) - RC_MARGIN).strftime("%Y-%m-%dT%H:%M:%SZ")


def remote_status(
    ctx: Context,
    statuses: list[PageStatus],
    *,
    token: bool = False,
    revids: list[int] | None = None,
    content: bool = False,
    check_new: bool = True,
) -> Snapshot:
    """Fill in `remote` for every page; one request when the window is short and nothing is new.

    With `content`, the wiki's current text of every changed page is fetched
    too (50 titles per request) and left in `status.latest`. Pages never synced
    (`new`) are looked up so that a page already on the wiki is adopted when
    both texts agree, and never blindly overwritten when they differ.
    """
    wiki = ctx.wiki
    window = _window(ctx)
    snap = wiki.snapshot(window, token=token, revids=revids or [])
    snap.windowed = window is not None
    known = {s.entry.title: s for s in statuses if s.entry is not None}  # by the synced title
    if window is not None:
        for change in sorted(snap.changes, key=lambda c: (c.timestamp, c.revid)):
            status = known.get(change.title)
            if status is None or status.entry is None:
                continue
            if change.kind == "log" and change.log_type in ("move", "delete"):
                status.remote = "moved" if change.log_type == "move" else "deleted"
                status.moved_to = change.target
            elif change.revid > status.entry.revid:
                if status.remote == "same":
                    status.remote = "changed"
                status.remote_revid = max(status.remote_revid, change.revid)
                status.editors.append(change)
        fetch = [t for t, s in known.items() if s.remote == "changed"] if content else []
    else:
        fetch = list(known)
    new = [s.title for s in statuses if s.local == "new"] if check_new else []
    remote = wiki.pages(fetch + new, content=content or bool(new)) if fetch or new else {}
    for title in fetch:
        status, page = known[title], remote.get(title)
        if page is None or page.missing:
            status.remote = "deleted"
            continue
        if content:
            status.latest = page
        if window is None and status.entry is not None and page.revid != status.entry.revid:
            status.remote = "changed"
            status.remote_revid = page.revid
            status.editors.append(Change(title, page.revid, 0, page.timestamp, page.user, "edit"))
    for status in statuses:
        if status.title in new:
            page = remote.get(status.title)
            status.remote = "absent" if page is None or page.missing else "exists"
            status.latest = None if page is None or page.missing else page
    return snap


def describe(status: PageStatus) -> str:
    local = {
        "same": "",
        "changed": "modifiée dans git",
        "new": "nouvelle, pas encore sur Movilab",
        "deleted": "fichier supprimé (la page wiki est gardée ; --delete pour la supprimer)",
        "renamed": f"fichier renommé (ancien : docs/{status.entry.path if status.entry else '?'})",
        "retitled": f"titre Movilab changé (ancien : « {status.entry.title if status.entry else '?'} ») : "
        "push renomme la page wiki",
    }[status.local]
    remote = {
        "same": "",
        "changed": "modifiée sur Movilab",
        "moved": "renommée sur Movilab",
        "deleted": "supprimée sur Movilab",
        "unknown": "état Movilab inconnu",
        "absent": "",
        "exists": "la page existe déjà sur Movilab (pull l'adopte si les textes concordent)",
    }[status.remote]
    if status.local == "changed" and status.remote == "changed":
        return "modifiée des deux côtés (fusion à trois voies)"
    parts = [p for p in (local, remote) if p]
    return " ; ".join(parts) or "à jour"


def _check_api(api: str, recorded: str) -> None:
    """A typo in MOVILAB_API must be reported as such, not blamed on the state file."""
    try:
        answer = Wiki(api).call("query", meta="siteinfo", siprop="general")
        ok = isinstance(answer.get("query", {}).get("general"), dict)
        reason = "pas de réponse siteinfo"
    except SyncError as exc:
        ok, reason = False, str(exc)
    if not ok:
        raise ConfigError(
            f"l'adresse {api} ne répond pas comme une API MediaWiki ({reason}) ; "
            f"la dernière synchronisation utilisait {recorded} : corrigez la variable MOVILAB_API "
            "(ou extra.movilab.api dans mkdocs.yml)."
        )
