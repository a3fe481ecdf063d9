# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Decide: from what was observed about one page, the steps that push or pull it, with their reasons.

Pure functions: an Observation (state entry, file, what the wiki said) in, a
list of Steps out. Nothing is read or written here; the conversion and the
three-way merge are computations on the texts given. Each step names the
outcome it leads to (a key of report.WORDING), so tests can read the whole
table without a wiki, and the executors (act.py) only carry steps out.

Step kinds: create, edit, move, delete (on the wiki); commit (a file into
git, credited to its wiki authors); record, forget (the state file only);
conflict (a conflict file, and the conflict in the state); report (nothing to
do but say why).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Protocol
from urllib.parse import unquote

from commons import docs_tree, frontmatter, markdown_limits
from sync.merge import merge3
from sync.observe import Observation
from sync.report import FAIL
from sync.state import lf, sha256
from sync.wiki import Change, RemotePage

# A conflict left in a text: git's three markers in that order (outside code blocks), or ours by name.
_MARKERS = re.compile(r"^<{7}(?: .*)?\n(?:.*\n)*?(?:\|{7}.*\n(?:.*\n)*?)?={7}\n(?:.*\n)*?>{7}(?: .*)?$", re.M)
_OUR_LABELS = re.compile(r"^(?:<{7} dépôt git|>{7} Movilab|\|{7} dernière synchro)", re.M)
_FENCE = re.compile(r"^(```|~~~)")


# Steps carried out without the wiki: what a dry run still carries out (act.py), and what the push's
# Decisions thread does not count as a page to send (push.py).
LOCAL_STEPS = frozenset({"report", "conflict"})


@dataclass(frozen=True)
class Step:
    kind: str
    code: str  # the outcome when the step is carried out (report.WORDING)
    title: str
    path: str | None
    markdown: str = ""  # the file's text to commit or record
    wikitext: str = ""  # the text to send
    page: RemotePage | None = None  # the revision an edit is based on, or the wiki page to record
    old_title: str = ""  # the title the state knew, when it changes (move, followed move)
    conflict_text: str = ""  # both versions with their markers, for conflits-movilab/
    theirs: str = ""  # the wiki's text as Markdown (recorded as synced by a pull, kept by a conflict)
    editors: tuple[Change, ...] = ()  # wiki revisions whose authors a commit credits
    details: dict[str, Any] = field(default_factory=dict)


class Converter(Protocol):
    """The two conversions, as decide needs them (sync.mirror.Converter provides them)."""

    def to_wiki(self, text: str, *, path: str, base: str | None) -> str: ...

    def to_markdown(self, wikitext: str, *, title: str, local: str | None, path: str | None = None) -> str: ...


@dataclass(frozen=True)
class Options:
    delete: bool = False  # push: delete wiki pages whose file was deleted
    bot: str = ""  # the wiki account the sync writes as


def local_change(obs: Observation) -> str:
    """same | changed | new | deleted | renamed (file moved) | retitled (`movilab:` changed)."""
    entry = obs.entry
    if entry is None:
        return "new"
    if obs.local is None:
        return "outside" if obs.outside else "deleted"
    if entry.title != obs.title:
        return "retitled"
    if not obs.local.matches(entry.local_sha256):
        return "changed"
    if obs.path != entry.path:
        return "renamed"
    return "same"


def remote_change(obs: Observation) -> str:
    """same | changed | moved | deleted | unknown; for a page never synced: absent | exists."""
    remote = obs.remote
    if not remote.checked:
        return "unknown"
    if obs.entry is None:
        return "absent" if remote.latest is None or remote.latest.missing else "exists"
    if remote.moved_to:
        return "moved"
    if remote.deleted:
        return "deleted"
    if remote.edits:
        return "changed"
    return "same"


def marker_line(text: str) -> int | None:
    """The line of a conflict left in the text (markers outside code blocks), or None."""
    outside, fenced = [], False
    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            fenced = not fenced
        outside.append("\n" if fenced else line)
    plain = "".join(outside)
    match = _MARKERS.search(plain if plain.endswith("\n") else plain + "\n") or _OUR_LABELS.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _report(obs: Observation, code: str, **details: Any) -> list[Step]:
    return [Step("report", code, obs.title, obs.path, details=details)]


def _problem(obs: Observation) -> list[Step] | None:
    if obs.problem is not None:
        return _report(obs, "title-refused", error=str(obs.problem))
    return None


def _markers(obs: Observation) -> list[Step] | None:
    line = marker_line(obs.local.text) if obs.local else None
    return _report(obs, "markers", line=line) if line else None


