# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs' own English lines, said in French (the wording of hooks/french.py).

Why: a member whose page breaks the build reads our French report, then MkDocs' "Aborted with a
BuildError!"; a coordinator previewing the site reads "Building documentation…", "Serving on…".
Each English line MkDocs 1.6 writes for a build, a preview or a member's mistake is listed here
with the same information in French (file names, links, counts, addresses, durations are carried
over as they are). A line not listed stays as MkDocs wrote it rather than be hidden.
Plain Python: hooks/french.py applies it to MkDocs' log records and to its final "Aborted…" line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# MkDocs' level names, as its console prints them before each line.
LEVELS = {"WARNING": "ATTENTION", "ERROR": "ERREUR", "CRITICAL": "ERREUR", "DEBUG": "DÉTAIL"}


def _plural(count: str, one: str, many: str) -> str:
    return f"{count} {one if count == '1' else many}"


def _counts(match: re.Match[str]) -> str:
    """MkDocs' "2 warnings, 1 errors" in French."""
    words = {"warning": ("avertissement", "avertissements"), "error": ("erreur", "erreurs")}
    parts = []
    for count, kind in re.findall(r"(\d+) (\w+?)s\b", match.group("counts")):
        one, many = words.get(kind.lower(), (kind, kind))
        parts.append(_plural(count, one, many))
    return (
        f"Construction arrêtée : {', '.join(parts) or match.group('counts')} en mode strict "
        "(voir ci-dessus ; le mode strict refuse le moindre avertissement)."
    )


_Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


def _rule(pattern: str, french: str | Callable[[re.Match[str]], str]) -> _Rule:
    return re.compile(pattern, re.S), french


