# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The local side: which Markdown files are mirrored, and the calls into the converter.

A page is mirrored only when its front matter says `movilab: <title>`. All
problems (bad YAML, unsafe or duplicate titles) are collected with file and
line before anything is sent, so one run reports them all at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from commons import frontmatter
from commons.config import SiteConfig
from sync import safety
from sync.errors import ConfigError, ConversionError, SyncError
from sync.state import same_text, sha256, text_sha256
from sync.titles import check_namespace, normalise


@dataclass(frozen=True)
class LocalPage:
    path: str  # relative to docs/, POSIX separators
    title: str
    text: str

    @cached_property
    def sha(self) -> str:
        """Asked of every page several times per run (push checks each page against the state 5 to 7
        times: 1500 hashes of the same texts on a site of 300 pages); the text never changes. Line ends
        count as LF (state.text_sha256)."""
        return text_sha256(self.text)

    def matches(self, recorded: str) -> bool:
        """Whether this is the text the state recorded (`local_sha256`), whatever its line ends."""
        return same_text(self.text, recorded, self.sha)


def front_matter(text: str, *, path: str = "") -> dict[str, Any]:
    """The page's header values (commons.frontmatter); raises FrontMatterError when unreadable."""
    return frontmatter.parse(text, path=path).data


class HeaderCache:
    """The `movilab:` field each page's text was last read to hold, kept in .git between two runs.

    Reading a page's YAML header is most of the cost of reading the pages (three passes of PyYAML,
    with the checks of commons/frontmatter.py against hostile headers), and a run reads every
    page while only a few changed since the last one. The field is kept here for each text read
    without a problem, under the SHA-256 of that text: the same bytes give the same field, so a
    page is read from its text as before, and only its header's reading is spared. The file is
    in .git (never committed), where only this user writes; it holds what the reader found with
    the same reader: a change to PyYAML, to commons/frontmatter.py or to this module (their source
    is part of the key) sets all of it aside. A file that is damaged, a link, too big, or of another shape is
    taken as empty, and written again; one that cannot be written is left alone. Nothing depends
    on it but speed.
    """

    NAME = "headers.json"
    MAX_BYTES = 16_000_000
    _DIGEST = re.compile(r"[0-9a-f]{64}")

    def __init__(self, file: Path | None) -> None:
        self.file = file
        # Checked for links from .git down, as the sync's other files in .git/movilab-sync are
        # (history.Repo.sync_dir): that folder made a link could hold a cache naming any title.
        self.root = file.parent.parent if file is not None else None
        self.key = _reader_key() if file is not None else ""
        self.known: dict[str, tuple[str | None, int | None]] = {}
        self.used: dict[str, tuple[str | None, int | None]] = {}
        if file is not None:
            self.known = self._load(file, file.parent.parent)

    def _load(self, file: Path, root: Path) -> dict[str, tuple[str | None, int | None]]:
        try:
            safety.check_no_link(root, file)
            if file.stat().st_size > self.MAX_BYTES:  # never loaded whole (a sparse file of gigabytes)
                return {}
            raw = safety.read_bytes(root, file)
            if raw is None or len(raw) > self.MAX_BYTES:
                return {}
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("key") != self.key or not isinstance(data.get("pages"), dict):
                return {}
            known: dict[str, tuple[str | None, int | None]] = {}
            for digest, value in data["pages"].items():
                if not (isinstance(value, list) and len(value) == 2 and self._DIGEST.fullmatch(digest)):
                    return {}
                title, line = value
                if not (title is None or isinstance(title, str)) or not (line is None or type(line) is int):
                    return {}
                known[digest] = (title, line)
            return known
        except (SyncError, OSError, ValueError, RecursionError):  # FileNotFoundError: no cache yet
            return {}

    def field(self, text: str, path: str) -> tuple[Any, int | None]:
        """The header's `movilab` value and its line (None, None without one); FrontMatterError when
        the header cannot be read."""
        digest = sha256(text)
        found = self.known.get(digest)
        if found is None:
            header = frontmatter.parse(text, path=path)
            value, line = header.data.get("movilab"), header.lines.get("movilab")
            if value is not None and not isinstance(value, str):
                return value, line  # refused by the caller: nothing kept
            found = (value, line)
        self.used[digest] = found
        return found

    def save(self) -> None:
        """Keep what this run read (only that: a page's former texts are dropped), when it changed."""
        if self.file is None or self.root is None or self.used == self.known:
            return
        data = {"key": self.key, "pages": {digest: list(value) for digest, value in sorted(self.used.items())}}
        with contextlib.suppress(SyncError, OSError):  # a cache: the next run reads the headers again
            safety.write(self.root, self.file, json.dumps(data, ensure_ascii=False), durable=False)


