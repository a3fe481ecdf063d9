# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The onboarding kit on paper: what a page's HTML needs to read well printed or as a PDF.

On paper nothing can be clicked open and no relative link can be followed:
folded answers are unfolded, links to pages outside the kit become the
site's public addresses, and the document ends with its own credits (who
wrote it, from which sources, under which licence, when), since a PDF
travels without the site around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape, unescape
from typing import Any
from urllib.parse import urljoin, urlsplit

from commons.text import web_href

_DETAILS = re.compile(r"<details\b([^>]*)>", re.I)
_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")', re.I)
_HEADING_ID = re.compile(r'<(h[1-6]|sup|li)\b[^>]*?\bid="([^"]*)"[^>]*>', re.I)
_SCHEMES = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def open_details(html: str) -> str:
    """Every <details> open: a folded FAQ answer would print as a bare question."""

    def add_open(match: re.Match[str]) -> str:
        attributes = match.group(1)
        if re.search(r"\bopen\b", attributes):
            return match.group(0)
        return f"<details{attributes} open>"

    return _DETAILS.sub(add_open, html)


def absolute_links(html: str, page_url: str, site_url: str, kept: Iterable[str]) -> str:
    """Links to pages outside `kept` (site-relative URLs of the printed pages) become public URLs.

    The print-site plugin turns every link to another page into an anchor in
    the printable page; for a page that is not printed, that anchor leads
    nowhere. Without a site_url there is no public address to give, and the
    link is left as it is.
    """
    if not site_url:
        return html
    base = site_url if site_url.endswith("/") else site_url + "/"
    printed = {url.lstrip("/") for url in kept}

    def rewrite(match: re.Match[str]) -> str:
        href = unescape(match.group(2))
        if not href or href.startswith("#") or href.startswith("//") or _SCHEMES.match(href):
            return match.group(0)
        target = urljoin("/" + page_url, href)
        parts = urlsplit(target)
        path = parts.path.lstrip("/")
        if path in printed:
            return match.group(0)
        absolute = (
            base + path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
        )
        return match.group(1) + escape(absolute) + match.group(3)

    return _HREF.sub(rewrite, html)


def safe_heading_ids(html: str) -> str:
    """Rename ids the print-site plugin would mangle, and the in-page links to them.

    The plugin prefixes ids by replacing the id's text everywhere in the
    tag: for the glossary's "## D" (id "d") it also rewrites the "d" of
    "id=", giving `<h2 ikit-accueil-glossaire-d="…">`, a heading without an
    id that the table of contents and links cannot reach. Single letters are
    what glossaries and FAQs use, so this is not rare; an id that occurs only
    once in its tag is left alone.
    """
    renamed: dict[str, str] = {}
    for match in _HEADING_ID.finditer(html):
        ident = match.group(2)
        if ident and match.group(0).count(ident) > 1 and ident not in renamed:
            new = f"section-{ident}"
            while f'id="{new}"' in html:
                new = f"section-{new}"
            renamed[ident] = new
    for old, new in renamed.items():
        html = re.sub(rf'(<(?:h[1-6]|sup|li)\b[^>]*?\bid="){re.escape(old)}(")', rf"\g<1>{new}\g<2>", html)
        html = html.replace(f'href="#{old}"', f'href="#{new}"')
    return html


_ROOTED = re.compile(r'\b(href|src|data-commons-search)="(/[^"]*)"')


def relative_to_page(page_html: str, base_path: str, page_url: str) -> str:
    """The printable page's own links relative to it, as on every other page.

    The print-site plugin renders the page with the 404 page's context, whose
    links start with the site's path ("/communs/…"): served from another
    folder, as `python -m http.server` or a preview does, the page then lost
    its styles, scripts and search. Links outside the site are left alone.
    """
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    up = "../" * page_url.strip("/").count("/") + ("../" if page_url.strip("/") else "")

    def rewrite(match: re.Match[str]) -> str:
        target = match.group(2)
        if not target.startswith(base) or target.startswith("//"):
            return match.group(0)
        return f'{match.group(1)}="{up}{target[len(base) :]}"'

    return _ROOTED.sub(rewrite, page_html)