_DOC = r"Doc file '(?P<page>.*?)' contains "
RULES: tuple[_Rule, ...] = (
    # the last line of a failed build (mkdocs/commands/build.py, mkdocs/config/base.py)
    _rule(r"Aborted with a BuildError!", "Construction arrêtée : voir l'erreur ci-dessus."),
    _rule(r"Aborted with (?P<counts>.+) in strict mode!", _counts),
    _rule(
        r"Aborted with a configuration error!",
        "Construction arrêtée : mkdocs.yml contient une erreur (voir ci-dessus).",
    ),
    _rule(
        r"Aborted with (?P<n>\d+) configuration warnings in 'strict' mode!",
        lambda m: (
            f"Construction arrêtée : {_plural(m['n'], 'avertissement', 'avertissements')} sur mkdocs.yml "
            "en mode strict (voir ci-dessus)."
        ),
    ),
    _rule(r"Deployment Aborted!", "Publication arrêtée."),
    # a build's progress
    _rule(r"Cleaning site directory", "Nettoyage du dossier du site"),
    _rule(r"Building documentation to directory: (?P<dir>.*)", r"Construction du site dans le dossier \g<dir>"),
    _rule(r"Building documentation\.\.\.", "Construction du site…"),
    _rule(r"Documentation built in (?P<s>[\d.]+) seconds", r"Site construit en \g<s> s"),
    _rule(
        r"The directory contains stale files\. Use --clean to remove them\.",
        "Le dossier contient des fichiers périmés : ajoutez --clean pour les retirer.",
    ),
    _rule(
        r"A 'dirty' build is being performed.*",
        "Construction partielle (--dirty) : la navigation et les liens entre pages peuvent être faux ; "
        "à réserver à la mise au point.",
    ),
    # the local preview (mkdocs serve)
    _rule(
        r"Serving on (?P<url>\S+) and opening it in a browser", r"Site visible sur \g<url> (ouvert dans le navigateur)"
    ),
    _rule(r"Serving on (?P<url>\S+)", r"Site visible sur \g<url>"),
    _rule(r"Watching paths for changes: (?P<paths>.*)", r"Enregistrements surveillés dans : \g<paths>"),
    _rule(r"Detected file changes", "Fichier modifié : nouvelle construction"),
    _rule(r"Reloading browsers", "Rechargement des pages ouvertes"),
    _rule(r"Browser connected: (?P<url>\S+)", r"Navigateur connecté : \g<url>"),
    _rule(r"Shutting down\.\.\.", "Arrêt du site local…"),
    _rule(
        r"The following pages are being built only for the preview but will be excluded from `mkdocs build` "
        r"per `draft_docs` config:(?P<list>.*)",
        r"Ces pages sont construites pour l'aperçu seulement (brouillons, réglage draft_docs) :\g<list>",
    ),
    # a page MkDocs could not read or write (the French report of our hooks follows when it is ours)
    _rule(r"Error reading page '(?P<page>.*?)':(?P<rest>.*)", r"Erreur à la lecture de la page « \g<page> » :\g<rest>"),
    _rule(
        r"Error building page '(?P<page>.*?)':(?P<rest>.*)", r"Erreur à l'écriture de la page « \g<page> » :\g<rest>"
    ),
    _rule(r"File not found: (?P<path>.*)", r"Fichier introuvable : \g<path>"),
    _rule(
        r"Encoding error reading file: (?P<path>.*)",
        r"Fichier illisible (il n'est pas enregistré en UTF-8) : \g<path>",
    ),
    # links (those our report already names are left out by hooks/content.py)
    _rule(
        _DOC + r"a link '(?P<link>.*?)', but the target '(?P<target>.*?)' is not found among documentation "
        r"files\.(?: Did you mean '(?P<hint>.*?)'\?)?",
        lambda m: (
            f"La page « {m['page']} » contient le lien « {m['link']} », mais sa cible « {m['target']} » "
            "n'existe pas dans docs/." + (f" Vouliez-vous écrire « {m['hint']} » ?" if m["hint"] else "")
        ),
    ),
    _rule(
        _DOC + r"a link '(?P<link>.*?)', but the target is not found among documentation files\."
        r"(?: Did you mean '(?P<hint>.*?)'\?)?",
        lambda m: (
            f"La page « {m['page']} » contient le lien « {m['link']} », dont la cible n'existe pas dans docs/."
            + (f" Vouliez-vous écrire « {m['hint']} » ?" if m["hint"] else "")
        ),
    ),
    _rule(
        _DOC + r"a link '(?P<link>.*?)', but the doc '(?P<target>.*?)' does not contain an anchor '(?P<a>.*?)'\.",
        r"La page « \g<page> » contient le lien « \g<link> », mais la page « \g<target> » n'a pas d'ancre « \g<a> ».",
    ),
    _rule(
        _DOC + r"a link '(?P<link>.*?)', but there is no such anchor on this page\."
        r"(?P<note> This seems to be a footnote that is never referenced\.)?",
        lambda m: (
            f"La page « {m['page']} » contient le lien « {m['link']} », mais cette ancre n'existe pas sur la page."
            + (" C'est sans doute une note de bas de page jamais appelée dans le texte." if m["note"] else "")
        ),
    ),
    _rule(
        _DOC + r"an absolute link '(?P<link>.*?)', it was left as is\.",
        r"La page « \g<page> » contient le lien absolu « \g<link> », laissé tel quel.",
    ),
    _rule(
        _DOC
        + r"an unrecognized relative link '(?P<link>.*?)', it was left as is\.(?: Did you mean '(?P<hint>.*?)'\?)?",
        lambda m: (
            f"La page « {m['page']} » contient le lien relatif « {m['link']} », qui ne mène à aucun fichier "
            "(laissé tel quel)." + (f" Vouliez-vous écrire « {m['hint']} » ?" if m["hint"] else "")
        ),
    ),
    _rule(
        _DOC + r"a link to '(?P<target>.*?)' which is excluded from the built site\.",
        r"La page « \g<page> » contient un lien vers « \g<target> », qui est exclue du site construit.",
    ),
    _rule(
        r"Excluding '(?P<a>.*?)' from the site because it conflicts with '(?P<b>.*?)'\.",
        r"« \g<a> » n'est pas publiée : elle aurait la même adresse que « \g<b> ».",
    ),
    # the navigation (mkdocs.yml, nav:)
    _rule(
        r'The following pages exist in the docs directory, but are not included in the "nav" configuration:'
        r"(?P<list>.*)",
        r"Ces pages de docs/ ne sont pas dans la navigation (nav: de mkdocs.yml) :\g<list>",
    ),
    _rule(
        r"A reference to '(?P<link>.*?)' is included in the 'nav' configuration, which is not found in the "
        r"documentation files\.",
        r"La navigation (nav: de mkdocs.yml) mène à « \g<link> », qui n'existe pas dans docs/.",
    ),
    _rule(
        r"A reference to '(?P<link>.*?)' is included in the 'nav' configuration, but this file is excluded from "
        r"the built site\.",
        r"La navigation (nav: de mkdocs.yml) mène à « \g<link> », qui est exclue du site construit.",
    ),
    _rule(
        r"An absolute path to '(?P<link>.*?)' is included in the 'nav' configuration, which presumably points to "
        r"an external resource\.",
        r"La navigation (nav: de mkdocs.yml) contient le chemin absolu « \g<link> », sans doute hors du site.",
    ),
    # the configuration (mkdocs.yml): MkDocs' own reason follows as it wrote it
    _rule(
        r"Config value '(?P<name>.*?)': (?P<reason>.*)",
        r"mkdocs.yml, réglage « \g<name> » : \g<reason>",
    ),
    # templates of the theme
    _rule(
        r"Template skipped: '(?P<t>.*?)' not found in theme directories\.",
        r"Gabarit « \g<t> » ignoré : absent des dossiers du thème.",
    ),
    _rule(r"Template skipped: '(?P<t>.*?)' not found in docs_dir\.", r"Gabarit « \g<t> » ignoré : absent de docs/."),
    _rule(
        r"Template skipped: '(?P<t>.*?)' generated empty output\.", r"Gabarit « \g<t> » ignoré : il ne produit rien."
    ),
    _rule(r"Error reading template '(?P<t>.*?)': (?P<e>.*)", r"Gabarit « \g<t> » illisible : \g<e>"),
    _rule(r"Page skipped: '(?P<p>.*?)'\. Generated empty output\.", r"Page « \g<p> » ignorée : elle ne produit rien."),
)


_CLOCK = re.compile(r"\[\d\d:\d\d:\d\d\] ")  # the time the preview's server puts before its lines


def french(message: str) -> str:
    """The message in French when MkDocs' wording is known, else unchanged (never hidden)."""
    clock = _CLOCK.match(message)
    text = message[clock.end() :] if clock else message
    for pattern, replacement in RULES:
        found = pattern.fullmatch(text)
        if found is not None:
            said = replacement(found) if callable(replacement) else found.expand(replacement)
            return (clock.group(0) if clock else "") + said
    return message
