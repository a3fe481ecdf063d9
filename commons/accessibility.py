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
    article = html.find(_ARTICLE)
    if article < 0:
        return html
    # The page is copied once, with both changes (it is mostly the theme's navigation).
    changes: list[tuple[int, int, str]] = []  # (start, end, new text), in page order
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
    parts, kept = [], 0
    for start, end, text in changes:
        parts += [html[kept:start], text]
        kept = end
    parts.append(html[kept:])
    return "".join(parts)


_LANDMARK = re.compile(
    r'<nav class="md-(?:nav" data-md-level="(\d+)" aria-labelledby="[^"]*"([^>]*)>'
    r'(\s*<label class="md-nav__title"[^>]*>\s*<span class="md-nav__icon md-icon"></span>\s*)([^<]+?)(\s*</label>)'
    r'|tags"\s*>)'
)


def _attribute(text: str) -> str:
    return escape(unescape(text.strip()), quote=True)


def name_landmarks(html: str, tags_label: str = "Thèmes") -> str:
    """Give every navigation landmark a name of its own (axe rule landmark-unique, RGAA 12.6).

    With navigation.indexes, Material labels a section's menu by the toggle
    next to the section's link, which holds only an icon: the menu had no
    name. It takes the section's title instead; the tags under a page are
    named too.
    """

    def named(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return f'<nav class="md-tags" aria-label="{tags_label}">'
        return (
            f'<nav class="md-nav" data-md-level="{m.group(1)}" aria-label="{_attribute(m.group(4))}"{m.group(2)}>'
            + m.group(3)
            + m.group(4)
            + m.group(5)
        )

    return _LANDMARK.sub(named, html)
