# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Push: send the pages whose Markdown changed since the last sync, never overwriting a wiki edit.

A straight line: finish what a killed run left, observe (files, then the wiki
in one query), decide each page's steps, carry them out (each recorded in the
state file before the next), commit the state. Pages that only need a local
answer (uncommitted, conflict markers, a refused title) are answered before
any request; the password goes only to the API named by MOVILAB_API.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

from sync.act import Executor
from sync.credentials import load_credentials
from sync.decide import LOCAL_STEPS, Converter, Options, Step, decide_push, local_change, marker_line
from sync.early_login import EarlyLogin, FastSwitching
from sync.errors import ConfigError, SyncError
from sync.observe import Observation, observe_local, observe_wiki
from sync.report import FAIL, Outcome, Progress
from sync.wiki import Wiki
from sync.workspace import Workspace, remember_cursor

STATE_UNWRITABLE = (
    "Le fichier d'état n'a pas pu être écrit : arrêt ; les pages dites envoyées ci-dessous sont sur Movilab, "
    "les autres n'ont pas été envoyées (voir l'erreur à la fin)."
)
REQUIRED_RIGHTS = {
    "viewmywatchlist": "Afficher votre liste de suivi",
    "editmywatchlist": "Modifier votre liste de suivi",
}


@dataclass
class PushOptions:
    only: set[str] | None = None
    dry_run: bool = False
    delete: bool = False
    images: bool = False


@dataclass
class Run:
    """What a command did: its outcomes, notes for the user, and the requests it made."""

    outcomes: list[Outcome]
    notes: list[str]
    wiki: Wiki | None = None
    error: SyncError | None = None  # what stopped the run once outcomes were reached (said after them)

    @property
    def requests(self) -> int:
        return self.wiki.requests if self.wiki is not None else 0


def unavailable(outcome: Outcome) -> bool:
    """The wiki itself is down, overloaded, read-only or rate-limiting us: no point trying the next page."""
    code = str(outcome.details.get("api_code") or "")
    return code in ("maxlag", "connection", "http-429", "ratelimited", "readonly") or code.startswith("http-5")


def needs_wiki(obs: Observation, options: PushOptions) -> bool:
    """Whether pushing this page asks anything of the wiki (local refusals do not)."""
    kind = local_change(obs)
    if kind == "deleted":
        return options.delete
    if kind not in ("changed", "new", "retitled") or obs.dirty or obs.problem:
        return False
    return not (obs.local and marker_line(obs.local.text))


