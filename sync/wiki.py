# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The one module that talks to MediaWiki (through mwclient).

Everything the sync asks of the wiki is here, shaped by the request budget:
titles are read 50 per query, "what changed since the last sync" is one
`list=recentchanges` query (with the server time, tokens and base revisions
folded into the same request), and each edit carries what makes the wiki refuse
to overwrite someone else's work (`baserevid`, `basetimestamp`,
`starttimestamp`, `createonly`/`nocreate`) and `assert=user`, so a lost session
can never turn into an anonymous edit. mwclient errors are translated here,
once, into the sync's French errors, without request parameters (they may hold
a password or a token).
"""

from __future__ import annotations

import functools
import json
import re
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar
from urllib.parse import urlsplit

from sync.errors import EditConflict, WikiAuthError, WikiError

if TYPE_CHECKING:
    from sync.transport import Transport

# mwclient and requests (with urllib3, ssl, http.client…) take longer to import than a
# no-op push takes to run: they are imported when a Wiki is opened, not with this module,
# so that commands which send no request (a push with nothing to send, --help) never load them.

BATCH = 50  # titles or revision ids per query: the API's limit for a non-bot account


def _no_oauth(*args: Any, **kwargs: Any) -> None:
    raise WikiAuthError("la synchronisation se connecte avec un mot de passe de robot, jamais avec OAuth.")


def _import_mwclient() -> types.ModuleType:
    """mwclient, loaded without three packages it never needs for the sync: a third of its import time.

    - requests_oauthlib (and oauthlib): mwclient imports `OAuth1` when it is loaded, and uses it
      only when `Site` is given OAuth keys, which the sync never passes (it logs in with a bot
      password);
    - charset_normalizer: requests loads it to guess the encoding of an answer that names none,
      which the wiki's JSON answers always name (utf-8); a stand-in gives requests the package's
      version, and the real package guesses if an answer ever comes without one;
    - importlib.metadata: urllib3 takes `version` from it for HTTP/2, which requests never turns on.

    Each stand-in answers that one import and is taken out of `sys.modules` at once, so that any
    later import, in this process, gets the real package; anything else asked of a stand-in is
    asked of the real package.
    """
    if "mwclient.client" in sys.modules:
        import mwclient

        return mwclient
    stand_ins = {
        name: stand_in
        for name, stand_in in (
            ("requests_oauthlib", _stand_in("requests_oauthlib", OAuth1=_no_oauth)),
            ("charset_normalizer", _charset_stand_in()),
            ("importlib.metadata", _stand_in("importlib.metadata", version=_later("importlib.metadata", "version"))),
        )
        if name not in sys.modules and stand_in is not None
    }
    sys.modules.update(stand_ins)
    try:
        import mwclient
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    return mwclient


def _stand_in(name: str, **names: Any) -> types.ModuleType:
    """A module answering `names`; any other name is taken from the real module, imported then."""
    module = types.ModuleType(name)
    module.__dict__.update(names)

    def real_name(attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(_real(name), attribute)

    module.__dict__["__getattr__"] = real_name  # PEP 562: the names the stand-in lacks
    return module


def _real(name: str) -> types.ModuleType:
    """The real module `name`, imported now, even while a stand-in holds its place in sys.modules."""
    import importlib

    held = sys.modules.get(name)
    if held is not None and getattr(held, "__file__", None) is not None:
        return held
    sys.modules.pop(name, None)
    try:
        return importlib.import_module(name)
    finally:
        if held is not None:
            sys.modules[name] = held


def _later(module: str, name: str) -> Any:
    """A function that calls `module.name`, the module imported at the first call."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(_real(module), name)(*args, **kwargs)

    return call


