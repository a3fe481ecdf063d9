# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Inline Markdown (as Python-Markdown reads it) → inline wikitext.

Python-Markdown applies its inline patterns one after the other over the
whole text, each match becoming a placeholder the later patterns cannot
cross; this module does the same, in the same order (code, escapes, footnote
references, images, links, autolinks, line breaks, HTML, entities, emphasis),
so that what we convert is what the site shows. Our own parser rather than
Python-Markdown's tree keeps the conversion fast and keeps line boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from commons.codespans import code_spans, without_code_spans
from sync.convert.escape import (
    APOS,
    HIDDEN_PREFIX,
    SAFE_INLINE_TAGS,
    safe_url,
    unhide,
    wiki_code,
    wiki_code_point,
    wiki_escape,
    wiki_file_name_refusal,
    wiki_finish_line,
    wiki_url,
    wiki_url_text,
)
from sync.convert.mdcheck import REFUSALS
from sync.errors import ConversionError
from sync.sitemap import SiteMap, resolve

# Tags a Markdown page may carry to the wiki as they are: the safe formatting ones, <br> and <code>.
_KEPT_TAGS = SAFE_INLINE_TAGS | {"br", "code"}

_PH = re.compile("\x02(\\d+)\x03")
_WIKITEXT_CODE = re.compile(r"\{\s*\.wikitext\s*\}")  # after a code span: its text is wikitext
# Python-Markdown's pattern for code spans, cubic on a long run of backticks never closed but faster than
# commons/codespans.py on text without a run of three or more (then linear: see there)
_CODE = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)(" + _WIKITEXT_CODE.pattern + r")?", re.S)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])")
_FNREF = re.compile(r"\[\^([^\]]+)\]")
_BRACKET = r"\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
_IMAGE = re.compile(r"!" + _BRACKET + r"\(")
_LINK = re.compile(_BRACKET + r"\(")
_REFLINK = re.compile(r"(!?)" + _BRACKET + r"(?:\s?\[([^\]]*)\])?")
_AUTOLINK = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>\s]*)>")
_AUTOMAIL = re.compile(r"<([^<> !]+@[^@<> ]+)>")
_BR = re.compile(r" {2,}\n")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);")
# a character reference without its `;`, as Python's HTMLParser reads one (Python-Markdown's HTML
# pass): digits up to a character that is not a hexadecimal digit
_LOOSE_CHARREF = re.compile(r"&#([0-9]+|[xX][0-9a-fA-F]+)(?![0-9a-fA-F])")
_NOT_STRONG = re.compile(r"(?<!\S)(?:\*{1,3}|_{1,3})(?!\S)")  # a run with spaces on both sides
# Each pattern for both marks, and for each mark alone (the same matches when the other mark is absent,
# found faster: an alternation that starts with a lookbehind is tried at every position).
_EM_STRONG = re.compile(r"(\*{3})(?!\s)(.+?)(?<!\s)\*{3}|(?<!\w)(_{3})(?!\s)(.+?)(?<!\s)_{3}(?!\w)", re.S)
_EM_STRONG_STAR = re.compile(r"(\*{3})(?!\s)(.+?)(?<!\s)\*{3}", re.S)
_EM_STRONG_UNDER = re.compile(r"(?<!\w)(_{3})(?!\s)(.+?)(?<!\s)_{3}(?!\w)", re.S)
# the four ways a strong and an emphasis can share their first or last three asterisks
_EM_OUT_START = re.compile(r"\*{3}(?!\s)([^*]+?)(?<!\s)\*{2}(?!\*)([^*]*?)(?<!\s)\*(?!\*)")  # ***a** b*
_STRONG_OUT_START = re.compile(r"\*{3}(?!\s)([^*]+?)(?<!\s)\*(?!\*)([^*]*?)(?<!\s)\*{2}(?!\*)")  # ***a* b**
_EM_OUT_END = re.compile(r"(?<!\*)\*(?![\s*])([^*]*?)\*{2}(?![\s*])([^*]+?)(?<!\s)\*{3}")  # *a **b***
_STRONG_OUT_END = re.compile(r"(?<!\*)\*{2}(?![\s*])([^*]*?)\*(?![\s*])([^*]+?)(?<!\s)\*{3}")  # **a *b***
_STRONG = re.compile(r"\*\*(?!\s)(.+?)(?<!\s)\*\*|(?<!\w)__(?!\s)(.+?)(?<!\s)__(?!\w)", re.S)
_STRONG_STAR = re.compile(r"\*\*(?!\s)(.+?)(?<!\s)\*\*", re.S)
_STRONG_UNDER = re.compile(r"(?<!\w)__(?!\s)(.+?)(?<!\s)__(?!\w)", re.S)
_EM = re.compile(r"\*(?![\s*])([^*]+?)(?<!\s)\*|(?<!\w)_(?![\s_])(.+?)(?<!\s)_(?!\w)", re.S)
_EM_STAR = re.compile(r"\*(?![\s*])([^*]+?)(?<!\s)\*", re.S)
_EM_UNDER = re.compile(r"(?<!\w)_(?![\s_])(.+?)(?<!\s)_(?!\w)", re.S)
_BOTH = (_EM_STRONG, _STRONG, _EM)
_STAR = (_EM_STRONG_STAR, _STRONG_STAR, _EM_STAR)
_UNDER = (_EM_STRONG_UNDER, _STRONG_UNDER, _EM_UNDER)
_TITLE_TAIL = re.compile(r"""\s+(?:"[^\n]*"|'[^\n]*'|\([^)]*\))\s*$""")
_TRAIL = re.compile(r"[a-zàâçéèêëîïôûùüÿæœ]+$")
_QUOTES = {"i": "''", "b": "'''", "bi": "'''''"}
# Characters that may start an inline pattern on either side (code, escapes, links, notes, tags,
# entities, emphasis, templates, signatures, bare URLs, hard breaks, bold/italic apostrophes).
# (the same as `[…]|''|://| {2}\n`, found 2.5 times faster: each branch after the first starts with one character)
_MARKUP = re.compile(r"[`\\\[\]<&*_{}~]|'(?=')|:(?=//)| (?= \n)")
# what starts a block other than a paragraph inside a footnote's later paragraphs
_BLOCK_START = re.compile(r"[-*+][ \t]|\d+[.)][ \t]|>|```|~~~|#|\||!!!|\?\?\?")
# emphasis marks left over once emphasis is read: a run of four or more, or a pair that opens or
# closes nothing (Python-Markdown and MediaWiki pair them differently)
_MARK_RUN = re.compile(r"(?<!\\)(?:\*{4,}|_{4,})")
_AMBIGUOUS = re.compile(r"(?:^|(?<=\s))(?:\*\*|__)(?=[^\s*_])|(?<=[^\s*_\x02])(?:\*\*|__)(?=\s|$)")
# attr_list's pattern right after an inline element (here: after its placeholder)
_INLINE_ATTRS = re.compile(r"\x02(\d+)\x03(\{\:?[ ]*[^\}\n ][^\}\n]*[ ]*\})")
_COLON_NS = ("Catégorie:", "Category:", "Fichier:", "File:", "Image:")


