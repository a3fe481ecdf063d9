# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""MkDocs' own English lines, said in French (the wording of hooks/french.py).

Why: a member whose page breaks the build reads our French report, then MkDocs' "Aborted with a
BuildError!"; a coordinator previewing the site reads "Building documentation…", "Serving on…".
Each English line MkDocs 1.6 writes for a build, a preview or a member's mistake is listed here
with the same information in French (file names, links, counts, addresses, durations are carried
over as they are). A line not listed stays as MkDocs wrote it rather than be hidden.
The reasons MkDocs gives for a wrong setting of mkdocs.yml, a mkdocs.yml that is not YAML, and an
exception that stops a build (a page that crashes Python-Markdown) are said here too.
Plain Python: devtools/mkdocs_fr.py (what ./dev runs) applies it to MkDocs' console from the start,
before mkdocs.yml is read; hooks/french.py does the same for a plain `mkdocs` once the hooks load.
"""

from __future__ import annotations

import errno
import logging
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from commons.frontmatter import FrontMatterError, decode_page
from commons.os_french import path_refused

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


def _unquoted(text: str) -> str:
    return text.replace("'", "")


_Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


def _rule(pattern: str, french: str | Callable[[re.Match[str]], str]) -> _Rule:
    return re.compile(pattern, re.S), french


def _say(rules: tuple[_Rule, ...], text: str) -> str | None:
    """The French of the first rule whose pattern matches the whole text, or None."""
    for pattern, replacement in rules:
        found = pattern.fullmatch(text)
        if found is not None:
            return replacement(found) if callable(replacement) else found.expand(replacement)
    return None


# Python's names of the types a setting may have, as a member reads them.
_TYPES = {
    "str": "un texte",
    "list": "une liste",
    "tuple": "une liste",
    "dict": "des réglages « nom: valeur »",
    "bool": "true ou false",
    "int": "un nombre entier",
    "float": "un nombre",
    "NoneType": "une valeur vide",
}


def _types(text: str) -> str:
    names = re.findall(r"<class '(?:\w+\.)*(\w+)'>", text)
    return " ou ".join(dict.fromkeys(_TYPES.get(name, name) for name in names)) or text


_CONFIG_REASONS: tuple[_Rule, ...] = (
    _rule(
        r"Expected type: (?P<want>.*?) but received: (?P<got>.*)",
        lambda m: f"attendu : {_types(m['want'])} ; trouvé : {_types(m['got'])}.",
    ),
    _rule(
        r"Expected type: (?P<want>.*?) for keys, but received: (?P<got>.*?) \(key=(?P<key>.*)\)",
        lambda m: f"le nom « {m['key']} » doit être {_types(m['want'])}, pas {_types(m['got'])}.",
    ),
    _rule(
        r"Expected a list of items, but a (?P<got>.*) was given\.",
        lambda m: f"attendu : une liste ; trouvé : {_types(m['got'])}.",
    ),
    _rule(
        r"Expected a dict of items, but a (?P<got>.*) was given\.",
        lambda m: f"attendu : des réglages « nom: valeur » ; trouvé : {_types(m['got'])}.",
    ),
    _rule(r"Expected a string, got (?P<got>.*)", lambda m: f"attendu : un texte ; trouvé : {_types(m['got'])}."),
    _rule(
        r"Expected one of: (?P<want>.*?) but received: (?P<got>.*)",
        r"attendu : l'une des valeurs \g<want> ; trouvé : \g<got>.",
    ),
    _rule(r"Required configuration not provided\.", "ce réglage est obligatoire : ajoutez-le."),
    # dev_addr (mkdocs.yml, or -a of ./dev site)
    _rule(
        r"Must be a string of format 'IP:PORT'",
        "attendu : une adresse de la forme IP:PORT, par exemple 127.0.0.1:8000.",
    ),
    _rule(
        r"'(?P<port>.*)' is not a valid port",
        r"« \g<port> » n'est pas un numéro de port (attendu : IP:PORT, par exemple 127.0.0.1:8000).",
    ),
    _rule(
        r"'(?P<host>.*)' does not appear to be an IPv4 or IPv6 address",
        r"« \g<host> » n'est pas une adresse IP (attendu : IP:PORT, par exemple 127.0.0.1:8000, ou localhost:PORT).",
    ),
    _rule(
        r"Unrecognised configuration name: (?P<name>.*)",
        r"réglage inconnu de MkDocs, ignoré : vérifiez son orthographe et son indentation.",
    ),
    _rule(r"The path '(?P<path>.*?)' isn't an existing (?P<kind>.*)\.", r"le chemin « \g<path> » n'existe pas."),
    _rule(
        r"The \"(?P<name>.*?)\" plugin is not installed",
        r"le greffon « \g<name> » n'est pas installé (lancez ./dev site ou ./dev build, qui l'installent).",
    ),
    _rule(r"'(?P<name>.*?)' is not a valid plugin name\.", r"« \g<name> » n'est pas un nom de greffon valable."),
    _rule(r"Unrecognised theme name: '(?P<name>.*?)'\..*", r"thème « \g<name> » inconnu (celui du site est material)."),
    _rule(
        r"Expected nav to be a list, got (?P<got>.*)",
        r"la navigation doit être une liste (lignes « - ») ; trouvé : \g<got>.",
    ),
    _rule(
        r"Expected nav item to be a (?:dict of size 1|string or dict), got (?P<got>.*)",
        r"chaque entrée de la navigation s'écrit « - Titre: page.md » ou « - page.md » ; trouvé : \g<got>.",
    ),
    _rule(
        r"Sub-option '(?P<key>.*?)': (?P<reason>.*)",
        lambda m: f"sous-réglage « {m['key']} » : {config_reason(m['reason'])}",
    ),
    _rule(
        r"Plugin '(?P<name>.*?)' option '(?P<key>.*?)': (?P<reason>.*)",
        lambda m: f"greffon « {m['name']} », réglage « {m['key']} » : {config_reason(m['reason'])}",
    ),
    _rule(
        r"Plugin '(?P<name>.*?)': (?P<reason>.*)", lambda m: f"greffon « {m['name']} » : {config_reason(m['reason'])}"
    ),
)


def config_reason(reason: str) -> str:
    """Why MkDocs refused a setting of mkdocs.yml, in French (MkDocs' own words kept, marked, if unknown)."""
    said = _say(_CONFIG_REASONS, reason.strip())
    return said if said is not None else f"valeur refusée par MkDocs (son message : {reason.strip()})."


_TOO_DEEP = re.compile(r"maximum recursion depth exceeded.*", re.S)


def page_reason(reason: str) -> str:
    """What stopped MkDocs on a page, in French: the text of the exception it appended to its line."""
    text = reason.strip()
    if not text:
        return ""
    if _TOO_DEEP.fullmatch(text):
        return (
            " la page est imbriquée trop profondément pour être lue (des listes, citations ou blocs les uns dans "
            "les autres, sur des centaines de niveaux) : réduisez l'imbrication."
        )
    return f" erreur inattendue en la lisant (message d'origine : {text}). Signalez-la avec cette page."


# The address of the local preview (./dev site, -a), when the system refuses it to MkDocs' server.
_PREVIEW_ADDRESS = {
    errno.EADDRINUSE: (
        "le port du site local est déjà pris, sans doute par un autre aperçu (./dev site) encore ouvert : "
        "arrêtez-le (Ctrl-C dans sa fenêtre) ou choisissez un autre port, par exemple ./dev site -a 127.0.0.1:8001."
    ),
    errno.EADDRNOTAVAIL: (
        "cette adresse n'est pas celle de cet ordinateur : gardez 127.0.0.1 et changez le port si besoin, "
        "par exemple ./dev site -a 127.0.0.1:8001."
    ),
}


def stopped(error: BaseException) -> str:
    """The last line of a build stopped by an exception no one caught (MkDocs' traceback, said in French)."""
    if isinstance(error, RecursionError):
        return "Construction arrêtée : une page est imbriquée trop profondément pour être lue (voir ci-dessus)."
    if isinstance(error, MemoryError):
        return "Construction arrêtée : mémoire insuffisante (une page ou un fichier trop gros ? voir ci-dessus)."
    if isinstance(error, OSError) and error.filename is None and error.errno in _PREVIEW_ADDRESS:
        return f"Aperçu arrêté : {_PREVIEW_ADDRESS[error.errno]}"
    if isinstance(error, OSError) and error.filename is not None:  # e.g. ./dev build /a/folder/not/writable
        return "Construction arrêtée : impossible d'utiliser " + path_refused(error.filename, error)
    return (
        f"Construction arrêtée par une erreur inattendue ({type(error).__name__} : {error}). Si une page est "
        "nommée ci-dessus, c'est elle ; sinon, signalez l'erreur aux responsables du site avec ce message."
    )


def config_file_error(message: str, cause: BaseException | None, hint: Callable[[str], str]) -> str:
    """MkDocs' "Error: …" about mkdocs.yml itself (not YAML, missing, not a mapping), in French.

    cause: the exception MkDocs was handling (PyYAML's, with the line); hint: the project's advice for
    a YAML mistake (commons.frontmatter says the same for a page's header)."""
    mark = getattr(cause, "problem_mark", None)
    if isinstance(cause, yaml.reader.ReaderError) and cause.encoding not in (None, "unicode"):
        # Not UTF-8 (saved in Latin-1, say): PyYAML gives a byte position; say the line, as for a page.
        try:
            decode_page(Path(cause.name).read_bytes(), path=cause.name)
        except FrontMatterError as refused:
            return f"{refused} Rien n'a été construit."
        except OSError:
            pass  # gone since MkDocs read it: its own message follows
    if message.startswith("MkDocs encountered an error parsing the configuration file") and mark is not None:
        reason = f"{getattr(cause, 'problem', '') or ''} {getattr(cause, 'context', '') or ''}"
        return (
            f"{mark.name}, ligne {mark.line + 1} : le fichier de réglages est illisible (YAML mal formé) : "
            f"{hint(reason)}. Rien n'a été construit."
        )
    missing = re.fullmatch(r"Config file '(?P<path>.*)' does not exist\.", message)
    if missing:
        return (
            f"Fichier de réglages introuvable : {missing['path']}. Lancez la commande depuis le dossier du site "
            "(celui qui contient mkdocs.yml)."
        )
    if message.startswith("The configuration is invalid. Expected a key-value mapping"):
        return "mkdocs.yml doit contenir des réglages « nom: valeur », un par ligne. Rien n'a été construit."
    return f"Erreur : {french(message)}"


INTERRUPTED = "Arrêté à la demande (Ctrl-C)."

# What click says of a file or folder given on the command line (os.strerror's words and its own).
_PATH_REASONS = {
    "Is a directory": "est un dossier, pas un fichier",
    "Permission denied": "ne peut pas être lu (droits insuffisants)",
    "does not exist": "n'existe pas",
    "is a file": "est un fichier, pas un dossier",
    "is a directory": "est un dossier, pas un fichier",
    "is not readable": "ne peut pas être lu (droits insuffisants)",
    "is not writable": "ne peut pas être modifié (droits insuffisants)",
    "is not executable": "ne peut pas être exécuté",
}


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
    # the command line (click's words, after "Erreur :")
    _rule(
        r"No such option:? '?(?P<opt>[^'\s]+?)'?\.?(?: \(?Did you mean (?:one of: )?(?P<hint>.*?)\?\)?)?",
        lambda m: (
            f"option inconnue « {m['opt']} »"
            + (f" ; vouliez-vous écrire {_unquoted(m['hint'])} ?" if m["hint"] else ".")
        ),
    ),
    _rule(
        r"No such command '(?P<cmd>.*?)'\.(?: Did you mean '(?P<hint>.*?)'\?)?",
        r"commande inconnue « \g<cmd> » (les commandes sont build et serve).",
    ),
    _rule(r"Got unexpected extra arguments? \((?P<args>.*)\)", r"argument en trop : \g<args>"),
    _rule(
        r"Invalid value for (?P<opt>.*?): '(?P<path>.*?)': No such file or directory",
        r"fichier ou dossier introuvable pour l'option \g<opt> : « \g<path> »",
    ),
    _rule(
        r"Invalid value for (?P<opt>.*?): '(?P<path>.*?)': (?P<why>Is a directory|Permission denied)",
        lambda m: f"le fichier « {m['path']} » de l'option {m['opt']} {_PATH_REASONS[m['why']]}.",
    ),
    _rule(
        r"Invalid value for (?P<opt>.*?): (?:File|Directory|Path) '(?P<path>.*?)' (?P<why>does not exist|is a file|"
        r"is a directory|is not readable|is not writable|is not executable)\.",
        lambda m: f"le chemin « {m['path']} » de l'option {m['opt']} {_PATH_REASONS[m['why']]}.",
    ),
    _rule(
        r"Invalid value for (?P<opt>.*?): '(?P<value>.*?)' is not (?:one of )?(?P<choices>'.*')\.",
        lambda m: (
            f"valeur « {m['value']} » refusée pour l'option {m['opt']} (valeurs possibles : "
            f"{m['choices'].replace(chr(39), '')})."
        ),
    ),
    _rule(
        r"Invalid value for (?P<opt>.*?): (?P<reason>.*)",
        r"valeur refusée pour l'option \g<opt> (message de click : \g<reason>)",
    ),
    _rule(r"Option '(?P<opt>.*?)' requires an argument\.", r"l'option « \g<opt> » attend une valeur."),
    _rule(
        r"Option '(?P<opt>.*?)' does not take a value\.",
        r"l'option « \g<opt> » ne prend pas de valeur : écrivez-la seule, sans « = ».",
    ),
    _rule(r"Missing (?:argument|option|parameter) '?(?P<name>.*?)'?\.", r"il manque « \g<name> »."),
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
        r"Serving on (?P<url>\S+) and opening it in a browser",
        r"Site visible sur \g<url> (ouvert dans le navigateur ; Ctrl-C pour arrêter)",
    ),
    _rule(r"Serving on (?P<url>\S+)", r"Site visible sur \g<url> (Ctrl-C pour arrêter)"),
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
    _rule(
        r"Error reading page '(?P<page>.*?)':(?P<rest>.*)",
        lambda m: f"Erreur à la lecture de la page « {m['page']} » :{page_reason(m['rest'])}",
    ),
    _rule(
        r"Error building page '(?P<page>.*?)':(?P<rest>.*)",
        lambda m: f"Erreur à l'écriture de la page « {m['page']} » :{page_reason(m['rest'])}",
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
        r"Config value 'dev_addr': (?P<reason>.*)",
        lambda m: f"adresse du site local (option -a, ou dev_addr de mkdocs.yml) : {config_reason(m['reason'])}",
    ),
    _rule(
        r"Config value '(?P<name>.*?)': (?P<reason>.*)",
        lambda m: f"mkdocs.yml, réglage « {m['name']} » : {config_reason(m['reason'])}",
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


# `--help` of MkDocs' command line (mkdocs 1.6, click 8): click's words and MkDocs' descriptions of its
# commands and of the options of build and serve (those ./dev build and ./dev site pass on).
HELP = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "[OPTIONS] COMMAND [ARGS]...": "[OPTIONS] COMMANDE [ARGUMENTS]...",
    "Show this message and exit.": "afficher cette aide et quitter",
    "Show the version and exit.": "afficher la version et quitter",
    "MkDocs - Project documentation with Markdown.": "MkDocs : le site construit à partir des pages Markdown de docs/.",
    "Run the builtin development server.": "Affiche le site en local, reconstruit à chaque enregistrement d'un fichier.",
    "Build the MkDocs documentation.": "Construit le site.",
    "Deploy your documentation to GitHub Pages.": "Publie le site sur GitHub Pages.",
    "Show required PyPI packages inferred from plugins in mkdocs.yml.": (
        "Liste les paquets PyPI que demandent les greffons de mkdocs.yml."
    ),
    "Create a new MkDocs project.": "Crée un nouveau projet MkDocs.",
    "Silence warnings": "taire les avertissements",
    "Enable verbose output": "dire le détail de chaque étape",
    "Force enable or disable color and wrapping for the output. Default is auto-detect.": (
        "forcer ou empêcher les couleurs et le retour à la ligne (par défaut : selon le terminal)"
    ),
    "IP address and port to serve documentation locally (default: localhost:8000)": (
        "adresse IP et port du site local (localhost:8000 par défaut ; ./dev site donne 127.0.0.1:8000)"
    ),
    "Open the website in a Web browser after the initial build finishes.": (
        "ouvrir le site dans le navigateur après la première construction"
    ),
    "Disable the live reloading in the development server.": (
        "ne pas recharger les pages ouvertes à chaque enregistrement"
    ),
    "Only re-build files that have changed.": "ne reconstruire que les fichiers modifiés",
    "Build the site without any effects of `mkdocs serve` - pure `mkdocs build`, then serve.": (
        "construire le site tel que le construit `mkdocs build`, sans rien de propre à l'aperçu, puis l'afficher"
    ),
    "Include the theme in list of files to watch for live reloading. Ignored when live reload is not used.": (
        "surveiller aussi les fichiers du thème (sans effet avec --no-livereload)"
    ),
    "A directory or file to watch for live reloading. Can be supplied multiple times.": (
        "un dossier ou un fichier de plus à surveiller (option répétable)"
    ),
    "Provide a specific MkDocs config. This can be a file name, or '-' to read from stdin.": (
        "le fichier de réglages à lire (mkdocs.yml par défaut ; « - » : l'entrée standard)"
    ),
    "Enable strict mode. This will cause MkDocs to abort the build on any warnings.": (
        "mode strict : le moindre avertissement arrête la construction"
    ),
    "The theme to use when building your documentation.": "le thème (celui du site est material)",
    "Use directory URLs when building pages (the default).": (
        "des adresses en dossiers, page/ plutôt que page.html (par défaut)"
    ),
    "Remove old files from the site_dir before building (the default).": (
        "vider le dossier du site avant de construire (par défaut)"
    ),
    "The directory to output the result of the documentation build.": "le dossier où écrire le site construit",
}
_METAVARS = {"PATH": "CHEMIN", "FILENAME": "FICHIER"}


