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
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import random
import socket
import tempfile
from pathlib import Path

LOCKS = Path(tempfile.gettempdir()) / "communs-ports"
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


def free_port() -> int:
    """A loopback port no other process asking here can get, free now, for a server to bind."""
    LOCKS.mkdir(mode=0o1777, parents=True, exist_ok=True)
    ports = port_range()
    first = random.randrange(len(ports))  # noqa: S311 - spreads the choices, not a secret
    for k in range(len(ports)):
        port = ports[(first + k) % len(ports)]
        if port in _held or not _reserve(port):
            continue
        if _bindable(port):
            return port
        _release(port)
    raise RuntimeError(f"aucun port libre entre {ports.start} et {ports.stop - 1} sur 127.0.0.1")


def _reserve(port: int) -> bool:
    try:
        fd = os.open(LOCKS / f"{port}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
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