def _latest(obs: Observation) -> RemotePage | None:
    latest = obs.remote.latest
    return None if latest is None or latest.missing else latest


def _loose(wikitext: str) -> list[str]:
    """Lines as MediaWiki shows them: trailing spaces and runs of blank lines do not count."""
    lines = [line.rstrip() for line in wikitext.strip().splitlines()]
    return [line for i, line in enumerate(lines) if line or (i and lines[i - 1])]


def _unsynced_base(obs: Observation, conv: Converter, options: Options) -> list[Step] | None:
    """Refuse to write over a wiki revision that the state calls synced without being so.

    The state comes with the branch: moving an entry's revision forward to a wiki edit
    nobody pulled would make that edit look synced, and the next push would write over
    it. A revision the bot did not write was synced by a pull or an import, which
    recorded a hash of its text and committed its Markdown; both must match the
    revision the wiki holds (the Markdown is checked when git still has it).
    """
    base, entry = obs.remote.base, obs.entry
    if base is None or entry is None or base.user == options.bot or base.text is None:
        return None
    matches = sha256(base.text) == entry.wiki_sha256
    if matches and obs.base_markdown is not None and obs.path is not None:
        again = conv.to_wiki(obs.base_markdown, path=obs.path, base=base.text)
        matches = _loose(again) == _loose(base.text)
    if matches:
        return None
    return _report(obs, "unsynced-base", revid=base.revid, user=base.user or "?")


def _base_markdown(obs: Observation, conv: Converter, local: str) -> str:
    if obs.base_markdown is not None:
        return obs.base_markdown
    base = obs.remote.base
    return conv.to_markdown(base.text, title=obs.title, local=local) if base and base.text else ""


def _merge_or_conflict(
    obs: Observation, conv: Converter, base_md: str, local: str, latest: RemotePage, *, resolution: bool = False
) -> list[Step]:
    """Both sides changed: merge them (commit the result credited to the wiki, then send it) or conflict."""
    assert obs.path is not None  # noqa: S101 - only called for pages with a file
    theirs = conv.to_markdown(latest.text, title=obs.title, local=local)
    merged = merge3(base_md, local, theirs, label=f"docs/{obs.path}")
    if merged.conflicts:
        return [_conflict(obs, merged.text, latest, theirs)]
    wikitext = conv.to_wiki(merged.text, path=obs.path, base=latest.text)
    code = "resolution-merged-sent" if resolution else "merged-sent"
    steps = []
    if merged.text != local:
        steps.append(
            Step(
                "commit",
                "merged",
                obs.title,
                obs.path,
                markdown=merged.text,
                page=latest,
                theirs=theirs,
                editors=obs.remote.edits,
            )
        )
    steps.append(Step("edit", code, obs.title, obs.path, markdown=merged.text, wikitext=wikitext, page=latest))
    return steps


def _conflict(obs: Observation, text: str, seen: RemotePage, theirs: str) -> Step:
    return Step(
        "conflict",
        "conflict",
        obs.title,
        obs.path,
        markdown=obs.local.text if obs.local else "",
        page=seen,
        conflict_text=text,
        theirs=theirs,
        editors=obs.remote.edits,
    )


def _open_conflict(obs: Observation, push: bool) -> list[Step] | None:
    """What an open conflict decides before anything else, or None when it is out of the way.

    A conflict is closed only by a deliberate act: `python -m sync resolve`
    (the state says `resolved`) or a commit deleting the conflict file. Until
    then a file the user edits is left alone, and a conflict file the user
    changed is never written again.
    """
    entry = obs.entry
    conflict = entry.conflict if entry else None
    if conflict is None:
        return None  # (a stray file of that name is never overwritten: see act.py)
    if conflict.resolved or obs.conflict_file == "deleted":
        return None  # resolved: the caller sends (push) or waits for push (pull)
    if obs.conflict_file == "edited":
        return _report(obs, "conflict-editing")
    if obs.conflict_file == "absent":
        return None  # the file was never committed here: the merge is made (and the file written) again
    latest = _latest(obs)
    if latest is not None and latest.revid != conflict.revid:
        return None  # the wiki moved on since the conflict was shown: merge again
    return _report(obs, "conflict-open")


def _resolved(obs: Observation) -> bool:
    conflict = obs.entry.conflict if obs.entry else None
    return conflict is not None and (bool(conflict.resolved) or obs.conflict_file == "deleted")


# -- push ------------------------------------------------------------------------------------------------


