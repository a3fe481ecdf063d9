# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Pull: bring Movilab edits back into git, one commit per page, credited to the wiki editors.

A straight line: finish what a killed run left, observe (one query when
little changed; only pages whose revision changed are fetched, 50 titles per
request), decide each page's steps, then make every commit at once through
the crash-safe transaction of history.py: the pages' commits, the state
riding in the last one, and conflict files in a commit of their own. Nothing
in the working tree changes before HEAD has moved, so a killed pull leaves
either nothing or everything. A file with uncommitted changes is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass

from sync.act import Executor
from sync.decide import Options, decide_pull, remote_change
from sync.errors import SyncError
from sync.history import PageCommit
from sync.observe import observe_local, observe_wiki
from sync.push import Run, _bot_from_environment, unavailable
from sync.report import FAIL, Outcome, Progress
from sync.state import STATE_FILE, read_state
from sync.wiki import Wiki
from sync.workspace import Workspace, remember_cursor


@dataclass
class PullOptions:
    only: set[str] | None = None
    dry_run: bool = False
    images: bool = False


def pull(ws: Workspace, options: PullOptions) -> Run:
    if not options.dry_run:
        ws.require_branch("pull")
    found = observe_local(ws, options.only)
    wiki = Wiki(ws.settings.api)
    found, snap = observe_wiki(ws, wiki, found, content=True)
    executor = Executor(ws, wiki, start=snap.server_time, images=options.images, dry_run=options.dry_run, persist=False)
    decide_options = Options(bot=_bot_from_environment())
    outcomes: list[Outcome] = []
    notes = list(ws.notes)
    executor.prepare({})
    changed = [o for o in found if remote_change(o) not in ("same", "absent", "unknown")]
    # Taken at once when pages changed on the wiki (a converter that cannot be built stops the run
    # here); a pull with nothing to bring in never loads it.
    converter = ws.converter if changed else ws.lazy_converter
    progress = Progress(len(changed), "Récupération")
    settled = True  # every page changed on the wiki was brought in
    for obs in found:
        try:
            steps = decide_pull(obs, converter, decide_options)
        except SyncError as exc:
            outcomes.append(Outcome("failed", obs.title, obs.path, {"error": str(exc)}))
            settled = False
            continue
        done = executor.run(steps)
        outcomes += done
        if obs in changed:
            progress.step()
            settled &= any(s.kind in ("commit", "record") for s in steps) and all(o.level != FAIL for o in done)
        if any(unavailable(o) for o in done):
            notes.append(
                "Le wiki est indisponible : arrêt ; les pages restantes n'ont pas été récupérées, relancez plus tard."
            )
            settled = False
            break
    if options.dry_run:
        return Run(outcomes, notes, wiki)
    if snap.complete and settled and options.only is None:
        remember_cursor(ws, snap.server_time)
        if executor.commits or executor.files or not snap.windowed or ws.state.dumps() != ws.committed_state:
            # Recent changes did not reach back to the last sync, or pages were pulled: record where the
            # window starts now, so that the following runs cost one request again.
            ws.state.cursor = snap.server_time
    _commit(ws, executor)
    notes += [note for note in ws.notes if note not in notes]  # said during the run (images kept on the wiki)
    notes += ws.kept_notes()
    return Run(outcomes, notes, wiki)


def _commit(ws: Workspace, executor: Executor) -> None:
    """All of the pull in one transaction: page commits (state in the last), then conflict files."""
    commits = list(executor.commits)
    files = executor.settle()
    state = ws.state.dumps()
    if state == ws.committed_state and not commits and not files:
        ws.repo.clear_pending()
        return
    if commits:
        commits[-1].files[STATE_FILE] = state
    if files or not commits:
        name, email, when = ws.repo.committer()
        message = (
            "Movilab : conflits à résoudre (voir conflits-movilab/)"
            if files
            else "Movilab : état de synchronisation après récupération"
        )
        commits.append(PageCommit(name, email, when, message, {STATE_FILE: state, **files}))
    # Something put at the state's path since it was read (a folder, a link) is refused by the commit
    # anyway; said here as push says it: the state file named, and what to do.
    read_state(ws.root, ws.state.file)
    # The pages the pull decided on were read clean: one saved since (a member editing while the pull
    # waited on the wiki) stops the commit rather than be overwritten (history.Repo.commit).
    pages = [p for spec in commits for p in spec.files if p.startswith(f"{ws.settings.docs_prefix}/")]
    ws.repo.commit(commits, parent=ws.git.head, untouched=pages)
    ws.repo.clear_pending()
