# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The webinar calendar feed (webinaires.ics), so members see the next sessions in their own agenda.

RFC 5545 through the `icalendar` library rather than hand-written text: line
folding, escaping and the VTIMEZONE block are easy to get subtly wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from commons.webinars import PARIS, Webinar

FILENAME = "webinaires.ics"
_DEFAULT_MINUTES = 60  # a timed webinar without `duree` still needs an end for most agendas


def event_uid(webinar: Webinar, site_url: str) -> str:
    """A UID that survives rebuilds and edits: the source file name at the site's host.

    Agendas use the UID to update an event instead of duplicating it, so it
    must not depend on the title or the date, which members may correct.
    """
    host = urlsplit(site_url).hostname or "communs.invalid"
    return f"webinaire-{webinar.slug}@{host}"


def build_calendar(
    webinars: Iterable[Webinar],
    site_url: str,
    site_name: str,
    stamp: dt.datetime,
) -> Calendar:
    """One VEVENT per webinar. `stamp` is DTSTAMP: when this feed was produced (UTC)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{site_name}//Webinaires//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Webinaires — {site_name}")
    calendar.add("x-wr-timezone", "Europe/Paris")
    # A subscribed agenda reads the feed again at this pace (RFC 7986, and Outlook's and
    # Google's own property): the weekly rebuild then reaches readers within a day.
    calendar.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    stamp_utc = stamp.astimezone(dt.UTC)
    for webinar in sorted(webinars, key=lambda w: (w.day, w.slug)):
        calendar.add_component(_event(webinar, site_url, stamp_utc))
    # Adds the VTIMEZONE for Europe/Paris that every timed DTSTART refers to.
    calendar.add_missing_timezones()
    return calendar


def _event(webinar: Webinar, site_url: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", event_uid(webinar, site_url))
    event.add("dtstamp", stamp)
    event.add("summary", webinar.title)
    if isinstance(webinar.start, dt.datetime):
        start = webinar.start.astimezone(PARIS)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=webinar.duration or _DEFAULT_MINUTES))
    else:
        # All-day event: DTSTART;VALUE=DATE, and DTEND is the (exclusive) next day.
        event.add("dtstart", webinar.start)
        event.add("dtend", webinar.start + dt.timedelta(days=1))
    page_url = site_url + webinar.url
    event.add("url", page_url)
    event.add("description", _description(webinar, page_url))
    if webinar.themes:
        event.add("categories", list(webinar.themes))
    event.add("location", webinar.inscription or webinar.replay or page_url)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def _description(webinar: Webinar, page_url: str) -> str:
    lines = []
    if webinar.description:
        lines.append(webinar.description)
    if webinar.speakers:
        lines.append("Avec " + ", ".join(s.label() for s in webinar.speakers))
    if webinar.inscription:
        lines.append(f"Inscription : {webinar.inscription}")
    if webinar.replay:
        lines.append(f"Replay : {webinar.replay}")
    if webinar.support:
        lines.append(f"Support : {webinar.support}")
    lines.append(f"Page du webinaire : {page_url}")
    return "\n".join(lines)


def webcal_url(site_url: str) -> str:
    """The subscription address (webcal:) of the feed, or "" without a public address to give."""
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"webcal://{parts.netloc}{path}{FILENAME}"


def calendar_bytes(webinars: Iterable[Webinar], site_url: str, site_name: str, stamp: dt.datetime) -> bytes:
    """The feed as written to site/webinaires.ics (CRLF line endings, UTF-8)."""
    return build_calendar(webinars, site_url, site_name, stamp).to_ical()
