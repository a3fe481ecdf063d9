# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Each file loaded only by the pages that use it, on slow rural links.

Two things the plugins put on every page are kept where they serve:

- the print-site plugin adds its stylesheets and script to every page,
  although only the printable kit uses them, and so does extra_css with the
  kit's paper layout (assets/stylesheets/print.css);
- feed links (`<link rel="alternate">`): Material fetches the sitemap once
  for each such link on every page (it looks for other languages of the
  page there), and the RSS plugin and the theme wrote five of them. Feed
  readers look for a feed on the home page or on the page it belongs to:
  the home page announces the site's news, the catalogue its webinars, and
  other pages none.

Plain string changes on the finished HTML, each a no-op when the markup it
expects is not there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

# Each pattern starts with "<", so that the regular expression engine jumps from one "<" to the
# next (with a leading [ \t]* it tried every position of every page: a third of the hooks' build
# time); the spaces before a tag go with it (_remove).
_PRINT_ASSET = re.compile(
    r'<link\b[^>]*\bhref="[^"]*(?:css/print-site[^"]*|assets/stylesheets/print)\.css"[^>]*>\n?'
    r'|<script\b[^>]*\bsrc="[^"]*js/print-site\.js"[^>]*>\s*</script>\n?'
)
_FEED_LINK = re.compile(
    r'<link\b(?=[^>]*\brel="alternate")(?=[^>]*\btype="(?:application/rss\+xml|text/calendar)")[^>]*>\n?'
)


def _remove(html: str, *patterns: re.Pattern[str]) -> str:
    """`html` without the matches of `patterns`, each with the spaces and tabs just before it.

    Matches are taken from the left, as one pattern with alternatives would (a match inside an
    earlier one is left); the page is copied once, however many there are.
    """
    parts: list[str] = []
    kept = 0
    matches = sorted((m for pattern in patterns for m in pattern.finditer(html)), key=lambda m: m.start())
    for match in matches:
        if match.start() < kept:
            continue
        start = match.start()
        while start > kept and html[start - 1] in " \t":
            start -= 1
        parts.append(html[kept:start])
        kept = match.end()
    if not parts:
        return html
    parts.append(html[kept:])
    return "".join(parts)


@dataclass(frozen=True)
class Feed:
    """A feed announced in a page's head."""

    title: str
    href: str  # relative to the page
    type: str = "application/rss+xml"

    def tag(self) -> str:
        return (
            f'<link rel="alternate" type="{escape(self.type, quote=True)}" '
            f'title="{escape(self.title, quote=True)}" href="{escape(self.href, quote=True)}">'
        )


def without_print_assets(html: str) -> str:
    """A page other than the printable kit, without the print-site plugin's stylesheets and script."""
    return _remove(html, _PRINT_ASSET)


def with_feeds(html: str, feeds: Iterable[Feed]) -> str:
    """The page's head announcing exactly `feeds` (none at all when empty)."""
    return _announce(_remove(html, _FEED_LINK), feeds)


def page_assets(html: str, feeds: Iterable[Feed]) -> str:
    """with_feeds(without_print_assets(html), feeds), in one pass over the page (a copy of a page
    of a large site's navigation costs more than the search for what to remove)."""
    return _announce(_remove(html, _PRINT_ASSET, _FEED_LINK), feeds)


def _announce(html: str, feeds: Iterable[Feed]) -> str:
    tags = "".join(feed.tag() for feed in feeds)
    if not tags:
        return html
    at = html.find("</head>")
    return html if at == -1 else "".join((html[:at], tags, html[at:]))
