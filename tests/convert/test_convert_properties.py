# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Property-based round trips (hypothesis) over documents built from the supported constructs."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sync.convert import markdown_to_wikitext, wikitext_to_markdown
from sync.convert.escape import md_escape, md_escape_line_start
from sync.convert.frontmatter import split_page
from sync.sitemap import SiteMap
from tests.convert.support import FIXTURE_PATH, normalise_html, render_html

SITE = SiteMap(
    site_url="https://example.org/communs/",
    wiki_pages_url="https://movilab.org/wiki/",
    pages={
        "boite-a-outils/budget-contributif.md": "Budget contributif (réseau)",
        FIXTURE_PATH: None,
        "kit-accueil/glossaire.md": None,
    },
)
SETTINGS = settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    "réseau",
    "tiers-lieu",
    "l'accueil",
    "d'un",
    "budget",
    "Movilab",
    "coopération",
    "« communs »",
    "2022",
    "9 800 €",
    "—",
    "a_b",
    "x*y",
    "[note]",
    "{accolade}",
    "<balise>",
    "&",
    "R&D",
    "50 %",
    "https://exemple.org",
    "''",
    "__init__",
    "ça",
    "Œuvre",
    "#1",
    "!!",
    "|",
    "signé ~~~~",
    "{{modèle}}",
]
word = st.sampled_from(WORDS)
plain = st.lists(word, min_size=1, max_size=6).map(lambda ws: md_escape(" ".join(ws)))
TARGETS = [
    "budget-contributif.md",
    "budget-contributif.md#en-bref",
    "../kit-accueil/glossaire.md",
    "https://www.example.com/page?x=1",
    "https://movilab.org/wiki/Les_r%C3%A9seaux",
    "#section",
]


@st.composite
def inline(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["plain", "plain", "em", "strong", "code", "link", "note"]))
        text = draw(plain)
        if kind == "em":
            parts.append(f"*{text.strip('*')}*" if text.strip("*\\ ") else text)
        elif kind == "strong":
            parts.append(f"**{text}**" if not text.startswith(("\\", "*")) and not text.endswith(("\\", "*")) else text)
        elif kind == "code":
            parts.append("`" + draw(st.sampled_from(["git commit", "a'' [[b]]", "x|y", "<p>", "{{c}}"])) + "`")
        elif kind == "link":
            parts.append(f"[{text}]({draw(st.sampled_from(TARGETS))})")
        elif kind == "note":
            parts.append(text + "[^" + draw(st.sampled_from(["1", "2", "source"])) + "]")
        else:
            parts.append(text)
    return " ".join(parts)


def _no_block_start(text: str) -> bool:
    """Text that reads as text at the start of a list item or a definition (not `#1`, `1.`…)."""
    return md_escape_line_start(text) == text


def paragraph() -> st.SearchStrategy[str]:
    return st.lists(inline(), min_size=1, max_size=3).map("\n".join)


@st.composite
def md_list(draw: st.DrawFn) -> str:
    lines = []
    depth = 0
    for k in range(draw(st.integers(1, 6))):
        depth = draw(st.integers(0, min(depth + 1, 2))) if k else 0
        marker = draw(st.sampled_from(["-", "1."]))
        # an item's text is a block of its own on the site (`- #1` holds a heading: refused on push)
        lines.append("    " * depth + marker + " " + draw(inline().filter(_no_block_start)))
    return "\n".join(lines)


