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

_PRINT_ASSET = re.compile(
    r'[ \t]*<link\b[^>]*\bhref="[^"]*(?:css/print-site[^"]*|assets/stylesheets/print)\.css"[^>]*>\n?'
    r'|[ \t]*<script\b[^>]*\bsrc="[^"]*js/print-site\.js"[^>]*>\s*</script>\n?'
)
_FEED_LINK = re.compile(
    r'[ \t]*<link\b(?=[^>]*\brel="alternate")(?=[^>]*\btype="(?:application/rss\+xml|text/calendar)")[^>]*>\n?'
)


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
    return _PRINT_ASSET.sub("", html)


def with_feeds(html: str, feeds: Iterable[Feed]) -> str:
    """The page's head announcing exactly `feeds` (none at all when empty)."""
    html = _FEED_LINK.sub("", html)
    tags = "".join(feed.tag() for feed in feeds)
    if not tags:
        return html
    at = html.find("</head>")
    return html if at == -1 else html[:at] + tags + html[at:]
