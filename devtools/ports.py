# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Loopback ports for the servers the tests start, chosen without a race.

Why not "bind port 0, read it, close it": between the close and the server's own bind, another
process may get the same port from the kernel — the other half of `./dev test` asking the same
way, another engineer's run, or any program connecting out (the kernel takes those ports from
the same range). PHP's built-in server, decap-server and `mkdocs serve` all want a port number
on their command line, so they cannot be handed a socket already bound.

So a port is taken from below the kernel's ephemeral range (which the kernel never hands out by
itself) and reserved by an exclusive `flock` on a file named after it in a folder shared by every
process of the machine. The lock lives as long as this process (the kernel drops it when the
process ends, however it ends): no stale reservation, and no two processes that ask here ever get
the same port. A port some other program already listens on fails the bind check and is skipped.

The folder is the same for every user and every run, whatever TMPDIR says (two runs with
different TMPDIR would not see each other's locks otherwise): /tmp/communs-ports, sticky and open
to all (1777, set by chmod since mkdir's mode goes through the umask), so that engineers, CI's
root and a user without privileges share it. A lock file is created readable by all (0644,
whatever the umask) and always opened read-only: flock needs no more, so another user's lock
file can be locked too. In a folder anyone may write to, nothing is followed: the folder must be
a real directory (opened with O_NOFOLLOW, then used through its descriptor), a lock file is
opened with O_NOFOLLOW and O_NONBLOCK and must be a regular file, and only a file this process
has just created (O_EXCL) has its mode changed.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import random
import socket
import stat
from pathlib import Path

LOCKS = Path("/tmp/communs-ports")  # noqa: S108 - shared on purpose, see above
_SPAN = 12_000  # how many ports below the ephemeral range may be handed out
_held: dict[int, int] = {}  # port → the open lock file's descriptor, kept for the process's life


def port_range() -> range:
    """The ports handed out: just below the kernel's ephemeral range (32768 on Linux by default)."""
    low = 32768
    with contextlib.suppress(OSError, ValueError, IndexError):
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    start = max(1024, low - _SPAN)
    if low - start < 1000:  # an odd configuration leaves too few ports below it: use the ones above
        return range(max(start, 49152), 65536)
    return range(start, low)


class PortError(RuntimeError):
    """No port can be reserved; the message says why and what to do, in French."""


def free_port() -> int:
    """A loopback port no other process asking here can get, free now, for a server to bind."""
    folder = _open_folder()
    try:
        ports = port_range()
        first = random.randrange(len(ports))  # noqa: S311 - spreads the choices, not a secret
        for k in range(len(ports)):
            port = ports[(first + k) % len(ports)]
            if port in _held or not _reserve(folder, port):
                continue
            if _bindable(port):
                return port
            _release(port)
    finally:
        os.close(folder)
    raise PortError(
        f"aucun port libre entre {min(ports)} et {max(ports)} sur 127.0.0.1 : tous sont réservés par "
        f"d'autres tests en cours (verrous dans {LOCKS}) ou occupés par d'autres programmes. Attendez la fin "
        "des autres tests, ou arrêtez les serveurs restés ouverts (« ss -ltnp » les montre)."
    )


def _open_folder() -> int:
    """A descriptor of the shared lock folder, created open to all if missing; checked, never followed."""
    where = f"{LOCKS}, où les tests de tous les utilisateurs réservent leurs ports,"
    try:
        os.mkdir(LOCKS, 0o700)  # private until it is known to be ours, then opened to all below
    except FileExistsError:
        pass
    except OSError as exc:
        raise PortError(
            f"{where} ne peut pas être créé ({exc.strerror}) : vérifiez que /tmp existe et accepte "
            "l'écriture de tous (droits 1777)."
        ) from None
    try:
        folder = os.open(LOCKS, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as exc:
        what = "un lien symbolique" if LOCKS.is_symlink() else "un fichier et non un dossier"
        if exc.errno not in (errno.ENOTDIR, errno.ELOOP):
            what = f"illisible ({exc.strerror})"
        raise PortError(f"{where} est {what} : supprimez-le (« rm {LOCKS} »), les tests le recréeront.") from None
    info = os.fstat(folder)
    if info.st_uid == os.geteuid():
        if stat.S_IMODE(info.st_mode) != 0o1777:
            os.fchmod(folder, 0o1777)  # also mends a folder an earlier version left 0755 under root's umask
    elif not os.access(LOCKS, os.W_OK | os.X_OK):
        os.close(folder)
        raise PortError(
            f"{where} appartient à {_owner(info.st_uid)} et n'est pas ouvert aux autres utilisateurs : "
            f"demandez-lui (ou à root) de lancer « chmod 1777 {LOCKS} », ou de le supprimer quand aucun test "
            "ne tourne."
        )
    return folder


def _owner(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"l'utilisateur n° {uid}"


def _reserve(folder: int, port: int) -> bool:
    fd = _open_lock(folder, f"{port}.lock")
    if fd is None:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EACCES):
            return False
        raise
    _held[port] = fd
    return True


def _open_lock(folder: int, name: str) -> int | None:
    """The lock file, read-only (enough for flock), created readable by all; None if it cannot be used."""
    safe = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(name, safe | os.O_CREAT | os.O_EXCL, 0o644, dir_fd=folder)
    except FileExistsError:
        pass
    except OSError:
        return None
    else:
        os.fchmod(fd, 0o644)  # the umask may have taken the others' read right
        return fd
    try:  # someone's: a symlink fails (O_NOFOLLOW), a fifo does not block (O_NONBLOCK)
        fd = os.open(name, safe, dir_fd=folder)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return fd


def _release(port: int) -> None:
    fd = _held.pop(port, None)
    if fd is not None:
        os.close(fd)


def _bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