@st.composite
def table(draw: st.DrawFn) -> str:
    cols = draw(st.integers(1, 4))
    aligns = draw(st.lists(st.sampled_from(["---", ":---", ":---:", "---:"]), min_size=cols, max_size=cols))
    cell = inline().map(lambda s: s.replace("|", "\\|").replace("\\\\|", "\\|"))
    rows = [draw(st.lists(cell, min_size=cols, max_size=cols)) for _ in range(draw(st.integers(1, 3)))]
    head = draw(st.lists(plain, min_size=cols, max_size=cols))
    out = ["| " + " | ".join(c.replace("|", "\\|") for c in head) + " |", "|" + "|".join(aligns) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


@st.composite
def admonition(draw: st.DrawFn) -> str:
    marker = draw(st.sampled_from(["!!!", "???", "???+"]))
    kind = draw(st.sampled_from(["note", "tip", "warning"]))
    title = draw(st.one_of(st.none(), st.sampled_from(["Astuce", "À savoir", "Un *titre*"])))
    head = f"{marker} {kind}" + (f' "{title}"' if title else "")
    body = draw(st.one_of(paragraph(), md_list()))
    return head + "\n" + "\n".join("    " + ln if ln else "" for ln in body.split("\n"))


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["p", "p", "p", "h", "list", "table", "adm", "quote", "code", "dl", "hr"]))
    if kind == "h":
        return "#" * draw(st.integers(2, 4)) + " " + draw(plain)
    if kind == "list":
        return draw(md_list())
    if kind == "table":
        return draw(table())
    if kind == "adm":
        return draw(admonition())
    if kind == "quote":
        return "\n".join("> " + ln for ln in draw(paragraph()).split("\n"))
    if kind == "code":
        return (
            "```"
            + draw(st.sampled_from(["", "python"]))
            + "\n"
            + draw(st.sampled_from(["a < b && c", "<pre>x</pre>", "''gras''", "  indenté\nfin"]))
            + "\n```"
        )
    if kind == "dl":
        return md_escape_line_start(draw(plain)) + "\n:   " + draw(inline().filter(_no_block_start))
    if kind == "hr":
        return "---"
    return draw(paragraph())


@st.composite
def md_document(draw: st.DrawFn) -> str:
    body = "\n\n".join(draw(st.lists(block(), min_size=1, max_size=7)))
    # definitions in the order of first reference: the site numbers notes by definition, the wiki by use
    used = sorted((body.index(f"[^{label}]"), label) for label in ("1", "2", "source") if f"[^{label}]" in body)
    notes = "\n".join(f"[^{label}]: Note {label} avec *italique*." for _, label in used)
    return "---\ntitle: Essai\n---\n\n" + body + "\n" + ("\n" + notes + "\n" if notes else "")


def rendered(body: str) -> str:
    return normalise_html(render_html(body))


@SETTINGS
@given(md_document())
def test_property_1_markdown_wiki_markdown_renders_the_same(doc):
    wiki = markdown_to_wikitext(doc, path=FIXTURE_PATH, site=SITE)
    back = wikitext_to_markdown(wiki, title="Fiche", site=SITE, path=FIXTURE_PATH)
    assert rendered(split_page(back, path=FIXTURE_PATH).body) == rendered(split_page(doc, path=FIXTURE_PATH).body)
    # the pulled Markdown is a fixed point: pushing it again gives the same wikitext
    assert markdown_to_wikitext(back, path=FIXTURE_PATH, site=SITE) == wiki
    # and pulling onto the author's own file changes nothing (no re-wrapping)
    assert wikitext_to_markdown(wiki, title="Fiche", site=SITE, path=FIXTURE_PATH, local=doc) == doc


