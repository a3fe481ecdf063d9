# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Bring Movilab edits back into git, one commit per page, credited to the wiki editors.

Only pages whose revision changed are fetched (50 titles per request). A file
with uncommitted local changes is never touched. When both sides changed, the
Markdown is merged three ways with the last synced version as base; a conflict
leaves the file alone and writes the merge, markers and all, under
`conflits-movilab/`.

Files are written first, then all commits are created at once, then the state
file is written: if the run dies before the commits, the re-run sees files that
already equal the wiki's text and simply commits them; nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from sync import history
from sync.errors import SyncError
from sync.merge import merge3
from sync.mirror import LocalPage
from sync.plan import Context, PageStatus, local_status, remote_status, unavailable
from sync.report import FAIL, OK, WARN, Progress, Report
from sync.safety import check_title, safe_doc_path
from sync.state import STATE_FILE, PageState, atomic_write, sha256
from sync.wiki import RemotePage

CONFLICT_DIR = "conflits-movilab"
_MOVILAB_LINE = re.compile(r"(?m)^movilab:.*$")


@dataclass
class PullOptions:
    only: set[str] | None = None
    dry_run: bool = False
    images: bool = False


def author_email(ctx: Context, user: str) -> str:
    """`Name@wiki-host`: says where the person edits without inventing an e-mail address."""
    return f"{user.replace(' ', '_')}@{ctx.wiki_host}"


def commit_message(
    ctx: Context, status: PageStatus, latest: RemotePage, files: dict[str, str | bytes], *, merged: bool = False
) -> history.PageCommit:
    editors = [c for c in status.editors if c.revid and c.kind != "log"] or []
    revids = sorted({c.revid for c in editors} | {latest.revid})
    authors = [c.user for c in sorted(editors, key=lambda c: c.revid) if c.user] or [latest.user]
    main = latest.user or authors[-1] or "Movilab"
    others = list(dict.fromkeys(a for a in authors if a and a != main))
    verb = "fusion des modifications de" if merged else "modifications de"
    lines = [
        f"Movilab : {verb} « {status.title} »",
        "",
        f"Récupéré de {ctx.page_url(status.title)}",
        "Révisions : " + ", ".join(str(r) for r in revids),
        f"Licence : {ctx.config.licence_name}",
    ]
    trailers = [f"Movilab-Revision: {latest.revid}"]
    trailers += [f"Co-authored-by: {name} <{author_email(ctx, name)}>" for name in others]
    message = "\n".join(lines) + "\n\n" + "\n".join(trailers) + "\n"
    when = int(datetime.fromisoformat(latest.timestamp.replace("Z", "+00:00")).timestamp()) if latest.timestamp else 0
    return history.PageCommit(main, author_email(ctx, main), when, message, files)


def conflict_copy(ctx: Context, status: PageStatus, merged_text: str) -> str:
    """Write the merge with its conflict markers where the user sees it; return its repo path."""
    _, path = status.local_page()
    rel = f"{CONFLICT_DIR}/{path}"
    safe_doc_path(ctx.root / CONFLICT_DIR, path, title=status.title)
    atomic_write(ctx.root / rel, merged_text)
    return rel


def mark_conflict(ctx: Context, status: PageStatus, latest: RemotePage, local_text: str) -> None:
    """Remember which wiki revision the user was shown in the conflict, and the local text then.

    Without this, the next run would merge the user's resolution with the same two
    versions again and report the same conflict forever.
    """
    if status.entry is not None:
        status.entry.conflict_revid = latest.revid
        status.entry.conflict_sha256 = sha256(local_text)


def resolved_conflict(status: PageStatus, latest: RemotePage, local_text: str) -> bool:
    """True when the committed file is the user's resolution of the conflict last reported.

    The wiki must still be at the revision shown in the conflict (a newer wiki edit is
    merged, and may conflict, again) and the file must have changed since.
    """
    entry = status.entry
    return (
        entry is not None
        and entry.conflict_revid == latest.revid
        and bool(entry.conflict_sha256)
        and entry.conflict_sha256 != sha256(local_text)
    )


CONFLICT_HELP = (
    "ouvrez {where}, gardez ce qu'il faut des deux versions dans docs/{path}, "
    "retirez les marqueurs <<<<<<< ======= >>>>>>>, commitez, supprimez {where}, puis relancez push"
)


