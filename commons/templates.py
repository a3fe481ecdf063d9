# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""One template per section: the page a member starts from.

The same text is printed in CONTRIBUTING.md (between generated markers), on
the section's index page (where `<!-- modele -->` stands) and used by the form
editor (the body a new entry starts with), so the three can never disagree.

Values a member must replace are placeholders: the schema refuses them with a
message that says so, rather than publishing "Prénom Nom" or a dead link.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One front matter line of a template: the YAML as written, and a comment for hand editors."""

    key: str
    yaml: str  # what follows "key:" (may span lines for block lists)
    comment: str = ""


@dataclass(frozen=True)
class Template:
    kind: str
    folder: str  # docs-relative folder of the section
    file_name: str  # an example file name
    lines: tuple[Line, ...]
    body: str

    def front_matter(self, *, comments: bool = True) -> str:
        """The header between the two '---' lines, comments aligned for reading."""
        rows = []
        for line in self.lines:
            first, *rest = (
                f"{line.key}: {line.yaml}".split("\n")
                if not line.yaml.startswith("\n")
                else [
                    f"{line.key}:",
                    *line.yaml.lstrip("\n").split("\n"),
                ]
            )
            rows.append((first, line.comment))
            rows.extend((r, "") for r in rest)
        width = max(len(text) for text, _ in rows)
        out = []
        for text, comment in rows:
            out.append(f"{text.ljust(width)}   # {comment}" if comments and comment else text)
        return "\n".join(out) + "\n"

    def text(self, *, comments: bool = True) -> str:
        """The whole new page: header, then the body to fill in."""
        return f"---\n{self.front_matter(comments=comments)}---\n\n{self.body}"


# Values left from a template mean the member did not fill the field in.
PLACEHOLDERS = frozenset(
    {
        "Titre de la fiche",
        "Titre de la page",
        "Titre du webinaire",
        "Titre de la charte",
        "Une phrase qui résume la fiche.",
        "Une phrase qui résume la page.",
        "Une phrase qui résume la charte.",
        "Une phrase qui donne envie de venir.",
        "Prénom Nom",
        "Nom de sa structure",
        "cle-de-la-source",
        "https://adresse-de-la-page-d-inscription",
        "…",
        "...",
    }
)

TEMPLATES: dict[str, Template] = {
    "fiche": Template(
        kind="fiche",
        folder="boite-a-outils",
        file_name="prix-libre.md",
        lines=(
            Line("title", "Titre de la fiche"),
            Line("description", "Une phrase qui résume la fiche.", "200 caractères au plus"),
            Line("thèmes", "[économie]", "un ou plusieurs, entre crochets"),
            Line("public", "[tiers-lieu]", "porteur-de-projet, tiers-lieu, coordination, collectivité ou tous"),
            Line("niveau", "découverte", "découverte, intermédiaire ou avancé (facultatif)"),
            Line("sources", "[cle-de-la-source]", "clés de docs/sources.yml, ou {titre: …, url: …}"),
        ),
        body=(
            "## En bref\n\n"
            "## Pourquoi\n\n"
            "## Pour démarrer\n\n"
            "1. Première étape.\n\n"
            "## Qui est impliqué\n\n"
            "## Points de vigilance\n\n"
            "## Pour aller plus loin\n"
        ),
    ),
    "kit": Template(
        kind="kit",
        folder="kit-accueil",
        file_name="premiers-pas.md",
        lines=(
            Line("title", "Titre de la page"),
            Line("description", "Une phrase qui résume la page.", "200 caractères au plus"),
            Line("ordre", "9", "place dans le parcours de lecture : 1, 2, 3…"),
            Line("sources", "[cle-de-la-source]", "clés de docs/sources.yml, ou {titre: …, url: …}"),
        ),
        body="Le texte de la page, en paragraphes courts.\n",
    ),
    "webinaire": Template(
        kind="webinaire",
        folder="webinaires",
        file_name="2027-03-11-compostage.md",
        lines=(
            Line("title", "Titre du webinaire"),
            Line("date", "2027-03-11T14:00:00", "heure de Paris ; la date seule suffit si l'heure n'est pas connue"),
            Line("duree", "90", "en minutes (facultatif)"),
            Line("intervenants", "\n  - nom: Prénom Nom\n    structure: Nom de sa structure", "structure : facultatif"),
            Line("thèmes", "[environnement]", "un ou plusieurs, entre crochets"),
            Line("description", "Une phrase qui donne envie de venir.", "facultatif"),
            Line("inscription", "https://adresse-de-la-page-d-inscription", "avant la séance (facultatif)"),
        ),
        body="Ce que la séance aborde, en quelques phrases.\n",
    ),
    "charte": Template(
        kind="charte",
        folder="charte",
        file_name="charte-des-lieux.md",
        lines=(
            Line("title", "Titre de la charte"),
            Line("description", "Une phrase qui résume la charte.", "200 caractères au plus"),
            Line("version", '"1.0"', "entre guillemets ; augmentez-la à chaque révision"),
            Line("adoption", "2026-01-15", "date du vote, AAAA-MM-JJ"),
        ),
        body="## Préambule\n\n## Article 1\n",
    ),
}

PLACEHOLDER_BODIES = frozenset(
    {
        "Le texte de la page, en paragraphes courts.",
        "Ce que la séance aborde, en quelques phrases.",
    }
)
