# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The one front-matter reader and writer: tolerant splitting, hostile headers refused in French,
and a key writer that quotes what YAML would misread and leaves every other byte alone."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from commons import frontmatter
from commons.frontmatter import FrontMatterError, parse, read_text, set_key, split

PAGE = "---\ntitle: Le budget\nthèmes: [économie, gouvernance]\nsources:\n  - essai\n---\n\n# Le budget\n\nTexte.\n"


@pytest.mark.parametrize(
    "text",
    [
        PAGE,
        "\ufeff" + PAGE,
        PAGE.replace("\n", "\r\n"),
        "\ufeff" + PAGE.replace("\n", "\r\n"),
        PAGE.replace("---\n\n#", "...\n\n#"),
        PAGE.replace("---\n", "---  \n", 1),
    ],
    ids=["plain", "bom", "crlf", "bom-crlf", "dots", "trailing-space"],
)
def test_every_spelling_of_a_header_reads_the_same(text: str) -> None:
    header = parse(text, path="p.md")
    assert header.data == {"title": "Le budget", "thèmes": ["économie", "gouvernance"], "sources": ["essai"]}
    assert header.lines == {"title": 2, "thèmes": 3, "thèmes[0]": 3, "thèmes[1]": 3, "sources": 4, "sources[0]": 5}
    assert header.body.lstrip("\r\n").startswith("# Le budget")
    assert header.body_line == 7


def test_a_header_read_again_gives_each_reader_its_own_values() -> None:
    """Headers already read are remembered (a push reads a page's header, then converts the page):
    what one reader changes in the values must not reach the next one."""
    first = parse(PAGE, path="a.md")
    first.data["thèmes"].append("ajout")
    first.data["title"] = "changé"
    first.lines["title"] = 99
    again = parse(PAGE.replace("Texte.", "Autre texte."), path="b.md")
    assert again.data == {"title": "Le budget", "thèmes": ["économie", "gouvernance"], "sources": ["essai"]}
    assert again.lines["title"] == 2
    assert again.body.endswith("Autre texte.\n")


def test_headers_remembered_stay_small_whatever_the_pages_hold() -> None:
    """A pull request of many pages with headers of 4 KB of tiny values (`[1,1,1,…]`, about 1,300 each)
    made the process keep about 150 KB per page: 4,096 of them held 720 MB. Such headers are read
    again when needed, never kept; the process keeps a few megabytes whatever the pages."""
    frontmatter._READ.clear()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for n in range(150):
            values = ", ".join(["1"] * 1300)
            header = parse(f"---\ntitle: Page {n}\nx: [{values}]\n---\n\nTexte.\n", path=f"p{n}.md")
            assert len(header.data["x"]) == 1300 and header.lines["x[1299]"] == 3
            del header
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 4_000_000, f"{kept / 1e6:.0f} MB kept by 150 headers"
    parse(PAGE, path="a.md")  # a real header is still remembered
    assert any("Le budget" in source for source in frontmatter._READ)


def test_a_refused_header_is_refused_each_time_in_its_own_file() -> None:
    bad = "---\ntitle: a\ntitle: b\n---\n\nTexte.\n"
    for path in ("a.md", "b.md"):
        with pytest.raises(FrontMatterError) as caught:
            parse(bad, path=path)
        assert str(caught.value).startswith(f"{path}, ligne 3 : le champ « title » apparaît deux fois")


def test_page_without_header_is_all_body() -> None:
    for text in ("# Titre\n\n---\n\ntexte\n", "", "\ufeff# Titre\n"):
        header = parse(text, path="p.md")
        assert header.data == {} and header.body == text.lstrip("\ufeff")


def test_empty_header_is_an_empty_mapping() -> None:
    assert parse("---\n---\nCorps\n", path="p.md").data == {}
    assert parse("---\n\n---\nCorps\n", path="p.md").body == "Corps\n"


