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
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')


def skip_to_content(html: str) -> str:
    """Every page starts with a link to its content (RGAA 12.7), whatever its table of contents.

    Material writes its skip link only on pages whose table of contents is not
    empty: a webinar page, the 404 page or a page without headings had none.
    The link leads to the article itself, which is given an id.
    """
    article = _ARTICLE.search(html)
    if article is None:
        return html
    if 'id="' + CONTENT_ID + '"' not in html:
        html = html[: article.end()] + f' id="{CONTENT_ID}"' + html[article.end() :]
    link = f'<a href="#{CONTENT_ID}" class="md-skip">{SKIP_LABEL}</a>'
    block = _SKIP_BLOCK.search(html)
    if block is None:
        at = html.find(">", html.find("<body")) + 1
        return html[:at] + f'<div data-md-component="skip">{link}</div>' + html[at:] if at > 0 else html
    return html[: block.start()] + block.group(1) + link + block.group(3) + html[block.end() :]


_SECTION_NAV = re.compile(
    r'<nav class="md-nav" data-md-level="(\d+)" aria-labelledby="[^"]*"([^>]*)>'
    r'(\s*<label class="md-nav__title"[^>]*>\s*<span class="md-nav__icon md-icon"></span>\s*)([^<]+?)(\s*</label>)'
)
_TAGS_NAV = re.compile(r'<nav class="md-tags"\s*>')


def _attribute(text: str) -> str:
    return escape(unescape(text.strip()), quote=True)


def name_landmarks(html: str, tags_label: str = "Thèmes") -> str:
    """Give every navigation landmark a name of its own (axe rule landmark-unique, RGAA 12.6).

    With navigation.indexes, Material labels a section's menu by the toggle
    next to the section's link, which holds only an icon: the menu had no
    name. It takes the section's title instead; the tags under a page are
    named too.
    """
    html = _SECTION_NAV.sub(
        lambda m: (
            f'<nav class="md-nav" data-md-level="{m.group(1)}" aria-label="{_attribute(m.group(4))}"{m.group(2)}>'
            + m.group(3)
            + m.group(4)
            + m.group(5)
        ),
        html,
    )
    return _TAGS_NAV.sub(f'<nav class="md-tags" aria-label="{tags_label}">', html)