def pull(ctx: Context, report: Report, options: PullOptions) -> None:
    statuses = local_status(ctx, options.only)
    snap = remote_status(ctx, statuses, content=True)
    todo = [
        s
        for s in statuses
        if (s.remote == "changed" and s.entry is not None and s.local != "retitled") or s.remote == "exists"
    ]
    for status in statuses:
        if status.local == "retitled":
            report.add(
                status.title,
                status.path,
                "titre Movilab changé dans l'en-tête : lancez push pour renommer la page wiki",
                WARN,
            )
    todo += _follow_moves(ctx, report, statuses)
    for status in statuses:
        if status.remote == "deleted" or (status.remote == "moved" and status not in todo):
            report.add(
                status.title,
                status.path,
                "renommée ou supprimée sur Movilab : fichier gardé, vérifiez le wiki puis mettez à jour « movilab: »",
                WARN,
            )
    if not todo:
        if snap.complete and not any(s.remote not in ("same", "absent") for s in statuses) and options.only is None:
            ctx.remember_cursor(snap.server_time)
            if not snap.windowed and ctx.state.entries and not options.dry_run:
                # Recent changes did not reach back to the last sync (or there was none): record
                # where they start now, so that the following runs cost one request again.
                ctx.state.cursor = snap.server_time
                ctx.state.save()
                history.commit_paths(ctx.root, [STATE_FILE], "Movilab : point de reprise de la synchronisation")
        return
    dirty = history.dirty(ctx.root, [ctx.repo_path(s.path) for s in todo if s.path and s.local != "deleted"])
    commits: list[history.PageCommit] = []
    progress = Progress(len(todo), "Récupération")
    for status in todo:
        try:
            if status.moved_to and status.entry is not None and not options.dry_run:
                status = _retitled_locally(ctx, status)
            commit = _pull_one(ctx, report, status, status.latest, dirty, options)
            if commit is not None:
                commits.append(commit)
        except SyncError as exc:
            report.add(status.title, status.path, f"échec : {exc}", FAIL)
            if unavailable(exc):
                report.note(
                    "Le wiki est indisponible : arrêt ; les pages restantes n'ont pas été "
                    "récupérées, relancez plus tard."
                )
                break
        progress.step()
    if options.dry_run:
        return
    pending = [s for s in statuses if s.remote not in ("same", "absent") and s not in todo]
    if snap.complete and not pending and not report.failed and options.only is None:
        ctx.state.cursor = snap.server_time
    if commits:
        # The state file rides in the last commit: HEAD moves once, to a commit where
        # files and state agree (intermediate commits are never checked out by the sync).
        commits[-1].files[ctx.state.file.relative_to(ctx.root).as_posix()] = ctx.state.dumps()
        history.commit_pages(ctx.root, commits)
    ctx.state.save()
    history.commit_paths(ctx.root, [STATE_FILE], "Movilab : état de synchronisation après récupération")


def _follow_moves(ctx: Context, report: Report, statuses: list[PageStatus]) -> list[PageStatus]:
    """Pages renamed on the wiki: follow them (their file's `movilab:` changes), when that is safe."""
    moved = [
        s
        for s in statuses
        if s.remote == "moved" and s.moved_to and s.entry is not None and s.local in ("same", "changed", "renamed")
    ]
    followed = []
    for status in moved:
        try:
            target = check_title(status.moved_to)
        except SyncError:
            continue
        if target in ctx.local or target in ctx.state.entries:
            continue
        status.moved_to = target
        followed.append(status)
    if followed:
        latest = ctx.wiki.pages([s.moved_to for s in followed])
        for status in followed:
            status.latest = latest.get(status.moved_to)
    return [s for s in followed if s.latest is not None and not s.latest.missing]


def _retitled_locally(ctx: Context, status: PageStatus) -> PageStatus:
    """The same page under its new wiki title, its file's `movilab:` line rewritten to match."""
    page, path = status.local_page()
    entry = status.entry
    if entry is None:
        raise SyncError("incohérence interne : page absente du fichier d'état.", title=status.title)
    text = _MOVILAB_LINE.sub(f"movilab: {status.moved_to}", page.text, count=1)
    ctx.state.entries.pop(entry.title, None)
    moved_entry = replace(entry, title=status.moved_to)
    ctx.state.entries[status.moved_to] = moved_entry
    return PageStatus(
        status.moved_to,
        path,
        status.local,
        remote="changed",
        entry=moved_entry,
        page=LocalPage(path, status.moved_to, text),
        editors=status.editors,
        latest=status.latest,
    )


