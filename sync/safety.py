# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Paths the sync reads and writes: inside the repository, never through a symbolic link.

Paths come from the state file, the command line, wiki titles (anyone can edit
Movilab) and the branch being synced (a pull request can commit a symbolic
link: `conflits-movilab` → `/home/…`, `docs/images` → `../.git`). So every
path is checked here, at one place, before anything is read or written:

- relative, no `..`, no NUL or control character, no `.git` component, a `.md`
  file for pages;
- no component, from the repository root down to the file itself, may be a
  symbolic link, and a file read or replaced must be a plain file.

Writes go to a temporary file in the same folder, flushed, then renamed over
the target: a reader (or a crash) sees the old or the new content, never half.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath

from commons.os_french import said
from sync.errors import SyncError, UnsafeTitleError

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
NAME_MAX = 255  # bytes in one file or folder name, on the file systems of Linux and macOS


class LinkError(SyncError):
    """A path the sync would read or write goes through a symbolic link (or is no plain file)."""

    exit_code = 2


def check_doc_path(rel: str, *, title: str | None = None, suffix: str | None = ".md") -> PurePosixPath:
    """Refuse a docs-relative path that is absolute, climbs out, touches .git or is no page."""
    problem = doc_path_problem(rel, suffix)
    if problem:
        raise UnsafeTitleError(
            f"chemin refusé ({problem}) : choisissez un fichier .md à l'intérieur de docs/, "
            "par exemple boite-a-outils/ma-fiche.md.",
            path=repr(rel),
            title=title,
        )
    return PurePosixPath(rel.replace("\\", "/"))


def doc_path_problem(rel: str, suffix: str | None = ".md") -> str | None:
    """What is wrong with a docs-relative path (see check_doc_path), or None. The pages found in docs/ are
    checked too: a path the state file cannot hold would be synced once, then refused by every run."""
    problem = None
    pure = PurePosixPath(rel.replace("\\", "/")) if rel else PurePosixPath()
    if not rel or _CONTROL.search(rel):
        problem = "chemin vide ou contenant un caractère de contrôle"
    elif not _utf8(rel):
        problem = "nom qui n'est pas en UTF-8"
    elif pure.is_absolute() or re.match(r"^[A-Za-z]:", rel):
        problem = "chemin absolu"
    elif any(part == ".." for part in pure.parts):
        problem = "chemin qui remonte hors de docs/ (..)"
    elif any(part.lower() in (".git", ".gitmodules", ".github", ".gitlab") for part in pure.parts):
        problem = "chemin dans .git ou dans la configuration de la forge"
    elif suffix and pure.suffix != suffix:
        problem = "ce n'est pas un fichier Markdown (.md)"
    elif any(len(part.encode("utf-8", "surrogatepass")) > NAME_MAX for part in pure.parts):
        problem = f"nom de fichier ou de dossier trop long : au plus {NAME_MAX} octets entre deux « / »"
    return problem


def _utf8(text: str) -> bool:
    """A name read from the disk in another encoding holds the lone surrogates Python decodes it with."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_path(rel: str) -> str:
    """A path as a message can print it: bytes not in UTF-8 as \\xe9, control characters as \\t or \\x01."""
    text = os.fsencode(rel).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], text)


def safe_doc_path(docs_dir: Path, rel: str, *, title: str | None = None) -> Path:
    """A docs page's path, checked as a name (see check_doc_path); links are checked on access."""
    check_doc_path(rel, title=title)
    return docs_dir / rel


def _inside(root: Path, target: Path) -> PurePosixPath:
    try:
        return PurePosixPath(target.relative_to(root).as_posix())
    except ValueError:
        raise LinkError(f"chemin hors du dépôt : {target}.") from None


def check_no_link(root: Path, target: Path, *, shown: str | None = None, folder: bool = False) -> None:
    """Refuse when any component of `target` below `root` is a symbolic link, or it is no plain file
    (no folder, with `folder`)."""
    rel = _inside(root, target)
    current = root
    name = shown or rel.as_posix()
    if not rel.parts:
        return
    for part in rel.parts:
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return
        except OSError as exc:  # too long a name, a folder it may not read
            what, todo = said(exc)
            raise SyncError(f"impossible de lire ce chemin ({what}) : {todo}, puis relancez.", path=name) from None
        if stat.S_ISLNK(info.st_mode):
            raise LinkError(
                f"{current.relative_to(root).as_posix()} est un lien symbolique : la synchronisation ne lit ni "
                "n'écrit jamais à travers un lien (il pourrait mener hors du dépôt). Remplacez-le par un vrai "
                "dossier ou une copie du fichier, puis relancez.",
                path=name,
            )
        if current != target and not stat.S_ISDIR(info.st_mode):
            raise LinkError(
                f"{current.relative_to(root).as_posix()} n'est pas un dossier : un fichier y porte le nom d'un "
                "dossier du chemin. Renommez ou déplacez ce fichier (ou choisissez un autre chemin), puis relancez.",
                path=name,
            )
    if folder and not stat.S_ISDIR(info.st_mode):
        raise LinkError("ce n'est pas un dossier.", path=name)
    if not folder and not stat.S_ISREG(info.st_mode):
        kind = "un dossier" if stat.S_ISDIR(info.st_mode) else "un fichier spécial (tube, périphérique ou socket)"
        raise LinkError(
            f"ce n'est pas un fichier ordinaire mais {kind} : la synchronisation n'y lit ni n'y écrit rien. "
            "Déplacez-le hors du dépôt, puis relancez.",
            path=name,
        )


