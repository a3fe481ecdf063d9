# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The site's pages as the content model sees them: section, front matter and the line of every field.

Members edit pages in a browser; when a field is wrong they need the line to
look at. Reading and checking the header itself is commons.frontmatter's job,
the one reader of the project.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commons import frontmatter

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
    """Return (yaml_text or None, body, line of the body's first line); see commons.frontmatter.split."""
    where = frontmatter.split(text)
    if not where.present:
        return None, where.body, 1
    return where.yaml, where.body, where.body_line


def _problem(error: frontmatter.FrontMatterError) -> Problem:
    return Problem(error.path, error.line or 1, None, error.message)


def parse_page(path: str, text: str) -> tuple[Page, list[Problem]]:
    """Parse one page. A header problem is a Problem with its line, never an exception.

    A page whose header cannot be read is marked `readable=False`, so that the
    schema does not add a "missing field" message for every field it holds.
    """
    page = Page(path=path, kind=kind_of(path), meta={})
    try:
        header = frontmatter.parse(text, path=path)
    except frontmatter.FrontMatterError as exc:
        where = frontmatter.split(text)
        page.readable = False
        page.body, page.body_line = where.body, where.body_line
        return page, [_problem(exc)]
    page.meta, page.lines = header.data, header.lines
    page.body, page.body_line = header.body, header.body_line
    return page, []


def _unreadable_page(path: str, error: frontmatter.FrontMatterError) -> tuple[Page, list[Problem]]:
    return Page(path=path, kind=kind_of(path), meta={}, readable=False), [_problem(error)]


def iter_markdown_files(docs_dir: Path) -> list[str]:
    """All Markdown pages under docs_dir, docs-relative, sorted; hidden files are skipped.

    Symbolic links named *.md are listed (reading them reports the refusal);
    symlinked folders are not entered.
    """
    found = []
    for file in docs_dir.rglob("*.md"):
        rel = file.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        found.append(rel)
    return sorted(found)


def _fingerprint(file: Path) -> tuple[int, int]:
    try:
        info = file.lstat()  # lstat: a dangling symbolic link is a page to report, not a crash
    except OSError:
        return (0, -1)
    return (info.st_mtime_ns, info.st_size)


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
    fingerprint = tuple((rel, *_fingerprint(docs_dir / rel)) for rel in names)
    cached = _cache.get(key)
    if cached and cached[0] == fingerprint:
        return dict(cached[1]), list(cached[2])
    pages: dict[str, Page] = {}
    problems: list[Problem] = []
    for rel in names:
        try:
            text = frontmatter.read_text(docs_dir / rel, path=rel)
        except frontmatter.FrontMatterError as exc:
            page, found = _unreadable_page(rel, exc)
        else:
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
