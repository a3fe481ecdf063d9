# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The dates members write, read one way for the schema, the catalogue and the calendar.

YAML 1.1 (PyYAML) reads `2027-03-11` as a date and `2027-03-11T14:00:00` as a
datetime, but `2027-03-11 14:00` (no seconds), which is what people type, is a
plain string. Refusing it taught nothing: it is accepted here, as Paris time,
and every reader of a webinar's date goes through `when()`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# 2027-03-11 14:00, 2027-03-11T14:00, 2027-03-11 14:00:00, 2027-03-11 14h00, 2027-03-11 14h
_DATE_TIME = re.compile(
    r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2})(?::|h|H)(\d{2})?(?::(\d{2}))?)?\s*",
)
# an optional time after a French-style date: 14h30, à 14h, 14:30
_TIME_AFTER = r"(?:[ T,]+(?:à\s*)?(\d{1,2})\s*(?::|h|H)\s*(\d{2})?)?\s*"
# 11/03/2027, 11.03.2027, 11-03-2027, optionally followed by a time
_FRENCH = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME_AFTER)


# mardi 11 mars 2027, 1er août 2027 à 14h30: as an invitation writes it
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("janvier",),
            ("février", "fevrier"),
            ("mars",),
            ("avril",),
            ("mai",),
            ("juin",),
            ("juillet",),
            ("août", "aout"),
            ("septembre",),
            ("octobre",),
            ("novembre",),
            ("décembre", "decembre"),
        ),
        start=1,
    )
    for name in names
}
_IN_WORDS = re.compile(
    r"\s*(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),?\s+)?(\d{1,2})(?:er)?\s+("
    + "|".join(_MONTHS)
    + r")\s+(\d{4})"
    + _TIME_AFTER,
    re.I,
)


def when(value: Any) -> dt.date | dt.datetime | None:
    """A date or a naive datetime from what a member may write; None when it is not one.

    Accepted: YAML dates and datetimes, and the strings `AAAA-MM-JJ`,
    `AAAA-MM-JJ HH:MM` (with T, a space or h between the parts, seconds optional).
    """
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = _DATE_TIME.fullmatch(value)
    if not match:
        return None
    return _build(*match.groups())


def iso_suggestion(value: Any) -> str | None:
    """For a French-style date (14/03/2027, 14/03/2027 14h30, mardi 14 mars 2027 à 14h30), the ISO
    spelling to write instead."""
    match = _FRENCH.fullmatch(str(value))
    if match:
        day, month, year, hour, minute = match.groups()
    elif words := _IN_WORDS.fullmatch(str(value)):
        day, month, year, hour, minute = words.groups()
        month = str(_MONTHS[month.lower()])
    else:
        return None
    parsed = _build(year, month, day, hour, minute, None)
    if parsed is None:
        return None
    if isinstance(parsed, dt.datetime):
        return parsed.strftime("%Y-%m-%dT%H:%M:%S")
    return parsed.isoformat()


def _build(
    year: str, month: str, day: str, hour: str | None, minute: str | None, second: str | None
) -> dt.date | dt.datetime | None:
    try:
        if hour is None:
            return dt.date(int(year), int(month), int(day))
        return dt.datetime(int(year), int(month), int(day), int(hour), int(minute or 0), int(second or 0))
    except ValueError:
        return None


def as_day(value: Any) -> dt.date | None:
    """The calendar day of a date, a datetime or an accepted date string."""
    parsed = when(value)
    if isinstance(parsed, dt.datetime):
        return parsed.date()
    return parsed
