# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Helpers of the converter tests: the site's own Markdown renderer and HTML normalisation."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import markdown

from commons.config import load_yaml

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).with_name("fixtures")
FIXTURE_PATH = "boite-a-outils/fixture.md"
# Pieces of long real pages (tests/convert/test_convert_hostile.py, bench/hostile.py): a paragraph of a
# fiche, and a block of Arduino code (`i<nbLeds` is no tag) as the wiki writes it.
PARAGRAPH = (
    "Le tiers-lieu accueille des ateliers de réparation, un fablab et un café associatif ; les bénévoles "
    "y partagent leurs savoir-faire avec les habitants du village. "
) * 6 + "\n\n"
ARDUINO = (
    '<syntaxhighlight lang="arduino">\nfor (int i = 0; i<nbLeds; i++) {\n  strip.setPixelColor(i, 0);\n}\n'
    "</syntaxhighlight>\n\n"
)


def site_extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The Markdown extensions enabled in mkdocs.yml, as MkDocs passes them to Python-Markdown."""
    names: list[str] = []
    configs: dict[str, dict[str, object]] = {}
    for item in load_yaml(REPO / "mkdocs.yml").get("markdown_extensions") or []:
        if isinstance(item, dict):
            for name, config in item.items():
                names.append(name)
                configs[name] = config or {}
        else:
            names.append(str(item))
    return names, configs


_NAMES, _CONFIGS = site_extensions()
_MD = markdown.Markdown(extensions=_NAMES, extension_configs=_CONFIGS)


def render_html(body: str) -> str:
    """HTML the site makes of a page body (no theme): Python-Markdown with mkdocs.yml's extensions."""
    return _MD.reset().convert(body)


def _char_reference(m: re.Match[str]) -> str:
    code = int(m.group(1))
    return chr(code) if code < 0x110000 and chr(code) not in '<>&"' else m.group(0)


def normalise_html(html: str) -> str:
    """Whitespace and URL-encoding differences that no reader can see are not differences."""
    html = re.sub(r'href="([^"]*)"', lambda m: f'href="{unquote(m.group(1))}"', html)
    # two emphases separated by a line break look exactly like one emphasis over both lines
    html = re.sub(r"</(em|strong)>(\s+)<\1>", r"\2", html)
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r">\s+<", "><", html)
    html = re.sub(r"<p>\s+", "<p>", html)
    html = re.sub(r"\s+</p>", "</p>", html)
    html = re.sub(r'"#?(fnref|fn)\d*:[^"]*"', r'"\1:N"', html)  # footnote labels are not shown
    html = re.sub(r"Jump back to footnote \d+", "Jump back to footnote", html)
    # a character written as a numeric entity is the same character to the reader
    html = re.sub(r"&#(\d+);", _char_reference, html)
    # an indented code block and a fenced one show the same code (the fenced one is highlighted)
    html = re.sub(r'<div class="highlight"><pre><span></span>(.*?)</pre></div>', r"<pre>\1</pre>", html, flags=re.S)
    html = re.sub(r"<(code|em|strong)></\1>", "", html)  # empty inline elements show nothing
    # a loose list (blank lines between items) only spaces its items more: same items, same text
    html = re.sub(r"<(li|dd)><p>", r"<\1>", html)
    html = re.sub(r"</p>(<ul>|<ol>)?</(li|dd)>", lambda m: (m.group(1) or "") + f"</{m.group(2)}>", html)
    html = re.sub(r"</p>(<ul>|<ol>)", r"\1", html)
    return html.strip()
