# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""One root error for the whole sync, one subclass per failure the user can act on.

Every error carries where it happened (file, line, wiki title, API code) as
attributes, so the command line can print it and tests can check it, and its
message says in French what failed and how to fix it. Credentials never go
into a message.
"""

from __future__ import annotations


class SyncError(Exception):
    """Root of every error the sync reports to its user."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        title: str | None = None,
        api_code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.title = title
        self.api_code = api_code

    def __str__(self) -> str:
        where = []
        if self.path:
            where.append(f"{self.path}:{self.line}" if self.line else self.path)
        if self.title:
            where.append(f"page wiki « {self.title} »")
        prefix = f"{', '.join(where)} : " if where else ""
        return prefix + self.message


class ConfigError(SyncError):
    """The settings (mkdocs.yml, environment) are missing or wrong: a usage error."""

    exit_code = 2


class ConversionError(SyncError):
    """A construct cannot be converted faithfully; converting it would lose data."""


class WikiError(SyncError):
    """The wiki answered with an error the sync cannot recover from."""


class WikiAuthError(WikiError):
    """Login failed or the session is not a logged-in user: nothing is edited."""

    exit_code = 2


class EditConflict(WikiError):
    """The wiki page changed since it was last read; nothing was overwritten."""


class UnsafeTitleError(SyncError):
    """A wiki title would map to a path outside docs/ (or into .git): refused."""

    exit_code = 2


class UnfinishedCommit(SyncError):
    """A commit of the sync moved HEAD, but the index and the files could not follow: the run stops
    there. Its journal is what the rerun finishes the commit from, and the next commit of the same run
    would write over it (then find HEAD moved, and drop it): the index would keep staging the undoing
    of the first commit."""

    def __init__(self, why: str) -> None:
        why = why.split(", puis relancez")[0].rstrip(" .")  # said once, below, with what the rerun does
        super().__init__(
            f"les commits de la synchronisation sont faits, mais l'index et les fichiers n'ont pas pu les suivre "
            f"({why}) ; relancez la même commande avant tout commit : elle termine la mise à jour (un commit fait "
            "avant annulerait ce que la synchronisation vient de commiter)."
        )


class RaceError(SyncError):
    """Files the sync read and decided on were changed while it ran: nothing was committed."""

    def __init__(self, paths: list[str]) -> None:
        what = "modifié ou supprimé" if len(paths) == 1 else f"fichiers modifiés ou supprimés ({', '.join(paths)})"
        super().__init__(
            f"{what} pendant la synchronisation, après sa lecture (pendant l'attente du wiki) : rien n'a été "
            "commité ni écrit, vos modifications sont intactes. Enregistrez-les dans un commit (ou annulez-les), "
            "puis relancez la même commande : elle reprendra les modifications de Movilab.",
            path=paths[0] if len(paths) == 1 else None,
        )
        self.paths = paths


# Lines git itself writes begin with one of these; any other line of its error output was written by a
# hook of the repository (its own words, shown as they are: they say why it refused).
_GIT_PREFIXES = ("fatal:", "error:", "warning:", "hint:", "fast-import:", "usage:")


def git_failure(command: str, stderr: str) -> str:
    """A git command that failed, said in French: what happened and what to do, git's own English kept
    only as a marked detail for the causes not known here."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    own = [line for line in lines if not line.lower().startswith(_GIT_PREFIXES)]
    text = " ".join(lines).lower()
    if "aborted by hook" in text or "hook declined" in text:
        said = f" ; il a répondu : « {' '.join(own)} »" if own else ""
        return (
            f"git {command} a échoué : un crochet git du dépôt (hook « reference-transaction », dans .git/hooks/ "
            f"ou le dossier de core.hooksPath) a refusé la mise à jour de la branche{said}. Rien n'a été commité : "
            "laissez ce crochet accepter la synchronisation (ou lancez-la sur une branche qu'il laisse écrire), "
            "puis relancez la même commande."
        )
    if "no space left on device" in text or "disk quota exceeded" in text:
        return f"git {command} a échoué : disque plein ; libérez de la place sur le disque, puis relancez la même commande."
    if "permission denied" in text:
        return (
            f"git {command} a échoué : permission refusée dans le dépôt ; donnez à votre compte le droit d'écrire "
            "dans le dépôt (et dans .git/), puis relancez la même commande."
        )
    detail = " ".join(lines)[:500]
    return (
        f"git {command} a échoué (message de git, en anglais : « {detail} »)." if detail else f"git {command} a échoué."
    )
