# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Table-driven conversions over paired fixture files.

fixtures/NAME.md ↔ fixtures/NAME.wiki: each side converts to exactly the other
(the canonical forms). fixtures/pull/NAME.wiki ↔ NAME.md: pages as people
write them on the wiki (templates, galleries, odd spacing…): the pull gives
the .md file, and the push of that file with the page as base gives the page
back byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.convert import markdown_to_wikitext, wikitext_to_markdown
from sync.convert.frontmatter import split_page
from tests.convert.support import FIXTURE_PATH, FIXTURES

PAIRS = sorted(p.stem for p in FIXTURES.glob("*.md"))
PULLS = sorted(p.stem for p in (FIXTURES / "pull").glob("*.wiki"))


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", PAIRS)
def test_markdown_gives_the_paired_wikitext(name, site):
    wiki = markdown_to_wikitext(read(FIXTURES / f"{name}.md"), path=FIXTURE_PATH, site=site)
    assert wiki == read(FIXTURES / f"{name}.wiki").rstrip()


@pytest.mark.parametrize("name", PAIRS)
def test_wikitext_gives_the_paired_markdown(name, site):
    md = wikitext_to_markdown(read(FIXTURES / f"{name}.wiki"), title="Fiche", site=site, path=FIXTURE_PATH)
    assert split_page(md, path=FIXTURE_PATH).body == read(FIXTURES / f"{name}.md")


@pytest.mark.parametrize("name", PAIRS)
def test_round_trip_renders_the_same_page(name, site, render):
    original = read(FIXTURES / f"{name}.md")
    wiki = markdown_to_wikitext(original, path=FIXTURE_PATH, site=site)
    back = wikitext_to_markdown(wiki, title="Fiche", site=site, path=FIXTURE_PATH)
    assert render(split_page(back, path=FIXTURE_PATH).body) == render(original)


@pytest.mark.parametrize("name", PULLS)
def test_pull_gives_the_expected_markdown(name, site):
    md = wikitext_to_markdown(
        read(FIXTURES / "pull" / f"{name}.wiki"), title="La Fabrique", site=site, path=FIXTURE_PATH
    )
    assert md == read(FIXTURES / "pull" / f"{name}.md")


@pytest.mark.parametrize("name", PULLS)
def test_pull_then_push_gives_the_wiki_page_back_byte_for_byte(name, site):
    page = read(FIXTURES / "pull" / f"{name}.wiki")
    md = wikitext_to_markdown(page, title="La Fabrique", site=site, path=FIXTURE_PATH)
    assert markdown_to_wikitext(md, path=FIXTURE_PATH, site=site, base=page) == page
    # and pulling again onto the pulled file changes nothing
    assert wikitext_to_markdown(page, title="La Fabrique", site=site, path=FIXTURE_PATH, local=md) == md


def test_admonitions_as_a_wiki_template_when_set_in_mkdocs_yml(site):
    """extra.movilab.admonition: a template name instead of the <div> (for wikis that have one)."""
    from dataclasses import replace

    templated = replace(site, admonition="Encadré")
    md = read(FIXTURES / "admonitions.md")
    wiki = markdown_to_wikitext(md, path=FIXTURE_PATH, site=templated)
    assert "{{Encadré|type=tip|titre=Astuce|contenu=\nPrévoyez des « bacs à sable ».\nDeuxième ligne.\n}}" in wiki
    assert "{{Encadré|type=note|titre=Pour aller plus loin|pliable=oui|contenu=\n" in wiki
    back = wikitext_to_markdown(wiki, title="Fiche", site=templated, path=FIXTURE_PATH)
    assert split_page(back, path=FIXTURE_PATH).body == md


def test_local_images_keep_their_path_on_pull(site):
    local = "---\ntitle: Fiche\n---\n\nLe logo : ![Logo du réseau](../images/logo_reseau.png)\n"
    wiki = markdown_to_wikitext(local, path=FIXTURE_PATH, site=site)
    assert wiki == "Le logo : [[Fichier:logo reseau.png|Logo du réseau]]"
    assert wikitext_to_markdown(wiki, title="Fiche", site=site, path=FIXTURE_PATH, local=local) == local


def test_a_wiki_file_name_with_a_backslash_is_shown_by_the_site_and_comes_back_whole(site):
    """MediaWiki allows `\\` in a file name; the pull wrote it raw in the image's address, the site's
    sanitizer then dropped the address and the strict build stopped. It is written %5C, and given
    back as `\\` by the push."""
    from commons.sanitize import clean
    from tests.convert.support import render_html

    wiki = "Avant [[Fichier:Plan\\2026.png|Le plan]] après."
    md = wikitext_to_markdown(wiki, title="Fiche", site=site, path=FIXTURE_PATH)
    assert "Special:FilePath/Plan%5C2026.png" in md and "\\" not in md
    shown = clean(render_html(md))
    assert 'src="https://movilab.org/wiki/Special:FilePath/Plan%5C2026.png"' in shown, shown
    assert markdown_to_wikitext(md, path=FIXTURE_PATH, site=site) == wiki
    assert wikitext_to_markdown(wiki, title="Fiche", site=site, path=FIXTURE_PATH, local=md) == md


@pytest.mark.parametrize("code", ["%0A", "%09", "%0D", "%00", "%1F", "%7F"])
def test_an_image_name_with_a_control_character_is_refused_at_its_line(site, code):
    """`[[Fichier:lo\ngo.png]]` is shown by MediaWiki as text, not as an image: the push says so."""
    from sync.convert import ConversionError

    md = f"Texte.\n\n![Logo](https://movilab.org/wiki/Special:FilePath/lo{code}go.png)\n"
    with pytest.raises(ConversionError) as refused:
        markdown_to_wikitext(md, path=FIXTURE_PATH, site=site)
    said = str(refused.value)
    assert said.startswith(f"{FIXTURE_PATH}:3 : image ") and "caractère de contrôle" in said and "renommez" in said


def test_a_wiki_file_name_with_a_slash_comes_back_whole_in_a_page_with_markup(site):
    """`[[Fichier:Plans/2026.png]]`: the pull writes …/Special:FilePath/Plans/2026.png; the push's check
    took the site's image as the last segment of its address (2026.png), the wiki's as Plans/2026.png,
    and refused the page when it held what the fast path does not read (a template): the page could
    not be pushed back."""
    wiki = "Un texte avec {{Modèle|x}}.\n\n[[Fichier:Plans/2026.png|Le plan]]\n\nFin."
    md = wikitext_to_markdown(wiki, title="Fiche", site=site, path=FIXTURE_PATH)
    assert "![Le plan](https://movilab.org/wiki/Special:FilePath/Plans/2026.png)" in md
    assert markdown_to_wikitext(md, path=FIXTURE_PATH, site=site) == wiki
