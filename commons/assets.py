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

from commons import html_edits

# Each pattern starts with "<", so that the regular expression engine jumps from one "<" to the
# next (with a leading [ \t]* it tried every position of every page: a third of the hooks' build
# time); the spaces before a tag go with it (_remove).
# What follows the "<" of each tag removed (commons.page_html looks for them in the same scan as
# other changes).
PRINT_ASSET_TAG = (
    r'(?:link\b[^>]*\bhref="[^"]*(?:css/print-site[^"]*|assets/stylesheets/print)\.css"[^>]*>\n?'
    r'|script\b[^>]*\bsrc="[^"]*js/print-site\.js"[^>]*>\s*</script>\n?)'
)
FEED_LINK_TAG = r'link\b(?=[^>]*\brel="alternate")(?=[^>]*\btype="(?:application/rss\+xml|text/calendar)")[^>]*>\n?'
PRINT_ASSET = re.compile("<" + PRINT_ASSET_TAG)
FEED_LINK = re.compile("<" + FEED_LINK_TAG)


def _remove(html: str, *patterns: re.Pattern[str]) -> str:
    """`html` without the matches of `patterns`, each with the spaces and tabs just before it."""
    return html_edits.apply_own(html, _removals(html, *patterns))


def _removals(html: str, *patterns: re.Pattern[str]) -> list[html_edits.Edit]:
    """The matches of `patterns` in `html` as edits that remove them (removal_edits)."""
    return removal_edits(
        html, sorted((m for pattern in patterns for m in pattern.finditer(html)), key=lambda m: m.start())
    )


def removal_edits(html: str, matches: Iterable[re.Match[str]]) -> list[html_edits.Edit]:
    """Edits that remove `matches` (in page order) from `html`, each with the spaces and tabs
    just before it.

    Matches are taken from the left, as one pattern with alternatives would (a match inside an
    earlier one is left).
    """
    edits: list[html_edits.Edit] = []
    kept = 0
    for match in matches:
        if match.start() < kept:
            continue
        start = match.start()
        while start > kept and html[start - 1] in " \t":
            start -= 1
        edits.append((start, match.end(), ""))
        kept = match.end()
    return edits


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
    return _remove(html, PRINT_ASSET)


def with_feeds(html: str, feeds: Iterable[Feed]) -> str:
    """The page's head announcing exactly `feeds` (none at all when empty)."""
    return _announce(_remove(html, FEED_LINK), feeds)


def page_assets(html: str, feeds: Iterable[Feed]) -> str:
    """with_feeds(without_print_assets(html), feeds), with one copy of the page (a copy of a page
    of a large site's navigation costs more than the search for what to remove)."""
    return html_edits.apply_own(html, page_edits(html, feeds))


def page_edits(html: str, feeds: Iterable[Feed]) -> list[html_edits.Edit]:
    """page_assets as edits on `html` (commons.html_edits)."""
    return _removals(html, PRINT_ASSET, FEED_LINK) + announce_edits(html, feeds)


def announce_edits(html: str, feeds: Iterable[Feed]) -> list[html_edits.Edit]:
    """The feed links of `feeds` at the end of the page's head, as edits (none when empty)."""
    tags = "".join(feed.tag() for feed in feeds)
    at = html.find("</head>") if tags else -1
    return [(at, at, tags)] if at != -1 else []


def _announce(html: str, feeds: Iterable[Feed]) -> str:
    tags = "".join(feed.tag() for feed in feeds)
    if not tags:
        return html
    at = html.find("</head>")
    return html if at == -1 else "".join((html[:at], tags, html[at:]))
