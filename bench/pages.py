# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a first view of each page type costs a newcomer on a slow rural link, beside stock Material.

Builds this repository's site as published (hooks, overrides, Pagefind) and the
same docs/ with stock Material for MkDocs (its theme and search plugin, the
same Markdown extensions, no hook, no override), serves both under /communs/
with gzip as GitHub or GitLab Pages do, and opens each page type in Chromium
on a phone-sized screen with an empty cache and an emulated slow link
(400 kbit/s each way, 400 ms of latency). Prints, per page type, the bytes
transferred, the number of requests and the time until the network is idle,
with the ratio to stock Material (goal: at most 1.10).

    .venv/bin/python bench/pages.py [--runs 1]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from commons.config import load_yaml  # noqa: E402

PREFIX = "communs"
LINK = {"latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
PHONE = {"width": 390, "height": 844}
PAGE_TYPES = [
    ("accueil", ""),
    ("étape du kit", "kit-accueil/qu-est-ce-qu-un-tiers-lieu/"),
    ("index boîte à outils", "boite-a-outils/"),
    ("fiche", "boite-a-outils/budget-contributif/"),
    ("catalogue webinaires", "webinaires/"),
    ("webinaire", "webinaires/2019-11-21-finance-solidaire-pour-mon-tiers-lieu/"),
    ("charte", "charte/charte-du-reseau/"),
    ("page introuvable", "une-adresse-perdue/"),
]
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped text, and the site's own 404.html for a missing page."""

    not_found: Path

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return self._send(404, self.not_found.read_bytes(), "text/html; charset=utf-8")
        return self._send(200, path.read_bytes(), self.guess_type(str(path)))

    def _send(self, code: int, body: bytes, kind: str) -> Any:
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        zipped = accepts and (code == 404 or self.path.split("?")[0].endswith((*COMPRESSED, "/")))
        if zipped:
            body = gzip.compress(body, 6)
        self.send_response(code)
        self.send_header("Content-Type", kind)
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:PORT/communs/."""
    handler = functools.partial(
        type("_Site", (_GzipHandler,), {"not_found": site / "404.html"}), directory=str(site.parent)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{PREFIX}/"
    finally:
        server.shutdown()
        server.server_close()


def _mkdocs(config: Path, out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "--site-dir", str(out)]
    done = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (out / "index.html").is_file():
        raise SystemExit(f"la construction a échoué ({config}) :\n{done.stderr[-3000:]}")


def build_ours(work: Path) -> Path:
    out = work / "ours" / PREFIX
    _mkdocs(ROOT / "mkdocs.yml", out)
    return out


def build_stock(work: Path) -> Path:
    """The same pages with stock Material: its theme and search, the same Markdown, nothing of ours."""
    ours = load_yaml(ROOT / "mkdocs.yml")
    source = work / "stock-src"
    shutil.copytree(ROOT / "docs", source / "docs")
    config = {
        "site_name": ours.get("site_name"),
        "site_url": ours.get("site_url"),
        "theme": {"name": "material", "language": "fr"},
        "plugins": [{"search": {"lang": "fr"}}],
        "markdown_extensions": ours.get("markdown_extensions", []),
    }
    (source / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    out = work / "stock" / PREFIX
    _mkdocs(source / "mkdocs.yml", out)
    return out


@dataclass
class View:
    bytes: int
    requests: int
    idle: float  # seconds from navigation start to the end of the last response


def first_view(browser: Any, url: str) -> View:
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {"offline": False, **LINK})
    sizes: dict[str, int] = {}
    ends: list[float] = []
    starts: dict[str, float] = {}
    cdp.on("Network.requestWillBeSent", lambda e: starts.setdefault(e["requestId"], e["timestamp"]))
    cdp.on(
        "Network.loadingFinished",
        lambda e: (sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])), ends.append(e["timestamp"])),
    )
    cdp.on("Network.loadingFailed", lambda e: ends.append(e["timestamp"]))
    page.goto(url, wait_until="networkidle", timeout=120_000)
    time.sleep(0.5)
    context.close()
    first = min(starts.values())
    return View(sum(sizes.values()), len(starts), max(ends) - first if ends else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Poids d'une première visite par type de page, à côté de Material.")
    parser.add_argument("--runs", type=int, default=1, help="mesures par page (la meilleure est gardée)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        work = Path(tmp)
        print("Construction du site et de sa version Material d'origine…", file=sys.stderr)
        sites = {"ce site": build_ours(work), "Material": build_stock(work)}
        results: dict[str, dict[str, View]] = {name: {} for name in sites}
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"]
            )
            try:
                for name, site in sites.items():
                    with serve(site) as base:
                        for label, path in PAGE_TYPES:
                            views = [first_view(browser, base + path) for _ in range(args.runs)]
                            results[name][label] = min(views, key=lambda v: v.idle)
            finally:
                browser.close()
    print(
        "\nPremière visite sur téléphone, cache vide, liaison lente émulée (400 kbit/s, 400 ms) ;"
        " octets transférés (gzip), requêtes, temps jusqu'au réseau inactif.\n"
    )
    header = f"{'type de page':<22} | {'ce site':>22} | {'Material d origine':>22} | octets | temps"
    print(header)
    print("-" * len(header))
    worst = 0.0
    for label, _ in PAGE_TYPES:
        ours, stock = results["ce site"][label], results["Material"][label]
        ratio_bytes = ours.bytes / stock.bytes if stock.bytes else float("nan")
        ratio_time = ours.idle / stock.idle if stock.idle else float("nan")
        worst = max(worst, ratio_bytes, ratio_time)
        print(
            f"{label:<22} | {ours.bytes / 1024:6.1f} Ko {ours.requests:3d} req {ours.idle:5.2f} s"
            f" | {stock.bytes / 1024:6.1f} Ko {stock.requests:3d} req {stock.idle:5.2f} s"
            f" | {ratio_bytes:5.2f}× | {ratio_time:5.2f}×"
        )
    verdict = "atteint" if worst <= 1.10 else "manqué"
    print(f"\nPire rapport à Material d'origine : {worst:.2f}× (objectif ≤ 1,10 : {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
