# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Untrusted wikitext: nothing from the wiki may become executable HTML on the site.

The pulled Markdown is rendered by the site's own Markdown pipeline and the
HTML is inspected: no script, iframe, object, style element, event handler,
style attribute (except the site's own table alignment) or javascript: URL.
nh3 (the sanitizer the site would use) must find nothing to remove either.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3
import pytest

from commons import sanitize
from sync.convert import ConversionError, markdown_to_wikitext, wikitext_to_markdown
from sync.convert.escape import md_html_is_allowed
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

# Comments that MediaWiki reads as one comment but browsers end early (issue 9, item 1).
COMMENT_PAYLOADS = {
    "abrupt": "<!--><img src=x onerror=alert(1)>-->",
    "abrupt-dash": "<!---><img src=x onerror=alert(1)>-->",
    "bang-close": "<!-- x --!><img src=x onerror=alert(1)>-->",
    "nested-open": "<!--<!--><img src=x onerror=alert(1)>-->",
    "dash-space-close": "<!-- x -- ><svg onload=alert(1)>-->",
    "fake-hidden": "<!-- wikitext: --><img src=x onerror=alert(1)> -->",
    "backtick": "<!-- ` --><img src=x onerror=alert(1)><!-- ` -->",
}
# Where a comment can sit in a page: each context holds one PAYLOAD.
COMMENT_CONTEXTS = {
    "paragraph": "Du texte PAYLOAD et la suite.",
    "line-start": "PAYLOAD et la suite.",
    "line-start-then-code": "PAYLOAD <script>alert(1)</script>",
    "second-line": "Première ligne\nPAYLOAD et la suite.",
    "alone": "PAYLOAD",
    "list-item": "* un élément PAYLOAD\n** PAYLOAD imbriqué",
    "numbered": "# PAYLOAD premier",
    "heading": "== Titre PAYLOAD ==",
    "heading-start": "== PAYLOAD Titre ==",
    "footnote": "Texte<ref>note PAYLOAD</ref>.\n\n<references />",
    "wikilink-label": "[[Budget contributif|lien PAYLOAD]]",
    "external-label": "[https://example.org lien PAYLOAD]",
    "table-cell": '{| class="wikitable"\n! a\n|-\n| PAYLOAD\n|}',
    "bold": "'''gras PAYLOAD'''",
    "italic": "''italique PAYLOAD''",
    "definition": "; PAYLOAD terme\n: PAYLOAD définition",
    "quote": "<blockquote>\nPAYLOAD citée\n</blockquote>",
    "admonition": '<div class="admonition note">\n<p class="admonition-title">Titre PAYLOAD</p>\nPAYLOAD\n</div>',
    "safe-tag": "<sup>PAYLOAD</sup> et <u>PAYLOAD</u>",
}
# The same comment text in every context.
COMMENT_CASES = {
    f"{context}-{payload}": template.replace("PAYLOAD", COMMENT_PAYLOADS[payload])
    for context, template in COMMENT_CONTEXTS.items()
    for payload in COMMENT_PAYLOADS
}
# Other ways wiki text could become active HTML on the site.
OTHER_ATTACKS = {
    "line-start-comment-then-tag": "<!-- c --> <img src=x onerror=alert(1)>",
    "line-start-comments-then-code": "<!-- a --><!-- b -->{{x}}<script>alert(1)</script>",
    "abbr-with-backslash": "<!-- md: *[a\\b]: <img src=x onerror=alert(1)> -->",
    "abbr-with-html": "<!-- md: *[HTML]: <img src=x onerror=alert(1)> -->",
    "autolink-other-scheme": "<javascript://%0Aalert(1)>",
    "entity-javascript-link": "[[&#106;avascript:alert(1)|x]] [&#106;avascript:alert(1) y]",
    "md-in-html": '<div markdown="1">\n<img src=x onerror=alert(1)>\n</div>',
    "attr-list-heading": "== Titre ==\n{: onclick=alert(1) }",
    "attr-list-after-raw": "{{x}}{: onclick=alert(1)}",
    "details-title": (
        '<div class="admonition note mw-collapsible">\n<p class="admonition-title">x" onclick="alert(1)</p>\ny\n</div>'
    ),
}
ALL_ATTACKS = {**ATTACKS, **COMMENT_CASES, **OTHER_ATTACKS}


def strip_comments_like_a_browser(html: str) -> str:
    """Remove HTML comments where an HTML5 parser ends them (`<!-->`, `<!--->`, `-->`, `--!>`)."""
    out: list[str] = []
    pos = 0
    while (start := html.find("<!--", pos)) >= 0:
        out.append(html[pos:start])
        body = start + 4
        if html.startswith(">", body):
            pos = body + 1
        elif html.startswith("->", body):
            pos = body + 2
        else:
            ends = [e for e in (html.find("-->", body), html.find("--!>", body)) if e >= 0]
            if not ends:
                return "".join(out)
            end = min(ends)
            pos = end + (3 if html.startswith("-->", end) else 4)
    out.append(html[pos:])
    return "".join(out)


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
    inspector.feed(strip_comments_like_a_browser(html))
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


@pytest.mark.parametrize("wikitext", list(ALL_ATTACKS.values()), ids=list(ALL_ATTACKS))
def test_pulled_wikitext_never_renders_executable_html(site, wikitext):
    md = wikitext_to_markdown(f"Avant.\n\n{wikitext}\n\nAprès.", title="Piège", site=site, path=FIXTURE_PATH)
    body = split_page(md, path=FIXTURE_PATH).body
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", body), "control character in the Markdown"
    html = render_html(body)
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


@pytest.mark.parametrize("wikitext", list(ALL_ATTACKS.values()), ids=list(ALL_ATTACKS))
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


@pytest.mark.parametrize(
    "wikitext",
    [
        COMMENT_CONTEXTS[c].replace("PAYLOAD", COMMENT_PAYLOADS[p])
        for c in ("paragraph", "alone")
        for p in COMMENT_PAYLOADS
    ],
)
def test_a_neutralised_comment_comes_back_without_base(site, wikitext):
    """Even a push without the synced base (a new page) writes the wiki's comment back as it was."""
    md = wikitext_to_markdown(wikitext, title="Piège", site=site, path=FIXTURE_PATH)
    assert markdown_to_wikitext(md, path=FIXTURE_PATH, site=site) == wikitext


def test_a_plain_comment_stays_a_plain_comment(site):
    md = wikitext_to_markdown("Texte <!-- à revoir (2024) --> suite.", title="P", site=site, path=FIXTURE_PATH)
    assert "Texte <!-- à revoir (2024) --> suite." in md


HOSTILE_DATA = "<img src=x onerror=alert(1)>"


def test_categories_sort_keys_and_template_values_are_data(site):
    """Issue 9, item 3: what the wiki puts in the front matter is plain YAML text, never in the body."""
    page = (
        f"{{{{Ressource|type={HOSTILE_DATA}|territoire=a: b # c}}}}\nTexte.\n\n"
        f"[[Catégorie:Économie|{HOSTILE_DATA}]]\n[[Catégorie:- x: y #z]]"
    )
    md = wikitext_to_markdown(page, title="Piège", site=site, path=FIXTURE_PATH)
    front = split_page(md, path=FIXTURE_PATH)
    assert front.data["wiki"] == {
        "modele": "Ressource",
        "parametres": {"type": HOSTILE_DATA, "territoire": "a: b # c"},
        "categories": [f"Économie|{HOSTILE_DATA}", "- x: y #z"],
    }
    assert HOSTILE_DATA not in front.body
    assert problems_in(render_html(front.body)) == []
    assert markdown_to_wikitext(md, path=FIXTURE_PATH, site=site, base=page) == page


@pytest.mark.parametrize(
    "markdown",
    [
        "<!--><img src=x onerror=alert(1)>-->",
        "a <!---><b>x</b>-->",
        "a <!-- x --!> b -->",
        "<!-- c --> `<script>`{.wikitext}",
        "a <img src=x>",
        '<span class="x">a</span>',
        "<div>",
        "a <javascript://%0Aalert(1)>",
    ],
)
def test_the_last_check_refuses_any_other_html(markdown):
    assert not md_html_is_allowed(markdown)


@pytest.mark.parametrize(
    "markdown",
    [
        "a <!-- note --> b `<script>` <sup>2</sup><br /> <https://example.org/x?a=1>",
        "<!-- wikitext: &lt;!&#45;&#45;&gt; -->",
        "<!-- a --> <!-- b -->",
        "- <!-- a --> `<div>`{.wikitext}",
    ],
)
def test_the_last_check_lets_the_allowed_html_through(markdown):
    assert md_html_is_allowed(markdown)


def test_control_characters_from_the_wiki_are_refused_with_the_line(site):
    """Python-Markdown's placeholders are STX…ETX; MediaWiki shows control characters as U+FFFD."""
    page = "Avant.\n\na \x02wzxhzdk:0\x03 b \x02klzzwxh:0\x03 c"
    with pytest.raises(ConversionError) as caught:
        wikitext_to_markdown(page, title="Piège", site=site, path=FIXTURE_PATH)
    assert caught.value.line == 3
    assert "caractère de contrôle U+0002" in caught.value.message


def test_control_characters_in_markdown_never_reach_the_wiki(site):
    wiki = markdown_to_wikitext("---\n---\na \x02wzxhzdk:0\x03 et \x00 b\n", path=FIXTURE_PATH, site=site)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", wiki)


# Wiki HTML that the converter keeps as HTML on the site, with classes of the theme's interface.
THEME_CLASS_ATTACKS = {
    "admonition-theme-toast": '<div class="admonition note md-dialog md-dialog--active">\nSession expirée.\n</div>',
    "admonition-theme-type": '<div class="admonition md-top">\nHaut de page.\n</div>',
}


@pytest.mark.parametrize(
    "wikitext", [*ALL_ATTACKS.values(), *THEME_CLASS_ATTACKS.values()], ids=[*ALL_ATTACKS, *THEME_CLASS_ATTACKS]
)
def test_pulled_wikitext_passes_the_site_allow_list(site, wikitext):
    """A pull never writes HTML that the site's allow-list (commons/sanitize.py) would remove: a wiki
    edit would otherwise stop every strict build, or, before it was listed, reach the site."""
    md = wikitext_to_markdown(f"Avant.\n\n{wikitext}\n\nAprès.", title="Piège", site=site, path=FIXTURE_PATH)
    html = render_html(split_page(md, path=FIXTURE_PATH).body)
    assert sanitize.removals(html) == [], html