def push(ws: Workspace, options: PushOptions, early: EarlyLogin | None = None) -> Run:
    """`early`: the login started before the pages were read (early_login.py), used when pages are sent."""
    if not options.dry_run:
        ws.require_branch("push")
    found = observe_local(ws, options.only, deletions=options.delete)
    wiki: Wiki | None = None
    token, start, bot, snap = "", "", "", None
    if any(needs_wiki(o, options) for o in found):
        wiki = early.wiki if early is not None else Wiki(ws.settings.api)
        ws.warm_converter()  # built while the login's requests are out (after mwclient is loaded: see there)
        if not options.dry_run:
            ws.read_commits_ahead(_summaries_since(ws, found, options))
            if early is not None:
                early.result()  # raises what the login below would have raised
            else:
                credentials = load_credentials()
                ws.settings.login_api()  # refuses before the password leaves
                wiki.login(credentials.user, credentials.password)
            bot = wiki.user or ""
        else:
            bot = _bot_from_environment()
        found, snap = observe_wiki(
            ws, wiki, found, token=not options.dry_run, content=True, deletions=options.delete, bot=bot
        )
        if not options.dry_run:
            _check_rights(snap.rights)
        token, start = snap.token or "", snap.server_time
    elif early is not None:
        early.wait()  # logged in for nothing: its requests are counted all the same (Run below)
    executor = Executor(ws, wiki, token=token, start=start, images=options.images, dry_run=options.dry_run)
    # Taken at once when pages are sent (a converter that cannot be built stops the run here).
    converter = ws.converter if wiki is not None else ws.lazy_converter
    decide_options = Options(delete=options.delete, bot=bot)
    outcomes: list[Outcome] = []
    notes = list(ws.notes)
    progress = Progress(sum(1 for o in found if needs_wiki(o, options)), "Envoi")
    # Pages are sent in their order; each one's steps are decided ahead, in a thread, while the
    # wiki works on the previous edit (see Decisions). Without pages to send, nothing is converted.
    plans = Decisions(found, converter, decide_options, ahead=wiki is not None)
    executor.prepare(_summaries_since(ws, found, options) if wiki is not None and not options.dry_run else {})
    transport = getattr(wiki, "transport", None)
    if transport is not None:
        transport.on_sent = plans.sent
    try:
        for obs, steps in plans:
            if isinstance(steps, SyncError):
                outcomes.append(Outcome("failed", obs.title, obs.path, {"error": str(steps)}))
                continue
            done = executor.run(steps)
            outcomes += done
            if needs_wiki(obs, options):
                progress.step()
            if any(unavailable(o) for o in done):
                notes.append(
                    "Le wiki est indisponible : arrêt ; les pages restantes n'ont pas été envoyées, relancez plus tard."
                )
                break
            if ws.state_unwritable():
                notes.append(STATE_UNWRITABLE)
                break
    except BaseException:
        ws.flush_state(quiet=True)  # Ctrl-C: what was recorded reaches the state file before the command stops
        raise
    finally:
        plans.stop()  # the wiki stopped answering: the pages left are not converted for nothing
        if transport is not None:
            transport.on_sent = None
    if options.dry_run:
        return Run(outcomes, executor.notes + notes, wiki)
    failed = any(o.level == FAIL for o in outcomes)
    # The committed cursor is left to pull: main then changes it only through the reviewed
    # pull requests, which therefore never conflict with a push's state commit on that line.
    nothing_pending = (
        snap is not None
        and snap.complete
        and options.only is None
        and not failed
        and all(o.remote.moved_to == "" and not o.remote.deleted and not o.remote.edits for o in found)
    )
    if snap is not None and nothing_pending and not ws.state.cursor:
        ws.state.cursor = snap.server_time  # first sync: give recent changes a starting point
    message = "Movilab : état de synchronisation après envoi"
    if executor.credits:
        message += "\n\nRésolutions de conflit envoyées : le texte vient aussi de Movilab.\n\n" + "\n".join(
            f"Co-authored-by: {name} <{_email(ws, name)}>" for name in executor.credits
        )
    try:
        ws.commit_state(message, executor.settle(), parent=executor.head)
    except SyncError as exc:
        if not outcomes:
            raise
        # What reached the wiki is reported all the same, before the error (and its exit code).
        return Run(outcomes, notes + ws.kept_notes(), wiki, error=exc)
    if snap is not None and nothing_pending:
        remember_cursor(ws, snap.server_time)
    notes += ws.kept_notes()
    return Run(outcomes, notes, wiki if wiki is not None or early is None else early.wiki)