@dataclass
class Notes:
    """Footnote definitions of a page and what has been emitted so far (for named refs)."""

    defs: dict[str, str] = field(default_factory=dict)  # label → Markdown text
    counts: dict[str, int] = field(default_factory=dict)  # label → references in the page
    emitted: set[str] = field(default_factory=set)


@dataclass
class InlineContext:
    site: SiteMap
    path: str
    notes: Notes = field(default_factory=Notes)
    refs: dict[str, str] = field(default_factory=dict)  # link reference definitions
    line: int = 0
    used: list[str] = field(default_factory=list)  # footnote labels met while converting
    # conversions already made during one page's conversion (the same lines are met again when the
    # pulled or synced page is checked): text → wikitext, for text without notes or link references
    memo: dict[tuple[str, bool], str] | None = None

    def error(self, message: str) -> ConversionError:
        return ConversionError(message, path=self.path, line=self.line or None)


class _Converter:
    """One inline conversion: a stash of tokens referenced by placeholders in the text."""

    def __init__(self, ctx: InlineContext, in_table: bool) -> None:
        self.ctx = ctx
        self.in_table = in_table
        self.stash: list[tuple[str, object]] = []

    def hold(self, kind: str, value: object) -> str:
        self.stash.append((kind, value))
        return f"\x02{len(self.stash) - 1}\x03"

    # -- passes, in Python-Markdown's order --------------------------------------------------------
    def run(self, text: str) -> str:
        if "`" in text:
            text = self._code_spans(text) if "```" in text else _CODE.sub(self._code_match, text)
        if ("****" in text or "____" in text) and _MARK_RUN.search(text):
            self._ambiguous(_MARK_RUN.search(text))
        held = self.run_after_code(text)
        if "**" in held or "__" in held:  # a pair emphasis did not take (rare)
            self._ambiguous(_AMBIGUOUS.search(held))
        if "\x03{" in held:
            for m in _INLINE_ATTRS.finditer(held):
                if self.stash[int(m.group(1))][0] != "text":  # after an element, not after an escape
                    raise self.ctx.error(attribute_list_refused(m.group(2)))
        return held

    def _ambiguous(self, m: re.Match[str] | None) -> None:
        if m is not None:
            raise self.ctx.error(
                f"« {m.group(0).strip()} » : gras ou italique que le site et le wiki liraient autrement "
                "(marques en trop ou non fermées) ; écrivez \\* ou \\_ pour chaque marque à afficher."
            )

    def run_after_code(self, text: str) -> str:
        # each pass only when its first character is there: most lines need two or three passes
        if "<!--" in text:  # a comment holds source text: nothing inside it is converted
            text = _COMMENT.sub(self._comment, text)
        if "\\" in text:
            text = _ESCAPE.sub(lambda m: self.hold("text", m.group(1)), text)
        if "[" in text:
            if "[^" in text:
                text = _FNREF.sub(self._fnref, text)
            if "](" in text:
                if "![" in text:
                    text = self._links(text, image=True)
                text = self._links(text, image=False)
            if self.ctx.refs and "[" in text:
                text = _REFLINK.sub(self._reflink, text)
        if "<" in text:
            text = _AUTOLINK.sub(self._autolink, text)
            text = _AUTOMAIL.sub(self._automail, text)
        if "  \n" in text:
            text = _BR.sub(lambda m: self.hold("wiki", "<br />") + "\n", text)
        if "<" in text:
            text = _TAG.sub(self._tag, text)
        if "&" in text:
            text = _ENTITY.sub(lambda m: self.hold("wiki", m.group(0)), text)
            if "&#" in text:
                text = _LOOSE_CHARREF.sub(self._loose_charref, text)
        return self.emphasis(text)

    def _loose_charref(self, m: re.Match[str]) -> str:
        """`&#65` without its `;`: the site shows `A` (Python-Markdown writes `&#65;`), the wiki would
        show `&#65`. Written `&#65;` when the wiki shows that character too (MediaWiki's valid code
        points); otherwise left as written, and the check refuses it."""
        digits = m.group(1)
        code = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
        if wiki_code_point(code):
            return self.hold("wiki", f"&#{digits};")
        return m.group(0)

    def emphasis(self, text: str) -> str:
        if "*" not in text and "_" not in text:
            return text
        text = _NOT_STRONG.sub(lambda m: self.hold("text", m.group(0)), text)
        star, under = "*" in text, "_" in text
        pick = _BOTH if star and under else _STAR if star else _UNDER if under else None
        if pick is None:
            return text
        em_strong, strong, em = pick
        if "***" in text or "___" in text:
            text = em_strong.sub(lambda m: self.hold("bi", self.emphasis(m.group(2) or m.group(4))), text)
        if "***" in text:
            text = _EM_OUT_START.sub(lambda m: self.hold("i", self.hold("b", m.group(1)) + m.group(2)), text)
            text = _STRONG_OUT_START.sub(lambda m: self.hold("b", self.hold("i", m.group(1)) + m.group(2)), text)
            text = _EM_OUT_END.sub(lambda m: self.hold("i", m.group(1) + self.hold("b", m.group(2))), text)
            text = _STRONG_OUT_END.sub(lambda m: self.hold("b", m.group(1) + self.hold("i", m.group(2))), text)
        if "**" in text or "__" in text:
            text = strong.sub(lambda m: self.hold("b", self.emphasis(m.group(1) or m.group(2))), text)
        return em.sub(lambda m: self.hold("i", self.emphasis(m.group(1) or m.group(2))), text)

    def _code_spans(self, text: str) -> str:
        out, pos = [], 0
        for start, inner, close, end in code_spans(text):
            out.append(text[pos:start])
            wikitext = _WIKITEXT_CODE.match(text, end)
            out.append(self._code(text[inner:close], wikitext is not None))
            pos = wikitext.end() if wikitext else end
        out.append(text[pos:])
        return "".join(out)

    def _code_match(self, m: re.Match[str]) -> str:
        return self._code(m.group(2), m.group(3) is not None)

    def _code(self, content: str, wikitext: bool) -> str:
        content = content.strip()
        if wikitext:
            return self.hold("wiki", content)
        content = re.sub(r"\s*\n\s*", " ", content)  # a code span over two lines shows a space
        if not content:
            return ""  # an empty code span shows nothing
        return self.hold("wiki", wiki_code(content))

    def _fnref(self, m: re.Match[str]) -> str:
        label = m.group(1)
        notes = self.ctx.notes
        if label not in notes.defs:
            return self.hold("text", m.group(0))
        self.ctx.used.append(label)
        named = not label.isdigit() or notes.counts.get(label, 1) > 1
        # Cite rejects a name made of digits: a numbered note called twice is named note1, note2…
        name = f"note{label}" if label.isdigit() else label
        if named and name != label and name in notes.defs:
            raise self.ctx.error(
                f"note [^{label}] appelée plusieurs fois : sur le wiki, son nom serait « {name} », celui d'une "
                "autre note de la page ; renommez l'une des deux."
            )
        name_attr = f' name="{name}"' if named else ""
        if label in notes.emitted and named:
            return self.hold("wiki", f"<ref{name_attr} />")
        notes.emitted.add(label)
        paragraphs = notes.defs[label].split("\n\n")
        if any(_BLOCK_START.match(p) for p in paragraphs[1:]):
            raise self.ctx.error(
                f"note [^{label}] : une liste, une citation ou du code dans une note ne passe pas sur le "
                "wiki ; écrivez la note en paragraphes."
            )
        inner = "\n\n".join(convert_inline(p, self.ctx) for p in paragraphs)
        return self.hold("wiki", f"<ref{name_attr}>{inner}</ref>")

    def _links(self, text: str, *, image: bool) -> str:
        regex = _IMAGE if image else _LINK
        out: list[str] = []
        pos = 0
        while True:
            m = regex.search(text, pos)
            if not m:
                break
            end = _close_paren(text, m.end())
            if end < 0:
                out.append(text[pos : m.end()])
                pos = m.end()
                continue
            inside = self._restore(text[m.end() : end]).strip()
            if inside.startswith("<") and ">" in inside:
                url = inside[1 : inside.index(">")]
            else:
                url = _TITLE_TAIL.sub("", inside)
            out.append(text[pos : m.start()])
            label = m.group(1)
            if "\n" in url:
                raise self.ctx.error(
                    f"lien « {url.replace(chr(10), ' ')} » : l'adresse est coupée par un retour à la ligne ; "
                    "écrivez-la sur une seule ligne."
                )
            if image:
                out.append(self._image(self._restore(label), url))
            else:
                out.append(self.hold("link", (url, self.run_after_code(label))))
            pos = end + 1
        out.append(text[pos:])
        return "".join(out)

    def _reflink(self, m: re.Match[str]) -> str:
        bang, label, ref = m.group(1), m.group(2), m.group(3)
        key = (ref or label).lower()
        key = _PH.sub(lambda p: str(self.stash[int(p.group(1))][1]), key)
        if key not in self.ctx.refs:
            if bang:  # `![x]` without a definition: the `!` stays text, `[x]` may still be a link
                return bang + _REFLINK.sub(self._reflink, m.group(0)[1:], count=1)
            return m.group(0)
        if bang:  # a reference-style image, `![logo][l]`
            return self._image(self._restore(label), self.ctx.refs[key])
        return self.hold("link", (self.ctx.refs[key], self.run_after_code(label)))

    def _autolink(self, m: re.Match[str]) -> str:
        url = self._restore(m.group(1))
        before = m.string[m.start() - 1 : m.start()]
        after = m.string[m.end() : m.end() + 1]
        # MediaWiki links a bare URL only at a word start, and runs it to the next space
        # and shows it as written: an address the wiki needs encoded gets its text apart
        if (
            (before and (re.match(r"\w", before) or before == "\x03"))
            or (after and not after.isspace() and after not in ".,;:!?")
            or wiki_url(url) != url
        ):
            return self.hold("wiki", self._external(url, wiki_url_text(url)))
        return self.hold("wiki", self._external(url, None))

    def _automail(self, m: re.Match[str]) -> str:
        address = self._restore(m.group(1))
        if "\x02" in m.group(1):  # Python-Markdown shows its placeholder there: "foo43@…" for "foo\+@…"
            shown = _PH.sub(lambda p: _leaked(self.stash[int(p.group(1))]), m.group(1)).removeprefix("mailto:")
            raise self.ctx.error(
                f"adresse « {address} » entre < > : le site y affiche mal un caractère précédé d'une barre "
                f"oblique inverse \\ (il montrerait « {shown} »). Écrivez l'adresse telle quelle, sans \\ : "
                f"<{address}>."
            )
        url = address if address.startswith("mailto:") else "mailto:" + address
        return self.hold("wiki", f"[{url} {wiki_escape(address.removeprefix('mailto:'))}]")

    def _comment(self, m: re.Match[str]) -> str:
        body = m.group(1)
        if body.startswith(HIDDEN_PREFIX) and body.endswith(" "):
            return self.hold("wiki", unhide(body[len(HIDDEN_PREFIX) : -1]))
        return self.hold("wiki", m.group(0))

    def _tag(self, m: re.Match[str]) -> str:
        name = m.group(1).lower()
        if name in _KEPT_TAGS:
            return self.hold("wiki", m.group(0))
        raise self.ctx.error(
            f"balise HTML <{name}> : elle ne passe pas sur le wiki ; écrivez-la en Markdown ou retirez-la."
        )

    def _restore(self, text: str) -> str:
        """Placeholders back to their literal text (for image alt text and labels)."""

        def sub(p: re.Match[str]) -> str:
            kind, value = self.stash[int(p.group(1))]
            if kind == "text":
                return str(value)
            if kind == "wiki":
                return _strip_markup(str(value))
            if kind == "image" and isinstance(value, tuple):
                return str(value[1])
            return ""

        return _PH.sub(sub, text)

    # -- targets -----------------------------------------------------------------------------------
    def _image(self, alt: str, url: str) -> str:
        """A placeholder for `[[Fichier:name|alt]]`; an image the wiki cannot show is refused."""
        from urllib.parse import unquote

        filepath = self.ctx.site.wiki_pages_url + "Special:FilePath/"
        if url.startswith(filepath):
            name = url[len(filepath) :]
        elif "://" not in url and not url.startswith(("/", "#", "mailto:", "//")) and ":" not in url.split("/")[0]:
            name = url.rsplit("/", 1)[-1]
        else:
            raise self.ctx.error(
                f"image « {url} » : le wiki n'affiche que les images enregistrées dans docs/ (la synchronisation "
                "les envoie avec --images) ; enregistrez-la dans docs/ ou remplacez-la par un lien."
            )
        # the site asks for another file: `?` starts a query, `#` an anchor; `\` makes it drop the address
        if any(c in url for c in "?#\\"):
            raise self.ctx.error(REFUSALS["image_address"].format(url=url))
        name = unquote(name).replace("_", " ").strip()
        # a control character (%0A, %09…): the wiki shows `[[Fichier:lo\ngo.png]]` as text, not as an image
        refusal = wiki_file_name_refusal(name)
        if refusal is not None:
            raise self.ctx.error(REFUSALS[refusal].format(url=url))
        return self.hold("image", (name, alt))

    def _holds_link(self, text: str) -> bool:
        for m in _PH.finditer(text):
            kind, value = self.stash[int(m.group(1))]
            if kind == "link" or (kind in _QUOTES and self._holds_link(str(value))):
                return True
        return False

    def _image_wiki(self, value: object, link: str | None = None) -> str:
        name, alt = value if isinstance(value, tuple) else ("", "")
        alt_part = f"|{wiki_escape(str(alt))}" if alt else ""
        link_part = f"|link={link}" if link is not None else ""
        return f"[[Fichier:{name}{link_part}{alt_part}]]"

    def _linked_image(self, url: str, label: str) -> str | None:
        """`[![alt](x.png)](target)`: the wiki's own linked image, `[[Fichier:x.png|link=target|alt]]`."""
        m = _PH.fullmatch(label.strip()) if label[:1] == "\x02" or label[:1].isspace() else None
        if m is None or self.stash[int(m.group(1))][0] != "image":
            return None
        wiki = self.link(url, "x")
        if wiki.startswith("[["):
            target = wiki[2:].split("|", 1)[0].removesuffix("]]").lstrip(":")
        else:
            target = wiki[1:].split(" ", 1)[0]
        return self._image_wiki(self.stash[int(m.group(1))][1], target)

    def _external(self, url: str, text: str | None) -> str:
        if not safe_url(url):
            raise self.ctx.error(f"lien « {url} » : seuls http, https, mailto et ftp passent sur le wiki.")
        url = wiki_url(url)
        if text is None:
            return url
        return f"[{url} {text}]" if text else f"[{url}]"

    def link(self, url: str, text: str) -> str:
        """Wiki link for a Markdown link target; `text` is already wikitext."""
        site = self.ctx.site
        target, _, anchor = url.partition("#")
        hash_part = f"#{anchor}" if anchor or url.endswith("#") else ""
        query = ""
        if not target and hash_part:
            return f"[[{hash_part}|{text}]]"
        if "://" in target or target.startswith(("mailto:", "//")) or ":" in target.split("/")[0]:
            title = site.title_for_wiki_url(target)
            if title is not None:
                return _wikilink(title, hash_part, text)
            path = site.path_for_site_url(target)
            if path is None:
                return self._external(url, text)
            target_path = path
        elif target.startswith("/"):  # from the root of the site's host, as a browser reads it
            return self._external(urljoin(site.site_url, url), text)
        else:
            target, mark, query = target.partition("?")
            query = mark + query  # kept on the site's address: a wiki link has no place for it
            target_path = resolve(self.ctx.path, target)
        title = site.title_for(target_path) if not query else None
        if title:
            return _wikilink(title, hash_part, text)
        if target_path.endswith(".md"):
            return self._external(site.page_url(target_path) + query + hash_part, text)
        return self._external(site.site_url + target_path + query + hash_part, text)

    # -- final assembly ----------------------------------------------------------------------------
    def expand(self, text: str) -> str:
        if "\x02" not in text:
            return self._escape(text)
        # escaped characters are plain text again: escape them together with their neighbours
        text = _PH.sub(self._literal_text, text)
        out: list[str] = []
        pos = 0
        for m in _PH.finditer(text):
            out.append(self._escape(text[pos : m.start()]))
            out.append(self._render(int(m.group(1))))
            pos = m.end()
        out.append(self._escape(text[pos:]))
        return "".join(out)

    def _literal_text(self, m: re.Match[str]) -> str:
        kind, value = self.stash[int(m.group(1))]
        return str(value) if kind == "text" else m.group(0)

    def _escape(self, text: str) -> str:
        escaped = wiki_escape(text)
        if self.in_table:
            escaped = escaped.replace("|", "&#124;").replace("!!", "!&#33;")
        return escaped

    def _render(self, index: int) -> str:
        kind, value = self.stash[index]
        if kind == "wiki":
            return str(value)
        if kind == "text":
            return self._escape(str(value))
        if kind in _QUOTES:
            quote = _QUOTES[kind]
            if "**" in str(value) or "__" in str(value):
                self._ambiguous(_AMBIGUOUS.search(str(value)))
            inner = self.expand(str(value))
            if _merged_run(quote, inner):  # `*_a_*`: four apostrophes would read otherwise on the wiki
                opened, closed = _TAGS[kind]
                return opened + inner + closed
            return "\n".join(quote + _guard(part) + quote for part in inner.split("\n"))
        if kind == "image":
            return self._image_wiki(value)
        if kind == "link":
            pair = value if isinstance(value, tuple) else ("", "")
            url, label = str(pair[0]), str(pair[1])
            if "\x02" in label and self._holds_link(label):
                raise self.ctx.error(
                    f"lien « {url} » : son texte contient un autre lien, ce que le wiki n'accepte pas ; "
                    "séparez les deux liens."
                )
            # a link's text on one line: MediaWiki ends an external link's text at a line break
            text = self.expand(label).replace("]", "&#93;").replace("\n", " ")
            return self._linked_image(url, label) or self.link(url, text)
        raise AssertionError(kind)


