# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Sub-commands status, diff, push, pull, import and resolve: parse, call the library, print.

Exit codes: 0 everything in sync (or done), 1 a page conflicted, failed or (for
status and diff) still differs, 2 a usage or configuration error (raised as
ConfigError and mapped in cli.py).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sync.observe import Observation
    from sync.push import Run
    from sync.report import Report
    from sync.workspace import Start, Workspace

# Each command imports what it runs when it runs: building the parser loads none of the sync's
# machinery, so that a push can start logging in before it is loaded (see sync/early_login.py).


def _root() -> Path:
    return Path(os.environ.get("MOVILAB_SYNC_ROOT", ".")).resolve()


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    exit_note = "code de sortie 1 dès qu'une page diffère (comme git diff --exit-code), 0 si tout est à jour"
    status = subparsers.add_parser(
        "status",
        help="pages modifiées dans git, sur Movilab ou des deux côtés ; " + exit_note,
        description="Pages modifiées dans git, sur Movilab ou des deux côtés, et conflits en cours. "
        + exit_note[0].upper()
        + exit_note[1:]
        + ".",
    )
    status.add_argument("paths", nargs="*", metavar="CHEMIN")
    status.set_defaults(func=run_status)

    diff = subparsers.add_parser(
        "diff",
        help="ce que push enverrait et ce que pull écrirait ; " + exit_note,
        description="Compare le texte actuel de Movilab et ce que push enverrait, puis le fichier et ce que pull "
        "écrirait. " + exit_note[0].upper() + exit_note[1:] + ".",
    )
    diff.add_argument("paths", nargs="*", metavar="CHEMIN")
    diff.set_defaults(func=run_diff)

    push_ = subparsers.add_parser("push", help="envoie sur Movilab les pages modifiées dans git")
    push_.add_argument("paths", nargs="*", metavar="CHEMIN")
    push_.add_argument("--dry-run", action="store_true", help="affiche le wikitexte qui serait envoyé, ne modifie rien")
    push_.add_argument(
        "--delete", action="store_true", help="supprime de Movilab les pages dont le fichier a été supprimé"
    )
    push_.add_argument(
        "--images",
        action="store_true",
        help="envoie aussi les images des pages (avec leur licence dans la description)",
    )
    push_.set_defaults(func=run_push)

    pull_ = subparsers.add_parser("pull", help="récupère les modifications faites sur Movilab (un commit par page)")
    pull_.add_argument("paths", nargs="*", metavar="CHEMIN")
    pull_.add_argument("--dry-run", action="store_true", help="affiche ce qui serait récupéré, n'écrit rien")
    pull_.add_argument(
        "--images",
        action="store_true",
        help="télécharge aussi les images des pages dans un dossier images/ à côté d'elles",
    )
    pull_.set_defaults(func=run_pull)

    imp = subparsers.add_parser(
        "import",
        help="adopte une page Movilab existante : la copie dans docs/ et la synchronise désormais",
    )
    imp.add_argument("title", metavar="TITRE")
    imp.add_argument("--to", metavar="CHEMIN", help="fichier à créer dans docs/ (par défaut : titre en minuscules)")
    imp.set_defaults(func=run_import)

    res = subparsers.add_parser(
        "resolve",
        help="termine un conflit : commite votre texte réuni, que push enverra",
        description="Termine le conflit d'une page : prend le texte que vous avez réuni (dans conflits-movilab/CHEMIN "
        "ou dans docs/CHEMIN), refuse s'il reste des marqueurs de conflit, l'écrit dans docs/CHEMIN, supprime le "
        "fichier de conflit et commite. push envoie ensuite la résolution.",
    )
    res.add_argument("path", metavar="CHEMIN")
    res.add_argument(
        "--garder",
        choices=("git", "wiki"),
        help="sans rien réunir à la main : garde la version git (ou Movilab) de chaque passage en conflit",
    )
    res.set_defaults(func=run_resolve)


def _finish(report: Report, run: Run, api: str, empty: str) -> int:
    for note in run.notes:
        report.note(note)
    for outcome in run.outcomes:
        report.outcome(outcome)
    report.table(empty)
    report.note(f"({run.requests} requête(s) vers {api})")
    if run.error is not None:  # after what the run did (pages sent), what stopped it, with its own exit code
        print(f"erreur : {run.error}", file=report.err)
        return run.error.exit_code
    return 1 if report.failed else 0


def _differs(obs: Observation) -> tuple[str, str, bool] | None:
    from sync.decide import local_change, remote_change

    local, remote = local_change(obs), remote_change(obs)
    conflict = bool(obs.entry and obs.entry.conflict)
    if local in ("same", "outside") and remote in ("same", "absent") and not conflict and obs.problem is None:
        return None
    return local, remote, conflict


def _status_rows(ws: Workspace, found: list[Observation], report: Report) -> None:
    from sync.report import FAIL, WARN, describe

    for obs in found:
        differs = _differs(obs)
        if differs is None:
            continue
        local, remote, conflict = differs
        if obs.problem is not None:
            report.add(obs.title, obs.path, str(obs.problem), FAIL)
            continue
        words = describe(
            local,
            remote,
            "conflit" if conflict else "",
            path=obs.path or "?",
            old_path=obs.entry.path if obs.entry else "?",
            old_title=obs.entry.title if obs.entry else "?",
            moved_to=obs.remote.moved_to,
        )
        level = FAIL if conflict or (local == "changed" and remote == "changed") else WARN
        report.add(obs.title, obs.path, words, level)


