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
Every pulled page is checked by converting its Markdown back (verify.py): what
would not come back as the same wikitext is kept as a ```wikitext block, so a
round trip never changes what the wiki shows.

Untrusted wikitext (see escape.py): the Markdown written from the wiki holds
no raw HTML except, without any attribute, the tags sup, sub, u, s, del, ins,
small, big, kbd, mark, q, var, samp, cite, dfn, abbr, span, b, i, em, strong,
tt, bdi and br, plus HTML comments that cannot end early (escape.py holds
the written list and the last check). Every other tag,
attribute, style, script, iframe or template is shown as code; links keep
only http, https, mailto and ftp; `{` is escaped so that attr_list cannot add
attributes. What is neutralised on the site is still written back to the
wiki unchanged: the wiki is not ours to clean.

Every pushed page is checked against the site's own Python-Markdown (mdcheck.py): what the wiki
would not show of it (a word, link, image or note) is refused at its line, never dropped.

Known limits: footnotes defined out of the order of their calls are refused (the site numbers
them in the order they are defined, the wiki in the order they are used); a loose
Markdown list (blank lines between items) becomes a tight wiki list; anchors
of links to other pages are kept as written (Markdown slugs, not wiki ones).
"""

from __future__ import annotations

from sync.convert.api import markdown_to_wikitext, wikitext_to_markdown
from sync.errors import ConversionError

__all__ = ["ConversionError", "markdown_to_wikitext", "wikitext_to_markdown"]
