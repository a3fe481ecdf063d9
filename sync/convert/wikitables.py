# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Wiki tables that Markdown can hold: `class="wikitable"`, one header row, plain cells.

Anything else (captions, spans, attributes, multi-line cells) stays raw wikitext.
"""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Node, Tag, Text
from mwparserfromhell.wikicode import Wikicode

from sync.convert.mdlists import split_row as split_md_row
from sync.convert.segments import Seg

_ALIGN = re.compile(r"\s*text-align:\s*(left|center|right)\s*;?\s*")


class TableMixin:
    """Part of WikiParser (see wikiblocks.py) that converts tables."""

    def conv(self, nodes: list[Node] | Wikicode, *, in_table: bool = False) -> tuple[str, int, list[str]]:
        raise NotImplementedError

    def note_ctx(self, labels: list[str]) -> tuple[tuple[str, str | None, bool], ...]:
        raise NotImplementedError

    def new_block(self) -> int:
        raise NotImplementedError

    # -- tables -------------------------------------------------------------------------------------
    def table(self, tag: Tag, text: str) -> list[Seg] | None:
        attrs = tag.attributes
        if len(attrs) != 1 or str(attrs[0].name) != "class" or str(attrs[0].value) != "wikitable":
            return None
        source = str(tag)
        opening = source[: source.index("\n") + 1]
        if opening.strip() != '{| class="wikitable"' or not text.startswith(source):
            return None
        pieces: list[list[Node]] = [[]]  # header cells, then one list per row
        for node in tag.contents.nodes:
            if isinstance(node, Tag) and str(node.tag) == "tr":
                pieces.append([node])
            elif isinstance(node, Tag) and str(node.tag) in ("th", "td") and len(pieces) == 1:
                pieces[0].append(node)
            elif isinstance(node, Text) and not node.value.strip():
                pieces[-1].append(node)
            else:
                return None
        header = [n for n in pieces[0] if isinstance(n, Tag)]
        if not header or any(str(c.tag) != "th" for c in header):
            return None
        ncols = len(header)
        rows: list[list[Tag]] = []
        for piece in pieces[1:]:
            tr = piece[0]
            assert isinstance(tr, Tag)  # noqa: S101 - built above
            if tr.attributes or tr.wiki_markup != "|-":
                return None
            cells = [n for n in tr.contents.nodes if isinstance(n, Tag)]
            if any(not isinstance(n, Tag) and str(n).strip() for n in tr.contents.nodes):
                return None
            if len(cells) != ncols or any(str(c.tag) != "td" for c in cells):
                return None
            rows.append(cells)
        aligns: list[str | None] = []
        for cell in header:
            align = _cell_align(cell)
            if align is False:
                return None
            aligns.append(align)  # type: ignore[arg-type]
        for cells in rows:
            if [_cell_align(c) for c in cells] != aligns:
                return None
        block = self.new_block()
        ctx = (tuple(aligns),)
        head_md, used = self._row_md(header)
        if head_md is None:
            return None
        sep = "|" + "|".join({"left": ":---", "center": ":---:", "right": "---:", None: "---"}[a] for a in aligns) + "|"
        head_wiki = opening + "".join(str(n) for n in pieces[0])
        segs = [
            Seg("thead", head_md + sep + "\n", head_wiki, block=block, fctx=ctx + self.note_ctx(used), bctx=tuple(used))
        ]
        for piece, cells in zip(pieces[1:], rows, strict=True):
            row_md, used = self._row_md(cells)
            if row_md is None:
                return None
            seg = Seg(
                "trow",
                row_md,
                "".join(str(n) for n in piece),
                block=block,
                fctx=ctx + self.note_ctx(used),
                bctx=tuple(used),
            )
            seg.extra["cells"] = [(str(c), str(c.contents)) for c in cells]
            segs.append(seg)
        closing = text[len(source) - 2 :]
        if not source.endswith("|}") or "".join(s.wiki for s in segs) + closing != text:
            return None
        segs.append(Seg("tclose", "", closing, block=block, fk=("tclose",)))
        return segs

    def _row_md(self, cells: list[Tag]) -> tuple[str | None, list[str]]:
        out = []
        used_all: list[str] = []
        for cell in cells:
            contents = cell.contents
            body = str(contents)
            if "\n" in body.rstrip("\n") or body.count("\n") > 1:
                return None, []
            md, _raws, used = self.conv(contents, in_table=True)
            if "\n" in md.strip():
                return None, []
            used_all.extend(used)
            out.append(md.strip())
        return "|" + "|".join(f" {c} " if c else " " for c in out) + "|\n", used_all


def merge_row(old: Seg, new: Seg) -> str | None:
    """A table row edited in Markdown: rewrite only the cells whose text changed, in the wiki's layout.

    People lay rows out in many ways (one cell per line, `||` on one line, odd
    spacing); rewriting a whole row for one changed cell would show as a
    rewrite of the row in the wiki's history.
    """
    old_cells = old.extra.get("cells")
    new_cells = new.extra.get("cells")
    if (
        old.kind != "trow"
        or new.kind != "trow"
        or not isinstance(old_cells, list)
        or not isinstance(new_cells, list)
        or len(old_cells) != len(new_cells)
        or old.fctx[:1] != new.fctx[:1]
    ):
        return None
    old_md = [c.strip() for c in split_md_row(old.md)]
    if len(old_md) != len(old_cells):
        return None
    out: list[str] = []
    pos = 0
    for (source, contents), md_before, (md_after, wiki_after) in zip(old_cells, old_md, new_cells, strict=True):
        at = old.wiki.find(source, pos)
        if at < 0 or not source.endswith(contents):
            return None
        out.append(old.wiki[pos:at])
        if md_before == md_after:
            out.append(source)
        else:
            core = contents.strip()
            lead = contents[: len(contents) - len(contents.lstrip())] or " "
            tail = contents[len(contents.rstrip()) :] if core else contents.lstrip(" ")
            out.append(source[: len(source) - len(contents)] + lead + wiki_after + tail)
        pos = at + len(source)
    out.append(old.wiki[pos:])
    return "".join(out)


def _cell_align(cell: Tag) -> str | bool | None:
    attrs = cell.attributes
    if not attrs:
        return None
    if len(attrs) != 1 or str(attrs[0].name) != "style":
        return False
    m = _ALIGN.fullmatch(str(attrs[0].value or ""))
    return m.group(1) if m else False
