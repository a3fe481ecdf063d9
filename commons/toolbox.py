# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The toolbox: its index (each fiche once, thèmes as filters), badges on each fiche, related fiches.

Members look for a fiche by theme and by who it is for; everything here is
derived from the fiches' front matter so that adding a fiche is enough to
list it everywhere it belongs.
"""

from __future__ import annotations

import heapq
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape
from urllib.parse import unquote

from commons.filters import (
    capitalize,
    data_attributes,
    facet,
    render_filter_bar,
    slugify,
    sort_key,
)
from commons.pages import Page
from commons.text import markdown_text

MARKER = "<!-- boite-a-outils -->"
LIST_ID = "fiches"
RELATED_LIMIT = 4

PUBLICS = {
    "porteur-de-projet": "Porteurs de projet",
    "tiers-lieu": "Tiers-lieux",
    "coordination": "Coordination de réseau",
    "collectivité": "Collectivités",
    "tous": "Tout public",
}
LEVELS = {"découverte": "Découverte", "intermédiaire": "Intermédiaire", "avancé": "Avancé"}


@dataclass(frozen=True)
class Fiche:
    """What the index, the badges and the related list need to know about a fiche."""

    path: str
    url: str
    title: str
    description: str
    themes: tuple[str, ...]
    publics: tuple[str, ...]
    level: str | None


def fiches_from_pages(pages: Iterable[Page]) -> list[Fiche]:
    """The toolbox fiches among the pages, sorted by title for French readers."""
    fiches = []
    for page in pages:
        if page.kind != "fiche":
            continue
        meta = page.meta
        level = meta.get("niveau")
        fiches.append(
            Fiche(
                path=page.path,
                url=page.url,
                title=str(meta.get("title") or page.slug),
                description=str(meta.get("description") or ""),
                themes=tuple(str(t).strip() for t in meta.get("thèmes") or [] if str(t).strip()),
                publics=tuple(str(p).strip() for p in meta.get("public") or [] if str(p).strip()),
                level=str(level) if level else None,
            )
        )
    return sorted(fiches, key=lambda f: sort_key(f.title))


_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_REF_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_HTML_LINK = re.compile(r"""\bhref=["']([^"']+)["']""")


def linked_paths(markdown: str, page_path: str) -> set[str]:
    """Docs-relative paths of the pages a page links to in its Markdown (inline, reference or HTML links)."""
    here = posixpath.dirname(page_path)
    found = set()
    targets = [*_MD_LINK.findall(markdown), *_REF_LINK.findall(markdown), *_HTML_LINK.findall(markdown)]
    for target in targets:
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not path.endswith(".md") or re.match(r"^[a-z][a-z0-9+.-]*:", path, re.I):
            continue
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(here, path)
        found.add(posixpath.normpath(joined))
    return found


class RelatedIndex:
    """The fiches grouped by their set of thèmes, each group in title order, built once per build.

    How many thèmes two fiches share depends only on their two sets of thèmes,
    and a site has far fewer distinct sets than fiches: comparing a fiche with
    each set instead of with each fiche spares the million comparisons of a
    1000-fiche site, and the groups' orders are merged instead of sorted again.
    """

    def __init__(self, fiches: Iterable[Fiche]) -> None:
        groups: dict[frozenset[str], list[tuple[tuple[str, str], int, Fiche]]] = {}
        for position, other in enumerate(fiches):
            # The position breaks ties between equal titles as the fiches' order did.
            groups.setdefault(frozenset(other.themes), []).append((sort_key(other.title), position, other))
        self._groups = [(themes, sorted(members)) for themes, members in groups.items() if themes]

    def related(self, fiche: Fiche, limit: int = RELATED_LIMIT, exclude: Iterable[str] = ()) -> list[Fiche]:
        """Other fiches sharing the most thèmes with this one, then by title.

        Fiches whose path is in `exclude` (those the page already links to, in its
        "Pour aller plus loin" for example) are left out: listing them again
        would take the place of fiches the reader has not been pointed to.
        """
        mine = frozenset(fiche.themes)
        skipped = set(exclude)
        skipped.add(fiche.path)
        by_shared: dict[int, list[list[tuple[tuple[str, str], int, Fiche]]]] = {}
        for themes, members in self._groups:
            if n := len(mine & themes):
                by_shared.setdefault(n, []).append(members)
        # Most thèmes shared first, then by title: only the first groups are read.
        best: list[Fiche] = []
        for n in sorted(by_shared, reverse=True):
            for _key, _position, other in heapq.merge(*by_shared[n]):
                if len(best) >= limit:
                    return best
                if other.path not in skipped:
                    best.append(other)
        return best


def related(
    fiche: Fiche, fiches: Iterable[Fiche], limit: int = RELATED_LIMIT, exclude: Iterable[str] = ()
) -> list[Fiche]:
    """Other fiches sharing the most thèmes with this one, then by title (see RelatedIndex.related)."""
    return RelatedIndex(fiches).related(fiche, limit=limit, exclude=exclude)


THEMES_KEY = "thèmes"


def theme_labels(values: Iterable[object]) -> list[str]:
    """Thèmes as readers see them everywhere: capitalised ("économie" -> "Économie").

    Front matter keeps them lowercase (that is what members type and what
    the filters' slugs come from); only the label shown changes.
    """
    return [capitalize(str(v).strip()) for v in values if str(v).strip()]


def page_tags(meta: Mapping[str, object]) -> list[str]:
    """The tags a page shows: its thèmes, then the Movilab categories it carries (`wiki.categories`).

    A page pulled or imported from Movilab keeps the wiki's categories in its
    front matter; showing them as tags makes them visible on the site too.
    """
    values: list[object] = []
    themes = meta.get(THEMES_KEY)
    if isinstance(themes, list):
        values.extend(themes)
    wiki = meta.get("wiki")
    if isinstance(wiki, dict) and isinstance(wiki.get("categories"), list):
        values.extend(wiki["categories"])
    labels: list[str] = []
    for label in theme_labels(values):
        if label.casefold() not in {known.casefold() for known in labels}:
            labels.append(label)
    return labels


def public_label(value: str) -> str:
    return PUBLICS.get(value, capitalize(value))


def level_label(value: str) -> str:
    return LEVELS.get(value, capitalize(value))


def render_badges(fiche: Fiche) -> str:
    """The 'for whom, which level' line shown under a fiche's title."""
    badges = [
        f'<span class="commons-badge commons-badge--public">{escape(public_label(p))}</span>' for p in fiche.publics
    ]
    if fiche.level:
        badges.append(
            f'<span class="commons-badge commons-badge--niveau commons-badge--{slugify(fiche.level)}">'
            f"Niveau : {escape(level_label(fiche.level))}</span>"
        )
    if not badges:
        return ""
    return '<p class="commons-badges"><span class="commons-sr-only">Pour qui : </span>' + "".join(badges) + "</p>"


def render_related(
    fiche: Fiche, fiches: RelatedIndex, link: Callable[[Fiche], str], exclude: Iterable[str] = ()
) -> str:
    """A Markdown section listing related fiches not in `exclude`; `link` gives the Markdown link target."""
    others = fiches.related(fiche, exclude=exclude)
    if not others:
        return ""
    lines = ["## Fiches liées {#fiches-liees .commons-related}", ""]
    for other in others:
        shared = ", ".join(theme_labels(t for t in other.themes if t in fiche.themes))
        lines.append(f"- [{markdown_text(other.title)}]({link(other)}) — {markdown_text(shared)}")
    return "\n".join(lines) + "\n"


def render_index(fiches: list[Fiche], href: Callable[[str], str], theme_href: Callable[[str], str]) -> str:
    """Markdown for the toolbox index: filter bar with counts, then every fiche once, by title.

    A fiche has several thèmes: grouped by thème, it appeared under each (47
    cards for 24 fiches, 14,000 px on a phone) and a filter left twins. The
    thèmes are filters instead, each option saying how many fiches it keeps,
    and each card shows its thèmes as links that apply the filter.
    """
    bar = render_filter_bar(
        LIST_ID,
        "Filtrer les fiches",
        [
            facet("theme", "Thème", "Tous les thèmes", (t for f in fiches for t in f.themes), counted=True),
            facet(
                "public",
                "Pour qui",
                "Tous les publics",
                (p for f in fiches for p in f.publics),
                public_label,
                counted=True,
            ),
            facet(
                "niveau", "Niveau", "Tous les niveaux", (f.level for f in fiches if f.level), level_label, counted=True
            ),
        ],
        ("fiche affichée", "fiches affichées"),
    )
    if not fiches:
        return bar + '\n\n<p class="commons-empty">Aucune fiche pour le moment.</p>\n'
    count = f"{len(fiches)} fiche{'s' if len(fiches) > 1 else ''}"
    items = "\n".join(
        _render_card(fiche, href, theme_href) for fiche in sorted(fiches, key=lambda f: sort_key(f.title))
    )
    return (
        f"{bar}\n\n## Les fiches ({count}) {{#fiches}}\n\n"
        f'<ul class="commons-cards" data-commons-list="{LIST_ID}">\n{items}\n</ul>\n'
    )


def _render_card(fiche: Fiche, href: Callable[[str], str], theme_href: Callable[[str], str]) -> str:
    attributes = data_attributes(
        {"theme": fiche.themes, "public": fiche.publics, "niveau": [fiche.level] if fiche.level else []}
    )
    lines = [
        f'<li class="commons-card" {attributes}>',
        f'<h3 class="commons-card__title"><a href="{escape(href(fiche.url))}">{escape(fiche.title)}</a></h3>',
    ]
    if fiche.description:
        lines.append(f'<p class="commons-card__description">{escape(fiche.description)}</p>')
    if fiche.themes:
        tags = "".join(
            f'<a class="md-tag" href="{escape(theme_href(slugify(theme)), quote=True)}">{escape(label)}</a>'
            for theme, label in zip(fiche.themes, theme_labels(fiche.themes), strict=True)
        )
        lines.append(
            f'<p class="commons-card__themes md-tags"><span class="commons-sr-only">Thèmes : </span>{tags}</p>'
        )
    badges = render_badges(fiche)
    if badges:
        lines.append(badges)
    lines.append("</li>")
    return "\n".join(lines)
