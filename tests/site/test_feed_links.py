# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Links and images of a feed item, as a feed reader follows them (a real build).

A page without a `description` (a charter, a section's home) gets its feed description from its first lines,
which mkdocs-rss-plugin renders from the raw Markdown: a link to another page pointed at its source
file (`compost.md`), relative to nothing in a reader, and an image was relative to nothing too.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

import pytest

from commons import feeds
from tests.site.sitebuilder import fiche, make_site

CHARTER = """
---
title: Nos chartes
---

Avant de contribuer, lisez [la fiche](../boite-a-outils/compost.md#etapes), regardez ![le plan](plan.png),
voyez [l'accueil](../index.md) et [un autre site](https://autre.example.net/page).
"""

def test_a_feed_description_links_to_the_published_pages_and_images(tmp_path):
    site = make_site(tmp_path)
    site.write("charte/index.md", CHARTER)
    site.write("boite-a-outils/compost.md", fiche("## Étapes\n\nUn bac.\n"))
    (site.docs / "charte" / "plan.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a7d0e2d70000000049454e44ae426082"
        )
    )
    site.commit("Une page de la charte", author="Camille Martin <camille@example.org>", date="2026-01-05T10:00:00")
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    items = {
        i.findtext("link"): i.findtext("description", "")
        for i in ET.parse(site.root / "site" / "feed_rss_created.xml").iter("item")
    }
    made = items["https://example.org/communs/charte/"]
    assert 'href="https://example.org/communs/boite-a-outils/compost/#etapes"' in made, made
    assert 'src="https://example.org/communs/charte/plan.png"' in made, made
    assert 'href="https://example.org/communs/"' in made, made
    assert 'href="https://autre.example.net/page"' in made, made
    assert ".md" not in made, made


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("../boite-a-outils/compost.md#etapes", "https://example.org/communs/boite-a-outils/compost/#etapes"),
        ("plan.png", "https://example.org/communs/charte/plan.png"),
        ("../index.md", "https://example.org/communs/"),
        ("index.md", "https://example.org/communs/charte/"),
        ("#etapes", "#etapes"),
        ("https://autre.example.net/x.md", "https://autre.example.net/x.md"),
        ("//autre.example.net/x", "//autre.example.net/x"),
        ("/\\autre.example.net/x", "/\\autre.example.net/x"),
        ("\\\\autre.example.net/x", "\\\\autre.example.net/x"),
        ("mailto:a@b.fr", "mailto:a@b.fr"),
        ("../../../etc/passwd", "../../../etc/passwd"),  # above docs/: left as written, relative to nothing
        ("a&amp;b.png", "https://example.org/communs/charte/a&amp;b.png"),
    ],
)
def test_each_address_of_a_feed_description(written: str, shown: str) -> None:
    xml = (
        "<rss><channel><item><link>https://example.org/communs/charte/</link><description>"
        + html.escape(f'<a href="{written}">x</a>')
        + "</description></item></channel></rss>"
    )
    done = feeds.with_absolute_addresses(
        xml, "https://example.org/communs/", frozenset({"index.md", "charte/index.md"})
    )
    assert ET.fromstring(done).findtext("channel/item/description") == f'<a href="{shown}">x</a>'
