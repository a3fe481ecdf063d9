# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Inline wikitext nodes (parsed by mwparserfromhell) → inline Markdown.

Whatever Markdown cannot say inline (templates, parser functions, tags with
attributes, numbered external links…) is kept as raw wikitext in a code span
marked `{.wikitext}`: the site shows it as code (never as live HTML) and the
push writes it back unchanged. The wiki is untrusted: see escape.py.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from mwparserfromhell.nodes import Argument, Comment, ExternalLink, HTMLEntity, Node, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from sync.convert.escape import (
    SAFE_INLINE_TAGS,
    hidden,
    md_code_span,
    md_comment,
    md_escape,
    md_url,
    safe_url,
    wiki_file_name_refusal,
)
from sync.convert.fasttree import text_node
from sync.convert.quotes import assemble, split_runs, toggles
from sync.sitemap import SiteMap, relative

FILE_NS = ("fichier:", "file:", "image:")
CATEGORY_NS = ("catégorie:", "category:")
# Behaviour switches: most are read whatever their case (`__notoc__`), a few only in capitals.
_SWITCH = re.compile(
    r"__(?:(?i:NOTOC|FORCETOC|TOC|NOEDITSECTION|NOGALLERY|NOTITLECONVERT|NOTC|NOCONTENTCONVERT|NOCC)|"
    r"NEWSECTIONLINK|NONEWSECTIONLINK|HIDDENCAT|INDEX|NOINDEX|STATICREDIRECT|DISAMBIG|EXPECTUNUSEDCATEGORY|"
    r"NOGLOBAL)__"
)
_TRAIL = re.compile(r"^[a-zàâçéèêëîïôûùüÿæœ]+")
_IMAGE_OPTION = re.compile(
    r"^(?:thumb|thumbnail|vignette|frame|cadre|frameless|sans_cadre|border|bordure|left|right|center|centre|"
    r"none|gauche|droite|néant|upright.*|redresse.*|\d*x?\d+px|link=.*|lien=.*|alt=.*|page=.*|class=.*|"
    r"baseline|middle|sub|super|top|bottom|text-top|text-bottom|haut|bas|milieu)$",
    re.I,
)


# Targets MediaWiki reads otherwise than a page title written as it is: entities and percent
# escapes (decoded first), characters a title cannot hold, subpages, relative paths and the dot
# segments that make a title invalid (`./`, `../`, also after a namespace or interwiki prefix, which
# the converter cannot tell from text: `[[User:../x]]` is shown as text).
_ODD_TARGET = re.compile(r"&#?\w+;|%[0-9A-Fa-f]{2}|[<>{}\[\]]|^/|(?:^|[:/])\.\.?(?:/|$)")
_APOSTROPHES = re.compile(r"'{2,}")  # a run of bold or italic marks (see quotes.py)
_URL_ENTITY = re.compile(r"&(?!amp;)#?\w+;")  # decoded by MediaWiki, then escaped in the address


def raw(text: str) -> str:
    """Wikitext Markdown cannot hold, shown as code on the site and restored verbatim on push."""
    return md_code_span(text, "wikitext")


@dataclass
class WikiNotes:
    """Footnotes met while converting a page: `<ref>` → `[^label]`, definitions in order."""

    labels: dict[str, str] = field(default_factory=dict)  # ref name → label
    defs: dict[str, str] = field(default_factory=dict)  # label → Markdown text
    counter: int = 0
    taken: set[str] = field(default_factory=set)
    preferred: dict[str, list[str]] = field(default_factory=dict)  # Markdown text → labels in the local file

    reserved: set[str] = field(default_factory=set)  # names of named refs anywhere in the page

    def mark(self) -> tuple[int, int, int]:
        """Where the notes stand, to forget those of a line that ends up kept as raw wikitext."""
        return len(self.labels), len(self.defs), self.counter

    def undo(self, mark: tuple[int, int, int]) -> None:
        labels, defs, counter = mark
        if len(self.labels) > labels:
            for key in list(self.labels)[labels:]:
                del self.labels[key]
        if len(self.defs) > defs:
            for key in list(self.defs)[defs:]:
                del self.defs[key]
                self.taken.discard(key)
        self.counter = counter

    def new_label(self) -> str:
        while True:
            self.counter += 1
            if str(self.counter) not in self.taken and str(self.counter) not in self.reserved:
                self.taken.add(str(self.counter))
                return str(self.counter)