def _charset_stand_in() -> types.ModuleType | None:
    """charset_normalizer's stand-in: its real version (read from its version.py, the package's
    `__init__` not run) and `detect`, which loads the package at its first call. None when the
    version cannot be read that way: the real package is then loaded."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("charset_normalizer")
        folders = list(spec.submodule_search_locations or []) if spec is not None else []
        text = (Path(folders[0]) / "version.py").read_text(encoding="utf-8") if folders else ""
    except (ImportError, ValueError, OSError):
        return None
    found = re.search(r'^__version__ = "([0-9][0-9.]*)"$', text, re.M)
    if found is None:
        return None
    return _stand_in("charset_normalizer", __version__=found.group(1), detect=_later("charset_normalizer", "detect"))


@dataclass(frozen=True)
class RemotePage:
    """One page as the wiki has it now (or `missing`)."""

    title: str
    revid: int = 0
    timestamp: str = ""
    text: str = ""
    user: str = ""
    missing: bool = False
    ns: int = 0
    watched: bool | None = None  # on the logged-in bot's watchlist (None: not asked, or not logged in)
    redirect: bool = False
    invalid: str = ""  # why the wiki refuses this title (interwiki prefix, illegal character…)


@dataclass(frozen=True)
class Change:
    """One entry of recent changes: an edit, a creation, or a log action (move, delete)."""

    title: str
    revid: int
    old_revid: int
    timestamp: str
    user: str
    kind: str  # edit | new | log
    log_type: str = ""
    target: str = ""  # new title, for a move
    log_action: str = ""  # delete | restore | move | move_redir…


@dataclass
class Snapshot:
    """The answer of the one 'what changed' query."""

    server_time: str
    changes: list[Change] = field(default_factory=list)
    token: str | None = None
    revisions: dict[int, RemotePage] = field(default_factory=dict)
    complete: bool = True  # every mirrored page was checked (RC window or revision ids)
    windowed: bool = True  # False: revision ids were read instead of recent changes
    rights: frozenset[str] = frozenset()  # of the logged-in user, when a token was asked for
    bad_revids: set[int] = field(default_factory=set)  # asked for, unknown to the wiki (deleted or never)


def _bad_revids(query: dict[str, Any]) -> set[int]:
    """Revision ids the wiki does not know (deleted, or never existed), from a query's answer."""
    bad = query.get("badrevids") or {}
    values = bad.values() if isinstance(bad, dict) else bad
    return {int(r["revid"]) for r in values if isinstance(r, dict) and "revid" in r}


MAX_CONTINUATIONS = 2000  # suites of one query: 2000 × 500 recent changes, far beyond any wiki's 90 days
_P = ParamSpec("_P")
_R = TypeVar("_R")
# What reading an answer of the wrong shape raises (a key missing, a list for an object, "abc" for a number).
_SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def _answers(method: Callable[Concatenate[Wiki, _P], _R]) -> Callable[Concatenate[Wiki, _P], _R]:
    """The one boundary for the shape of the API's answers: JSON that no MediaWiki sends (a broken proxy,
    a server that is not MediaWiki, an attacker's) becomes a WikiError in French, never a traceback."""

    @functools.wraps(method)
    def reading(self: Wiki, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(self, *args, **kwargs)
        except _SHAPE_ERRORS as exc:
            raise WikiError(
                f"réponse inattendue de {self.api_url} ({type(exc).__name__}) : ce n'est pas ce que répond "
                "MediaWiki. Vérifiez l'adresse MOVILAB_API (ou extra.movilab.api dans mkdocs.yml), ou relancez "
                "plus tard.",
                api_code="shape",
            ) from None

    return reading


def _timestamp(value: Any) -> str:
    """A MediaWiki timestamp (2026-01-15T10:00:00Z); ValueError for anything else."""
    if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value):
        raise ValueError("timestamp")
    return value


