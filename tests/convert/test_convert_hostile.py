# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Hostile wiki pages that made the pull slow: what the pull makes of them (speed is in bench/hostile.py).

fixtures/hostile/NAME.wiki → NAME.md: each shape of bench/hostile.py at a small size, with the
Markdown the converter wrote before the scans were made linear (same outputs). The shapes that only
mwparserfromhell's tokenizer makes slow (openings never closed) are refused above a cap, with a
French message naming the page and the line of the first such opening.
"""

from __future__ import annotations

import random
import re

import pytest

from sync.convert import markdown_to_wikitext, wikitext_to_markdown
from sync.convert.api import TOO_TANGLED
from sync.convert.verify import _CELL_SPACE, _heading_line
from sync.convert.wikilines import PARSE_COST_CAP, parse_cost, tangled_at
from sync.errors import ConversionError
from tests.convert.support import ARDUINO, FIXTURE_PATH, FIXTURES, PARAGRAPH, REPO

HOSTILE = FIXTURES / "hostile"
SHAPES = sorted(p.stem for p in HOSTILE.glob("*.wiki"))


def read(name: str, suffix: str) -> str:
    return (HOSTILE / f"{name}{suffix}").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SHAPES)
def test_a_hostile_page_is_pulled_as_before_and_pushed_back_byte_for_byte(name, site):
    page = read(name, ".wiki")
    md = wikitext_to_markdown(page, title="Page hostile", site=site, path=FIXTURE_PATH)
    assert md == read(name, ".md")
    assert markdown_to_wikitext(md, path=FIXTURE_PATH, site=site, base=page) == page


# Each opening the tokenizer tries to the end of the page, repeated past the cap (a few KB): refused
# before the tokenizer reads it, at the line of the first one.
TANGLES = {
    "templates": "{{a|\n",
    "arguments": "{{{a|\n",
    "links with text": "[[a|b\n",
    "link then template": "[[a|{{b|\n",
    "external links": "x [http://a ",
    "tags without >": "<b x\n",
    "attributes never ending": '<span title="\n',
    "tags never closed": "<b>x\n",
    "notes never closed": "<ref>x\n",
    "comments never closed": "<!-- a\n",
    "tables never closed": "{|\n",
}


@pytest.mark.parametrize("unit", list(TANGLES.values()), ids=list(TANGLES))
def test_a_page_of_openings_never_closed_is_refused_in_french_at_the_first_one(unit, site):
    count = 1
    while parse_cost(unit * count)[0] <= PARSE_COST_CAP:
        count *= 2
    page = "Un paragraphe.\n\n" + unit * count
    with pytest.raises(ConversionError) as refused:
        wikitext_to_markdown(page, title="Page hostile", site=site, path=FIXTURE_PATH)
    error = refused.value
    assert error.message == TOO_TANGLED
    assert (error.title, error.path, error.line) == ("Page hostile", FIXTURE_PATH, 3)
    assert str(error).startswith(f"{FIXTURE_PATH}:3, page wiki « Page hostile » : la page ouvre trop de modèles")
    assert len(page) < 200_000  # a page anyone can save on the wiki


@pytest.mark.parametrize(
    "page",
    [
        "[[a\n" * 20_000,  # a link's target is given up at its line's end
        "x [[a " * 20_000,  # … or at the next [[
        "x [a " * 20_000,  # not an external link
        "[http://a b]\n" * 20_000,
        "{{a|b}}\n" * 20_000,
        "<b>x</b> <br> <ref name=a/>\n" * 20_000,
    ],
    ids=["link-targets", "links-on-one-line", "brackets", "external-links", "templates", "tags"],
)
def test_many_openings_the_tokenizer_gives_up_quickly_or_closes_are_not_refused(page):
    assert parse_cost(page)[0] <= PARSE_COST_CAP


def test_no_page_of_the_site_nor_fixture_comes_near_the_cap(repo_site):
    pages = [p.read_text(encoding="utf-8") for p in FIXTURES.rglob("*.wiki")]
    pages += [
        markdown_to_wikitext(
            p.read_text(encoding="utf-8"), path=p.relative_to(REPO / "docs").as_posix(), site=repo_site
        )
        for p in sorted((REPO / "docs").rglob("*.md"))
    ]
    assert max(parse_cost(page)[0] for page in pages) < PARSE_COST_CAP // 100


_OLD_HEADING = re.compile(r"^(=+)[ \t]*(.*?)[ \t]*\1[ \t]*$", re.M)
_OLD_CELL_SPACE = re.compile(r"^([|!])(?![-}+])[ \t]+|[ \t]*(\|\||!!)[ \t]*", re.M)


def test_the_linear_spacing_rules_of_the_check_read_as_the_regular_expressions_they_replace():
    """verify._normal's heading and cell rules, made linear, give what the quadratic expressions gave."""
    rnd = random.Random(14)
    for _ in range(20_000):
        line = "".join(rnd.choice("== \ta|!-\r") for _ in range(rnd.randint(0, 14)))
        normal = _heading_line(line) if line.startswith("=") else line
        assert normal == _OLD_HEADING.sub(r"\1\2\1", line)
        text = line + "\n" + line[::-1]
        assert _CELL_SPACE.sub(_cell, text) == _OLD_CELL_SPACE.sub(_cell, text)


