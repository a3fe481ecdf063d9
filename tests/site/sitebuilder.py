# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Build small real sites: a git repository in a temporary folder, the project's own
mkdocs.yml and hooks, and the real `mkdocs build` command."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from commons.config import load_yaml

ROOT = Path(__file__).resolve().parents[2]

# The day every test build believes it is (SOURCE_DATE_EPOCH, read by commons.webinars.build_time):
# 2 March 2026, 10:00 in Paris. Webinars after it are upcoming, before it past, whenever the tests run.
BUILD_DAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

SOURCES = {
    "essai": {"titre": "Document d'essai", "auteur": "Réseau d'essai", "annee": 2024},
    "autre": {"titre": "Autre document", "url": "https://example.org/autre"},
}


def fiche(body: str, title: str = "Composter") -> str:
    """A valid fiche of the toolbox (its header as a member fills it in), with `body` as its text."""
    return (
        f"---\ntitle: {title}\ndescription: Le compost partagé.\nthèmes: [environnement]\npublic: [tous]\n"
        f"niveau: découverte\nsources: [essai]\n---\n\n{body}"
    )


@dataclass
class Site:
    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def write(self, rel: str, text: str) -> Path:
        path = self.docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def git(self, *args: str, author: str = "Camille Martin <camille@example.org>", date: str = "") -> str:
        name, email = author.rsplit(" <", 1)
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email.rstrip(">"),
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email.rstrip(">"),
        }
        if date:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    def commit(self, message: str, *, author: str, date: str) -> None:
        self.git("add", "-A", author=author, date=date)
        self.git("commit", "-q", "-m", message, author=author, date=date)

    def build(self, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(self.root / "mkdocs.yml")]
        if strict:
            cmd.append("--strict")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(int(BUILD_DAY.timestamp()))}
        return subprocess.run(cmd, cwd=self.root, env=env, capture_output=True, text=True, check=False)

    def configure(self, **changes: object) -> None:
        """Change top-level settings of this site's mkdocs.yml (`extra` is merged, not replaced)."""
        path = self.root / "mkdocs.yml"
        config = load_yaml(path)
        for key, value in changes.items():
            if key == "extra" and isinstance(value, dict):
                config["extra"] = {**(config.get("extra") or {}), **value}
            else:
                config[key] = value
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def html(self, url: str) -> str:
        return (self.root / "site" / url / "index.html").read_text(encoding="utf-8")


def make_site(tmp_path: Path, *, plugins: bool = True) -> Site:
    """A fresh git repository holding the project's real mkdocs.yml, hooks pointed back at this checkout.

    With plugins=False only the search plugin stays (for fixtures that test the
    content model alone, without the reader features' plugins)."""
    root = tmp_path / "site-src"
    (root / "docs").mkdir(parents=True)
    config = load_yaml(ROOT / "mkdocs.yml")
    config["hooks"] = [str(ROOT / hook) for hook in config.get("hooks", [])]
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    if not plugins:
        config["plugins"] = [p for p in config.get("plugins", []) if _plugin_name(p) in {"search", "tags"}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "docs" / "sources.yml").write_text(yaml.safe_dump(SOURCES, allow_unicode=True), encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Accueil\n\nBienvenue.\n", encoding="utf-8")
    # What a fork has: the build's own folders (site/, .cache/) are never committed with the pages.
    (root / ".gitignore").write_text((ROOT / ".gitignore").read_text(encoding="utf-8"), encoding="utf-8")
    site = Site(root)
    site.git("init", "-q", "-b", "main")
    return site


def _plugin_name(entry: object) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)