def _chunks(items: list[Any], size: int = BATCH) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Wiki:
    """A connection to one wiki; `requests` counts the HTTP requests made so far."""

    def __init__(self, api_url: str, *, transport: Transport | None = None) -> None:
        parts = urlsplit(api_url)
        # mwclient always calls <directory>/api.php: any other script name would be silently
        # replaced by it, so a typo would reach a wiki the user did not name.
        if parts.scheme not in ("http", "https") or not parts.netloc or not parts.path.endswith("/api.php"):
            raise WikiError(
                f"adresse d'API invalide « {api_url} » : attendu par exemple https://movilab.org/api.php "
                "(extra.movilab.api dans mkdocs.yml ou la variable MOVILAB_API)."
            )
        mwclient = _import_mwclient()

        from sync.transport import Transport

        self.api_url = api_url
        self.host = parts.netloc
        self.transport = transport or Transport()
        directory = parts.path.rpartition("/")[0]
        self.site = mwclient.Site(
            parts.netloc,
            path=directory + "/",
            scheme=parts.scheme,
            pool=self.transport,
            do_init=False,
            max_retries=0,
        )
        self.user: str | None = None

    @property
    def requests(self) -> int:
        return self.transport.count

    @classmethod
    def probe(cls, api_url: str) -> str:
        """Why `api_url` is not a MediaWiki API ("" when it is): one anonymous request."""
        try:
            answer = cls(api_url).call("query", meta="siteinfo", siprop="general")
        except WikiError as exc:
            return str(exc)
        return "" if isinstance(answer.get("query", {}).get("general"), dict) else "pas de réponse siteinfo"

    # -- low level ----------------------------------------------------------
    def call(self, action: str, *, write: bool = False, **params: Any) -> dict[str, Any]:
        """One API call (GET for reads, POST for writes); errors become WikiError."""
        params = {k: v for k, v in params.items() if v is not None}
        params.setdefault("formatversion", "2")
        if write:
            params["assert"] = "user"
        import mwclient.errors
        import requests

        try:
            raw = self.site.raw_api(action, "POST" if write else "GET", **params)
        except (mwclient.errors.MwClientError, ValueError, KeyError) as exc:
            raise WikiError(
                f"réponse illisible de {self.api_url} ({type(exc).__name__}) : est-ce bien l'adresse "
                "de api.php (extra.movilab.api dans mkdocs.yml ou MOVILAB_API) ?"
            ) from None
        except requests.RequestException as exc:
            status = getattr(getattr(exc, "response", None), "status_code", None)
            raise WikiError(
                f"le wiki a répondu par une erreur HTTP {status or type(exc).__name__} : vérifiez "
                f"l'adresse {self.api_url}.",
                api_code=f"http-{status}",
            ) from None
        if not isinstance(raw, dict):
            raise WikiError(f"réponse illisible de {self.api_url} : est-ce bien l'adresse de api.php ?")
        error = raw.get("error")
        if error:
            raise self._translate(error if isinstance(error, dict) else {}, params.get("title"))
        return dict(raw)

    @staticmethod
    def _translate(error: dict[str, Any], title: str | None) -> WikiError:
        code = str(error.get("code", ""))
        info = str(error.get("info", ""))
        if code in ("assertuserfailed", "assertbotfailed", "notloggedin", "badtoken"):
            return WikiAuthError(
                "la session n'est plus connectée au wiki : aucune modification anonyme n'a été faite. "
                "Relancez la commande.",
                title=title,
                api_code=code,
            )
        if code == "ratelimited":
            return WikiError(
                "le wiki limite le nombre de modifications par minute (ratelimited) : rien d'autre n'a été "
                "envoyé ; relancez dans quelques minutes (ou demandez le droit « noratelimit » pour le robot).",
                title=title,
                api_code=code,
            )
        if code == "readonly":
            return WikiError(
                "le wiki est en lecture seule (maintenance) : rien d'autre n'a été envoyé ; relancez plus tard.",
                title=title,
                api_code=code,
            )
        if code in ("editconflict", "articleexists"):
            return EditConflict(
                "la page a changé sur le wiki pendant l'envoi : rien n'a été écrasé. "
                "Relancez « python -m sync pull » puis « push ».",
                title=title,
                api_code=code,
            )
        if code in ("permissiondenied", "protectedpage", "cascadeprotected", "blocked"):
            return WikiError(
                f"droits insuffisants sur le wiki ({info}) : vérifiez les droits du mot de passe "
                "de robot (modifier, créer des pages).",
                title=title,
                api_code=code,
            )
        return WikiError(f"le wiki a refusé la requête ({code} : {info}).", title=title, api_code=code)

    # -- authentication -----------------------------------------------------
    def login(self, user: str, password: str) -> None:
        """Log in with a bot password (action=login), the path Movilab accounts use: two requests.

        mwclient's `Site.login` makes three: the login token, the login, then a
        `siteinfo|userinfo` query (namespaces, groups, rights) that the sync never
        reads. The login answer already names the account, and `assert=user` on
        every write is what guards against a lost session, so that third request
        is left out. The password is sent once, in the POST body, and is never
        kept (mwclient would keep it to log in again).
        """
        import mwclient.errors
        import requests

        try:
            tokens = self.call("query", meta="tokens", type="login")
            token = str(tokens["query"]["tokens"]["logintoken"])
            raw = self.site.raw_api("login", "POST", lgname=user, lgpassword=password, lgtoken=token, formatversion="2")
            answer = raw["login"]
        except (mwclient.errors.MwClientError, requests.RequestException, ValueError, KeyError, TypeError) as exc:
            raise WikiAuthError(
                f"échec de la connexion à {self.api_url} ({type(exc).__name__}) : vérifiez l'adresse de l'API."
            ) from None
        result = str(answer.get("result", "")) if isinstance(answer, dict) else ""
        if result == "Success" and answer.get("lgusername"):
            self.user = str(answer["lgusername"])
            return
        code = result or "Failed"
        if code == "Throttled":
            raise WikiAuthError(
                f"trop de tentatives de connexion pour « {user} » : le wiki demande d'attendre "
                f"{answer.get('wait', 'quelques')} secondes avant de réessayer. Aucune modification n'a été faite.",
                api_code=code,
            )
        raise WikiAuthError(
            f"connexion refusée par le wiki pour l'utilisateur « {user} » ({code}) : vérifiez "
            "MOVILAB_USER (forme Nom@application) et MOVILAB_PASSWORD (mot de passe de robot créé "
            "sur Spécial:BotPasswords). Aucune modification n'a été faite.",
            api_code=code,
        )

    # -- reading ------------------------------------------------------------
    @_answers
    def snapshot(self, since: str | None, *, token: bool = False, revids: Iterable[int] = ()) -> Snapshot:
        """Changes since `since` (ISO time), the server time, and optionally a token and base revisions.

        One request when few things changed: that is what keeps a no-op status,
        push or pull within three requests however many pages are mirrored.
        """
        revids = sorted(set(revids))
        first_revids = revids[:BATCH]
        # The server time comes from `curtimestamp`, not from siteinfo, which makes the wiki
        # gather its whole general description for that one field. A logged-in run also asks
        # its account's rights (no extra request): the watchlist ones prove pages are the sync's.
        params: dict[str, Any] = {"curtimestamp": "1"}
        if token:
            params.update(meta="tokens|userinfo", uiprop="rights")
        if since:
            params.update(
                list="recentchanges",
                rcend=since,
                rcdir="older",
                rclimit="max",
                rcprop="title|ids|timestamp|user|loginfo",
                rctype="edit|new|log",
            )
        if first_revids:
            params.update(
                prop="revisions|info",
                inprop="watched",
                revids="|".join(map(str, first_revids)),
                rvprop="ids|timestamp|user|content",
                rvslots="main",
            )
        data = self.call("query", **params)
        query = data.get("query", {})
        csrf = query.get("tokens", {}).get("csrftoken") if token else ""
        if not data.get("curtimestamp") or csrf is None:
            raise WikiError(f"réponse illisible de {self.api_url} : est-ce bien l'adresse de api.php ?")
        snap = Snapshot(server_time=_timestamp(data["curtimestamp"]))
        snap.bad_revids = _bad_revids(query)
        if token:
            snap.token = str(csrf)
            snap.rights = frozenset(str(r) for r in query.get("userinfo", {}).get("rights", []))
        snap.revisions.update(self._revisions_of(query))
        snap.changes.extend(self._changes_of(query))
        cont = data.get("continue")
        seen: set[str] = set()
        while since and cont and "rccontinue" in cont:
            self._check_continue(cont, seen)
            more = self.call(
                "query",
                list="recentchanges",
                rcend=since,
                rcdir="older",
                rclimit="max",
                rcprop="title|ids|timestamp|user|loginfo",
                rctype="edit|new|log",
                rccontinue=cont["rccontinue"],
                **{"continue": cont.get("continue", "")},
            )
            snap.changes.extend(self._changes_of(more.get("query", {})))
            cont = more.get("continue")
        # Revisions beyond the first 50, or left out of a too-big first answer.
        missing = [r for r in revids if r not in snap.revisions]
        if missing:
            more_revisions, bad = self._revisions(missing)
            snap.revisions.update(more_revisions)
            snap.bad_revids |= bad
        return snap

    @_answers
    def oldest_change(self) -> str | None:
        """Timestamp of the oldest entry the wiki still keeps in recent changes."""
        data = self.call("query", list="recentchanges", rcdir="newer", rclimit="1", rcprop="timestamp")
        changes = data.get("query", {}).get("recentchanges", [])
        return str(changes[0]["timestamp"]) if changes else None

    @staticmethod
    def _changes_of(query: dict[str, Any]) -> Iterator[Change]:
        for rc in query.get("recentchanges", []):
            params = rc.get("logparams") or {}
            yield Change(
                title=str(rc["title"]),
                revid=int(rc.get("revid") or 0),
                old_revid=int(rc.get("old_revid") or 0),
                timestamp=str(rc.get("timestamp", "")),
                user=str(rc.get("user", "")),
                kind=str(rc["type"]),
                log_type=str(rc.get("logtype", "")),
                target=str(params.get("target_title", "")),
                log_action=str(rc.get("logaction", "")),
            )

    @staticmethod
    def _page_of(page: dict[str, Any], rev: dict[str, Any]) -> RemotePage:
        text = rev.get("slots", {}).get("main", {}).get("content", "")
        if not isinstance(text, str) or not isinstance(page["title"], str):
            raise TypeError("content")
        if "\r" in text:  # as MediaWiki saves a text (a page imported as it was, or an answer not the wiki's)
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return RemotePage(
            title=page["title"],
            revid=int(rev["revid"]),
            timestamp=_timestamp(rev["timestamp"]),
            text=text,
            user=str(rev.get("user", "")),
            ns=int(page.get("ns", 0)),
            watched=bool(page["watched"]) if "watched" in page else None,
            redirect=bool(page.get("redirect", False)),
        )

    def _revisions_of(self, query: dict[str, Any]) -> Iterator[tuple[int, RemotePage]]:
        for page in query.get("pages", []):
            for rev in page.get("revisions", []):
                yield int(rev["revid"]), self._page_of(page, rev)

    def _query_all(self, **params: Any) -> Iterator[dict[str, Any]]:
        """One query and its continuations: when 50 pages of content exceed the API's result
        size, MediaWiki returns some without revisions plus `rvcontinue`, never an error."""
        extra: dict[str, Any] = {}
        seen: set[str] = set()
        while True:
            data = self.call("query", **params, **extra)
            yield data.get("query", {})
            cont = data.get("continue")
            if not cont:
                return
            self._check_continue(cont, seen)
            extra = dict(cont)

    def _check_continue(self, cont: Any, seen: set[str]) -> None:
        """A continuation must move on: the same one twice, or more than MAX_CONTINUATIONS, would keep the sync
        asking forever (a server, or a proxy, that is not MediaWiki). `seen` holds the ones already followed."""
        key = json.dumps(cont, sort_keys=True)
        if key in seen or len(seen) >= MAX_CONTINUATIONS:
            raise WikiError(
                f"réponse inattendue de {self.api_url} : le wiki demande de continuer sans fin la même lecture "
                f"({len(seen) + 1} suites) ; rien n'a été écrit. Vérifiez l'adresse MOVILAB_API, ou relancez plus tard.",
                api_code="shape",
            )
        seen.add(key)

    @_answers
    def revisions(self, revids: Iterable[int]) -> dict[int, RemotePage]:
        """Content of given revisions (the bases of a three-way merge), 50 per request."""
        return self._revisions(revids)[0]

    def _revisions(self, revids: Iterable[int]) -> tuple[dict[int, RemotePage], set[int]]:
        found: dict[int, RemotePage] = {}
        bad: set[int] = set()
        for chunk in _chunks(sorted(set(revids))):
            for query in self._query_all(
                prop="revisions|info",
                inprop="watched",
                revids="|".join(map(str, chunk)),
                rvprop="ids|timestamp|user|content",
                rvslots="main",
            ):
                found.update(self._revisions_of(query))
                bad |= _bad_revids(query)
        return found, bad

    @_answers
    def pages(self, titles: Iterable[str], *, content: bool = True) -> dict[str, RemotePage]:
        """Latest revision of each title, 50 titles per request; keyed by the title asked for."""
        result: dict[str, RemotePage] = {}
        prop = "ids|timestamp|user" + ("|content" if content else "")
        for chunk in _chunks(list(dict.fromkeys(titles))):
            asked = {t: t for t in chunk}  # wiki's title -> the title we asked for
            pending: dict[str, RemotePage] = {}
            for query in self._query_all(
                prop="revisions|info", inprop="watched", titles="|".join(chunk), rvprop=prop, rvslots="main"
            ):
                for norm in query.get("normalized", []):
                    asked[str(norm["to"])] = asked.pop(str(norm["from"]), str(norm["from"]))
                for iw in query.get("interwiki", []):
                    key = asked.get(str(iw["title"]), str(iw["title"]))
                    result[key] = RemotePage(title=str(iw["title"]), missing=True, invalid="interwiki")
                for page in query.get("pages", []):
                    title = str(page["title"])
                    key = asked.get(title, title)
                    if page.get("revisions"):
                        result[key] = self._page_of(page, page["revisions"][0])
                    elif page.get("invalid"):
                        reason = str(page.get("invalidreason", "titre invalide"))
                        result[key] = RemotePage(title=title, missing=True, invalid=reason)
                    elif page.get("missing"):
                        result[key] = RemotePage(
                            title=title, missing=True, ns=int(page.get("ns", 0)), watched=page.get("watched")
                        )
                    elif key not in result:
                        pending[key] = RemotePage(title=title, missing=True)  # content in a continuation
            for key, page_ in pending.items():
                result.setdefault(key, page_)
        return result

    # -- writing --------------------------------------------------------------
    @_answers
    def edit(
        self, title: str, text: str, *, summary: str, token: str, base: RemotePage | None, starttimestamp: str
    ) -> dict[str, Any]:
        """Save one page without ever overwriting a revision we have not seen.

        `base` is the revision the new text was made from: for an existing page it
        gives baserevid/basetimestamp and `nocreate` (a page deleted meanwhile is not
        silently re-created); without it the page must not exist yet (`createonly`).
        """
        params: dict[str, Any] = {
            "title": title,
            "text": text,
            "summary": summary,
            "token": token,
            "starttimestamp": starttimestamp,
            # The bot's watchlist is where the wiki keeps which pages the sync created or adopted.
            "watchlist": "watch",
        }
        if base is not None:
            params.update(baserevid=base.revid, basetimestamp=base.timestamp, nocreate="1")
        else:
            params["createonly"] = "1"
        data = self.call("edit", write=True, **params)
        edit = data.get("edit", {})
        if edit.get("result") != "Success":
            raise WikiError(f"modification non enregistrée ({edit}).", title=title, api_code="edit")
        # What the executor records as synced (act.py): a new revision's number and time, the one it
        # replaced; or nothing at all for an edit that changed nothing. Anything else: `_answers`.
        if edit.get("nochange") is None:
            if type(edit["newrevid"]) is not int or type(edit.get("oldrevid", 0)) is not int:
                raise TypeError("newrevid")
            _timestamp(edit.get("newtimestamp", "2000-01-01T00:00:00Z"))
        return dict(edit)

    @_answers
    def move(self, old: str, new: str, *, reason: str, token: str) -> None:
        """Rename a page, keeping its history and leaving a redirect from the old title."""
        self.call(
            "move",
            write=True,
            title=new,
            token=token,
            reason=reason,
            movetalk="1",
            watchlist="watch",
            **{"from": old, "to": new},
        )

    @_answers
    def watch(self, titles: list[str], *, token: str) -> None:
        """Put pages on the bot's watchlist: the wiki's record that the sync adopted them."""
        for chunk in _chunks(titles):
            self.call("watch", write=True, titles="|".join(chunk), token=token)

    @_answers
    def watch_token(self) -> tuple[str, frozenset[str]]:
        """A token for `watch`, and the logged-in user's rights."""
        data = self.call("query", meta="tokens|userinfo", type="watch", uiprop="rights")
        query = data.get("query", {})
        rights = frozenset(str(r) for r in query.get("userinfo", {}).get("rights", []))
        return str(query["tokens"]["watchtoken"]), rights

    @_answers
    def history(self, title: str, limit: int = 50) -> list[Change]:
        """The last `limit` revisions of a page (authors to credit), newest first."""
        data = self.call("query", prop="revisions", titles=title, rvprop="ids|user|timestamp", rvlimit=str(limit))
        pages = data.get("query", {}).get("pages", [{}])
        return [
            Change(title, int(r["revid"]), 0, str(r["timestamp"]), str(r.get("user", "")), "edit")
            for r in (pages[0].get("revisions", []) if pages else [])
        ]

    @_answers
    def contributed(self, title: str, user: str) -> bool:
        """Whether `user` ever saved a revision of `title` (its history, moves included)."""
        data = self.call("query", prop="revisions", titles=title, rvuser=user, rvlimit="1", rvprop="ids")
        pages = data.get("query", {}).get("pages", [])
        return bool(pages and pages[0].get("revisions"))

    @_answers
    def delete(self, title: str, *, reason: str, token: str) -> None:
        self.call("delete", write=True, title=title, reason=reason, token=token)

    @_answers
    def upload(self, filename: str, data: bytes, *, description: str, comment: str, token: str) -> None:
        """Upload a file; an identical existing file is fine, a different one is never replaced."""
        # mwclient's raw_api cannot send a file body: post through the same session.
        files = {"file": (filename, data)}
        payload = {
            "action": "upload",
            "filename": filename,
            "text": description,
            "comment": comment,
            "token": token,
            "format": "json",
            "formatversion": "2",
            "assert": "user",
        }
        response = self.transport.post(self.api_url, data=payload, files=files)
        if response.status_code != 200:  # a web server's refusal (413: the file is too big for it)
            raise WikiError(
                f"le wiki a refusé le fichier « {filename} » (HTTP {response.status_code}"
                f"{' : trop gros pour le serveur' if response.status_code == 413 else ''}) ; la page qui le montre "
                "n'a pas été envoyée. Réduisez l'image (ou retirez-la de la page), commitez, puis relancez.",
                title=f"Fichier:{filename}",
                api_code="upload",
            )
        answer = response.json()
        if not isinstance(answer, dict):
            raise TypeError("upload")
        if "error" in answer:
            code = answer["error"].get("code", "")
            if code == "fileexists-no-change":
                return
            raise self._translate(answer["error"], f"Fichier:{filename}")
        warnings = answer.get("upload", {}).get("warnings", {})
        if answer.get("upload", {}).get("result") == "Warning":
            # A warning means the wiki stored nothing: only the same file at this very name is done.
            if "exists" in warnings and "nochange" in str(warnings):
                return
            if "exists" in warnings:
                raise EditConflict(
                    f"un autre fichier « {filename} » existe déjà sur le wiki : il n'a pas été "
                    "remplacé. Renommez l'image.",
                    title=f"Fichier:{filename}",
                    api_code="exists",
                )
            same = warnings.get("duplicate") if isinstance(warnings, dict) else None
            if isinstance(same, list) and same:
                shown = ", ".join(f"« {str(name).replace('_', ' ')} »" for name in same[:3])
                raise EditConflict(
                    f"le wiki a déjà ce fichier sous le nom {shown} : il n'enregistre pas « {filename} », "
                    "et la page montrerait une image absente. Donnez ce nom à l'image dans docs/, puis relancez.",
                    title=f"Fichier:{filename}",
                    api_code="duplicate",
                )
            codes = ", ".join(sorted(str(code) for code in warnings)) if isinstance(warnings, dict) else "?"
            raise WikiError(
                f"le wiki n'a pas enregistré le fichier « {filename} » (avertissement : {codes}) ; "
                "la page qui le montre n'a pas été envoyée. Renommez ou changez l'image, puis relancez.",
                title=f"Fichier:{filename}",
                api_code="upload-warning",
            )
        if answer.get("upload", {}).get("result") != "Success":  # stored only when the wiki says so
            raise WikiError(
                f"le wiki n'a pas dit avoir enregistré le fichier « {filename} » ; la page qui le montre n'a pas "
                "été envoyée. Relancez plus tard.",
                title=f"Fichier:{filename}",
                api_code="upload",
            )

    @_answers
    def files(self, names: list[str]) -> dict[str, tuple[str, str]]:
        """Existing wiki files among `names`: name -> (sha1, url); 50 per request."""
        found: dict[str, tuple[str, str]] = {}
        for chunk in _chunks(names):
            data = self.call("query", titles="|".join(f"File:{n}" for n in chunk), prop="imageinfo", iiprop="sha1|url")
            query = data.get("query", {})
            back = {norm["to"]: norm["from"] for norm in query.get("normalized", [])}
            for page in query.get("pages", []):
                info = page.get("imageinfo") or []
                if info:
                    asked = back.get(page["title"], page["title"]).split(":", 1)[1]
                    found[asked] = (str(info[0].get("sha1", "")), str(info[0]["url"]))
        return found

    def download(self, url: str, limit: int) -> bytes:
        """The file at `url`, at most `limit` bytes (WikiError beyond, or for an address requests cannot
        fetch: an answer naming `file://` or no host gave a traceback)."""
        import requests

        try:
            with self.transport.get(url, stream=True) as response:
                if response.status_code != 200:
                    raise WikiError(f"téléchargement impossible de {url} (HTTP {response.status_code}).")
                data = bytearray()
                for chunk in response.iter_content(1 << 16):
                    data += chunk
                    if len(data) > limit:
                        raise WikiError(f"fichier de plus de {limit // 1_000_000} Mo à l'adresse {url}.")
        except (requests.RequestException, ValueError) as exc:
            raise WikiError(f"téléchargement impossible de {url} ({type(exc).__name__}).") from None
        except WikiError as exc:
            if not (exc.api_code or "").startswith("http-3"):
                raise
            raise WikiError(f"{url} renvoie ailleurs (redirection), ce que la synchronisation ne suit pas.") from None
        return bytes(data)
