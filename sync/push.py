# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Send the pages whose Markdown changed since the last sync, never overwriting a wiki edit.

Order of work per page, chosen so that a `kill -9` anywhere can be re-run:
edit the wiki, then write the state file atomically. If the process dies
between the two, the re-run finds the wiki already holding exactly the text it
would send (our own revision, or MediaWiki's "nochange"), records it and moves
on: no duplicate edit. If it dies before the edit, the page is simply sent on
the re-run: no lost edit.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from sync import history
from sync.credentials import load_credentials
from sync.errors import EditConflict, SyncError
from sync.merge import merge3
from sync.plan import Context, PageStatus, local_status, remote_status, unavailable
from sync.pull import CONFLICT_HELP, author_email, commit_message, conflict_copy, mark_conflict, resolved_conflict
from sync.report import FAIL, OK, WARN, Progress, Report
from sync.safety import safe_doc_path
from sync.state import STATE_FILE, PageState, atomic_write, sha256
from sync.wiki import RemotePage

SUMMARY_LIMIT = 480


@dataclass
class PushOptions:
    only: set[str] | None = None
    dry_run: bool = False
    delete: bool = False
    images: bool = False


def edit_summary(ctx: Context, status: PageStatus, commits: list[history.Commit] | None = None) -> str:
    """Name the commits and their authors, and the licence, as the CC BY-SA attribution asks.

    `commits` are the page's commits when they were read for all pages at once
    (see `_page_commits`); otherwise they are read here.
    """
    if commits is None:
        since = status.entry.commit if status.entry else None
        commits = history.commits_since(ctx.root, ctx.repo_path(status.path or ""), since or None)
    parts = [f"{c.sha[:8]} ({c.author})" for c in commits[:12]]
    if len(commits) > 12:
        parts.append(f"et {len(commits) - 12} autres")
    origin = ctx.config.repo_url or ctx.config.site_name or "le dépôt git du réseau"
    text = f"Synchronisé depuis {origin}"
    if parts:
        text += " — commits " + ", ".join(parts)
    text += f" — licence {ctx.config.licence_name}"
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "…"


def push(ctx: Context, report: Report, options: PushOptions) -> None:
    statuses = local_status(ctx, options.only)
    for status in statuses:
        if status.entry and status.path and status.entry.path != status.path and status.local != "deleted":
            status.entry.path = status.path  # a renamed file keeps its wiki page
    todo = [
        s for s in statuses if s.local in ("changed", "new", "retitled") or (s.local == "deleted" and options.delete)
    ]
    renamed = [s for s in statuses if s.local == "renamed"]
    for status in renamed:
        report.add(status.title, status.path, "fichier renommé : la page wiki est gardée")
    for status in statuses:
        if status.local == "deleted" and not options.delete:
            report.add(
                status.title,
                status.path,
                "fichier supprimé : la page wiki est gardée (--delete pour la supprimer)",
                WARN,
            )
    if not todo:
        if renamed and not options.dry_run:
            ctx.state.save()
            history.commit_paths(ctx.root, [STATE_FILE], "Movilab : chemins mis à jour après renommage")
        return
    dirty = history.dirty(ctx.root, [ctx.repo_path(s.path) for s in todo if s.path and s.page])
    for status in list(todo):
        if status.path and ctx.repo_path(status.path) in dirty:
            report.add(status.title, status.path, "modifications non commitées : commitez-les puis relancez", FAIL)
            todo.remove(status)
    if not todo:
        return
    wiki = ctx.wiki
    token = None
    if not options.dry_run:
        credentials = load_credentials()
        wiki.login(credentials.user, credentials.password)
        token = True
    base_ids = [s.entry.revid for s in todo if s.entry]
    snap = remote_status(ctx, statuses, token=bool(token), revids=base_ids, content=True)
    progress = Progress(len(todo), "Envoi")
    log = {} if options.dry_run else _page_commits(ctx, todo)
    for status in todo:
        try:
            if options.dry_run:
                _preview(ctx, report, status, snap.revisions)
            else:
                _push_one(ctx, report, status, snap.revisions, snap.token or "", snap.server_time, options.images, log)
        except SyncError as exc:
            report.add(status.title, status.path, f"échec : {exc}", FAIL)
            if unavailable(exc):
                report.note(
                    "Le wiki est indisponible : arrêt ; les pages restantes n'ont pas été envoyées, relancez plus tard."
                )
                break
        progress.step()
    if options.dry_run:
        return
    # The committed cursor is left to pull: main then changes it only through the reviewed
    # pull requests, which therefore never conflict with a push's state commit on that line.
    handled = {s.title for s in todo}
    pending = [s for s in statuses if s.remote not in ("same", "absent") and s.title not in handled]
    nothing_pending = snap.complete and not pending and not report.failed and options.only is None
    if nothing_pending and not ctx.state.cursor:
        ctx.state.cursor = snap.server_time  # first sync: give recent changes a starting point
    ctx.state.save()
    if nothing_pending:
        ctx.remember_cursor(snap.server_time)
    history.commit_paths(ctx.root, [STATE_FILE], "Movilab : état de synchronisation après envoi")


def _page_commits(ctx: Context, todo: list[PageStatus]) -> dict[str, list[history.Commit]]:
    """Each page's commits since it was last synced, for the edit summaries: a few git processes in all."""
    since = {
        ctx.repo_path(s.path): (s.entry.commit if s.entry else None) or None
        for s in todo
        if s.path and s.local != "deleted"
    }
    return history.commits_since_each(ctx.root, since)


def _base(status: PageStatus, revisions: dict[int, RemotePage]) -> RemotePage | None:
    if status.entry is None:
        return None
    return revisions.get(status.entry.revid) or RemotePage(
        status.entry.title, status.entry.revid, status.entry.timestamp
    )


def _preview(ctx: Context, report: Report, status: PageStatus, revisions: dict[int, RemotePage]) -> None:
    if status.local == "deleted":
        report.add(status.title, status.path, "serait supprimée de Movilab (--delete)", WARN)
        return
    page, _ = status.local_page()
    base = _base(status, revisions)
    new = ctx.converter.to_wiki(page.text, path=page.path, base=base.text if base else None)
    old = base.text if base else ""
    diff = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        f"Movilab : {status.title} (rév. {base.revid if base else 'nouvelle'})",
        f"après envoi : docs/{status.path}",
    )
    report.note("".join(diff) or f"(aucune différence de wikitexte pour {status.title})")
    note = "serait envoyée" + (" après fusion avec Movilab" if status.remote == "changed" else "")
    report.add(status.title, status.path, note + " (--dry-run : rien n'est modifié)", OK)