_TAGS = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "bi": ("<b><i>", "</i></b>")}


def _merged_run(quote: str, inner: str) -> bool:
    """Emphasis inside emphasis at an edge: the apostrophes would make a run MediaWiki reads otherwise
    than two, three or five (`a`)."""
    if not inner.startswith("''") and not inner.endswith("''"):
        return False
    lead = len(inner) - len(inner.lstrip("'"))
    trail = len(inner) - len(inner.rstrip("'"))
    return any(run and len(quote) + run not in (2, 3, 5) for run in (lead, trail))


def attribute_list_refused(attrs: str) -> str:
    return (
        f"« {attrs} » : une liste d'attributs (attr_list) que le site applique mais que le wiki "
        "afficherait comme du texte ; retirez-la, ou écrivez \\{ si l'accolade doit se voir."
    )


def _guard(inner: str) -> str:
    """Apostrophes at the edges of emphasis would merge with the quote markup."""
    if inner.startswith(APOS):
        inner = "&#39;" + inner[1:]
    if inner.endswith(APOS):
        inner = inner[:-1] + "&#39;"
    return inner


def _wikilink(title: str, hash_part: str, text: str) -> str:
    if title.startswith(_COLON_NS):
        title = ":" + title
    shown = text.replace(APOS, "'")
    plain = title.lstrip(":") + hash_part
    if shown == plain and not hash_part:
        return f"[[{title}]]"
    if not hash_part and shown.startswith(plain) and _TRAIL.fullmatch(shown[len(plain) :]):
        return f"[[{title}]]{shown[len(plain) :]}"
    return f"[[{title}{hash_part}|{text}]]"


