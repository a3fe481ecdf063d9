# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The onboarding kit as a PDF, printed by headless Chromium from the built printable page.

Usage, after `mkdocs build`:  python -m commons.pdf [SITE_DIR]

Chromium rather than a second HTML engine (WeasyPrint): the PDF then looks
like what a reader gets from "Imprimer" in their browser, and the browser
tests already need Chromium. The pages' links point at the PDF's place, so
this runs in the publish pipeline right after the build.

The page is not trusted: kit pages come from members and from the open wiki,
and the print runs on the build machine (in CI, next to the checkout's token).
So Chromium never opens it from `file://`, where a script could read any file
and print it into the PDF. It loads it from a loopback HTTP server that serves
only the built site, and that same server is Chromium's only proxy: a request
for any other address (another port of the machine, a cloud metadata service,
the Internet) is answered 403 without leaving the process. Scripts stay on,
because the print plugin builds the table of contents with one.
"""

from __future__ import annotations

import argparse
import http.server
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from commons.printable import announce_pdf

PRINT_PAGE = Path("kit-accueil-imprimable") / "index.html"
PDF_NAME = "kit-accueil.pdf"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS = 120
# The printable page's address for Chromium: a name that resolves nowhere, so that only the
# proxy below can answer it.
SITE_HOST = "kit.invalid"


class PdfError(Exception):
    """The PDF could not be made; the message says why and what to do, in French."""


def find_chromium() -> str:
    """CHROMIUM in the environment, else the first Chromium-like browser on PATH."""
    wanted = os.environ.get("CHROMIUM")
    if wanted:
        if shutil.which(wanted) is None:
            raise PdfError(f"CHROMIUM vaut « {wanted} », mais ce programme est introuvable.")
        return wanted
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(
        "Chromium est introuvable : installez-le (« apt-get install chromium » sur Debian) "
        "ou indiquez son chemin dans la variable CHROMIUM."
    )


def chromium_args(user_data_dir: Path) -> list[str]:
    """Flags for a headless run on a machine with no network, no GPU, and perhaps as root."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        f"--user-data-dir={user_data_dir}",
    ]


def isolation_args(proxy_port: int) -> list[str]:
    """Every request through the site's own server, loopback included; no name ever resolved."""
    return [
        f"--proxy-server=http://127.0.0.1:{proxy_port}",
        "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--disable-features=MediaRouter,OptimizationHints,Translate",
    ]


class _SiteHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of files under the built site, for SITE_HOST only; everything else is refused."""

    root: Path  # resolved

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _refuse(self) -> None:
        self.send_error(403, "hors du site")

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_CONNECT = _refuse

    def _serve(self, *, send_body: bool) -> None:
        target = self._file()
        if target is None:
            self.send_error(404 if self.path.startswith(("/", f"http://{SITE_HOST}/")) else 403)
            return
        data = target.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(target.name)[0] or "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def _file(self) -> Path | None:
        parts = urlsplit(self.path)
        if (parts.scheme or parts.netloc) and (parts.scheme != "http" or parts.netloc != SITE_HOST):
            return None  # another host: as a proxy, refuse to go anywhere
        relative = unquote(parts.path).lstrip("/")
        try:
            candidate = (self.root / relative).resolve()
            candidate.relative_to(self.root)  # no "..", and no link out of the site
        except (ValueError, OSError):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_site(site_dir: Path) -> Iterator[int]:
    """Serve `site_dir` on a free loopback port (as a site and as a proxy); yield the port."""
    handler = type("_Handler", (_SiteHandler,), {"root": site_dir.resolve()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def build_pdf(site_dir: Path, output: Path | None = None) -> Path:
    """Print the kit's printable page to PDF; return the PDF's path."""
    page = site_dir / PRINT_PAGE
    if not page.is_file():
        raise PdfError(
            f"la page imprimable du kit est absente ({page}) : construisez d'abord le site "
            "(« mkdocs build ») et vérifiez que le plugin print-site est activé dans mkdocs.yml."
        )
    target = output or page.parent / PDF_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    browser = find_chromium()
    with tempfile.TemporaryDirectory(prefix="kit-pdf-") as profile, serve_site(site_dir) as port:
        command = [
            browser,
            *chromium_args(Path(profile)),
            *isolation_args(port),
            "--no-pdf-header-footer",
            # Bookmarks from the headings: a reader jumps to a step from the PDF viewer's panel.
            "--generate-pdf-document-outline",
            # Lets the page's scripts (table of contents) finish before printing.
            "--virtual-time-budget=10000",
            f"--print-to-pdf={target.resolve()}",
            f"http://{SITE_HOST}/{PRINT_PAGE.parent.as_posix()}/",
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"Chromium n'a pas fini d'imprimer {page} en {TIMEOUT_SECONDS} s.") from exc
    if result.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise PdfError(
            f"Chromium n'a pas produit {target} (code {result.returncode}). Derniers messages :\n" + "\n".join(detail)
        )
    if output is None:  # the published PDF: the kit's pages may now link it, with its size
        announce(site_dir, target)
    return target


def announce(site_dir: Path, pdf: Path) -> None:
    """Show the PDF's links in the kit's pages and the printable page, with the file's size.

    The pages are written before the PDF exists; they carry its links hidden
    (commons.reading, commons.printable), so that a site built without the
    PDF (`mkdocs build`, `./dev site`) never links a missing file.
    """
    size = pdf.stat().st_size
    for folder in (site_dir / "kit-accueil", site_dir / PRINT_PAGE.parent):
        for page in sorted(folder.rglob("index.html")) if folder.is_dir() else []:
            html = page.read_text(encoding="utf-8")
            if "data-commons-pdf" in html:
                page.write_text(announce_pdf(html, size), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m commons.pdf",
        description="Fabrique le PDF du kit d'accueil à partir du site construit.",
    )
    parser.add_argument("site_dir", nargs="?", default="site", type=Path, help="dossier du site construit (site/)")
    parser.add_argument("-o", "--output", type=Path, help=f"fichier PDF à écrire (par défaut …/{PDF_NAME})")
    args = parser.parse_args(argv)
    try:
        path = build_pdf(args.site_dir, args.output)
    except PdfError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 1
    print(f"PDF du kit d'accueil : {path} ({path.stat().st_size // 1024} Ko)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
