# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Web origins: the one reader of the addresses that decide where the sync may send a request.

Used for the file servers the coordinator names (MOVILAB_FILES, settings.py) and for the file
addresses the wiki's answers give (images.py): both are compared as a browser compares origins.
"""

from __future__ import annotations

from urllib.parse import urlsplit

Origin = tuple[str, str, int]  # scheme, host, port
DEFAULT_PORTS = {"http": 80, "https": 443}


def web_origin(url: str) -> Origin | None:
    """Scheme, host and port of an http(s) address, the host lower-case and without its trailing dot.

    None for anything else, and for an address that urllib and the HTTP library could read otherwise,
    or that would carry more than the request: a user name or password, a space, a character Unicode
    does not print (control, format, separator), a `\\`, a port that is no number, out of range or 0,
    a `[` left open, what NFKC turns into `@`.
    """
    if not url.isprintable() or " " in url or "\\" in url:
        return None
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        port = DEFAULT_PORTS.get(scheme, 0) if parts.port is None else parts.port
    except ValueError:
        return None
    if scheme not in DEFAULT_PORTS or not parts.hostname or "@" in parts.netloc or port == 0:
        return None
    return scheme, parts.hostname.removesuffix("."), port


def shown(origin: Origin) -> str:
    scheme, host, port = origin
    return f"{scheme}://{host}:{port}"
