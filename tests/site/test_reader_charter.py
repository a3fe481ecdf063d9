# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A charter shows which version it is and when it was adopted, under its title, on a real build."""

from __future__ import annotations

import pytest

from tests.site.sitebuilder import Site


@pytest.fixture
def site(reader_build: Site) -> Site:
    """The reader fixture site, built once for the whole session (tests/conftest.py)."""
    return reader_build


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_charter_shows_its_version_and_adoption_date_under_its_title(site: Site) -> None:
    html = _article(site.html("charte/charte-du-reseau"))
    line = '<p class="commons-charter-version">Version 1.0, adoptée le <time datetime="2026-11-22">22 novembre 2026</time></p>'
    assert line in html
    assert html.index("Charte du réseau</h1>") < html.index(line) < html.index("Préambule")
