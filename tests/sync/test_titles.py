# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Titles in the wiki's canonical form everywhere: odd spellings, renames to awkward titles, deletions.

The first part runs without a wiki (the normalisation rules); the rest against the real one.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
import yaml

from sync.errors import UnsafeTitleError
from sync.titles import check_namespace, normalise
from tests.sync.conftest import page, unique_title


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("budget contributif", "Budget contributif"),
        ("Budget_contributif", "Budget contributif"),
        ("  Budget   contributif  ", "Budget contributif"),
        ("Budget\u00a0contributif", "Budget contributif"),
        ("\u200eBudget contributif\u200f", "Budget contributif"),
        (unicodedata.normalize("NFD", "Économie"), "Économie"),
        (":Budget contributif", "Budget contributif"),
    ],
)
def test_titles_are_normalised_as_mediawiki_does(written, canonical):
    assert normalise(written) == canonical


@pytest.mark.parametrize(
    "title", ["Budget\u200bcontributif", "Budget\u00adcontributif", "a[b]", "a|b", "a#b", "%41", "../x", "", " "]
)
def test_invisible_or_illegal_titles_are_refused(title):
    with pytest.raises(UnsafeTitleError):
        normalise(title)


def test_namespaces_are_refused_unless_allowed_and_never_the_interface():
    for title in ("Modèle:X", "template:X", "Help:X", "Catégorie:X", "Module:X"):
        with pytest.raises(UnsafeTitleError):
            check_namespace(normalise(title), frozenset())
    check_namespace("Guide: partie 2", frozenset())  # a colon is not a namespace
    check_namespace("Modèle:X", frozenset({"Template"}))  # allowed, under any of its names
    for title in ("User:X/common.js", "MediaWiki:Common.js", "Spécial:X"):
        with pytest.raises(UnsafeTitleError):
            check_namespace(title, frozenset({"User", "MediaWiki", "Special"}))


# -- against the real wiki ----------------------------------------------------------------------------------


def _first_letters() -> list[str]:
    """Every letter (and mark) that an upper-case rule could touch, as the first letter of a title."""
    letters = []
    for code in range(0x61, 0x20000):
        char = chr(code)
        if unicodedata.category(char) in ("Ll", "Lt", "Lm", "Lo", "Mn", "Nl", "So") and char.upper() != char:
            letters.append(char)
    return letters


@pytest.mark.wiki
def test_our_normalisation_agrees_with_the_wikis_for_every_first_letter_and_spelling(mediawiki):
    """The title the sync computes before any request is the one MediaWiki gives the page.

    Where they differed (ΐ, ΰ: MediaWiki composes again after upper-casing), the sync
    asked the coordinator to write the wiki's spelling, then normalised it away again:
    no spelling could ever be accepted.
    """
    spellings = [c + "x" for c in _first_letters()]
    spellings += [f(t) for t in ("économie du lieu", "Guide: partie 2", "l'accueil") for f in SPELLINGS.values()]
    spellings += ["a\u3000b", "a\u2009b", "a\u202fb", "\u200fa b\u202a", "ǆungla", "ßtraße", ":économie"]
    wiki = mediawiki.editor(0)
    differ = []
    for start in range(0, len(spellings), 50):
        chunk = spellings[start : start + 50]
        answer = wiki.call({"action": "query", "titles": "|".join(chunk)})["query"]
        renamed = {n["from"]: n["to"] for n in answer.get("normalized", [])}
        for title in chunk:
            sent = unicodedata.normalize("NFC", title)  # what the request itself becomes (MediaWiki's WebRequest)
            theirs = renamed.get(sent, sent)
            if normalise(title) != theirs:
                differ.append((title, theirs, normalise(title)))
    assert differ == []


SPELLINGS = {
    "minuscule": lambda t: t[0].lower() + t[1:],
    "soulignés": lambda t: t.replace(" ", "_"),
    "NFD": lambda t: unicodedata.normalize("NFD", t),
    "marque invisible": lambda t: "\u200e" + t,
    "espaces": lambda t: t.replace(" ", "  "),
}