@dataclass
class WikiInline:
    site: SiteMap
    path: str
    notes: WikiNotes = field(default_factory=WikiNotes)
    images: dict[str, str] = field(default_factory=dict)  # file name → local image path
    used: list[str] = field(default_factory=list)
    raw_count: int = 0
    in_table: bool = False
    edges: tuple[str | None, str | None] = (None, None)  # emphasis opened at the start / closed at the end

    def convert(self, nodes: list[Node] | Wikicode) -> str:
        seq = list(nodes.nodes if isinstance(nodes, Wikicode) else nodes)
        if len(seq) == 1 and type(seq[0]) is Text and "''" not in seq[0].value:
            self.edges = (None, None)  # one plain text node (most lines): what the general path gives
            return self.text(seq[0].value)
        if not any(isinstance(n, Text) and "''" in n.value for n in seq):
            plain = "".join(map(str, _no_image_bang(self._parts(list(seq)))))  # no quote run: strings only
            self.edges = (None, None)
            return plain
        if len(seq) == 1 and isinstance(seq[0], Text):
            bold = self._bold_only(seq[0].value)
            if bold is not None:
                return bold
        return self._quoted(seq)

    def _bold_only(self, value: str) -> str | None:
        """The Markdown of text whose only markup is bold (`a '''b''' c`, a third of a fiche's lines),
        or None for any other text.

        The same result as `_quoted` by construction: with runs of exactly three apostrophes, an even
        number of them, MediaWiki's reading (quotes.py) opens and closes bold in turn around text that
        is never empty, and no space moves out of the emphasis when none is at its edges.
        tests/convert/test_speed_equivalence.py compares both.
        """
        if "\x00" in value:
            return None
        runs = _APOSTROPHES.findall(value)
        if not runs or len(runs) % 2 or any(run != "'''" for run in runs):
            return None
        parts = value.split("'''")
        out: list[str] = []
        for k, part in enumerate(parts):
            if k % 2:
                md = self.text(part)
                if not md or md[0].isspace() or md[-1].isspace():
                    return None
                out.append("**" + md + "**")
            elif part:
                out.append(self.text(part))
        self.edges = ("**" if not parts[0] else None, "**" if not parts[-1] else None)
        return "".join(out)

    def _quoted(self, seq: list[Node]) -> str:
        """Markdown of nodes holding bold or italic apostrophes, read as MediaWiki reads them."""
        marked = toggles(split_runs(seq))
        first, last = marked[0] if marked else None, marked[-1] if marked else None
        parts = _no_image_bang(self._parts(list(marked)))
        edges_found = (
            first[1] if isinstance(first, tuple) and first[0] == "open" else None,
            last[1] if isinstance(last, tuple) and last[0] == "close" else None,
        )
        result = assemble(parts)
        self.edges = edges_found
        return result

    def _parts(self, seq: list[Node | tuple[str, str]]) -> list[str | tuple[str, str]]:
        out: list[str | tuple[str, str]] = []
        dead_end = -1  # no `]` closes a `[{{…}}` on its line before this index
        i = 0
        while i < len(seq):
            node = seq[i]
            if isinstance(node, tuple):
                out.append(node)
            elif isinstance(node, Wikilink):
                trail = ""
                nxt = seq[i + 1] if i + 1 < len(seq) else None
                if isinstance(nxt, Text) and not str(node.title).lower().lstrip(": ").startswith(FILE_NS):
                    m = _TRAIL.match(nxt.value)
                    if m:
                        trail = m.group(0)
                        seq[i + 1] = text_node(nxt.value[len(trail) :])
                out.append(self.wikilink(node, trail))
            elif isinstance(node, Text) and i + 2 > dead_end and _opens_templated_link(seq, i):
                # MediaWiki expands templates before it reads links: `[{{…}} text]` is an external
                # link when the template gives an address, text otherwise; kept whole as wikitext
                end, cut = _bracket_end(seq, i + 2)
                tail = seq[end] if end < len(seq) else None
                if not cut or not isinstance(tail, Text):
                    dead_end = end  # no `]` before there: nor for a `[` opened later before there
                    out.append(self.node(node))
                    i += 1
                    continue
                source = "[" + "".join(str(n) for n in seq[i + 1 : end]) + tail.value[:cut]
                out.append(self.text(node.value[:-1]))
                out.append(self._raw(source))
                seq[end] = text_node(tail.value[cut:])
                i = end
                continue
            elif isinstance(node, HTMLEntity) and str(node) == "&#39;" and _near_quote(seq, i):
                out.append("'")  # written so only because it touched bold/italic markup
            else:
                out.append(self.node(node))
            i += 1
        return out

    def _raw(self, text: str) -> str:
        self.raw_count += 1
        return raw(text)

    def text(self, value: str) -> str:
        if value[:1] == "\x00":  # a list marker inside a line (";terme:definition"): raw
            return self._raw(value[1:])
        if "__" in value:
            parts: list[str] = []
            pos = 0
            for m in _SWITCH.finditer(value):
                parts.append(self.text(value[pos : m.start()]))
                parts.append(hidden(m.group(0)))
                pos = m.end()
            if pos:
                parts.append(self.text(value[pos:]))
                return "".join(parts)
        # "|" is escaped everywhere: a line of text with "|" followed by "|-" would be a table
        return md_escape(value).replace("|", "\\|")

    def node(self, node: Node) -> str:
        if isinstance(node, Text):
            return self.text(node.value)
        if isinstance(node, HTMLEntity):
            return "\\|" if self.in_table and str(node) == "&#124;" else str(node)
        if isinstance(node, ExternalLink):
            return self.external(node)
        if isinstance(node, Tag):
            return self.tag(node)
        if isinstance(node, Comment):
            return md_comment(str(node.contents))
        return self._raw(str(node))

    # -- links ---------------------------------------------------------------------------------------
    def wikilink(self, node: Wikilink, trail: str) -> str:
        title = str(node.title).strip()
        low = title.lower()
        if low.startswith(FILE_NS):
            return self.image(node) if not trail else self._raw(str(node)) + self.text(trail)
        if (
            low.startswith(CATEGORY_NS)
            or low.startswith(("média:", "media:"))
            or "\n" in str(node)
            or _ODD_TARGET.search(title)
            or ("__" in str(node) and _SWITCH.search(str(node)))  # removed before links are read
        ):
            return self._raw(str(node)) + self.text(trail)
        if node.text is None:
            label = self.text(title.lstrip(":") + trail)
        else:
            if any(isinstance(n, Wikilink | ExternalLink) for n in node.text.nodes):
                return self._raw(str(node)) + self.text(trail)
            label = self.convert(node.text) + self.text(trail)
        page, _, anchor = title.lstrip(":").partition("#") if not title.startswith("#") else ("", "", title[1:])
        hash_part = f"#{anchor}" if anchor else ""
        if not page:
            return f"[{label}]({md_url(hash_part)})"
        path = self.site.path_for_title(page)
        if path is not None:
            return f"[{label}]({md_url(relative(self.path, path) + hash_part)})"
        url = self.site.wiki_url(page) + hash_part
        return f"[{label}]({md_url(url)})"

    def image(self, node: Wikilink) -> str:
        title = str(node.title).strip()
        name = title.split(":", 1)[1].strip()
        if node.text is None:
            alt = ""
        else:
            alt_text = str(node.text)
            if (
                "|" in alt_text
                or _IMAGE_OPTION.match(alt_text.strip())
                or any(not isinstance(n, Text | HTMLEntity) for n in node.text.nodes)
            ):
                return self._raw(str(node))
            alt = alt_text
        if wiki_file_name_refusal(name) is not None:  # shown as text or another file: the push would refuse it
            return self._raw(str(node))
        key = name.replace("_", " ")
        src = self.images.get(key)
        if src is None:
            # `\` written %5C (the push decodes it back): raw, the site's sanitizer drops the address;
            # `?` written %3F: raw, it starts the address's query and the site shows another file
            name = key.replace(" ", "_").replace("\\", "%5C").replace("?", "%3F")
            src = self.site.wiki_pages_url + "Special:FilePath/" + name
        return f"![{md_escape(alt)}]({md_url(src)})"

    def external(self, node: ExternalLink) -> str:
        url = str(node.url)
        # a behaviour switch is taken out of the text before links are read: the address is another
        switch = "__" in str(node) and _SWITCH.search(str(node))
        # a template in the address is expanded by the wiki first: the site would link elsewhere
        if not safe_url(url) or "\n" in str(node) or _URL_ENTITY.search(url) or switch or "{{" in url:
            return self._raw(str(node))
        if not node.brackets:
            if re.match(r"(?i)(?:https?|ftp)://", url) and not re.search(r"[<>\s]", url):
                return f"<{url}>"
            return self._raw(str(node))
        if node.title is None or not str(node.title).strip():
            return self._raw(str(node))
        label = self.convert(node.title)
        if str(node.title) == url and re.match(r"(?i)(?:https?|ftp)://", url) and not re.search(r"[<>\s]", url):
            return f"<{url}>"
        target = url
        path = self.site.path_for_site_url(url.split("#")[0])
        if path is not None:
            anchor = url[len(url.split("#")[0]) :]
            target = relative(self.path, path) + anchor
        return f"[{label}]({md_url(target)})"

    # -- tags ----------------------------------------------------------------------------------------
    def tag(self, node: Tag) -> str:
        name = str(node.tag).lower().strip()
        markup = node.wiki_markup
        if markup in ("''", "'''"):
            inner = self.convert(node.contents)
            stripped = inner.strip()
            if not stripped or node.closing_wiki_markup != markup:
                return self._raw(str(node))
            mark = "*" if markup == "''" else "**"
            lead = inner[: len(inner) - len(inner.lstrip())]
            tail = inner[len(inner.rstrip()) :]
            return f"{lead}{mark}{stripped}{mark}{tail}"
        if markup:
            return self._raw(str(node))
        if name == "ref":
            return self.ref(node)
        if name == "br" and not node.attributes:
            return str(node) if re.fullmatch(r"<br\s*/?>", str(node), re.I) else self._raw(str(node))
        if name == "nowiki" and not node.attributes and not node.self_closing:
            return self.text(html.unescape(str(node.contents)))
        if name == "code" and not node.attributes and not node.self_closing:
            literal = _literal(node.contents)
            if literal is None or not literal.strip() or "\n" in literal:
                return self._raw(str(node))
            return md_code_span(literal.strip())
        if name in SAFE_INLINE_TAGS and not node.attributes and not node.self_closing:
            source = str(node)
            open_tag, close_tag = f"<{node.tag}>", f"</{node.closing_tag}>"
            if source.startswith(open_tag) and source.endswith(close_tag) and str(node.closing_tag) == str(node.tag):
                return open_tag + self.convert(node.contents) + close_tag
        return self._raw(str(node))

    def ref(self, node: Tag) -> str:
        attrs = node.attributes
        name: str | None = None
        if attrs:
            if len(attrs) != 1 or str(attrs[0].name).strip().lower() != "name" or attrs[0].value is None:
                return self._raw(str(node))
            name = str(attrs[0].value).strip()
            if not re.fullmatch(r"[^\]\s\"<>]+", name):
                return self._raw(str(node))
        notes = self.notes
        if node.self_closing:
            if name is None:
                return self._raw(str(node))
            label = notes.labels.get(name)
            if label is None:
                return self._raw(str(node))
            self.used.append(label)
            return f"[^{label}]"
        contents = node.contents
        if "\n" in str(contents) or any(isinstance(n, Tag) and str(n.tag).lower() == "ref" for n in contents.nodes):
            return self._raw(str(node))
        if name is not None:
            if name in notes.labels:
                return self._raw(str(node))
            label = name
            if name in notes.taken:
                return self._raw(str(node))
            notes.taken.add(name)
            notes.labels[name] = label
            notes.defs[label] = self.convert(contents).strip()
        else:
            text = self.convert(contents).strip()
            candidates = notes.preferred.get(text) or [""]
            label = candidates.pop(0)
            if not label or label in notes.taken or label in notes.reserved:
                label = notes.new_label()
            notes.taken.add(label)
            notes.defs[label] = text
        self.used.append(label)
        return f"[^{label}]"