def _error(text: str) -> FrontMatterError:
    with pytest.raises(FrontMatterError) as caught:
        parse(text, path="boite-a-outils/x.md")
    assert caught.value.path == "boite-a-outils/x.md"
    return caught.value


def test_unclosed_header_is_reported_on_line_1() -> None:
    error = _error("---\ntitle: x\n\nLe texte.\n")
    assert error.line == 1 and "jamais fermé" in error.message


def test_syntax_error_names_the_line_with_a_french_hint() -> None:
    error = _error("---\ntitle: x\ndescription: Cantine : mode d'emploi\n---\n")
    assert error.line == 3
    assert "mettez la valeur entre guillemets" in error.message.lower()
    assert str(error).startswith("boite-a-outils/x.md, ligne 3 : l'en-tête")


ALIAS_BOMB = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


@pytest.mark.parametrize(
    ("yaml_text", "line", "words"),
    [
        ("title: &t Bonjour\ndescription: *t\n", 2, "renvois YAML"),
        ("title: &t Bonjour\n", 2, "renvois YAML"),
        (ALIAS_BOMB + "\n", 2, "renvois YAML"),
        ("base: &b {x: 1}\nautre:\n  <<: *b\n", 2, "renvois YAML"),
        ("title: !!binary aGVsbG8=\n", 2, "étiquettes YAML"),
        ("title: !!python/object:os.system ls\n", 2, "étiquettes YAML"),
        ("x: " + "[" * 40 + "]" * 40 + "\n", 2, "niveaux"),
        ("title: a\ntitle: b\n", 3, "apparaît deux fois (lignes 2 et 3)"),
        ("- a\n- b\n", 2, "liste de champs"),
        ("title: T\ndate: 2026-02-30\n", 3, "la date « 2026-02-30 » n'existe pas"),
        ("title: T\nintervenants:\n  - nom: A\n    le: 2026-13-01\n", 5, "la date « 2026-13-01 » n'existe pas"),
        # An escape YAML turns into a control character: XML (the RSS feeds) forbids it, readers drop the feed.
        ('title: T\ndescription: "Fin\\x01"\n', 3, "caractère de contrôle invisible (U+0001)"),
        ('title: T\nthèmes: ["a\\u0085"]\n', 3, "caractère de contrôle invisible (U+0085)"),
    ],
    ids=[
        *("alias", "anchor", "bomb", "merge", "binary-tag", "python-tag", "deep", "duplicate", "list"),
        *("bad-date-on-its-line", "nested-bad-date", "control-character", "c1-control-in-a-list"),
    ],
)
def test_hostile_or_ambiguous_headers_are_refused_in_french(yaml_text: str, line: int, words: str) -> None:
    error = _error(f"---\n{yaml_text}---\n\nTexte.\n")
    assert error.line == line
    assert words in error.message


def test_quoted_ampersand_and_star_are_plain_text() -> None:
    header = parse("---\ntitle: \"&Co * 2\"\ndescription: '*important*'\n---\n", path="p.md")
    assert header.data == {"title": "&Co * 2", "description": "*important*"}


def test_oversized_header_is_refused_before_parsing() -> None:
    big = "description: " + "x" * (frontmatter.MAX_HEADER_CHARS + 1) + "\n"
    error = _error(f"---\n{big}---\n")
    assert "caractères" in error.message and error.line == 1


def test_too_many_values_are_refused() -> None:
    many = "x: [" + ", ".join(["1"] * (frontmatter.MAX_EVENTS + 1)) + "]\n"
    assert "trop long" in _error(f"---\n{many}---\n").message


# --- files ---------------------------------------------------------------------------------------------


def _read_error(file: Path) -> FrontMatterError:
    with pytest.raises(FrontMatterError) as caught:
        read_text(file, path="docs/x.md")
    return caught.value


