# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Every page of docs/ (whatever exists when the tests run) survives the trip both ways."""

from __future__ import annotations

import pytest

from sync.convert import markdown_to_wikitext, wikitext_to_markdown
from sync.convert.frontmatter import split_page
from tests.convert.support import REPO

DOCS = REPO / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def test_there_are_pages_to_check():
    assert PAGES, "docs/ has no Markdown page"


@pytest.mark.parametrize("path", PAGES)
def test_markdown_to_wiki_to_markdown_renders_the_same(path, repo_site, render):
    """Property 1 on real pages: the site shows the same page after a push and a pull."""
    text = (DOCS / path).read_text(encoding="utf-8")
    wiki = markdown_to_wikitext(text, path=path, site=repo_site)
    title = repo_site.title_for(path) or "Page"
    back = wikitext_to_markdown(wiki, title=title, site=repo_site, path=path)
    assert render(split_page(back, path=path).body) == render(split_page(text, path=path).body)


@pytest.mark.parametrize("path", PAGES)
def test_pull_of_an_unchanged_page_leaves_the_file_byte_identical(path, repo_site):
    """Property 2/5 on real pages: pulling what we pushed changes no byte of the file (no re-wrapping)."""
    text = (DOCS / path).read_text(encoding="utf-8")
    wiki = markdown_to_wikitext(text, path=path, site=repo_site)
    title = repo_site.title_for(path) or "Page"
    assert wikitext_to_markdown(wiki, title=title, site=repo_site, path=path, local=text) == text


@pytest.mark.parametrize("path", PAGES)
def test_push_of_a_pulled_page_is_byte_identical_and_canonical(path, repo_site):
    """Property 2 on real pages: wiki → Markdown → wiki gives the same bytes, with and without base."""
    text = (DOCS / path).read_text(encoding="utf-8")
    wiki = markdown_to_wikitext(text, path=path, site=repo_site)
    title = repo_site.title_for(path) or "Page"
    pulled = wikitext_to_markdown(wiki, title=title, site=repo_site, path=path)
    assert markdown_to_wikitext(pulled, path=path, site=repo_site, base=wiki) == wiki
    assert markdown_to_wikitext(pulled, path=path, site=repo_site) == wiki


@pytest.mark.parametrize("path", PAGES[:5])
def test_conversion_is_deterministic(path, repo_site):
    text = (DOCS / path).read_text(encoding="utf-8")
    results = {markdown_to_wikitext(text, path=path, site=repo_site) for _ in range(3)}
    assert len(results) == 1
