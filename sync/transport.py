# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The HTTP session every wiki request goes through: maxlag, retries, counting.

mwclient takes a `pool` (a requests.Session); giving it this one puts the
politeness rules Movilab's operators expect in one place, for every request
mwclient makes, login included: `maxlag` on each call, `Retry-After` honoured,
bounded exponential backoff on 5xx and 429 (see backoff.py). It also counts
requests, which is how the request budgets are measured and tested.

It also tells, through `on_sent`, when a request of the calling thread has left and its answer is
awaited: another thread of the sync's can then work without slowing the building of that
request (see push.Decisions).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from sync.backoff import Backoff
from sync.errors import WikiError

USER_AGENT = "communs-tiers-lieux-sync/1.0 (+https://reuse.software; mwclient)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

_sending = threading.local()  # .on_sent: the callback of the request this thread is sending, if any


class _Announcing:
    """A connection that calls the sending thread's `on_sent` once a request is written, before its answer
    is awaited (urllib3 writes the whole request, then asks for the answer). Nothing else changes:
    certificates and host names are checked by the HTTPS connection as before."""

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        callback = getattr(_sending, "on_sent", None)
        if callback is not None:
            callback()
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_Announcing, HTTPConnection):
    pass


class _HTTPSConnection(_Announcing, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class Transport(requests.Session):
    """requests.Session adding maxlag and retries; `count` is the number of HTTP requests sent."""

    def __init__(self, *, maxlag: int = 5, backoff: Callable[[], Backoff] = Backoff, timeout: float = 60.0) -> None:
        super().__init__()
        self.maxlag = str(maxlag)
        self.backoff = backoff
        self.timeout = timeout
        self.count = 0
        self.headers["User-Agent"] = USER_AGENT
        self._environment: dict[tuple[Any, ...], dict[str, Any]] = {}
        # Called (in the sending thread) when a request has left and its answer is awaited. Requests
        # sent through a proxy (another pool manager) do not call it: its users must not depend on it.
        self.on_sent: Callable[[], None] | None = None
        for adapter in self.adapters.values():
            manager = getattr(adapter, "poolmanager", None)
            if manager is not None:
                manager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def merge_environment_settings(self, url: str, proxies: Any, stream: Any, verify: Any, cert: Any) -> dict[str, Any]:
        """requests' proxies and certificate settings from the environment, read once per scheme and host.

        requests reads them again for every request: it walks the whole environment twice
        (urllib's getproxies) to find the proxies and the hosts that bypass them, which was
        half of its own work for each request of a push. The environment does not change
        during a run, and the choice depends only on the scheme and the host (no_proxy).
        """
        parts = urlsplit(url)
        given = tuple(sorted((proxies or {}).items()))
        key = (parts.scheme, parts.netloc, given, stream, verify, cert, self.trust_env)
        found = self._environment.get(key)
        if found is None:
            found = super().merge_environment_settings(
                url, None if proxies is None else dict(proxies), stream, verify, cert
            )
            self._environment[key] = found
        if proxies is not None:
            proxies.update(found["proxies"])
        return {**found, "proxies": dict(found["proxies"])}

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        for key in ("params", "data"):
            value = kwargs.get(key)
            if isinstance(value, dict) and "action" in value:
                kwargs[key] = {**value, "maxlag": self.maxlag}
        kwargs.setdefault("timeout", self.timeout)
        # A redirect would carry the request (login included) to whatever host it names.
        kwargs["allow_redirects"] = False
        policy = self.backoff()
        _sending.on_sent = self.on_sent
        try:
            return self._send(policy, method, url, *args, **kwargs)
        finally:
            _sending.on_sent = None

    def _send(self, policy: Backoff, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:
        while True:
            try:
                response = super().request(method, url, *args, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                self.count += 1
                if policy.wait(None):
                    continue
                raise WikiError(
                    f"le wiki ne répond pas ({type(exc).__name__}) après {policy.tries} essais : "
                    "vérifiez l'adresse MOVILAB_API et réessayez plus tard.",
                    api_code="connection",
                ) from None
            self.count += 1
            if response.is_redirect:
                raise WikiError(
                    f"l'adresse {url.split('?', 1)[0]} renvoie vers {response.headers.get('Location', '?')} : la "
                    "synchronisation ne suit pas les redirections (elle y enverrait le mot de passe du robot). "
                    "Si c'est bien la nouvelle adresse de l'API, mettez-la dans MOVILAB_API.",
                    api_code=f"http-{response.status_code}",
                )
            lagged = "x-database-lag" in response.headers
            if not lagged and response.status_code not in RETRY_STATUSES:
                return response
            if policy.wait(response.headers.get("Retry-After")):
                continue
            reason = "base de données en retard (maxlag)" if lagged else f"HTTP {response.status_code}"
            raise WikiError(
                f"le wiki est surchargé ({reason}) et l'est resté après {policy.tries} essais "
                f"({policy.waited:.0f} s d'attente) : rien d'autre n'a été modifié, relancez plus tard.",
                api_code="maxlag" if lagged else f"http-{response.status_code}",
            )
