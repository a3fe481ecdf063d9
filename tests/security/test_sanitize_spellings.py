# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The sanitizer's short cut keeps a page as written only where the token-by-token reading would.

commons.sanitize keeps a page's HTML when ammonia's output is the same page differently spelled.
Most pages differ only by a few character references (¶ ↩ ' and the no-break space), which it
recognises without reading the page token by token: that short cut must never keep a page that
the full reading (`_spelled_alike`) would replace by the cleaned HTML, wherever the reference
stands (text, attribute, comment, an element whose text is not decoded, a half-written reference).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from commons import sanitize

PIECES = [
    "<p>",
    "</p>",
    "texte",
    " ",
    "\n",
    "\r",
    "&",
    "&amp;",
    "&para;",
    "¶",
    "&#8617;",
    "↩",
    "&#x27;",
    "'",
    "&#160;",
    "&nbsp;",
    "\u00a0",
    '<a href="#t" title="',
    "<a title='",
    '"',
    '">',
    "'>",
    "</a>",
    '<h2 id="t">',
    '<a class="headerlink" href="#t">',
    "</h2>",
    "<pre>",
    "</pre>",
    "<textarea>",
    "</textarea>",
    "<title>",
    "<!-- ",
    " -->",
    "<br />",
    "<br>",
    '<img alt="',
    "<span ",
    "<x&para;>",
    "&amp&para;",
    "&#x&para;",
    "&&#x27;",
    "<",
    ">",
]


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_the_short_cut_keeps_only_what_the_full_reading_keeps(pieces: list[str]) -> None:
    original = "".join(pieces)
    cleaned = sanitize._CLEANER.clean(original)
    if sanitize._respelled(original) == cleaned:
        assert sanitize._spelled_alike(original, cleaned), (original, cleaned)


def test_a_page_written_by_markdown_is_kept_byte_for_byte() -> None:
    page = (
        '<h2 id="budget">Le budget<a class="headerlink" href="#budget" title="Lien">&para;</a></h2>\n'
        '<p>L&#x27;accueil&#160;: voir<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>\n'
        '<div class="footnote"><ol><li id="fn:1"><p>Note&#160;<a class="footnote-backref" href="#fnref:1">'
        "&#8617;</a></p></li></ol></div>"
    )
    assert sanitize._CLEANER.clean(page) != page
    assert sanitize.clean(page) is page


def test_values_are_published_as_ammonia_writes_them_when_a_later_rewrite_could_misread_them() -> None:
    """In the published body a "<" outside a comment opens a tag and a '"' opens or closes a value."""
    for page, published in [
        ("<p title='a \"b\" c'>x</p>", '<p title="a &quot;b&quot; c">x</p>'),
        ('<p title="<link x">x</p>', '<p title="&lt;link x">x</p>'),
        ('<img src="#" alt="> y">', '<img src="#" alt="&gt; y">'),
        ('<p>a <!-- x -<link rel="alternate">-> y --> b</p>', "<p>a  b</p>"),
    ]:
        assert sanitize.clean(page) == published
    kept = '<p title="L\'accueil" class=x>x</p>'
    assert sanitize.clean(kept) is kept


def test_quotes_and_angle_brackets_in_an_address_are_percent_encoded() -> None:
    """print-site rewrites the printable kit's links from their decoded value, between double quotes."""
    page = '<p><a href="#&quot; onfocus=&quot;alert(1)&quot;">a</a> <img src="x&lt;y&gt;.png" alt="&quot;"></p>'
    assert (
        sanitize.clean(page)
        == '<p><a href="#%22 onfocus=%22alert(1)%22">a</a> <img src="x%3Cy%3E.png" alt="&quot;"></p>'
    )
    assert sanitize.removals(page) == []  # nothing removed, nothing to report


def test_an_image_address_is_published_as_the_build_downloads_it() -> None:
    """The privacy plugin downloads external images at build time from the address as written."""
    page = '<p><img src="htt&#x70;s://tracker.example/p.gif" alt="p"> <img src="\\\\tracker.example/q.gif"></p>'
    assert sanitize.clean(page) == '<p><img src="https://tracker.example/p.gif" alt="p"> <img></p>'
    assert [r.what for r in sanitize.removals(page)] == [
        "adresse « \\\\tracker.example/q.gif » (attribut src de <img>) : un navigateur y lirait « \\ » comme "
        "« / » ; écrivez %5C à la place de chaque « \\ »"
    ]


def test_a_wiki_file_pulled_with_a_backslash_is_reported_with_its_fix() -> None:
    """Pulled before the pull wrote `\\` as %5C: the strict build refuses the page and says how to fix it."""
    source = "Texte.\n\n![Plan](https://movilab.org/wiki/Special:FilePath/Plan\\2026.png)\n"
    page = '<p>Texte.</p>\n<p><img alt="Plan" src="https://movilab.org/wiki/Special:FilePath/Plan\\2026.png"></p>'
    [problem] = sanitize.page_problems("docs/fiche.md", sanitize.located(page, source))
    assert str(problem).startswith("docs/fiche.md, ligne 3 : HTML retiré à la publication : adresse « https://")
    assert "écrivez %5C à la place de chaque « \\ »" in str(problem)
