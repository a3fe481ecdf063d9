# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Front matter schemas of the four sections, and the site-wide validation.

Each schema is a table of fields: whether it is required, its type, its label
and its help. The same table drives the validation (this module), the form
editor's fields (commons/editor.py) and the reference in CONTRIBUTING.md
(commons/contributing.py), so the three cannot drift apart.

Validation never stops at the first problem: members fix a page from the
browser, and one build should tell them everything that is wrong across the
whole site. Every message says what was expected, what was found and, where it
can be guessed, the line to write instead.
"""

from __future__ import annotations

import dataclasses
import difflib
import operator
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from commons import checks, docs_tree, frontmatter, links, markdown_limits
from commons.checks import show
from commons.dates import as_day
from commons.filters import slugify
from commons.pages import Page, Problem, load_pages
from commons.templates import PLACEHOLDER_BODIES
from commons.theme_meta import MATERIAL_CHECKS

PUBLICS = checks.PUBLICS
NIVEAUX = checks.NIVEAUX
DESCRIPTION_MAX = checks.DESCRIPTION_MAX

# Keys Material for MkDocs itself understands; allowed on every page, in the shape Material expects.
MATERIAL_KEYS = frozenset(MATERIAL_CHECKS)


@dataclass(frozen=True)
class Field:
    """One front matter field: how the form shows it, what the validation accepts, what CONTRIBUTING says."""

    required: bool
    type: str  # a key of checks.CHECKS, or "speakers" / "sources" (checked item by item below)
    label: str
    help: str
    choices: tuple[str, ...] = ()

    def check(self, name: str, value: Any) -> str | None:
        """None when the value is valid, else the French message (expected, found, fix)."""
        return checks.CHECKS[self.type](name, value, self)


def _common(**overrides: Field) -> dict[str, Field]:
    fields = {
        "title": Field(False, "text", "Titre", "titre de la page, affiché en haut et dans les menus"),
        "description": Field(
            False,
            "description",
            "Résumé",
            f"une phrase de {DESCRIPTION_MAX} caractères au plus (listes, moteurs de recherche)",
        ),
        "sources": Field(
            False,
            "sources",
            "Sources",
            "les documents dont la page s'inspire : clés de `docs/sources.yml` (`[sud-evaluation-2022]`) "
            "ou références `{titre: …, url: …}` ; les références complètes s'affichent en bas de la page",
        ),
        "auteurs": Field(
            False,
            "people",
            "Autres auteurs et autrices",
            "personnes à créditer en plus des auteurs et autrices git : `[Camille Martin]`",
        ),
        "movilab": Field(
            False,
            "wiki_title",
            "Page Movilab",
            "titre de la page sur Movilab : la page est alors reflétée sur le wiki",
        ),
        "wiki": Field(
            False,
            "wiki_data",
            "Données du wiki",
            "données venues du wiki (modèle, paramètres, catégories), écrites par la synchronisation : "
            "ne pas modifier à la main",
        ),
    }
    fields.update(overrides)
    return fields


_THEMES = Field(
    True,
    "themes",
    "Thèmes",
    "un ou plusieurs thèmes, affichés comme étiquettes : `[gouvernance, économie]`",
)

SCHEMAS: dict[str, dict[str, Field]] = {
    "page": _common(),
    "fiche": {
        "title": Field(True, "text", "Titre", "titre de la fiche"),
        "description": Field(True, "description", "Résumé", f"une phrase de {DESCRIPTION_MAX} caractères au plus"),
        "thèmes": _THEMES,
        "public": Field(
            True,
            "choices",
            "Public",
            "une ou plusieurs valeurs parmi " + ", ".join(f"`{p}`" for p in PUBLICS),
            PUBLICS,
        ),
        "niveau": Field(
            False, "choice", "Niveau", " ou ".join(", ".join(f"`{n}`" for n in NIVEAUX).rsplit(", ", 1)), NIVEAUX
        ),
        **{k: v for k, v in _common().items() if k not in ("title", "description")},
        "sources": Field(True, "sources", "Sources", _common()["sources"].help),
    },
    "kit": {
        "title": Field(True, "text", "Titre", "titre de la page"),
        "description": Field(True, "description", "Résumé", f"une phrase de {DESCRIPTION_MAX} caractères au plus"),
        "ordre": Field(
            True, "order", "Place dans le parcours", "numéro dans le parcours de lecture (1, 2, 3…), sans doublon"
        ),
        **{k: v for k, v in _common().items() if k not in ("title", "description")},
        "sources": Field(True, "sources", "Sources", _common()["sources"].help),
    },
    "webinaire": {
        "title": Field(True, "text", "Titre", "titre du webinaire"),
        "date": Field(
            True,
            "when",
            "Date et heure",
            "`2027-03-11`, ou avec l'heure de Paris `2027-03-11T14:00:00` (`2027-03-11 14:00` est accepté)",
        ),
        "duree": Field(False, "minutes", "Durée (minutes)", "durée en minutes : `90`"),
        "intervenants": Field(
            True,
            "speakers",
            "Intervenants",
            "liste de personnes : `- nom: …` et, si elle est connue, `structure: …`",
        ),
        "thèmes": _THEMES,
        "description": Field(False, "description", "Résumé", "une phrase qui donne envie de venir"),
        "inscription": Field(False, "url", "Inscription", "adresse web complète (`https://…`) pour s'inscrire"),
        "replay": Field(False, "url", "Enregistrement", "adresse web complète de l'enregistrement, après la séance"),
        "support": Field(False, "url", "Diapositives", "adresse web complète des supports, après la séance"),
        **{k: v for k, v in _common().items() if k not in ("title", "description")},
    },
    "charte": {
        "title": Field(True, "text", "Titre", "titre de la charte"),
        "description": Field(True, "description", "Résumé", f"une phrase de {DESCRIPTION_MAX} caractères au plus"),
        "version": Field(True, "version", "Version", 'numéro de version entre guillemets : `"1.0"`'),
        "adoption": Field(True, "date", "Date d'adoption", "date d'adoption `AAAA-MM-JJ`"),
        **{k: v for k, v in _common().items() if k not in ("title", "description")},
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
        if not isinstance(ref, dict) or checks.text("titre", ref.get("titre"), None):
            problems.append(Problem(rel, 1, str(key), "chaque référence doit avoir au moins un « titre »"))
        elif "url" in ref and (message := checks.url("url", ref["url"], None)):
            problems.append(Problem(rel, 1, str(key), f"« url » : {message}"))
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}, problems


def valid_keys_hint(bibliography: Mapping[str, Any], limit: int = 12) -> str:
    """The source keys a member may use, as a sentence (all of them, or the first ones and a count)."""
    keys = sorted(bibliography)
    if not keys:
        return "aucune source dans docs/sources.yml pour l'instant"
    shown = ", ".join(keys[:limit])
    more = f"… ({len(keys)} en tout, voir docs/sources.yml)" if len(keys) > limit else " (docs/sources.yml)"
    return f"clés possibles : {shown}{more}"


def _sentence(text: str) -> str:
    """`text` with its first letter raised, the rest as written (str.capitalize lowers it: source keys)."""
    return text[:1].upper() + text[1:]


_INLINE = 'pour un document qui n\'y est pas, écrivez {titre: "Titre du document", url: "https://…"}'


def _check_sources(page: Page, value: Any, known: Mapping[str, Any] | None) -> list[Problem]:
    line_of = page.line_of("sources")
    bibliography = known or {}
    if isinstance(value, str) and value.strip():
        fix = "[" + ", ".join(v.strip() for v in value.split(",")) + "]"
        return [
            Problem(
                page.path,
                line_of,
                "sources",
                f"attendu : une liste entre crochets, même pour une seule source ; trouvé : {show(value)}. "
                f"Écrivez : sources: {fix}",
            )
        ]
    if not isinstance(value, list) or not value:
        return [
            Problem(
                page.path,
                line_of,
                "sources",
                f"attendu : une liste de sources ; trouvé : {show(value)}. Écrivez par exemple "
                f"sources: [clé] avec une clé de docs/sources.yml ({valid_keys_hint(bibliography)}), ou, {_INLINE}.",
            )
        ]
    problems = []
    for i, item in enumerate(value):
        line = page.lines.get(f"sources[{i}]", line_of)
        if isinstance(item, str):
            if known is not None and item not in bibliography:
                near = difflib.get_close_matches(item, list(bibliography), n=1)
                hint = f"Vouliez-vous dire « {near[0]} » ? " if near else ""
                problems.append(
                    Problem(
                        page.path,
                        line,
                        "sources",
                        f"source inconnue « {item} ». {hint}{_sentence(valid_keys_hint(bibliography))} ; {_INLINE}.",
                    )
                )
        elif isinstance(item, dict):
            if checks.text("titre", item.get("titre"), None):
                problems.append(Problem(page.path, line, "sources", "une référence doit avoir un « titre »."))
            if "url" in item and (expected := checks.url("url", item["url"], None)):
                problems.append(Problem(page.path, line, "sources", f"« url » : {expected}"))
        else:
            problems.append(
                Problem(
                    page.path,
                    line,
                    "sources",
                    f"attendu : une clé de docs/sources.yml ou une référence {{titre: …, url: …}} ; trouvé : {show(item)}.",
                )
            )
    return problems


_PERSON = "une liste de personnes, chacune sur une ligne « - nom: … » (et « structure: … » si elle est connue)"


def _check_intervenants(page: Page, value: Any) -> list[Problem]:
    line_of = page.line_of("intervenants")
    if isinstance(value, str) and value.strip():
        names = [v.strip() for v in re.split(r",| et ", value) if v.strip()]
        fix = "".join(f"\n  - nom: {n}" for n in names)
        return [
            Problem(
                page.path,
                line_of,
                "intervenants",
                f"attendu : {_PERSON} ; trouvé : {show(value)}. Écrivez :\nintervenants:{fix}",
            )
        ]
    if isinstance(value, dict):
        return [
            Problem(
                page.path,
                line_of,
                "intervenants",
                f"attendu : {_PERSON} ; trouvé : une seule personne sans tiret. Mettez « - » devant « nom: ».",
            )
        ]
    if not isinstance(value, list) or not value:
        return [Problem(page.path, line_of, "intervenants", f"attendu : {_PERSON} ; trouvé : {show(value)}.")]
    problems = []
    for i, item in enumerate(value):
        line = page.lines.get(f"intervenants[{i}]", line_of)
        if isinstance(item, str) and item.strip():
            problems.append(
                Problem(page.path, line, "intervenants", f"attendu : {_PERSON} ; écrivez « - nom: {item.strip()} ».")
            )
            continue
        if not isinstance(item, dict) or "nom" not in item:
            problems.append(Problem(page.path, line, "intervenants", f"attendu : {_PERSON} ; trouvé : {show(item)}."))
            continue
        unknown = set(item) - {"nom", "structure"}
        if unknown:
            problems.append(
                Problem(
                    page.path,
                    line,
                    "intervenants",
                    f"champ inconnu « {sorted(map(str, unknown))[0]} » (attendu : nom, structure).",
                )
            )
        for sub in ("nom", "structure"):
            if sub in item and (expected := checks.text(sub, item[sub], None)):
                sub_line = page.lines.get(f"intervenants[{i}].{sub}", line)
                problems.append(Problem(page.path, sub_line, "intervenants", f"« {sub} » : {expected}"))
    return problems


def _check_body(page: Page) -> list[Problem]:
    """Sentences of a template left in the page's text."""
    problems = []
    for offset, text in enumerate(page.body.splitlines()):
        if text.strip() in PLACEHOLDER_BODIES:
            problems.append(
                Problem(
                    page.path,
                    page.body_line + offset,
                    None,
                    f"« {text.strip()} » est la phrase d'exemple du modèle : remplacez-la par votre texte.",
                )
            )
    return problems