def test_non_utf8_file_names_its_line(tmp_path: Path) -> None:
    file = tmp_path / "x.md"
    file.write_bytes("---\ntitle: Caf\u00e9\n---\n\nD\u00e9j\u00e0\n".encode("latin-1"))
    error = _read_error(file)
    assert error.line == 2 and "UTF-8" in error.message and error.path == "docs/x.md"


def test_symbolic_links_are_refused_whatever_they_point_to(tmp_path: Path) -> None:
    inside = tmp_path / "vraie.md"
    inside.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    for target in (inside, Path("/etc/passwd"), tmp_path / "absent.md"):
        link = tmp_path / "x.md"
        link.unlink(missing_ok=True)
        link.symlink_to(target)
        assert "lien symbolique" in _read_error(link).message


def test_hard_links_and_special_files_are_refused(tmp_path: Path) -> None:
    original = tmp_path / "original.md"
    original.write_text("secret\n", encoding="utf-8")
    os.link(original, tmp_path / "x.md")
    assert "lien physique" in _read_error(tmp_path / "x.md").message
    fifo = tmp_path / "tube.md"
    os.mkfifo(fifo)
    assert "pas un fichier ordinaire" in _read_error(fifo).message  # and it did not block


# --- writing -----------------------------------------------------------------------------------------

AWKWARD = [
    "Null",
    "null",
    "yes",
    "No",
    "on",
    "~",
    "",
    " ",
    "179616312915",
    "0x1F",
    "1e3",
    "1_000",
    ".inf",
    "2026-03-14",
    "=",
    "Guide: partie 2",
    "Guide : partie N",
    "#",
    "# pas un commentaire",
    "titre # avec dièse",
    "'apostrophes'",
    '"guillemets"',
    "l'accueil",
    "- tiret au début",
    "-",
    "? question",
    "@arobase",
    "`code`",
    "&ancre",
    "*étoile",
    "!étiquette",
    "%pourcent",
    "{accolades}",
    "[crochets]",
    "a|b",
    ">plus grand",
    "   espaces autour   ",
    "ligne 1\nligne 2",
    "tab\tulation",
    "Économie sociale et solidaire — 2ᵉ édition « spéciale »",
    "Тестовая страница",
    "城市第三空间",
    "مكان ثالث",
    "émoji 🌱",
    "x" * 3000,
    "Titre\u200e avec marque invisible",
]


@pytest.mark.parametrize("title", AWKWARD, ids=range(len(AWKWARD)))
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_set_key_round_trips_awkward_titles_and_keeps_every_other_byte(title: str, newline: str) -> None:
    before = "---\ntitle: Ancien\n# un commentaire gardé\nmovilab: Ancien titre\nthèmes:\n  - a\ndate: 2026-01-05\n"
    after = "---\n\n# Corps\n\nTexte.\n"
    text = (before + after).replace("\n", newline)
    written = set_key(text, "movilab", title, path="p.md")
    assert parse(written, path="p.md").data["movilab"] == title
    head = "---\ntitle: Ancien\n# un commentaire gardé\n".replace("\n", newline)
    tail = "thèmes:\n  - a\ndate: 2026-01-05\n---\n\n# Corps\n\nTexte.\n".replace("\n", newline)
    assert written.startswith(head) and written.endswith(tail)
    assert parse(written, path="p.md").data["date"].isoformat() == "2026-01-05"


# Control characters are refused by the reader (the feeds' XML forbids them); wiki titles never hold any.
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"), max_size=80))
@settings(max_examples=300, deadline=None)
def test_any_text_survives_set_key(value: str) -> None:
    text = "---\ntitle: T\nmovilab: X\n---\nCorps\n"
    written = set_key(text, "movilab", value, path="p.md")
    assert parse(written, path="p.md").data == {"title": "T", "movilab": value}
    assert written.endswith("---\nCorps\n")


