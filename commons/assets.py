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


def _remove(pattern: re.Pattern[str], html: str) -> str:
    """`html` without the matches of `pattern`, each with the spaces and tabs just before it."""
    parts: list[str] = []
    kept = 0
    for match in pattern.finditer(html):
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
    return _remove(_PRINT_ASSET, html)


def with_feeds(html: str, feeds: Iterable[Feed]) -> str:
    """The page's head announcing exactly `feeds` (none at all when empty)."""
    html = _remove(_FEED_LINK, html)
    tags = "".join(feed.tag() for feed in feeds)
    if not tags:
        return html
    at = html.find("</head>")
    return html if at == -1 else html[:at] + tags + html[at:]
