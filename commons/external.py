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

The address checked is the address connected to: each connection resolves the
name once, refuses it if any of its addresses is not public, and connects to
one of those very addresses (`connect_public`), while the request keeps the
name for its Host header, TLS name (SNI) and certificate check. A name whose
DNS answer changes between a check and the connection (DNS rebinding) thus
gains nothing. No proxy from the environment is used: a proxy would resolve
the name again, beyond our check. A download is also bounded in size and time,
and an SVG, HTML or XML answer is refused whatever its address says: the copy
is served from the site's own address, where a browser opening it would run
its scripts with the site's rights.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Callable
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlparse, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

from commons import docs_tree
from commons.pages import Problem

MAX_REDIRECTS = 5
MAX_BYTES = 20 * 1024 * 1024  # an image heavier than this is not a page's image
MAX_SECONDS = 60  # for one download, however slowly the server answers
Resolver = Callable[[str, int], list[str]]
# What a browser runs when it opens the file directly: the copy would be served from the site's own
# address (assets/external/…), where its scripts would have the site's rights.
ACTIVE_SUFFIXES = docs_tree.ACTIVE_SUFFIXES
ACTIVE_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "application/xml", "text/xml", "image/svg+xml", "application/xslt+xml"}
)
ACTIVE = (
    "une image SVG, une page HTML ou un fichier XML copié sur le site y exécuterait son code : "
    "enregistrez l'image en PNG ou en JPEG dans docs/"
)


def _resolve(host: str, port: int) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def refusal(url: str, resolve: Resolver = _resolve) -> str | None:
    """Why the build must not fetch `url` (in French); None when it is a public web address."""
    if url.startswith("//"):
        url = "http:" + url
    reason = _form_refusal(url)
    if reason:
        return reason
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    host = parts.hostname or ""  # never empty: _form_refusal refused an address without a host
    try:
        ipaddress.ip_address(host)
        addresses = [host]
    except ValueError:
        try:
            addresses = resolve(host, port)
        except (OSError, UnicodeError, ValueError):
            return None  # no address at all: the download fails by itself, nothing is reached
    return address_refusal(host, addresses)


def address_refusal(host: str, addresses: list[str]) -> str | None:
    """Why the build must not connect to `host` at these addresses (in French); None when all are public."""
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
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


NOT_COPIED = (
    "le module privacy de mkdocs.yml ne copie pas les images de cette adresse (réglages assets_exclude, "
    "assets_include ou assets_fetch), et le navigateur du lecteur la demanderait à ce serveur"
)


def withhold_private_images(
    html: str,
    path: str,
    resolve: Resolver = _resolve,
    wiki_files: str = "",
    not_copied: Callable[[str], bool] = lambda url: False,
    source: tuple[str, int] = ("", 1),
) -> tuple[str, list[Problem], list[tuple[str, str]]]:
    """The page's HTML with a placeholder for each external image the build must not fetch, or that the
    privacy plugin would leave at its address (`not_copied`, the plugin's own exclusion rules): a problem
    for each (a mistake of the page), or a notice, its address and why (the build goes on), when the
    image is a file of the wiki (`wiki_files`, its Special:FilePath address), which anyone may write.
    `source`: the page's text under its header and the file line where it starts, to name the image's line."""
    problems: list[Problem] = []
    notices: list[tuple[str, str]] = []
    refused: set[str] = set()
    for url in dict.fromkeys(external_images(html)):
        reason = refusal(url, resolve) or (NOT_COPIED if not_copied(url) else None)
        if reason is None:
            continue
        if is_wiki_file(url, wiki_files):
            notices.append((url, reason))
        else:
            where = found_at(as_fetched(url), {path: source})[0]
            problems.append(
                Problem(
                    path,
                    where[1] if where[0] == path else 1,
                    None,
                    f"image externe « {url} » refusée : {reason}. Enregistrez l'image dans docs/ et liez-la par son chemin.",
                )
            )
        refused.add(url)
    return without_images(html, refused), problems, notices


PLACEHOLDER = "Image indisponible"


