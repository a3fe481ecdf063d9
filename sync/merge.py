# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Three-way merge of the Markdown, with `git merge-file`: a well-kept, well-known merge.

The base is the Markdown as last synced; "ours" the file in git; "theirs" the
wiki's current text converted to Markdown. A conflict leaves git's familiar
markers so the person resolving it sees both versions side by side.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from commons.os_french import said
from sync.errors import SyncError
from sync.state import lf


@dataclass(frozen=True)
class MergeResult:
    text: str
    conflicts: int


def merge3(base: str, ours: str, theirs: str, *, label: str = "") -> MergeResult:
    """The merged text, with LF line ends as the sync writes every page: a file checked out with CRLF
    (Git for Windows' core.autocrlf) holds the same lines as its base and the wiki's text, and every
    line of it would otherwise differ from theirs."""
    try:
        with tempfile.TemporaryDirectory(prefix="movilab-merge-") as tmp:
            return _merge_files(Path(tmp), base, ours, theirs, label)
    except OSError as exc:  # a full disk, a temporary folder it may not write to: French, never a traceback
        what, todo = said(exc)
        raise SyncError(
            f"impossible d'écrire les fichiers de la fusion dans le dossier temporaire {tempfile.gettempdir()} "
            f"({what}) : {todo} (ou choisissez un autre dossier avec la variable TMPDIR), puis relancez la même "
            "commande (rien n'a été modifié pour cette page).",
            path=label or None,
        ) from None


def _merge_files(tmp: Path, base: str, ours: str, theirs: str, label: str) -> MergeResult:
    paths = []
    for name, text in (("local", ours), ("base", base), ("wiki", theirs)):
        path = tmp / name
        path.write_text(lf(text), encoding="utf-8", newline="")
        paths.append(str(path))
    result = subprocess.run(
        [
            "git",
            "merge-file",
            "-p",
            "--diff3",
            "-L",
            f"dépôt git {label}".strip(),
            "-L",
            "dernière synchro",
            "-L",
            "Movilab",
            *paths,
        ],
        capture_output=True,
        check=False,
    )
    if result.returncode < 0 or result.returncode > 127:
        raise SyncError(f"git merge-file a échoué : {result.stderr.decode(errors='replace')}", path=label or None)
    return MergeResult(result.stdout.decode("utf-8"), result.returncode)
