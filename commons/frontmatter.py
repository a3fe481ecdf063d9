# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The one reader and writer of a page's front matter, for the site, the sync and the converter.

A header comes from people we do not control (a member's pull request, a page
pulled from the open wiki), so it is read as hostile input, at this one place:

- split tolerantly: a byte-order mark, CRLF line ends, a header closed by
  `...` as well as `---` are what editors and YAML itself produce;
- parsed with a safe loader after a scan of its events that refuses what a
  page header never needs: aliases and anchors (a 24-line alias bomb would
  otherwise expand to gigabytes in whatever walks the values), explicit tags,
  deep nesting, duplicate keys, and more than MAX_HEADER_CHARS characters;
- every refusal is a FrontMatterError in French, naming the file and line.

Writing is the reverse: `set_key` replaces one top-level key, quoted by the
YAML emitter itself (so `Null`, `yes`, `~` or `179616312915` stay strings),
and leaves every other byte of the file as it was: key order, comments,
dates written by hand and line ends.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from commons.docs_tree import refusal

# libyaml when PyYAML was built with it: several times faster on a large site.
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BASE_DUMPER: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BASE_DUMPER):  # type: ignore[misc,valid-type]
    """Never writes `&id001` / `*id001` for a value used twice: the reader refuses them."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


MAX_HEADER_CHARS = 64 * 1024  # a real header is under 2 KB; an imported wiki page's a few KB
MAX_PAGE_BYTES = 5_000_000  # a long fiche is 50 KB
MAX_EVENTS = 20_000  # scalars, lists and mappings together
MAX_DEPTH = 16  # nesting of lists and mappings
_STR_TAG = "tag:yaml.org,2002:str"
_HEADER = "l'en-tête (entre les lignes « --- »)"
_BOM = "\ufeff"
# Characters XML 1.0 (the RSS feeds) forbids or discourages, that no header needs: tab and line ends stay.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


class FrontMatterError(Exception):
    """A header (or its file) that cannot be read; `str()` is the French message with its place."""

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path + (f", ligne {self.line}" if self.line else "")
        return f"{where} : {self.message}"


@dataclass(frozen=True)
class Split:
    """Where the header lies in a page's text (offsets into that text, BOM included)."""

    text: str
    start: int  # first character of the YAML (after the opening fence line)
    end: int  # end of the YAML (the closing fence line starts here)
    body_start: int  # first character after the closing fence line
    body_line: int  # 1-based line of the body's first line; 0 for an unclosed header
    newline: str  # the line end the header uses: "\n" or "\r\n"
    present: bool  # False: the page has no header at all

    @property
    def yaml(self) -> str:
        return self.text[self.start : self.end]

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


@dataclass
class Header:
    """A page's parsed header: where it lies in the text, its values, and the line of every field."""

    split: Split
    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def body(self) -> str:
        return self.split.body

    @property
    def body_line(self) -> int:
        return self.split.body_line


def _fence(line: str, marks: tuple[str, ...]) -> bool:
    return line.rstrip(" \t\r\n") in marks


def split(text: str) -> Split:
    """Find the header: a first line `---`, up to a line `---` or `...`; BOM and CRLF tolerated.

    A header opened but never closed gives body_line 0 (and an empty body):
    `parse` reports it, since the whole page would otherwise be read as YAML.
    """
    lead = 1 if text.startswith(_BOM) else 0
    first_end = text.find("\n", lead)
    first = text[lead:] if first_end == -1 else text[lead : first_end + 1]
    if not _fence(first, ("---",)):
        return Split(text, lead, lead, lead, 1, "\n", False)
    newline = "\r\n" if first.endswith("\r\n") else "\n"
    start = lead + len(first)
    position, number = start, 2
    while position < len(text):
        line_end = text.find("\n", position)
        stop = len(text) if line_end == -1 else line_end + 1
        if _fence(text[position:stop], ("---", "...")):
            return Split(text, start, position, stop, number + 1, newline, True)
        position, number = stop, number + 1
    return Split(text, start, len(text), len(text), 0, newline, True)