def run_status(args: argparse.Namespace) -> int:
    from sync.observe import observe_local, observe_wiki, select
    from sync.push import Run
    from sync.report import Report
    from sync.wiki import Wiki
    from sync.workspace import Workspace

    ws = Workspace.open(_root())
    report = Report()
    found = observe_local(ws, select(ws, args.paths))
    wiki = Wiki(ws.settings.api)
    found, _ = observe_wiki(ws, wiki, found)
    _status_rows(ws, found, report)
    _finish(report, Run([], ws.notes, wiki), ws.settings.api, f"Tout est à jour ({len(found)} page(s) miroir).")
    return 1 if report.rows else 0


def run_diff(args: argparse.Namespace) -> int:
    import difflib

    from sync.decide import local_change, remote_change
    from sync.observe import observe_local, observe_wiki, select
    from sync.push import Run
    from sync.report import Report
    from sync.wiki import Wiki
    from sync.workspace import Workspace

    ws = Workspace.open(_root())
    report = Report()
    found = observe_local(ws, select(ws, args.paths))
    wiki = Wiki(ws.settings.api)
    found, _ = observe_wiki(ws, wiki, found, content=True)
    conv = ws.converter
    for obs in found:
        local, remote = local_change(obs), remote_change(obs)
        if local in ("changed", "new", "retitled") and obs.local and obs.path:
            base = obs.remote.base
            new = conv.to_wiki(obs.local.text, path=obs.path, base=base.text if base else None)
            # Compare with what the wiki holds now, not with the last synced text.
            latest = obs.remote.latest if obs.remote.latest and not obs.remote.latest.missing else None
            current = latest or base
            label = f"Movilab : {obs.title}" + (f" (rév. {current.revid}, texte actuel)" if current else "")
            old = current.text if current else ""
            report.note(
                "".join(
                    difflib.unified_diff(
                        old.splitlines(True), new.splitlines(True), label, f"docs/{obs.path} → wikitexte"
                    )
                )
            )
        latest = obs.remote.latest
        if remote in ("changed", "exists", "moved") and obs.local and latest and not latest.missing:
            theirs = conv.to_markdown(latest.text, title=obs.title, local=obs.local.text)
            report.note(
                "".join(
                    difflib.unified_diff(
                        obs.local.text.splitlines(True),
                        theirs.splitlines(True),
                        f"docs/{obs.path}",
                        f"Movilab : {obs.title} → Markdown",
                    )
                )
            )
    _status_rows(ws, found, report)
    _finish(report, Run([], ws.notes, wiki), ws.settings.api, "Aucune différence.")
    return 1 if report.rows else 0


def _open_locked(root: Path, start: Start | None = None) -> Workspace:
    from sync.workspace import Workspace

    ws = Workspace.open(root, start)
    ws.recover()
    return ws


def run_push(args: argparse.Namespace) -> int:
    from sync import early_login
    from sync.workspace import begin, locked

    root = _root()
    with locked(root):  # a second sync is refused before anything starts
        # git status starts first, then the login, in a thread, when the pages likely changed (see
        # early_login.py): the rest of the sync is loaded and the pages are read while git and the
        # wiki work. The login's check of git reads the workspace's own status.
        start = begin(root)
        early = None
        try:
            if not (args.dry_run or args.paths or start is None):
                early = early_login.start(root, start)
            from sync.observe import select
            from sync.push import PushOptions, push
            from sync.report import Report

            report = Report()
            ws = _open_locked(root, start)
            options = PushOptions(
                only=select(ws, args.paths), dry_run=args.dry_run, delete=args.delete, images=args.images
            )
            run = push(ws, options, early)
        except BaseException:
            # A refusal or Ctrl-C stops at once, without waiting for the wiki (which may not answer):
            # the login thread is a daemon and ends with the process.
            if early is not None:
                early.cancel()
            early = None
            if start is not None:
                start.status.cancel()  # no git left running (its answer, if read already, is kept)
            raise
        finally:
            if early is not None:
                early.wait()  # no thread left talking to the wiki once the command is done
    return _finish(report, run, ws.settings.api, "Rien à envoyer : Movilab a déjà la dernière version de chaque page.")


def run_pull(args: argparse.Namespace) -> int:
    from sync.observe import select
    from sync.pull import PullOptions, pull
    from sync.report import Report
    from sync.workspace import locked

    report = Report()
    with locked(_root()):
        ws = _open_locked(_root())
        run = pull(ws, PullOptions(only=select(ws, args.paths), dry_run=args.dry_run, images=args.images))
    return _finish(report, run, ws.settings.api, "Rien à récupérer : aucune page miroir n'a changé sur Movilab.")


def run_import(args: argparse.Namespace) -> int:
    from sync.importer import import_page
    from sync.push import Run
    from sync.report import Report
    from sync.workspace import locked

    report = Report()
    with locked(_root()):
        ws = _open_locked(_root())
        outcome, wiki = import_page(ws, report, args.title, args.to)
    return _finish(report, Run([outcome], ws.notes, wiki), ws.settings.api, "")


def run_resolve(args: argparse.Namespace) -> int:
    from sync.conflicts import resolve
    from sync.errors import SyncError
    from sync.report import Report
    from sync.workspace import locked

    report = Report()
    with locked(_root()):
        ws = _open_locked(_root())
        try:
            outcome = resolve(ws, args.path, args.garder)
        except SyncError:
            # What the run finished first (a resolution stopped after its commit, a file kept as saved)
            # is said before the refusal, which it explains.
            for note in ws.notes:
                report.note(note)
            raise
    for note in ws.notes:
        report.note(note)
    report.outcome(outcome)
    report.table("")
    return 1 if report.failed else 0
