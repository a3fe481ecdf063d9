# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The webinar catalogue: upcoming sessions first, then past ones by year, newest first.

Coordinators want the next webinars on top and the replays easy to find; the
catalogue is rebuilt from the webinar pages' front matter at every build, so
nobody maintains a list by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from commons.filters import (
    capitalize,
    data_attributes,
    facet,
    render_filter_bar,
    slugify,
    sort_key,
)
from commons.webinars import Webinar, french_date, french_duration

MARKER = "<!-- catalogue -->"
LIST_ID = "webinaires"


@dataclass(frozen=True)
class Catalogue:
    """Webinars in reading order, with the values the filters offer."""

    upcoming: list[Webinar]
    past_by_year: list[tuple[int, list[Webinar]]]
    themes: list[str]
    speakers: list[str]


def build_catalogue(webinars: Iterable[Webinar], today: dt.date) -> Catalogue:
    """Sort webinars: upcoming soonest first; past grouped by year, years and sessions newest first."""
    items = list(webinars)
    upcoming = sorted((w for w in items if w.is_upcoming(today)), key=_start_key)
    past = sorted((w for w in items if not w.is_upcoming(today)), key=_start_key, reverse=True)
    years: dict[int, list[Webinar]] = {}
    for webinar in past:
        years.setdefault(webinar.day.year, []).append(webinar)
    themes = {theme for w in items for theme in w.themes}
    speakers = {speaker.name for w in items for speaker in w.speakers}
    return Catalogue(
        upcoming=upcoming,
        past_by_year=sorted(years.items(), reverse=True),
        themes=sorted(themes, key=sort_key),
        speakers=sorted(speakers, key=sort_key),
    )


def reading_order(webinars: Iterable[Webinar], today: dt.date) -> list[Webinar]:
    """Webinars in the catalogue's order, flat: what the navigation and previous/next follow."""
    built = build_catalogue(webinars, today)
    return built.upcoming + [w for _, group in built.past_by_year for w in group]


def _start_key(webinar: Webinar) -> tuple[dt.date, str, str]:
    # A session with a time sorts inside its day by that time; all-day ones first.
    time = webinar.start.strftime("%H:%M") if isinstance(webinar.start, dt.datetime) else ""
    return (webinar.day, time, webinar.title)


SUBSCRIBE_ID = "s-abonner"


@dataclass(frozen=True)
class FeedLinks:
    """Where the catalogue's subscription buttons lead (already relative to the page where needed)."""

    webcal: str  # webcal:// address of the full calendar, "" without a public address
    calendar_url: str  # the same feed over https (absolute when known), to paste into an agenda
    rss: str | None = None  # the webinars' RSS feed


def render_subscribe(links: FeedLinks) -> str:
    """Buttons to subscribe (agenda, RSS) and short instructions per agenda application (HTML)."""
    subscribe = links.webcal or links.calendar_url
    buttons = [
        f'<a class="md-button md-button--primary" href="{escape(subscribe, quote=True)}">'
        "S'abonner à l'agenda des webinaires</a>"
    ]
    if links.rss:
        buttons.append(
            f'<a class="md-button" href="{escape(links.rss, quote=True)}" type="application/rss+xml">'
            "Suivre les webinaires (RSS)</a>"
        )
    address = escape(links.calendar_url)
    steps = [
        ("iPhone ou iPad", "touchez « S'abonner à l'agenda des webinaires », puis « S'abonner »."),
        (
            "Téléphone Android",
            "abonnez-vous depuis Google Agenda sur un ordinateur (ci-dessous) ; l'agenda apparaît ensuite "
            "dans l'application Agenda du téléphone, où il suffit de le cocher.",
        ),
        (
            "Thunderbird",
            "menu Fichier › Nouveau › Agenda…, choisissez « Sur le réseau », collez l'adresse, puis suivez les étapes.",
        ),
        (
            "Google Agenda",
            "sur un ordinateur, à côté de « Autres agendas », cliquez sur « + » puis « À partir de l'URL », "
            "collez l'adresse et validez avec « Ajouter un agenda ».",
        ),
        (
            "Outlook",
            "dans l'agenda, choisissez « Ajouter un agenda » puis « S'abonner à partir du web », collez "
            "l'adresse et importez.",
        ),
    ]
    items = "".join(f"<li><strong>{escape(who)}</strong> : {escape(how)}</li>" for who, how in steps)
    return (
        '<p class="commons-feeds">' + "".join(buttons) + "</p>"
        f'<details class="info commons-subscribe" id="{SUBSCRIBE_ID}"><summary>Comment s\'abonner ?</summary>'
        "<p>S'abonner, c'est donner à votre agenda l'adresse des webinaires : ils y apparaissent, et "
        "les nouveaux s'y ajoutent d'eux-mêmes (le site est mis à jour chaque semaine). "
        "Ce n'est pas un téléchargement : rien à refaire ensuite.</p>"
        f'<p>Adresse de l\'agenda : <code class="commons-subscribe__address">{address}</code></p>'
        f"<ul>{items}</ul>"
        "<p>Pour un seul webinaire, ouvrez sa page : tant qu'il est à venir, un bouton l'ajoute à votre "
        "agenda.</p></details>"
    )


