# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The header of a webinar's own page: when, how long, who, which thèmes, and its links.

A reader who lands on a webinar page from a search or a shared link never
sees the catalogue; the page must answer "when is it, with whom, where is the
replay" by itself. Everything comes from the same front matter as the
catalogue, so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from commons.filters import capitalize, slugify
from commons.webinars import Webinar, french_date, french_duration

ICS_SUFFIX = ".ics"


def event_filename(webinar: Webinar) -> str:
    """The per-webinar calendar file, beside the page: 'webinaires/<slug>.ics'.

    Named after the page so that the file a reader downloads says which
    webinar it holds.
    """
    folder = webinar.path.rsplit("/", 1)[0]
    return f"{folder}/{webinar.slug}{ICS_SUFFIX}"


def render_webinar_header(
    webinar: Webinar,
    today: dt.date,
    ics_href: str,
    theme_href: Callable[[str], str],
    subscribe_href: str = "",
) -> str:
    """HTML shown under the webinar's title.

    `ics_href` links this webinar's own calendar file, offered while the
    webinar is upcoming only (a past event in an agenda helps nobody);
    `subscribe_href` the catalogue's subscription instructions; `theme_href(slug)`
    the catalogue filtered on a thème. Every value is escaped: front matter is
    written by members.
    """
    upcoming = webinar.is_upcoming(today)
    when = f'<time datetime="{webinar.start.isoformat()}">{escape(french_date(webinar.start))}</time>'
    if webinar.has_time:
        when += " (heure de Paris)"
    rows = [_row("Date", when)]
    if webinar.duration:
        rows.append(_row("Durée", escape(french_duration(webinar.duration))))
    if webinar.speakers:
        label = "Intervenant ou intervenante" if len(webinar.speakers) == 1 else "Intervenants et intervenantes"
        rows.append(_row(label, ", ".join(escape(s.label()) for s in webinar.speakers)))
    if webinar.themes:
        tags = "".join(
            f'<a class="md-tag" href="{escape(theme_href(slugify(t)))}">{escape(capitalize(t))}</a>'
            for t in webinar.themes
        )
        rows.append(_row("Thèmes", f'<span class="md-tags">{tags}</span>'))
    links = []
    if upcoming and webinar.inscription:
        links.append(_button(webinar.inscription, "S'inscrire", primary=True))
    if webinar.replay:
        links.append(_button(webinar.replay, "Voir le replay", primary=True))
    if webinar.support:
        links.append(_button(webinar.support, "Support de présentation"))
    if upcoming and ics_href:
        links.append(
            f'<a class="md-button" href="{escape(ics_href)}" type="text/calendar" download>'
            "Ajouter à mon agenda (.ics)</a>"
        )
    if upcoming and subscribe_href:
        links.append(
            f'<a class="md-button" href="{escape(subscribe_href)}">Recevoir tous les webinaires dans mon agenda</a>'
        )
    status = (
        '<p class="commons-event__status">Webinaire à venir</p>'
        if upcoming
        else '<p class="commons-event__status">Webinaire passé</p>'
    )
    return (
        '<div class="commons-event">'
        + status
        + '<dl class="commons-event__facts">'
        + "".join(rows)
        + "</dl>"
        + ('<p class="commons-event__links commons-buttons">' + "".join(links) + "</p>" if links else "")
        + "</div>"
    )


def _row(term: str, value: str) -> str:
    return f"<div><dt>{escape(term)}</dt><dd>{value}</dd></div>"


def _button(url: str, text: str, *, primary: bool = False) -> str:
    kind = "md-button md-button--primary" if primary else "md-button"
    return f'<a class="{kind}" href="{escape(url)}">{escape(text)}</a>'
