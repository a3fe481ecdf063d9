# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Issue 11, Markdown side: a push never silently drops what the site shows.

Each page pushed is checked against the site's own Python-Markdown (sync/convert/mdcheck.py).
One small case per class of Markdown that the public corpora (bench/fidelity.py) found read
otherwise by our reader than by the site; written here, not read from the corpora. The real
MediaWiki then shows that what passes keeps every word, link and image of the site.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from sync.convert import ConversionError, markdown_to_wikitext, wikitext_to_markdown
from sync.convert.api import _markdown_pieces
from sync.convert.mdblocks import default_title
from sync.convert.mdcheck import SITE_EXTENSIONS, check_page
from sync.convert.mdinline import wiki_link
from sync.convert.mdplain import plain_page
from tests.convert.support import FIXTURE_PATH, FIXTURES, REPO, render_html, site_extensions

# One case per class the corpora found: our reader and Python-Markdown disagree, so the push stops
# at the line and says what the wiki would lose.
MISREAD = {
    # reference links: nested brackets, a label left open
    "reference-link-with-nested-brackets": "[lien [a [b]]][ref]\n\n[ref]: https://exemple.org/",
    # emphasis Python-Markdown pairs otherwise
    "emphasis-around-emphasis": "_(_mot_)_",
    # a processing instruction is raw HTML for the site, cut at its first >
    "processing-instruction": "<?php echo '>'; ?>",
    # a setext underline after a quote: the site makes a heading of the whole line
    "setext-underline-after-a-quote": "> Citation\n---",
    # a heading mark at the start of a list item
    "heading-in-a-list-item": "* #Titre\nsuite du point",
    # an escaped closing hash stays on the site
    "escaped-closing-hash": "### Titre \\###",
    # an autolink of a scheme the site does not link keeps its brackets on the site
    "autolink-of-another-scheme": "<irc://exemple.org/salon>",
}


@pytest.mark.parametrize("markdown", list(MISREAD.values()), ids=list(MISREAD))
def test_markdown_read_otherwise_by_the_site_is_refused_at_its_line(site, markdown):
    with pytest.raises(ConversionError) as refused:
        markdown_to_wikitext(f"---\n---\nIntro.\n\n{markdown}\n", path=FIXTURE_PATH, site=site)
    said = str(refused.value)
    assert f"{FIXTURE_PATH}:5 " in said
    assert "le wiki" in said and "Traceback" not in said


# Footnotes: the site numbers them in the order they are defined, the wiki in the order of calls;
# Cite rejects a reused note whose name is a number.
def test_footnotes_defined_out_of_the_order_of_their_calls_are_refused(site):
    page = "---\n---\nUn[^b] deux[^a].\n\n[^a]: Note A.\n[^b]: Note B.\n"
    with pytest.raises(ConversionError, match="dans l'ordre des appels") as refused:
        markdown_to_wikitext(page, path=FIXTURE_PATH, site=site)
    assert f"{FIXTURE_PATH}:5 " in str(refused.value)


def test_a_numbered_footnote_called_twice_gets_a_name_cite_accepts(site):
    page = "---\n---\nUn[^1] deux[^1].\n\n[^1]: Note.\n"
    wikitext = 'Un<ref name="note1">Note.</ref> deux<ref name="note1" />.\n\n<references />'
    assert markdown_to_wikitext(page, path=FIXTURE_PATH, site=site) == wikitext
    assert wikitext_to_markdown(wikitext, title="Cas", site=site, path=FIXTURE_PATH, local=page) == page


# What the wiki now shows as the site does (written otherwise than before).
WRITTEN = {
    # MediaWiki ends an address at " < >: they are percent-encoded, as a browser sends them
    "quote-in-an-address": ('[Texte](https://exemple.org/a"b)', "[https://exemple.org/a%22b Texte]"),
    "angle-brackets-in-an-address": ("[Texte](https://exemple.org/q?x=1<>)", "[https://exemple.org/q?x=1%3C%3E Texte]"),
    # MediaWiki ends an external link at a line break: its text goes on one line
    "link-text-over-two-lines": (
        "Voir [la page\nentière](https://exemple.org/) ici.",
        "Voir [https://exemple.org/ la page entière] ici.",
    ),
    # notes listed where the definitions are on the wiki, at the end on the site: nothing is lost
    "footnotes-defined-mid-page": (
        "Texte[^n].\n\n[^n]: Une note.\n\nSuite.",
        'Texte<ref name="n">Une note.</ref>.\n\n<references />\n\nSuite.',
    ),
}