def decide_push(obs: Observation, conv: Converter, options: Options) -> list[Step]:
    """Steps that bring the wiki to the file (see the README's table of cases)."""
    refused = _problem(obs)
    if refused:
        return refused
    kind, remote = local_change(obs), remote_change(obs)
    if kind == "outside":
        return []  # not here to send, nor deleted (see observe_local's note)
    if kind == "deleted":
        return _push_deleted(obs, conv, options, remote)
    if obs.dirty:
        return _report(obs, "uncommitted")
    if kind == "same":
        return []
    if kind == "renamed":
        return [Step("record", "renamed", obs.title, obs.path, details={"old": obs.entry.path if obs.entry else ""})]
    marked = _markers(obs)
    if marked:
        return marked
    if kind == "new":
        return _push_new(obs, conv, options, remote)
    if not obs.remote.proven:
        return _report(obs, "unproven", revid=obs.entry.revid if obs.entry else 0, bot=options.bot)
    forged = _unsynced_base(obs, conv, options)
    if forged:
        return forged
    blocked = _open_conflict(obs, push=True)
    if blocked:
        return blocked
    if _resolved(obs):
        return _push_resolution(obs, conv)
    steps: list[Step] = []
    if kind == "retitled":
        moved = _push_retitle(obs, remote)
        if moved[-1].kind == "report":
            return moved
        steps += moved
        remote = "same"
    return steps + _push_content(obs, conv, remote)


def _push_new(obs: Observation, conv: Converter, options: Options, remote: str) -> list[Step]:
    assert obs.local is not None and obs.path is not None  # noqa: S101 - kind "new" has a file
    latest = _latest(obs)
    wikitext = conv.to_wiki(obs.local.text, path=obs.path, base=latest.text if latest else None)
    if remote == "absent":
        return [Step("create", "created", obs.title, obs.path, markdown=obs.local.text, wikitext=wikitext)]
    if latest is not None and latest.text == wikitext and latest.user == options.bot:
        # Created by the sync itself in a run that died before recording it.
        return [Step("record", "recorded-created", obs.title, obs.path, markdown=obs.local.text, page=latest)]
    return _report(obs, "exists")


def _push_retitle(obs: Observation, remote: str) -> list[Step]:
    entry = obs.entry
    assert entry is not None  # noqa: S101 - kind "retitled" has an entry
    details = {"old": entry.title, "new": obs.title}
    if obs.remote.moved_to == obs.title:  # moved by a run that died before recording it
        return [
            Step(
                "record",
                "move-recorded",
                obs.title,
                obs.path,
                page=obs.remote.latest,
                old_title=entry.title,
                details=details,
            )
        ]
    if remote != "same":
        return _report(obs, "retitle-blocked", **details)
    return [Step("move", "moved", obs.title, obs.path, old_title=entry.title, details=details)]


def _push_content(obs: Observation, conv: Converter, remote: str) -> list[Step]:
    assert obs.local is not None and obs.path is not None and obs.entry is not None  # noqa: S101
    if obs.local.matches(obs.entry.local_sha256):
        return []
    if remote == "moved":
        return _report(obs, "remote-moved", new=obs.remote.moved_to)
    if remote == "deleted":
        return _report(obs, "remote-deleted")
    local = obs.local.text
    base = obs.remote.base
    wikitext = conv.to_wiki(local, path=obs.path, base=base.text if base and base.text else None)
    if remote == "same":
        if base is not None and base.text and wikitext == base.text:
            return [Step("record", "no-visible-change", obs.title, obs.path, markdown=local, page=base)]
        return [Step("edit", "sent", obs.title, obs.path, markdown=local, wikitext=wikitext, page=base)]
    latest = _latest(obs)
    if latest is None:
        return _report(obs, "remote-deleted")
    if latest.text == wikitext:  # our own edit from an interrupted run, or the same change made there
        return [Step("record", "recorded", obs.title, obs.path, markdown=local, page=latest)]
    return _merge_or_conflict(obs, conv, _base_markdown(obs, conv, local), local, latest)


def _push_resolution(obs: Observation, conv: Converter) -> list[Step]:
    """Send the user's resolution, based on the revision they saw; a newer wiki edit is merged in."""
    assert obs.local is not None and obs.path is not None and obs.entry and obs.entry.conflict  # noqa: S101
    seen, latest, local = obs.remote.seen, _latest(obs), obs.local.text
    if seen is None or latest is None:
        return _report(obs, "remote-deleted")
    unshown = _unshown_lines(obs, conv, seen)
    if unshown:
        return _report(obs, "resolution-unproven", revid=seen.revid, line=unshown[0][:80])
    if latest.revid == seen.revid:
        wikitext = conv.to_wiki(local, path=obs.path, base=seen.text)
        return [Step("edit", "resolution-sent", obs.title, obs.path, markdown=local, wikitext=wikitext, page=seen)]
    base_md = conv.to_markdown(seen.text, title=obs.title, local=local)
    return _merge_or_conflict(obs, conv, base_md, local, latest, resolution=True)


