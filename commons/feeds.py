# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The webinars' RSS feed, and the French stylesheet every feed of the site points to.

The site-wide feeds (mkdocs-rss-plugin) announce pages by their git dates:
webinars, created together long ago, never showed among their latest
twenty. The webinars get their own feed here, soonest first. Every feed
names a CSS stylesheet, so that a reader who opens one in a browser reads a
French page rather than raw XML (assets/stylesheets/feed.css).

ElementTree writes the XML: every value coming from front matter is escaped
by it, never by hand. A feed reader shows an item's description as HTML (RSS
2.0 carries it entity-encoded): the webinar's fields are escaped as HTML text
first (`html.escape`), one line each, so that a speaker's name or a description
is read as written, never as a tag of the subscriber's reader.
"""

from __future__ import annotations

import datetime as dt
import html
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from email.utils import format_datetime

from commons.webinars import Webinar, french_date

WEBINAR_FEED = "webinaires.xml"
STYLESHEET = "assets/stylesheets/feed.css"  # relative to the site root, where the feeds are
SITE_FEEDS = ("feed_rss_created.xml", "feed_rss_updated.xml")  # written by mkdocs-rss-plugin


def stylesheet_instruction(href: str = STYLESHEET) -> str:
    return f'<?xml-stylesheet type="text/css" href="{href}"?>'


def with_stylesheet(xml: str, href: str = STYLESHEET) -> str:
    """The feed naming its stylesheet, right after the XML declaration; unchanged if it already does."""
    if "<?xml-stylesheet" in xml:
        return xml
    instruction = stylesheet_instruction(href)
    if xml.startswith("<?xml"):
        end = xml.index("?>") + 2
        return xml[:end] + "\n" + instruction + xml[end:]
    return instruction + "\n" + xml


def _text(element: ET.Element, tag: str, text: str) -> ET.Element:
    child = ET.SubElement(element, tag)
    child.text = text
    return child


def _description(webinar: Webinar) -> str:
    """The item's description: HTML, its lines of text escaped and separated by <br>."""
    lines = [french_date(webinar.start) + (" (heure de Paris)" if webinar.has_time else "")]
    if webinar.speakers:
        lines.append("Avec " + ", ".join(s.label() for s in webinar.speakers))
    if webinar.description:
        lines.append(webinar.description)
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def webinar_feed(
    webinars: Iterable[Webinar],
    site_url: str,
    site_name: str,
    announced: Mapping[str, dt.datetime],
    now: dt.datetime,
) -> bytes:
    """RSS 2.0 of every webinar, the latest first; `announced` maps a webinar's path to the
    date its page last changed (git), used as the item's date, never later than `now`."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", f"Webinaires — {site_name}")
    _text(channel, "link", base + "webinaires/")
    _text(
        channel, "description", "Les webinaires du réseau, à venir et passés, avec leurs intervenants et leurs thèmes."
    )
    _text(channel, "language", "fr")
    _text(channel, "lastBuildDate", format_datetime(now.astimezone(dt.UTC)))
    for webinar in sorted(webinars, key=lambda w: (w.day, w.slug), reverse=True):
        item = ET.SubElement(channel, "item")
        _text(item, "title", f"{webinar.title} — {french_date(webinar.start)}")
        url = base + webinar.url
        _text(item, "link", url)
        _text(item, "guid", url).set("isPermaLink", "true")
        _text(item, "description", _description(webinar))
        for theme in webinar.themes:
            _text(item, "category", theme)
        when = min(announced.get(webinar.path) or now, now)
        _text(item, "pubDate", format_datetime(when.astimezone(dt.UTC)))
    body = ET.tostring(rss, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + stylesheet_instruction() + "\n" + body + "\n").encode()
