# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""One template per section, the same in CONTRIBUTING.md, on the site and in the form editor."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest

from commons import contributing
from commons.editor import EditorContext, collection
from commons.templates import TEMPLATES
from tests.site.sitebuilder import make_site

ROOT = Path(__file__).resolve().parents[2]


def test_contributing_is_generated_from_the_schema_and_the_templates() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert contributing.update(text) == text, "lancez « python -m commons.contributing » et commitez CONTRIBUTING.md"
    for kind in TEMPLATES:
        assert contributing.template_block(kind) in text


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_the_form_starts_a_new_page_with_the_templates_body(kind: str) -> None:
    name = {"fiche": "fiches", "kit": "kit", "webinaire": "webinaires", "charte": "charte"}[kind]
    config = collection(name, kind, "x", "x", EditorContext((), {}))
    assert config["fields"][-1]["default"] == TEMPLATES[kind].body
    assert config["folder"] == f"docs/{TEMPLATES[kind].folder}"


def test_the_site_shows_the_same_template_with_a_copy_button(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.write("webinaires/index.md", "# Webinaires\n\n<!-- editeur -->\n\nOu à la main :\n\n<!-- modele -->\n")
    site.write(
        "boite-a-outils/index.md",
        '# Boîte à outils\n\n!!! tip "Proposer une fiche"\n    Copiez ce modèle :\n\n    <!-- modele -->\n',
    )
    site.commit("pages", author="Camille Martin <camille@example.org>", date="2026-01-01T10:00:00")
    result = site.build()
    assert result.returncode == 0, result.stderr[-2000:]
    for url, kind in (("webinaires", "webinaire"), ("boite-a-outils", "fiche")):
        page = site.html(url)
        code = re.search(r"<code[^>]*>(.*?)</code>", page.split('class="filename"', 1)[1], re.S)
        assert code is not None
        shown = html.unescape(re.sub(r"<[^>]+>", "", code.group(1)))
        assert shown == TEMPLATES[kind].text(), shown
        template = TEMPLATES[kind]
        assert f"docs/{template.folder}/{template.file_name}" in page
    assert '"content.code.copy"' in site.html("webinaires")  # Material adds the copy button from this flag
    assert (
        '<a class="md-button" href="https://example.org/communs/admin/">Ouvrir le formulaire en ligne</a>'
        in site.html("webinaires")
    )
    assert 'class="admonition tip"' in site.html("boite-a-outils")  # the template stays inside the tip


def test_the_citable_sources_are_listed_and_a_hostile_title_stays_text() -> None:
    table = contributing.sources_table(
        {
            "essai": {"titre": "Document d'essai", "auteur": "Réseau", "annee": 2024},
            "piege": {"titre": '<img src=x onerror="alert(1)"> [lien](javascript:alert(1)) | colonne'},
        }
    )
    assert "| `essai` | Document d'essai (Réseau, 2024) |" in table
    rendered = markdown.markdown(table, extensions=["tables"])
    assert "<img" not in rendered and "<a " not in rendered and rendered.count("<td>") == 4, rendered
    assert "[lien](javascript:alert(1)) | colonne" in html.unescape(re.sub(r"<[^>]+>", "", rendered))
