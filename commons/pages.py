# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Read a page's front matter together with the line of every field.

Members edit pages in a browser; when a field is wrong they need the line to
look at, so the YAML is composed into nodes (which know their line) before it
is turned into values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# libyaml when PyYAML was built with it: several times faster on a large site.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SECTIONS = {
    "boite-a-outils": "fiche",
    "kit-accueil": "kit",
    "webinaires": "webinaire",
    "charte": "charte",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one page, said so that a member can fix it."""

    path: str
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}, ligne {self.line}"
        if self.field:
            where += f", champ « {self.field} »"
        return f"{where} : {self.message}"


@dataclass
class Page:
    """A source page: its place in the site, its front matter and where each field is."""

    path: str  # relative to docs/, with forward slashes
    kind: str  # fiche, kit, webinaire, charte or page
    meta: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line of the first body line in the file
    readable: bool = True  # False when the front matter could not be parsed

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)

    @property
    def slug(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".md")

    @property
    def url(self) -> str:
        """Pretty URL relative to the site root, as MkDocs makes it (use_directory_urls)."""
        if self.path == "index.md":
            return ""
        if self.path.endswith("/index.md"):
            return self.path.removesuffix("index.md")
        return self.path.removesuffix(".md") + "/"


def kind_of(path: str) -> str:
    """The content type a docs-relative path belongs to; section index pages are plain pages."""
    parts = path.split("/")
    if len(parts) >= 2 and parts[-1] != "index.md" and parts[0] in SECTIONS:
        return SECTIONS[parts[0]]
    return "page"


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (yaml_text or None, body, line of the body's first line).

    An opening '---' with no closing one gives body_line 0: parse_page reports
    it, since the whole page would otherwise be read as its header.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return "".join(lines[1:]), "", 0


def _key_lines(node: yaml.Node) -> dict[str, int]:
    """Map each top-level key, and each nested key as 'parent.key', to its 1-based file line."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            # +2: node lines are 0-based and the YAML starts on the line after '---'.
            lines[key] = key_node.start_mark.line + 2
            if isinstance(value_node, yaml.SequenceNode):
                for i, item in enumerate(value_node.value):
                    lines[f"{key}[{i}]"] = item.start_mark.line + 2
                    for sub, line in _key_lines(item).items():
                        lines[f"{key}[{i}].{sub}"] = line
            elif isinstance(value_node, yaml.MappingNode):
                for sub, line in _key_lines(value_node).items():
                    lines[f"{key}.{sub}"] = line
    return lines


# PyYAML's messages, said in French with the usual fix.
# Keys are fragments common to PyYAML's and libyaml's wording.
_YAML_HINTS = {
    "mapping values are not allowed": (
        'un « : » dans une valeur. Mettez la valeur entre guillemets, par exemple title: "Cantine : mode d\'emploi"'
    ),
    "cannot start any token": "un caractère interdit en début de valeur (une tabulation, « @ », « ` ») : "
    "indentez avec des espaces et mettez la valeur entre guillemets",
    "found undefined alias": "un « * » en début de valeur : mettez la valeur entre guillemets",
    "expected <block end>, but found": "une indentation incohérente : alignez les lignes d'une même liste",
    "did not find expected key": "une indentation incohérente : alignez les lignes d'une même liste",
    "could not find expected ':'": "une ligne sans « : » : chaque champ s'écrit « nom: valeur »",
}


def _yaml_hint(reason: str) -> str:
    for needle, hint in _YAML_HINTS.items():
        if needle in reason:
            return hint
    return "vérifiez les deux-points, l'indentation et les guillemets autour des textes qui contiennent « : »"


def parse_page(path: str, text: str) -> tuple[Page, list[Problem]]:
    """Parse one page. A YAML error is a Problem with its line, never an exception.

    A page whose header cannot be read is marked `readable=False`, so that the
    schema does not add a "missing field" message for every field it holds.
    """
    yaml_text, body, body_line = split_front_matter(text)
    page = Page(path=path, kind=kind_of(path), meta={}, body=body, body_line=body_line)
    if yaml_text is None or not yaml_text.strip():
        return page, []
    if body_line == 0:
        page.readable = False
        return page, [
            Problem(
                path,
                1,
                None,
                "l'en-tête ouvert par « --- » à la ligne 1 n'est jamais fermé. Ajoutez une ligne « --- » "
                "après le dernier champ, avant le texte de la page.",
            )
        ]
    try:
        # One pass: compose the nodes (they know their lines), then build values from them.
        loader = _Loader(yaml_text)
        try:
            node = loader.get_single_node()
            meta = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        page.readable = False
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        reason = f"{getattr(exc, 'problem', '') or ''} {getattr(exc, 'context', '') or ''}"
        return page, [
            Problem(path, line, None, f"l'en-tête (entre les lignes « --- ») est illisible : {_yaml_hint(reason)}.")
        ]
    if not isinstance(meta, dict):
        page.readable = False
        return page, [Problem(path, 2, None, "l'en-tête doit être une liste de champs « nom: valeur ».")]
    page.meta = meta
    page.lines = _key_lines(node) if node is not None else {}
    return page, []


def iter_markdown_files(docs_dir: Path) -> list[str]:
    """All Markdown pages under docs_dir, docs-relative, sorted; hidden files are skipped."""
    found = []
    for file in docs_dir.rglob("*.md"):
        rel = file.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        found.append(rel)
    return sorted(found)


# One parse per build even though several hooks ask: keyed by the folder and
# fingerprinted by every file's size and modification time, so an edit made
# while `mkdocs serve` runs is read again.
_cache: dict[Path, tuple[tuple[tuple[str, int, int], ...], dict[str, Page], list[Problem]]] = {}


def load_pages(docs_dir: Path) -> tuple[dict[str, Page], list[Problem]]:
    """Parse every page of the site once; return pages by path and the parse problems.

    The Page objects are shared between callers: treat them as read-only.
    """
    key = docs_dir.resolve()
    names = iter_markdown_files(docs_dir)
    stats = [(docs_dir / rel).stat() for rel in names]
    fingerprint = tuple((rel, st.st_mtime_ns, st.st_size) for rel, st in zip(names, stats, strict=True))
    cached = _cache.get(key)
    if cached and cached[0] == fingerprint:
        return dict(cached[1]), list(cached[2])
    pages: dict[str, Page] = {}
    problems: list[Problem] = []
    for rel in names:
        text = (docs_dir / rel).read_text(encoding="utf-8")
        page, found = parse_page(rel, text)
        pages[rel] = page
        problems.extend(found)
    _cache[key] = (fingerprint, pages, problems)
    return dict(pages), list(problems)


def as_date(value: Any) -> dt.date | None:
    """A YAML date or datetime as a date; anything else is None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None
