# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Markdown lists, definition lists and tables → segments (part of MdParser, see mdblocks.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sync.convert.mdinline import InlineContext, Notes, footnote_labels
from sync.convert.mdsyntax import (
    _DD,
    _FENCE,
    _INLINE_TAGS,
    _ITEM,
    ALIGN_STYLE,
    Line,
    _blank,
    _dedent,
    _indented,
)
from sync.convert.segments import Seg
from sync.errors import ConversionError

_ROW_PLAIN = re.compile(r"[^\\`|]+")  # what split_row passes on as it is


def _term_colons(wiki: str) -> str:
    """Colons of a term's text → &#58;: MediaWiki cuts `; terme : définition` at the first colon of
    the text it sees (in link text too), but not in addresses, link targets, tags nor nowiki."""
    import mwparserfromhell  # only for the rare term holding a colon: kept out of start-up
    from mwparserfromhell.nodes import ExternalLink, Tag, Text, Wikilink

    def escape(nodes: Iterable[object]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                node.value = node.value.replace(":", "&#58;")
            elif isinstance(node, ExternalLink) and node.title is not None:
                escape(node.title.nodes)
            elif isinstance(node, Wikilink) and node.text is not None:
                escape(node.text.nodes)
            elif isinstance(node, Tag) and node.contents is not None and str(node.tag).lower() in _INLINE_TAGS:
                escape(node.contents.nodes)

    code = mwparserfromhell.parse(wiki)
    escape(code.nodes)
    return str(code)


class MdListsMixin:
    """Lists, definition lists and tables; the rest of the parser is MdParser."""

    ctx: InlineContext
    notes: Notes
    _block: int

    def seg(self, kind: str, lines: list[Line], wiki: str, **kw: object) -> Seg:
        raise NotImplementedError

    def error(self, line: Line, message: str) -> ConversionError:
        raise NotImplementedError

    def inline(self, text: str, line: Line, *, in_table: bool = False) -> str:
        raise NotImplementedError

    def note_ctx(self, text: str) -> tuple[tuple[str, str | None, bool], ...]:
        raise NotImplementedError

    def _interrupts(self, text: str) -> bool:
        raise NotImplementedError

    def _container_body(self, lines: list[Line], i: int) -> int:
        raise NotImplementedError

    def _term(self, line: Line) -> str:
        """A definition term: `; terme`, its colons written &#58; (MediaWiki ends a term at the first one)."""
        wiki = self.inline(line.text.strip(), line)
        return "; " + (_term_colons(wiki) if ":" in wiki else wiki) + "\n"

    def _deflist(self, lines: list[Line], i: int, j: int, segs: list[Seg]) -> int:
        n = len(lines)
        block = self._block
        for ln in lines[i:j]:
            segs.append(
                self.seg(
                    "dt",
                    [ln],
                    self._term(ln),
                    block=block,
                    fctx=self.note_ctx(ln.text),
                    bctx=tuple(footnote_labels(ln.text)),
                )
            )
        while j < n:
            m = _DD.match(lines[j].text)
            if not m:
                break
            k = j + 1
            parts = [m.group(1).strip()]
            while k < n and not _blank(lines[k]) and not _DD.match(lines[k].text):
                if not _indented(lines[k].text):
                    break
                parts.append(lines[k].text.strip())
                k += 1
            body = " ".join(parts)
            segs.append(
                self.seg(
                    "dd",
                    lines[j:k],
                    ": " + self.inline(body, lines[j]) + "\n",
                    block=block,
                    fctx=self.note_ctx(body),
                    bctx=tuple(footnote_labels(body)),
                )
            )
            j = k
            # a blank line then another "Term / :   definition" continues the same list
            b = j
            while b < n and _blank(lines[b]):
                b += 1
            if (
                b > j
                and b + 1 < n
                and not _blank(lines[b])
                and _DD.match(lines[b + 1].text)
                and not self._interrupts(lines[b].text)
                and not _FENCE.match(lines[b].text)
                and not _ITEM.match(lines[b].text)
                and not _indented(lines[b].text)
            ):
                for blank in lines[j:b]:
                    segs.append(self.seg("blank", [blank], "", block=block))
                segs.append(
                    self.seg(
                        "dt",
                        [lines[b]],
                        self._term(lines[b]),
                        block=block,
                        fctx=self.note_ctx(lines[b].text),
                        bctx=tuple(footnote_labels(lines[b].text)),
                    )
                )
                j = b + 1
                continue
            if b > j and b < n and _indented(lines[b].text):
                raise self.error(
                    lines[b],
                    "définition en plusieurs paragraphes : le wiki n'accepte qu'un "
                    "paragraphe par définition ; fusionnez-les.",
                )
        return j

    def _table(self, lines: list[Line], i: int, segs: list[Seg]) -> int:
        n = len(lines)
        j = i + 2
        while j < n and not _blank(lines[j]):
            j += 1
        header = split_row(lines[i].text)
        aligns: list[str | None] = []
        for cell in split_row(lines[i + 1].text):
            c = cell.strip()
            if c.startswith(":") and c.endswith(":"):
                aligns.append("center")
            elif c.endswith(":"):
                aligns.append("right")
            elif c.startswith(":"):
                aligns.append("left")
            else:
                aligns.append(None)
        ncols = len(header)
        aligns = (aligns + [None] * ncols)[:ncols]
        block = self._block
        ctx = (tuple(aligns),)
        cells = [
            ALIGN_STYLE[a] + self.inline(c.strip(), lines[i], in_table=True)
            for c, a in zip(header, aligns, strict=True)
        ]
        wiki = '{| class="wikitable"\n! ' + " !! ".join(cells) + "\n"
        segs.append(
            self.seg(
                "thead",
                lines[i : i + 2],
                wiki,
                block=block,
                fctx=ctx + self.note_ctx(lines[i].text),
                bctx=tuple(footnote_labels(lines[i].text)),
            )
        )
        for ln in lines[i + 2 : j]:
            row = split_row(ln.text)
            if len(row) > ncols and any(c.strip() for c in row[ncols:]):
                raise self.error(
                    ln,
                    f"ligne de tableau avec {len(row)} cellules pour {ncols} colonnes : "
                    "le site n'affiche pas les cellules en trop ; ajoutez une colonne ou retirez-les.",
                )
            row = (row + [""] * ncols)[:ncols]
            contents = [self.inline(c.strip(), ln, in_table=True) for c in row]
            cells = [ALIGN_STYLE[a] + c for c, a in zip(contents, aligns, strict=True)]
            seg = self.seg(
                "trow",
                [ln],
                "|-\n| " + " || ".join(cells) + "\n",
                block=block,
                fctx=ctx + self.note_ctx(ln.text),
                bctx=tuple(footnote_labels(ln.text)),
            )
            seg.extra["cells"] = [(c.strip(), w) for c, w in zip(row, contents, strict=True)]
            segs.append(seg)
        segs.append(Seg("tclose", "", "|}\n", block=block, fk=("tclose",)))
        return j

    def _list(self, lines: list[Line], i: int, segs: list[Seg], prefix: str) -> int:
        n = len(lines)
        first = _ITEM.match(lines[i].text)
        assert first is not None  # noqa: S101 - guaranteed by the caller
        symbol = "#" if first.group(2) else "*"
        block = self._block
        j = i
        while j < n:
            m = _ITEM.match(lines[j].text)
            if not m or _indented(lines[j].text):
                break
            start = j
            parts = [m.group(3).strip()]
            j += 1
            # lazy or indented continuation lines of the item's first paragraph
            while j < n:
                t = lines[j].text
                stripped = t.strip()
                if not stripped:  # a blank line ends the item's first paragraph
                    break
                if stripped[0].isalpha():  # after any indent, a letter: neither an item nor an interruption
                    parts.append(stripped)
                    j += 1
                    continue
                if _ITEM.match(t) and not _indented(t):
                    break
                if _indented(t) and _ITEM.match(_dedent(t)):
                    break
                if self._interrupts(stripped) and not _indented(t):
                    break
                parts.append(stripped)
                j += 1
            own = lines[start:j]
            body = " ".join(p for p in parts if p)
            if not body:
                raise self.error(lines[start], "élément de liste vide : le wiki n'en a pas ; écrivez-le ou retirez-le.")
            if _ITEM.match(body + " ") or body in ("-", "*", "+"):
                raise self.error(
                    lines[start],
                    "deux marques de liste sur une même ligne : mettez la sous-liste "
                    "sur la ligne suivante, indentée de quatre espaces.",
                )
            item_prefix = prefix + symbol
            wiki = item_prefix + " " + self.inline(body, lines[start]).replace("\n", " ") + "\n"
            segs.append(
                self.seg(
                    "li",
                    own,
                    wiki,
                    block=block,
                    fctx=(item_prefix, *self.note_ctx(body)),
                    bctx=(symbol, len(prefix), *footnote_labels(body)),
                )
            )
            # nested content: indented lines (after optional blank lines)
            k = j
            while k < n and _blank(lines[k]):
                k += 1
            blanks = lines[j:k]
            if k < n and _indented(lines[k].text):
                end = self._container_body(lines, k)
                for b in blanks:
                    segs.append(self.seg("blank", [b], "", block=block))
                child = [Line(_dedent(ln.text), ln.index) for ln in lines[k:end]]
                self._nested(child, segs, item_prefix, block)
                j = end
                k = j
                while k < n and _blank(lines[k]):
                    k += 1
                blanks = lines[j:k]
            if k < n and _ITEM.match(lines[k].text) and not _indented(lines[k].text):
                for b in blanks:
                    segs.append(self.seg("blank", [b], "", block=block))
                j = k
                continue
            break
        return j

    def _nested(self, child: list[Line], segs: list[Seg], prefix: str, block: int) -> None:
        c = 0
        while c < len(child):
            if _blank(child[c]):
                segs.append(self.seg("blank", [child[c]], "", block=block))
                c += 1
                continue
            if _ITEM.match(child[c].text):
                c = self._list(child, c, segs, prefix)
                continue
            raise self.error(
                child[c],
                "contenu dans un élément de liste qui n'est ni du texte ni une sous-liste (paragraphe "
                "séparé, code, citation, tableau) : le wiki ne sait pas l'afficher dans une liste ; "
                "sortez-le de la liste ou fusionnez-le avec le texte de l'élément.",
            )
        for seg in segs:
            if seg.block != block and seg.kind == "li":
                seg.block = block


def split_row(text: str) -> list[str]:
    """Cells of a Markdown table row, as the tables extension splits them (not on \\| nor in code)."""
    row = text.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells: list[str] = []
    current: list[str] = []
    i = 0
    end = len(row)
    while i < end:
        plain = _ROW_PLAIN.match(row, i)
        if plain:  # characters that mean nothing here, taken together
            current.append(plain.group(0))
            i = plain.end()
            continue
        char = row[i]
        if char == "\\" and i + 1 < end:
            current.append(row[i : i + 2])
            i += 2
            continue
        if char == "`":
            run = len(row[i:]) - len(row[i:].lstrip("`"))
            fence = "`" * run
            close = row.find(fence, i + run)
            if close >= 0:
                current.append(row[i : close + run])
                i = close + run
                continue
        if char == "|":
            cells.append("".join(current))
            current = []
            i += 1
            continue
        current.append(char)
        i += 1
    cells.append("".join(current))
    return cells
