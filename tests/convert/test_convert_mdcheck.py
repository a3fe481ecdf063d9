# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Issue 11, Markdown side: a push never silently drops what the site shows.

Each page pushed is checked against the site's own Python-Markdown (sync/convert/mdcheck.py).
One small case per class of Markdown that the public corpora (bench/fidelity.py) found read
otherwise by our reader than by the site; written here, not read from the corpora. The real
MediaWiki then shows that what passes keeps every word, link and image of the site.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from sync.convert import ConversionError, markdown_to_wikitext, wikitext_to_markdown
from sync.convert.api import _check_pieces, _markdown_pieces
from sync.convert.mdcheck import REFUSALS, SITE_EXTENSIONS
from sync.convert.mdplain import plain_page
from tests.convert.support import FIXTURE_PATH, FIXTURES, REPO, render_html, site_extensions
from tests.convert.test_convert_mediawiki import compare

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
    assert "Attendu : " in said and "Pour corriger : " in said  # what to write, even with nothing to simplify


# Footnotes: the site numbers them in the order they are defined, the wiki in the order of calls;
# Cite rejects a reused note whose name is a number.
def test_footnotes_defined_out_of_the_order_of_their_calls_are_refused(site):
    page = "---\n---\nUn[^b] deux[^a].\n\n[^a]: Note A.\n[^b]: Note B.\n"
    with pytest.raises(ConversionError, match="dans l'ordre des appels") as refused:
        markdown_to_wikitext(page, path=FIXTURE_PATH, site=site)
    assert f"{FIXTURE_PATH}:5 " in str(refused.value)
    assert "Pour corriger : déplacez les définitions" in str(refused.value)


def test_a_numbered_footnote_called_twice_gets_a_name_cite_accepts(site):
    page = "---\n---\nUn[^1] deux[^1].\n\n[^1]: Note.\n"
    wikitext = 'Un<ref name="note1">Note.</ref> deux<ref name="note1" />.\n\n<references />'
    assert markdown_to_wikitext(page, path=FIXTURE_PATH, site=site) == wikitext
    assert wikitext_to_markdown(wikitext, title="Cas", site=site, path=FIXTURE_PATH, local=page) == page


