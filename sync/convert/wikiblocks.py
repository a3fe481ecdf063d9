# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Wikitext blocks → segments carrying their Markdown.

The page is parsed once by mwparserfromhell; its top-level nodes are cut into
logical lines (a node spanning several lines, such as a multi-line template
or a table, keeps its lines together). Each logical line, or run of lines,
becomes a segment whose `.wiki` is the exact source text, so that nothing is
ever re-printed unless the Markdown side changed.

What Markdown cannot hold becomes a fenced block ```` ```wikitext ```` holding
the exact source lines (shown as code on the site, written back verbatim).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mwparserfromhell.nodes import Comment, Heading, Node, Tag, Template, Text, Wikilink
from mwparserfromhell.parser import tokens
from mwparserfromhell.wikicode import Wikicode

from sync.convert.escape import hidden, md_escape_line_start, md_line_is_safe
from sync.convert.segments import Seg
from sync.convert.wikicontainers import ContainerMixin
from sync.convert.wikiinline import _SWITCH, CATEGORY_NS, WikiInline
from sync.convert.wikilayout import _absorb_leading_blanks, _significant, finish
from sync.convert.wikilines import LLine, _fence, list_mark, logical_lines, page_tree, parse_page
from sync.convert.wikitables import TableMixin
from sync.sitemap import SiteMap

_ADM_CLASS = re.compile(r"admonition ([\w-]+(?: (?!mw-)[\w-]+)*)( mw-collapsible( mw-collapsed)?)?")
_ADM_TITLE = re.compile(r'<p class="admonition-title">(.*)</p>\n')
_LIST_CHARS = "*#:;"
_LIST_MARKS = tuple(_LIST_CHARS)
_PARAM_NAME = re.compile(r"[^\n<>{}\[\]|=]+")  # a parameter name the front matter can hold as it is
# A table indented by list marks or built with the {{!}} template: its rows are not read as text.
# where a line starting with `|` or `!` may be a table row for MediaWiki: a table opened by `:{|`,
# built with {{!}}, or a `{|` the converter could not read as a table (unclosed, odd rows)
_LOOSE_TABLE = re.compile(r"^[:*#;]*[ \t]*\{\||\{\{!\}\}", re.M)
_INCLUSION = re.compile(r"<\s*/?\s*(?:noinclude|includeonly|onlyinclude)\b", re.I)
# `#REDIRECT` / `#REDIRECTION` at the very start of a page makes it a redirect; MediaWiki renders it
# as a numbered item, but `# REDIRECT` (what a Markdown list gives back) is no redirect at all
_REDIRECT = re.compile(r"#redirect", re.I)
_CELL_LINE = re.compile(r"[|!]|\{\{\{!\}\}")
_ONLY_COMMENTS = re.compile(r"^(?:<!--(?:(?!-->).)*-->\s*)+$")
_BLOCK_TAGS = frozenset(
    {
        "div",
        "pre",
        "blockquote",
        "references",
        "table",
        "gallery",
        "center",
        "p",
        "ul",
        "ol",
        "dl",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "syntaxhighlight",
        "source",
        "poem",
        "math",
        "timeline",
        "hr",
        "noinclude",
        "includeonly",
        "onlyinclude",
        "section",
        "tabber",
    }
)
# an abbreviation of the Markdown side (`*[HTML]: Hypertext…`), kept in a wiki comment; only plain text
_ABBR = re.compile(r" md: (\*\[[^\]\\\n<>&`|]+\]: ?[^\n<>&`\\|]*) ")


@dataclass
class PageData:
    """What goes into front matter (`wiki:`) rather than the body."""

    template: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)


class WikiParser(ContainerMixin, TableMixin):
    def __init__(self, site: SiteMap, path: str, images: dict[str, str], admonition: str) -> None:
        self.inline = WikiInline(site=site, path=path, images=images)
        self.admonition = admonition
        self.data = PageData()
        self.block = 0
        self.seen: set[str] = set()
        self.fndefs: Seg | None = None
        self.starts: list[int] = []  # offset of each top-level line in the page text
        self.loose_table = False

    # -- helpers ------------------------------------------------------------------------------------
    def conv(self, nodes: list[Node] | Wikicode, *, in_table: bool = False) -> tuple[str, int, list[str]]:
        """Inline Markdown of nodes, number of raw pieces, footnote labels used."""
        inl = self.inline
        inl.raw_count = 0
        inl.used = []
        inl.in_table = in_table
        md = inl.convert(nodes)
        inl.in_table = False
        return md, inl.raw_count, inl.used  # a new list each call

    def note_ctx(self, labels: list[str]) -> tuple[tuple[str, str | None, bool], ...]:
        if not labels:
            return ()
        out = []
        for label in labels:
            first = label not in self.seen
            self.seen.add(label)
            out.append((label, self.inline.notes.defs.get(label), first))
        return tuple(out)

    def new_block(self) -> int:
        self.block += 1
        return self.block

    # -- page ---------------------------------------------------------------------------------------
    def page(self, text: str, raw: frozenset[int] = frozenset(), toks: list[tokens.Token] | None = None) -> list[Seg]:
        """Segments of a page; the top-level lines in `raw` (indices into `self.starts`) stay verbatim.
        `toks`: the page's tokens when already read (wikilines.page_tokens)."""
        code = parse_page(text) if toks is None else page_tree(toks)
        self.loose_table = bool(("{|" in text or "{{!}}" in text) and _LOOSE_TABLE.search(text))
        if "<ref" in text:
            for tag in code.filter_tags(matches=lambda n: str(n.tag).lower() == "ref"):
                if tag.has("name"):
                    self.inline.notes.reserved.add(str(tag.get("name").value).strip())
        lines = logical_lines(code)
        self.starts = []
        offset = 0
        for k, line in enumerate(lines):
            self.starts.append(offset)
            offset += len(line.text)
            line.raw = k in raw
        if "{{" in text:
            _keep_templated_rows(lines)
        if lines and text[:1] == "#" and _REDIRECT.match(text):
            lines[0].raw = True
        if "include" in text:  # MediaWiki drops these tags before it reads the line (a heading, a list…)
            for line in lines:
                if _INCLUSION.search(line.text):
                    line.raw = True
        segs: list[Seg] = []
        start = 0
        if lines and not lines[0].raw:
            sig = _significant(lines[0].nodes)
            if len(sig) == 1 and isinstance(sig[0], Template) and self._page_template(sig[0], lines[0].text):
                start = 1
                while start < len(lines) and not lines[start].text.strip():  # the Markdown body starts later
                    start += 1
                text = "".join(ln.text for ln in lines[:start])
                segs.append(Seg("tpl", "", text, fk=self._tpl_key(), bk=("tpl",)))
        segs.extend(self.blocks(lines[start:]))
        defs = self.inline.notes.defs
        if defs:
            md = "".join(f"[^{label}]: {text}\n" for label, text in defs.items())
            bk = ("fndefs", tuple(defs.items()))
            if self.fndefs is None:
                segs.append(Seg("fndefs", md, "", block=self.new_block(), fk=("fndefs",), bk=bk))
            else:
                self.fndefs.md = md
                self.fndefs.bk = bk
        elif self.fndefs is not None:
            self.fndefs.kind = "comment"
            self.fndefs.md = hidden(self.fndefs.wiki.strip()) + "\n"
            self.fndefs.fk = self.fndefs.bk = None  # keyed as any kept line, so a push keeps its spacing
        return finish(_absorb_leading_blanks(segs))

    def _page_template(self, tpl: Template, text: str) -> bool:
        name = str(tpl.name).strip()
        if not name or ":" in name or name.startswith("#") or name == self.admonition or "\n" in name:
            return False
        # a Page Forms template has named parameters only (MediaWiki trims their values, so the front
        # matter can hold them); `{{PAGENAME}}` or `{{1x|Foo}}` is body text
        if not tpl.params or not all(p.showkey for p in tpl.params):
            return False
        params: dict[str, str] = {}
        for p in tpl.params:
            key = str(p.name).strip()
            if key in params or not _PARAM_NAME.fullmatch(key):
                return False
            params[key] = str(p.value).strip()
        self.data.template = name
        self.data.params = params
        return True

    def _tpl_key(self) -> tuple[object, ...]:
        return ("tpl", self.data.template, tuple(self.data.params.items()))

    # -- blocks -------------------------------------------------------------------------------------
    def blocks(self, lines: list[LLine]) -> list[Seg]:
        segs: list[Seg] = []
        i = 0
        n = len(lines)
        raw_run: list[str] = []

        def flush() -> None:
            if raw_run:
                content = "".join(raw_run)
                if not content.endswith("\n"):
                    content += "\n"
                fence = _fence(content)
                segs.append(
                    Seg("raw", f"{fence}wikitext\n{content}{fence}\n", "".join(raw_run), block=self.new_block())
                )
                raw_run.clear()

        notes = self.inline.notes
        while i < n:
            line = lines[i]
            mark = notes.mark()
            made = None if line.raw else self.block_at(lines, i)
            if made is None or isinstance(made, int):
                notes.undo(mark)
                end = i + 1 if made is None else made
                raw_run.extend(ln.text for ln in lines[i:end])
                i = end
                continue
            flush()
            new, i = made
            segs.extend(new)
        flush()
        return segs

    def block_at(self, lines: list[LLine], i: int) -> tuple[list[Seg], int] | int | None:
        """The segments of the block at line i and the index of the line after it; or, when it stays
        wikitext, None (line i only) or the index of the first line that may start a block (a list
        run that failed: its lines cannot start one either, see `list_run`)."""
        line = lines[i]
        text = line.text
        if not text.strip():
            return [Seg("blank", "\n", text, block=self.new_block())], i + 1
        first = line.nodes[0]
        if list_mark(first):
            return self.list_run(lines, i)
        sig = _significant(line.nodes)
        if text.startswith((" ", "\t")) or (line.multi and not self._multi_ok(sig)):
            return None
        if isinstance(first, Heading) and len(sig) == 1:
            return self.heading(first, text), i + 1
        if isinstance(first, Tag) and first.wiki_markup == "----" and len(sig) == 1:
            return [Seg("hr", "---\n", text, block=self.new_block())], i + 1
        if len(sig) == 1 and isinstance(sig[0], Template) and str(sig[0].name).strip() == self.admonition:
            made = self.admonition_template(sig[0], text)
            return None if made is None else (made, i + 1)
        if len(sig) == 1 and isinstance(sig[0], Tag) and sig[0].wiki_markup not in ("''", "'''"):
            made = self.tag_block(sig[0], text)
            if made is not None:
                return made, i + 1
            if sig[0].wiki_markup or str(sig[0].tag).lower() in _BLOCK_TAGS:
                return None
        links = (
            [
                n
                for n in sig
                if isinstance(n, Wikilink)
                and str(n.title).strip().lower().startswith(CATEGORY_NS)
                and (n.text is None or str(n.text).strip())  # `[[Catégorie:X|]]` is shown as text
            ]
            if sig and all(isinstance(n, Wikilink) for n in sig)  # a line of text prints no link title
            else []
        )
        if sig and len(links) == len(sig):
            if not all(_category_line(ln) for ln in lines[i + 1 :]):
                return None  # moved to the end, a category line among the text would show (a blank line)
            names = tuple(_category(n) for n in links)
            self.data.categories.extend(names)
            return [Seg("cat", "", text, fk=("cat", names))], i + 1
        if sig and all(isinstance(n, Text) and not _SWITCH.sub("", n.value).strip() for n in sig):
            md = hidden(text.strip())
            return [Seg("comment", md + "\n", text, block=self.new_block())], i + 1
        if len(sig) == 1 and isinstance(sig[0], Comment) and text.strip() == str(sig[0]):
            abbr = _ABBR.fullmatch(str(sig[0].contents))
            if abbr:
                return [Seg("abbr", abbr.group(1) + "\n", text, block=self.new_block())], i + 1
        if sig and all(isinstance(n, Comment) for n in sig):
            md, raws, _ = self.conv(line.nodes)
            if raws:
                return None
            return [Seg("comment", md.strip() + "\n", text, block=self.new_block())], i + 1
        return self.paragraph(lines, i)

    def _multi_ok(self, sig: list[Node]) -> bool:
        if len(sig) == 1 and isinstance(sig[0], Tag | Comment):
            return True
        if len(sig) == 1 and isinstance(sig[0], Template):
            return str(sig[0].name).strip() == self.admonition
        return bool(sig) and all(isinstance(n, Comment) for n in sig)

    def heading(self, node: Heading, text: str) -> list[Seg]:
        md, _raws, used = self.conv(node.title)
        title = md.strip()
        if "\n" in title or not title or text.strip() != str(node):
            return self._raw_line(text)
        line = "#" * node.level + " " + title + "\n"
        return [Seg("heading", line, text, block=self.new_block(), fctx=self.note_ctx(used), bctx=tuple(used))]

    def _raw_line(self, text: str) -> list[Seg]:
        content = text if text.endswith("\n") else text + "\n"
        fence = _fence(content)
        return [Seg("raw", f"{fence}wikitext\n{content}{fence}\n", text, block=self.new_block())]

    def paragraph(self, lines: list[LLine], i: int) -> tuple[list[Seg], int] | None:
        line = lines[i]
        if self.loose_table and _CELL_LINE.match(line.text):
            return None  # a row of a table opened by `:{|` or built with {{!}}: MediaWiki shows a cell
        md, _raws, used = self.conv(line.nodes)
        body = md.rstrip()
        if not body.strip() or "\n" in body:
            return None
        if (
            body.endswith("<br />")
            and body[: -len("<br />")].strip()
            and line.text.rstrip().endswith("<br />")
            and i + 1 < len(lines)
            and self._is_para(lines[i + 1])
        ):
            body = body[: -len("<br />")].rstrip() + "  "
        md_line = md_escape_line_start(body) + "\n"
        if not md_line_is_safe(md_line):
            return None
        prev_p = i > 0 and self._is_para(lines[i - 1])
        block = self.block if prev_p else self.new_block()
        kind = "comment" if _ONLY_COMMENTS.match(md_line.rstrip("\n")) else "p"
        if kind == "comment":
            block = self.new_block()
        seg = Seg(kind, md_line, line.text, block=block, fctx=self.note_ctx(used), bctx=tuple(used))
        seg.extra["edges"] = self.inline.edges
        return [seg], i + 1

    def _is_para(self, line: LLine) -> bool:
        if not line.text.strip() or line.multi or line.text.startswith((" ", "\t")):
            return False
        first = line.nodes[0]
        sig = _significant(line.nodes)
        if isinstance(first, Heading) or all(
            isinstance(n, Comment) or (isinstance(n, Text) and not _SWITCH.sub("", n.value).strip()) for n in sig
        ):
            return False
        if list_mark(first) or (isinstance(first, Tag) and first.wiki_markup not in (None, "''", "'''")):
            return False
        return not (isinstance(first, Tag) and str(first.tag).lower() in ("div", "pre", "blockquote", "references"))

    # -- lists --------------------------------------------------------------------------------------
    def list_run(self, lines: list[LLine], i: int) -> tuple[list[Seg], int] | int:
        """The list that starts at line i and the index of the line after it, or, when it cannot be a
        Markdown list, the index of the first line that may still start one (the lines before it stay
        wikitext).

        A failed run is skipped, not scanned again from each of its lines: whatever makes it fail
        (a mark Markdown has no list for, a depth jump, an item that is not one safe line, a table)
        makes every run starting before that line fail the same way. Scanning again was quadratic:
        a hostile list of 4,000 items ending in `*:` took 16 s to pull.
        """
        opening = list_mark(lines[i].nodes[0])
        family = "*#" if str(opening) in "*#" else ";:"
        marks = tuple(family)
        run: list[tuple[str, list[Node], LLine]] = []
        terms = False
        prev = ""
        j = i
        while j < len(lines):
            ln = lines[j]
            nodes = ln.nodes
            if not nodes or ln.raw:
                break
            mark = list_mark(nodes[0])
            if mark not in marks:
                break
            if family == "*#" and j > i and mark != opening:
                break  # "* a" then "# b": two lists for MediaWiki
            k = 0
            prefix = ""
            while k < len(nodes):
                mark = list_mark(nodes[k])
                if mark not in _LIST_MARKS:
                    break
                prefix += str(mark)
                k += 1
            if _starts_table(nodes[k:]):
                return j + 1  # a table indented by a list mark (`:{|`): its rows follow as lines
            if not run:
                terms = prefix == ";"
            fault = _term_fault(prefix, prev, ln, nodes[k:]) if terms else _bullet_fault(prefix, prev, ln)
            if fault is not None:
                return max(j + fault, i + 1)
            run.append((prefix, nodes[k:], ln))
            prev = prefix
            j += 1
        if terms and prev != ":":
            return j  # a term without its definition: no start in this run makes a Markdown list
        made = self._def_list(run) if terms else self._bullets(run)
        if isinstance(made, int):
            return i + made + 1  # item `made` is not one safe line, from whichever start
        return made, j

    def _bullets(self, run: list[tuple[str, list[Node], LLine]]) -> list[Seg] | int:
        """The items of a run `_bullet_fault` accepted, or the index of the first that cannot be one
        safe line of Markdown."""
        block = self.new_block()
        segs: list[Seg] = []
        counters: list[int] = []
        for index, (prefix, nodes, ln) in enumerate(run):
            depth = len(prefix)
            counters = counters[:depth]
            if len(counters) < depth:
                counters.append(0)
            counters[depth - 1] += 1
            md, _raws, used = self.conv(nodes)
            content = _item_text(md)
            if content is None:
                return index
            symbol = prefix[-1]
            marker = "-" if symbol == "*" else f"{counters[depth - 1]}."
            line = "    " * (depth - 1) + marker + " " + content + "\n"
            segs.append(
                Seg(
                    "li",
                    line,
                    ln.text,
                    block=block,
                    fctx=(prefix, *self.note_ctx(used)),
                    bctx=(symbol, depth - 1, *used),
                )
            )
        return segs

    def _def_list(self, run: list[tuple[str, list[Node], LLine]]) -> list[Seg] | int:
        """The terms and definitions of a run `_term_fault` accepted, or the index of the first that
        cannot be one safe line of Markdown."""
        block = self.new_block()
        segs: list[Seg] = []
        prev = ""
        for index, (prefix, nodes, ln) in enumerate(run):
            md, _raws, used = self.conv(nodes)
            content = _item_text(md)
            if content is None:
                return index
            if prefix == ";":
                if prev:
                    segs.append(Seg("blank", "\n", "", block=block))
                segs.append(Seg("dt", content + "\n", ln.text, block=block, fctx=self.note_ctx(used), bctx=tuple(used)))
            else:
                segs.append(
                    Seg("dd", ":   " + content + "\n", ln.text, block=block, fctx=self.note_ctx(used), bctx=tuple(used))
                )
            prev = prefix
        return segs

    # -- tags alone on their line(s) ------------------------------------------------------------------
    def tag_block(self, tag: Tag, text: str) -> list[Seg] | None:
        name = str(tag.tag).lower()
        if tag.wiki_markup == "{|":
            return self.table(tag, text)
        if tag.wiki_markup:
            return None
        if name == "references" and tag.self_closing and not tag.attributes and self.fndefs is None:
            self.fndefs = Seg("fndefs", "", text, block=self.new_block(), fk=("fndefs",))
            return [self.fndefs]
        if name == "div":
            return self.admonition_div(tag, text)
        if name == "blockquote" and not tag.attributes:
            return self.blockquote(tag, text)
        if name == "pre":
            return self.pre(tag, text)
        return None


def _bullet_fault(prefix: str, prev: str, line: LLine) -> int | None:
    """None when a line with list prefix `prefix` may follow `prev` (\"\" at the start) in a Markdown
    list; else 1 when no list can hold it, 0 when it may start one (it only cannot follow `prev`)."""
    if line.multi or any(c not in "*#" for c in prefix):
        return 1
    depth = len(prefix)
    if not prev:
        return None if depth == 1 else 1
    if depth > len(prev) + 1 or prefix[: depth - 1] != prev[: depth - 1]:
        return 0
    if depth <= len(prev) and prefix[depth - 1] != prev[depth - 1]:
        return 0
    return None


def _term_fault(prefix: str, prev: str, line: LLine, nodes: list[Node]) -> int | None:
    """As `_bullet_fault`, for a run of terms (`;`) and definitions (`:`) that starts with a term."""
    if line.multi or prefix not in (";", ":") or any(list_mark(n) for n in nodes):
        return 1
    if prefix == prev == ";":
        return 0  # a term without its definition: the next term may start a list
    return None


def _item_text(md: str) -> str | None:
    """The one line of Markdown of a list item, a term or a definition, escaped at its start as a
    paragraph's is (it starts a block of its own on the site: `- #1` is a heading there), or None
    when it cannot be one safe line."""
    content = md_escape_line_start(md.strip())
    if not content or "\n" in content or not md_line_is_safe(content):
        return None
    return content


def _keep_templated_rows(lines: list[LLine]) -> None:
    """A run of lines where a template starts a line and another line starts with `|` or `!`: the
    template may open a table (`{{tbl-start}}`), which makes those lines its rows on the wiki.
    The run stays wikitext, verbatim."""
    run: list[LLine] = []
    for line in [*lines, LLine([], "")]:
        if line.text.strip():
            run.append(line)
            continue
        if (
            len(run) > 1
            and any(ln.text.startswith("{{") for ln in run)
            and any(_CELL_LINE.match(ln.text) for ln in run)
        ):
            for ln in run:
                ln.raw = True
        run = []


def _starts_table(nodes: list[Node]) -> bool:
    """Whether the nodes' text, once stripped on the left, starts with `{|` (printing only the first
    nodes: a list item's text is printed once, by the inline conversion)."""
    if nodes and type(nodes[0]) is Text:  # the usual item: its first text decides alone
        first = nodes[0].value.lstrip()
        if len(first) >= 2:
            return first.startswith("{|")
    head = ""
    for node in nodes:
        head += str(node)
        if len(head.lstrip()) >= 2:
            break
    return head.lstrip().startswith("{|")


def _category_line(line: LLine) -> bool:
    """A blank line or a line of category links only (what may follow categories at a page's end)."""
    sig = _significant(line.nodes)
    return all(isinstance(n, Wikilink) and str(n.title).strip().lower().startswith(CATEGORY_NS) for n in sig)


def _category(link: Wikilink) -> str:
    name = str(link.title).strip().split(":", 1)[1].strip()
    if link.text is not None:
        name += "|" + str(link.text)
    return name
