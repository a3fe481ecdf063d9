# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""No English from MkDocs: what a member or a coordinator reads when a page breaks the build.

A real strict build (what `./dev build`, `./dev test` and CI run) of a site with a broken header,
a link to a missing page, a missing image and links MkDocs itself warns about: the output holds the
French report and MkDocs' own lines in French (with the same file names, links and counts), and no
English word. MkDocs' wording comes from its sources (mkdocs 1.6, pinned); commons/mkdocs_french.py
holds the French.
"""

from __future__ import annotations

import re

import pytest

from commons.mkdocs_french import french
from tests.site.sitebuilder import make_site

# Words only English has, in MkDocs' lines (paths and quoted names are taken out first).
ENGLISH = re.compile(
    r"\b(?:the|with|was|is|are|contains|found|aborted|error|errors|warning|warnings|building|cleaning|built|"
    r"seconds|directory|documentation|serving|watching|detected|reloading|browsers?|strict mode|doc file|"
    r"target|among|left|which|does|anchor|included|excluding|conflicts|configuration|skipped)\b",
    re.I,
)


def _english_lines(output: str) -> list[str]:
    found = []
    for line in output.splitlines():
        text = re.sub(r"«[^»]*»|'[^']*'|\S*/\S*", "", line)  # names, links and paths stay as written
        if ENGLISH.search(text):
            found.append(line)
    return found


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("francais"))
    site.write(
        "boite-a-outils/fiche.md",
        """
        ---
        title: Composter
        description: Le compost partagé.
        thèmes: environnement
        public: [tous]
        niveau: découverte
        sources: [essai]
        ---

        Voir [la fiche absente](absente.md) et ![le plan](plan.png).
        """,
    )
    site.write("kit-accueil/casse.md", "---\ntitle: [pas fermé\n---\n\nTexte.\n")
    site.commit("Pages d'un membre", author="Camille Martin <camille@example.org>", date="2026-01-05T10:00:00")
    return site, site.build()


def test_a_page_that_breaks_the_build_is_told_in_french_only(broken):
    _, result = broken
    output = result.stdout + result.stderr
    assert result.returncode == 1
    # the project's report, each problem with its file and line
    assert "champ « thèmes » : attendu : une liste entre crochets" in output
    assert "le lien « absente.md » mène à un fichier qui n'existe pas" in output
    assert "le lien « plan.png » mène à un fichier qui n'existe pas" in output
    assert "kit-accueil/casse.md, ligne 3 : l'en-tête (entre les lignes « --- ») est illisible" in output
    # MkDocs' own lines, in French
    assert "Construction arrêtée : voir l'erreur ci-dessus." in result.stdout
    assert "Construction du site dans le dossier" in output and "ERREUR  -  " in output
    assert _english_lines(output) == []
    assert "Aborted" not in output and "WARNING" not in output and "ERROR" not in output


def test_links_mkdocs_warns_about_fail_a_strict_build_in_french(tmp_path):
    site = make_site(tmp_path)
    site.write("autre.md", "---\ntitle: Autre\n---\n\n# Autre\n\nTexte.\n")
    site.write("page.md", "---\ntitle: Page\n---\n\nVoir [x](autre.md#nulle-part), [y](/absolu/) et [w](#rien).\n")
    site.write("README.md", "# Lisez-moi\n")
    site.commit("Pages", author="Camille Martin <camille@example.org>", date="2026-01-05T10:00:00")
    result = site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Construction arrêtée : 4 avertissements en mode strict" in result.stdout
    assert "« README.md » n'est pas publiée : elle aurait la même adresse que « index.md »." in output
    assert "La page « page.md » contient le lien « autre.md#nulle-part », mais la page « autre.md » n'a pas" in output
    assert "La page « page.md » contient le lien absolu « /absolu/ », laissé tel quel." in output
    assert "La page « page.md » contient le lien « #rien », mais cette ancre n'existe pas sur la page." in output
    assert "ATTENTION -  " in output
    assert _english_lines(output) == []


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("Aborted with a BuildError!", "Construction arrêtée : voir l'erreur ci-dessus."),
        ("Aborted with 1 warnings in strict mode!", "Construction arrêtée : 1 avertissement en mode strict"),
        ("Aborted with a configuration error!", "Construction arrêtée : mkdocs.yml contient une erreur"),
        ("Aborted with 2 configuration warnings in 'strict' mode!", "2 avertissements sur mkdocs.yml"),
        ("Documentation built in 2.19 seconds", "Site construit en 2.19 s"),
        ("[12:48:01] Serving on http://127.0.0.1:8000/communs/", "[12:48:01] Site visible sur http://127.0.0.1:8000/"),
        ("[12:48:01] Watching paths for changes: 'docs', 'mkdocs.yml'", "surveillés dans : 'docs', 'mkdocs.yml'"),
        ("Error reading page 'fiche.md':", "Erreur à la lecture de la page « fiche.md » :"),
        (
            "Doc file 'a.md' contains a link 'b.md', but the target 'x/b.md' is not found among documentation "
            "files. Did you mean 'c.md'?",
            "La page « a.md » contient le lien « b.md », mais sa cible « x/b.md » n'existe pas dans docs/. "
            "Vouliez-vous écrire « c.md » ?",
        ),
        (
            "Config value 'plugins': The \"x\" plugin is not installed",
            'mkdocs.yml, réglage « plugins » : The "x" plugin is not installed',
        ),
        (
            'The following pages exist in the docs directory, but are not included in the "nav" '
            "configuration:\n  - a.md\n  - b.md",
            "Ces pages de docs/ ne sont pas dans la navigation (nav: de mkdocs.yml) :\n  - a.md\n  - b.md",
        ),
    ],
)
def test_each_mkdocs_line_says_the_same_in_french(english: str, expected: str) -> None:
    assert expected in french(english)


def test_a_line_mkdocs_wrote_that_is_not_known_is_shown_as_it_is() -> None:
    assert french("Something new from a plugin") == "Something new from a plugin"