def read_bytes(root: Path, target: Path) -> bytes | None:
    """A plain file's bytes (None when absent), never through a link."""
    check_no_link(root, target)
    # O_NONBLOCK: a pipe put there since the check is not waited on; the file opened is checked
    # again (fstat), and its descriptor closed whatever happens (os.fdopen of a folder's leaked it).
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(target, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        check_no_link(root, target)  # a link put there since the check (ELOOP): said as such
        what, todo = said(exc)
        raise SyncError(
            f"impossible de lire ce fichier ({what}) : {todo}, puis relancez.", path=_inside(root, target).as_posix()
        ) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.close(descriptor)
            descriptor = -1
            check_no_link(root, target)  # says what it is (a folder, a pipe), in French
            raise LinkError(
                "ce n'est pas un fichier ordinaire : déplacez-le hors du dépôt, puis relancez.",
                path=_inside(root, target).as_posix(),
            )
        handle = os.fdopen(descriptor, "rb")
        descriptor = -1  # the file object owns it now
        with handle:
            return handle.read()
    finally:
        if descriptor >= 0:
            os.close(descriptor)


def read_text(root: Path, target: Path) -> str | None:
    data = read_bytes(root, target)
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SyncError("fichier illisible : il n'est pas en UTF-8.", path=_inside(root, target).as_posix()) from None


def write(root: Path, target: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Replace `target` atomically; refuses if it, or a folder on the way, is a symbolic link.

    The new content is complete before it replaces the old one, so a killed process leaves
    one or the other, never a mix. `durable` also flushes it to the disk first (fsync), which
    only matters if the machine itself loses power: `durable=False` is for progress records
    that a rerun can rebuild, written many times per run (see Workspace.save_state).
    """
    check_no_link(root, target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file in the way, a folder it may not write to, a read-only disk
        raise _unwritable(root, target, exc, folder=True) from None
    check_no_link(root, target.parent, folder=True)  # mkdir may have met a link created meanwhile
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _unwritable(root, target, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk, a read-only folder: said in French, never a traceback
            raise _unwritable(root, target, exc) from None
        raise


def make_room(root: Path, target: Path, *, nothing_done: str) -> list[Path]:
    """Make the folders `target` needs and check a new file can be written in the last one, without
    writing `target`: what a command checks before it commits a file that the commit then writes
    (import). On a refusal the folders it made are removed again and the error says `nothing_done`
    (nothing changed); else returns those folders, for `unmake` if the command stops before its commit."""
    check_no_link(root, target)
    made = [p for p in reversed(target.parents) if p.is_relative_to(root) and not os.path.lexists(p)]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        unmake(made)
        raise _unwritable(root, target, exc, folder=True, then=nothing_done) from None
    try:
        check_no_link(root, target.parent, folder=True)
        fd, probe = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        unmake(made)
        raise _unwritable(root, target, exc, inside=True, then=nothing_done) from None
    except BaseException:
        unmake(made)
        raise
    return made


def unmake(made: list[Path]) -> None:
    """Remove the folders make_room made, if they are still empty."""
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:
            return


def _unwritable(
    root: Path, target: Path, exc: OSError, *, folder: bool = False, inside: bool = False, then: str | None = None
) -> SyncError:
    what, todo = said(exc)
    where = "impossible d'écrire ce fichier"
    if folder or inside:
        made = Path(os.fsdecode(exc.filename)) if folder and exc.filename else target.parent
        shown = made.relative_to(root).as_posix() if made.is_relative_to(root) else made.name
        where = (
            f"impossible de créer le dossier {shown}/" if folder else f"impossible d'écrire dans le dossier {shown}/"
        )
    after = f" ({then})" if then else " (ce qui a déjà été envoyé ou reçu n'est pas perdu : elle le retrouve)"
    return SyncError(
        f"{where} ({what}) : {todo}, puis relancez la même commande{after}.", path=_inside(root, target).as_posix()
    )


def remove(root: Path, target: Path) -> None:
    """Delete a plain file (never a link's target); empty folders it leaves are removed too."""
    check_no_link(root, target)
    try:
        target.unlink()
    except FileNotFoundError:
        return
    parent = target.parent
    while parent != root:
        try:
            parent.rmdir()
        except OSError:
            return
        parent = parent.parent


def slug(title: str) -> str:
    """A file name for a wiki title: lowercase ASCII words joined by hyphens."""
    ascii_ = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_.lower())
    return "-".join(words)[:80] or "page"
