# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""`python -m sync resolve CHEMIN`: the deliberate act that closes a conflict.

When both sides changed the same lines, the sync writes both versions, with
git's markers, to `conflits-movilab/<chemin>`, commits that file and
remembers in the state which wiki revision was shown. A conflict is closed
only by a deliberate act, never by some later commit that happens to touch
the page:

- `resolve CHEMIN` takes the text the user edited (the conflict file, or the
  page itself), refuses it while it holds conflict markers, writes it to
  `docs/<chemin>`, deletes the conflict file and commits both, credited to the
  wiki editors whose text it holds; `--garder git` or `--garder wiki` settle
  every conflicting passage for one side, keeping both sides' other changes;
- or a commit that deletes `conflits-movilab/<chemin>` (from a forge's web
  editor, for instance): `docs/<chemin>` as committed is then the resolution.

Push then sends the resolution based on the revision the user saw; a wiki
edit made since is merged in, or is a new conflict.
"""

from __future__ import annotations

from sync import safety
from sync.act import author_email
from sync.decide import marker_line
from sync.errors import ConfigError
from sync.history import PageCommit, same_blob
from sync.report import Outcome
from sync.state import CONFLICT_DIR, STATE_FILE, lf, same_text, text_sha256
from sync.workspace import Workspace


def pick(text: str, side: str) -> str:
    """Settle every conflicting passage of a diff3 conflict text for `side` (git or wiki)."""
    out: list[str] = []
    part = ""  # "" outside a conflict, else ours | base | theirs
    for line in text.splitlines(keepends=True):
        if line.startswith("<<<<<<<"):
            part = "ours"
        elif line.startswith("|||||||") and part:
            part = "base"
        elif line.rstrip("\r\n") == "=======" and part:
            part = "theirs"
        elif line.startswith(">>>>>>>") and part:
            part = ""
        elif not part or (part == "ours" and side == "git") or (part == "theirs" and side == "wiki"):
            out.append(line)
    return "".join(out)


def _rel(ws: Workspace, argument: str) -> str:
    rel = argument.replace("\\", "/").removeprefix("./")
    for prefix in (ws.settings.docs_prefix + "/", CONFLICT_DIR + "/"):
        rel = rel.removeprefix(prefix)
    return rel


def resolve(ws: Workspace, argument: str, keep: str | None = None) -> Outcome:
    """Close the conflict of one page (see module); returns the outcome to report."""
    ws.require_branch("resolve")
    rel = _rel(ws, argument)
    safety.check_doc_path(rel)
    entry = ws.state.by_path().get(rel)
    if entry is None or entry.conflict is None:
        raise ConfigError(
            "aucun conflit en cours pour cette page (python -m sync status liste les conflits).", path=f"docs/{rel}"
        )
    conflict = entry.conflict
    conflict_rel = ws.conflict_path(rel)
    both = safety.read_text(ws.root, ws.root / conflict_rel)
    page = safety.read_text(ws.root, ws.settings.docs_dir / rel)
    if page is None:
        raise ConfigError("le fichier de la page n'existe plus : restaurez-le, puis relancez.", path=f"docs/{rel}")
    # What the resolution is decided on: a file saved again before the commit writes is left as saved.
    read = {ws.repo_path(rel): page.encode("utf-8"), conflict_rel: None if both is None else both.encode("utf-8")}
    both_edited = both is not None and not same_blob(read[conflict_rel], conflict.file_blob)
    page_edited = not same_text(page, conflict.local_sha256)
    # Committed with LF, as the sync writes every page: an editor on Windows may save CRLF, which a
    # repository normalising line ends (core.autocrlf) must not receive as the blob.
    both, page = (None if both is None else lf(both)), lf(page)
    if keep is not None:
        if both is None or both_edited:
            raise ConfigError(
                f"--garder {keep} choisit dans {conflict_rel} tel que la synchronisation l'a écrit, mais il a été "
                "modifié ou supprimé : résolvez sans --garder (votre texte est alors pris tel quel).",
                path=conflict_rel,
            )
        if page_edited:
            raise ConfigError(
                f"--garder {keep} remplacerait vos modifications de docs/{rel} depuis le conflit : "
                "résolvez sans --garder.",
                path=f"docs/{rel}",
            )
        text, source = pick(both, keep), conflict_rel
    elif both_edited and page_edited:
        raise ConfigError(
            f"{conflict_rel} et docs/{rel} ont tous deux été modifiés depuis le conflit : gardez votre travail dans "
            "un seul des deux (copiez-le dans l'autre, ou annulez l'un), puis relancez.",
            path=f"docs/{rel}",
        )
    elif both_edited and both is not None:
        text, source = both, conflict_rel
    elif page_edited:
        text, source = page, f"docs/{rel}"
    else:
        raise ConfigError(
            f"rien n'a été modifié depuis le conflit : réunissez les deux versions dans {conflict_rel} (ou dans "
            f"docs/{rel}) puis relancez, ou choisissez un côté pour tous les passages en conflit avec "
            "--garder git ou --garder wiki.",
            path=f"docs/{rel}",
        )
    line = marker_line(text)
    if line:
        raise ConfigError(
            "le texte contient encore des marqueurs de conflit (<<<<<<<, =======, >>>>>>>) : gardez ce qu'il faut "
            "des deux versions, retirez ces lignes, puis relancez. Rien n'a été modifié.",
            path=source,
            line=line,
        )
    conflict.resolved = text_sha256(text)
    name, email, when = ws.repo.author_ident()
    trailers = [f"Movilab-Revision: {conflict.revid}"]
    trailers += [f"Co-authored-by: {who} <{author_email(ws, who)}>" for who in conflict.editors if who != name]
    message = (
        f"Movilab : conflit résolu pour « {entry.title} »\n\n"
        f"Réunit le texte du dépôt et celui de {ws.settings.page_url(entry.title)} (rév. {conflict.revid}, "
        f"licence {ws.settings.licence_name}).\n\n" + "\n".join(trailers) + "\n"
    )
    files: dict[str, str | bytes | None] = {ws.repo_path(rel): text, STATE_FILE: ws.state.dumps()}
    if both is not None or ws.repo.tree_blobs([conflict_rel]):
        files[conflict_rel] = None
    ws.repo.commit([PageCommit(name, email, when, message, files)], read=read)
    ws.notes.extend(ws.kept_notes("resolve"))
    kept = {
        "git": " (version git gardée là où les deux côtés différaient)",
        "wiki": " (version Movilab gardée là où les deux côtés différaient)",
    }
    return Outcome("resolved", entry.title, rel, {"kept": kept.get(keep or "", "")})
