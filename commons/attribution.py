# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The credits block shown under every page: authors, date, sources, licence, edit and Movilab links.

CC BY-SA asks reusers to credit authors and keep the licence: the page itself
says who to credit and how, so that a copy made from the site is a lawful one.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any
from urllib.parse import quote

from commons.config import SiteConfig
from commons.history import FileHistory
from commons.pages import Page
from commons.text import web_href

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def french_date(day: dt.date) -> str:
    """14 mars 2026 — written out, as French readers expect (no locale needed)."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


def movilab_url(config: SiteConfig, title: str) -> str:
    """Public URL of a wiki page: spaces become underscores, as MediaWiki writes them."""
    return config.movilab_pages + quote(title.strip().replace(" ", "_"), safe="/:()',")


def page_authors(page: Page, history: FileHistory | None) -> list[str]:
    """Git authors of the file (oldest first) then the people credited in front matter, once each."""
    names: list[str] = []
    for name in [*(history.authors if history else []), *(page.meta.get("auteurs") or [])]:
        if isinstance(name, str) and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return names


def _reference(item: Any, bibliography: dict[str, Any]) -> str:
    ref = bibliography.get(item, {}) if isinstance(item, str) else item
    if not isinstance(ref, dict) or not ref.get("titre"):
        return escape(str(item))
    title = escape(str(ref["titre"]))
    href = web_href(ref.get("url"))
    if href:
        title = f'<a href="{escape(href, quote=True)}">{title}</a>'
    parts = [title] + [escape(str(ref[k])) for k in ("auteur", "annee") if ref.get(k)]
    return ", ".join(parts)


def render_attribution(
    page: Page,
    history: FileHistory | None,
    config: SiteConfig,
    bibliography: dict[str, Any],
    edit_url: str | None,
) -> str:
    """HTML of the credits block; every value is escaped, since front matter comes from contributors."""
    authors = page_authors(page, history)
    rows = []
    if authors:
        rows.append(f"<p><strong>Auteurs et autrices :</strong> {escape(', '.join(authors))}</p>")
    if history and history.updated:
        day = history.updated.date()
        rows.append(
            f'<p><strong>Dernière mise à jour :</strong> <time datetime="{day.isoformat()}">'
            f"{french_date(day)}</time></p>"
        )
    sources = page.meta.get("sources")
    if isinstance(sources, list) and sources:
        items = "".join(f"<li>{_reference(s, bibliography)}</li>" for s in sources)
        rows.append(f'<p><strong>Sources :</strong></p><ul class="communs-sources">{items}</ul>')
    licence = f'<a rel="license" href="{escape(config.licence_url, quote=True)}">{escape(config.licence_name)}</a>'
    rows.append(
        f"<p><strong>Licence :</strong> {licence}. Vous pouvez copier, modifier et republier "
        "cette page, y compris sur Movilab, en citant ses auteurs et autrices et en gardant la même licence.</p>"
    )
    links = []
    if edit_url:
        links.append(f'<a class="communs-edit" href="{escape(edit_url, quote=True)}">Proposer une modification</a>')
    title = page.meta.get("movilab")
    if isinstance(title, str) and title.strip() and config.movilab_pages:
        links.append(
            f'<a class="communs-movilab" href="{escape(movilab_url(config, title), quote=True)}">Voir sur Movilab</a>'
        )
    if links:
        rows.append(f"<p>{' · '.join(links)}</p>")
    return (
        '<aside class="communs-attribution" aria-label="Crédits, licence et contributions">'
        + "".join(rows)
        + "</aside>"
    )
