# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Untrusted wikitext: nothing from the wiki may become executable HTML on the site.

The pulled Markdown is rendered by the site's own Markdown pipeline and the
HTML is inspected: no script, iframe, object, style element, event handler,
style attribute (except the site's own table alignment) or javascript: URL.
nh3 (the sanitizer the site would use) must find nothing to remove either.
"""

from __future__ import annotations

from html.parser import HTMLParser

import nh3
import pytest

from sync.convert import markdown_to_wikitext, wikitext_to_markdown
from sync.convert.frontmatter import split_page
from tests.convert.support import FIXTURE_PATH, render_html

ATTACKS = {
    "script": "<script>alert(1)</script>",
    "script-in-nowiki": "<nowiki><script>alert(1)</script></nowiki>",
    "img-onerror": '<img src="x" onerror="alert(1)">',
    "span-onclick": '<span onclick="alert(1)">clic</span>',
    "span-style": '<span style="background:url(javascript:alert(1))">x</span>',
    "div-style-block": '<div style="position:fixed;top:0">recouvre la page</div>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "object": '<object data="evil.swf"></object>',
    "style-element": "<style>body{display:none}</style>",
    "javascript-link": "[javascript:alert(1) cliquez]",
    "javascript-wikilink": "[[javascript:alert(1)|cliquez]]",
    "data-link": "[data:text/html;base64,PHNjcmlwdD4= cliquez]",
    "attr-list-injection": 'Un paragraphe\n{: onclick="alert(1)" }',
    "attr-list-inline": 'du *texte*{: onmouseover="alert(1)"} piégé',
    "md-html-in-text": "&lt;script&gt;alert(1)&lt;/script&gt; et <b onmouseover=alert(1)>gras</b>",
    "comment-breakout": "<!-- x --!> <script>alert(1)</script> -->",
    "entity-script": "&#60;script&#62;alert(1)&#60;/script&#62;",
    "template-tag": "{{#tag:script|alert(1)}}",
    "fake-admonition": '<div class="admonition note" onclick="alert(1)">\nx\n</div>',
    "pre-with-script": "<pre>\n</pre><script>alert(1)</script>\n</pre>",
    "code-breakout": "<code></code><script>alert(1)</script></code>",
    "heading-attrs": "== Titre {: onclick=alert(1)} ==",
    "table-attrs": '{| class="wikitable" onclick="alert(1)"\n! a\n|-\n| b\n|}',
    "cell-attrs": '{| class="wikitable"\n! a\n|-\n| onmouseover="alert(1)" | b\n|}',
    "md-autolink-js": "<javascript:alert(1)>",
    "raw-html-block": "<div>\n<script>alert(1)</script>\n</div>",
    "image-js": "[[Fichier:x.png|link=javascript:alert(1)]]",
    "md-link-syntax": "[cliquez](javascript:alert(1))",
    "md-image-syntax": "![x](javascript:alert(1))",
}

FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "style",
    "link",
    "meta",
    "form",
    "input",
    "button",
    "svg",
    "math",
    "base",
    "frame",
    "frameset",
    "applet",
    "textarea",
    "select",
}


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name == "style" and not (tag in ("th", "td") and value.startswith("text-align:")):
                self.problems.append(f"{tag}[style={value}]")
            if name in ("href", "src", "action", "formaction", "data") and value.replace(" ", "").startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.problems.append(f"{tag}[{name}={value}]")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, tuple(sorted(name for name, _ in attrs))))


def elements(html: str) -> list[tuple[str, tuple[str, ...]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.seen


def problems_in(html: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


SITE_TAGS = {
    "p",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
    "sup",
    "sub",
    "div",
    "span",
    "img",
    "abbr",
    "details",
    "summary",
    "u",
    "s",
    "del",
    "ins",
    "small",
    "big",
    "kbd",
    "mark",
    "q",
    "var",
    "samp",
    "cite",
    "dfn",
    "b",
    "i",
    "tt",
    "bdi",
}
SITE_ATTRS = {
    "*": {"class", "id", "title"},
    "a": {"href"},
    "img": {"src", "alt"},
    "th": {"style"},
    "td": {"style"},
    "abbr": {"title"},
    "details": {"open"},
}


@pytest.mark.parametrize("wikitext", list(ATTACKS.values()), ids=list(ATTACKS))
def test_pulled_wikitext_never_renders_executable_html(site, wikitext):
    md = wikitext_to_markdown(f"Avant.\n\n{wikitext}\n\nAprès.", title="Piège", site=site, path=FIXTURE_PATH)
    html = render_html(split_page(md, path=FIXTURE_PATH).body)
    assert problems_in(html) == []
    # nh3, set to what the site legitimately renders, finds no tag or attribute to remove
    cleaned = nh3.clean(
        html,
        tags=SITE_TAGS,
        attributes=SITE_ATTRS,
        url_schemes={"http", "https", "mailto", "ftp"},
        link_rel=None,
        strip_comments=False,
        filter_style_properties={"text-align"},
    )
    assert elements(cleaned) == elements(html)


@pytest.mark.parametrize("wikitext", list(ATTACKS.values()), ids=list(ATTACKS))
def test_hostile_wikitext_is_not_lost_either(site, wikitext):
    """Neutralised on the site, but written back to the wiki unchanged (the wiki is not ours to clean)."""
    page = f"Avant.\n\n{wikitext}\n\nAprès."
    md = wikitext_to_markdown(page, title="Piège", site=site, path=FIXTURE_PATH)
    assert markdown_to_wikitext(md, path=FIXTURE_PATH, site=site, base=page) == page


def test_what_is_kept_renders_as_html(site):
    """The allowlist is real: simple formatting tags without attributes stay formatting."""
    md = wikitext_to_markdown(
        "x<sup>2</sup> et <u>souligné</u> et <del>barré</del>", title="P", site=site, path=FIXTURE_PATH
    )
    html = render_html(split_page(md, path=FIXTURE_PATH).body)
    assert "<sup>2</sup>" in html and "<u>souligné</u>" in html and "<del>barré</del>" in html
