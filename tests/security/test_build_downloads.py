# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The build downloads pages' external images (privacy plugin): never from the machine or its network.

A page could otherwise make the build fetch a cloud metadata address or a
local service and publish the answer in site/assets/external/.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import requests

from commons import external
from tests.security.conftest import build, commit_all, make_attack_site, no_traceback

CANARY = b"CANARI-service-local-0b9e"


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(CANARY)))
        self.end_headers()
        self.wfile.write(CANARY)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def local_service() -> Iterator[tuple[int, list[str]]]:
    seen: list[str] = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("R", (_Recorder,), {"seen": seen}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield int(server.server_address[1]), seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "apercu"])
def test_images_on_private_addresses_are_never_fetched(tmp_path: Path, local_service, strict: bool) -> None:
    port, seen = local_service
    site = make_attack_site(tmp_path)
    site.write(
        "boite-a-outils/images.md",
        "---\ntitle: Images\ndescription: D.\nthèmes: [a]\npublic: [tous]\nsources: [essai]\n---\n\n"
        f'<img src="http://127.0.0.1:{port}/boucle.png" alt="">\n\n'
        f"![Nom local](http://localhost:{port}/nom.png)\n\n"
        f'<img src="//127.0.0.1:{port}/sans-schema.png" alt="">\n\n'
        '<img src="http://169.254.169.254/latest/meta-data/iam/security-credentials/role" alt="">\n',
    )
    commit_all(site)
    done = build(site, strict=strict)
    no_traceback(done)
    assert done.returncode == (1 if strict else 0), done.stderr[-3000:]
    assert f"image externe « http://127.0.0.1:{port}/boucle.png » refusée" in done.stderr
    assert "169.254.169.254" in done.stderr and "réseau privé ou sur la machine elle-même" in done.stderr
    assert seen == []
    published = site.root / "site"
    assert not any(CANARY in p.read_bytes() for p in published.rglob("*") if p.is_file())


def test_a_public_address_that_redirects_inside_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A redirect from a public server cannot be produced offline: one stub answer stands for it."""
    asked: list[str] = []

    def answer(url: str, **kwargs: Any) -> requests.Response:
        asked.append(url)
        response = requests.Response()
        response.status_code, response.url = 302, url
        response.headers["location"] = "http://169.254.169.254/latest/meta-data/"
        return response

    monkeypatch.setattr(requests, "get", answer)
    guarded = external.GuardedRequests(resolve=lambda host, port: ["93.184.215.14"])
    with pytest.raises(requests.exceptions.InvalidURL, match="réseau privé"):
        guarded.get("https://images.example.org/photo.png", timeout=5)
    assert asked == ["https://images.example.org/photo.png"]


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("https://example.org/a.png", False),
        ("http://127.0.0.1/a.png", True),
        ("http://[::1]/a.png", True),
        ("http://10.1.2.3/a.png", True),
        ("http://192.168.1.1/a.png", True),
        ("http://169.254.169.254/", True),
        ("http://0.0.0.0/", True),
        ("http://[::ffff:127.0.0.1]/", True),
        ("http://2130706433/", True),
        ("ftp://example.org/a.png", True),
        ("http://localhost:8080/a.png", True),
    ],
)
def test_which_addresses_may_be_fetched(url: str, refused: bool) -> None:
    names = {"example.org": ["93.184.215.14"], "localhost": ["127.0.0.1", "::1"], "2130706433": ["127.0.0.1"]}

    assert (external.refusal(url, lambda host, port: names[host]) is not None) is refused
