# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: the form editor at /admin/ (Decap CMS), served by the site itself.

Thin adapter: commons.editor generates the configuration from the content
model; this hook writes it, with the editor's files fetched by ./dev from npm
(.cache/editor/), into the built site once everything else is written, so that
no plugin (search, privacy, RSS) sees the editor's files.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import _root  # makes commons/ importable; ROOT is the repository
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from commons import contributing, editor, schema
from commons.config import load_site_config
from commons.pages import SECTIONS, load_pages

log = logging.getLogger("mkdocs.hooks.editor")

VENDOR = _root.ROOT / ".cache" / "editor"
ADMIN_SOURCES = _root.ROOT / "admin"
BUNDLE = ("decap-cms", "decap-cms.js")
SCRIPTS = (("js-yaml", "js-yaml.umd.min.js"), ("", "commons-editor.js"))


def _vendored(package: str) -> list[Path]:
    folder = VENDOR / package
    return sorted(p for p in folder.glob("*") if p.is_file() and not p.name.startswith(".")) if folder.is_dir() else []


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the section's template where `<!-- modele -->` stands, the citable sources where `<!-- sources -->`
    stands, and a button to the form at the site's address where `<!-- editeur -->` stands.

    The template is the one CONTRIBUTING.md and the form use (commons.templates).
    """
    if contributing.TEMPLATE_MARKER in markdown:
        kind = SECTIONS.get(page.file.src_uri.split("/", 1)[0])
        if kind:
            markdown = contributing.replace_marker(
                markdown, contributing.TEMPLATE_MARKER, contributing.template_block(kind)
            )
    if contributing.EDITOR_MARKER in markdown:
        markdown = contributing.replace_marker(
            markdown, contributing.EDITOR_MARKER, contributing.editor_button(config.site_url or "")
        )
    if contributing.SOURCES_MARKER in markdown:
        bibliography, _ = schema.load_bibliography(Path(config.docs_dir) / "sources.yml")
        markdown = contributing.replace_marker(
            markdown, contributing.SOURCES_MARKER, contributing.sources_table(bibliography)
        )
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    """Write /admin/: the page, its config.yml, Decap CMS and our format and widgets."""
    decap = _vendored(BUNDLE[0])
    yaml_js = _vendored(SCRIPTS[0][0])
    if not decap or not yaml_js:
        # Not a warning: a strict build for a targeted test need not fetch 6 MB from npm;
        # ./dev site, build and test always install them, and the editor's tests check /admin/.
        log.info(
            "l'éditeur en ligne (/admin/) n'est pas inclus : ses fichiers ne sont pas installés dans "
            ".cache/editor/. Lancez « ./dev build » (ou « python3 admin/vendor.py »), qui les télécharge depuis npm."
        )
        return
    site = load_site_config(Path(config.config_file_path))
    docs_dir = Path(config.docs_dir)
    pages, _ = load_pages(docs_dir)  # their problems are reported by hooks/content.py
    bibliography, _ = schema.load_bibliography(docs_dir / "sources.yml")
    context = editor.context_from(pages.values(), bibliography)
    admin = Path(config.site_dir) / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    for package, files in ((BUNDLE[0], decap), (SCRIPTS[0][0], yaml_js)):
        for path in files:  # both packages ship a LICENSE: keep each under its own name
            shutil.copyfile(path, admin / (f"{package}-{path.name}.txt" if path.name == "LICENSE" else path.name))
    for name in (SCRIPTS[1][1], "commons-editor.css"):
        shutil.copyfile(ADMIN_SOURCES / name, admin / name)
    (admin / "config.yml").write_text(
        yaml.safe_dump(editor.decap_config(site, context), allow_unicode=True, sort_keys=False, width=1000),
        encoding="utf-8",
    )
    (admin / "index.html").write_text(
        editor.admin_page(site, bundle=BUNDLE[1], scripts=[name for _, name in SCRIPTS]), encoding="utf-8"
    )