def is_wiki_file(url: str, wiki_files: str) -> bool:
    """Whether `url` is a file shown from the wiki (what the pull writes for `[[Fichier:…]]`)."""
    return bool(wiki_files) and url.startswith(wiki_files)


def wiki_file_unavailable(url: str, wiki_files: str, reason: str) -> str:
    """What the build report says of a wiki file it shows as a placeholder (in French)."""
    name = unquote(url[len(wiki_files) :]).replace("_", " ")
    return (
        f"l'image « Fichier:{name} » du wiki n'est pas publiée ({reason}) ; la page est publiée avec "
        f"l'encadré « {PLACEHOLDER} » à sa place. Sur Movilab, téléversez l'image en PNG ou en JPEG "
        "sous ce nom, ou retirez-la de la page, puis récupérez-la (python -m sync pull)"
    )


def without_images(html: str, urls: set[str]) -> str:
    """`html` with each <img> whose src is one of `urls` replaced by a visible placeholder naming its alt.

    The whole tag goes: neither the reader's browser nor a later rewrite (the privacy plugin) can
    find the address in it. The placeholder is made of the alt text alone, escaped."""
    if not urls:
        return html
    spelled = {as_fetched(url) for url in urls}
    return _IMG_TAG_READ.sub(lambda tag: _placeholder(tag.group(0), spelled), html)


def as_fetched(url: str) -> str:
    """An image address as Material's privacy plugin spells it when it fetches it, and in its warning
    when that fails: `urlparse(src).geturl()`, `http:` before `//`. That spelling differs from the
    page's (`HTTP://`, an empty `?` or `#` dropped), and a page's address must be compared in it, or
    the placeholder misses the image and the reader's browser fetches it from the third party.
    Without its fragment: no request carries it, and the plugin adds it again to the address it
    fetches each time a page shows the image (`x.gif#a#a#a`)."""
    url = url.strip(" \t\n\r\f")  # as a browser reads a src
    try:
        url = urlparse(url)._replace(fragment="").geturl()
    except ValueError:  # an unreadable address (`http://[x`): the plugin cannot fetch it either
        return url
    return "http:" + url if url.startswith("//") else url


def _placeholder(tag: str, urls: set[str]) -> str:
    attributes = _img_attributes(tag)
    if as_fetched(attributes.get("src", "")) not in urls:
        return tag
    return _placeholder_for(attributes)


def feed_without_foreign_images(html: str, site_url: str) -> str:
    """A feed item's description (HTML) with a placeholder for each image not served by the site itself.

    A feed reader shows the description as HTML and fetches its images, and the privacy plugin rewrites
    the pages only: an image of a fiche's description, or of the first lines the feed takes from a page,
    reached each subscriber's reader from the third party's server. What may stay: an image whose
    address, as a browser reads it, is relative to the site (no scheme, not `//` nor `/\\`) or under
    `site_url`."""
    if "<img" not in html.lower():
        return html
    return _IMG_TAG_READ.sub(lambda tag: _feed_image(tag.group(0), site_url), html)


def _feed_image(tag: str, site_url: str) -> str:
    attributes = _img_attributes(tag)
    src = re.sub(r"[\t\n\r]", "", attributes.get("src", "").strip(" \t\n\r\f"))  # as a browser reads it
    base = site_url if site_url.endswith("/") else site_url + "/"
    relative = bool(src) and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|[/\\]{2}", src) and "\\" not in src
    on_site = relative or (site_url.startswith(("https://", "http://")) and src.startswith(base))
    return tag if on_site else _placeholder_for(attributes)


