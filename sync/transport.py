# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The HTTP session every wiki request goes through: maxlag, retries, counting.

mwclient takes a `pool` (a requests.Session); giving it this one puts the
politeness rules Movilab's operators expect in one place, for every request
mwclient makes, login included: `maxlag` on each call, `Retry-After` honoured,
bounded exponential backoff on 5xx and 429 (see backoff.py). It also counts
requests, which is how the request budgets are measured and tested.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import requests

from sync.backoff import Backoff
from sync.errors import WikiError

USER_AGENT = "communs-tiers-lieux-sync/1.0 (+https://reuse.software; mwclient)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


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
