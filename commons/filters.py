# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The filter bar shared by the webinar catalogue and the toolbox index.

Filtering happens in the reader's browser (docs/javascripts/filters.js) so
that the site stays a folder of static files. The bar is plain <select>
elements: keyboard and screen-reader support come from the browser, not
from us. It is rendered `hidden` and shown by the script, so a reader
without JavaScript sees the full list and no dead controls.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape


def slugify(text: str) -> str:
    """ASCII, lowercase, dash-separated: 'Économie sociale' -> 'economie-sociale'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def _fold(text: str) -> str:
    return (
        unicodedata.normalize("NFKD", text.translate(_LIGATURES)).encode("ascii", "ignore").decode("ascii").casefold()
    )


@lru_cache(maxsize=8192)  # the related-fiches ranking asks for every title once per fiche
def sort_key(text: str) -> tuple[str, str]:
    """French dictionary order without a locale: case, accents, spaces, punctuation and
    apostrophes are ignored ("L'incubateur" sorts as "lincubateur", after "La campagne");
    they only break ties, so the order is stable."""
    folded = _fold(text)
    return ("".join(c for c in folded if c.isalnum()), folded)


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Facet:
    """One <select>: `key` names the data attribute on each item (data-<key>)."""

    key: str
    label: str
    all_label: str
    options: tuple[tuple[str, str], ...]  # (slug, label), already sorted


def facet(
    key: str,
    label: str,
    all_label: str,
    values: Iterable[str],
    name: Callable[[str], str] = capitalize,
    *,
    counted: bool = False,
) -> Facet:
    """A facet over distinct values, keyed by slug, shown as `name(value)`, sorted for French readers.

    With `counted`, each option says how many items carry it ("Économie (5)"): `values`
    then holds one entry per item and value, and the reader sees what a choice leaves.
    """
    counts: dict[str, int] = {}
    unique: dict[str, str] = {}
    for value in values:
        slug = slugify(value)
        unique[slug] = name(value)
        counts[slug] = counts.get(slug, 0) + 1
    options = sorted(unique.items(), key=lambda item: sort_key(item[1]))
    if counted:
        options = [(slug, f"{shown} ({counts[slug]})") for slug, shown in options]
    return Facet(key, label, all_label, tuple(options))


def data_attributes(values: dict[str, Iterable[str]]) -> str:
    """data-<key>="slug slug" attributes that filters.js matches against the selects."""
    parts = []
    for key, items in values.items():
        slugs = " ".join(sorted({slugify(item) for item in items}))
        parts.append(f'data-{key}="{escape(slugs)}"')
    return " ".join(parts)


def render_filter_bar(list_id: str, legend: str, facets: Iterable[Facet], noun: tuple[str, str]) -> str:
    """The filter form for the list whose data-commons-list is `list_id`.

    `noun` is what the live status says after the count, singular and plural, agreed in
    gender: ("fiche affichée", "fiches affichées").
    """
    fields = []
    for item in facets:
        if not item.options:
            continue
        select_id = f"filtre-{list_id}-{item.key}"
        options = [f'<option value="">{escape(item.all_label)}</option>']
        options += [f'<option value="{escape(slug)}">{escape(label)}</option>' for slug, label in item.options]
        fields.append(
            f'<div class="commons-filter__field"><label for="{select_id}">{escape(item.label)}</label>'
            f'<select id="{select_id}" name="{escape(item.key)}" data-facet="{escape(item.key)}">'
            + "".join(options)
            + "</select></div>"
        )
    return (
        f'<form class="commons-filter" data-commons-filter="{escape(list_id)}" '
        f'data-noun-one="{escape(noun[0])}" data-noun-many="{escape(noun[1])}" hidden>'
        f"<fieldset><legend>{escape(legend)}</legend>"
        + "".join(fields)
        + '<button type="reset" class="md-button">Tout afficher</button>'
        "</fieldset>"
        '<p class="commons-filter__status" role="status" aria-live="polite"></p>'
        "</form>"
    )
