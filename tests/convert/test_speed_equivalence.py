# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What was made faster gives exactly what the slower, obvious version gave.

fasttree.py builds mwparserfromhell's tree without the library's Builder; sitemap.relative
computes posixpath.relpath's answer without the working directory; mdinline._bold_only and
wikiinline.WikiInline._bold_only convert a line whose only markup is bold without the general
passes, and mdinline._links_only text whose only markup is links and bold. Each is compared here with the
straightforward version, on written input and on random input.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mwparserfromhell.nodes import Text
from mwparserfromhell.parser import Parser
from mwparserfromhell.smart_list import SmartList

from sync.convert import fasttree, wikilines
from sync.convert.api import wikitext_to_markdown
from sync.convert.escape import _APOS_NEAR_QUOTE, _MD_SPECIAL, APOS, _md_sub, md_escape, wiki_finish_line
from sync.convert.mdinline import _MARKUP, InlineContext, _bold_only, _Converter, _links_only
from sync.convert.wikiinline import WikiInline
from sync.convert.wikilines import LIST_MARK, parse_page
from sync.errors import ConversionError
from sync.sitemap import SiteMap, relative

FIXTURES = Path(__file__).parent / "fixtures"


def library_tree(text: str) -> Any:
    """The tree as parse_page built it before fasttree.py (the library's Builder)."""
    return wikilines.library_tree(Parser()._tokenizer.tokenize(text, 0, True))


def difference(a: Any, b: Any, where: str = "arbre") -> str | None:
    """Where two trees differ (node types, every field, recursively), or None."""
    if type(a) is not type(b):
        return f"{where} : {type(a).__name__} / {type(b).__name__}"
    if isinstance(a, list | SmartList):
        if len(a) != len(b):
            return f"{where} : {len(a)} / {len(b)} éléments"
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            found = difference(x, y, f"{where}[{k}]")
            if found:
                return found
        return None
    if hasattr(a, "__dict__"):
        fields_a = {k: v for k, v in vars(a).items() if k != "_children"}
        fields_b = {k: v for k, v in vars(b).items() if k != "_children"}
        if fields_a.keys() != fields_b.keys():
            return f"{where} : champs {sorted(fields_a)} / {sorted(fields_b)}"
        for key, value in fields_a.items():
            found = difference(value, fields_b[key], f"{where}.{key}")
            if found:
                return found
        return None
    return None if a == b else f"{where} : {a!r} / {b!r}"


WRITTEN = [
    "",
    "texte seul\n",
    "* un\n** deux\n#* trois\n; terme : définition\n: suite\n",
    "== Titre ==\n=== ''Sous'' titre ===\n======= trop =======\n",
    "[[Page]] [[Page|texte ''en italique'']] [[Fichier:A.png|vignette|légende]] [[Catégorie:X]]\n",
    "[https://example.org lien] [https://example.org] https://example.org/nu [//proto] [http://x<b>collé</b>]\n",
    "{{Modèle|a=1|b|c = {{imbriqué|x}}|{{=}}}} {{{argument|défaut}}} {{#if:x|y}}\n",
    '<ref name="a">note [[lien]]</ref><ref name=a /> <references/> <br> <br /> </br>\n',
    '<div class="admonition note" style="x">\n<p class="admonition-title">Titre</p>\ntexte\n</div>\n',
    "<!-- commentaire --> <!-- non fermé\n",
    "&amp; &#39; &#x41; &nbsp; &bogus;\n",
    '{| class="wikitable"\n|+ légende\n! a !! b\n|-\n| c || d\n|}\n',
    "<nowiki>[[pas un lien]]</nowiki> <pre>\n pre\n</pre> <span title=x>s</span> <s>barré\n",
    "''italique'' '''gras''' '''''les deux'' toujours gras'''\n",
    " préformaté\n----\n__NOTOC__\n",
    "<b\n>multi</b> <div\ntitle=x>y</div> <math>x^2</math> <gallery>\nA.png\n</gallery>\n",
]