# Python-Markdown leaks its placeholder for an escaped character inside an e-mail autolink: the site
# itself would show "foo43@…", so the push is refused with what to write instead.
@pytest.mark.parametrize(
    ("address", "shown"),
    [("foo\\+@bar.example.com", "foo43@bar.example.com"), ("mailto:a\\_b@exemple.fr", "a95b@exemple.fr")],
)
def test_an_escape_inside_an_email_autolink_is_refused(site, address, shown):
    with pytest.raises(ConversionError) as refused:
        markdown_to_wikitext(f"---\n---\nIntro.\n\nÉcrire à <{address}>.\n", path=FIXTURE_PATH, site=site)
    said = str(refused.value)
    assert said.startswith(f"{FIXTURE_PATH}:5 : adresse « ")
    written = address.replace("\\", "")
    assert f"<{written}>" in said and f"« {shown} »" in said


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
    # an abbreviation without a name or a title is text on the site: text on the wiki too
    "abbreviation-without-title": ("*[HTML]:\n\nDu HTML.", "<nowiki>*</nowiki>[HTML]:\n\nDu HTML."),
    "blank-abbreviation": ("*[ ]: Hyper\n\nDu HTML.", "<nowiki>*</nowiki>[ ]: Hyper\n\nDu HTML."),
    # MediaWiki ends a term at its first colon (`; terme : définition`): a term's colons are &#58;
    "colon-in-a-definition-term": (
        "Etape 1 : accueil\n:   Presenter le lieu.",
        "; Etape 1 &#58; accueil\n: Presenter le lieu.",
    ),
    "colon-in-a-term-link": (
        "Voir [la fiche : budget](https://exemple.org/a:b) et **note :**\n:   Le détail.",
        "; Voir [https://exemple.org/a:b la fiche &#58; budget] et '''note &#58;'''\n: Le détail.",
    ),
    # a query on a relative link stays on the site's address (a wiki link has no place for it)
    "query-only-link": ("[x](<?query>)", "[https://example.org/communs/boite-a-outils/fixture/?query x]"),
    "query-on-a-mirrored-page": (
        "[la fiche](budget-contributif.md?v=2#sec)",
        "[https://example.org/communs/boite-a-outils/budget-contributif/?v=2#sec la fiche]",
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


@pytest.mark.wiki
def test_a_term_with_a_colon_stays_one_term_on_the_wiki(mediawiki, site):
    page = "---\n---\nEtape 1 : accueil\n:   Presenter le lieu.\n"
    pushed = markdown_to_wikitext(page, path=FIXTURE_PATH, site=site)
    shown = html.unescape(mediawiki.parse(pushed, title="Cas"))  # &#58;: a browser shows a colon
    assert re.search(r"<dt>Etape 1 : accueil\s*</dt>", shown), shown
    assert re.search(r"<dd>Presenter le lieu\.\s*</dd>", shown), shown
    assert wikitext_to_markdown(pushed, title="Cas", site=site, path=FIXTURE_PATH, local=page) == page


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


# Code whose apostrophes would be bold or italic marks in wikitext: a <pre> shows them as they are.
CODE_WITH_QUOTES = {
    "python": "```python\nvide = ''\ntitre = '''Fiche'''\n```",
    "shell": "```sh\necho '' | grep -v '' && printf '%s' ''\n```",
    "indented": "    x = ''\n    y = '''z'''",
}


@pytest.mark.parametrize("code", list(CODE_WITH_QUOTES.values()), ids=list(CODE_WITH_QUOTES))
def test_code_holding_apostrophe_runs_is_pushed_as_written(site, code):
    """On a page the full check reads (not plain: inline HTML), `''` in code is not refused."""
    page = f"---\n---\nDu <b>code</b> :\n\n{code}\n"
    wikitext = markdown_to_wikitext(page, path=FIXTURE_PATH, site=site)
    body = [line.removeprefix("    ") for line in code.split("\n") if not line.startswith("```")]
    assert "\n".join(body) in html.unescape(wikitext)
    assert wikitext_to_markdown(wikitext, title="Cas", site=site, path=FIXTURE_PATH, local=page) == page


PASSING = [
    "Texte **gras** et *italique*, un [lien](https://exemple.org/a?b=1&c=2) et `du code`.",
    "- un point\n- un autre, [lié](https://exemple.org/)\n    - et un sous-point",
    '!!! tip "Astuce"\n    Un conseil **utile**.',
    "Terme\n:   sa définition, sur\n    deux lignes.",
    "| A | B |\n|---|---|\n| 1 | deux |",
    *(case for case, _ in WRITTEN.values()),
    *(f"Du <b>code</b> :\n\n{code}" for code in CODE_WITH_QUOTES.values()),
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
            _check_pieces(segs, parsed, path=FIXTURE_PATH, site=site, always=True)
    assert skipped > 100  # the fast path is taken for most real pages


def _full_check(site, page: str) -> tuple[bool, str]:
    """(whether the fast path skips the page, what the full check says: "" when it accepts)."""
    segs, _data, parsed = _markdown_pieces(page, path=FIXTURE_PATH, site=site, memo={})
    try:
        _check_pieces(segs, parsed, path=FIXTURE_PATH, site=site, always=True)
    except ConversionError as refused:
        return plain_page(parsed.body), str(refused)
    return plain_page(parsed.body), ""


# Line boundaries of str.splitlines() that Python-Markdown does not break a line at.
NOT_LINE_BREAKS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]


@pytest.mark.parametrize("char", NOT_LINE_BREAKS, ids=[f"U+{ord(c):04X}" for c in NOT_LINE_BREAKS])
def test_a_character_splitlines_breaks_at_is_read_inside_its_line_as_the_site_does(site, char):
    """Our reader cuts lines where Python-Markdown does: the fast path and the full check agree."""
    pages = [
        f'Texte.\n\n!!! note "a{char}b"\n\n    mot\n',
        f"Texte a{char}b suite.\n",
        f"Terme a{char}b\n:   Définition.\n",
        f"| a{char}b | c |\n|---|---|\n| d | e |\n",
        f"- point a{char}b\n- autre\n",
    ]
    for body in pages:
        page = f"---\n---\n{body}"
        plain, refused = _full_check(site, page)
        assert not (plain and refused), (body, refused)
        if not refused:
            wikitext = markdown_to_wikitext(page, path=FIXTURE_PATH, site=site)
            assert "a" in wikitext and "b" in wikitext
    admonition = markdown_to_wikitext(f'---\n---\n!!! note "a{char}b"\n\n    mot\n', path=FIXTURE_PATH, site=site)
    assert re.search("a.b", admonition) and "mot" in admonition and "!!!" not in admonition  # one title


def test_the_fast_path_leaves_to_the_check_what_it_does_not_know():
    assert plain_page("Un texte **gras**, un [lien](https://exemple.org/).\n\n- point\n")
    # `&#65` without its semicolon is "A" on the site, as written on the wiki
    others = ("Texte\n---", "- a\n\n    b", "Texte  \nsuite", "a_b_c", "[a]: /b\n\n[a]", "a &#65 b", "a &#x41 b")
    for page in (*MISREAD.values(), *others):
        assert not plain_page(page + "\n"), page


def test_a_refusal_names_what_the_wiki_would_lose(site):
    with pytest.raises(ConversionError) as refused:
        markdown_to_wikitext("---\n---\n* #Titre\nsuite du point\n", path=FIXTURE_PATH, site=site)
    assert re.search(r"le wiki perdrait « \S+ »", str(refused.value))


@pytest.mark.parametrize("code", list(REFUSALS))
def test_each_refusal_of_the_check_says_what_is_expected_and_how_to_fix_it(code):
    wording = REFUSALS[code]
    assert "Attendu : " in wording and "Pour corriger : " in wording
    assert wording.index("Attendu : ") < wording.index("Pour corriger : ")


# Pages the full check refused although the wiki shows them as the site does (the fast path accepted
# them, so they were refused only when something else sent the page to the full check): `&amp`
# without its `;` in an address, `mailto:` then a no-break space; and `&#65` without its `;`, which
# the site shows as « A » (Python-Markdown writes `&#65;`) and is now written `&#65;` for the wiki.
ONCE_REFUSED = {
    "amp-after-a-bare-address": ("Voir https://exemple.org/?a=1&amp b.", "https://exemple.org/?a=1&amp</nowiki> b."),
    "amp-in-a-link-address": (
        "Voir [la page](https://exemple.org/?a=1&amp).",
        "[https://exemple.org/?a=1&amp la page]",
    ),
    "amp-in-an-autolink": ("Voir <https://exemple.org/?a=1&amp> b.", "Voir https://exemple.org/?a=1&amp b."),
    "mailto-then-no-break-space": ("Écrire à mailto:\u00a0contact@exemple.fr.", "à mailto:\u00a0contact@exemple.fr."),
    "charref-without-semicolon": ("Lettres &#65, &#x42 et &#65b.", "Lettres &#65;, &#x42; et &#65b."),
}
# something the fast path does not know, so that the page goes through the full check
_TO_THE_FULL_CHECK = "Du <b>gras</b>.\n\n"


@pytest.mark.parametrize(("markdown", "written"), list(ONCE_REFUSED.values()), ids=list(ONCE_REFUSED))
def test_a_page_the_check_once_refused_is_pushed_as_the_wiki_shows_it(site, markdown, written):
    page = f"---\n---\n{_TO_THE_FULL_CHECK}{markdown}\n"
    assert _full_check(site, page) == (False, "")
    assert written in markdown_to_wikitext(page, path=FIXTURE_PATH, site=site)


@pytest.mark.wiki
@pytest.mark.parametrize("markdown", [m for m, _ in ONCE_REFUSED.values()], ids=list(ONCE_REFUSED))
def test_the_real_wiki_shows_a_page_the_check_once_refused_as_the_site_does(mediawiki, site, markdown):
    compare(mediawiki, f"---\n---\n{_TO_THE_FULL_CHECK}{markdown}\n", site=site, path=FIXTURE_PATH)


# A reference the site reads as a character but MediaWiki shows as written (a number it does not
# accept, a name it does not know): the push is refused, not sent (the check's reader of the site's
# HTML once decoded references twice, and read these alike on both sides).
@pytest.mark.parametrize("reference", ["&#0;", "&#87654321;", "&notit;"])
def test_a_reference_the_wiki_would_show_as_written_is_refused(site, reference):
    with pytest.raises(ConversionError, match="le wiki perdrait") as refused:
        markdown_to_wikitext(f"---\n---\nTexte {reference} fin.\n", path=FIXTURE_PATH, site=site)
    assert str(refused.value).startswith(f"{FIXTURE_PATH}:3 : ")
