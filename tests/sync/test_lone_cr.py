# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A page saved with lone CR line ends (Mac OS 9 and older, some old editors): git keeps those bytes as
they are (core.autocrlf only turns CRLF into LF), MkDocs reads them as line ends, and the wiki turns them
into LF. The sync cannot give such a file back with the same bytes: it is named and refused, never
skipped without a word."""

from __future__ import annotations

import pytest

from tests.sync.conftest import page, unique_title

pytestmark = pytest.mark.wiki

BODY = "Premier paragraphe.\n\nSecond paragraphe."


@pytest.mark.parametrize("command", ["status", "push", "pull"])
def test_a_page_with_lone_cr_line_ends_is_named_and_nothing_changes(site, mediawiki, command):
    title = unique_title("Page enregistrée sur un vieux Mac")
    neighbour = unique_title("Page voisine")
    site.write("voisine.md", page(neighbour, "Texte."))
    (site.path / "docs" / "mac.md").write_bytes(page(title, BODY).replace("\n", "\r").encode("utf-8"))
    site.commit()
    head = site.git("rev-parse", "HEAD")
    result = site.run(command)
    assert result.code == 2, result.text
    assert "docs/mac.md" in result.err and "Traceback" not in result.text
    assert "fins de ligne" in result.err and "LF" in result.err  # what is expected, and how to fix it
    assert site.git("rev-parse", "HEAD") == head and site.git("status", "--porcelain") == ""
    wiki = mediawiki.editor(0)
    assert wiki.text(title) is None and wiki.text(neighbour) is None


def test_a_lone_cr_inside_a_synced_page_is_named_not_sent_nor_lost(site, mediawiki):
    """One stray CR inside a line (pasted from an old document): the wiki would save it as a line end,
    and the next pull would write a page git does not have."""
    title = unique_title("Page au CR égaré")
    site.write("fiche.md", page(title, BODY))
    site.commit()
    assert site.run("push").code == 0
    raw = page(title, BODY.replace("Second paragraphe.", "Second\rparagraphe revu."))
    (site.path / "docs" / "fiche.md").write_bytes(raw.encode("utf-8"))
    site.commit()
    head = site.git("rev-parse", "HEAD")
    result = site.run("push")
    assert result.code == 2, result.text
    assert "docs/fiche.md:8" in result.err and "Traceback" not in result.text
    assert mediawiki.editor(0).text(title) == BODY
    assert site.git("rev-parse", "HEAD") == head
    assert (site.path / "docs" / "fiche.md").read_bytes() == raw.encode("utf-8")


def test_a_page_without_mirror_saved_with_lone_cr_blocks_nothing(site, mediawiki):
    title = unique_title("Page miroir ordinaire")
    site.write("fiche.md", page(title, BODY))
    (site.path / "docs" / "mac.md").write_bytes(b"---\rtitle: Vieux Mac\r---\r\rUn texte sans miroir.\r")
    site.commit()
    assert site.run("push").code == 0
    assert mediawiki.editor(0).text(title) == BODY
