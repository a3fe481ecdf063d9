# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""French search with Pagefind: what each page gives the index, and the index itself.

Why Pagefind rather than Material's search (see README, "Recherche"): it
stems French words (« rémunération » finds « rémunérer »), drops words such
as « à » and « un » instead of searching every word that starts with them,
and splits its index into chunks that the reader's browser fetches only for
the words typed, after the search box is opened: a first view downloads no
index at all, where Material's loaded all of it on every page.

The index is built from the finished HTML: each page marks the part worth
searching (its article) and leaves out what would only add noise (credits,
filter forms, the lists of cards that repeat every fiche or webinar, the
kit's reading-time line). These are plain string changes on the theme's
markup, each a no-op when the markup is not there.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from commons import html_edits, pagefind_service

OUTPUT = "pagefind"
# What the site's own search box (overrides/assets/javascripts/search.js) loads; the rest of
# Pagefind's output (its ready-made interfaces, the index for pages of unknown language) is
# deleted so that a published site carries only what readers may download.
KEPT = re.compile(r"^(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|pagefind\..*\.pf_meta|wasm\.fr\.pagefind)$")
KEPT_DIRS = frozenset({"index", "fragment", "filter"})
TIMEOUT_SECONDS = 300

_ARTICLE_START = '<article class="md-content__inner md-typeset"'
_ARTICLE = re.compile(re.escape(_ARTICLE_START) + "[^>]*>")
# Blocks that describe the page rather than say what it is about: credits, filter forms, the
# lists of cards that repeat every fiche or webinar, the kit's reading line, badges, permalinks.
_IGNORED = re.compile(
    r"<(aside|form|ul|p|a|div)(\s+class=\"(?:communs-attribution|commons-filter|commons-cards"
    r"|commons-reading[^\"]*|commons-badges|commons-event__links[^\"]*|(?:language-[^\"]*\s)?highlight|headerlink)\")"
)
_TITLE = re.compile(r"<h1(?=[\s>])")
# The article mark_page marked (see indexed_part).
_BODY = re.compile(rb'<article class="md-content__inner md-typeset"[^>]*\sdata-pagefind-body>')
# A webinar's facts: "Date", "Durée"… are labels; without them the excerpt reads as sentences.
_FACTS = re.compile(r'<dl class="commons-event__facts">.*?</dl>', re.S)


class SearchIndexError(Exception):
    """The index could not be built; the message says why and what to do, in French."""


def _meta(key: str, value: str) -> str:
    # One key per element: Pagefind reads "key:value" up to the end of the attribute.
    clean = re.sub(r"[\"<>&]", " ", value).strip()
    return f'<span data-pagefind-meta="{key}:{clean}" hidden></span>' if clean else ""


def mark_page(html: str, meta: Mapping[str, str], title_weight: float | None = None) -> str:
    """The page's article as Pagefind's body, with `meta` shown beside each result, and noise ignored.

    `title_weight` (Pagefind's scale, up to 10; a title counts 7 by default) ranks a kind of
    page above others for the words of its title.
    """
    return html_edits.apply_own(html, mark_edits(html, meta, title_weight))


def _article(html: str) -> re.Match[str] | None:
    """_ARTICLE.search(html), looking only where the tag's fixed start is (a regular expression
    search tries every "<" of the page's navigation)."""
    at = html.find(_ARTICLE_START)
    while at != -1:
        found = _ARTICLE.match(html, at)
        if found is not None:
            return found
        at = html.find(_ARTICLE_START, at + 1)
    return None


def mark_edits(html: str, meta: Mapping[str, str], title_weight: float | None = None) -> list[html_edits.Edit]:
    """mark_page as edits on `html` (commons.html_edits), in page order.

    Only the article is read by Pagefind: the rest of the page (the theme's navigation, most
    of its bytes) is not searched.
    """
    found = _article(html)
    if found is None:
        return []
    spans = "".join(_meta(key, value) for key, value in meta.items())
    # The article's opening tag ends with its ">": the mark and the meta go there.
    edits: list[html_edits.Edit] = [(found.end() - 1, found.end(), " data-pagefind-body>" + spans)]
    start, end = found.end(), html.rfind("</article>")
    if end < start:
        end = len(html)
    if title_weight is not None:
        title = _TITLE.search(html, start, end)
        if title is not None:
            edits.append((title.start(), title.end(), f'<h1 data-pagefind-weight="{title_weight:g}"'))
    for facts in _FACTS.finditer(html, start, end):
        at = html.find("<dt>", facts.start(), facts.end())
        while at != -1:
            edits.append((at, at + len("<dt>"), "<dt data-pagefind-ignore>"))
            at = html.find("<dt>", at + len("<dt>"), facts.end())
    edits += ((m.end(1), m.end(1), " data-pagefind-ignore") for m in _IGNORED.finditer(html, start, end))
    edits.sort(key=lambda edit: edit[0])
    return edits


def pagefind_executable() -> str:
    """The Pagefind binary of the pinned `pagefind-bin` package (requirements.txt)."""
    try:
        import pagefind_bin
    except ImportError as exc:
        raise SearchIndexError(
            "le paquet Python pagefind-bin manque : lancez « ./dev site » ou "
            "« .venv/bin/pip install -r requirements.txt »."
        ) from exc
    try:
        return str(pagefind_bin.get_executable())
    except FileNotFoundError as exc:
        raise SearchIndexError(f"le programme Pagefind est introuvable dans le paquet pagefind-bin : {exc}") from exc


def indexed_part(html: bytes) -> bytes:
    """What Pagefind needs of a finished page (its bytes) to index it as it would the whole page.

    Pagefind indexes only the article marked by mark_page, yet parses the whole file: the
    theme's navigation, repeated on every page, made most of its work (6 of 7 s of CPU on a
    generated 1000-page site, bench/build.py). The page is cut down to its head and that
    article when what is left out holds nothing Pagefind reads there: no other mark
    (`data-pagefind-…`) and no <h1> (the result's title is the page's first one), in any
    case. Any doubt keeps the whole page: the index is the same either way
    (tests/site/test_search_index.py). Bytes, not text: nothing here needs decoding.
    """
    found = _BODY.search(html)
    if found is None:
        return html
    body = html.find(b">", html.find(b"<body")) + 1
    end = html.rfind(b"</article>")
    if not 0 < body <= found.start() or end < found.end():
        return html
    end += len(b"</article>")
    if _mentions(html, body, found.start()) or _mentions(html, end, len(html)):
        return html
    return b"".join((html[:body], html[found.start() : end], b"</body></html>\n"))


_MARK = b"data-pagefind"
_MARK_G = _MARK.index(b"g")  # the rarest letter of the mark in a page's navigation


def _mentions(html: bytes, start: int, end: int) -> bool:
    """Whether html[start:end], in any case, holds "<h1" or "data-pagefind": without a lowercase copy
    of the page's navigation (most of its bytes), by looking only around each "g" and "G"."""
    if html.find(b"<h1", start, end) != -1 or html.find(b"<H1", start, end) != -1:
        return True
    for letter in b"gG":
        at = html.find(bytes((letter,)), start + _MARK_G, end)
        while at != -1:
            if at - _MARK_G + len(_MARK) <= end and html[at - _MARK_G : at - _MARK_G + len(_MARK)].lower() == _MARK:
                return True
            at = html.find(bytes((letter,)), at + 1, end)
    return False


def _pages(site_dir: Path) -> Iterator[Path]:
    """The site's HTML pages in the order Pagefind reads a folder (each folder's entries as the
    system lists them, a folder's pages before the next entry): the order of the pages in the
    index files, which must be the ones Pagefind writes from the site itself."""

    def walk(folder: Path, top: bool) -> Iterator[Path]:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if not (top and entry.name == OUTPUT):
                        yield from walk(Path(entry.path), False)
                elif entry.name.endswith(".html"):
                    yield Path(entry.path)

    return walk(site_dir, True)


def _kept(path: str) -> bool:
    """A file of Pagefind's output that the site's search box loads (a relative path, no "..")."""
    parts = PurePosixPath(path).parts
    if not parts or path.startswith("/") or ".." in parts:
        return False
    return parts[0] in KEPT_DIRS if len(parts) > 1 else bool(KEPT.match(parts[0]))


def build_index(site_dir: Path, executable: str | None = None) -> Path:
    """Index the built site in French into site_dir/pagefind/; return that folder.

    Pagefind gets each page as indexed_part keeps it through its service mode, without a
    copy of the pages on disk (commons.pagefind_service).
    """
    program = executable or pagefind_executable()
    output = site_dir / OUTPUT
    pages = (
        (page.relative_to(site_dir).as_posix(), indexed_part(page.read_bytes()).decode("utf-8", "replace"))
        for page in _pages(site_dir)
    )
    try:
        files = pagefind_service.run(program, pages, {"force_language": "fr"}, TIMEOUT_SECONDS)
    except OSError as exc:
        raise SearchIndexError(f"Pagefind n'a pas pu lire les pages de {site_dir} : {exc}") from exc
    except pagefind_service.ProgramError as exc:
        raise SearchIndexError(str(exc)) from exc
    except pagefind_service.ServiceError as exc:
        raise SearchIndexError(f"Pagefind n'a pas pu indexer {site_dir} : {exc}") from exc
    if not any(path == "pagefind.js" for path, _ in files):
        raise SearchIndexError(f"Pagefind n'a pas pu indexer {site_dir} : son index n'a pas de pagefind.js.")
    try:
        for path, content in files:
            if _kept(path):
                target = output / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
    except OSError as exc:
        raise SearchIndexError(f"l'index de recherche n'a pas pu être écrit dans {output} : {exc}") from exc
    prune(output)
    return output


def prune(output: Path) -> None:
    """Delete what Pagefind writes but the site's search box never loads."""
    for entry in output.iterdir():
        if entry.is_dir():
            if entry.name not in KEPT_DIRS:
                shutil.rmtree(entry)
        elif not KEPT.match(entry.name):
            entry.unlink()