def _unshown_lines(obs: Observation, conv: Converter, seen: RemotePage) -> list[str]:
    """Lines the wiki added by the conflict's revision that the conflict file never showed.

    The state comes with the branch: a `conflict` written into it by hand, with
    `resolved` set, would make push send the file as a resolution of a wiki edit
    nobody saw, and that edit would be gone from the page. A real conflict file,
    committed by the sync, holds every line of the wiki's version.
    """
    base = obs.remote.base
    if base is None or base.text is None or seen.text is None:
        return []
    wiki = conv.to_markdown(seen.text, title=obs.title, local=None)
    before = {line.strip() for line in conv.to_markdown(base.text, title=obs.title, local=None).splitlines()}
    added = [line.strip() for line in wiki.splitlines() if line.strip() and line.strip() not in before]
    if not added:
        return []
    shown = {line.strip() for line in (obs.conflict_markdown or "").splitlines()}
    return [line for line in added if line not in shown]


def _push_deleted(obs: Observation, conv: Converter, options: Options, remote: str) -> list[Step]:
    if not options.delete:
        return _report(obs, "kept-deleted")
    if obs.dirty:
        return _report(obs, "uncommitted")  # a file removed, not in a commit: the wiki page stays
    if remote == "deleted" or (obs.remote.latest is not None and obs.remote.latest.missing and remote != "moved"):
        return [Step("forget", "already-deleted", obs.title, obs.path)]
    if remote == "moved":
        return _report(obs, "remote-moved", new=obs.remote.moved_to)
    latest = obs.remote.latest
    entry = obs.entry
    assert entry is not None  # noqa: S101 - a deleted file had an entry
    if latest is None or latest.revid != entry.revid:
        who = latest.user if latest else "?"
        return _report(obs, "delete-unsynced", revid=latest.revid if latest else 0, user=who)
    if not obs.remote.proven:
        return _report(obs, "unproven", revid=entry.revid, bot=options.bot)
    return _unsynced_base(obs, conv, options) or [Step("delete", "deleted", obs.title, obs.path)]


# -- pull ------------------------------------------------------------------------------------------------


def decide_pull(obs: Observation, conv: Converter, options: Options) -> list[Step]:
    """Steps that bring the file to the wiki (edits there become commits credited to their authors)."""
    refused = _problem(obs)
    kind, remote = local_change(obs), remote_change(obs)
    if kind == "outside":  # no file to write it into: it waits on the wiki for a checkout that has the page
        return [] if remote == "same" else _report(obs, "outside-changed")
    if kind == "new":
        if refused:
            return refused
        return _pull_new(obs, conv, options) if remote == "exists" else []
    if kind == "retitled":
        return _report(obs, "retitled-pending") if remote != "same" else []
    blocked = _open_conflict(obs, push=False)
    if blocked:
        return blocked
    if _resolved(obs):
        return _pull_resolved(obs, conv)
    if remote == "same":
        return []
    if remote == "deleted":
        return _report(obs, "remote-deleted-kept")
    if kind == "deleted":
        return _report(obs, "deleted-but-changed")
    latest = _latest(obs)
    if latest is None:
        return _report(obs, "remote-missing")
    assert obs.local is not None and obs.path is not None  # noqa: S101 - not deleted
    local = obs.local.text
    target = obs.title
    if remote == "moved":
        target = obs.remote.moved_to
        if obs.remote.move_problem:
            return _report(obs, "move-not-followed", new=target, reason=obs.remote.move_problem)
        local = set_movilab(local, target, path=obs.path)
    theirs = conv.to_markdown(latest.text, title=target, local=local)
    details = {"old": obs.title, "new": target} if target != obs.title else {}
    if obs.dirty and theirs != obs.local.text:
        return _report(obs, "pull-uncommitted")
    if kind in ("same", "renamed") or theirs == local:
        return _unbuildable(obs, theirs, latest) or [
            _pulled(obs, target, theirs, theirs, latest, "followed-move" if details else "pulled", details),
            *_hidden_images(obs, theirs),
        ]
    merged = merge3(_base_markdown(obs, conv, local), local, theirs, label=f"docs/{obs.path}")
    if merged.conflicts:
        return [_conflict(obs, merged.text, latest, theirs)]
    return _unbuildable(obs, merged.text, latest) or [
        _pulled(obs, target, merged.text, theirs, latest, "pulled-merged", details),
        *_hidden_images(obs, merged.text),
    ]