def _reader_key() -> str:
    """What the cache's fields depend on: PyYAML's version and loader, and the source of the header
    reader and of this module (which picks the field out)."""
    import yaml

    try:
        source = Path(frontmatter.__file__).read_bytes() + Path(__file__).read_bytes()
    except OSError:
        source = b""
    loader = getattr(frontmatter, "_LOADER", None)
    reader = f"{yaml.__version__}/{getattr(loader, '__name__', '')}/".encode() + source
    return hashlib.sha256(reader).hexdigest()


def scan(
    docs_dir: Path,
    *,
    root: Path | None = None,
    namespaces: frozenset[str] = frozenset(),
    cache: Path | None = None,
    read: Mapping[str, bytes] | None = None,
) -> dict[str, LocalPage]:
    """Mirrored pages keyed by canonical wiki title; raises one ConfigError listing every problem.

    A symbolic link is never read (it could lead anywhere on the machine): a
    linked page is reported (commons.frontmatter.read_text), a linked docs/
    stops the command, and linked folders inside it are not walked. `cache`: the
    file of a HeaderCache (in .git), when the command has a repository. `read`: pages
    already read by the same reader (docs-relative path → bytes), not read again.
    """
    pages: dict[str, LocalPage] = {}
    problems: list[SyncError] = []
    try:
        safety.check_no_link(root or docs_dir.parent, docs_dir, folder=True)
    except safety.LinkError as exc:
        raise ConfigError(str(exc)) from None
    headers = HeaderCache(cache)
    for rel in markdown_files(docs_dir):
        try:
            found = read_page(docs_dir / rel, rel, namespaces, headers=headers, data=read.get(rel) if read else None)
        except SyncError as exc:
            problems.append(exc)
            continue
        if found is None:
            continue
        page, line = found
        problem = safety.doc_path_problem(rel)
        if problem:  # the state file would hold a path every later run refuses (state.parse_state)
            problems.append(
                ConfigError(
                    f"chemin refusé pour une page miroir ({problem}) : renommez le fichier (git mv), par exemple "
                    "en boite-a-outils/ma-fiche.md, commitez, puis relancez.",
                    path=f"docs/{safety.shown_path(rel)}",
                    line=line,
                )
            )
            continue
        if page.title in pages:
            problems.append(
                ConfigError(
                    f"titre Movilab « {page.title} » déjà utilisé par docs/{pages[page.title].path} : "
                    "une page wiki ne peut être le miroir que d'un seul fichier.",
                    path=f"docs/{rel}",
                    line=line,
                )
            )
            continue
        pages[page.title] = page
    if problems:
        raise ConfigError(
            "pages miroir invalides :\n  "
            + "\n  ".join(str(p) for p in problems)
            + "\nRien n'a été envoyé ni récupéré."
        )
    headers.save()
    return pages


def markdown_files(docs_dir: Path) -> list[str]:
    """The `*.md` entries under docs/ (docs-relative, POSIX separators), in the order of their path's
    parts; names starting with a dot are left out, with what they hold, and linked folders are not
    walked (a linked `*.md` is listed: reading it reports it). A folder that cannot be listed stops
    the command: its pages would otherwise look deleted."""
    found: list[tuple[list[str], str]] = []
    folders: list[tuple[str, list[str]]] = [(str(docs_dir), [])]
    while folders:  # a stack, not recursion: git stores folders deeper than Python's recursion limit
        folder, parts = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            raise _unlistable(parts, exc) from None
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if name.endswith(".md"):
                found.append(([*parts, name], "/".join([*parts, name])))
            try:  # without a file type from the listing, one more system call, which may be refused
                folder_below = entry.is_dir(follow_symlinks=False)
            except FileNotFoundError:
                folder_below = False  # removed since the listing
            except OSError as exc:  # the folder listed cannot be searched (its x right)
                raise _unlistable(parts, exc) from None
            if folder_below:
                folders.append((entry.path, [*parts, name]))

    found.sort()
    return [rel for _, rel in found]