# --- wikitext documents, as people write them on the wiki -----------------------------------------
WIKI_INLINE = [
    "texte simple",
    "''italique''",
    "'''gras'''",
    "[[Lyon]]",
    "[[Budget contributif (réseau)|budget]]",
    "[https://example.org lien]",
    "https://example.org/nu",
    "{{Modèle|a=1}}",
    '<span style="color:red">x</span>',
    "<ref>Une note</ref>",
    '<ref name="a">Nommée</ref>',
    "&nbsp;",
    "&amp;",
    "<nowiki>[[x]]</nowiki>",
    "<code>a''b</code>",
    "<!-- commentaire -->",
    "l'accueil",
    "{{#if:x|oui|non}}",
    "[[Fichier:A.png|vignette|Légende]]",
    "<sup>2</sup>",
    "__NOTOC__",
    "a<br />b",
    "[[Catégorie:Inline]]",
    "<u>souligné</u>",
    "*",
    "#",
    "x * y",
    "'''''gras italique''' italique''",
    "''italique '''gras'''''",
    "'''''les deux'''''",
    "l''''accueil''",
    "'''gras ''et italique'''''",
    "''' gras impair",
    "d'''",
    "''[[Lyon]]''",
    "[[Lyon|''ville'']]",
]
WIKI_BLOCKS = [
    "== Titre ==",
    "=== Sous-titre ===",
    "==Serré==",
    "----",
    "* un\n* deux\n** trois",
    "# a\n# b\n#* c",
    "*sans espace",
    ": indentation",
    "; terme\n: définition",
    '{| class="wikitable"\n! A !! B\n|-\n| 1 || 2\n|}',
    '{| class="wikitable sortable"\n|-\n! colspan="2" | Fusion\n|-\n| a || b\n|}',
    "<gallery>\nFichier:A.jpg|Légende\n</gallery>",
    "<pre>\ncode < x\n</pre>",
    " préformaté",
    "{{Boîte\n|titre=X\n|texte=Y\n}}",
    "<blockquote>\nCitation\n</blockquote>",
    '<div class="admonition note">\n<p class="admonition-title">Note</p>\nCorps\n</div>',
    "<!-- bloc\nde commentaire -->",
    "<references />",
    "[[Catégorie:Tiers-lieux]]",
    "__NOTOC__",
    '<div style="float:right">flottant</div>',
]


@st.composite
def wiki_document(draw: st.DrawFn) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append("{{Tiers-lieu\n|nom=La Fabrique\n|ville=Lyon\n}}\n")
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            parts.append(" ".join(draw(st.lists(st.sampled_from(WIKI_INLINE), min_size=1, max_size=5))))
        else:
            parts.append(draw(st.sampled_from(WIKI_BLOCKS)))
        parts.append(draw(st.sampled_from(["\n", "\n\n", "\n\n\n"])))
    return "".join(parts).rstrip()


@SETTINGS
@given(wiki_document())
# a footnote in an unchanged chunk keeps the last heading as ```wikitext: the chunk after it is not converted alone
@example("== Titre ==\n== Titre ==\n\n\n<ref>Une note</ref>\n\n== Titre ==\ntexte simple\n== Titre ==")
@example("== A ==\n\n\n<ref>n</ref>\n\n== B ==\nx\n== C ==")
def test_property_2_wiki_markdown_wiki_is_byte_identical(page):
    md = wikitext_to_markdown(page, title="Page", site=SITE, path=FIXTURE_PATH)
    assert markdown_to_wikitext(md, path=FIXTURE_PATH, site=SITE, base=page) == page
    assert wikitext_to_markdown(page, title="Page", site=SITE, path=FIXTURE_PATH, local=md) == md


# --- any wikitext at all: pieces of markup thrown together, balanced or not ------------------------
WIKI_PIECES = [
    *"ab '*#:;=|!{}[]<>/&-_~\n ",
    "''",
    "'''",
    "[[",
    "]]",
    "{{",
    "}}",
    "{|",
    "|}",
    "|-",
    "<ref>",
    "</ref>",
    "<nowiki>",
    "</nowiki>",
    "<div>",
    "</div>",
    "<pre>",
    "</pre>",
    "<!--",
    "-->",
    "http://x.y",
    "&amp;",
    "==",
    "\n\n",
    "<br />",
    "__NOTOC__",
    "<references />",
    "<script>",
    "[[Catégorie:X]]",
    "{{Modèle|a=1}}",
]


# derandomize: the same examples on every run and every machine, so that CI never fails on a draw
# that nobody can reproduce; a failure found elsewhere joins the explicit examples below.
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WIKI_PIECES), max_size=40).map(lambda parts: "".join(parts).rstrip()))
@example("<ref></ref>:")
@example("==#==")
@example("<references /> \n\na")
def test_property_2_holds_for_arbitrary_wikitext(page):
    """Whatever someone wrote on the wiki, a pull then a push without local edit gives it back byte for byte."""
    md = wikitext_to_markdown(page, title="Page", site=SITE, path=FIXTURE_PATH)
    assert markdown_to_wikitext(md, path=FIXTURE_PATH, site=SITE, base=page) == page
    assert wikitext_to_markdown(page, title="Page", site=SITE, path=FIXTURE_PATH, local=md) == md
