# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Fixtures of the converter tests: a small site map and the site's own Markdown renderer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sync.sitemap import SiteMap
from tests.convert.support import REPO, normalise_html, render_html


@pytest.fixture(scope="session")
def site() -> SiteMap:
    return SiteMap(
        site_url="https://example.org/communs/",
        wiki_pages_url="https://movilab.org/wiki/",
        pages={
            "boite-a-outils/budget-contributif.md": "Budget contributif (réseau)",
            "boite-a-outils/fixture.md": None,
            "kit-accueil/glossaire.md": None,
            "index.md": None,
        },
    )


@pytest.fixture(scope="session")
def render() -> Callable[[str], str]:
    return lambda body: normalise_html(render_html(body))


@pytest.fixture(scope="session")
def repo_site() -> SiteMap:
    return SiteMap.from_repo(REPO)
