# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Anyone can edit Movilab: a page nesting hundreds of templates or lists never crashes the pull or the build.

`{{{{{{…}}}}}}` 300 levels deep makes the wiki parser (mwparserfromhell)
recurse past Python's limit: the converter's caller now names the page in
French and writes nothing for it (the local MediaWiki itself stores such a
page with its expansion error, which converts fine). Thousands of `{{a|` never
closed would take the parser a time that grows with the square of the page: the
pull refuses that page in French at the line of the first one, and pulls the others. Lists nested 80 levels
deep on the wiki are pulled as they are, and the build refuses the page in
French (commons/markdown_limits.py) instead of Python-Markdown's RecursionError.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from sync.errors import ConversionError
from sync.mirror import Converter
from tests.security.conftest import build, commit_all, make_attack_site, no_traceback, sync

NESTED_TEMPLATES = "Texte.\n\n" + "{{" * 1000 + "x" + "}}" * 1000
NESTED_LISTS = "Texte.\n\n" + "\n".join("*" * level + " niveau" for level in range(1, 50))
# thousands of openings never closed: mwparserfromhell would read each one to the end of the page
TANGLED = "Texte.\n\n" + "{{a|\n" * 3000


@pytest.mark.wiki
def test_deep_nesting_on_the_wiki_is_pulled_then_refused_in_french(tmp_path: Path, mediawiki: Any) -> None:
    site = make_attack_site(tmp_path, wiki=mediawiki)
    titles = {name: f"Imbrication {name} {os.getpid()}" for name in ("modeles", "listes", "noeuds", "sage")}
    for name, title in titles.items():
        site.write(f"miroir/{name}.md", f"---\ntitle: {name}\nmovilab: {title}\n---\n\nTexte initial.\n")
    commit_all(site)
    pushed = sync(site, mediawiki, "push")
    no_traceback(pushed)
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    editor = mediawiki.editor(1)
    editor.edit(titles["modeles"], NESTED_TEMPLATES, summary="imbrication")
    editor.edit(titles["listes"], NESTED_LISTS, summary="imbrication")
    editor.edit(titles["noeuds"], TANGLED, summary="ouvertures sans fin")
    editor.edit(titles["sage"], "Une modification ordinaire.", summary="ordinaire")

    pulled = sync(site, mediawiki, "pull")

    no_traceback(pulled)
    said = pulled.stdout + pulled.stderr
    assert pulled.returncode == 1, said  # the tangled page is refused, the others are pulled
    assert "Une modification ordinaire." in (site.docs / "miroir/sage.md").read_text(encoding="utf-8")
    assert "la page ouvre trop de modèles, de liens ou de balises sans jamais les fermer" in said, said
    assert f"miroir/noeuds.md:3, page wiki « {titles['noeuds']} »" in said, said
    assert "Texte initial." in (site.docs / "miroir/noeuds.md").read_text(encoding="utf-8")  # left as it was
    # the deep lists convert, but the build would refuse them: the pull writes nothing for that page
    assert "docs/miroir/listes.md" in said and "imbriqué sur" in said and "Sur Movilab, réduisez" in said, said
    assert "Texte initial." in (site.docs / "miroir/listes.md").read_text(encoding="utf-8")

    built = build(site)
    no_traceback(built)
    assert built.returncode == 0, built.stderr[-3000:]  # what the pull wrote builds


def test_the_converter_running_out_of_stack_is_a_french_error_naming_the_page(tmp_path: Path) -> None:
    site = make_attack_site(tmp_path)
    site.write("miroir/p.md", "---\ntitle: P\nmovilab: Page profonde\n---\n\nTexte.\n")
    converter = Converter(site.root)
    with pytest.raises(ConversionError) as raised:
        converter.to_markdown(NESTED_TEMPLATES, title="Page profonde", local=None, path="miroir/p.md")
    assert str(raised.value).startswith("page wiki « Page profonde » : la page imbrique trop de modèles")