def _img_attributes(tag: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for attribute in _ATTRIBUTE.finditer(tag[4:]):
        name, value = attribute.group(1).lower(), attribute.group(2)
        if value is None or name in attributes:
            continue  # a browser keeps the first of an attribute written twice
        attributes[name] = unescape(value[1:-1] if value[:1] in ("'", '"') else value)
    return attributes


def _placeholder_for(attributes: dict[str, str]) -> str:
    alt = " ".join(attributes.get("alt", "").split())
    text = f"{PLACEHOLDER} : {alt}" if alt else PLACEHOLDER
    return f'<span class="image-indisponible" role="img" aria-label="{escape(text)}">[{escape(text)}]</span>'


# The page's HTML has been through commons/sanitize.py: a tag's attribute values are quoted with " or ',
# or bare. Its attributes are read one after the other, each value whole, so that "src=" written
# inside another attribute's value (a title) is never taken for the src: emptying it there would
# close that value early and make the rest of the title attributes of the image (onerror=…).
_IMG_TAG_READ = re.compile(r"""<img\b(?:"[^"]*"|'[^']*'|[^"'>])*>""", re.I)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


class PrivateAddress(OSError):
    """The name resolved to an address the build must not reach; the message says which, in French."""


def connect_public(host: str, port: int, timeout: float | None) -> socket.socket:
    """A socket connected to `host`, resolved once: refused if any of its addresses is not public.

    The addresses checked are the ones tried, in the resolver's order: no second
    resolution can send the connection elsewhere.
    """
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    reason = address_refusal(host, [str(info[4][0]) for info in found])
    if reason:
        raise PrivateAddress(reason)
    error: OSError = OSError(f"aucune adresse pour « {host} »")
    for family, kind, proto, _name, address in found:
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(address)
        except OSError as failed:
            sock.close()
            error = failed
            continue
        return sock
    raise error


class _CheckedHTTPConnection(HTTPConnection):
    """urllib3's connection, connecting through connect_public; the request still names the host."""

    def _new_conn(self) -> socket.socket:
        timeout = self.timeout if isinstance(self.timeout, (int, float)) else socket.getdefaulttimeout()
        try:
            sock = connect_public(self.host, self.port, timeout)
        except OSError as error:
            raise NewConnectionError(self, f"téléchargement refusé ou impossible : {error}") from error
        for option in self.socket_options or ():
            sock.setsockopt(*option)
        return sock


class _CheckedHTTPSConnection(HTTPSConnection):
    """The same for https: TLS then runs over the checked socket, with the host's name (SNI, certificate)."""

    _new_conn = _CheckedHTTPConnection._new_conn


class _CheckedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _CheckedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


class _CheckedAdapter(HTTPAdapter):
    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _CheckedHTTPPool, "https": _CheckedHTTPSPool}


def _form_refusal(url: str) -> str | None:
    """Why `url` may not be fetched, from its form alone (its address is checked when connecting)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (an impossible port makes the address malformed too)
    except ValueError:
        return "adresse mal formée"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "seules les adresses http et https d'un serveur public sont téléchargées"
    if PurePosixPath(parts.path).suffix.lower() in ACTIVE_SUFFIXES:
        return ACTIVE
    return None


class GuardedRequests:
    """Stands in for the `requests` module inside the privacy plugin: its one `get` checks every hop.

    Each address it could not download is added to `failed`, spelled as the plugin asked for it. The
    plugin's own warning ("Couldn't retrieve {url}: {error}") cannot tell where an address holding
    ": " ends, and an image missed there kept its third-party address in the page."""

    exceptions = requests.exceptions

    def __init__(self, failed: list[str] | None = None) -> None:
        self.failed = [] if failed is None else failed

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        try:
            response = self._get(url, **kwargs)
        except Exception:
            self.failed.append(as_fetched(url))
            raise
        if not response.ok:  # the plugin's raise_for_status() fails it
            self.failed.append(as_fetched(url))
        return response

    def _get(self, url: str, **kwargs: Any) -> requests.Response:
        kwargs.pop("allow_redirects", None)
        kwargs.pop("stream", None)
        with requests.Session() as session:
            session.trust_env = False  # no proxy, no .netrc: the connection is ours to check
            adapter = _CheckedAdapter()
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            for _ in range(MAX_REDIRECTS + 1):
                reason = _form_refusal(url)
                if reason:
                    raise requests.exceptions.InvalidURL(f"téléchargement refusé : {reason}")
                response = session.get(url, allow_redirects=False, stream=True, **kwargs)
                if not response.is_redirect:
                    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    if kind in ACTIVE_TYPES:
                        response.close()
                        raise requests.exceptions.InvalidURL(f"téléchargement refusé ({kind}) : {ACTIVE}")
                    return _read_bounded(response)
                response.close()
                url = urljoin(url, response.headers.get("location", ""))
        raise requests.exceptions.TooManyRedirects(f"plus de {MAX_REDIRECTS} redirections")


def _read_bounded(response: requests.Response) -> requests.Response:
    """The response with its body read, refused past MAX_BYTES or MAX_SECONDS."""
    body = bytearray()
    deadline = time.monotonic() + MAX_SECONDS
    with response:
        for chunk in response.iter_content(64 * 1024):
            body += chunk
            if len(body) > MAX_BYTES:
                raise requests.exceptions.ContentDecodingError(f"fichier de plus de {MAX_BYTES // 1024 // 1024} Mo")
            if time.monotonic() > deadline:
                raise requests.exceptions.Timeout(f"téléchargement de plus de {MAX_SECONDS} secondes")
    response._content = bytes(body)  # what `response.content` returns once the stream is read
    return response


def download_failed(url: str) -> str:
    """What a member reads when an external image of a page could not be downloaded (in French)."""
    return (
        f"image externe « {url} » impossible à télécharger (adresse fausse, serveur introuvable ou "
        "injoignable) : corrigez l'adresse, ou enregistrez l'image dans docs/ et liez-la par son chemin"
    )


def failed_download_problems(urls: list[str], bodies: dict[str, tuple[str, int]]) -> list[Problem]:
    """A problem on each page (and line) that shows an image the build could not download.

    `bodies`: each page's text under its header, and the file line where that text starts."""
    problems = []
    for url in dict.fromkeys(urls):
        for path, line in found_at(url, bodies):
            problems.append(Problem(path, line, None, download_failed(url) + "."))
    return problems


