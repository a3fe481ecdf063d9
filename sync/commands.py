# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Sub-commands status, diff, push, pull and import: parse, call the library, print.

Exit codes: 0 everything in sync (or done), 1 a page conflicted, failed or (for
status) still differs, 2 a usage or configuration error (raised as ConfigError).
"""

from __future__ import annotations

import argparse
import difflib
import os
from pathlib import Path

from sync.plan import Context, describe, local_status, locked, remote_status, select
from sync.pull import PullOptions, pull
from sync.push import PushOptions, push
from sync.report import FAIL, WARN, Report


def _root() -> Path:
    return Path(os.environ.get("MOVILAB_SYNC_ROOT", ".")).resolve()


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    exit_note = "code de sortie 1 dès qu'une page diffère (comme git diff --exit-code), 0 si tout est à jour"
    status = subparsers.add_parser(
        "status",
        help="pages modifiées dans git, sur Movilab ou des deux côtés ; " + exit_note,
        description="Pages modifiées dans git, sur Movilab ou des deux côtés. "
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

    imp = subparsers.add_parser("import", help="importe une page Movilab existante dans docs/")
    imp.add_argument("title", metavar="TITRE")
    imp.add_argument("--to", metavar="CHEMIN", help="fichier à créer dans docs/ (par défaut : titre en minuscules)")
    imp.set_defaults(func=run_import)


def _finish(ctx: Context, report: Report, empty: str) -> int:
    report.table(empty)
    report.note(f"({ctx.wiki.requests if ctx._wiki else 0} requête(s) vers {ctx.config.movilab_api})")
    return 1 if report.failed else 0


def run_status(args: argparse.Namespace) -> int:
    ctx = Context.open(_root())
    report = Report()
    statuses = local_status(ctx, select(ctx, args.paths))
    remote_status(ctx, statuses)
    for status in statuses:
        if not status.in_sync:
            level = FAIL if status.local == "changed" and status.remote == "changed" else WARN
            report.add(status.title, status.path, describe(status), level if status.remote != "same" else WARN)
    code = _finish(ctx, report, f"Tout est à jour ({len(statuses)} page(s) miroir).")
    return 1 if report.rows else code


def run_diff(args: argparse.Namespace) -> int:
    ctx = Context.open(_root())
    report = Report()
    statuses = local_status(ctx, select(ctx, args.paths))
    snap = remote_status(
        ctx, statuses, revids=[s.entry.revid for s in statuses if s.entry and s.local == "changed"], content=True
    )
    for status in statuses:
        if status.local in ("changed", "new") and status.page:
            base = snap.revisions.get(status.entry.revid) if status.entry else None
            new = ctx.converter.to_wiki(status.page.text, path=status.page.path, base=base.text if base else None)
            # Compare with what the wiki holds now, not with the last synced text.
            current = status.latest if status.latest and not status.latest.missing else base
            old = current.text if current else ""
            label = f"Movilab : {status.title}" + (f" (rév. {current.revid}, texte actuel)" if current else "")
            report.note(
                "".join(
                    difflib.unified_diff(
                        old.splitlines(True),
                        new.splitlines(True),
                        label,
                        f"docs/{status.path} → wikitexte",
                    )
                )
            )
        if status.remote in ("changed", "exists") and status.page and status.latest:
            theirs = ctx.converter.to_markdown(status.latest.text, title=status.title, local=status.page.text)
            report.note(
                "".join(
                    difflib.unified_diff(
                        status.page.text.splitlines(True),
                        theirs.splitlines(True),
                        f"docs/{status.path}",
                        f"Movilab : {status.title} → Markdown",
                    )
                )
            )
        if not status.in_sync:
            report.add(status.title, status.path, describe(status), WARN)
    code = _finish(ctx, report, "Aucune différence.")
    return 1 if report.rows else code


def run_push(args: argparse.Namespace) -> int:
    report = Report()
    with locked(_root()):
        ctx = Context.open(_root())
        push(
            ctx,
            report,
            PushOptions(only=select(ctx, args.paths), dry_run=args.dry_run, delete=args.delete, images=args.images),
        )
    return _finish(ctx, report, "Rien à envoyer : Movilab a déjà la dernière version de chaque page.")


def run_pull(args: argparse.Namespace) -> int:
    report = Report()
    with locked(_root()):
        ctx = Context.open(_root())
        pull(ctx, report, PullOptions(only=select(ctx, args.paths), dry_run=args.dry_run, images=args.images))
    return _finish(ctx, report, "Rien à récupérer : aucune page miroir n'a changé sur Movilab.")


def run_import(args: argparse.Namespace) -> int:
    from sync.importer import import_page

    report = Report()
    with locked(_root()):
        ctx = Context.open(_root())
        import_page(ctx, report, args.title, args.to)
    return _finish(ctx, report, "") if report.rows else 0