def _unlistable(parts: list[str], exc: OSError) -> ConfigError:
    """A folder of docs/ that cannot be walked: its pages would look deleted."""
    rel = "/".join(parts)
    what, todo = safety.said(exc)
    return ConfigError(
        f"dossier illisible ({what}) : {todo}, puis relancez ; ses pages ne sont ni envoyées ni récupérées.",
        path=f"docs/{rel}" if rel else "docs",
    )


def read_page(
    file: Path,
    rel: str,
    namespaces: frozenset[str] = frozenset(),
    text: str | None = None,
    headers: HeaderCache | None = None,
    data: bytes | None = None,
) -> tuple[LocalPage, int | None] | None:
    """One file of docs/ (`rel`): the mirrored page and the line of its `movilab:` field, or None when
    it mirrors nothing; a SyncError (with the file and line) when it cannot be read or its title is
    refused. `text`, or `data` (its bytes, read by frontmatter.read_page_bytes): the file's text when
    the caller has read it already."""
    path = f"docs/{rel}"
    try:
        if text is None:
            text = frontmatter.read_text(file, path=path) if data is None else frontmatter.decode_page(data, path=path)
        if "movilab:" not in text:
            return None
        lone = _LONE_CR.search(text)
        if lone is not None:
            _refuse_lone_cr(text, lone.start(), path)
        raw, line = (headers or HeaderCache(None)).field(text, path)
    except frontmatter.FrontMatterError as exc:
        raise ConfigError(exc.message, path=exc.path, line=exc.line) from None
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise ConfigError("« movilab: » doit être le titre de la page Movilab (texte).", path=path, line=line)
    try:
        title = normalise(raw)
        check_namespace(title, namespaces)
    except SyncError as exc:
        exc.path, exc.line = path, line
        raise
    return LocalPage(rel, title, text), line


_LONE_CR = re.compile(r"\r(?!\n)")


def _refuse_lone_cr(text: str, where: int, path: str) -> None:
    """A mirrored page with a line ending in a lone CR (Mac OS 9 and older editors) is refused: MkDocs and
    the wiki read it as a line end, and git keeps it as it is, so the page could not come back from the
    wiki with the bytes git has (nor could its header be read as the sync reads headers). The same page
    without a `movilab:` field mirrors nothing: it is left alone. Raises ConfigError (file and line)."""
    seen = text.replace("\r\n", "\n").replace("\r", "\n")  # as MkDocs reads it
    if frontmatter.parse(seen, path=path).data.get("movilab") is None:
        return
    line = seen.count("\n", 0, len(text[:where].replace("\r\n", "\n"))) + 1
    raise ConfigError(
        "fin de ligne « CR » seule (celle des anciens Mac) : Movilab la lirait comme un saut de ligne et la page "
        "ne reviendrait pas dans git telle quelle. Enregistrez le fichier avec des fins de ligne LF (Unix) ou CRLF "
        "(Windows) — l'option « fins de ligne » de votre éditeur —, commitez, puis relancez.",
        path=path,
        line=line,
    )


class Converter:
    """Calls into the converter (sync/convert*, owned by its own module) with the site's map."""

    def __init__(self, root: Path, *, config: SiteConfig | None = None, titles: dict[str, str] | None = None) -> None:
        """`config` and `titles` (docs path → Movilab title of every mirrored page), when the caller
        has read them already, spare reading mkdocs.yml and every page again (see SiteMap.from_repo)."""
        try:
            from sync.convert import markdown_to_wikitext, wikitext_to_markdown
            from sync.sitemap import SiteMap
        except ImportError as exc:
            raise ConfigError(f"convertisseur Markdown ↔ wikitexte introuvable ({exc}).") from None
        self._to_wiki = markdown_to_wikitext
        self._to_md = wikitext_to_markdown
        self.site = SiteMap.from_repo(root, config=config, titles=titles)

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
    """The page with top-level `key` set to `value` (commons.frontmatter: quoted, every other byte kept)."""
    try:
        return frontmatter.set_key(text, key, value, path=path)
    except frontmatter.FrontMatterError as exc:
        raise ConversionError(exc.message, path=exc.path, line=exc.line) from None
