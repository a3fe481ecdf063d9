# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The small changes made to the theme's finished HTML, as pure functions: skip link, landmark
names, search marks, assets and feeds per page (one after the other or in one pass), relative
links of the printable kit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from commons import accessibility, assets, page_html, printable, search

PAGE = """<html><head><title>T</title>
<link rel="stylesheet" href="../css/print-site.css">
<link rel="alternate" type="application/rss+xml" title="Flux RSS" href="../feed_rss_created.xml">
</head><body>
<div data-md-component="skip">
</div>
<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_3_label" aria-expanded="true">
          <label class="md-nav__title" for="__nav_3">
            <span class="md-nav__icon md-icon"></span>
            Kit d'accueil "officiel"
          </label></nav>
<article class="md-content__inner md-typeset"><h1 id="t">Titre</h1>
<dl class="commons-event__facts"><div><dt>Date</dt><dd>jeudi</dd></div></dl>
<aside class="communs-attribution" aria-label="Crédits">x</aside></article>
<nav class="md-tags" >t</nav>
<script src="../js/print-site.js"></script>
</body></html>"""


def test_skip_link_is_added_where_the_theme_wrote_none_and_leads_to_the_article() -> None:
    html = accessibility.skip_to_content(PAGE)
    assert '<div data-md-component="skip"><a href="#contenu" class="md-skip">Aller au contenu</a></div>' in html
    assert '<article class="md-content__inner md-typeset" id="contenu">' in html
    assert accessibility.skip_to_content(html).count('id="contenu"') == 1
    assert accessibility.skip_to_content("<p>pas de thème</p>") == "<p>pas de thème</p>"


def test_menus_and_tags_get_a_name_of_their_own_escaped() -> None:
    html = accessibility.name_landmarks(PAGE)
    assert 'aria-label="Kit d&#x27;accueil &quot;officiel&quot;"' in html
    assert "aria-labelledby" not in html
    assert '<nav class="md-tags" aria-label="Thèmes">' in html


def test_search_marks_the_article_its_meta_and_what_to_ignore() -> None:
    html = search.mark_page(PAGE, {"kind": 'Webinaire "x" <b>', "date": ""}, title_weight=9)
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in html
    assert '<span data-pagefind-meta="kind:Webinaire  x   b" hidden></span>' in html
    assert "date:" not in html
    assert '<h1 data-pagefind-weight="9" id="t">' in html
    assert "<dt data-pagefind-ignore>Date</dt>" in html
    assert '<aside data-pagefind-ignore class="communs-attribution"' in html


def test_pagefind_reads_only_the_marked_article_when_nothing_else_counts_for_it() -> None:
    marked = search.mark_page(PAGE, {"kind": "Fiche pratique"})
    part = search.indexed_part(marked.encode()).decode()
    assert part.startswith("<html><head><title>T</title>") and part.endswith("</article></body></html>\n")
    assert "md-nav" not in part and "print-site.js" not in part
    article = marked[marked.index("<article") : marked.index("</article>")]
    assert part[part.index("<article") :].startswith(article)
    # Pagefind takes a result's title from the page's first <h1>, and marks from anywhere: kept whole.
    for outside in ('<h1 class="logo">Réseau</h1>', '<span DATA-pagefind-meta="x:y"></span>', "<H1>R</H1>"):
        for before, after in ((outside, ""), ("", outside)):
            whole = marked.replace('<nav class="md-nav"', before + '<nav class="md-nav"', 1)
            whole = whole.replace("</body>", after + "</body>").encode()
            assert search.indexed_part(whole) == whole
    assert search.indexed_part(PAGE.encode()) == PAGE.encode()  # no marked article (404, printable kit)
    # A "</article>" inside the article (an attribute's text) does not end it early.
    tricky = marked.replace('<h1 id="t">', '<h1 id="t" title="</article>">').encode()
    assert "Crédits" in search.indexed_part(tricky).decode()


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            [
                b"data-pagefind",
                b"dAtA-PaGeFiNd",
                b"data-pagef",
                b"ind",
                b"data-",
                b"pagefind",
                b"<h1",
                b"<H1",
                b"<h",
                b"1",
                b"g",
                b"G",
                b"x",
                b" ",
                "é".encode(),
            ]
        ),
        max_size=10,
    ),
    st.integers(0, 200),
    st.integers(0, 200),
)
def test_what_pagefind_reads_outside_the_article_is_found_in_any_case(pieces: list[bytes], a: int, b: int) -> None:
    """The marks and titles that keep a page whole are found as in a lowercase copy of each range."""
    html = b"".join(pieces)
    start, end = sorted((min(a, len(html)), min(b, len(html))))
    lowered = html[start:end].lower()
    assert search._mentions(html, start, end) == (b"<h1" in lowered or b"data-pagefind" in lowered)