# a title may hold its own quote marks (Python-Markdown ends it at the last one before the `)`)
_URL_AND_TITLE = re.compile(r"""[ \t]*(?:<[^<>\n]*>|[^\s<>]*?)[ \t\n]+(?:"[^\n]*?"|'[^\n]*?')[ \t]*\)""")


def _close_paren(text: str, start: int) -> int:
    """Index of the `)` that ends a link's target; a quoted title may hold parentheses."""
    titled = _URL_AND_TITLE.match(text, start)
    if titled:
        return titled.end() - 1
    depth = 1
    i = start
    in_angle = i < len(text) and text[i] == "<"
    while i < len(text):
        char = text[i]
        if in_angle:
            if char == ">":
                in_angle = False
        elif char == "\\":
            i += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        elif char == "\n" and depth == 1 and text[start:i].count("\n") > 1:
            return -1
        i += 1
    return -1


def _leaked(held: tuple[str, object]) -> str:
    """What the site shows for a held piece inside an e-mail autolink: Python-Markdown's placeholder
    for an escaped character is its code point between two invisible control characters."""
    kind, value = held
    return str(ord(str(value))) if kind == "text" and len(str(value)) == 1 else "…"


def _strip_markup(wiki: str) -> str:
    return re.sub(r"<[^>]*>", "", wiki)