@pytest.mark.parametrize("text", WRITTEN + [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.wiki"))])
def test_fast_tree_is_the_library_tree(text: str) -> None:
    for variant in (text, text + "\n* fin\n", "* " + text):
        expected, built = library_tree(variant), parse_page(variant)
        assert difference(expected, built) is None
        assert str(built).replace(LIST_MARK, "") == variant


WIKI_PIECES = st.sampled_from(
    [
        "a",
        " ",
        "\n",
        "*",
        "#",
        ":",
        ";",
        "[[",
        "]]",
        "|",
        "{{",
        "}}",
        "{{{",
        "}}}",
        "=",
        "==",
        "'''",
        "''",
        "<ref>",
        "</ref>",
        "<br/>",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "&amp;",
        "[http://x ",
        "]",
        "{|",
        "|}",
        "|-",
        "!",
        "<nowiki>",
        "</nowiki>",
        'x="y"',
    ]
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(WIKI_PIECES, max_size=30).map("".join))
def test_fast_tree_on_random_wikitext(text: str) -> None:
    assert difference(library_tree(text), parse_page(text)) is None


def test_fast_tree_only_for_the_pinned_version() -> None:
    """fasttree.py fills private fields: bumping mwparserfromhell's pin must make someone check it."""
    pins = (Path(__file__).parents[2] / "requirements.txt").read_text(encoding="utf-8")
    assert f"mwparserfromhell=={fasttree.BUILT_FOR}\n" in pins
    assert wikilines.FAST_TREE


def test_other_versions_get_the_same_pages(monkeypatch: pytest.MonkeyPatch, site: SiteMap) -> None:
    """On a version fasttree.py was not written for, the library's builder gives the same pages."""
    pages = {p.stem: p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.wiki"))}
    assert pages

    def pulled() -> dict[str, str]:
        return {name: wikitext_to_markdown(text, title=name, site=site) for name, text in pages.items()}

    fast = pulled()
    monkeypatch.setattr(wikilines, "FAST_TREE", False)
    assert pulled() == fast


PATH_PARTS = st.sampled_from(["a", "b", "a.md", "index.md", ".", "..", "", "x/y", "./"])


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(PATH_PARTS, max_size=4).map("/".join), st.lists(PATH_PARTS, max_size=4).map("/".join))
def test_relative_is_relpath(current: str, target: str) -> None:
    for page, goal in ((current, target), ("/" + current, target), (current, "/" + target)):
        base = posixpath.dirname(page) or "."
        try:
            expected: object = posixpath.relpath(goal, base)
        except ValueError as exc:
            expected = exc.args
        try:
            got: object = relative(page, goal)
        except ValueError as exc:
            got = exc.args
        assert got == expected


def test_relative_between_site_pages() -> None:
    assert relative("boite-a-outils/budget.md", "boite-a-outils/autre.md") == "autre.md"
    assert relative("boite-a-outils/budget.md", "kit-accueil/glossaire.md") == "../kit-accueil/glossaire.md"
    assert relative("index.md", "kit-accueil/index.md") == "kit-accueil/index.md"
    assert relative("a/b/c.md", "a/d.md") == "../d.md"


# -- a line of text with strong emphasis only: mdinline._bold_only against the general conversion -----
INLINE_PIECES = st.sampled_from(
    ["a", "é", "l'", "'", " ", "\u00a0", "\t", "*", "**", "***", "_", ":", "//", "-", "=", "#", "~", "&", "<", "[", "!"]
)
PLAIN = st.text(alphabet="ab é'’:-=#!.,;?()0123456789|\u00a0", max_size=8)


def general_wikitext(text: str, *, in_table: bool = False) -> str | Exception:
    """What _convert_inline gives through the general conversion (every pass), or the error it raises."""
    converter = _Converter(InlineContext(site=SITE_FOR_INLINE, path="boite-a-outils/cas.md"), in_table)
    try:
        wiki = converter.expand(converter.run(text))
    except ConversionError as exc:
        return exc
    return "\n".join(wiki_finish_line(line) for line in wiki.split("\n"))


SITE_FOR_INLINE = SiteMap(site_url="https://example.org/communs/", wiki_pages_url="https://movilab.org/wiki/", pages={})


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.one_of(st.lists(INLINE_PIECES, max_size=14).map("".join), st.lists(PLAIN, min_size=1).map("**".join)))
def test_bold_only_lines_convert_as_in_general(text: str) -> None:
    fast = _bold_only(text)
    if fast is not None:
        assert fast == general_wikitext(text)


def test_bold_only_takes_the_usual_lines_and_leaves_the_others() -> None:
    assert _bold_only("Les **référents Movilab** du réseau, **l'accueil** aussi.") == (
        "Les '''référents Movilab''' du réseau, '''l'accueil''' aussi."
    )
    assert _bold_only("**'guillemet**") == general_wikitext("**'guillemet**") == "'''&#39;guillemet'''"
    for other in ("a ** b", "**a****b**", "** a**", "**a *b***", "**a** [lien](x.md)", "*a*", "**a**\n**b**"):
        assert _bold_only(other) is None


# -- text whose only markup is links and bold: mdinline._links_only against the general conversion -----------
LINK_PIECES = st.sampled_from(
    [
        "a", "é", "l'", "'", " ", "  ", "\n", "\t", "!", "^", "|", "!!", "*", "_", "&", "<", ">", "`", "\\",
        "[", "]", "(", ")", "](", '"', ":", "//", "#", "?", "=", "-", "{", "}", "~",
        "[lien](guide.md)", "[lien](../kit/accueil.md#a)", "[lien](https://movilab.org/wiki/A_b)",
        "[lien](https://example.org/x?a=1&b=2)", "[lien](mailto:a@b.org)", "[lien](javascript:x)",
        "[lien](#ancre)", "[lien](/racine)", "[lien](//hôte/x)", "[lien](x.md?q)", "[lien](Fichier:x.png)",
        "[l'a](x.md)", "[ a ](x.md)", "[^1](x.md)", "![i](x.png)", "[a](x.md \"t\")", "[a](<x.md>)",
        "[a](x(1).md)", "[a]( x.md)", "[a](x.md) \"t\")",
        "**", "***", "**gras**", "**l'a**", "** a**", "**a **", "**a\nb**", "**[a](x.md)**", "****",
    ]
)  # fmt: skip


def fast_links_or_error(text: str, *, in_table: bool = False) -> str | Exception | None:
    try:
        return _links_only(text, InlineContext(site=SITE_FOR_INLINE, path="boite-a-outils/cas.md"), in_table)
    except ConversionError as exc:
        return exc


LINKS = st.sampled_from([p for p in LINK_PIECES.elements if "](" in p])  # type: ignore[attr-defined]


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(
    st.one_of(
        st.lists(LINK_PIECES, max_size=12).map("".join),
        st.lists(st.one_of(PLAIN, LINKS), min_size=1, max_size=8).map("".join),
        st.lists(st.one_of(PLAIN, LINKS, PLAIN.map("**{}**".format)), min_size=1, max_size=8).map("".join),
    ),
    st.booleans(),
)
def test_links_only_text_converts_as_in_general(text: str, in_table: bool) -> None:
    fast = fast_links_or_error(text, in_table=in_table)
    if fast is None:
        return
    general = general_wikitext(text, in_table=in_table)
    if isinstance(fast, Exception) or isinstance(general, Exception):
        assert str(fast) == str(general)
    else:
        assert fast == general


def test_links_only_takes_the_usual_lines_and_leaves_the_others() -> None:
    assert _links_only("Voir [le guide](guide.md) et [Movilab](https://movilab.org/wiki/Accueil).", *_LINK_CTX) == (
        "Voir [https://example.org/communs/boite-a-outils/guide/ le guide] et [[Accueil|Movilab]]."
    )
    assert _links_only("**Voir** [le guide](guide.md), **vite**.", *_LINK_CTX) == (
        "'''Voir''' [https://example.org/communs/boite-a-outils/guide/ le guide], '''vite'''."
    )
    for other in (
        "texte sans lien",
        "**voir [lien](x.md)**",
        "**voir** [lien](x.md) *et*",
        "![image](x.png)",
        "[^1](x.md)",
        '[a](x.md "titre")',
        "[a](x(1).md)",
        "[a](<x.md>)",
        "[a](x.md) et https://example.org",
        '[a](x.md) "t")',
    ):
        assert _links_only(other, *_LINK_CTX) is None, other


_LINK_CTX = (InlineContext(site=SITE_FOR_INLINE, path="boite-a-outils/cas.md"), False)


@pytest.mark.parametrize(
    "text",
    [
        "**a\nb** [l](x.md)",
        "[l](x.md) **a\nb**",
        "**a**\n[l](x.md)\n**b**",
        "**a**[l](x.md)**b**",
        "[l](x.md)**a** b",
        "**'a'** [l'l](x.md) **b'**",
        "x ** [l](x.md) **",
        "**a** **b** [l](x.md) ****",
        "ligne\n[l](x.md) suite\n**fin**",
    ],
)
def test_written_lines_with_links_and_bold_convert_as_in_general(text: str) -> None:
    fast = fast_links_or_error(text)
    assert fast is None or fast == general_wikitext(text), text


# -- wikitext whose only markup is bold: WikiInline._bold_only against MediaWiki's reading (quotes.py) ---
WIKI_INLINE_PIECES = st.sampled_from(
    ["a", "é", " ", "\t", "'", "''", "'''", "''''", "'''''", "*", "_", "__NOTOC__", "|", "!", "[", "\u00a0", "l'"]
)
WIKI_PLAIN = st.text(alphabet="ab é'’:-=#!.,;?()|*_[\u00a0", max_size=8)


def _inline() -> WikiInline:
    return WikiInline(site=SITE_FOR_INLINE, path="boite-a-outils/cas.md")


@settings(max_examples=600, deadline=None, derandomize=True)
@given(
    st.one_of(st.lists(WIKI_INLINE_PIECES, max_size=14).map("".join), st.lists(WIKI_PLAIN, min_size=1).map("'''".join))
)
def test_bold_only_wikitext_reads_as_in_general(value: str) -> None:
    fast, general = _inline(), _inline()
    markdown = fast._bold_only(value)
    if markdown is not None:
        assert markdown == general._quoted([Text(value)])
        assert fast.edges == general.edges


def test_bold_only_wikitext_takes_the_usual_lines_and_leaves_the_others() -> None:
    inline = _inline()
    assert inline._bold_only("'''Se présenter''' : expliquer l'appel") == "**Se présenter** : expliquer l'appel"
    assert inline.edges == ("**", None)
    for other in ("''a''", "'''a", "''''a'''", "''' a'''", "'''a'''''b''", "'''a''' ''b''"):
        assert _inline()._bold_only(other) is None


# -- patterns rewritten to be found faster: the same matches as the plain ones ---------------------------
PLAIN_MARKUP = re.compile(r"[`\\\[\]<&*_{}~]|''|://| {2}\n")
PLAIN_APOS_NEAR_QUOTE = re.compile(f"{APOS}(?=['{APOS}])|(?<=['{APOS}]){APOS}")


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.text(alphabet=f"a' \n:/`*_[]<&{{}}~\\!{APOS}", max_size=14))
def test_faster_patterns_find_what_the_plain_ones_find(text: str) -> None:
    assert bool(_MARKUP.search(text)) == bool(PLAIN_MARKUP.search(text))
    assert _APOS_NEAR_QUOTE.sub("&#39;", text) == PLAIN_APOS_NEAR_QUOTE.sub("&#39;", text)
    assert md_escape(text) == _MD_SPECIAL.sub(_md_sub, text)
