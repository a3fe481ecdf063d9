# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Act: small executors that carry out the steps decide.py chose, each recording its result at once.

Every executor is idempotent, so that a run killed anywhere can simply be run
again: a wiki write is recorded in the state file (in the working tree,
marked as the sync's) before the next step starts; an edit whose answer was
lost is found on the wiki by the rerun (our text, by our bot) and recorded
instead of sent twice; a commit that is already there is not made again.
Commits are made through history.Repo.commit, the crash-safe transaction.

Each executor returns the Outcome to report (None for a step whose outcome
is the next step's, such as the merge commit before an edit).
"""

from __future__ import annotations

import contextlib
import difflib
from dataclasses import dataclass, field
from datetime import datetime

from sync.decide import LOCAL_STEPS, Step
from sync.errors import EditConflict, SyncError, UnfinishedCommit, WikiError
from sync.history import Commit, PageCommit, blob_id, same_blob
from sync.report import Outcome
from sync.state import Conflict, PageState, lf, sha256, text_sha256
from sync.wiki import Change, RemotePage, Wiki
from sync.workspace import Workspace

SUMMARY_LIMIT = 480


def author_email(ws: Workspace, user: str) -> str:
    """`Name@wiki-host`: says where the person edits without inventing an e-mail address."""
    host = ws.settings.api.split("//", 1)[-1].split("/", 1)[0].split(":")[0]
    return f"{user.replace(' ', '_')}@{host}"


def credited_commit(
    ws: Workspace,
    title: str,
    latest: RemotePage,
    editors: tuple[Change, ...],
    files: dict[str, str | bytes | None],
    *,
    verb: str = "modifications de",
) -> PageCommit:
    """A commit of wiki text authored by its last wiki editor, the others as co-authors (CC BY-SA)."""
    edits = [c for c in editors if c.revid and c.kind != "log"]
    revids = sorted({c.revid for c in edits} | {latest.revid})
    authors = [c.user for c in sorted(edits, key=lambda c: c.revid) if c.user] or [latest.user]
    main = latest.user or authors[-1] or "Movilab"
    others = list(dict.fromkeys(a for a in authors if a and a != main))
    lines = [
        f"Movilab : {verb} « {title} »",
        "",
        f"Récupéré de {ws.settings.page_url(title)}",
        "Révisions : " + ", ".join(str(r) for r in revids),
        f"Licence : {ws.settings.licence_name}",
    ]
    trailers = [f"Movilab-Revision: {latest.revid}"]
    trailers += [f"Co-authored-by: {name} <{author_email(ws, name)}>" for name in others]
    message = "\n".join(lines) + "\n\n" + "\n".join(trailers) + "\n"
    when = int(datetime.fromisoformat(latest.timestamp.replace("Z", "+00:00")).timestamp()) if latest.timestamp else 0
    return PageCommit(main, author_email(ws, main), when, message, files)


def editor_names(editors: tuple[Change, ...], latest: RemotePage | None) -> list[str]:
    names = [c.user for c in sorted(editors, key=lambda c: c.revid) if c.user and c.kind != "log"]
    if latest is not None and latest.user:
        names.append(latest.user)
    return list(dict.fromkeys(names))


@dataclass
class Executor:
    """Carries out one run's steps; `files` are the conflict files to commit with the state at the end."""

    ws: Workspace
    wiki: Wiki | None = None
    token: str = ""
    start: str = ""  # server time the run started from: the wiki refuses edits to pages deleted since
    images: bool = False
    dry_run: bool = False
    # Push records each wiki write in the working tree's state file at once; pull changes nothing
    # there before its one commit (a recorded pull whose commit died would hide wiki edits).
    persist: bool = True
    files: dict[str, str | bytes | None] = field(default_factory=dict)
    commits: list[PageCommit] = field(default_factory=list)  # pull: made in one transaction at the end
    credits: list[str] = field(default_factory=list)  # trailers for the state commit (resolutions sent)
    notes: list[str] = field(default_factory=list)  # --dry-run: what would be sent
    conflicts: dict[str, Conflict] = field(default_factory=dict)  # new conflicts, by title (see settle)
    _bases: dict[str, RemotePage] = field(default_factory=dict)
    _log: dict[str, list[Commit]] = field(default_factory=dict)  # each page's commits, read at once
    _head: str = ""  # the commit pages are recorded as synced from: HEAD, or the merge just made

    @property
    def head(self) -> str | None:
        """HEAD as this run left it (the merge commits it made included)."""
        return self._head or None

    def prepare(self, since: dict[str, str | None]) -> None:
        """Read the commits the edit summaries will name (`since`: each page's repository path and the
        commit it was synced from), with a few git commands for all pages; a page left out is read
        when its summary is written."""
        self._head = self.ws.git.head or ""
        if since and not self.dry_run:
            self._log = self.ws.commits_since(since)

    def run(self, steps: list[Step]) -> list[Outcome]:
        """The page's steps in order; the first failure stops the page (its next steps depend on it)."""
        outcomes: list[Outcome] = []
        for step in steps:
            if self.dry_run and step.kind not in LOCAL_STEPS:
                if step.kind in ("edit", "create"):
                    self.notes.append(self._preview(step))
                outcomes.append(Outcome(step.code, step.title, step.path, self._details(step), dry_run=step.kind))
                if step.kind != "commit":
                    continue
                break
            try:
                outcome = getattr(self, f"do_{step.kind}")(step)
            except UnfinishedCommit:
                raise  # the whole run stops: its rerun finishes that commit first
            except SyncError as exc:
                outcome = Outcome("failed", step.title, step.path, {"error": str(exc), "api_code": exc.api_code})
            if outcome is not None:
                outcomes.append(outcome)
                if outcome.level == "échec":
                    break
        return outcomes

    @staticmethod
    def _preview(step: Step) -> str:
        """--dry-run: the wikitext an edit would send, as a diff from the revision it is based on."""
        old = step.page.text if step.page is not None else ""
        where = f"rév. {step.page.revid}" if step.page is not None else "nouvelle"
        diff = difflib.unified_diff(
            old.splitlines(keepends=True),
            step.wikitext.splitlines(keepends=True),
            f"Movilab : {step.title} ({where})",
            f"après envoi : docs/{step.path}",
        )
        return "".join(diff) or f"(aucune différence de wikitexte pour {step.title})"

    @staticmethod
    def _details(step: Step) -> dict:
        details = dict(step.details)
        if step.page is not None:
            details.setdefault("revid", step.page.revid)
        return details

    # -- the state file ---------------------------------------------------------------------------------
    def _record(
        self, title: str, path: str, markdown: str, wikitext: str, page: RemotePage, *, old_title: str = ""
    ) -> None:
        entries = self.ws.state.entries
        previous = entries.pop(old_title, None) if old_title else None
        previous = entries.get(title) or previous
        entries[title] = PageState(
            path=path,
            title=title,
            revid=page.revid,
            timestamp=page.timestamp,
            local_sha256=text_sha256(markdown),
            wiki_sha256=sha256(wikitext),
            base_blob=blob_id(lf(markdown)),  # the blob git has of a page checked out with CRLF
            commit=self._head,
            conflict=None,
        )
        if previous is not None and previous.conflict is not None:
            self._close_conflict(path)
        self._save()

    def _save(self) -> None:
        if self.persist:
            # The page is on the wiki all the same: said as sent; the push stops and reports the error
            # (Workspace.state_unwritable, push.py).
            with contextlib.suppress(SyncError):
                self.ws.save_state()

    def _close_conflict(self, path: str) -> None:
        """The conflict is settled: its file goes away with the state commit (it was the sync's or resolved)."""
        rel = self.ws.conflict_path(path)
        if (self.ws.root / rel).exists():  # an open conflict's file is in HEAD iff in the tree (observe.py)
            self.files[rel] = None

    # -- wiki writes ------------------------------------------------------------------------------------
    def _wiki(self) -> Wiki:
        if self.wiki is None:
            raise SyncError("incohérence interne : pas de connexion au wiki pour écrire.")
        return self.wiki

    def summary(self, path: str, title: str) -> str:
        """Name the commits and their authors, and the licence, as the CC BY-SA attribution asks."""
        repo_path = self.ws.repo_path(path)
        if repo_path not in self._log:
            entry = self.ws.state.entries.get(title)
            self._log.update(self.ws.repo.commits_since({repo_path: (entry.commit if entry else "") or None}))
        commits = self._log[repo_path]
        parts = [f"{c.sha[:8]} ({c.author})" for c in commits[:12]]
        if len(commits) > 12:
            parts.append(f"et {len(commits) - 12} autres")
        text = f"Synchronisé depuis {self.ws.settings.origin}"
        if parts:
            text += " — commits " + ", ".join(parts)
        text += f" — licence {self.ws.settings.licence_name}"
        return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "…"

    def _send(self, step: Step, base: RemotePage | None) -> dict:
        """Save the step's text on the wiki (its images first), based on `base` (None: create)."""
        assert step.path is not None  # noqa: S101 - decide gives every write a path
        self._images(step)
        return self._wiki().edit(
            step.title,
            step.wikitext,
            summary=self.summary(step.path, step.title),
            token=self.token,
            base=base,
            starttimestamp=self.start,
        )

    def do_create(self, step: Step) -> Outcome:
        assert step.path is not None  # noqa: S101 - decide gives every write a path
        wiki = self._wiki()
        try:
            result = self._send(step, None)
        except EditConflict as exc:
            if exc.api_code != "articleexists":
                raise
            existing = wiki.pages([step.title]).get(step.title)
            if existing and not existing.missing and existing.text == step.wikitext and existing.user == wiki.user:
                self._record(step.title, step.path, step.markdown, step.wikitext, existing)
                return Outcome("recorded-created", step.title, step.path, {"revid": existing.revid})
            return Outcome("exists", step.title, step.path)
        page = RemotePage(step.title, int(result["newrevid"]), str(result.get("newtimestamp", "")))
        self._record(step.title, step.path, step.markdown, step.wikitext, page)
        return Outcome(step.code, step.title, step.path, {"revid": page.revid})

    def do_edit(self, step: Step) -> Outcome:
        assert step.path is not None  # noqa: S101
        wiki = self._wiki()
        base = self._bases.get(step.title, step.page)
        entry = self.ws.state.entries.get(step.title)
        conflict = entry.conflict if entry else None
        try:
            result = self._send(step, base)
        except EditConflict:
            return Outcome("edit-conflict", step.title, step.path)
        if result.get("nochange") is not None:
            latest = wiki.pages([step.title])[step.title]  # its text: the hash a later push checks (decide)
            self._record(step.title, step.path, step.markdown, latest.text or step.wikitext, latest)
            self._credit(step, conflict)
            return Outcome("nochange", step.title, step.path, {"revid": latest.revid})
        new_revid, old_revid = int(result["newrevid"]), int(result.get("oldrevid") or 0)
        if base is not None and old_revid and old_revid != base.revid:
            # MediaWiki merged our edit with one made meanwhile: keep the old revision as synced
            # so that the next pull brings the merged text back into git.
            self._record(step.title, step.path, step.markdown, base.text or step.wikitext, base)
            return Outcome("merged-by-wiki", step.title, step.path, {"revid": new_revid})
        page = RemotePage(step.title, new_revid, str(result.get("newtimestamp", "")))
        self._record(step.title, step.path, step.markdown, step.wikitext, page)
        self._credit(step, conflict)
        return Outcome(step.code, step.title, step.path, {"revid": new_revid})

    def _credit(self, step: Step, conflict: Conflict | None) -> None:
        """A resolution sent holds wiki text: its authors go into the state commit's trailers."""
        if step.code.startswith("resolution") and conflict is not None:
            self.credits += [n for n in conflict.editors if n and n not in self.credits]

    def do_move(self, step: Step) -> Outcome:
        assert step.path is not None  # noqa: S101
        wiki = self._wiki()
        old = step.details["old"]
        try:
            wiki.move(old, step.title, token=self.token, reason=f"Titre changé dans {self.ws.settings.origin}")
        except WikiError as exc:
            if exc.api_code != "articleexists":
                raise
            # Taken, or moved already: by this very request, retried after its answer was lost.
            entry = self.ws.state.entries.get(step.old_title)
            synced = wiki.revisions([entry.revid]).get(entry.revid) if entry else None
            if synced is None or synced.title != step.title:
                return Outcome("retitle-taken", step.title, step.path, dict(step.details))
        return self._moved(step)

    def _moved(self, step: Step) -> Outcome:
        """Record the page under its new title (its text did not change)."""
        assert step.path is not None  # noqa: S101
        wiki = self._wiki() if self.wiki is not None else None
        latest = step.page
        if wiki is not None:
            latest = wiki.pages([step.title]).get(step.title)
        if latest is None or latest.missing:
            raise SyncError("la page renommée est introuvable sur le wiki.", title=step.title)
        old = self.ws.state.entries.pop(step.old_title, None)
        if old is None:
            raise SyncError("incohérence interne : page absente du fichier d'état.", title=step.old_title)
        old.title, old.revid, old.timestamp, old.wiki_sha256 = (
            step.title,
            latest.revid,
            latest.timestamp,
            sha256(latest.text),
        )
        self.ws.state.entries[step.title] = old
        self._bases[step.title] = latest
        self._save()
        return Outcome(step.code, step.title, step.path, dict(step.details))

    def do_delete(self, step: Step) -> Outcome:
        try:
            self._wiki().delete(step.title, reason=f"Supprimée du dépôt {self.ws.settings.origin}", token=self.token)
        except WikiError as exc:
            if exc.api_code != "missingtitle":
                raise
            return self.do_forget(Step("forget", "already-deleted", step.title, step.path))
        self.ws.state.entries.pop(step.title, None)
        self._save()
        return Outcome(step.code, step.title, step.path)

    def do_forget(self, step: Step) -> Outcome:
        self.ws.state.entries.pop(step.title, None)
        self._save()
        return Outcome(step.code, step.title, step.path)

    def _images(self, step: Step) -> None:
        if self.images and step.path is not None:
            from sync.images import upload_images

            upload_images(self.ws, self._wiki(), step.title, step.path, step.markdown, self.token)

    # -- the state and git ------------------------------------------------------------------------------
    def do_record(self, step: Step) -> Outcome:
        assert step.path is not None  # noqa: S101
        if step.code == "renamed":
            entry = self.ws.state.entries[step.title]
            entry.path = step.path
            self._save()
        elif step.code == "move-recorded":
            return self._moved(step)
        else:
            page = self._bases.get(step.title, step.page)  # after a move, the page's revision is the move's
            if page is None:
                raise SyncError("incohérence interne : révision à enregistrer absente.", title=step.title)
            self._record(step.title, step.path, step.markdown, page.text, page)
        return Outcome(step.code, step.title, step.path, self._details(step))

    def do_report(self, step: Step) -> Outcome:
        return Outcome(step.code, step.title, step.path, dict(step.details))

    def do_commit(self, step: Step) -> Outcome | None:
        """A text from the wiki (pulled, or merged with git's) committed under its wiki authors' names."""
        assert step.path is not None and step.page is not None  # noqa: S101
        repo_path = self.ws.repo_path(step.path)
        markdown, files = step.markdown, {}
        theirs = step.theirs or markdown
        if self.images and step.kind == "commit" and step.code != "merged":
            from sync.images import fetch_images

            markdown, pictures = fetch_images(self.ws, self._wiki(), step.path, markdown)
            theirs = markdown if step.theirs == step.markdown else theirs
            files.update(pictures)
        verb = "fusion des modifications de" if markdown != theirs or step.code == "merged" else "modifications de"
        local = next((p.text for p in self.ws.pages.values() if p.path == step.path), None)
        # (a file with changes not committed is never here). Compared as git stores them: a CRLF
        # checkout's text and the same text in LF are one blob, which a commit would not change.
        if local is None or lf(local) != lf(markdown) or files:
            commit = credited_commit(
                self.ws, step.title, step.page, step.editors, {repo_path: markdown, **files}, verb=verb
            )
            if step.code == "merged":
                # A push sends it next: it must be in git first, and the page is synced from it.
                # Like a pull's pages: the file was read clean, and one saved since is never written over.
                self._head = (
                    self.ws.repo.commit([commit], parent=self._head or None, untouched=[repo_path]) or self._head
                )
                if repo_path in self._log:  # the summary names the merge too (no need to read the log again)
                    made = Commit(self._head, commit.author_name, commit.author_email, commit.message.split("\n")[0])
                    self._log[repo_path] = [made, *self._log[repo_path]]
            else:
                self.commits.append(commit)
        if step.code == "merged":
            return None
        self._record(step.title, step.path, theirs, step.page.text, step.page, old_title=step.old_title)
        if markdown != theirs:  # in no commit: stored to serve as a merge base
            self.ws.state.entries[step.title].base_blob = self.ws.repo.hash_blob(theirs)
        return Outcome(step.code, step.title, step.path, {**step.details, "revid": step.page.revid})

    def do_conflict(self, step: Step) -> Outcome:
        """Both versions, with their markers, in conflits-movilab/<path>; the conflict remembered."""
        assert step.path is not None and step.page is not None  # noqa: S101
        entry = self.ws.state.entries.get(step.title)
        rel = self.ws.conflict_path(step.path)
        on_disk = self.ws.root / rel
        mine = entry.conflict.file_blob if entry and entry.conflict else ""
        if on_disk.exists() or on_disk.is_symlink():
            from sync import safety

            data = safety.read_bytes(self.ws.root, on_disk)
            if data is not None and not same_blob(data, mine):
                code = "conflict-editing" if mine else "conflict-file-taken"
                return Outcome(code, step.title, step.path)
        if self.dry_run:
            return Outcome(step.code, step.title, step.path, dry_run="conflict")
        # Remembered with its file only: recorded in the state before the file was committed, a
        # conflict cut short by a crash would look like a conflict file the user deleted (a resolution).
        self.conflicts[step.title] = Conflict(
            revid=step.page.revid,
            local_sha256=text_sha256(step.markdown),
            file_blob=blob_id(step.conflict_text),
            editors=editor_names(step.editors, step.page),
        )
        self.files[rel] = step.conflict_text
        return Outcome(step.code, step.title, step.path)

    def settle(self) -> dict[str, str | bytes | None]:
        """The conflicts found, into the state, and the files to commit with it (in the same commit)."""
        for title, conflict in self.conflicts.items():
            entry = self.ws.state.entries.get(title)
            if entry is not None:
                entry.conflict = conflict
        return self.files
