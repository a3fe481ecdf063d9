# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Complete an imported page's front matter so that the site's strict build accepts it.

The converter only writes what the wiki holds (title, movilab, wiki). A page
imported into a section (boîte à outils, kit d'accueil…) also needs that
section's required fields, or the next `mkdocs build --strict` fails on a commit
the sync made. What can be guessed from the wiki page is guessed (and shown to
the coordinator for review); what cannot (a webinar's date, a charter's
version) stops the import with the exact fields to add.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from commons import frontmatter
from commons.pages import load_pages, parse_page
from commons.schema import DESCRIPTION_MAX, SCHEMAS, load_bibliography, validate_page
from sync.errors import ConfigError

_MARKUP = re.compile(r"[*_`#>\[\]]|\{\{.*?\}\}|<[^>]+>|\(\s*https?://[^)]*\)")
_SENTENCE = re.compile(r"(.+?[.!?…])(\s|$)")


def first_sentence(body: str, fallback: str) -> str:
    """The first sentence of the first prose paragraph, at most DESCRIPTION_MAX characters."""
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block or block[0] in "#|!<{-:" or block.startswith(("```", "    ")):
            continue
        text = " ".join(_MARKUP.sub("", block).split())
        if len(text) < 3:
            continue
        match = _SENTENCE.match(text)
        sentence = match.group(1) if match else text
        if len(sentence) > DESCRIPTION_MAX:
            sentence = sentence[: DESCRIPTION_MAX - 1].rsplit(" ", 1)[0].rstrip(",;: ") + "…"
        return sentence
    return fallback[:DESCRIPTION_MAX]


def _next_ordre(docs_dir: Path, section: str) -> int:
    pages, _ = load_pages(docs_dir)
    used = [p.meta.get("ordre") for p in pages.values() if p.path.startswith(section + "/")]
    return max([o for o in used if isinstance(o, int)] + [0]) + 1


def _guesses(kind: str, meta: dict[str, Any], body: str, title: str, url: str, docs_dir: Path, rel: str) -> dict:
    wiki = meta.get("wiki") if isinstance(meta.get("wiki"), dict) else {}
    categories = [str(c).strip().lower() for c in (wiki or {}).get("categories") or [] if str(c).strip()]
    candidates: dict[str, Any] = {
        "description": first_sentence(body, f"Page importée de Movilab : {title}."),
        "thèmes": categories or ["movilab"],
        "public": ["tous"],
        "sources": [{"titre": f"Movilab : {title}", "url": url}],
    }
    if kind == "kit":
        candidates["ordre"] = _next_ordre(docs_dir, rel.split("/", 1)[0])
    schema = SCHEMAS[kind]
    return {k: v for k, v in candidates.items() if k in schema and schema[k].required and k not in meta}


def complete_front_matter(text: str, *, rel: str, title: str, url: str, docs_dir: Path) -> tuple[str, dict]:
    """Return the text with the guessed required fields added, and those guesses.

    Raises ConfigError (in French, naming every field to add) when the page would
    still fail the site's validation.
    """
    page, problems = parse_page(rel, text)
    guesses = _guesses(page.kind, page.meta, page.body, title, url, docs_dir, rel) if page.kind != "page" else {}
    if guesses:
        for key, value in guesses.items():
            text = frontmatter.set_key(text, key, value, path=f"docs/{rel}", flow=None)
        page, problems = parse_page(rel, text)
    bibliography, _ = load_bibliography(docs_dir / "sources.yml")
    problems = problems + validate_page(page, bibliography)
    if problems:
        raise ConfigError(
            "import annulé : la page ne passerait pas la construction du site. Après l'import, il faudrait "
            "ajouter ou corriger dans l'en-tête :\n  "
            + "\n  ".join(f"« {p.field or '?'} » : {p.message}" for p in problems)
            + "\nRien n'a été écrit. Importez la page dans un autre dossier avec --to "
            "(par exemple boite-a-outils/<nom>.md), puis déplacez-la et complétez ces champs à la main.",
            path=f"docs/{rel}",
            title=title,
        )
    return text, guesses