def test_set_key_adds_missing_key_and_header() -> None:
    assert set_key("---\ntitle: T\n---\nCorps\n", "movilab", "Oui", path="p.md") == (
        "---\ntitle: T\nmovilab: Oui\n---\nCorps\n"
    )
    assert set_key("Corps\n", "movilab", "yes", path="p.md") == "---\nmovilab: 'yes'\n---\nCorps\n"
    assert set_key("\ufeffCorps\n", "movilab", "A", path="p.md") == "\ufeff---\nmovilab: A\n---\nCorps\n"


def test_set_key_replaces_a_multiline_value_only() -> None:
    text = "---\na: 1\nwiki:\n  modele: X\n  categories:\n    - c\n# à garder\nz: 2\n---\n"
    written = set_key(text, "wiki", {"categories": ["d"]}, path="p.md")
    assert written == "---\na: 1\nwiki:\n  categories:\n  - d\n# à garder\nz: 2\n---\n"
    assert frontmatter.remove_key(written, "wiki", path="p.md") == "---\na: 1\n# à garder\nz: 2\n---\n"


def test_set_key_refuses_a_header_it_cannot_read() -> None:
    with pytest.raises(FrontMatterError):
        set_key("---\ntitle: &a x\n---\n", "movilab", "T", path="p.md")


def test_dump_never_writes_aliases_for_shared_values() -> None:
    shared = ["a", "b"]
    out = frontmatter.dump({"x": shared, "y": shared})
    assert "&" not in out and "*" not in out
    assert yaml.safe_load(out) == {"x": shared, "y": shared}


# --- every reader of the project agrees --------------------------------------------------------------

SPELLINGS = {
    "bom.md": "\ufeff---\ntitle: Avec BOM\nmovilab: Page BOM\n---\n\nTexte.\n",
    "crlf.md": "---\r\ntitle: Avec CRLF\r\nmovilab: Page CRLF\r\n---\r\n\r\nTexte.\r\n",
    "points.md": "---\ntitle: Fermé par des points\nmovilab: Page points\n...\n\nTexte.\n",
    "quoted.md": "---\ntitle: Nombre\nmovilab: '179616312915'\n---\n\nTexte.\n",
}


def test_site_sync_and_converter_readers_agree(tmp_path: Path) -> None:
    from commons.pages import load_pages
    from sync.convert.frontmatter import split_page
    from sync.mirror import scan
    from sync.sitemap import SiteMap

    (tmp_path / "mkdocs.yml").write_text("site_name: Essai\nsite_url: https://example.org/\n", encoding="utf-8")
    docs = tmp_path / "docs" / "fiches"
    docs.mkdir(parents=True)
    for name, text in SPELLINGS.items():
        (docs / name).write_bytes(text.encode("utf-8"))
    titles = {"fiches/bom.md": "Page BOM", "fiches/crlf.md": "Page CRLF", "fiches/points.md": "Page points"}
    titles["fiches/quoted.md"] = "179616312915"

    pages, problems = load_pages(tmp_path / "docs")
    assert problems == []
    assert {p: page.meta["movilab"] for p, page in pages.items()} == titles
    assert {page.path: title for title, page in scan(tmp_path / "docs").items()} == titles
    site = SiteMap.from_repo(tmp_path)
    assert site.problems == [] and {p: site.title_for(p) for p in titles} == titles
    for path, title in titles.items():
        page = split_page((tmp_path / "docs" / path).read_text(encoding="utf-8"), path=path)
        assert page.data["movilab"] == title and page.body == "Texte.\n"


def test_flow_lists_keep_one_line_per_field() -> None:
    text = "---\ntitle: T\n---\nCorps\n"
    for key, value in {"description": "Une phrase.", "thèmes": ["a", "b"], "sources": [{"titre": "T : x"}]}.items():
        text = set_key(text, key, value, path="p.md", flow=None)
    assert text == "---\ntitle: T\ndescription: Une phrase.\nthèmes: [a, b]\nsources:\n- {titre: 'T : x'}\n---\nCorps\n"
