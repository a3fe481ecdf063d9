# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Fixtures shared by every test area: the real local MediaWiki, the real Chromium, and the
reader fixture site.

One wiki per test session (about two seconds to install, serve and seed), in the
session's own temporary directory, so parallel sessions never share a wiki.
Tests that need a pristine page create their own under a unique title rather
than restarting the wiki.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from devtools.sandbox import Sandbox
from tests.site.reader_content import build_reader_site
from tests.site.sitebuilder import Site


@pytest.fixture(scope="session")
def mediawiki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """A running MediaWiki 1.39 on SQLite seeded like Movilab.

    Exposes `.api_url`, `.index_url`, `.pages_url`, `.user` / `.password` (a
    bot password of the `SyncBot` user), `.parse(wikitext) -> html`, and
    `.editor(i)` / `.session(user, password)` to act as other wiki editors.
    """
    sandbox = Sandbox(workdir=tmp_path_factory.mktemp("mediawiki"))
    sandbox.start()
    try:
        yield sandbox
    finally:
        sandbox.stop()


@pytest.fixture(scope="session")
def reader_build(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The reader fixture site (tests/site/reader_content.py), built once for the whole session.

    The HTML tests and the browser tests read it; none of them changes it (a test
    that needs another build writes its own with write_reader_site).
    """
    return build_reader_site(tmp_path_factory.mktemp("reader-site"))


# -- the browser, one per session for every test area (Playwright's sync API allows only one) ------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str:
    wanted = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    found = shutil.which(wanted)
    if found is None:
        pytest.fail(
            f"Chromium est introuvable ({wanted}) : les tests navigateur en ont besoin. "
            "Installez-le avec « apt-get install chromium » (« ./dev test » le fait) "
            "ou indiquez son chemin dans la variable CHROMIUM.",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    instance = playwright.chromium.launch(executable_path=_chromium(), headless=True, args=CHROMIUM_ARGS)
    try:
        yield instance
    finally:
        instance.close()
