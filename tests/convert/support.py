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


def normalise_html(html: str) -> str:
    """Whitespace and URL-encoding differences that no reader can see are not differences."""
    html = re.sub(r'href="([^"]*)"', lambda m: f'href="{unquote(m.group(1))}"', html)
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r">\s+<", "><", html)
    html = re.sub(r"<p>\s+", "<p>", html)
    html = re.sub(r"\s+</p>", "</p>", html)
    return html.replace("&#39;", "'").strip()
