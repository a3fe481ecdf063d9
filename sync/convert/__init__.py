# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Markdown ↔ wikitext conversion that round-trips without churn (pure functions, no I/O).

Representation of what Markdown cannot hold:
- a block of wikitext (template, parser function, gallery, complex table, `<pre>`
  with odd attributes, indented lines…) becomes a fenced block
  ```` ```wikitext ```` holding the exact source lines: shown as code on the
  site, written back byte for byte;
- inline wikitext (an inline template, a tag with attributes…) becomes a code
  span `` `{{…}}`{.wikitext} ``;
- wikitext that shows nothing (`__NOTOC__`…) becomes `<!-- wikitext: … -->`;
- the page template at the top becomes `wiki.modele` / `wiki.parametres` in
  the front matter, its categories `wiki.categories`.
Byte-identity comes from `base` (push) and `local` (pull): see segments.py.
"""

from __future__ import annotations

from sync.convert.api import markdown_to_wikitext, wikitext_to_markdown
from sync.errors import ConversionError

__all__ = ["ConversionError", "markdown_to_wikitext", "wikitext_to_markdown"]