def convert_inline(text: str, ctx: InlineContext, *, in_table: bool = False) -> str:
    """Inline Markdown (one or more lines) → wikitext, line breaks kept where they are."""
    memo = ctx.memo
    key = (text, in_table)
    if memo is not None and not ctx.refs and "[^" not in text:
        done = memo.get(key)
        if done is None:
            done = memo[key] = _convert_inline(text, ctx, in_table)
        return done
    return _convert_inline(text, ctx, in_table)


def _convert_inline(text: str, ctx: InlineContext, in_table: bool) -> str:
    if not _MARKUP.search(text) and not (in_table and ("|" in text or "!!" in text)):
        # nothing that Markdown or MediaWiki reads as markup (most lines of a fiche): the text itself
        return _finish_lines(text)
    if not in_table and "**" in text:
        bold = _bold_only(text)
        if bold is not None:
            return bold
    if "](" in text:
        linked = _links_only(text, ctx, in_table)
        if linked is not None:
            return linked
    conv = _Converter(ctx, in_table)
    held = conv.run(text)
    return _finish_lines(conv.expand(held))


def _finish_lines(wiki: str) -> str:
    """Each line of an inline conversion's wikitext finished (wiki_finish_line), line breaks kept."""
    if "\n" not in wiki:
        return wiki_finish_line(wiki)
    return "\n".join([wiki_finish_line(line) for line in wiki.split("\n")])