@pytest.mark.wiki
@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_an_odd_spelling_is_synced_under_the_wikis_title_and_wiki_edits_come_back(site, mediawiki, spelling):
    title = unique_title("Économie du lieu")
    site.write("fiche.md", page(title, "Texte.").replace(f"movilab: {title}", f"movilab: {SPELLINGS[spelling](title)}"))
    site.commit()
    assert site.run("push").code == 0
    assert mediawiki.editor(0).text(title) == "Texte."
    state = json.loads((site.path / ".movilab-sync.json").read_text())
    assert list(state["pages"]) == [title]
    mediawiki.editor(1).edit(title, "Texte revu sur le wiki.", "wiki")

    status = site.run("status")
    assert status.code == 1 and "modifiée sur Movilab" in status.out  # recent changes name it the same
    pulled = site.run("pull")
    assert pulled.code == 0 and "Texte revu sur le wiki." in site.read("fiche.md")
    assert site.run("status").code == 0 and site.run("push").code == 0


@pytest.mark.wiki
def test_two_files_whose_titles_are_one_page_are_refused(site):
    title = unique_title("Même page")
    site.write("a.md", page(title, "A."))
    site.write("b.md", page(title, "B.").replace(f"movilab: {title}", f"movilab: {title.replace(' ', '_').lower()}"))
    site.commit()
    result = site.run("push")
    assert result.code == 2 and "docs/a.md" in result.err and "docs/b.md" in result.err


@pytest.mark.wiki
def test_delete_refuses_a_page_whose_latest_edit_was_never_pulled(site, mediawiki):
    title = unique_title("suppression refusée")  # a lower-case spelling, as in the issue
    site.write("fiche.md", page(title, "Texte."))
    site.commit()
    assert site.run("push").code == 0
    canonical = normalise(title)
    mediawiki.editor(1).edit(canonical, "Une modification que personne n'a récupérée.", "wiki")
    site.git("rm", "-q", "docs/fiche.md")
    site.commit("Remove the page")

    result = site.run("push", "--delete")
    assert result.code == 1 and "rien n'a été supprimé" in result.out
    assert mediawiki.editor(0).text(canonical) == "Une modification que personne n'a récupérée."


@pytest.mark.wiki
@pytest.mark.parametrize(
    "new",
    ["Null", "179616312915", "Guide: partie {n}", "Yes", "~", "- tiret {n}", "« Dits » 'simples' \"doubles\" : {n}"],
)
def test_a_rename_on_the_wiki_to_an_awkward_title_keeps_the_page_mirrored(site, mediawiki, new):
    from devtools.sandbox import ADMIN_PASSWORD, ADMIN_USER

    old = unique_title("Avant renommage")
    target = new.format(n=old.split()[-1]) if "{n}" in new else new
    admin = mediawiki.session(ADMIN_USER, ADMIN_PASSWORD)
    if admin.text(target) is not None:  # a fixed title such as Null: free it from an earlier run
        admin.call({"action": "delete", "title": target, "token": admin.token()})
    site.write("fiche.md", page(old, "Texte de la fiche."))
    site.commit()
    assert site.run("push").code == 0
    admin.move(old, target, "harmonisation")

    pulled = site.run("pull")
    assert pulled.code == 0, pulled.text
    header = yaml.safe_load(site.read("fiche.md").split("---")[1])
    assert header["movilab"] == target and isinstance(header["movilab"], str)
    assert site.git("status", "--porcelain") == ""
    for command in ("status", "push", "pull"):
        assert site.run(command).code == 0, command
    assert "REDIRECT" in (mediawiki.editor(0).text(old) or "").upper()  # the rename was not undone
    site.write("fiche.md", site.read("fiche.md").replace("Texte de la fiche.", "Texte revu."))
    site.commit()
    assert site.run("push").code == 0
    assert mediawiki.editor(0).text(target) == "Texte revu."
    kept = site.run("push", "--delete")
    assert kept.code == 0 and mediawiki.editor(0).text(target) == "Texte revu."  # still mirrored, not deleted
