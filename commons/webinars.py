# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Webinars as values: read once from front matter, shared by the catalogue and the calendar feed.

The schema (commons/schema.py) has already rejected malformed pages when a
build gets here, so this module only turns valid front matter into typed
values; it still tolerates a missing optional field, because a fork may
validate less strictly than we do.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from commons.attribution import french_date as day_month_year
from commons.dates import when
from commons.pages import Page

PARIS = ZoneInfo("Europe/Paris")

_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@dataclass(frozen=True)
class Speaker:
    """A person who speaks in a webinar; the structure is often unknown for old sessions."""

    name: str
    structure: str | None = None

    def label(self) -> str:
        return f"{self.name} ({self.structure})" if self.structure else self.name


@dataclass(frozen=True)
class Webinar:
    """One webinar page. `start` is a date (all day) or an aware datetime in Europe/Paris."""

    path: str  # docs-relative source path, the stable identity of the webinar
    url: str  # site-relative URL, as MkDocs makes it
    title: str
    start: dt.date | dt.datetime
    duration: int | None
    speakers: tuple[Speaker, ...]
    themes: tuple[str, ...]
    description: str | None = None
    replay: str | None = None
    support: str | None = None
    inscription: str | None = None

    @property
    def slug(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".md")

    @property
    def day(self) -> dt.date:
        """The calendar day in Paris, which is what upcoming/past and the year grouping use."""
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start

    @property
    def has_time(self) -> bool:
        return isinstance(self.start, dt.datetime)

    def is_upcoming(self, today: dt.date) -> bool:
        return self.day >= today


def _paris(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    """Read a naive YAML datetime as Paris wall-clock time, as the schema documents."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=PARIS)
        return value.astimezone(PARIS)
    return value


def _text(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return str(value).strip() or None if value is not None else None


def webinar_from_page(page: Page) -> Webinar | None:
    """The webinar a page describes, or None when the page is not a dated webinar."""
    meta = page.meta
    start = when(meta.get("date"))  # also `2027-03-11 14:00`, which YAML leaves as text
    if page.kind != "webinaire" or start is None:
        return None
    speakers = []
    for item in meta.get("intervenants") or []:
        if isinstance(item, dict) and item.get("nom"):
            structure = item.get("structure")
            speakers.append(Speaker(str(item["nom"]).strip(), str(structure).strip() if structure else None))
    themes = tuple(str(t).strip() for t in meta.get("thèmes") or [] if str(t).strip())
    duration = meta.get("duree")
    return Webinar(
        path=page.path,
        url=page.url,
        title=str(meta.get("title") or page.slug),
        start=_paris(start),
        duration=duration if isinstance(duration, int) and duration > 0 else None,
        speakers=tuple(speakers),
        themes=themes,
        description=_text(meta, "description"),
        replay=_text(meta, "replay"),
        support=_text(meta, "support"),
        inscription=_text(meta, "inscription"),
    )


def webinars_from_pages(pages: Iterable[Page]) -> list[Webinar]:
    """Every webinar among the pages, in source order (the catalogue sorts them)."""
    found = (webinar_from_page(page) for page in pages)
    return [webinar for webinar in found if webinar is not None]


def french_date(value: dt.date | dt.datetime) -> str:
    """'mardi 14 mai 2019', with ' à 14 h' or ' à 14 h 30' when a time is known.

    Written out by hand rather than through the system locale, which CI
    machines and forks rarely have in French.
    """
    day = value.date() if isinstance(value, dt.datetime) else value
    text = f"{_WEEKDAYS[day.weekday()]} {day_month_year(day)}"
    if isinstance(value, dt.datetime):
        text += f" à {value.hour} h" + (f" {value.minute:02d}" if value.minute else "")
    return text


def french_duration(minutes: int) -> str:
    """'1 h 30', '45 min', '2 h'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest:02d}" if rest else "")


def today_in_paris(now: dt.datetime | None = None) -> dt.date:
    """The current day in Paris: a webinar happening today still counts as upcoming."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(PARIS).date()


def build_time(environ: dict[str, str] | None = None) -> dt.datetime:
    """When this build happens: SOURCE_DATE_EPOCH when set (reproducible builds), else now (UTC)."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)