def _no_image_bang(parts: list[str | tuple[str, str]]) -> list[str | tuple[str, str]]:
    """A "!" of text just before a link would turn it into an image in Markdown."""
    for k in range(len(parts) - 1):
        a, b = parts[k], parts[k + 1]
        if (
            isinstance(a, str)
            and isinstance(b, str)
            and a.endswith("!")
            and b.startswith("[")
            and not a.endswith("\\!")
        ):
            parts[k] = a[:-1] + "\\!"
    return parts


def _opens_templated_link(seq: list[Node | tuple[str, str]], i: int) -> bool:
    """Whether the text node `seq[i]` ends with a `[` (not `[[`) followed by a template or parameter."""
    node = seq[i]
    return (
        isinstance(node, Text)
        and node.value.endswith("[")
        and not node.value.endswith("[[")
        and i + 1 < len(seq)
        and isinstance(seq[i + 1], Template | Argument)
    )


def _bracket_end(seq: list[Node | tuple[str, str]], start: int) -> tuple[int, int]:
    """The text node from `start` on holding the `]` that closes a bracket on its line, and the offset
    just after it; else where the search stopped (a line break, emphasis, the end) and 0."""
    for k in range(start, len(seq)):
        part = seq[k]
        if isinstance(part, tuple):
            return k, 0
        if isinstance(part, Text):
            before, found, _after = part.value.partition("]")
            if "\n" in before:
                return k, 0
            if found:
                return k, len(before) + 1
    return len(seq), 0


def _near_quote(seq: list[Node | tuple[str, str]], i: int) -> bool:
    def quote(k: int) -> bool:
        return 0 <= k < len(seq) and isinstance(seq[k], tuple)

    return quote(i - 1) or quote(i + 1)


def _literal(code: Wikicode) -> str | None:
    """Plain text of a node list made only of text, entities and <nowiki>; None otherwise."""
    parts: list[str] = []
    for n in code.nodes:
        if isinstance(n, Text):
            parts.append(n.value)
        elif isinstance(n, HTMLEntity):
            parts.append(n.normalize())
        elif isinstance(n, Tag) and str(n.tag).lower() == "nowiki" and not n.attributes and not n.self_closing:
            parts.append(html.unescape(str(n.contents)))
        else:
            return None
    return "".join(parts)


def file_key(src: str) -> str:
    """Name a local image path would have on the wiki (its base name, spaces for underscores)."""
    return unquote(src.rsplit("/", 1)[-1]).replace("_", " ")