def validate_page(page: Page, bibliography: Mapping[str, Any] | None) -> list[Problem]:
    """Every problem of one page's front matter, each with its line and the fix.

    bibliography None: docs/sources.yml could not be read (its own problem says why), and the keys
    a page cites are not judged against it."""
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
                    f"Ajoutez-le dans l'en-tête entre les lignes « --- », par exemple : {_example(name, bibliography or {})}",
                )
            )
    for name, value in meta.items():
        line = page.line_of(str(name))
        if name not in schema:
            if name in MATERIAL_KEYS:
                if expected := MATERIAL_CHECKS[str(name)](value):
                    problems.append(
                        Problem(page.path, line, str(name), f"attendu : {expected} ; trouvé : {show(value)}.")
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
        elif message := schema[name].check(str(name), value):
            problems.append(Problem(page.path, line, str(name), message))
    if page.kind != "page":
        problems.extend(_check_body(page))
    # Every page, whatever its section: Markdown would crash or take minutes on it (commons/markdown_limits.py).
    problems.extend(
        Problem(page.path, page.body_line + at, None, why) for at, why in markdown_limits.refusals(page.body)
    )
    return problems


EXAMPLES = {
    "title": "title: Le budget contributif",
    "description": "description: Une phrase qui résume la page.",
    "thèmes": "thèmes: [gouvernance, économie]",
    "public": "public: [tiers-lieu]",
    "ordre": "ordre: 3",
    "date": "date: 2027-03-11T14:00:00",
    "intervenants": "intervenants: [{nom: Camille Martin, structure: La Ressourcerie}]",
    "version": 'version: "1.0"',
    "adoption": "adoption: 2026-01-15",
}


def _example(name: str, bibliography: Mapping[str, Any]) -> str:
    if name == "sources":
        return f"sources: [clé] ({valid_keys_hint(bibliography)}), ou, {_INLINE}"
    return EXAMPLES.get(name, f"{name}: …")


def validate_site(docs_dir: Path) -> tuple[dict[str, Page], list[Problem]]:
    """Load and validate every page; the problems come sorted by file and line.

    The pages returned keep only the fields that passed validation (a page
    whose header could not be read keeps none), so that every hook and
    template after validation can trust the type of what it reads, and a page
    with a wrong value still builds in a preview, where its problems are shown.
    """
    pages, checked, problems = _validated_pages(docs_dir)
    return dict(checked), _sorted(problems + _link_problems(docs_dir, pages))


def checked_pages(docs_dir: Path) -> dict[str, Page]:
    """The pages of validate_site, for the hooks that only read them (hooks/content.py reports the
    problems): the links of every page are not checked once more."""
    return dict(_validated_pages(docs_dir)[1])


def _validated_pages(docs_dir: Path) -> tuple[dict[str, Page], dict[str, Page], list[Problem]]:
    """The pages as read, as checked, and every problem but the links'."""
    key = docs_dir.resolve()
    pages, parse_problems = load_pages(docs_dir)
    sources = docs_dir / "sources.yml"
    # The very Page objects load_pages handed out (it makes new ones for a changed site), kept
    # referenced by the cache so that identity is a safe test.
    fingerprint = (tuple(pages.values()), _stamp(sources))
    cached = _validated.get(key)
    if cached and _same(cached[0], fingerprint):
        return pages, cached[1], cached[2]
    bibliography, problems = load_bibliography(sources)
    readable = not any(p.field is None for p in problems)  # None: the file itself is unreadable, citations unjudged
    problems.extend(parse_problems)
    for refused in docs_tree.refused_entries(docs_dir, "docs", content=True):  # the build stops on them before this
        rel = refused.path.removeprefix("docs/")
        if rel not in pages:  # a page that is a link already says so
            problems.append(Problem(rel, 1, None, f"ce fichier {refused.reason}."))
    for page in pages.values():
        problems.extend(validate_page(page, bibliography if readable else None))
    for page in pages.values():
        problems.extend(_check_file_name(page))
    problems.extend(_duplicates(pages, "ordre", "kit", lambda v: v))
    problems.extend(_duplicates(pages, "movilab", None, _wiki_title_key))
    for kind in ("fiche", "kit"):  # two webinars may share a title: a series, told apart by their dates
        problems.extend(_duplicates(pages, "title", kind, lambda v: " ".join(str(v).casefold().split())))
    problems.sort(key=lambda p: (p.path, p.line, p.field or ""))
    invalid = invalid_fields(problems)
    checked = {path: _only_valid(page, invalid.get(path, set())) for path, page in pages.items()}
    _validated[key] = (fingerprint, checked, problems)
    return pages, checked, problems


def _link_problems(docs_dir: Path, pages: dict[str, Page]) -> list[Problem]:
    """Links to missing files and two files at one address; not cached: an image added changes them."""
    files: set[str] = set()
    for folder, dirs, names in os.walk(docs_dir):  # hidden files and folders are not published
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.update(Path(folder, n).relative_to(docs_dir).as_posix() for n in names if not n.startswith("."))
    return links.broken_links(pages, files) + links.same_address(pages) + links.missing_home(files)


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.field or ""))


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


