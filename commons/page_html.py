# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Every change made to a finished page, in one pass: accessibility, assets and feeds, search marks.

The same page as commons.accessibility, commons.assets and commons.search would make one
after the other, with one copy of the page instead of one per change (a page of a large
site is mostly the theme's navigation: copying it cost more than the changes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from commons import accessibility, assets, html_edits, search

# What accessibility.page_edits and assets.page_edits look for, in one scan of the page instead of
# three (each a third of the hooks' time on a page of 300 kB). The patterns start with different
# tags ("<nav", "<link", "<script") and a match holds no other of these tags, so no match of one
# can hold a match of another: the scan finds what each pattern finds alone (the removals take
# the first at a place, as assets.page_edits does). Joined after their common "<", so that the
# engine skips from one "<" to the next.
_SCAN = re.compile(
    "<(?:"
    + "|".join(
        f"(?P<{name}>{tag})"
        for name, tag in (
            ("print", assets.PRINT_ASSET_TAG),
            ("feed", assets.FEED_LINK_TAG),
            ("landmark", accessibility.LANDMARK_TAG),
        )
    )
    + ")"
)


@dataclass(frozen=True)
class SearchMarks:
    """What the search index should read on a page (commons.search.mark_page)."""

    meta: Mapping[str, str]
    title_weight: float | None = None


def finish_page(html: str, feeds: Sequence[assets.Feed], marks: SearchMarks | None) -> str:
    """search.mark_page(assets.page_assets(name_landmarks(skip_to_content(html)), feeds)),
    without the search marks when `marks` is None.

    The changes touch different tags, so each finds on the page as it came what it would find
    after the others; should two of them ever meet, they are made one after the other.
    """
    landmarks: list[re.Match[str]] = []
    removed: list[re.Match[str]] = []
    for found in _SCAN.finditer(html):
        if found.lastgroup == "landmark":
            # The landmark's own match, for its groups: the same pattern at the same place.
            own = accessibility.LANDMARK.match(html, found.start())
            if own is None:  # pragma: no cover - cannot happen; the changes are then made one by one
                return _one_after_the_other(html, feeds, marks)
            landmarks.append(own)
        else:
            removed.append(found)
    edits = accessibility.skip_edits(html)
    edits += (accessibility.landmark_edit(found) for found in landmarks)
    edits += assets.removal_edits(html, removed) + assets.announce_edits(html, feeds)
    if marks is not None:
        edits += search.mark_edits(html, marks.meta, marks.title_weight)
    done = html_edits.apply(html, edits)
    return done if done is not None else _one_after_the_other(html, feeds, marks)


def _one_after_the_other(html: str, feeds: Sequence[assets.Feed], marks: SearchMarks | None) -> str:
    done = assets.page_assets(accessibility.name_landmarks(accessibility.skip_to_content(html)), feeds)
    return done if marks is None else search.mark_page(done, marks.meta, marks.title_weight)
