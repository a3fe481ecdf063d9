# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A system error (errno) in French: what happened and what to do, for every command of the project.

Why: os.strerror's words are English ("Permission denied", "Not a directory"), and a member meets them
when a folder they named cannot be made or written to (./dev build DOSSIER, ./dev wiki --dossier,
./dev check --sortie, python -m sync convert --out-dir) or when the sync cannot write a file.
Plain Python; one table, so the site's tools and the sync say the same thing.
"""

from __future__ import annotations

import errno

# errno -> (what happened, what to do), in French: the system's own words (strerror) are in English.
OS_ERRORS = {
    errno.ENOENT: ("introuvable, ou l'un des dossiers du chemin manque", "vérifiez le chemin"),
    errno.ENOSPC: ("disque plein", "libérez de la place sur le disque"),
    errno.EDQUOT: ("quota de disque atteint", "libérez de la place sur le disque"),
    errno.EACCES: ("permission refusée", "donnez à votre compte le droit de lire et d'écrire dans le dossier parent"),
    errno.EPERM: ("opération interdite", "donnez à votre compte le droit de lire et d'écrire dans le dossier parent"),
    errno.EROFS: (
        "disque en lecture seule",
        "travaillez dans une copie du dépôt sur un disque où vous pouvez écrire",
    ),
    errno.ENOTDIR: ("un fichier porte le nom d'un dossier du chemin", "renommez ou déplacez ce fichier"),
    errno.EEXIST: ("un fichier porte le nom d'un dossier du chemin", "renommez ou déplacez ce fichier"),
    errno.EISDIR: ("un dossier porte ce nom", "déplacez ce dossier hors du dépôt"),
    errno.ENAMETOOLONG: ("nom trop long", "choisissez un nom plus court"),
    errno.ELOOP: (
        "un lien symbolique a pris la place du fichier",
        "retirez ce lien (la synchronisation n'en suit aucun)",
    ),
    errno.EIO: ("erreur de lecture ou d'écriture du disque", "vérifiez le disque"),
}


def said(exc: OSError) -> tuple[str, str]:
    """What happened and what to do, in French, for a system error (its errno's name kept for searches)."""
    name = errno.errorcode.get(exc.errno or 0, "")
    what, todo = OS_ERRORS.get(exc.errno or 0, ("erreur du système", "vérifiez le disque et les droits du dossier"))
    return (f"{what}, {name}" if name else what), todo


def path_refused(path: object, exc: OSError) -> str:
    """A path given by the user that the system refused: the path, what happened, what to do."""
    what, _ = said(exc)  # (the sync's advice speaks of its own files: a path typed by the user wants another)
    return f"« {path} » ({what}) : choisissez un autre chemin ou corrigez ses droits."