def _only_valid(page: Page, bad: set[str]) -> Page:
    """A copy of the page holding only the known fields that have no problem."""
    if not page.readable:
        return dataclasses.replace(page, meta={})
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
            elif field == "title":
                message = (
                    f"le titre « {value} » est aussi celui de {others} : le sommaire, le catalogue et la recherche "
                    "montreraient deux pages que rien ne distingue ; donnez à chacune un titre qui dit ce qu'elle a "
                    "en propre."
                )
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
        name = slugify(name.removesuffix(".md")) + ".md"
        problems.append(
            Problem(
                page.path,
                1,
                None,
                "le nom du fichier devient l'adresse de la page : utilisez des minuscules sans accents, "
                f"des chiffres et des tirets : renommez-le {name}",
            )
        )
    if page.kind == "webinaire" and page.readable:
        day = as_day(page.meta.get("date"))
        if day is not None and name[:10] != day.isoformat():
            rest = name[11:] if re.match(r"\d{4}-\d{2}-\d{2}-", name) else name
            problems.append(
                Problem(
                    page.path,
                    page.line_of("date"),
                    "date",
                    f"le nom du fichier doit commencer par la date du webinaire : renommez-le {day.isoformat()}-{rest} "
                    "(ou corrigez la date).",
                )
            )
    return problems


def invalid_fields(problems: list[Problem]) -> dict[str, set[str]]:
    """For each page, the fields that have a problem: plugins must not see them (see hooks/content.py)."""
    found: dict[str, set[str]] = {}
    for problem in problems:
        if problem.field:
            found.setdefault(problem.path, set()).add(problem.field)
    return found


def problem_for_page(problem: Problem) -> str:
    """A problem as shown on its own page: the line and field, without repeating the file."""
    where = f"ligne {problem.line}" + (f", champ « {problem.field} »" if problem.field else "")
    return f"{where} : {problem.message}"


def format_report(problems: list[Problem]) -> str:
    """One French report for the whole site, grouped by file."""
    files = sorted({p.path for p in problems})
    lines = [f"{len(problems)} problème(s) dans {len(files)} fichier(s) de docs/ :"]
    lines += ["  - " + str(p).replace("\n", "\n      ") for p in problems]
    lines.append("Le format de chaque champ est décrit dans CONTRIBUTING.md, section « Référence des en-têtes ».")
    return "\n".join(lines)