def _unbuildable(obs: Observation, text: str, latest: RemotePage) -> list[Step]:
    """A text the site build would refuse (commons/markdown_limits.py), never written into docs/: reported
    with each limit it goes past, its revision left to pull once the wiki page is fixed."""
    if obs.local is not None and lf(text) == lf(obs.local.text):
        return []  # the file has it already: the pull writes nothing
    problems = unbuildable(text)
    return _report(obs, "pull-unbuildable", revid=latest.revid, problems=problems) if problems else []


def _hidden_images(obs: Observation, text: str) -> list[Step]:
    """Wiki files the site will show as a placeholder (an SVG would run its scripts from the site's
    address): the page is pulled all the same, the coordinator told which line, to fix it on the wiki."""
    found = [
        f"ligne {number} : « Fichier:{unquote(match.group(1)).replace('_', ' ')} »"
        for number, line in enumerate(text.splitlines(), 1)
        for match in _WIKI_FILE.finditer(line)
        if PurePosixPath(match.group(1)).suffix.lower() in docs_tree.ACTIVE_SUFFIXES
    ]
    return _report(obs, "pull-image-hidden", images=", ".join(found)) if found else []


_WIKI_FILE = re.compile(r"Special:FilePath/([^\s)>\]]+)")


def unbuildable(text: str) -> str:
    """Each limit of the site build (commons/markdown_limits.py) a page converted from the wiki goes past,
    with its line, the start of that line and how to fix it on the wiki; "" when the build takes it."""
    body = frontmatter.shown_body(text)
    found = markdown_limits.refused(body)
    if not found:
        return ""
    shown = text.replace("\r\n", "\n").replace("\r", "\n")  # the body is the end of it (shown_body)
    first = shown[: len(shown) - len(body)].count("\n") + 1
    lines = body.splitlines()
    return " ".join(
        f"Ligne {first + refusal.line} ({_excerpt(lines[refusal.line] if refusal.line < len(lines) else '')}) : "
        f"{refusal.what} Sur Movilab, {refusal.wiki_fix[:1].lower()}{refusal.wiki_fix[1:]}"
        for refusal in found
    )


def _excerpt(line: str, width: int = 60) -> str:
    """The start of a line of the page, to find the passage on the wiki (control and format characters,
    which could rewrite the terminal or reverse the text, shown as spaces)."""
    shown = " ".join("".join(" " if unicodedata.category(c)[0] == "C" else c for c in line).split())
    return f"« {shown[:width]}{'…' if len(shown) > width else ''} »"


def _pulled(
    obs: Observation, target: str, text: str, theirs: str, latest: RemotePage, code: str, details: dict[str, Any]
) -> Step:
    """Commit `text` (credited to the wiki's authors) and record `theirs` as synced with `latest`."""
    return Step(
        "commit",
        code,
        target,
        obs.path,
        markdown=text,
        page=latest,
        old_title=obs.title if target != obs.title else "",
        theirs=theirs,
        editors=obs.remote.edits,
        details=details,
    )


def _pull_new(obs: Observation, conv: Converter, options: Options) -> list[Step]:
    assert obs.local is not None  # noqa: S101 - kind "new" has a file
    latest = _latest(obs)
    if latest is None:
        return []
    theirs = conv.to_markdown(latest.text, title=obs.title, local=obs.local.text)
    if theirs == obs.local.text and latest.user == options.bot:
        return [Step("record", "recorded-created", obs.title, obs.path, markdown=obs.local.text, page=latest)]
    return _report(obs, "exists")


def _pull_resolved(obs: Observation, conv: Converter) -> list[Step]:
    """A resolution waits for push, which merges in any wiki edit newer than the conflict."""
    return _report(obs, "resolution-pending")


def set_movilab(text: str, title: str, *, path: str) -> str:
    """The page with its `movilab:` key set to `title` (quoted as YAML needs)."""
    from sync.mirror import set_key

    return set_key(text, "movilab", title, path=path)


def is_failure(steps: list[Step]) -> bool:
    from sync.report import WORDING

    return any(s.kind == "report" and WORDING[s.code][0] == FAIL for s in steps)