def test_print_assets_and_feed_links_only_where_asked() -> None:
    html = assets.with_feeds(assets.without_print_assets(PAGE), [])
    assert "print-site" not in html and "alternate" not in html
    feed = assets.Feed("Webinaires", "../webinaires.xml")
    html = assets.with_feeds(PAGE, [feed])
    assert html.count('rel="alternate"') == 1
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Webinaires" href="../webinaires.xml"></head>' in html
    )
    both = assets.page_assets(PAGE, [feed])
    assert both == assets.with_feeds(assets.without_print_assets(PAGE), [feed]) and "print-site" not in both


def test_printable_page_links_become_relative_to_it() -> None:
    html = '<a href="/communs/kit-accueil/">k</a><img src="/communs/a.png"><a href="/autre/">x</a>'
    out = printable.relative_to_page(html + ' data-commons-search="/communs/"', "/communs/", "kit-accueil-imprimable/")
    assert '<a href="../kit-accueil/">' in out and 'src="../a.png"' in out and 'data-commons-search="../"' in out
    assert '<a href="/autre/">' in out  # outside the site: left alone


# Pieces of the theme's markup that one of the changes of commons.page_html reads, and pieces that
# could confuse them: a page made of them in any order is finished in one pass as the changes
# made one after the other would finish it.
PIECES = [
    "<html><head>",
    "</head>",
    "<body>",
    '<body class="x">',
    '<div data-md-component="skip">',
    '<a href="#t" class="md-skip">Aller</a>',
    "</div>",
    '<article class="md-content__inner md-typeset">',
    '<article class="md-content__inner md-typeset" lang="fr">',
    "</article>",
    'id="contenu"',
    '<h1 id="t">Titre</h1>',
    "<h1>",
    '<dl class="commons-event__facts"><div><dt>Date</dt><dd>jeudi</dd>',
    "<dt>",
    "</dl>",
    '<aside class="communs-attribution">',
    '<ul class="commons-cards">',
    '<a class="headerlink" href="#t">',
    '<p class="commons-reading commons-reading--kit">',
    '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label" aria-expanded="true">',
    '\n  <label class="md-nav__title" for="__nav_2">\n  <span class="md-nav__icon md-icon"></span>\n'
    "  Kit d'accueil &amp; « FAQ »\n  </label>",
    '<nav class="md-tags" >',
    "</nav>",
    '<link rel="stylesheet" href="../css/print-site.css">\n',
    '<link rel="stylesheet" href="../assets/stylesheets/print.css">',
    '<link rel="alternate" type="application/rss+xml" title="Flux" href="../feed.xml">\n',
    '<link rel="alternate" type="text/calendar" href="x.ics" title="c">',
    '<link rel="alternate" type="application/rss+xml" href="../css/print-site.css">',
    '<script src="../js/print-site.js"></script>\n',
    "<script>",
    "  \t",
    "\n",
    "texte",
    "<",
    ">",
    '"',
]


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(PIECES), max_size=16),
    st.sampled_from([[], [assets.Feed("Webinaires", "../webinaires.xml")]]),
    st.sampled_from(
        [
            None,
            page_html.SearchMarks({"kind": "Fiche pratique", "date": ""}),
            page_html.SearchMarks({"kind": "Webinaire", "date": "jeudi"}, 9.0),
        ]
    ),
)
def test_one_pass_finishes_a_page_as_the_changes_one_after_the_other(
    pieces: list[str], feeds: list[assets.Feed], marks: page_html.SearchMarks | None
) -> None:
    html = "".join(pieces)
    expected = assets.page_assets(accessibility.name_landmarks(accessibility.skip_to_content(html)), feeds)
    if marks is not None:
        expected = search.mark_page(expected, marks.meta, marks.title_weight)
    assert page_html.finish_page(html, feeds, marks) == expected


def test_one_pass_finishes_the_sample_page_with_every_change() -> None:
    feed = assets.Feed("Webinaires", "../webinaires.xml")
    marks = page_html.SearchMarks({"kind": "Webinaire"}, 9.0)
    done = page_html.finish_page(PAGE, [feed], marks)
    assert done == search.mark_page(
        assets.page_assets(accessibility.name_landmarks(accessibility.skip_to_content(PAGE)), [feed]), marks.meta, 9.0
    )
    for change in ('id="contenu" data-pagefind-body>', 'aria-label="Thèmes"', 'title="Webinaires"', "weight"):
        assert change in done
    assert "print-site" not in done and "aria-labelledby" not in done
