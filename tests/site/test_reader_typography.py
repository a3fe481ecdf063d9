# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""French no-break spaces: in the text of built pages, never in code, attributes or scripts."""

from __future__ import annotations

import pytest

from commons.typography import NBSP, NNBSP, french_spacing
from tests.site.sitebuilder import Site


@pytest.fixture
def site(reader_build: Site) -> Site:
    """The reader fixture site, built once for the whole session (tests/conftest.py)."""
    return reader_build


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Qu'est-ce ?</p>", f"<p>Qu'est-ce{NNBSP}?</p>"),
        ("<p>Vraiment !</p><p>a ; b</p>", f"<p>Vraiment{NNBSP}!</p><p>a{NNBSP}; b</p>"),
        ("<p>Note : ceci</p>", f"<p>Note{NBSP}: ceci</p>"),
        ("<p>« mot »</p>", f"<p>«{NBSP}mot{NBSP}»</p>"),
        ("<p>«mot»</p>", f"<p>«{NBSP}mot{NBSP}»</p>"),
        ("<p>« <a href='x'>lien</a> »</p>", f"<p>«{NBSP}<a href='x'>lien</a>{NBSP}»</p>"),
        ("<p>un tiers-lieu\n?</p>", f"<p>un tiers-lieu{NNBSP}?</p>"),  # a source line break before "?"
        ("<p>déjà&nbsp;?</p>", f"<p>déjà{NNBSP}?</p>"),
        ("<p>16:30, https://example.org/?a=1</p>", "<p>16:30, https://example.org/?a=1</p>"),
        (
            '<a title="Une forge ?" href="https://x.org/?q=a ;b">forge</a>',
            '<a title="Une forge ?" href="https://x.org/?q=a ;b">forge</a>',
        ),
        ("<p><code>a ; b ?</code> puis ?</p>", f"<p><code>a ; b ?</code> puis{NNBSP}?</p>"),
        ("<pre><code>x = a ? b : c</code></pre>", "<pre><code>x = a ? b : c</code></pre>"),
        (
            "<script>if (a <b) { x = c ? d : e; }</script><p>Fin !</p>",
            f"<script>if (a <b) {{ x = c ? d : e; }}</script><p>Fin{NNBSP}!</p>",
        ),
        (
            '<style>a { b : c; }</style><div data-x="a : b">« c »</div>',
            f'<style>a {{ b : c; }}</style><div data-x="a : b">«{NBSP}c{NBSP}»</div>',
        ),
        ("<!-- a ? --><textarea>b ?</textarea>", "<!-- a ? --><textarea>b ?</textarea>"),
    ],
)
def test_french_spacing_touches_prose_only(html: str, expected: str) -> None:
    assert french_spacing(html) == expected
    assert french_spacing(expected) == expected  # idempotent: safe to run on a page twice


def test_built_pages_have_french_spacing_in_text_only(site: Site) -> None:
    html = site.html("kit-accueil/contribuer")
    assert f"Faut-il un compte{NNBSP}?" in html
    assert f"«{NBSP}Entrée{NBSP}»{NBSP}: c'est tout{NNBSP}!" in html
    assert "<code>git status ; ls -l</code>" in html
    assert 'title="Une forge ?"' in html
    assert f"Temps de lecture{NBSP}: 1 min" in html
    printable = site.html("kit-accueil-imprimable")
    assert f"Faut-il un compte{NNBSP}?" in printable
    assert f"<strong>Auteurs et autrices{NBSP}:</strong>" in printable  # the credits added after print-site