def printable_page(html: str, page_url: str, site_url: str, printed_urls: Iterable[str]) -> str:
    """A kit page's content as the printable kit should show it."""
    return safe_heading_ids(absolute_links(open_details(html), page_url, site_url, printed_urls))


@dataclass(frozen=True)
class Credits:
    """What the printed kit says about itself at its end."""

    site_name: str
    site_url: str
    kit_url: str  # public URL of the kit online
    licence_name: str
    licence_url: str
    authors: list[str]
    sources: list[Any]  # keys of docs/sources.yml or inline {titre, url, auteur, annee}
    built: str  # date of the kit's last change (git), written out in French, as the web pages say it


def collect_authors(per_page: Iterable[Iterable[str]]) -> list[str]:
    """Every page's authors once, in the order the kit's pages credit them."""
    names: list[str] = []
    for authors in per_page:
        for name in authors:
            if name not in names:
                names.append(name)
    return names


def collect_sources(per_page: Iterable[Any]) -> list[Any]:
    """Sources cited by the pages, each once (a key or an inline reference), in order of first citation."""
    found: list[Any] = []
    for sources in per_page:
        if not isinstance(sources, list):
            continue
        for source in sources:
            if source not in found:
                found.append(source)
    return found


def _reference(item: Any, bibliography: Mapping[str, Any]) -> str:
    ref = bibliography.get(item, {}) if isinstance(item, str) else item
    if not isinstance(ref, dict) or not ref.get("titre"):
        return escape(str(item))
    title = escape(str(ref["titre"]))
    parts = [title] + [escape(str(ref[k])) for k in ("auteur", "annee") if ref.get(k)]
    text = ", ".join(parts)
    # On paper the address must be readable, not hidden behind a link.
    href = web_href(ref.get("url"))
    if href:
        url = escape(href)
        text += f' — <a href="{url}">{url}</a>'
    return text


CREDITS_ID = "credits-du-kit"
CREDITS_TITLE = "Crédits"


def render_credits(credits: Credits, bibliography: Mapping[str, Any], heading_id: str = CREDITS_ID) -> str:
    """The closing section of the printable kit (HTML), in French."""
    licence = f'<a rel="license" href="{escape(credits.licence_url)}">{escape(credits.licence_name)}</a>'
    rows = [
        f'<h1 id="{escape(heading_id)}">{CREDITS_TITLE}</h1>',
        f"<p>Ce kit d'accueil est publié par <strong>{escape(credits.site_name)}</strong>"
        + (
            f', en ligne sur <a href="{escape(credits.kit_url)}">{escape(credits.kit_url)}</a>.'
            if credits.kit_url
            else "."
        )
        + "</p>",
        f"<p>Version du {escape(credits.built)} (dernière mise à jour de ses pages).</p>",
    ]
    if credits.authors:
        rows.append(f"<p><strong>Auteurs et autrices :</strong> {escape(', '.join(credits.authors))}</p>")
    if credits.sources:
        items = "".join(f"<li>{_reference(s, bibliography)}</li>" for s in credits.sources)
        rows.append(f"<p><strong>Sources :</strong></p><ul>{items}</ul>")
    rows.append(
        f"<p><strong>Licence :</strong> {licence}"
        + (f" — {escape(credits.licence_url)}" if credits.licence_url else "")
        + ". Vous pouvez copier, modifier et redistribuer ce document, y compris à des fins commerciales, "
        "en citant ses auteurs et autrices et en le partageant sous la même licence.</p>"
    )
    return '<section class="print-page commons-print-credits">' + "".join(rows) + "</section>"


PRINT_SCRIPT = "assets/javascripts/print.js"


def add_print_script(page_html: str, page_url: str) -> str:
    """Load the print button's script (overrides/assets/javascripts/print.js) after the page body.

    A file of the theme, as filters.js, rather than a script inside the page:
    no page body carries a script (commons/sanitize.py, tests/security).
    """
    up = "../" * (page_url.strip("/").count("/") + 1) if page_url.strip("/") else ""
    tag = f'<script src="{escape(up + PRINT_SCRIPT, quote=True)}" defer></script>'
    at = page_html.rfind("</body>")
    return page_html[:at] + tag + page_html[at:] if at != -1 else page_html + tag