def _bold_only(text: str) -> str | None:
    """The wikitext of one line of plain text with strong emphasis only (`a **b** c **d** e`, a third of
    a fiche's lines), or None for any other line.

    The same result as the general conversion, by construction: no part holds a character any pass
    of `_Converter.run` looks for (`_MARKUP`), so the only pass that acts is the strong emphasis,
    which takes each `**b**` since `b` neither starts nor ends with a space; the rest is what
    `expand` and `_render` do with its pieces. tests/convert/test_speed_equivalence.py compares both.
    """
    if "\n" in text:
        return None
    wiki = _strong_text(text, False)
    return None if wiki is None else wiki_finish_line(wiki)


# `[label](target)`: a label and a target that no pass of `_Converter.run` would change (see _links_only)
_SIMPLE_LINK = re.compile(r"\[([^\[\]\n`\\<&*_{}~^!][^\[\]\n`\\<&*_{}~]*)\]\(([^\s()<>\"'`\\\[\]{}|]+)\)")


def _links_only(text: str, ctx: InlineContext, in_table: bool) -> str | None:
    """The wikitext of text whose only markup is links `[label](target)`, and strong emphasis
    outside them (a tenth of a fiche's lines), or None for any other text.

    The same result as the general conversion, by construction: each label holds no character any
    pass of `_Converter.run` looks for (`_MARKUP`), no link is an image (`![`) or a note (`[^`),
    and the target ends where `_close_paren` ends it, holding no space, quote, parenthesis, bracket
    or placeholder character; the text between two links is plain or strong emphasis alone, as
    `_strong_text` reads it. The general conversion would then hold each link whole, pair each `**`
    within its own piece of text, escape the text between links and emphasis piece by piece, and
    write each link from its escaped label with `_Converter.link`, as done here.
    tests/convert/test_speed_equivalence.py compares both.
    """
    if in_table and ("|" in text or "!!" in text):
        return None
    links = list(_SIMPLE_LINK.finditer(text))
    pieces: list[str] = []
    pos = 0
    for m in links:  # all of the text is looked at before any link is written (which may raise)
        before, label = text[pos : m.start()], m.group(1)
        if before.endswith("!") or _MARKUP.search(label) or _close_paren(text, m.start(2)) != m.end(2):
            return None
        piece = _strong_text(before, in_table)
        if piece is None:
            return None
        pieces.append(piece)
        pos = m.end()
    last = _strong_text(text[pos:], in_table) if links else None
    if last is None:
        return None
    conv = _Converter(ctx, in_table)
    out: list[str] = []
    for piece, m in zip(pieces, links, strict=True):
        out.append(piece)
        out.append(conv.link(m.group(2), wiki_escape(m.group(1))))
    out.append(last)
    return _finish_lines("".join(out))


