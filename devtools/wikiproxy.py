# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A small HTTP proxy in front of the real local wiki: it counts requests and can inject faults.

The request count is what a real wiki makes slow, so the tests and the bench
measure it at the wire, here. Faults a real MediaWiki cannot be made to
produce on demand (503, maxlag, Retry-After) are answered by the proxy
instead of forwarding; everything else reaches the real wiki.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Called with the request's path and body; returns (status, headers, body) to answer instead, or None.
Fault = Callable[[str], tuple[int, dict[str, str], bytes] | None]
# Called once the real wiki has answered; returns True to drop that answer (the client never gets it).
After = Callable[[str], bool]

_HOP_BY_HOP = ("transfer-encoding", "connection", "content-length", "content-encoding")


class WikiProxy:
    """Forwards to `upstream` (the wiki's base URL); `requests` lists what was asked, in order."""

    def __init__(self, upstream: str, fault: Fault | None = None, after: After | None = None) -> None:
        self.upstream = upstream
        self.fault = fault
        self.after = after
        self.requests: list[str] = []
        self.times: list[float] = []  # when each request had fully arrived (time.monotonic)
        self.answered: dict[int, float] = {}  # request index -> when the wiki's answer was in hand
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        # shutdown() waits for the serving loop to look at its flag: every 0.5 s by default, so each
        # test that closed a proxy waited up to half a second for nothing.
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def api_url(self) -> str:
        return self.url + "/api.php"

    @property
    def count(self) -> int:
        return len(self.requests)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as mwclient's session expects
            # The answer goes out in two writes (headers, then body). With Nagle's algorithm the
            # body waits for the client to acknowledge the headers, and on a kept-alive connection
            # Linux delays that acknowledgement by up to 40 ms: every request of a client that
            # reuses its connection (the sync's session) took 40 ms longer than the wiki's own
            # answer, while a client opening a connection per request did not. Web servers
            # (nginx, Apache, PHP's own) send without that delay; so does the proxy now.
            disable_nagle_algorithm = True

            def log_message(self, *args: object) -> None:
                pass

            def _answer(self, status: int, headers: list[tuple[str, str]], payload: bytes) -> None:
                self.send_response(status)
                for key, value in headers:
                    if key.lower() not in _HOP_BY_HOP:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                seen = self.path + "\n" + body.decode("latin-1")
                with proxy._lock:
                    index = len(proxy.requests)
                    proxy.requests.append(seen)
                    proxy.times.append(time.monotonic())
                injected = proxy.fault(seen) if proxy.fault else None
                if injected is not None:
                    status, headers, payload = injected
                    self._answer(status, list(headers.items()), payload)
                    return
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() not in ("host", "accept-encoding", "connection")
                }
                request = urllib.request.Request(  # noqa: S310 - the local wiki's URL
                    proxy.upstream + self.path, data=body or None, headers=headers, method=self.command
                )
                try:
                    with urllib.request.urlopen(request, timeout=120) as resp:  # noqa: S310
                        status, payload, out = resp.status, resp.read(), resp.headers
                except urllib.error.HTTPError as exc:
                    status, payload, out = exc.code, exc.read(), exc.headers
                proxy.answered[index] = time.monotonic()
                if proxy.after is not None and proxy.after(seen):
                    self.close_connection = True  # the work is done upstream; the answer is lost
                    return
                self._answer(status, list(out.items()), payload)

            do_GET = _forward
            do_POST = _forward

        return Handler
