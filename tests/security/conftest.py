# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Attacks against the real parts: the local MediaWiki, `python -m sync`, `mkdocs build --strict`, Chromium.

Each payload calls `alert(N)` with its own number, so that a test that fails
says which payload ran. A page is "clean" when Chromium opened no dialog and
its DOM holds no event-handler attribute, no `javascript:` address and no
script carrying a payload (the site itself has none of those).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Browser

from tests.site.sitebuilder import Site, make_site

ROOT = Path(__file__).resolve().parents[2]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Alice Martin",
    "GIT_AUTHOR_EMAIL": "alice@example.org",
    "GIT_COMMITTER_NAME": "Alice Martin",
    "GIT_COMMITTER_EMAIL": "alice@example.org",
    "GIT_AUTHOR_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
    "NO_MKDOCS_2_WARNING": "1",
}

# What the DOM may not hold once a page has loaded (the site's own pages hold none of it).
_LIVE = """() => {
    const found = [];
    for (const el of document.querySelectorAll("*")) {
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase(), value = attr.value.trim().toLowerCase();
            if (name.startsWith("on")) found.push(`${el.tagName.toLowerCase()} ${attr.name}="${attr.value}"`);
            if (["href", "src", "action", "formaction", "data", "xlink:href"].includes(name)
                && value.replace(/[\\s\\u0000-\\u001f]/g, "").startsWith("javascript:"))
                found.push(`${el.tagName.toLowerCase()} ${attr.name}="${attr.value}"`);
        }
        if (el.tagName === "SCRIPT" && /alert\\s*\\(/.test(el.textContent)) found.push("script " + el.textContent.slice(0, 80));
    }
    return found;
}"""


@dataclass
class Seen:
    """What Chromium saw on one page."""

    url: str
    dialogs: list[str] = field(default_factory=list)
    live: list[str] = field(default_factory=list)
    text: str = ""
    status: int = 0
    final_url: str = ""
    extra: Any = None  # what the caller's own `evaluate` script returned

    def assert_clean(self) -> None:
        assert self.status == 200, f"{self.url} : HTTP {self.status}"
        assert self.dialogs == [], f"{self.url} : une boîte de dialogue s'est ouverte : {self.dialogs}"
        assert self.live == [], f"{self.url} : HTML actif venu du contenu : {self.live}"


def visit(browser: Browser, url: str, *, search: str | None = None, evaluate: str | None = None) -> Seen:
    """Load `url` (and type `search` in the search box), let images fail and scripts run; report,
    with what the `evaluate` script returns on the loaded page."""
    seen = Seen(url)
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        seen.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        response = page.goto(url, wait_until="load")
        seen.status = response.status if response else 0
        if search is not None:
            page.locator("input.md-search__input").press_sequentially(search, delay=15)
            page.wait_for_selector(".md-search-result__item", timeout=10_000)
            page.wait_for_timeout(500)  # results are written in several passes
        page.wait_for_timeout(300)  # an <img src=x> fails, and its onerror would run, within this
        seen.live = page.evaluate(_LIVE)
        seen.text = page.locator("body").inner_text()
        seen.final_url = page.url
        if evaluate is not None:
            seen.extra = page.evaluate(evaluate)
    finally:
        context.close()
    return seen


def make_attack_site(tmp_path: Path, *, wiki: Any = None) -> Site:
    """The project's real mkdocs.yml and hooks (every plugin on) in a fresh git repository."""
    site = make_site(tmp_path, plugins=True)
    if wiki is not None:
        config_file = site.root / "mkdocs.yml"
        config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        config.setdefault("extra", {})["movilab"] = {"api": wiki.api_url, "pages": wiki.pages_url, "admonition": "div"}
        config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return site


def without_html_allow_list(site: Site) -> None:
    """Build `site` without hooks/sanitize.py, to test a deeper defence as if the allow-list had let a page through."""
    config_file = site.root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["hooks"] = [hook for hook in config["hooks"] if not hook.endswith("hooks/sanitize.py")]
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def commit_all(site: Site, message: str = "Pages") -> None:
    site.commit(message, author="Alice Martin <alice@example.org>", date="2026-01-15T10:00:00+00:00")


def build(site: Site, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    return site.build(strict=strict)


def sync(site: Site, wiki: Any, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m sync …` as a real process on the site's repository, against the local wiki."""
    env = {
        **os.environ,
        **GIT_ENV,
        "MOVILAB_SYNC_ROOT": str(site.root),
        "MOVILAB_API": wiki.api_url,
        "MOVILAB_USER": wiki.user,
        "MOVILAB_PASSWORD": wiki.password,
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "sync", *args], cwd=site.root, env=env, capture_output=True, text=True, check=False
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]