def help_text(text: str) -> str:
    """A text of `--help` in French when it is known (also when click cut it short with "..."), else unchanged."""
    if text in HELP:
        return HELP[text]
    if text.endswith("...") and len(text) > 3:
        whole = next((english for english in HELP if english.startswith(text[:-3])), None)
        if whole is not None:
            return HELP[whole]
    return text


def help_option(names: str) -> str:
    """An option as `--help` lists it ("-w, --watch PATH"), its kind of value in French."""
    return re.sub(r"\b[A-Z]+$", lambda m: _METAVARS.get(m.group(0), m.group(0)), names)


_CLOCK = re.compile(r"\[\d\d:\d\d:\d\d\] ")  # the time the preview's server puts before its lines


def french(message: str) -> str:
    """The message in French when MkDocs' wording is known, else unchanged (never hidden)."""
    clock = _CLOCK.match(message)
    text = message[clock.end() :] if clock else message
    said = _say(RULES, text)
    return message if said is None else (clock.group(0) if clock else "") + said


_CONSOLE = "MkDocsStreamHandler"  # the name of the console handler mkdocs/__main__.py sets on the "mkdocs" logger


class FrenchConsole(logging.Filter):
    """On MkDocs' console handler: each known line and level name in French, the others as they are."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        said = french(message)
        if said != message:
            record.msg, record.args = said, ()
        if record.levelname in LEVELS:  # (MkDocs pads the name to 8 characters: "ATTENTION" has 9)
            name = LEVELS[record.levelname]
            record.levelname = name if len(name) < 8 else name + " "
        return True


def translate_console(handler: logging.Handler) -> None:
    """Put the French filter on MkDocs' console handler, once (a preview reloads the hooks at each rebuild)."""
    if handler.get_name() != _CONSOLE or any(isinstance(f, FrenchConsole) for f in handler.filters):
        return
    handler.addFilter(FrenchConsole())
    colors = getattr(handler.formatter, "colors", None)
    if isinstance(colors, dict):  # the same colours for the French level names
        handler.formatter.colors = {**colors, "ATTENTION ": "yellow", "ERREUR": "red"}  # type: ignore[union-attr]
