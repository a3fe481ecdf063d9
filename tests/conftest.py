# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Fixtures shared by every test area: the real local MediaWiki, and the real Chromium.

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