def _record(ctx: Context, status: PageStatus, text: str, wikitext: str, revid: int, timestamp: str) -> None:
    _, path = status.local_page()
    ctx.state.entries[status.title] = PageState(
        path=path,
        title=status.title,
        revid=revid,
        timestamp=timestamp,
        local_sha256=sha256(text),
        # Only committed texts are pushed (dirty files are refused), so the blob exists.
        wiki_sha256=sha256(wikitext),
        base_blob=history.blob_id(text),
        commit=ctx.head,
    )
    ctx.state.save()


def _push_one(
    ctx: Context,
    report: Report,
    status: PageStatus,
    revisions: dict[int, RemotePage],
    token: str,
    start: str,
    images: bool = False,
    log: dict[str, list[history.Commit]] | None = None,
) -> None:
    wiki, conv = ctx.wiki, ctx.converter
    if status.local == "deleted":
        _delete(ctx, report, status, token)
        return
    page, path = status.local_page()
    if status.remote in ("moved", "deleted"):
        report.add(
            status.title,
            path,
            "renommée ou supprimée sur Movilab : rien n'a été envoyé, "
            "vérifiez sur le wiki puis mettez à jour « movilab: »",
            FAIL,
        )
        return
    text = page.text
    base = _base(status, revisions)
    if status.local == "retitled":
        base = _retitle(ctx, report, status, token)
        if base is None:
            return
    wikitext = conv.to_wiki(text, path=path, base=base.text if base and base.text else None)
    edit_base = base
    note = "envoyée"
    if status.remote == "exists" and status.latest is not None:
        if status.latest.text == wikitext:  # already there: adopt it (first sync, or an interrupted run)
            _record(ctx, status, text, wikitext, status.latest.revid, status.latest.timestamp)
            report.add(status.title, path, f"déjà sur Movilab à l'identique (rév. {status.latest.revid}) : adoptée")
            return
        report.add(
            status.title,
            path,
            "la page existe déjà sur Movilab avec un autre texte : rien n'a été "
            f'envoyé ; lancez pull (fusion) ou python -m sync import "{status.title}" --to …',
            FAIL,
        )
        return
    resolution = False
    if status.remote == "changed":
        latest = status.latest or wiki.pages([status.title])[status.title]
        if latest.text == wikitext:  # our own edit from an interrupted run, or the same change
            _record(ctx, status, text, wikitext, latest.revid, latest.timestamp)
            report.add(status.title, path, f"déjà à jour sur Movilab (rév. {latest.revid})")
            return
    if status.remote == "changed" and resolved_conflict(status, latest, text):
        # The user saw the conflict against `latest` and committed a resolution since:
        # the commit is the merge result. Send it based on `latest`, so that a wiki edit
        # newer than the one the user saw still conflicts.
        wikitext = conv.to_wiki(text, path=path, base=latest.text)
        edit_base = latest
        note = "résolution du conflit envoyée"
        resolution = True
    elif status.remote == "changed":
        base_md = history.read_blob(ctx.root, status.entry.base_blob) if status.entry else None
        if base_md is None and base is not None:
            base_md = conv.to_markdown(base.text, title=status.title, local=text)
        theirs = conv.to_markdown(latest.text, title=status.title, local=text)
        merged = merge3(base_md or "", text, theirs, label=f"docs/{path}")
        if merged.conflicts:
            where = conflict_copy(ctx, status, merged.text)
            mark_conflict(ctx, status, latest, text)
            report.add(
                status.title,
                path,
                f"CONFLIT : rien n'a été envoyé ; les deux versions sont dans {where} ; "
                + CONFLICT_HELP.format(where=where, path=path),
                FAIL,
            )
            return
        text = merged.text
        # The merge brings in wiki edits: commit them, credited to their wiki authors, then send.
        atomic_write(safe_doc_path(ctx.config.docs_dir, path, title=status.title), text)
        merge = commit_message(ctx, status, latest, {ctx.repo_path(path): text}, merged=True)
        ctx._head = history.commit_pages(ctx.root, [merge]) or ctx.head  # this page is synced from the merge
        log = None  # the merge commit is new: read this page's commits again
        wikitext = conv.to_wiki(text, path=path, base=latest.text)
        edit_base = latest
        note = "fusionnée avec Movilab puis envoyée"
    elif base is not None and base.text and wikitext == base.text:
        _record(ctx, status, text, wikitext, base.revid, base.timestamp)
        report.add(status.title, path, "aucun changement visible sur le wiki (état mis à jour)")
        return
    if images:
        from sync.images import upload_images

        upload_images(ctx, status.title, path, text, token)
    try:
        result = wiki.edit(
            status.title,
            wikitext,
            summary=edit_summary(ctx, status, (log or {}).get(ctx.repo_path(path))),
            token=token,
            base=edit_base,
            starttimestamp=start,
        )
    except EditConflict as exc:
        if exc.api_code == "articleexists":
            existing = wiki.pages([status.title]).get(status.title)
            if existing and not existing.missing and existing.text == wikitext:  # created by an interrupted run
                _record(ctx, status, text, wikitext, existing.revid, existing.timestamp)
                report.add(status.title, path, f"déjà créée sur Movilab (rév. {existing.revid})")
                return
            report.add(
                status.title,
                path,
                "la page existe déjà sur Movilab : importez-la d'abord "
                f'(python -m sync import "{status.title}" --to …) ou changez « movilab: »',
                FAIL,
            )
            return
        report.add(
            status.title,
            path,
            "CONFLIT : la page a changé sur Movilab pendant l'envoi, rien n'a été écrasé ; relancez pull puis push",
            FAIL,
        )
        return
    if result.get("nochange") is not None:
        latest = wiki.pages([status.title], content=False)[status.title]
        _record(ctx, status, text, wikitext, latest.revid, latest.timestamp)
        report.add(status.title, path, f"déjà à jour sur Movilab (rév. {latest.revid})")
        return
    new_revid, old_revid = int(result["newrevid"]), int(result.get("oldrevid") or 0)
    if edit_base is not None and old_revid and old_revid != edit_base.revid:
        # MediaWiki merged our edit with one made meanwhile: keep the old revision as synced
        # so that the next pull brings the merged text back into git.
        _record(ctx, status, text, wikitext, edit_base.revid, edit_base.timestamp)
        report.add(
            status.title,
            path,
            f"envoyée (rév. {new_revid}), fusionnée par le wiki avec une modification simultanée : lancez pull",
            WARN,
        )
        return
    _record(ctx, status, text, wikitext, new_revid, str(result.get("newtimestamp", "")))
    report.add(status.title, path, f"{note} (rév. {new_revid})")
    if resolution:
        _credit_resolution(ctx, status, latest)


