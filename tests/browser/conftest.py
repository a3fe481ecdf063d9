# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Real Chromium (Debian's), driven by Playwright, on real builds served on 127.0.0.1.

Two sites: the reader fixture site (tests/site/reader_content.py), whose
content the assertions know, and this repository's own site, for the kit as
newcomers get it. The browser itself is shared with tests/security (tests/conftest.py). Nothing is skipped: a missing Chromium or axe-core fails
with the command that installs it.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from commons import pdf
from commons.config import load_site_config
from tests.site.sitebuilder import Site

# Every `expect` waits on a condition; on a loaded machine (CI's, or a laptop building at the same
# time) the page may take longer than Playwright's 5 s default to get there. A wait that ends
# early proves nothing: the condition itself is what each test asserts.
expect.set_options(timeout=30_000)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, and the site's own 404.html for a missing page, as GitHub or GitLab Pages do."""

    not_found: Path | None = None

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or self.not_found is None or not self.not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class Served:
    """A built site served over HTTP; `url(path)` gives a page's address."""

    root: Path
    base: str

    def url(self, path: str = "") -> str:
        return self.base + path


def serve(directory: Path, prefix: str = "") -> Iterator[Served]:
    """Serve `directory`; with a prefix ("communs/"), its parent, as a host serves a site in a folder."""
    root = directory.parent if prefix else directory
    handler = functools.partial(
        type("_SiteHandler", (_QuietHandler,), {"not_found": directory / "404.html"}), directory=str(root)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Served(directory, f"http://127.0.0.1:{server.server_address[1]}/{prefix}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed from npm by `npm ci` (package.json at the root)."""
    if not AXE.is_file():
        pytest.fail(
            f"axe-core est absent ({AXE}) : lancez « npm ci » à la racine du dépôt (« ./dev test » le fait).",
            pytrace=False,
        )
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reader_site(reader_build: Site) -> Iterator[Served]:
    """The reader fixture site, built with the project's config and hooks, served on 127.0.0.1."""
    yield from serve(reader_build.root / "site")


# `./dev test` builds this repository's site strictly, with its kit PDF, just before pytest and
# names the folder here: the browser tests serve that build rather than making the same one again.
PREBUILT = "COMMONS_TEST_BUILT_SITE"
# What a build of the real site reads: a file changed after the build makes the fixture build anew.
_SITE_INPUTS = ("mkdocs.yml", "docs", "overrides", "hooks", "commons")


def _prebuilt_site() -> Path | None:
    """The build `./dev test` made (PREBUILT), if it is complete and newer than every input."""
    given = os.environ.get(PREBUILT)
    if not given:
        return None
    site = Path(given)
    outputs = [site / "index.html", site / "kit-accueil-imprimable" / "kit-accueil.pdf"]
    if not all(path.is_file() for path in outputs):
        return None
    built = min(path.stat().st_mtime for path in outputs)
    inputs = [ROOT / name for name in _SITE_INPUTS]
    files = [path for top in inputs for path in ([top] if top.is_file() else top.rglob("*")) if path.is_file()]
    files = [path for path in files if "__pycache__" not in path.parts]  # written by imports, not read by a build
    return None if any(path.stat().st_mtime > built for path in files) else site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """This repository's own site, built, with its kit PDF, served under /communs/ as in production."""
    path = urlsplit(load_site_config(ROOT / "mkdocs.yml").site_url).path.strip("/")
    out = tmp_path_factory.mktemp("real-site") / (path or "site")
    prebuilt = _prebuilt_site()
    if prebuilt is not None:
        out.symlink_to(prebuilt, target_is_directory=True)
        yield from serve(out, prefix=f"{path}/" if path else "")
        return
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml"), "--site-dir", str(out)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"la construction du site du dépôt a échoué :\n{result.stderr[-4000:]}", pytrace=False)
    pdf.build_pdf(out)
    yield from serve(out, prefix=f"{path}/" if path else "")


@dataclass
class Visit:
    """A browser tab that remembers every request it made."""

    page: Page
    requests: list[str] = field(default_factory=list)

    def external_requests(self) -> list[str]:
        local = ("http://127.0.0.1:", "data:", "blob:", "about:")
        return [url for url in self.requests if not url.startswith(local)]


def _open(browser: Browser, viewport: dict[str, int]) -> Iterator[Visit]:
    context = browser.new_context(viewport=viewport, locale="fr-FR")  # type: ignore[arg-type]
    page = context.new_page()
    visit = Visit(page)

    def remember(request: Request) -> None:
        visit.requests.append(request.url)

    page.on("request", remember)
    try:
        yield visit
    finally:
        context.close()


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Visit]:
    yield from _open(browser, DESKTOP)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Visit]:
    yield from _open(browser, PHONE)


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Keep a picture of what the reader saw, under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def _axe(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """Run axe-core in the page; every violation, of any impact, with up to three of its elements."""
    page.add_script_tag(content=axe_source)
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
        }"""
    )
    return found


def _described(violation: dict[str, Any]) -> str:
    return f"{violation['impact']} {violation['id']} ({violation['help']}) : {', '.join(violation['targets'])}"


def violations(page: Page, axe_source: str) -> list[str]:
    """Run axe-core in the page; return every violation, of any impact, described."""
    return [_described(v) for v in _axe(page, axe_source)]


def serious_violations(page: Page, axe_source: str) -> list[str]:
    """Run axe-core in the page; return serious and critical violations, described."""
    return [_described(v) for v in _axe(page, axe_source) if v["impact"] in ("serious", "critical")]


def search(page: Page, query: str) -> list[str]:
    """Type a query in the site's search box (opening it first on a phone); return the result
    titles once the status line has settled."""
    opener = page.locator(".commons-search__open")
    if opener.is_visible():
        opener.click()
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=15)
    status = page.locator("#commons-search-status")
    titles = page.locator("#commons-search-results .commons-search__title")
    previous: tuple[str, list[str]] | None = None
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        page.wait_for_timeout(300)
        current = (status.inner_text(), titles.all_inner_texts())
        if current == previous and ("résultat" in current[0]):
            return current[1]
        previous = current
    raise AssertionError(f"la recherche « {query} » n'a pas donné de résultat stable : {previous}")
