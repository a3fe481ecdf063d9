# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: contact and legal pages generated from the settings, and the contact box in pages.

Thin adapter over commons.legal (the settings) and commons.legal_pages (the
pages' French text): the pages are added as generated files outside the
navigation (the footer links to them), unless docs/ holds a page of the same
name, which then wins; `<!-- contact -->` in a page becomes a short box with
the network's address.
"""

from __future__ import annotations

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from commons import legal_pages
from commons.legal import CONTACT, LegalSettings, read_legal_settings

# Read by overrides/partials/copyright.html: the footer shows what the pages say.
FOOTER_KEY = "commons_legal"

_settings: list[LegalSettings] = [LegalSettings()]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read the settings once; hand the footer the normalised values it prints."""
    settings = read_legal_settings(config.extra)
    _settings[0] = settings
    config.extra[FOOTER_KEY] = {
        "accessibility_level": settings.accessibility.level,
        "email": settings.contact.email,
    }
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the legal pages that docs/ does not hold, outside the navigation."""
    site = legal_pages.Site(
        name=config.site_name,
        url=config.site_url or "",
        repo_url=config.repo_url or "",
        has_page=lambda path: files.get_file_from_path(path) is not None,
    )
    for path, text in legal_pages.generated_pages(_settings[0], site).items():
        files.append(File.generated(config, path, content=text, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """`<!-- contact -->` becomes the contact box, linked to the contact page."""
    if legal_pages.CONTACT_MARKER not in markdown:
        return markdown
    target = files.get_file_from_path(CONTACT)
    href = target.url_relative_to(page.file) if target is not None else CONTACT
    box = legal_pages.contact_box(_settings[0].contact, href)
    return markdown.replace(legal_pages.CONTACT_MARKER, box)
