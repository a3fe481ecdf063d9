# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Front matter schemas of the four sections, and the site-wide validation.

Each schema is a table of fields: whether it is required, how to check a value
and how to say in French what is expected. Validation never stops at the first
problem: members fix a page from the browser, and one build should tell them
everything that is wrong across the whole site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import operator
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from commons import frontmatter
from commons.pages import Page, Problem, as_date, load_pages
from commons.theme_meta import MATERIAL_CHECKS

PUBLICS = ("porteur-de-projet", "tiers-lieu", "coordination", "collectivité", "tous")
NIVEAUX = ("découverte", "intermédiaire", "avancé")
DESCRIPTION_MAX = 200

# Keys Material for MkDocs itself understands; allowed on every page, in the shape Material expects.
MATERIAL_KEYS = frozenset(MATERIAL_CHECKS)

Check = Callable[[Any], str | None]  # returns None when valid, else what is expected


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return None
    return "un texte non vide"


def _description(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"une phrase de {DESCRIPTION_MAX} caractères au plus"
    if len(value) > DESCRIPTION_MAX:
        return f"une phrase de {DESCRIPTION_MAX} caractères au plus (elle en fait {len(value)} ; raccourcissez-la)"
    return None


def _text_list(value: Any) -> str | None:
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return None
    return "une liste de textes non vide, par exemple [gouvernance, économie]"


def _optional_text_list(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return None
    return "une liste de textes, par exemple [Camille Martin, Sacha Dupont]"


def _one_of_list(allowed: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, list) and value and all(v in allowed for v in value):
            return None
        expected = "une liste prise parmi : " + ", ".join(allowed)
        if isinstance(value, list):
            wrong = [str(v) for v in value if v not in allowed]
            if wrong:
                return expected + " (valeur inconnue : " + ", ".join(f"« {w} »" for w in wrong) + ")"
        return expected

    return check


def _one_of(allowed: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        return None if value in allowed else "une valeur parmi : " + ", ".join(allowed)

    return check


def _positive_int(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return None
    return "un nombre entier à partir de 1, par exemple 3"


def _iso_hint(value: Any) -> str:
    """For a French-style date (14/03/2027), the ISO spelling to write instead."""
    match = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", str(value))
    if not match:
        return ""
    day, month, year = (int(g) for g in match.groups())
    try:
        return f" : écrivez {dt.date(year, month, day).isoformat()}"
    except ValueError:
        return ""


def _date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return None
    return "une date au format AAAA-MM-JJ, sans guillemets, par exemple 2026-03-14" + _iso_hint(value)


def _date_or_datetime(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return None
    return (
        "une date AAAA-MM-JJ (par exemple 2026-03-14) ou une date et une heure "
        "AAAA-MM-JJTHH:MM:SS (par exemple 2026-03-14T14:00:00, heure de Paris), sans guillemets"
    ) + _iso_hint(value)


def _version(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return None
    return 'un numéro de version entre guillemets, par exemple "1.0"'


def _url(value: Any) -> str | None:
    if isinstance(value, str):
        parsed = urlparse(value)
        if parsed.scheme in ("http", "https") and parsed.netloc:
            return None
    return "une adresse web complète commençant par https://"


def _title(value: Any) -> str | None:
    if isinstance(value, str) and value.strip() and not any(c in value for c in "#<>[]|{}"):
        return None
    return "le titre exact de la page sur Movilab, sans les caractères # < > [ ] | { }"


@dataclass(frozen=True)
class Field:
    required: bool
    check: Check


COMMON_OPTIONAL = {
    "title": Field(False, _text),
    "description": Field(False, _description),
    "auteurs": Field(False, _optional_text_list),
    "sources": Field(False, lambda v: None),  # checked against the bibliography below
    "movilab": Field(False, _title),
    "wiki": Field(
        False, lambda v: None if isinstance(v, dict) else "un ensemble de champs (écrit par la synchronisation)"
    ),
}

SCHEMAS: dict[str, dict[str, Field]] = {
    "page": dict(COMMON_OPTIONAL),
    "fiche": {
        **COMMON_OPTIONAL,
        "title": Field(True, _text),
        "description": Field(True, _description),
        "thèmes": Field(True, _text_list),
        "public": Field(True, _one_of_list(PUBLICS)),
        "niveau": Field(False, _one_of(NIVEAUX)),
        "sources": Field(True, lambda v: None),
    },
    "kit": {
        **COMMON_OPTIONAL,
        "title": Field(True, _text),
        "description": Field(True, _description),
        "ordre": Field(True, _positive_int),
        "sources": Field(True, lambda v: None),
    },
    "webinaire": {
        **COMMON_OPTIONAL,
        "title": Field(True, _text),
        "date": Field(True, _date_or_datetime),
        "duree": Field(False, _positive_int),
        "intervenants": Field(True, lambda v: None),  # checked item by item below
        "thèmes": Field(True, _text_list),
        "replay": Field(False, _url),
        "support": Field(False, _url),
        "inscription": Field(False, _url),
        "sources": Field(True, lambda v: None),
    },
    "charte": {
        **COMMON_OPTIONAL,
        "title": Field(True, _text),
        "description": Field(True, _description),
        "version": Field(True, _version),
        "adoption": Field(True, _date),
    },
}

KIND_LABELS = {
    "fiche": "une fiche de la boîte à outils",
    "kit": "une page du kit d'accueil",
    "webinaire": "un webinaire",
    "charte": "une charte",
    "page": "une page",
}


def load_bibliography(path: Path) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """The site's bibliography (docs/sources.yml): key -> reference with at least a titre."""
    if not os.path.lexists(path):
        return {}, []
    rel = path.name
    try:
        data = frontmatter.load_data(frontmatter.read_text(path, path=rel), path=rel) or {}
    except frontmatter.FrontMatterError as exc:
        return {}, [Problem(rel, exc.line or 1, None, exc.message)]
    problems = []
    if not isinstance(data, dict):
        return {}, [Problem(rel, 1, None, "attendu : une liste de références « clé: {titre: …} »")]
    for key, ref in data.items():
        if not isinstance(ref, dict) or _text(ref.get("titre")):
            problems.append(Problem(rel, 1, str(key), "chaque référence doit avoir au moins un « titre »"))
        elif "url" in ref and _url(ref["url"]):
            problems.append(Problem(rel, 1, str(key), f"« url » : attendu {_url(ref['url'])}."))
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}, problems


def _check_sources(page: Page, value: Any, bibliography: dict[str, Any]) -> list[Problem]:
    expected = (
        "une liste de clés de docs/sources.yml ("
        + ", ".join(sorted(bibliography)[:6])
        + ") ou de références {titre: …, url: …}"
    )
    if not isinstance(value, list) or not value:
        return [Problem(page.path, page.line_of("sources"), "sources", f"attendu : {expected}.")]
    problems = []
    for i, item in enumerate(value):
        line = page.lines.get(f"sources[{i}]", page.line_of("sources"))
        if isinstance(item, str):
            if item not in bibliography:
                near = difflib.get_close_matches(item, list(bibliography), n=1)
                hint = f" Vouliez-vous dire « {near[0]} » ?" if near else " Ajoutez-la à docs/sources.yml."
                problems.append(Problem(page.path, line, "sources", f"source inconnue « {item} ».{hint}"))
        elif isinstance(item, dict):
            if _text(item.get("titre")):
                problems.append(Problem(page.path, line, "sources", "une référence doit avoir un « titre »."))
            if "url" in item and _url(item["url"]):
                problems.append(Problem(page.path, line, "sources", f"« url » : attendu {_url(item['url'])}."))
        else:
            problems.append(Problem(page.path, line, "sources", f"attendu : {expected}."))
    return problems


def _check_intervenants(page: Page, value: Any) -> list[Problem]:
    example = "une liste de personnes, chacune avec « nom » (et « structure » si elle est connue)"
    if not isinstance(value, list) or not value:
        return [Problem(page.path, page.line_of("intervenants"), "intervenants", f"attendu : {example}.")]
    problems = []
    for i, item in enumerate(value):
        line = page.lines.get(f"intervenants[{i}]", page.line_of("intervenants"))
        if not isinstance(item, dict) or _text(item.get("nom")):
            problems.append(Problem(page.path, line, "intervenants", f"attendu : {example}."))
            continue
        unknown = set(item) - {"nom", "structure"}
        if unknown:
            problems.append(
                Problem(
                    page.path,
                    line,
                    "intervenants",
                    f"champ inconnu « {sorted(unknown)[0]} » (attendu : nom, structure).",
                )
            )
        if "structure" in item and _text(item["structure"]):
            problems.append(Problem(page.path, line, "intervenants", "« structure » doit être un texte."))
    return problems


def validate_page(page: Page, bibliography: dict[str, Any]) -> list[Problem]:
    """Every problem of one page's front matter, each with its line and the fix."""
    if not page.readable:  # already reported; its fields are unknown, not missing
        return []
    schema = SCHEMAS[page.kind]
    problems: list[Problem] = []
    meta = page.meta
    for name, spec in schema.items():
        if spec.required and name not in meta:
            problems.append(
                Problem(
                    page.path,
                    1,
                    name,
                    f"champ obligatoire manquant pour {KIND_LABELS[page.kind]}. "
                    f"Ajoutez-le dans l'en-tête entre les lignes « --- », par exemple : {_example(name, bibliography)}",
                )
            )
    for name, value in meta.items():
        line = page.line_of(str(name))
        if name not in schema:
            if name in MATERIAL_KEYS:
                expected = MATERIAL_CHECKS[str(name)](value)
                if expected:
                    problems.append(
                        Problem(page.path, line, str(name), f"attendu : {expected} ; trouvé : {_show(value)}.")
                    )
                continue
            near = difflib.get_close_matches(str(name), list(schema), n=1, cutoff=0.6)
            hint = f"Vouliez-vous dire « {near[0]} » ?" if near else "Champs possibles : " + ", ".join(schema) + "."
            problems.append(Problem(page.path, line, str(name), f"champ inconnu pour {KIND_LABELS[page.kind]}. {hint}"))
            continue
        if name == "sources":
            problems.extend(_check_sources(page, value, bibliography))
        elif name == "intervenants":
            problems.extend(_check_intervenants(page, value))
        else:
            expected = schema[name].check(value)
            if expected:
                problems.append(Problem(page.path, line, str(name), f"attendu : {expected} ; trouvé : {_show(value)}."))
    return problems


EXAMPLES = {
    "title": "title: Le budget contributif",
    "description": "description: Une phrase qui résume la page.",
    "thèmes": "thèmes: [gouvernance, économie]",
    "public": "public: [tiers-lieu]",
    "ordre": "ordre: 3",
    "date": "date: 2027-03-11",
    "intervenants": "intervenants: [{nom: Camille Martin, structure: La Ressourcerie}]",
    "version": 'version: "1.0"',
    "adoption": "adoption: 2026-01-15",
}


def _example(name: str, bibliography: dict[str, Any]) -> str:
    if name == "sources":
        key = next(iter(bibliography), None)
        return f"sources: [{key}]" if key else 'sources: [{titre: "Compte rendu de la rencontre", url: "https://…"}]'
    return EXAMPLES.get(name, f"{name}: …")


def _show(value: Any) -> str:
    if value is None:
        return "rien"
    text = repr(value) if not isinstance(value, str) else f"« {value} »"
    return text if len(text) <= 60 else text[:57] + "…"


def validate_site(docs_dir: Path) -> tuple[dict[str, Page], list[Problem]]:
    """Load and validate every page; the problems come sorted by file and line.

    The pages returned keep only the fields that passed validation (a page
    whose header could not be read keeps none), so that every hook and
    template after validation can trust the type of what it reads, and a page
    with a wrong value still builds in a preview, where its problems are shown.
    """
    key = docs_dir.resolve()
    pages, parse_problems = load_pages(docs_dir)
    sources = docs_dir / "sources.yml"
    # The very Page objects load_pages handed out (it makes new ones for a changed site), kept
    # referenced by the cache so that identity is a safe test.
    fingerprint = (tuple(pages.values()), _stamp(sources))
    cached = _validated.get(key)
    if cached and _same(cached[0], fingerprint):
        return dict(cached[1]), list(cached[2])
    bibliography, problems = load_bibliography(sources)
    problems.extend(parse_problems)
    for page in pages.values():
        problems.extend(validate_page(page, bibliography))
    for page in pages.values():
        problems.extend(_check_file_name(page))
    problems.extend(_duplicates(pages, "ordre", "kit", lambda v: v))
    problems.extend(_duplicates(pages, "movilab", None, _wiki_title_key))
    problems.sort(key=lambda p: (p.path, p.line, p.field or ""))
    checked = {path: _only_valid(page, problems) for path, page in pages.items()}
    _validated[key] = (fingerprint, checked, problems)
    return dict(checked), list(problems)


# validate_site runs in several hooks of one build: once per state of the pages and of sources.yml.
_validated: dict[Path, tuple[Any, dict[str, Page], list[Problem]]] = {}


def _same(old: Any, new: Any) -> bool:
    (old_pages, old_stamp), (new_pages, new_stamp) = old, new
    return old_stamp == new_stamp and len(old_pages) == len(new_pages) and all(map(operator.is_, old_pages, new_pages))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.lstat()
    except OSError:
        return (0, -1)
    return (info.st_mtime_ns, info.st_size)


def _only_valid(page: Page, problems: list[Problem]) -> Page:
    """A copy of the page holding only the known fields that have no problem."""
    if not page.readable:
        return dataclasses.replace(page, meta={})
    bad = {p.field for p in problems if p.path == page.path and p.field}
    known = SCHEMAS[page.kind].keys() | MATERIAL_KEYS
    meta = {k: v for k, v in page.meta.items() if isinstance(k, str) and k in known and k not in bad}
    return page if meta == page.meta else dataclasses.replace(page, meta=meta)


def _duplicates(pages: dict[str, Page], field: str, kind: str | None, normalise: Callable[[Any], Any]) -> list[Problem]:
    """Pages sharing a value that must be unique: each of them is told about the others.

    Which file is "the duplicate" is unknown (the last edited one, usually), so
    every file involved is named and the member picks which to change.
    """
    groups: dict[Any, list[Page]] = {}
    for page in pages.values():
        value = page.meta.get(field)
        if (kind and page.kind != kind) or value is None or isinstance(value, (dict, list)):
            continue
        groups.setdefault(normalise(value), []).append(page)
    problems = []
    for same in groups.values():
        if len(same) < 2:
            continue
        for page in same:
            others = ", ".join(p.path for p in same if p is not page)
            value = page.meta[field]
            if field == "ordre":
                message = f"le numéro {value} est aussi celui de {others} : donnez à chaque page un numéro différent."
            else:
                message = (
                    f"la page Movilab « {value} » est aussi liée à {others} : une page wiki ne peut "
                    "refléter qu'un seul fichier."
                )
            problems.append(Problem(page.path, page.line_of(field), field, message))
    return problems


def _wiki_title_key(title: Any) -> str:
    key = str(title).strip().replace("_", " ")
    return key[:1].upper() + key[1:]  # MediaWiki ignores the case of a title's first letter


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.md")


def _check_file_name(page: Page) -> list[Problem]:
    """Section pages need web-safe names (they become addresses); webinars start with their date."""
    if page.kind == "page":
        return []
    name = page.path.rsplit("/", 1)[-1]
    problems = []
    if not SLUG.fullmatch(name):
        problems.append(
            Problem(
                page.path,
                1,
                None,
                "le nom du fichier devient l'adresse de la page : utilisez des minuscules sans accents, "
                "des chiffres et des tirets, par exemple prix-libre.md.",
            )
        )
    if page.kind == "webinaire" and page.readable:
        date = page.meta.get("date")
        if isinstance(date, dt.date) and name[:10] != (day := (as_date(date) or date).isoformat()):
            rest = name[11:] if re.match(r"\d{4}-\d{2}-\d{2}-", name) else name
            problems.append(
                Problem(
                    page.path,
                    page.line_of("date"),
                    "date",
                    f"le nom du fichier doit commencer par la date du webinaire : renommez-le {day}-{rest} "
                    "(ou corrigez la date).",
                )
            )
    return problems


def problem_for_page(problem: Problem) -> str:
    """A problem as shown on its own page: the line and field, without repeating the file."""
    where = f"ligne {problem.line}" + (f", champ « {problem.field} »" if problem.field else "")
    return f"{where} : {problem.message}"


def format_report(problems: list[Problem]) -> str:
    """One French report for the whole site, grouped by file."""
    files = sorted({p.path for p in problems})
    lines = [f"{len(problems)} problème(s) dans {len(files)} fichier(s) de docs/ :"]
    lines += [f"  - {p}" for p in problems]
    lines.append("Le format de chaque champ est décrit dans CONTRIBUTING.md, section « Référence des en-têtes ».")
    return "\n".join(lines)
