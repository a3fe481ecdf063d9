# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The local side: which Markdown files are mirrored, and the calls into the converter.

A page is mirrored only when its front matter says `movilab: <title>`. All
problems (bad YAML, unsafe or duplicate titles) are collected with file and
line before anything is sent, so one run reports them all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sync import safety
from sync.errors import ConfigError, ConversionError, SyncError
from sync.state import sha256
from sync.titles import check_namespace, normalise

# libyaml's loader when PyYAML has it: scanning every page's front matter is most of a no-op run.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class LocalPage:
    path: str  # relative to docs/, POSIX separators
    title: str
    text: str

    @property
    def sha(self) -> str:
        return sha256(self.text)


def front_matter(text: str) -> dict[str, Any]:
    match = _FRONT.match(text)
    if not match:
        return {}
    data = yaml.load(match.group(1) or "", Loader=_LOADER) or {}  # noqa: S506 - a SafeLoader
    return data if isinstance(data, dict) else {}


def scan(docs_dir: Path, *, root: Path, namespaces: frozenset[str] = frozenset()) -> dict[str, LocalPage]:
    """Mirrored pages keyed by canonical wiki title; raises one ConfigError listing every problem.

    A symbolic link is never read (it could lead anywhere on the machine): a
    linked page, or a linked folder on the way to docs/, is reported instead.
    """
    pages: dict[str, LocalPage] = {}
    problems: list[SyncError] = []
    try:
        safety.check_no_link(root, docs_dir, folder=True)
    except safety.LinkError as exc:
        raise ConfigError(str(exc)) from None
    for file in sorted(docs_dir.rglob("*.md")):
        rel = file.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in file.relative_to(docs_dir).parts):
            continue
        try:
            text = safety.read_text(root, file) or ""
        except SyncError as exc:
            exc.path = f"docs/{rel}"
            problems.append(exc)
            continue
        if "movilab:" not in text:
            continue
        try:
            meta = front_matter(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(
                ConfigError(
                    "en-tête YAML illisible : corrigez la syntaxe.",
                    path=f"docs/{rel}",
                    line=(mark.line + 2) if mark else None,
                )
            )
            continue
        raw = meta.get("movilab")
        if raw is None:
            continue
        line = _line_of(text, "movilab")
        if not isinstance(raw, str):
            problems.append(
                ConfigError(
                    "« movilab: » doit être le titre de la page Movilab (texte).", path=f"docs/{rel}", line=line
                )
            )
            continue
        try:
            title = normalise(raw)
            check_namespace(title, namespaces)
        except SyncError as exc:
            exc.path, exc.line = f"docs/{rel}", line
            problems.append(exc)
            continue
        if title in pages:
            problems.append(
                ConfigError(
                    f"titre Movilab « {title} » déjà utilisé par docs/{pages[title].path} : "
                    "une page wiki ne peut être le miroir que d'un seul fichier.",
                    path=f"docs/{rel}",
                    line=line,
                )
            )
            continue
        pages[title] = LocalPage(rel, title, text)
    if problems:
        raise ConfigError(
            "pages miroir invalides :\n  "
            + "\n  ".join(str(p) for p in problems)
            + "\nRien n'a été envoyé ni récupéré."
        )
    return pages


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


class Converter:
    """Calls into the converter (sync/convert*, owned by its own module) with the site's map."""

    def __init__(self, root: Path) -> None:
        try:
            from sync.convert import markdown_to_wikitext, wikitext_to_markdown
            from sync.sitemap import SiteMap
        except ImportError as exc:
            raise ConfigError(f"convertisseur Markdown ↔ wikitexte introuvable ({exc}).") from None
        self._to_wiki = markdown_to_wikitext
        self._to_md = wikitext_to_markdown
        self.site = SiteMap.from_repo(root)

    def to_wiki(self, text: str, *, path: str, base: str | None) -> str:
        try:
            return str(self._to_wiki(text, path=path, site=self.site, base=base))
        except ConversionError as exc:
            exc.path = exc.path or f"docs/{path}"
            raise

    def to_markdown(self, wikitext: str, *, title: str, local: str | None, path: str | None = None) -> str:
        """`path` (docs-relative) is needed when the site map does not know the page yet (import)."""
        return str(self._to_md(wikitext, title=title, site=self.site, local=local, path=path))


def set_key(text: str, key: str, value: str, *, path: str) -> str:
    """The page with top-level `key` set to `value`, quoted as YAML needs; every other line kept.

    Checked by reading the header back: a title such as `Null`, `yes`, `12` or
    `Guide: partie 2` must come back as the same string.
    """
    match = _FRONT.match(text)
    line = yaml.safe_dump({key: value}, allow_unicode=True, width=1_000_000, sort_keys=False).rstrip("\n")
    if match is None or match.group(1) is None:
        new = f"---\n{line}\n---\n" + (text[match.end(0) :] if match else text)
    else:
        header = match.group(1)
        pattern = re.compile(rf"(?m)^{re.escape(key)}:.*?(?=\r?$)")
        newline = "\r\n" if header.endswith("\r\n") else "\n"
        header = pattern.sub(lambda _m: line, header, count=1) if pattern.search(header) else header + line + newline
        new = text[: match.start(1)] + header + text[match.end(1) :]
    if front_matter(new).get(key) != value:
        raise ConversionError(f"impossible d'écrire « {key}: » dans l'en-tête sans en changer le sens.", path=path)
    return new
