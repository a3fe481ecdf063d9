# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Refuse wiki titles and paths that would write outside docs/ or into .git.

Titles come from the wiki (untrusted: anyone can edit Movilab) and paths from
the state file or the command line; both end up as files we write. So every
path is checked here before any write: relative, no `..`, no NUL or control
character, no `.git` component, a `.md` file, and still inside docs/ once
symbolic links are resolved.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath

from sync.errors import UnsafeTitleError

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ILLEGAL_TITLE = re.compile(r"[#<>\[\]|{}]")


def check_title(title: str) -> str:
    """Return the title normalised like MediaWiki does (spaces, first capital), or refuse it."""
    if _CONTROL.search(title):
        raise UnsafeTitleError(
            "titre refusé : il contient un caractère de contrôle (NUL, retour à la ligne…).", title=repr(title)
        )
    norm = " ".join(title.replace("_", " ").split())
    if not norm:
        raise UnsafeTitleError("titre vide : indiquez le titre de la page Movilab.", title=title)
    if (
        _ILLEGAL_TITLE.search(norm)
        or norm.startswith(("/", ".", ":"))
        or "/../" in f"/{norm}/"
        or "/./" in f"/{norm}/"
        or len(norm.encode()) > 255
    ):
        raise UnsafeTitleError(
            "titre refusé : il ne peut pas être un titre de page Movilab sûr "
            "(caractères interdits, chemin relatif ou trop long).",
            title=norm,
        )
    return norm[0].upper() + norm[1:]


def safe_doc_path(docs_dir: Path, rel: str, *, title: str | None = None) -> Path:
    """Resolve a docs-relative path, refusing anything that escapes docs/ or touches .git."""
    problem = None
    if not rel or _CONTROL.search(rel):
        problem = "chemin vide ou contenant un caractère de contrôle"
    else:
        pure = PurePosixPath(rel.replace("\\", "/"))
        if pure.is_absolute() or re.match(r"^[A-Za-z]:", rel):
            problem = "chemin absolu"
        elif any(part == ".." for part in pure.parts):
            problem = "chemin qui remonte hors de docs/ (..)"
        elif any(part.lower() in (".git", ".gitmodules", ".github", ".gitlab") for part in pure.parts):
            problem = "chemin dans .git ou dans la configuration de la forge"
        elif pure.suffix != ".md":
            problem = "ce n'est pas un fichier Markdown (.md)"
    if problem is None:
        target = (docs_dir / rel).resolve()
        root = docs_dir.resolve()
        if target != root and root not in target.parents:
            problem = "chemin qui sort de docs/ (lien symbolique)"
        else:
            return target
    raise UnsafeTitleError(
        f"chemin refusé ({problem}) : choisissez un fichier .md à l'intérieur de docs/, "
        "par exemple boite-a-outils/ma-fiche.md.",
        path=repr(rel) if problem else rel,
        title=title,
    )


def slug(title: str) -> str:
    """A file name for a wiki title: lowercase ASCII words joined by hyphens."""
    ascii_ = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_.lower())
    return "-".join(words)[:80] or "page"