def _pull_one(
    ctx: Context, report: Report, status: PageStatus, latest: RemotePage | None, dirty: set[str], options: PullOptions
) -> history.PageCommit | None:
    if status.entry is None:
        _adopt(ctx, report, status, latest, options, committed=ctx.repo_path(status.path or "") not in dirty)
        return None
    if status.path is None:
        raise SyncError("incohérence interne : chemin absent.", title=status.title)
    if latest is None or latest.missing:
        report.add(status.title, status.path, "introuvable sur Movilab : fichier gardé", WARN)
        return None
    if status.local == "deleted":
        report.add(
            status.title,
            status.path,
            "modifiée sur Movilab mais fichier supprimé dans git : rien n'a "
            "été recréé ; restaurez le fichier ou retirez la page de l'état",
            FAIL,
        )
        return None
    page, _ = status.local_page()
    repo_path = ctx.repo_path(status.path)
    conv = ctx.converter
    local = page.text
    theirs = conv.to_markdown(latest.text, title=status.title, local=local)
    pictures: dict[str, bytes] = {}
    if options.images and not options.dry_run:
        from sync.images import fetch_images

        theirs, pictures = fetch_images(ctx, status.path, theirs)
    if repo_path in dirty and local != theirs:
        # (An uncommitted file that already equals the wiki's text is what an interrupted
        # pull leaves behind: it is committed below, credited to the wiki editors.)
        report.add(
            status.title,
            status.path,
            "modifiée sur Movilab, mais le fichier a des modifications non "
            "commitées : rien n'a été écrasé ; commitez-les puis relancez pull",
            FAIL,
        )
        return None
    new_text, merged = theirs, False
    if status.local in ("changed", "renamed") and resolved_conflict(status, latest, local) and repo_path not in dirty:
        report.add(
            status.title,
            status.path,
            "conflit résolu dans git (fichier modifié depuis le conflit) : lancez push pour envoyer la résolution",
            WARN,
        )
        return None
    if status.local in ("changed", "renamed") and local != theirs and page.sha != status.entry.local_sha256:
        base_md = history.read_blob(ctx.root, status.entry.base_blob)
        if base_md is None:
            base_rev = ctx.wiki.revisions([status.entry.revid]).get(status.entry.revid)
            base_md = conv.to_markdown(base_rev.text, title=status.title, local=local) if base_rev else ""
        result = merge3(base_md, local, theirs, label=f"docs/{status.path}")
        if result.conflicts:
            where = conflict_copy(ctx, status, result.text)
            if not options.dry_run:
                mark_conflict(ctx, status, latest, local)
            report.add(
                status.title,
                status.path,
                f"CONFLIT : fichier gardé tel quel ; les deux versions sont dans {where} ; "
                + CONFLICT_HELP.format(where=where, path=status.path),
                FAIL,
            )
            return None
        new_text, merged = result.text, True
    if options.dry_run:
        report.add(
            status.title,
            status.path,
            f"serait récupérée (rév. {latest.revid})" + (" avec fusion" if merged else "") + " (--dry-run)",
        )
        return None
    target = safe_doc_path(ctx.config.docs_dir, status.path, title=status.title)
    on_disk = target.read_text(encoding="utf-8") if target.exists() else None  # differs from `local` after a move
    if new_text != on_disk:
        atomic_write(target, new_text)
    ctx.state.entries[status.title] = PageState(
        path=status.path,
        title=status.title,
        revid=latest.revid,
        timestamp=latest.timestamp,
        # After a merge the synced pair is (wiki text, its Markdown): the local additions
        # still differ from it, so the next push sends them.
        local_sha256=sha256(theirs),
        wiki_sha256=sha256(latest.text),
        # Unmerged, `theirs` is committed below, so its blob id is enough; merged, it is
        # not in any commit, so it is written to the object store to serve as a base.
        base_blob=history.hash_blob(ctx.root, theirs) if merged else history.blob_id(theirs),
        commit=ctx.head,
    )
    level = OK
    note = f"récupérée (rév. {latest.revid})"
    if merged:
        note = f"fusionnée avec Movilab (rév. {latest.revid}) : lancez push pour envoyer le résultat"
        level = WARN
    report.add(status.title, status.path, note, level)
    if new_text == on_disk and repo_path not in dirty and not pictures:
        return None  # git already has this text: only the state changes
    return commit_message(ctx, status, latest, {repo_path: new_text, **pictures}, merged=merged)


def _adopt(
    ctx: Context,
    report: Report,
    status: PageStatus,
    latest: RemotePage | None,
    options: PullOptions,
    *,
    committed: bool = False,
) -> None:
    """A page never synced whose title already exists on the wiki: adopt it only if both agree.

    The text becomes the base of later merges: a committed file's blob is already in git (its
    id is computed, as push does); an uncommitted one is written there, one git process each.
    """
    page, path = status.local_page()
    if latest is None or latest.missing:
        return
    theirs = ctx.converter.to_markdown(latest.text, title=status.title, local=page.text)
    if theirs != page.text:
        result = merge3("", page.text, theirs, label=f"docs/{path}")
        where = conflict_copy(ctx, status, result.text)
        report.add(
            status.title,
            path,
            f"CONFLIT : la page existe déjà sur Movilab avec un autre texte ; fichier "
            f"gardé, les deux versions sont dans {where}",
            FAIL,
        )
        return
    if options.dry_run:
        report.add(status.title, path, f"serait adoptée (rév. {latest.revid}, textes identiques) (--dry-run)")
        return
    ctx.state.entries[status.title] = PageState(
        path=path,
        title=status.title,
        revid=latest.revid,
        timestamp=latest.timestamp,
        local_sha256=sha256(page.text),
        wiki_sha256=sha256(latest.text),
        base_blob=history.blob_id(page.text) if committed else history.hash_blob(ctx.root, page.text),
        commit=ctx.head,
    )
    report.add(status.title, path, f"adoptée : identique sur Movilab (rév. {latest.revid})")
