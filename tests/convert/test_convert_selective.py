# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Selective conversion (selective.py): converting only what changed gives what the whole page gives.

A push or a pull with `base` or `local` converts only the chunks of the page whose wikitext
changed. These tests edit one line, add or remove a paragraph, and compare with the conversion of
the whole page (selective conversion switched off), on pages written the way people write on the
wiki and on any markup thrown together. Where the two differ, the selective one must be the
cleaner: a pull may keep the local Markdown of a chunk the wiki did not change where the whole
conversion writes it afresh (both give the wiki the same text back), and a push may keep lines of
the base that the whole conversion rewrites (never the other way round), the page reading the same.
"""

from __future__ import annotations

import difflib
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mwparserfromhell.nodes import Text

from sync.convert import ConversionError, markdown_to_wikitext, selective, wikitext_to_markdown
from sync.convert.frontmatter import split_page
from sync.convert.wikilines import LIST_MARK, parse_page
from tests.convert.support import FIXTURE_PATH, normalise_html, render_html
from tests.convert.test_convert_properties import SITE, WIKI_PIECES, wiki_document

SETTINGS = settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def _whole(convert, *args, **kwargs):  # type: ignore[no-untyped-def]
    """The same conversion with selective conversion switched off (every chunk counts as changed)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(selective, "_MOST", -1.0)
        return _outcome(convert, *args, **kwargs)


def _outcome(convert, *args, **kwargs):  # type: ignore[no-untyped-def]
    try:
        return convert(*args, **kwargs)
    except ConversionError as exc:
        return f"refus : {exc}"


def _touched(base: str, pushed: str) -> set[int]:
    """Lines of the base that a push removes or rewrites."""
    ops = difflib.SequenceMatcher(None, base.splitlines(), pushed.splitlines(), autojunk=False).get_opcodes()
    return {k for tag, i1, i2, _j1, _j2 in ops if tag in ("replace", "delete") for k in range(i1, i2)}


def _cleaner(base: str, selective_push: str, whole_push: str) -> bool:
    if not _touched(base, selective_push) <= _touched(base, whole_push):
        return False
    shown = [
        _outcome(wikitext_to_markdown, w, title="Page", site=SITE, path=FIXTURE_PATH)
        for w in (selective_push, whole_push)
    ]
    return len({normalise_html(render_html(split_page(md, path=FIXTURE_PATH).body)) for md in shown}) == 1


def _pushed(md: str) -> str:
    return _outcome(markdown_to_wikitext, md, path=FIXTURE_PATH, site=SITE)


def _edit_a_line(text: str, suffix: str, seed: int) -> str | None:
    lines = text.split("\n")
    order = list(range(len(lines)))
    random.Random(seed).shuffle(order)
    for k in order:
        if lines[k][:1].isalpha():
            lines[k] += suffix
            return "\n".join(lines)
    return None


def _both_ways_agree(page: str, seed: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(selective, "_MOST", 100.0)  # small pages: convert pieces even when most changed
        try:
            md = wikitext_to_markdown(page, title="Page", site=SITE, path=FIXTURE_PATH)
        except ConversionError:
            return
        pushes = [md.rstrip("\n") + "\n\nUn paragraphe ajouté.\n"]
        edited = _edit_a_line(md.split("\n---\n", 1)[-1], " (modifié)", seed)
        if edited is not None:
            pushes.append(md.split("\n---\n", 1)[0] + "\n---\n" + edited if md.startswith("---\n") else edited)
        for text in pushes:
            pushed = _outcome(markdown_to_wikitext, text, path=FIXTURE_PATH, site=SITE, base=page)
            whole = _whole(markdown_to_wikitext, text, path=FIXTURE_PATH, site=SITE, base=page)
            assert pushed == whole or _cleaner(page, pushed, whole)
        pulls = []
        changed = _edit_a_line(page, " modifié", seed)
        if changed is not None:
            pulls.append(changed)
        middle = page.find("\n\n", len(page) // 2)
        if middle > 0:
            pulls.append(page[:middle] + "\n\nUn paragraphe ajouté." + page[middle:])
        blank = page.find("\n\n")
        if blank > 0:
            pulls.append(page[page.index("\n\n") + 2 :])  # the first chunk removed on the wiki
        for wikitext in pulls:
            kwargs = {"title": "Page", "site": SITE, "path": FIXTURE_PATH, "local": md}
            pulled = _outcome(wikitext_to_markdown, wikitext, **kwargs)
            whole = _whole(wikitext_to_markdown, wikitext, **kwargs)
            assert pulled == whole or _pushed(pulled) == _pushed(whole)


@SETTINGS
@given(wiki_document(), st.integers(0, 1000))
def test_converting_what_changed_gives_the_whole_conversion(page, seed):
    _both_ways_agree(page, seed)


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*WIKI_PIECES, "\n\nTexte.\n\n"]), max_size=40).map("".join), st.integers(0, 1000))
def test_converting_what_changed_gives_the_whole_conversion_for_any_markup(page, seed):
    _both_ways_agree(page.rstrip(), seed)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([*WIKI_PIECES, '<gallery caption="a\n\nb">', "<span\n\n>", "\n\n"]), max_size=40))
def test_pages_are_cut_only_between_top_level_blocks(parts):
    """Every cut falls between two top-level nodes of mwparserfromhell's tree, or inside top-level text."""
    text = "".join(parts).rstrip("\n") + "\n"
    chunks = selective.split_wikitext(text)
    assert "".join(chunks) == text
    allowed: set[int] = set()
    pos = 0
    for node in parse_page(text).nodes:
        source = str(node)
        source = source[1:] if source.startswith(LIST_MARK) else source
        if isinstance(node, Text):
            allowed.update(range(pos, pos + len(source) + 1))
        allowed.add(pos)
        pos += len(source)
    cut = 0
    for chunk in chunks[:-1]:
        cut += len(chunk)
        assert cut in allowed, text[:cut]


def test_a_page_edited_in_one_paragraph_keeps_every_other_line_of_the_wiki(site):
    page = (
        "==Titre==\n"
        "Premier paragraphe,   espacé à la main.\n\n"
        "* une liste\n*sans espace\n\n"
        "Paragraphe que l'on modifie.\n\n"
        "{{Boîte|texte=un modèle}}\n\n"
        "Dernier paragraphe."
    )
    md = wikitext_to_markdown(page, title="Cas", site=site, path=FIXTURE_PATH)
    edited = md.replace("Paragraphe que l'on modifie.", "Paragraphe que l'on a modifié.")
    pushed = markdown_to_wikitext(edited, path=FIXTURE_PATH, site=site, base=page)
    assert pushed == page.replace("Paragraphe que l'on modifie.", "Paragraphe que l'on a modifié.")
    pulled = wikitext_to_markdown(
        pushed.replace("Dernier paragraphe.", "Dernier paragraphe, modifié sur le wiki."),
        title="Cas",
        site=site,
        path=FIXTURE_PATH,
        local=edited,
    )
    assert pulled == edited.replace("Dernier paragraphe.", "Dernier paragraphe, modifié sur le wiki.")