def render_catalogue(
    catalogue: Catalogue,
    href: Callable[[str], str],
    feeds: FeedLinks,
    theme_href: Callable[[str], str] | None = None,
) -> str:
    """Markdown for the catalogue page: subscription, filter bar, then one list per group.

    Group headings are Markdown, so they appear in the page's table of
    contents; the lists are HTML, because each item carries the data
    attributes the filters read. `href` turns a site-relative URL into a link
    from the catalogue page.
    """
    bar = render_filter_bar(
        LIST_ID,
        "Filtrer les webinaires",
        [
            facet("theme", "Thème", "Tous les thèmes", catalogue.themes),
            facet("intervenant", "Intervenant ou intervenante", "Toutes les personnes", catalogue.speakers),
        ],
        ("webinaire affiché", "webinaires affichés"),
    )
    parts = [render_subscribe(feeds), bar]
    parts.append("## À venir {#a-venir}")
    if catalogue.upcoming:
        parts.append(_render_list(catalogue.upcoming, href, theme_href, upcoming=True))
    else:
        parts.append(
            '<p class="commons-empty">Aucun webinaire n\'est programmé pour le moment. '
            "Les prochaines dates apparaîtront ici.</p>"
        )
    for year, webinars in catalogue.past_by_year:
        parts.append(f"## {year} {{#annee-{year}}}")
        parts.append(_render_list(webinars, href, theme_href, upcoming=False))
    return "\n\n".join(parts) + "\n"


def _render_list(
    webinars: list[Webinar],
    href: Callable[[str], str],
    theme_href: Callable[[str], str] | None,
    upcoming: bool,
) -> str:
    items = [_render_item(w, href, theme_href, upcoming) for w in webinars]
    return f'<ul class="commons-cards" data-commons-list="{LIST_ID}">\n' + "\n".join(items) + "\n</ul>"


def _render_item(
    webinar: Webinar,
    href: Callable[[str], str],
    theme_href: Callable[[str], str] | None,
    upcoming: bool,
) -> str:
    attributes = data_attributes({"theme": webinar.themes, "intervenant": [s.name for s in webinar.speakers]})
    when = f'<time datetime="{webinar.start.isoformat()}">{escape(french_date(webinar.start))}</time>'
    if webinar.duration:
        when += f" · {escape(french_duration(webinar.duration))}"
    lines = [
        f'<li class="commons-card" {attributes}>',
        f'<h3 class="commons-card__title"><a href="{escape(href(webinar.url))}">{escape(webinar.title)}</a></h3>',
        f'<p class="commons-card__date">{when}</p>',
    ]
    if webinar.speakers:
        names = ", ".join(escape(s.label()) for s in webinar.speakers)
        lines.append(f'<p class="commons-card__speakers">Avec {names}</p>')
    if webinar.description:
        lines.append(f'<p class="commons-card__description">{escape(webinar.description)}</p>')
    if webinar.themes:
        lines.append(_render_themes(webinar.themes, theme_href))
    links = []
    if upcoming and webinar.inscription:
        links.append(_link(webinar.inscription, "S'inscrire", webinar.title))
    if webinar.replay:
        links.append(_link(webinar.replay, "Voir le replay", webinar.title))
    if webinar.support:
        links.append(_link(webinar.support, "Support de présentation", webinar.title))
    if links:
        lines.append('<p class="commons-card__links">' + " · ".join(links) + "</p>")
    lines.append("</li>")
    return "\n".join(lines)


def _render_themes(themes: Iterable[str], theme_href: Callable[[str], str] | None) -> str:
    tags = []
    for theme in themes:
        label = escape(capitalize(theme))
        if theme_href is None:
            tags.append(f'<span class="md-tag">{label}</span>')
        else:
            tags.append(f'<a class="md-tag" href="{escape(theme_href(slugify(theme)))}">{label}</a>')
    return '<p class="commons-card__themes md-tags"><span class="commons-sr-only">Thèmes : </span>' + (
        "".join(tags) + "</p>"
    )


def _link(url: str, text: str, title: str) -> str:
    # The visible text stays short; screen readers hear which webinar it is for.
    return f'<a href="{escape(url)}">{escape(text)}<span class="commons-sr-only"> : {escape(title)}</span></a>'
