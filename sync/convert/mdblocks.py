# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Markdown blocks (Python-Markdown with the site's extensions) → segments carrying their wikitext.

A small line-based parser rather than a generic Markdown library: it must
keep every source line attached to the wikitext it produced (see segments.py)
and follow Python-Markdown's rules (4-space nesting, lazy continuation lines,
admonitions, footnotes, definition lists), which CommonMark parsers do not.
Every segment's `.md` is the exact source text of its lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sync.convert.escape import wiki_pre_escape
from sync.convert.mdinline import InlineContext, Notes, attribute_list_refused, convert_inline, footnote_labels
from sync.convert.mdlists import MdListsMixin, split_row
from sync.convert.mdsyntax import (
    _ABBR,
    _ADMONITION,
    _ATX,
    _DD,
    _FENCE,
    _FNDEF,
    _HR,
    _HTML_BLOCK,
    _INLINE_TAGS,
    _ITEM,
    _LINKREF,
    _ONLY_COMMENTS,
    _QUOTE,
    _SETEXT,
    _TABLE_SEP,
    Line,
    _blank,
    _dedent,
    _indented,
    source_lines,
)
from sync.convert.segments import Seg, within
from sync.errors import ConversionError
from sync.sitemap import SiteMap


class MdParser(MdListsMixin):
    """Parses one page body; collects footnote and link definitions first, as Python-Markdown does."""

    def __init__(
        self,
        body: str,
        *,
        site: SiteMap,
        path: str,
        line_offset: int = 0,
        memo: dict[tuple[str, bool], str] | None = None,
    ) -> None:
        self.raw = source_lines(body)
        self.offset = line_offset
        self.notes = Notes()
        self.ctx = InlineContext(site=site, path=path, notes=self.notes, memo=memo)
        self.seen_notes: set[str] = set()
        self.references_done = False
        self._block = 0
        self._collect_definitions()

    # -- pre-pass ------------------------------------------------------------------------------------
    def _collect_definitions(self) -> None:
        raw = self.raw
        body = "".join(raw)
        if "]:" not in body:  # no footnote nor link definition (the usual page)
            return
        i = 0
        while i < len(raw):
            text = raw[i].rstrip("\n")
            m = _FNDEF.match(text)
            if m:
                paragraphs = [[m.group(2).strip()]]
                j = i + 1
                while j < len(raw):
                    if _indented(raw[j]) and raw[j].strip():
                        paragraphs[-1].append(raw[j].strip())
                        j += 1
                        continue
                    k = _note_goes_on(raw, j, str.strip)
                    if k is None:
                        break
                    paragraphs.append([])  # an indented paragraph after a blank line belongs to the note
                    j = k
                # paragraphs of a note: "\n\n" between them, as on the wiki inside <ref>
                self.notes.defs[m.group(1)] = "\n\n".join(" ".join(p for p in para if p) for para in paragraphs)
                i = j
                continue
            m = _LINKREF.match(text)
            if m:
                self.ctx.refs[m.group(1).lower()] = m.group(2)
            i += 1
        for text in raw if "[^" in body else ():
            if _FNDEF.match(text):
                continue
            for label in footnote_labels(text):
                self.notes.counts[label] = self.notes.counts.get(label, 0) + 1

    # -- helpers -------------------------------------------------------------------------------------
    def seg(self, kind: str, lines: list[Line], wiki: str, **kw: object) -> Seg:
        md = self.raw[lines[0].index] if len(lines) == 1 else "".join(self.raw[ln.index] for ln in lines)
        line_no = (lines[0].index + 1 + self.offset) if lines else 0
        kw.setdefault("block", self._block)
        return Seg(kind, md, wiki, line=line_no, **kw)  # type: ignore[arg-type]

    def error(self, line: Line, message: str) -> ConversionError:
        return ConversionError(message, path=self.ctx.path, line=line.index + 1 + self.offset)

    def _no_attribute_list(self, line: Line, text: str, pattern: re.Pattern[str]) -> None:
        m = pattern.search(text)
        if m:
            raise self.error(line, attribute_list_refused(m.group(0).strip()))

    def inline(self, text: str, line: Line, *, in_table: bool = False) -> str:
        self.ctx.line = line.index + 1 + self.offset
        return convert_inline(text, self.ctx, in_table=in_table)

    def note_ctx(self, text: str) -> tuple[tuple[str, str | None, bool], ...]:
        out = []
        for label in footnote_labels(text):
            first = label not in self.seen_notes
            self.seen_notes.add(label)
            out.append((label, self.notes.defs.get(label), first))
        return tuple(out)

    # -- blocks --------------------------------------------------------------------------------------
    def parse(self, lines: list[Line]) -> list[Seg]:
        segs: list[Seg] = []
        i = 0
        n = len(lines)
        while i < n:
            line = lines[i]
            text = line.text
            self._block += 1
            if _blank(line):
                segs.append(self.seg("blank", [line], "\n"))
                i += 1
                continue
            if text[0].isalpha() and "|" not in text:  # no block starts with a letter: a paragraph
                i = self._paragraph(lines, i, segs)
                continue
            fence = _FENCE.match(text)
            if fence and not (fence.group(1)[0] == "`" and "`" in fence.group(2)):
                if fence.group(2) and not _FENCE_INFO.fullmatch(fence.group(2)):
                    raise self.error(
                        line,
                        f"bloc de code « {text.strip()} » : après {fence.group(1)}, le site ne lit qu'un nom de "
                        "langage (```python) ; il montrerait ce bloc comme du texte, le wiki comme du code. "
                        "Corrigez la ligne d'ouverture.",
                    )
                i = self._fenced(lines, i, fence, segs)
                continue
            if text == "<!-- -->":  # only separates two lists (see wikiblocks._separate_lists)
                segs.append(self.seg("list-sep", [line], ""))
                i += 1
                continue
            if text.startswith("<!--"):
                j = i
                while j < n and "-->" not in lines[j].text:
                    j += 1
                if j < n and (_ONLY_COMMENTS.match(text) if j == i else not lines[j].text.split("-->", 1)[1].strip()):
                    body = "\n".join(ln.text for ln in lines[i : j + 1])
                    wiki = self.inline(body, line) if j == i else body
                    segs.append(self.seg("comment", lines[i : j + 1], wiki + "\n"))
                    i = j + 1
                    continue
            m = _ATX.match(text)
            if m:
                if not m.group(2).strip():
                    raise self.error(line, "titre vide : le wiki n'en a pas ; écrivez le titre ou retirez la ligne.")
                self._no_attribute_list(line, m.group(2), _HEADER_ATTRS)
                title = self.inline(m.group(2).strip(), line)
                level = "=" * len(m.group(1))
                segs.append(
                    self.seg(
                        "heading",
                        [line],
                        f"{level} {title} {level}\n",
                        fctx=self.note_ctx(text),
                        bctx=tuple(footnote_labels(text)),
                    )
                )
                i += 1
                continue
            if _HR.match(text):
                segs.append(self.seg("hr", [line], "----\n"))
                i += 1
                continue
            if (
                "|" in text
                and i + 1 < n
                and _TABLE_SEP.match(lines[i + 1].text)
                and "-" in lines[i + 1].text
                and len(split_row(text)) == len(split_row(lines[i + 1].text))
            ):
                i = self._table(lines, i, segs)
                continue
            m = _ADMONITION.match(text)
            if m:
                i = self._admonition(lines, i, m, segs)
                continue
            if _QUOTE.match(text):
                i = self._blockquote(lines, i, segs)
                continue
            if _ITEM.match(text):
                i = self._list(lines, i, segs, prefix="")
                continue
            m = _FNDEF.match(text)
            if m:
                i = self._footnotes(lines, i, segs)
                continue
            m = _ABBR.match(text)
            if m:
                segs.append(self.seg("abbr", [line], f"<!-- md: {text.strip()} -->\n"))
                i += 1
                continue
            if _LINKREF.match(text):
                segs.append(self.seg("linkref", [line], ""))
                i += 1
                continue
            if _indented(text) and (i == 0 or _blank(lines[i - 1])):
                i = self._indented_code(lines, i, segs)
                continue
            html = _HTML_BLOCK.match(text)
            if html and html.group(2).lower() not in _INLINE_TAGS:
                raise self.error(
                    line,
                    f"bloc HTML <{html.group(2)}> : il ne passe pas sur le wiki ; écrivez-le en Markdown "
                    "(ou dans un bloc ```wikitext si c'est du wikitexte).",
                )
            i = self._paragraph(lines, i, segs)
        return segs

    def _interrupts(self, text: str) -> bool:
        return bool(
            _ATX.match(text)
            or _QUOTE.match(text)
            or _ADMONITION.match(text)
            or _FNDEF.match(text)
            or _ABBR.match(text)
            or (text.startswith("<!--") and text.rstrip().endswith("-->"))
        )

    def _paragraph(self, lines: list[Line], i: int, segs: list[Seg]) -> int:
        n = len(lines)
        j = i + 1
        while j < n and not _blank(lines[j]):
            if lines[j].text[0].isalpha():  # nothing that ends a paragraph starts with a letter
                j += 1
                continue
            if _SETEXT.match(lines[j].text):
                break
            if self._interrupts(lines[j].text) or _HR.match(lines[j].text) or _closed_fence(lines, j):
                break
            if _DD.match(lines[j].text):
                break
            j += 1
        para = lines[i:j]
        if j < n and _SETEXT.match(lines[j].text) and j == i + 1:
            level = "==" if lines[j].text.startswith("=") else "==="
            level = "=" if lines[j].text.startswith("=") else "=="
            self._no_attribute_list(para[0], para[0].text, _HEADER_ATTRS)
            title = self.inline(para[0].text.strip(), para[0])
            segs.append(self.seg("heading", [para[0], lines[j]], f"{level} {title} {level}\n"))
            return j + 1
        if j < n and _DD.match(lines[j].text):
            return self._deflist(lines, i, j, segs)
        if j == i + 1 and para[0].text.strip() == "[TOC]" and "toc" not in self.ctx.refs:
            segs.append(self.seg("toc", para, "__TOC__\n"))  # the site's table of contents, where the wiki's goes
            return j
        if len(para) > 1:
            self._no_attribute_list(para[-1], para[-1].text, _BLOCK_ATTRS)
        texts = [ln.text.lstrip() for ln in para]
        texts = [t if t.endswith("  ") and k < len(texts) - 1 else t.rstrip() for k, t in enumerate(texts)]
        wiki = self.inline("\n".join(texts), para[0])
        wiki_lines = wiki.split("\n")
        if len(wiki_lines) == len(para):
            for ln, wl in zip(para, wiki_lines, strict=True):
                segs.append(
                    self.seg("p", [ln], wl + "\n", fctx=self.note_ctx(ln.text), bctx=tuple(footnote_labels(ln.text)))
                )
        else:
            joined = "\n".join(texts)
            segs.append(
                self.seg("p", para, wiki + "\n", fctx=self.note_ctx(joined), bctx=tuple(footnote_labels(joined)))
            )
        return j

    def _fenced(self, lines: list[Line], i: int, fence: re.Match[str], segs: list[Seg]) -> int:
        marker = fence.group(1)
        info = fence.group(2)
        j = i + 1
        while j < len(lines):
            if lines[j].text.strip() == marker:  # the same run, as superfences closes it (not a longer one)
                break
            j += 1
        if j >= len(lines):  # Python-Markdown leaves an unclosed fence as plain text
            return self._paragraph(lines, i, segs)
        content = "".join(ln.text + "\n" for ln in lines[i + 1 : j])
        lang = info.strip("{} ").lstrip(".").split(" ")[0] if info else ""
        if lang == "wikitext":
            segs.append(self.seg("raw", lines[i : j + 1], content))
        else:
            attr = f' class="language-{lang}"' if re.fullmatch(r"[\w+-]+", lang or "-") and lang else ""
            segs.append(self.seg("code", lines[i : j + 1], f"<pre{attr}>\n{wiki_pre_escape(content)}</pre>\n"))
        return j + 1

    def _indented_code(self, lines: list[Line], i: int, segs: list[Seg]) -> int:
        j = i
        last = i
        while j < len(lines) and (_indented(lines[j].text) or _blank(lines[j])):
            if not _blank(lines[j]):
                last = j
            j += 1
        block = lines[i : last + 1]
        content = "".join(_dedent(ln.text) + "\n" for ln in block)
        segs.append(self.seg("code", block, f"<pre>\n{wiki_pre_escape(content)}</pre>\n"))
        return last + 1

    def _container_body(self, lines: list[Line], i: int) -> int:
        """End (exclusive) of the 4-space indented body starting at i."""
        j = i
        end = i
        while j < len(lines):
            if _blank(lines[j]):
                j += 1
                continue
            if not _indented(lines[j].text):
                break
            j += 1
            end = j
        return end

    def _admonition(self, lines: list[Line], i: int, m: re.Match[str], segs: list[Seg]) -> int:
        kind_marker, types, title = m.group(1), m.group(2), m.group(3)
        end = self._container_body(lines, i + 1)
        classes = "admonition " + types
        if kind_marker == "???":
            classes += " mw-collapsible mw-collapsed"
        elif kind_marker == "???+":
            classes += " mw-collapsible"
        block = self._block
        site = self.ctx.site
        if site.admonition == "div":
            opener = f'<div class="{classes}">\n'
            if title is None:  # the site shows the first type as the title: so does the wiki
                opener += f'<p class="admonition-title">{default_title(types)}</p>\n'
            elif title:  # `!!! note ""`: no title at all
                opener += f'<p class="admonition-title">{self.inline(title, lines[i])}</p>\n'
            closer = "</div>\n"
        else:
            opener = "{{" + site.admonition + "|type=" + types
            if title is not None:
                opener += "|titre=" + self.inline(title, lines[i]).replace("|", "{{!}}")
            if kind_marker != "!!!":
                opener += "|pliable=" + ("ouvert" if kind_marker == "???+" else "oui")
            opener += "|contenu=\n"
            closer = "}}\n"
        segs.append(self.seg("adm-open", [lines[i]], opener, block=block))
        body = [Line(_dedent(ln.text), ln.index) for ln in lines[i + 1 : end]]
        children = self.parse(body)
        for child in children:
            child.block = block
        within("    ", children)
        segs.extend(children)
        segs.append(Seg("adm-close", "", closer, block=block, fk=("adm-close", closer)))
        return end

    def _blockquote(self, lines: list[Line], i: int, segs: list[Seg]) -> int:
        j = i
        n = len(lines)
        while j < n:
            if _blank(lines[j]):
                k = j
                while k < n and _blank(lines[k]):
                    k += 1
                if k < n and _QUOTE.match(lines[k].text):
                    j = k
                    continue
                break
            j += 1
        body = []
        for ln in lines[i:j]:
            q = _QUOTE.match(ln.text)
            body.append(Line(ln.text[q.end() :] if q else ln.text, ln.index))
        if all(not ln.text.strip() for ln in body):
            raise self.error(lines[i], "citation vide : le wiki n'en a pas ; écrivez-la ou retirez le « > ».")
        block = self._block
        segs.append(Seg("bq-open", "", "<blockquote>\n", block=block, fk=("bq-open",)))
        children = self.parse(body)
        for child in children:
            child.block = block
            child.extra["quote"] = True
        within("> ", children)
        segs.extend(children)
        segs.append(Seg("bq-close", "", "</blockquote>\n", block=block, fk=("bq-close",)))
        return j

    def _footnotes(self, lines: list[Line], i: int, segs: list[Seg]) -> int:
        j = i
        n = len(lines)
        last = i
        texts: list[str] = []  # the lines' texts, made once (once per note was quadratic)
        while j < n:
            if _FNDEF.match(lines[j].text):
                j += 1
                while j < n:
                    if _indented(lines[j].text) and not _blank(lines[j]):
                        j += 1
                        continue
                    texts = texts or [ln.text for ln in lines]
                    k = _note_goes_on(texts, j, str.strip)
                    if k is None:
                        break
                    j = k
                last = j
                continue
            if _blank(lines[j]):
                k = j
                while k < n and _blank(lines[k]):
                    k += 1
                if k < n and _FNDEF.match(lines[k].text):
                    j = k
                    continue
            break
        wiki = "" if self.references_done else "<references />\n"
        self.references_done = True
        labels = [m.group(1) for ln in lines[i:last] if (m := _FNDEF.match(ln.text))]
        for ln in lines[i:last]:
            m = _FNDEF.match(ln.text)
            if m and not self.notes.counts.get(m.group(1)):
                raise self.error(
                    ln,
                    f"note [^{m.group(1)}] définie mais jamais appelée : le wiki la perdrait ; "
                    f"appelez-la dans le texte avec [^{m.group(1)}] ou retirez-la.",
                )
        bk = ("fndefs", tuple((label, self.notes.defs.get(label)) for label in labels))
        segs.append(self.seg("fndefs", lines[i:last], wiki, fk=("fndefs",), bk=bk))
        return last