def _cell(m: re.Match[str]) -> str:
    return m.group(1) or m.group(2)


def test_the_quick_count_of_openings_refuses_exactly_the_pages_the_walk_would():
    """tangled_at counts openings before walking the page: it must agree with parse_cost's walk."""
    rnd = random.Random(11)
    units = [
        "{{a|",
        "}}",
        "[[a|",
        "]]",
        "[http://a ",
        "]",
        "<b x",
        "<b>",
        "</b>",
        "<!--",
        "-->",
        "\n{|",
        "\n|}",
        "x",
        "\n",
    ]
    for _ in range(3_000):
        page = "".join(rnd.choice(units) for _ in range(rnd.randint(0, 60)))
        for cap in (0, 50, 500, 5_000):
            cost, first = parse_cost(page, cap)
            assert tangled_at(page, cap) == (first if cost > cap else None), (page, cap)


# Long pages of real shapes the parse cost once refused: tags the tokenizer reads as text (<pre>,
# <syntaxhighlight>: `i<n` in code is no tag) and tags closed by `>` but never by `</p>` (read fast).
LONG_PAGES = {
    "paragraphs never closed": ("<p>" + PARAGRAPH) * 130,
    "code in pre": ("<pre>if (x<y && y<z) return;</pre>\n" + PARAGRAPH) * 120,
    "styled divs never closed": ('<div style="color:red">' + PARAGRAPH) * 130,
    "fonts never closed in centres": ("<center><font color=red>" + PARAGRAPH + "</center>\n") * 130,
    "small never closed": ("<small>" + PARAGRAPH) * 130,
    "fablab with arduino code": (PARAGRAPH * 33 + ARDUINO) * 10,
}


@pytest.mark.parametrize("page", list(LONG_PAGES.values()), ids=list(LONG_PAGES))
def test_a_long_page_of_real_tags_is_pulled_and_pushed_not_refused(page, site):
    assert len(page) > 95_000
    md = wikitext_to_markdown(page, title="Page longue", site=site, path=FIXTURE_PATH)
    assert "Le tiers-lieu accueille" in md
    assert markdown_to_wikitext(md, path=FIXTURE_PATH, site=site, base=page) == page


@pytest.mark.parametrize(
    "page",
    [
        "<!-- <pre> -->\n" + "{{a|\n" * 2_000 + "</pre>\n",  # no tag in a comment
        "<pre-x>\n" + "{{a|\n" * 2_000 + "</pre-x>\n",  # not the tag <pre>
        "<pre>x</PRE >\n" + "{{a|\n" * 2_000 + "</pre>\n",  # the first end ends it
        "<pre>\n" + "{{a|\n" * 2_000,  # <pre> never closed
        "<nowiki>x</nowiki>\n" + "<p>{{a}} [[b]] ''c''\n" * 2_000,  # markup in never closed tags
    ],
    ids=["comment", "other-tag", "first-end", "unclosed-pre", "dense-tag-bodies"],
)
def test_openings_are_not_hidden_from_the_cost_by_what_only_looks_like_an_unparsed_tag(page):
    assert parse_cost(page)[0] > PARSE_COST_CAP
