# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Property 4: MediaWiki's own parser shows what the site shows.

Each page of docs/ (and each fixture) is converted to wikitext and rendered by
the real local MediaWiki (action=parse); the site's HTML for the same page is
made by Python-Markdown with mkdocs.yml's extensions. Both must show the
same headings, list items, table cells, link targets, footnotes and text.
"""

from __future__ import annotations

import pytest

from sync.convert import markdown_to_wikitext
from sync.convert.frontmatter import split_page
from tests.convert.render_compare import read_mediawiki, read_site
from tests.convert.support import FIXTURE_PATH, FIXTURES, REPO, render_html

pytestmark = pytest.mark.wiki

DOCS = REPO / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
PAIRS = sorted(p.name for p in FIXTURES.glob("*.md"))


def compare(mediawiki, text: str, *, site, path: str) -> None:
    wikitext = markdown_to_wikitext(text, path=path, site=site)
    seen_site = read_site(render_html(split_page(text, path=path).body), site=site, path=path)
    seen_wiki = read_mediawiki(mediawiki.parse(wikitext, title="Essai de rendu"), site=site)
    assert seen_wiki.headings == seen_site.headings
    assert seen_wiki.items == seen_site.items
    assert seen_wiki.cells == seen_site.cells
    assert seen_wiki.links == seen_site.links
    assert seen_wiki.notes == seen_site.notes
    assert seen_wiki.text == seen_site.text


@pytest.mark.parametrize("path", PAGES)
def test_mediawiki_shows_what_the_site_shows_for_every_page(mediawiki, repo_site, path):
    compare(mediawiki, (DOCS / path).read_text(encoding="utf-8"), site=repo_site, path=path)


@pytest.mark.parametrize("name", PAIRS)
def test_mediawiki_shows_what_the_site_shows_for_each_construct(mediawiki, site, name):
    compare(mediawiki, (FIXTURES / name).read_text(encoding="utf-8"), site=site, path=FIXTURE_PATH)