def _note_goes_on(texts: list[str], j: int, strip: Callable[[str], str]) -> int | None:
    """After blank lines from j, the index of an indented line that goes on a footnote, or None."""
    k = j
    while k < len(texts) and not strip(texts[k]):
        k += 1
    return k if j < k < len(texts) and _indented(texts[k]) else None


def default_title(types: str) -> str:
    """The title Python-Markdown gives an admonition written without one (`!!! note` → « Note »)."""
    return types.split(" ", 1)[0].capitalize()


# attr_list's own patterns: at the end of a heading, alone on a paragraph's last line
_HEADER_ATTRS = re.compile(r"[ ]+\{\:?([^\}\n]*)\}[ ]*$")
_BLOCK_ATTRS = re.compile(r"^[ ]*\{\:?[ ]*([^\}\n]*)[ ]*\}[ ]*$")

# what pymdownx.superfences reads after a fence: a language, or attributes in braces
_FENCE_INFO = re.compile(r"\.?[\w#.+-]+|\{[^\n]*\}")


def _closed_fence(lines: list[Line], i: int) -> bool:
    m = _FENCE.match(lines[i].text)
    if not m:
        return False
    marker = m.group(1)
    return any(ln.text.strip() == marker for ln in lines[i + 1 :])


def markdown_segments(
    body: str,
    *,
    site: SiteMap,
    path: str,
    line_offset: int = 0,
    memo: dict[tuple[str, bool], str] | None = None,
) -> list[Seg]:
    """Segments of a page body (front matter already removed); `memo` shares inline conversions
    between the passes of one page's conversion."""
    if body and not body.endswith("\n"):
        body += "\n"
    parser = MdParser(body, site=site, path=path, line_offset=line_offset, memo=memo)
    lines = [Line(text.rstrip("\n"), index) for index, text in enumerate(parser.raw)]
    segs = parser.parse(lines)
    _fix_blanks(segs)
    return segs


def markdown_footnotes(body: str, *, site: SiteMap, path: str) -> dict[str, str]:
    """Footnote label → text of a page body (to keep the author's labels on pull)."""
    return MdParser(body, site=site, path=path).notes.defs


def _fix_blanks(segs: list[Seg]) -> None:
    """Context of blank lines (what they separate) and no doubled blank lines on the wiki."""
    visible = [k for k, s in enumerate(segs) if s.md]
    prev_kind = "start"
    prev_blank_wiki = False
    for pos, k in enumerate(visible):
        seg = segs[k]
        if seg.kind != "blank":
            prev_kind = seg.kind
            prev_blank_wiki = False
            continue
        nxt = "end"
        for k2 in visible[pos + 1 :]:
            if segs[k2].kind != "blank":
                nxt = segs[k2].kind
                break
        seg.fctx = (prev_kind, nxt)
        # whether the wiki has this blank line or not, and however the author wrote it in a quote
        seg.bk = ("blank", bool(seg.extra.get("quote")), seg.extra.get("in"), prev_kind, nxt)
        if seg.wiki:
            if prev_blank_wiki:
                seg.wiki = ""
            prev_blank_wiki = True
