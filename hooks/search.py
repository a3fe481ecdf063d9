# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs hook: French search with Pagefind; thin adapter over commons.search.

Each page marks what the index should read and the label its results show
(hooks/page_html.py); once the site is written, Pagefind indexes it into
site/pagefind/, in `mkdocs build` and `mkdocs serve` alike.
"""

from __future__ import annotations

from pathlib import Path

import _root  # noqa: F401  (makes commons/ importable)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from commons import search


@event_priority(-100)  # last: after every plugin and hook has written its files (the printable kit)
def on_post_build(config: MkDocsConfig) -> None:
    try:
        search.build_index(Path(config.site_dir))
    except search.SearchIndexError as exc:
        raise PluginError(f"recherche : {exc}") from exc
