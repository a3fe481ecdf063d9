# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Where generated blocks go in an authored page.

Generated listings replace a marker comment when the author placed one, so
the author decides where the list appears; otherwise they come after the
authored text. Blocks meant for the top of a page go after its title.
"""

from __future__ import annotations

import re

from commons.text import markdown_text

_TITLE = re.compile(r"\A(\s*#[ \t][^\n]*\n)")


def insert_listing(markdown: str, marker: str, listing: str) -> str:
    """Replace the marker (an HTML comment, invisible when nothing replaces it); without one,
    put the listing after the introduction, before the page's first '## ' section, which on
    an index page is usually a how-to for contributors rather than what readers came for."""
    if marker in markdown:
        return markdown.replace(marker, listing, 1)
    lines = markdown.splitlines(keepends=True)
    fenced = False
    for index, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            head = "".join(lines[:index]).rstrip()
            return head + "\n\n" + listing.rstrip() + "\n\n" + "".join(lines[index:])
    return markdown.rstrip() + "\n\n" + listing


def insert_after_title(markdown: str, block: str) -> str:
    """Put `block` right under the page's '# Title' line, or at the top when the theme makes the title."""
    match = _TITLE.match(markdown)
    if match:
        return match.group(1) + "\n" + block.rstrip() + "\n\n" + markdown[match.end() :].lstrip("\n")
    return block.rstrip() + "\n\n" + markdown.lstrip("\n")


def ensure_title(markdown: str, title: str) -> str:
    """Give the page a '# Title' line when it has none, so that pages assembled elsewhere
    (the printable kit) keep their titles; the theme then shows it only once.

    `title` is text (a member's front matter): it is written so that Markdown
    reads no syntax and no HTML in it."""
    if _TITLE.match(markdown):
        return markdown
    return f"# {markdown_text(title)}\n\n" + markdown.lstrip("\n")
