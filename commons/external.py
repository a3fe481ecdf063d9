# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Addresses the build itself downloads: only public Internet servers.

So that readers load nothing from another server, Material's privacy plugin
downloads every external image of a page at build time and publishes the copy
with the site. A page is written by a member (or comes from the open wiki), so
`<img src="http://169.254.169.254/…">` would make the build machine fetch its
cloud credentials, or `http://127.0.0.1:…` a local service, and publish the
answer. What may pass: http and https addresses whose server resolves only to
public (global) addresses, also after each redirect. Anything else is refused
before a request is made.

Not covered: a name whose DNS answer changes between the check and the
request (DNS rebinding) — the README says so.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from commons.pages import Problem

MAX_REDIRECTS = 5
Resolver = Callable[[str, int], list[str]]


def _resolve(host: str, port: int) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def refusal(url: str, resolve: Resolver = _resolve) -> str | None:
    """Why the build must not fetch `url` (in French); None when it is a public web address."""
    if url.startswith("//"):
        url = "http:" + url
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return "adresse mal formée"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "seules les adresses http et https d'un serveur public sont téléchargées"
    host = parts.hostname
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in resolve(host, port)]
        except (OSError, UnicodeError, ValueError):
            return None  # no address at all: the download fails by itself, nothing is reached
    for address in addresses:
        if not address.is_global:
            return f"le serveur « {host} » est sur un réseau privé ou sur la machine elle-même ({address})"
    return None


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            src = dict(attrs).get("src") or ""
            if re.match(r"(?:https?:)?//", src, re.I):
                self.found.append(src)


# The privacy plugin's own way of finding what it downloads; each tag found is then parsed properly.
_IMG_TAG = re.compile(r"<img[^>]+src=['\"]?(?:https?:)?//[^>]+>", re.I)


def external_images(html: str) -> list[str]:
    """The external image addresses of a page's HTML: what the privacy plugin would download."""
    if "<img" not in html:  # most pages: no parsing at all
        return []
    parser = _Images()
    for tag in _IMG_TAG.findall(html):
        parser.feed(tag)
    parser.close()
    return parser.found


def withhold_private_images(html: str, path: str, resolve: Resolver = _resolve) -> tuple[str, list[Problem]]:
    """The page's HTML without the external images the build must not fetch, and a problem for each."""
    problems = []
    for url in dict.fromkeys(external_images(html)):
        reason = refusal(url, resolve)
        if reason is None:
            continue
        problems.append(
            Problem(
                path,
                1,
                None,
                f"image externe « {url} » refusée : {reason}. Enregistrez l'image dans docs/ et liez-la par son chemin.",
            )
        )
        for spelling in {url, escape(url)}:
            html = re.sub(rf"""(<img\b[^>]*?\bsrc=)(["']?){re.escape(spelling)}\2""", r'\1""', html, flags=re.I)
    return html, problems


class GuardedRequests:
    """Stands in for the `requests` module inside the privacy plugin: its one `get` checks every hop."""

    exceptions = requests.exceptions

    def __init__(self, resolve: Resolver = _resolve) -> None:
        self._resolve = resolve

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        kwargs.pop("allow_redirects", None)
        for _ in range(MAX_REDIRECTS + 1):
            reason = refusal(url, self._resolve)
            if reason:
                raise requests.exceptions.InvalidURL(f"téléchargement refusé : {reason}")
            response = requests.get(url, allow_redirects=False, **kwargs)  # noqa: S113 - the caller sets the timeout
            if not response.is_redirect:
                return response
            url = urljoin(url, response.headers.get("location", ""))
        raise requests.exceptions.TooManyRedirects(f"plus de {MAX_REDIRECTS} redirections")