def _credit_resolution(ctx: Context, status: PageStatus, latest: RemotePage) -> None:
    """The resolution contains wiki edits never committed as such: credit their authors (CC BY-SA)."""
    names = [c.user for c in sorted(status.editors, key=lambda c: c.revid) if c.user and c.kind != "log"]
    names = list(dict.fromkeys([*names, latest.user] if latest.user else names))
    trailers = [f"Movilab-Revision: {latest.revid}"]
    trailers += [f"Co-authored-by: {name} <{author_email(ctx, name)}>" for name in names]
    message = (
        f"Movilab : résolution de conflit envoyée pour « {status.title} »\n\n"
        f"Fusionne les modifications de {ctx.page_url(status.title)} (licence {ctx.config.licence_name})\n\n"
        + "\n".join(trailers)
        + "\n"
    )
    history.commit_paths(ctx.root, [STATE_FILE], message)


def _retitle(ctx: Context, report: Report, status: PageStatus, token: str) -> RemotePage | None:
    """The file's `movilab:` title changed: move the wiki page (history kept), return its new revision."""
    old = status.entry.title if status.entry else ""
    done = status.remote == "moved" and status.moved_to == status.title  # by an interrupted run
    if status.remote != "same" and not done:
        report.add(
            status.title,
            status.path,
            f"titre changé, mais l'ancienne page « {old} » a changé sur Movilab : "
            "rien n'a été renommé ; remettez l'ancien titre, lancez pull, puis changez-le",
            FAIL,
        )
        return None
    if not done:
        ctx.wiki.move(
            old, status.title, token=token, reason=f"Titre changé dans {ctx.config.repo_url or 'le dépôt du réseau'}"
        )
    latest = ctx.wiki.pages([status.title]).get(status.title)
    if latest is None or latest.missing:
        raise SyncError("la page renommée est introuvable sur le wiki.", title=status.title)
    ctx.state.entries.pop(old, None)
    status.remote = "same"
    return latest


def _delete(ctx: Context, report: Report, status: PageStatus, token: str) -> None:
    if status.remote != "same":
        report.add(
            status.title, status.path, "supprimée dans git mais modifiée sur Movilab : rien n'a été supprimé", FAIL
        )
        return
    ctx.wiki.delete(status.title, reason=f"Supprimée du dépôt {ctx.config.repo_url or ''}".strip(), token=token)
    ctx.state.entries.pop(status.title, None)
    ctx.state.save()
    report.add(status.title, status.path, "supprimée de Movilab (--delete)", WARN)
