# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The build downloads pages' external images (privacy plugin): never from the machine or its network.

A page could otherwise make the build fetch a cloud metadata address or a
local service and publish the answer in site/assets/external/. The real build
is tested with private addresses written in a page; the download itself
(commons.external.GuardedRequests, real sockets, real local servers) with
names whose DNS answer changes from one lookup to the next, redirects, TLS
and oversized answers. The network is played at the socket boundary only: a
resolver that answers what the test says, and a route from the "public"
addresses it gives to local servers.
"""

from __future__ import annotations

import http.server
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
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
    yield from _server(_Recorder)


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
        '<img src="http://169.254.169.254/latest/meta-data/iam/security-credentials/role" alt="">\n\n'
        # spaces around "=": the reader's browser would load it from its own machine
        f'<img alt="" src = "http://127.0.0.1:{port}/egal.png">\n',
    )
    commit_all(site)
    done = build(site, strict=strict)
    no_traceback(done)
    assert done.returncode == (1 if strict else 0), done.stderr[-3000:]
    assert f"image externe « http://127.0.0.1:{port}/boucle.png » refusée" in done.stderr
    assert "169.254.169.254" in done.stderr and "réseau privé ou sur la machine elle-même" in done.stderr
    assert f"image externe « http://127.0.0.1:{port}/egal.png » refusée" in done.stderr
    assert seen == []
    page = (site.root / "site" / "boite-a-outils" / "images" / "index.html").read_text(encoding="utf-8")
    assert "127.0.0.1" not in page and "169.254.169.254" not in page
    published = site.root / "site"
    assert not any(CANARY in p.read_bytes() for p in published.rglob("*") if p.is_file())


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
        ("https://example.org/logo.svg", True),
        ("https://example.org/page.HTML?x=1", True),
        ("https://example.org/flux.xml", True),
        ("http://example.org:99999/a.png", True),  # no such port: a malformed address
    ],
)
def test_which_addresses_may_be_fetched(url: str, refused: bool) -> None:
    names = {"example.org": ["93.184.215.14"], "localhost": ["127.0.0.1", "::1"], "2130706433": ["127.0.0.1"]}

    assert (external.refusal(url, lambda host, port: names[host]) is not None) is refused


# -- the download, with the network played at the socket boundary -----------------------------

PUBLIC = "93.184.215.14"  # what the test's resolver answers for a public server
REDIRECTED = "93.184.215.15"
PNG = b"\x89PNG\r\n\x1a\n image publique"


class _Public(http.server.BaseHTTPRequestHandler):
    """The "public" image server: answers an image, a redirect (?vers=…) or a huge body (/lourd)."""

    seen: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("Host", "")))
        if self.path.startswith("/vers="):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/vers="))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        size = external.MAX_BYTES + 1 if self.path == "/lourd" else len(PNG)
        kinds = {"/image-svg.png": "image/svg+xml", "/image-html.png": "text/html; charset=utf-8"}
        self.send_response(200)
        self.send_header("Content-Type", kinds.get(self.path, "image/png"))
        self.send_header("Content-Length", str(size))
        self.end_headers()
        if self.path == "/lourd":
            block = b"\0" * 65536
            for _ in range(size // len(block) + 1):
                self.wfile.write(block)
        else:
            self.wfile.write(PNG)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Network:
    """What the test's resolver answers for each name, and what it was asked."""

    answers: dict[str, list[list[str]]] = field(default_factory=dict)  # name -> successive answers
    asked: list[str] = field(default_factory=list)
    routes: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)  # "public" -> local


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> Network:
    played = Network()
    real_getaddrinfo = socket.getaddrinfo
    real_socket = socket.socket

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in played.answers:
            return real_getaddrinfo(host, port, *args, **kwargs)
        played.asked.append(host)
        answers = played.answers[host]
        current = answers.pop(0) if len(answers) > 1 else answers[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, int(port))) for a in current]

    class Routed(real_socket):  # type: ignore[misc,valid-type]
        def connect(self, address: Any) -> None:
            super().connect(played.routes.get(tuple(address), address))

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "socket", Routed)
    return played


def _server(handler: type[http.server.BaseHTTPRequestHandler], tls: Path | None = None) -> Iterator[tuple[int, list]]:
    seen: list[Any] = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("H", (handler,), {"seen": seen}))
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls / "cert.pem", tls / "key.pem")
        context.sni_callback = lambda sock, name, ctx: seen.append(("sni", name))  # type: ignore[assignment,misc]
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield int(server.server_address[1]), seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def public() -> Iterator[tuple[int, list]]:
    yield from _server(_Public)