def insert_before_article_end(page_html: str, block: str) -> str:
    """Put `block` at the end of the page's main content (the theme's <article>), or before </body>."""
    for closing in ("</article>", "</body>"):
        at = page_html.rfind(closing)
        if at != -1:
            return page_html[:at] + block + page_html[at:]
    return page_html + block


_TOC_LIST = re.compile(r'<ul\b[^>]*data-md-component="toc"[^>]*>')
_LIST_TAG = re.compile(r"<(/?)ul\b", re.I)


def add_toc_entry(page_html: str, anchor: str, title: str) -> str:
    """Add a last entry to the page's table of contents (the theme's), which the
    printable page copies as its "Sommaire"; unchanged when the theme has none."""
    opening = _TOC_LIST.search(page_html)
    if opening is None:
        return page_html
    depth = 1
    for tag in _LIST_TAG.finditer(page_html, opening.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            entry = (
                f'<li class="md-nav__item"><a href="#{escape(anchor)}" class="md-nav__link">'
                f'<span class="md-ellipsis">{escape(title)}</span></a></li>'
            )
            return page_html[: tag.start()] + entry + page_html[tag.start() :]
    return page_html


_PRINT_ROOT = re.compile(r'<div id="print-site-page"[^>]*>')


def render_cover(credits: Credits, title: str, pdf_href: str) -> str:
    """The kit's first page on paper: the network, the title, the date, where to read it online.

    On screen it heads the printable page, with a button that prints it (the
    browser's own dialog, which can also save a PDF) and the PDF's link,
    hidden until `commons.pdf` has made the file and written its size.
    """
    online = (
        f'<p class="commons-cover__url">En ligne : <a href="{escape(credits.kit_url)}">{escape(credits.kit_url)}</a></p>'
        if credits.kit_url
        else ""
    )
    actions = (
        '<p class="commons-print-actions" hidden>'
        '<button type="button" class="md-button md-button--primary" data-commons-print>Imprimer</button> '
        f'<a class="md-button" href="{escape(pdf_href, quote=True)}" type="application/pdf" data-commons-pdf hidden>'
        'Télécharger le PDF<span class="commons-pdf-size"></span></a></p>'
        # Without JavaScript the button could not print: overrides/assets/javascripts/print.js
        # shows it (no script inside a page body, no onclick attribute: tests/security).
    )
    return (
        '<section class="print-page commons-cover">'
        f'<p class="commons-cover__network">{escape(credits.site_name)}</p>'
        f'<p class="commons-cover__title">{escape(title)}</p>'
        '<p class="commons-cover__subtitle">Pour bien arriver dans le réseau : ce qu\'est un tiers-lieu, '
        "comment le réseau fonctionne, où trouver quoi et comment participer.</p>"
        f'<p class="commons-cover__date">Version du {escape(credits.built)}</p>'
        f"{online}{actions}</section>"
    )


def insert_cover(page_html: str, cover: str) -> str:
    """Put the cover first in the printable page, before its table of contents."""
    found = _PRINT_ROOT.search(page_html)
    if found is None:
        return page_html
    return page_html[: found.end()] + cover + page_html[found.end() :]


_PDF_TAG = re.compile(r"<[a-z]+\b[^>]*\bdata-commons-pdf\b[^>]*>")
_HIDDEN = re.compile(r'\s+hidden(?:="[^"]*")?(?=[\s/>])')
_PDF_SIZE = re.compile(r'<span class="commons-pdf-size">[^<]*</span>')


def pdf_size_label(size: int) -> str:
    """' (420 Ko)', ' (1,2 Mo)': what a reader on a slow link wants to know before downloading."""
    if size >= 1024 * 1024:
        return f" ({size / (1024 * 1024):.1f} Mo)".replace(".", ",")
    return f" ({max(1, round(size / 1024))} Ko)"


def announce_pdf(page_html: str, size: int) -> str:
    """Show the PDF's links in a page, with the file's size, once the PDF exists."""
    html = _PDF_TAG.sub(lambda m: _HIDDEN.sub("", m.group(0)), page_html)
    return _PDF_SIZE.sub(f'<span class="commons-pdf-size">{pdf_size_label(size)}</span>', html)
