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
import posixpath
import re
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


# --- Addresses of the site-wide feeds' descriptions -------------------------------------------------
# A page without a `description` gets its feed description from its first lines, which mkdocs-rss-plugin
# renders from the raw Markdown: its links are still the source's (`../boite-a-outils/compost.md`), and
# relative to nothing in a feed reader. They run after the descriptions are cleaned (commons.sanitize:
# every attribute double-quoted, its value escaped), so that an address is read as a browser reads it.
_ITEM = re.compile(r"<item>(.*?)</item>", re.S)
_LINK = re.compile(r"<link>([^<]*)</link>")
_ITEM_DESCRIPTION = re.compile(r"<description>([^<]*)</description>")
_ADDRESS = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def with_absolute_addresses(xml: str, site_url: str, sources: frozenset[str]) -> str:
    """An RSS feed whose descriptions' relative links and images are the published pages' and files'
    full addresses (`sources`: the Markdown files of docs/, as paths under it); unchanged otherwise."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    if not base.startswith(("https://", "http://")):
        return xml

    def item(found: re.Match[str]) -> str:
        body = found.group(1)
        link = _LINK.search(body)
        folder = _source_folder(html.unescape(link.group(1)).strip(), base, sources) if link else None
        if folder is None:
            return found.group(0)

        def description(matched: re.Match[str]) -> str:
            text = html.unescape(matched.group(1))
            done = _ADDRESS.sub(lambda a: a.group(1) + _absolute(a.group(2), folder, base) + a.group(3), text)
            return matched.group(0) if done == text else f"<description>{html.escape(done)}</description>"

        return f"<item>{_ITEM_DESCRIPTION.sub(description, body)}</item>"

    return _ITEM.sub(item, xml)


def _source_folder(page_url: str, base: str, sources: frozenset[str]) -> str | None:
    """The folder (under docs/, "" or ending in "/") of the file a page's address was built from."""
    if not page_url.startswith(base):
        return None
    stem = page_url[len(base) :].split("#")[0].strip("/")
    if not stem:
        return "" if "index.md" in sources else None
    if f"{stem}/index.md" in sources:
        return stem + "/"
    if f"{stem}.md" in sources:
        return stem.rpartition("/")[0] + "/" if "/" in stem else ""
    return None


def _absolute(escaped: str, folder: str, base: str) -> str:
    """A relative address of a page written in `folder`, as the full address of what it leads to."""
    value = html.unescape(escaped)
    if not value or _SCHEME.match(value) or value.startswith(("/", "\\", "#")):
        return escaped  # another site's, the site's own absolute ones, an anchor of the page: as written
    path, hash_, fragment = value.partition("#")
    target = posixpath.normpath(folder + path) if path else folder.rstrip("/")
    if target == ".":
        target = ""
    if target.startswith(".."):
        return escaped  # above docs/: nothing published there
    if target.endswith(".md"):
        stem = target[:-3]
        page = "" if stem == "index" else stem[: -len("index")] if stem.endswith("/index") else stem + "/"
        target = page
    return html.escape(base + target + hash_ + fragment, quote=True)
