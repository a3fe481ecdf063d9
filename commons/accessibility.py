# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Small fixes to the theme's HTML that accessibility asks for (WCAG, RGAA).

Done on the rendered page rather than by copying the theme's templates, so a
theme upgrade brings its own changes with it; each fix is a no-op when the
markup it expects is gone. Colours, focus and underlines are in
overrides/assets/stylesheets/commons.css.
"""

from __future__ import annotations

import re
from html import escape, unescape

from commons import html_edits

CONTENT_ID = "contenu"
SKIP_LABEL = "Aller au contenu"

_SKIP_BLOCK = re.compile(r'(<div data-md-component="skip">)(.*?)(</div>)', re.S)
_ARTICLE = '<article class="md-content__inner md-typeset"'


def skip_to_content(html: str) -> str:
    """Every page starts with a link to its content (RGAA 12.7), whatever its table of contents.

    Material writes its skip link only on pages whose table of contents is not
    empty: a webinar page, the 404 page or a page without headings had none.
    The link leads to the article itself, which is given an id.
    """
    return html_edits.apply_own(html, skip_edits(html))


def skip_edits(html: str) -> list[html_edits.Edit]:
    """skip_to_content as edits on `html`, in page order."""
    article = html.find(_ARTICLE)
    if article < 0:
        return []
    changes: list[html_edits.Edit] = []
    link = f'<a href="#{CONTENT_ID}" class="md-skip">{SKIP_LABEL}</a>'
    block = _SKIP_BLOCK.search(html)
    if block is None:
        at = html.find(">", html.find("<body")) + 1
        if at > 0:
            changes.append((at, at, f'<div data-md-component="skip">{link}</div>'))
    else:
        changes.append((block.start(2), block.end(2), link))
    if 'id="' + CONTENT_ID + '"' not in html:
        at = article + len(_ARTICLE)
        if block is None or not block.start(2) <= at <= block.end(2):  # else it went with the block's old content
            changes.append((at, at, f' id="{CONTENT_ID}"'))
    changes.sort(key=lambda change: change[0])
    return changes


# A navigation landmark to name: a section's menu, or the tags under a page (LANDMARK_TAG is what
# follows its "<": commons.page_html looks for it in the same scan as other changes).
LANDMARK_TAG = (
    r'nav class="md-(?:nav" data-md-level="(\d+)" aria-labelledby="[^"]*"([^>]*)>'
    r'(\s*<label class="md-nav__title"[^>]*>\s*<span class="md-nav__icon md-icon"></span>\s*)([^<]+?)(\s*</label>)'
    r'|tags"\s*>)'
)
LANDMARK = re.compile("<" + LANDMARK_TAG)


def _attribute(text: str) -> str:
    return escape(unescape(text.strip()), quote=True)


def name_landmarks(html: str, tags_label: str = "Thèmes") -> str:
    """Give every navigation landmark a name of its own (axe rule landmark-unique, RGAA 12.6).

    With navigation.indexes, Material labels a section's menu by the toggle
    next to the section's link, which holds only an icon: the menu had no
    name. It takes the section's title instead; the tags under a page are
    named too.
    """
    return html_edits.apply_own(html, _landmark_edits(html, tags_label))


def _landmark_edits(html: str, tags_label: str = "Thèmes") -> list[html_edits.Edit]:
    return [landmark_edit(m, tags_label) for m in LANDMARK.finditer(html)]


def landmark_edit(m: re.Match[str], tags_label: str = "Thèmes") -> html_edits.Edit:
    """The named form of one landmark that LANDMARK matched."""
    if m.group(1) is None:
        return (m.start(), m.end(), f'<nav class="md-tags" aria-label="{tags_label}">')
    named = (
        f'<nav class="md-nav" data-md-level="{m.group(1)}" aria-label="{_attribute(m.group(4))}"{m.group(2)}>'
        + m.group(3)
        + m.group(4)
        + m.group(5)
    )
    return (m.start(), m.end(), named)


def page_edits(html: str) -> list[html_edits.Edit]:
    """name_landmarks(skip_to_content(html)) as edits on `html` (commons.html_edits)."""
    return skip_edits(html) + _landmark_edits(html)