def test_a_name_that_changes_its_answer_reaches_only_the_address_checked(network, public, local_service) -> None:
    """DNS rebinding: public at the check, the machine itself right after. One lookup, one address."""
    port, seen = public
    local_port, local_seen = local_service
    network.answers["images.example.org"] = [[PUBLIC], ["127.0.0.1"]]
    network.routes[(PUBLIC, local_port)] = ("127.0.0.1", port)
    response = external.GuardedRequests().get(f"http://images.example.org:{local_port}/photo.png", timeout=5)
    assert response.content == PNG
    assert seen == [("/photo.png", f"images.example.org:{local_port}")]  # the Host header kept the name
    assert local_seen == []  # the second answer, 127.0.0.1, was never used
    assert network.asked == ["images.example.org"]


def test_a_name_with_one_private_address_among_public_ones_is_refused(network, local_service) -> None:
    local_port, local_seen = local_service
    network.answers["mixte.example.org"] = [[PUBLIC, "127.0.0.1"]]
    with pytest.raises(requests.exceptions.ConnectionError, match="réseau privé ou sur la machine elle-même"):
        external.GuardedRequests().get(f"http://mixte.example.org:{local_port}/", timeout=5)
    assert local_seen == []


@pytest.mark.parametrize(
    "target", ["http://127.0.0.1:{local}/", "http://rebond.example.org:{local}/", "file:///etc/passwd"]
)
def test_a_public_server_that_redirects_inside_is_refused(network, public, local_service, target: str) -> None:
    port, seen = public
    local_port, local_seen = local_service
    network.answers["images.example.org"] = [[PUBLIC]]
    network.answers["rebond.example.org"] = [["169.254.169.254"]]
    network.routes[(PUBLIC, 80)] = ("127.0.0.1", port)
    with pytest.raises(requests.exceptions.RequestException, match="refusé"):
        external.GuardedRequests().get("http://images.example.org/vers=" + target.format(local=local_port), timeout=5)
    assert len(seen) == 1 and local_seen == []


def test_an_oversized_answer_is_refused(network, public) -> None:
    port, _seen = public
    network.answers["images.example.org"] = [[PUBLIC]]
    network.routes[(PUBLIC, 80)] = ("127.0.0.1", port)
    with pytest.raises(requests.exceptions.RequestException, match="fichier de plus de 20 Mo"):
        external.GuardedRequests().get("http://images.example.org/lourd", timeout=5)


@pytest.mark.parametrize("path", ["/logo.svg", "/page.html", "/vers=/page.xhtml", "/image-svg.png", "/image-html.png"])
def test_an_image_the_browser_would_run_is_refused(network, public, path: str) -> None:
    """Copied to assets/external/, an SVG or HTML answer would run with the site's rights if opened."""
    port, _seen = public
    network.answers["images.example.org"] = [[PUBLIC]]
    network.routes[(PUBLIC, 80)] = ("127.0.0.1", port)
    with pytest.raises(requests.exceptions.InvalidURL, match="exécuterait son code"):
        external.GuardedRequests().get("http://images.example.org" + path, timeout=5)


def test_https_keeps_the_name_for_tls_and_the_certificate(tmp_path: Path, network) -> None:
    """The socket goes to the checked address; TLS still names the server, and its certificate is checked."""
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=images.example.org", "-addext", "subjectAltName=DNS:images.example.org"),
            *("-keyout", "key.pem", "-out", "cert.pem"),
        ],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    for port, seen in _server(_Public, tls=tmp_path):
        network.answers["images.example.org"] = [[PUBLIC]]
        network.answers["autre.example.org"] = [[PUBLIC]]
        network.routes[(PUBLIC, 443)] = ("127.0.0.1", port)
        guarded = external.GuardedRequests()
        response = guarded.get("https://images.example.org/photo.png", timeout=5, verify=str(tmp_path / "cert.pem"))
        assert response.content == PNG
        assert ("sni", "images.example.org") in seen and ("/photo.png", "images.example.org") in seen
        with pytest.raises(requests.exceptions.SSLError):  # a certificate for another name is refused
            guarded.get("https://autre.example.org/photo.png", timeout=5, verify=str(tmp_path / "cert.pem"))


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "apercu"])
def test_an_image_that_cannot_be_downloaded_is_named_in_french_without_a_traceback(
    tmp_path: Path, strict: bool
) -> None:
    """A mistyped image address (or a machine without DNS, where even `localhost` does not resolve): the
    privacy plugin kept the missing file and MkDocs ended in a FileNotFoundError traceback."""
    site = make_attack_site(tmp_path)
    url = "https://nexistepas.invalid/photo.png"  # .invalid never resolves (RFC 6761)
    site.write(
        "boite-a-outils/photo.md",
        f"---\ntitle: Photo\ndescription: D.\nthèmes: [a]\npublic: [tous]\nsources: [essai]\n---\n\nTexte.\n\n![Photo]({url})\n",
    )
    commit_all(site)
    done = build(site, strict=strict)
    no_traceback(done)
    assert done.returncode == (1 if strict else 0), done.stderr[-3000:]
    assert f"boite-a-outils/photo.md, ligne 11 : image externe « {url} » impossible à télécharger" in done.stderr
    assert "Couldn't retrieve" not in done.stderr
