# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The HTTP session's reading of the environment: proxies and their exceptions, as requests reads them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sync.transport import Transport


class Recorder:
    """A local HTTP server that answers every request and notes the request line's target."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                recorder.seen.append(self.path)
                body = b'{"ok": 1}'
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def recorders() -> Iterator[tuple[Recorder, Recorder]]:
    made = (Recorder(), Recorder())
    yield made
    for recorder in made:
        recorder.server.shutdown()
        recorder.server.server_close()


def test_every_request_goes_through_the_environment_proxy_and_no_proxy_hosts_go_direct(recorders, monkeypatch):
    proxy, wiki = recorders
    for name in [n for n in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY") for n in (n, n.lower())]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", proxy.url)
    monkeypatch.setenv("no_proxy", "127.0.0.1")  # an address: a fresh root may have no /etc/hosts for "localhost"
    transport = Transport()
    elsewhere = "http://wiki.example.org/api.php"
    for _ in range(2):  # read once, applied to each request
        assert transport.get(elsewhere, params={"action": "query"}).json() == {"ok": 1}
    assert proxy.seen == [f"{elsewhere}?action=query&maxlag=5"] * 2
    direct = wiki.url + "/api.php"
    assert transport.get(direct, params={"action": "query"}).json() == {"ok": 1}
    assert wiki.seen == ["/api.php?action=query&maxlag=5"]
    assert len(proxy.seen) == 2
    assert transport.count == 3


def test_the_sending_thread_is_told_when_its_request_has_left_before_the_answer(recorders, monkeypatch):
    """push.Decisions waits for it: the next page is converted while the wiki works, not while the request is built."""
    wiki, _ = recorders
    for name in [n for n in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY") for n in (n, n.lower())]:
        monkeypatch.delenv(name, raising=False)
    transport = Transport()
    told: list[int] = []
    transport.on_sent = lambda: told.append(transport.count)  # answers received when told
    url = wiki.url + "/api.php"
    assert transport.get(url, params={"action": "query"}).json() == {"ok": 1}
    assert transport.get(url, params={"action": "query"}).json() == {"ok": 1}  # the same connection, kept alive
    assert told == [0, 1] and transport.count == 2  # each time before its answer was read
    # Another session's request (the same connection classes, in this thread) says nothing.
    import requests

    assert requests.get(url, params={"action": "query"}, timeout=10).json() == {"ok": 1}
    assert len(told) == 2
    transport.on_sent = None
    transport.get(url, params={"action": "query"})
    assert len(told) == 2