def found_at(url: str, bodies: dict[str, tuple[str, int]]) -> list[tuple[str, int]]:
    """Each page (and line) whose text shows `url`; mkdocs.yml when none does (a theme's asset).

    `url` is spelled as the privacy plugin writes it (`as_fetched`): a page may write it `HTTP://…`
    or `//…`, with an empty `?` or `#`, or with characters the HTML percent-encodes (`"`). Pages
    that write it exactly are named first; else those that write it without its scheme, or decoded."""
    tail = url.split(":", 1)[1] if url.lower().startswith(("http:", "https:")) else url
    for spellings in ((url, escape(url)), (tail, escape(tail), unquote(tail), escape(unquote(tail)))):
        where = []
        for path, (body, first) in bodies.items():
            found = [at for s in spellings if (at := _shown_at(body, s)) is not None]
            if found:
                where.append((path, first + body.count("\n", 0, min(found)[1])))
        if where:
            return where
    for path, (body, first) in bodies.items():  # written with character references (`&#x70;`): decoded
        decoded = (f for f in _IMAGE_ADDRESS.finditer(body) if "&" in f.group(1))
        offset = next((f.start(1) for f in decoded if as_fetched(unescape(f.group(1))) == url), None)
        if offset is not None:
            where.append((path, first + body.count("\n", 0, offset)))
    return where or [("mkdocs.yml", 1)]


# Where a page shows an image: after `![alt](` or `src=`, not in a link to the same address. A tag is
# read up to the next "<" as well as ">": a page of unclosed `<img` made each one read to the end (the
# build's time grew with the square of their number).
_IMAGE_BEFORE = r"(?:!\[[^\]\n]*\]\(\s*<?|<img\b[^<>]*?\bsrc\s*=\s*[\"']?)"
_IMAGE_ADDRESS = re.compile(_IMAGE_BEFORE + r"""([^\s"'<>)]+)""", re.I)


def _shown_at(body: str, spelling: str) -> tuple[int, int] | None:
    """Where `spelling` is in the page, as (0, offset) where the page shows it as an image, else
    (1, its first offset anywhere: an image written otherwise); None when the page does not hold it."""
    found = re.search(_IMAGE_BEFORE + re.escape(spelling), body, re.I)
    if found is not None:
        return 0, found.end() - len(spelling)
    at = body.find(spelling)
    return None if at < 0 else (1, at)