# PyYAML's messages, said in French with the usual fix.
# Keys are fragments common to PyYAML's and libyaml's wording.
_YAML_HINTS = {
    "mapping values are not allowed": (
        "un « : » dans une valeur, ou une ligne plus décalée que celle du dessus. Mettez la valeur entre "
        'guillemets, par exemple title: "Cantine : mode d\'emploi", ou alignez la ligne sur les autres champs'
    ),
    "cannot start any token": "un caractère interdit en début de valeur (une tabulation, « @ », « ` ») : "
    "indentez avec des espaces et mettez la valeur entre guillemets",
    # libyaml's words for a tab before a field (PyYAML's own say "cannot start any token").
    "found a tab character": "une tabulation en début de ligne : remplacez-la par des espaces",
    "did not find expected '-' indicator": "une indentation incohérente : alignez les lignes d'une même liste",
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


def _unreadable(path: str, line: int, hint: str, what: str = _HEADER) -> FrontMatterError:
    return FrontMatterError(f"{what} est illisible : {hint}.", path=path, line=line)


def _scan_events(source: str, *, path: str, offset: int = 2, what: str = _HEADER) -> None:
    """Refuse, before anything is built from it, what could make a header costly or ambiguous."""
    depth = events = 0
    try:
        for event in yaml.parse(source, Loader=_LOADER):
            events += 1
            line = event.start_mark.line + offset  # a header starts on the line after the opening '---'
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise _unreadable(
                    path,
                    line,
                    "les renvois YAML (« & » et « * » en début de valeur) ne sont pas acceptés. "
                    "Écrivez chaque valeur en entier, ou mettez-la entre guillemets si elle commence par « & » ou « * »",
                    what,
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag != _STR_TAG and not isinstance(event, yaml.DocumentStartEvent):
                raise _unreadable(
                    path,
                    line,
                    "les étiquettes YAML (« ! » en début de valeur) ne sont pas acceptées : "
                    "mettez la valeur entre guillemets",
                    what,
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _unreadable(path, line, f"plus de {MAX_DEPTH} niveaux de listes imbriquées", what)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent) and (control := _CONTROL.search(event.value)):
                raise _unreadable(
                    path,
                    line,
                    f"un caractère de contrôle invisible (U+{ord(control.group(0)):04X}) dans une valeur, qui "
                    "rendrait illisibles les flux RSS et les agendas : retirez-le (il vient souvent d'un copier-coller)",
                    what,
                )
            elif isinstance(event, yaml.DocumentStartEvent) and events > 2:
                raise _unreadable(path, line, "un seul document YAML est attendu (une ligne « --- » de trop ?)", what)
            if events > MAX_EVENTS:
                raise _unreadable(path, line, f"plus de {MAX_EVENTS} valeurs : c'est trop long", what)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = f"{getattr(exc, 'problem', '') or ''} {getattr(exc, 'context', '') or ''}"
        raise _unreadable(path, mark.line + offset if mark is not None else offset, _yaml_hint(reason), what) from None


def _key_lines(node: yaml.Node) -> dict[str, int]:
    """Map each top-level key, and each nested key as 'parent.key' or 'parent[i]', to its 1-based file line."""
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


def _compose(source: str, *, path: str, offset: int = 2, what: str = _HEADER) -> yaml.Node | None:
    loader = _LOADER(source)
    try:
        return loader.get_single_node()
    except yaml.YAMLError as exc:  # the event scan already caught syntax errors; kept for safety
        mark = getattr(exc, "problem_mark", None)
        raise _unreadable(
            path, mark.line + offset if mark is not None else offset, _yaml_hint(str(exc)), what
        ) from None
    finally:
        loader.dispose()


def _construct(node: yaml.Node, *, path: str, offset: int = 2, what: str = _HEADER) -> Any:
    loader = _LOADER("")
    try:
        return loader.construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        # A value the safe loader cannot build (a date such as 2026-02-30, an unhashable key).
        bad = _unbuildable_date(node, loader)
        if bad is not None:
            raise _unreadable(
                path,
                bad.start_mark.line + offset,
                f"la date « {bad.value} » n'existe pas : vérifiez le jour et le mois (AAAA-MM-JJ)",
                what,
            ) from None
        mark = getattr(exc, "problem_mark", None) or node.start_mark
        raise _unreadable(
            path, mark.line + offset, "une valeur impossible à lire (une date qui n'existe pas ?) : vérifiez-la", what
        ) from None
    finally:
        loader.dispose()


def _unbuildable_date(node: yaml.Node, loader: Any) -> yaml.ScalarNode | None:
    """The first date of the tree that the loader cannot build (2027-02-30), to name its line."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag != "tag:yaml.org,2002:timestamp":
            return None
        try:
            loader.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return node
        return None
    children = node.value if isinstance(node, yaml.SequenceNode) else []
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    for child in children:
        found = _unbuildable_date(child, loader)
        if found is not None:
            return found
    return None


def load_data(text: str, *, path: str, max_chars: int = 1024 * 1024) -> Any:
    """A whole YAML data file a member may edit (docs/sources.yml), read with the header's guards."""
    what = "ce fichier YAML"
    if len(text) > max_chars:
        raise FrontMatterError(f"{what} fait plus de {max_chars} caractères : découpez-le.", path=path, line=1)
    text = text.removeprefix(_BOM)
    _scan_events(text, path=path, offset=1, what=what)
    node = _compose(text, path=path, offset=1, what=what)
    return None if node is None else _construct(node, path=path, offset=1, what=what)


def _duplicate_key(node: yaml.MappingNode, *, path: str) -> None:
    seen: dict[str, int] = {}
    for key_node, _value in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 2
        if key in seen:
            raise FrontMatterError(
                f"le champ « {key} » apparaît deux fois (lignes {seen[key]} et {line}) : gardez-en un seul.",
                path=path,
                line=line,
            )
        seen[key] = line


def parse(text: str, *, path: str) -> Header:
    """Read a page's header: its values and the line of each field. Raises FrontMatterError.

    A page without a header (or with an empty one) gives an empty mapping.
    """
    where = split(text)
    header = Header(where)
    if not where.present:
        return header
    if where.body_line == 0:
        raise FrontMatterError(
            "l'en-tête ouvert par « --- » à la ligne 1 n'est jamais fermé. Ajoutez une ligne « --- » "
            "après le dernier champ, avant le texte de la page.",
            path=path,
            line=1,
        )
    source = where.yaml
    if len(source) > MAX_HEADER_CHARS:
        raise FrontMatterError(
            f"l'en-tête fait {len(source)} caractères, plus que les {MAX_HEADER_CHARS} acceptés : "
            "gardez-y les champs, et mettez le texte dans la page.",
            path=path,
            line=1,
        )
    if not source.strip():
        return header
    known = _READ.get(source)
    if known is None:
        known = _read_yaml(source, path=path)
        if len(source) <= _REMEMBERED_CHARS and _at_most(_REMEMBERED_VALUES, known[0], known[1]):
            if len(_READ) >= _REMEMBERED:
                _READ.clear()  # a site's pages all fit; one call, safe beside the sync's other threads
            _READ[source] = known
    header.data, header.lines = _fresh(known[0]), dict(known[1])
    return header


# Headers already read, by their YAML text: a push or a pull reads the header of each page that
# changed when it looks at the pages (titles), then again when it converts that page. Only headers read
# without error are kept, and each caller gets its own copy of the values. (sync/mirror.py's
# HeaderCache is another matter: what a page's header said, kept between runs by the file's hash.)
# What is kept is bounded by its count of values, not only by its text: 4 KB of `[1,1,1,…]` is about
# 1,300 values and as many line numbers, some 150 KB once read (4,096 such headers held 720 MB).
# A real header has under 40 fields and values; a hostile one is read again each time, never kept.
_READ: dict[str, tuple[dict[str, Any], dict[str, int]]] = {}
_REMEMBERED = 1024  # headers; a site's pages all fit
_REMEMBERED_CHARS = 4096  # a real header is under 2 KB
_REMEMBERED_VALUES = 128  # fields and values at any depth (each has its line in `lines`): at most ~30 MB kept


def _at_most(limit: int, data: Any, lines: dict[str, int]) -> bool:
    """Whether the header holds at most `limit` values and line numbers (counted up to the limit)."""
    count, todo = len(lines), [data]
    while todo and count <= limit:
        value = todo.pop()
        count += 1
        if isinstance(value, dict):
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return count <= limit


def _read_yaml(source: str, *, path: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The values of a header's YAML and the line of each field (see `parse`)."""
    _scan_events(source, path=path)
    node = _compose(source, path=path)
    if node is None:
        return {}, {}
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError("l'en-tête doit être une liste de champs « nom: valeur ».", path=path, line=2)
    _duplicate_key(node, path=path)
    return _construct(node, path=path), _key_lines(node)


def _fresh(value: Any) -> Any:
    """A copy of a header's values that its caller may change: mappings and lists are copied, the
    rest (text, numbers, booleans, dates: all the safe loader builds once tags are refused) is
    immutable."""
    if isinstance(value, dict):
        return {k: _fresh(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    return value


def shown_body(text: str) -> str:
    """The text a page shows under its header, as MkDocs itself would cut it (LF line ends).

    A header that is never closed is shown as text, so that a member who
    forgot the closing `---` still sees their page in the preview.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    where = split(text)
    body = text[where.start :] if where.present and where.body_line == 0 else where.body
    return body.lstrip("\n")


# --- files -------------------------------------------------------------------------------------------


def read_bounded(descriptor: int, size: int, limit: int) -> bytes:
    """At most `limit` bytes of an open file whose size (fstat) is `size`, read without allocating
    `limit` bytes first.

    Reading `limit` bytes at once makes a buffer of that size before reading (then shrinks it): 5 MB
    mapped and unmapped for each page of 2 KB, three quarters of the CPU time of reading a site's
    pages. The file's size plus one byte is read instead, then the rest up to `limit` if it grew.
    """
    want = min(max(size, 0) + 1, limit)
    chunks = [os.read(descriptor, want)]
    total = len(chunks[0])
    while chunks[-1] and total < limit:
        chunks.append(os.read(descriptor, min(limit - total, 1 << 20)))
        total += len(chunks[-1])
    return b"".join(chunks)


def read_text(file: Path, *, path: str) -> str:
    """A page's text, refusing links and special files; every failure is a FrontMatterError in French."""
    return decode_page(read_page_bytes(file, path=path), path=path)


def read_page_bytes(file: Path, *, path: str) -> bytes:
    """A page's bytes, refusing links, special files and pages over MAX_PAGE_BYTES (FrontMatterError)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        info = os.lstat(file)
        reason = refusal(info)
        if reason is None and stat.S_ISDIR(info.st_mode):
            reason = "est un dossier, pas une page"
        if reason:
            raise FrontMatterError(f"ce fichier {reason}.", path=path)
        descriptor = os.open(file, flags)
        try:
            opened = os.fstat(descriptor)
            reason = refusal(opened)
            if reason or not stat.S_ISREG(opened.st_mode):  # swapped since the lstat above
                raise FrontMatterError(f"ce fichier {reason or 'a changé pendant la lecture'}.", path=path)
            raw = read_bounded(descriptor, opened.st_size, MAX_PAGE_BYTES + 1)
        finally:
            os.close(descriptor)
        if len(raw) > MAX_PAGE_BYTES:
            raise FrontMatterError(
                f"ce fichier fait plus de {MAX_PAGE_BYTES // 1_000_000} Mo : découpez-le en plusieurs pages.",
                path=path,
            )
    except FileNotFoundError:
        raise FrontMatterError("fichier introuvable (supprimé pendant la construction ?).", path=path) from None
    except PermissionError:
        raise FrontMatterError("fichier illisible : droits insuffisants.", path=path) from None
    except OSError as exc:
        raise FrontMatterError(f"fichier illisible ({exc.strerror or exc}).", path=path) from None
    return raw


def decode_page(raw: bytes, *, path: str) -> str:
    """A page's text from its bytes (read_page_bytes); FrontMatterError, with the line, when not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise FrontMatterError(
            f"le fichier n'est pas enregistré en UTF-8 (octet {raw[exc.start]:#04x} illisible). "
            "Enregistrez-le en UTF-8 depuis votre éditeur (« Enregistrer sous », encodage UTF-8).",
            path=path,
            line=line,
        ) from None


def read_file(file: Path, *, path: str) -> tuple[str, Header]:
    """Read and parse one page file: its text and its header. Raises FrontMatterError."""
    text = read_text(file, path=path)
    return text, parse(text, path=path)


# --- writing -------------------------------------------------------------------------------------------


def dump(data: dict[str, Any], newline: str = "\n", *, flow: bool | None = False) -> str:
    """Header lines for `data` (no fences), quoted by the YAML emitter; unicode kept readable.

    `flow=None` writes lists of plain values on one line (`thèmes: [a, b]`), as members write them.
    """
    out = "".join(
        yaml.dump(
            {key: value},
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            width=1_000_000,
            # The top level stays one "key: value" line per field, whatever `flow` says.
            default_flow_style=flow if isinstance(value, (list, dict)) else False,
        )
        for key, value in data.items()
    )
    return out.replace("\n", newline) if newline != "\n" else out


def render(data: dict[str, Any]) -> str:
    """A new header block, fences included."""
    return "---\n" + dump(data) + "---\n"


def _entry_span(where: Split, node: yaml.MappingNode, key: str) -> tuple[int, int] | None:
    """Offsets in the text of the lines holding top-level `key` and its value (None: absent)."""
    starts = _line_starts(where.yaml)
    for key_node, value_node in node.value:
        if str(key_node.value) != key:
            continue
        first = key_node.start_mark.line
        end_mark = value_node.end_mark
        last = end_mark.line if end_mark.column > 0 else end_mark.line - 1
        lines = where.yaml.splitlines()
        # Comments and blank lines at the margin after a value belong to what follows.
        while last > first and (not lines[last].strip() or lines[last].startswith("#")):
            last -= 1
        begin = starts[first]
        stop = starts[last + 1] if last + 1 < len(starts) else len(where.yaml)
        return where.start + begin, where.start + stop
    return None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def set_key(text: str, key: str, value: Any, *, path: str, flow: bool | None = False) -> str:
    """The page with top-level `key` set to `value` (added last when absent); None removes the key.

    Only the lines of that key change: the rest of the file is kept byte for
    byte. A page without a header gets one. Raises FrontMatterError when the
    header cannot be read (nothing is guessed).
    """
    header = parse(text, path=path)
    where = header.split
    entry = "" if value is None else dump({key: value}, where.newline, flow=flow)
    if not where.present:
        if not entry:
            return text
        lead = _BOM if text.startswith(_BOM) else ""
        return lead + "---\n" + entry + "---\n" + text[len(lead) :]
    node = _compose(where.yaml, path=path) if where.yaml.strip() else None
    if isinstance(node, yaml.MappingNode) and node.flow_style:
        # `{title: x, …}` on one line: written again as block lines, every value kept.
        data = {k: (value if k == key else v) for k, v in header.data.items() if k != key or value is not None}
        if value is not None:
            data.setdefault(key, value)
        return text[: where.start] + dump(data, where.newline, flow=flow) + text[where.end :]
    span = _entry_span(where, node, key) if isinstance(node, yaml.MappingNode) else None
    if span is not None:
        return text[: span[0]] + entry + text[span[1] :]
    if not entry:
        return text
    before = text[: where.end]
    if before and not before.endswith("\n"):
        before += where.newline
    return before + entry + text[where.end :]


def remove_key(text: str, key: str, *, path: str) -> str:
    """The page without top-level `key`; everything else byte for byte."""
    return set_key(text, key, None, path=path)