@pytest.mark.parametrize(("markdown", "wikitext"), list(WRITTEN.values()), ids=list(WRITTEN))
def test_markdown_gives_this_wikitext(site, markdown, wikitext):
    assert markdown_to_wikitext(f"---\n---\n{markdown}\n", path=FIXTURE_PATH, site=site) == wikitext


class _Words(HTMLParser):
    """Visible words of an HTML page, without the wiki's edit links, note marks and backlinks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.skip = 0
        self.stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "hr", "input", "wbr"):
            return
        classes = (dict(attrs).get("class") or "").split()
        hidden = bool(
            {"mw-editsection", "reference", "mw-cite-backlink", "footnote-ref", "footnote-backref"} & set(classes)
        )
        self.stack.append(hidden)
        self.skip += hidden
        self.words.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.stack and tag not in ("br", "img", "hr", "input", "wbr"):
            self.skip -= self.stack.pop()
        self.words.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.words.append(data)


def _words(html: str) -> list[str]:
    reader = _Words()
    reader.feed(html)
    return "".join(reader.words).replace("↩", " ").split()


PASSING = [
    "Texte **gras** et *italique*, un [lien](https://exemple.org/a?b=1&c=2) et `du code`.",
    "- un point\n- un autre, [lié](https://exemple.org/)\n    - et un sous-point",
    '!!! tip "Astuce"\n    Un conseil **utile**.',
    "Terme\n:   sa définition, sur\n    deux lignes.",
    "| A | B |\n|---|---|\n| 1 | deux |",
    *(case for case, _ in WRITTEN.values()),
]


@pytest.mark.wiki
@pytest.mark.parametrize("markdown", PASSING)
def test_the_wiki_shows_every_word_the_site_shows(mediawiki, site, markdown):
    pushed = markdown_to_wikitext(f"---\n---\n{markdown}\n", path=FIXTURE_PATH, site=site)
    on_site = _words(render_html(markdown + "\n"))
    on_wiki = _words(mediawiki.parse(pushed, title="Cas"))
    assert [w for w in on_site if w not in on_wiki] == []


def test_the_check_reads_the_extensions_of_mkdocs_yml():
    """The check renders pages as the site does: the same extensions, in the same order."""
    assert list(SITE_EXTENSIONS) == site_extensions()[0]


def _page_texts() -> list[str]:
    docs = sorted((REPO / "docs").rglob("*.md"))
    return [p.read_text(encoding="utf-8") for p in [*docs, *sorted(FIXTURES.glob("*.md"))]]


def test_pages_skipped_by_the_fast_path_pass_the_full_check(site):
    """The fast path (`plain_page`) only skips pages the full check accepts: the real pages, the
    fixtures and the cases of this file, each one whole and cut after each of its lines."""
    texts = [*_page_texts(), *(f"---\n---\n{m}\n" for m in [*MISREAD.values(), *PASSING])]
    skipped = 0
    for text in texts:
        lines = text.split("\n")
        for end in range(3, len(lines) + 1):
            page = "\n".join(lines[:end]) + "\n"
            try:
                segs, _data, parsed = _markdown_pieces(page, path=FIXTURE_PATH, site=site, memo={})
            except ConversionError:
                continue
            if not plain_page(parsed.body):
                continue
            skipped += 1
            check_page(
                parsed.body,
                [s for s in segs if s.kind != "tpl"],
                path=FIXTURE_PATH,
                line_offset=parsed.body_line,
                link=lambda url: wiki_link(url, site=site, path=FIXTURE_PATH),
                default_title=default_title,
                always=True,
            )
    assert skipped > 100  # the fast path is taken for most real pages


def test_the_fast_path_leaves_to_the_check_what_it_does_not_know():
    assert plain_page("Un texte **gras**, un [lien](https://exemple.org/).\n\n- point\n")
    for page in (*MISREAD.values(), "Texte\n---", "- a\n\n    b", "Texte  \nsuite", "a_b_c", "[a]: /b\n\n[a]"):
        assert not plain_page(page + "\n"), page


def test_a_refusal_names_what_the_wiki_would_lose(site):
    with pytest.raises(ConversionError) as refused:
        markdown_to_wikitext("---\n---\n* #Titre\nsuite du point\n", path=FIXTURE_PATH, site=site)
    assert re.search(r"le wiki perdrait « \S+ »", str(refused.value))