class Decisions:
    """`decide_push` for each observation, in order, as an iterable of (observation, steps or the
    SyncError that refused the page).

    With `ahead`, a thread decides them while the caller carries out the previous pages: the
    conversion of the next page to wikitext (1 to 4 ms a page, more for long pages) then runs
    while the wiki works on the edit just sent, instead of every page being converted before the
    first edit leaves. Deciding is pure (it reads the observation, made before any write, and
    the converter, which nothing else uses meanwhile), so the steps are the ones the caller would
    have decided itself, and the pages are still carried out one at a time, in the same order.
    An exception other than SyncError (a defect) is raised by the iteration at the page that
    raised it; the pages before it are carried out and recorded first, as any later failure
    leaves them (a rerun goes on from there).

    The thread stays one page to send ahead of the caller (pages answered locally, such as the
    unchanged ones, are decided as they come): running free, it converted every page during the
    first edit, and on a machine of two cores that CPU slowed the wiki's answer to that edit
    (0.119 s at the wiki against 0.035-0.045 for the next ones, 10 pages); one page ahead, each
    edit in flight has one conversion beside it, and the caller still never waits for one.
    That conversion starts once the caller's request has left (`sent`, called by the wiki's
    transport) or the caller is back for the next page, whichever comes first: started as soon
    as the caller took its page, it shared the interpreter with the building of that request,
    which then took about twice as long (3 to 4 ms an edit instead of 2).
    """

    def __init__(self, found: list[Observation], converter: Converter, options: Options, *, ahead: bool) -> None:
        self._found = found
        self._converter = converter
        self._options = options
        self._plans: list[list[Step] | SyncError] = []
        self._unsent = 0  # plans that send something, decided and not yet taken by the caller
        self._building = False  # the caller took a plan that sends and its request has not left yet
        self._error: BaseException | None = None
        self._stopped = False
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None
        if ahead and found:
            FastSwitching.take()  # the main thread, woken by the wiki's answer, gets the interpreter at once
            self._thread = threading.Thread(target=self._run, name="décisions", daemon=True)
            self._thread.start()

    def _decide(self, obs: Observation) -> list[Step] | SyncError:
        try:
            return decide_push(obs, self._converter, self._options)
        except SyncError as exc:
            return exc

    def _run(self) -> None:
        try:
            for obs in self._found:
                with self._ready:
                    while (self._unsent or self._building) and not self._stopped:
                        self._ready.wait()
                if self._stopped:
                    return
                plan = self._decide(obs)
                with self._ready:
                    self._plans.append(plan)
                    self._unsent += _sends(plan)
                    self._ready.notify_all()
        except BaseException as exc:  # handed to the main thread, raised where that page comes
            with self._ready:
                self._error = exc
                self._ready.notify_all()
        finally:
            FastSwitching.give_back()

    def __iter__(self) -> Iterator[tuple[Observation, list[Step] | SyncError]]:
        for index, obs in enumerate(self._found):
            if self._thread is None:
                yield obs, self._decide(obs)
                continue
            with self._ready:
                self._building = False  # the previous page is done: its request, if any, has left
                self._ready.notify_all()
                while len(self._plans) <= index and self._error is None:
                    self._ready.wait()
                if len(self._plans) <= index:
                    assert self._error is not None  # noqa: S101 - the loop above ends on a plan or an error
                    raise self._error
                plan = self._plans[index]
                self._unsent -= _sends(plan)
                self._building = bool(_sends(plan))
                self._ready.notify_all()
            yield obs, plan

    def sent(self) -> None:
        """The caller's request has left and it waits for the wiki: the next page can be decided."""
        with self._ready:
            if self._building:
                self._building = False
                self._ready.notify_all()

    def stop(self) -> None:
        """No more pages are needed: the thread stops at the next page (it writes nothing)."""
        with self._ready:
            self._stopped = True
            self._ready.notify_all()


def _sends(plan: list[Step] | SyncError) -> int:
    """1 when the plan asks something of the wiki (the caller then waits for its answer), else 0."""
    if isinstance(plan, SyncError):
        return 0
    return int(any(getattr(step, "kind", "") not in LOCAL_STEPS for step in plan))


def _summaries_since(ws: Workspace, found: list[Observation], options: PushOptions) -> dict[str, str | None]:
    """What Executor.prepare will ask for the edit summaries when every page to send is sent:
    each page's path and the commit it was synced from."""
    since: dict[str, str | None] = {}
    for obs in found:
        if obs.path and needs_wiki(obs, options) and local_change(obs) != "deleted":
            entry = ws.state.entries.get(obs.title)
            since[ws.repo_path(obs.path)] = (entry.commit if entry else "") or None
    return since


def _email(ws: Workspace, name: str) -> str:
    from sync.act import author_email

    return author_email(ws, name)


def _check_rights(rights: frozenset[str]) -> None:
    missing = [label for right, label in REQUIRED_RIGHTS.items() if right not in rights]
    if missing:
        raise ConfigError(
            "le mot de passe de robot n'a pas les droits « "
            + " » et « ".join(missing)
            + " » : la synchronisation tient dans la liste de suivi du robot les pages qu'elle a créées ou "
            "adoptées (c'est ce qui l'empêche d'écrire sur une autre page). Ajoutez ces droits au mot de passe "
            "sur Spécial:BotPasswords, puis relancez. Rien n'a été modifié."
        )


def _bot_from_environment() -> str:
    import os

    return os.environ.get("MOVILAB_USER", "").split("@", 1)[0]