def _strong_text(text: str, in_table: bool) -> str | None:
    """Escaped wikitext of text whose only markup is strong emphasis `**b**` (b on one line, with no
    space at either end), before its lines are finished; None for any other text. In a table
    cell, plain text only."""
    if "**" not in text or in_table:
        return None if _MARKUP.search(text) else wiki_escape(text)
    parts = text.split("**")
    last = len(parts) - 1
    if last % 2:
        return None
    out: list[str] = []
    for k, part in enumerate(parts):
        if _MARKUP.search(part):
            return None
        if k % 2:  # emphasised: not empty, no space at either end, on one line
            if not part or part[0].isspace() or part[-1].isspace() or "\n" in part:
                return None
            out.append("'''" + _guard(wiki_escape(part)) + "'''")
        elif not part and 0 < k < last:  # `**a****b**`: a run of four marks (refused)
            return None
        else:
            out.append(wiki_escape(part))
    return "".join(out)


def wiki_link(url: str, *, site: SiteMap, path: str) -> str:
    """The wikitext link we write for a Markdown link target (`[[Titre|x]]`, `[url x]`)."""
    return _Converter(InlineContext(site=site, path=path), False).link(url, "x")


def footnote_labels(text: str) -> list[str]:
    if "[^" not in text:  # most lines: no note, no need to look for code spans
        return []
    return _FNREF.findall(without_code_spans(text) if "`" in text else text)
