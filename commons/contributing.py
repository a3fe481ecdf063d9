# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The parts of CONTRIBUTING.md and of the site's pages that come from the content model.

    python -m commons.contributing          (rewrites the generated parts of CONTRIBUTING.md)

Templates (commons.templates), the header reference (commons.schema) and the
HTML a page may hold (commons.sanitize) are written between markers in CONTRIBUTING.md; the site's pages get the same
template where `<!-- modele -->` stands and the list of citable sources where
`<!-- sources -->` stands (hooks/editor.py). A test fails when CONTRIBUTING.md
was not regenerated after a change of the schema or of a template.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from commons import sanitize
from commons.schema import KIND_LABELS, MATERIAL_KEYS, SCHEMAS
from commons.templates import TEMPLATES

ROOT = Path(__file__).resolve().parent.parent
CONTRIBUTING = ROOT / "CONTRIBUTING.md"

TEMPLATE_MARKER = "<!-- modele -->"
SOURCES_MARKER = "<!-- sources -->"
EDITOR_MARKER = "<!-- editeur -->"

_SECTION_TITLES = {
    "page": "Champs communs à toutes les pages",
    "fiche": "Fiche (`docs/boite-a-outils/*.md`)",
    "kit": "Page du kit d'accueil (`docs/kit-accueil/*.md`)",
    "webinaire": "Webinaire (`docs/webinaires/AAAA-MM-JJ-sujet.md`)",
    "charte": "Charte (`docs/charte/*.md`)",
}


def template_block(kind: str) -> str:
    """The section's template as a Markdown code block, titled with an example file name."""
    template = TEMPLATES[kind]
    return f'```markdown title="docs/{template.folder}/{template.file_name}"\n{template.text()}```\n'


def _required(kind: str, name: str) -> str:
    return "oui" if SCHEMAS[kind][name].required else "non"


def reference() -> str:
    """The header reference: one table per section, from the schema's help texts."""
    out = []
    common = SCHEMAS["page"]
    out.append(f"### {_SECTION_TITLES['page']}\n")
    out.append("| champ | obligatoire | contenu |\n|---|---|---|")
    for name, field in common.items():
        needed = [
            KIND_LABELS[k].split(" ", 1)[1]
            for k in ("fiche", "kit", "webinaire", "charte")
            if SCHEMAS[k][name].required
        ]
        out.append(f"| `{name}` | {', '.join(needed) if needed else 'non'} | {field.help} |")
    for kind in ("fiche", "kit", "webinaire", "charte"):
        out.append(f"\n### {_SECTION_TITLES[kind]}\n")
        out.append("| champ | obligatoire | contenu |\n|---|---|---|")
        for name, field in SCHEMAS[kind].items():
            if name in common and field.help == common[name].help:
                continue
            out.append(f"| `{name}` | {_required(kind, name)} | {field.help} |")
    out.append(
        "\nLes champs que Material for MkDocs comprend ("
        + ", ".join(f"`{k}`" for k in sorted(MATERIAL_KEYS))
        + ") sont aussi acceptés. Les pages d'index (`index.md`) de chaque section et la page d'accueil "
        "n'ont que des champs facultatifs."
    )
    return "\n".join(out) + "\n"


def regions() -> dict[str, str]:
    """Every generated part of CONTRIBUTING.md, by its marker name."""
    found = {f"modèle {kind}": template_block(kind) for kind in TEMPLATES}
    found["référence des en-têtes"] = reference()
    found["HTML permis"] = sanitize.reference()
    return found


def update(text: str) -> str:
    """CONTRIBUTING.md with each generated part rewritten between its markers."""
    for name, content in regions().items():
        begin = f"<!-- début généré : {name} (python -m commons.contributing) -->"
        end = f"<!-- fin généré : {name} -->"
        pattern = re.compile(re.escape(begin) + r"\n.*?" + re.escape(end), re.S)
        if not pattern.search(text):
            raise ValueError(f"CONTRIBUTING.md : le repère « {begin} » ou « {end} » manque")
        replacement = f"{begin}\n{content}{end}"
        text = pattern.sub(lambda _match: replacement, text)  # noqa: B023 - used at once, in this iteration
    return text


def replace_marker(markdown: str, marker: str, block: str) -> str:
    """Replace the marker's line by the block, indented like the marker (inside an admonition, say)."""
    match = re.search(rf"^([ \t]*){re.escape(marker)}[ \t]*$", markdown, re.M)
    if not match:
        return markdown
    indent = match.group(1)
    lines = block.rstrip("\n").split("\n")
    indented = "\n".join(indent + line if line else line for line in lines)
    return markdown[: match.start()] + indented + markdown[match.end() :]


def _cell(value: Any) -> str:
    """A value from docs/sources.yml (a member's pull request) as inert text in a Markdown table cell."""
    text = html.escape(" ".join(str(value).split()), quote=False)
    return re.sub(r"([\\`*_\[\]|<>!])", r"\\\1", text)


def editor_button(site_url: str) -> str:
    """A button to the form editor; the form is no page of docs/, so its address comes from site_url."""
    if not site_url:
        return "_Le formulaire en ligne est à l'adresse du site suivie de `/admin/`._\n"
    return f"[Ouvrir le formulaire en ligne]({site_url.rstrip('/')}/admin/){{ .md-button }}\n"


def sources_table(bibliography: Mapping[str, Mapping[str, Any]]) -> str:
    """The citable sources of docs/sources.yml, for the page where `<!-- sources -->` stands."""
    if not bibliography:
        return "_La liste des sources (`docs/sources.yml`) est encore vide._\n"
    rows = ["| clé à écrire dans `sources:` | document |", "|---|---|"]
    for key in sorted(bibliography):
        ref = bibliography[key]
        title = _cell(ref.get("titre", ""))
        who = ", ".join(_cell(ref[k]) for k in ("auteur", "annee") if ref.get(k))
        code = html.escape(str(key), quote=False).replace("`", "").replace("|", "")
        rows.append(f"| `{code}` | {title}{f' ({who})' if who else ''} |")
    return "\n".join(rows) + "\n"


def main() -> int:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    try:
        new = update(text)
    except ValueError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 2
    if new == text:
        print("CONTRIBUTING.md est déjà à jour.")
        return 0
    CONTRIBUTING.write_text(new, encoding="utf-8")
    print("CONTRIBUTING.md mis à jour (modèles, référence des en-têtes, HTML permis).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
