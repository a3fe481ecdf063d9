# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""SiteMap.from_repo: mirrored pages and settings read from a real repository layout."""

from __future__ import annotations

import pytest

from sync.convert import markdown_to_wikitext, wikitext_to_markdown
from sync.errors import ConfigError
from sync.sitemap import SiteMap

MKDOCS = """site_name: Essai
site_url: https://reseau.example/communs
docs_dir: docs
extra:
  movilab:
    api: https://wiki.example/api.php
    pages: https://wiki.example/wiki/
    admonition: Encadré
markdown_extensions:
  - toc:
      permalink: !!python/name:builtins.True
"""


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    docs = tmp_path / "docs"
    (docs / "fiches").mkdir(parents=True)
    (docs / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (docs / "fiches/miroir.md").write_text("---\ntitle: M\nmovilab: Page miroir\n---\n\nTexte.\n", encoding="utf-8")
    (docs / "fiches/locale.md").write_text("---\ntitle: L\n---\n\nTexte.\n", encoding="utf-8")
    (docs / "fiches/casse.md").write_text("---\ntitle: [oups\n---\n", encoding="utf-8")
    return tmp_path


def test_reads_mirrored_titles_urls_and_settings(repo):
    site = SiteMap.from_repo(repo)
    assert site.site_url == "https://reseau.example/communs/"
    assert site.wiki_pages_url == "https://wiki.example/wiki/"
    assert site.admonition == "Encadré"
    assert site.title_for("fiches/miroir.md") == "Page miroir"
    assert site.path_for_title("Page miroir") == "fiches/miroir.md"
    assert site.path_for_title("page miroir") == "fiches/miroir.md"  # MediaWiki's first letter
    assert site.page_url("fiches/locale.md") == "https://reseau.example/communs/fiches/locale/"
    assert site.page_url("index.md") == "https://reseau.example/communs/"
    assert site.path_for_site_url("https://reseau.example/communs/fiches/locale/") == "fiches/locale.md"
    assert site.title_for_wiki_url("https://wiki.example/wiki/Les_r%C3%A9seaux") == "Les réseaux"
    assert site.wiki_url("Les réseaux (2023)") == "https://wiki.example/wiki/Les_r%C3%A9seaux_(2023)"
    # a page whose front matter cannot be read is reported in French, not silently skipped
    assert any("fiches/casse.md" in p and "illisible" in p for p in site.problems)


def test_links_cross_between_site_and_wiki(repo):
    site = SiteMap.from_repo(repo)
    md = "---\ntitle: L\n---\n\nVoir [le miroir](miroir.md#suite) et [la locale](locale.md).\n"
    wiki = markdown_to_wikitext(md, path="fiches/locale.md", site=site)
    assert wiki == (
        "Voir [[Page miroir#suite|le miroir]] et [https://reseau.example/communs/fiches/locale/ la locale]."
    )
    back = wikitext_to_markdown(wiki, title="L", site=site, path="fiches/locale.md", local=md)
    assert back == md


def test_outside_a_repository_is_a_usage_error(tmp_path):
    with pytest.raises(ConfigError, match=r"mkdocs\.yml introuvable"):
        SiteMap.from_repo(tmp_path)
