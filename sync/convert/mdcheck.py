# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A pushed page is checked against the site's own Markdown reader: what the wiki would lose is refused.

Why: our Markdown reader (mdblocks, mdinline, mdlists) follows Python-Markdown's rules but is not
Python-Markdown, and Markdown has corners where a guess reads otherwise (nested brackets, link
titles, emphasis runs, lists that swallow a heading…). Rather than trust each rule, the page is
rendered by Python-Markdown with the site's extensions (what the site shows), the wikitext we
wrote is read back with mwparserfromhell (what the wiki shows: text, links, images, notes), and
every word, image and link the site shows must be on the wiki, in the same order. Where it is
not, the push stops with a French message naming the line, so a member's Markdown that we
misread is refused, never silently changed on the wiki.

Speed: Python-Markdown costs about three times our own conversion. A page made only of what
both readers provably read alike (mdplain.py: text, headings, simple lists, tables, definitions,
admonitions, fences, notes, each line matched by a strict pattern) skips the render; anything else
on the page, however small, sends the whole page through the check.
"""

from __future__ import annotations

import bisect
import html
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from urllib.parse import unquote

import mwparserfromhell
from mwparserfromhell.nodes import Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Text, Wikilink

from sync.convert.escape import is_wiki_reference
from sync.convert.htmlview import read_html
from sync.convert.mdplain import plain_page
from sync.convert.segments import Seg
from sync.errors import ConversionError

# The extensions of mkdocs.yml that change what a page shows, as the reader of mdblocks follows
# them (a test checks this list against mkdocs.yml); their settings only change attributes.
SITE_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
)
_FILE_NS = ("fichier:", "file:", "image:")
_LOCAL = threading.local()


# What each refusal of the check says, in French: what the site and the wiki would do, what is
# expected, and how to fix it, even when there is nothing to simplify (the last resort is always
# given: a ```wikitext block, which the push sends as it is).
_LAST_RESORT = (
    "Si le passage est déjà simple, écrivez-le dans un bloc ```wikitext avec le wikitexte voulu "
    "(le wiki le reçoit tel quel) et signalez le cas à la coordination du site en citant ce message."
)
REFUSALS = {
    "lost": (
        "le site et le wiki ne liraient pas ce passage de la même façon : le wiki perdrait « {word} », que le "
        "site affiche. Attendu : du Markdown que les deux lisent pareil. Pour corriger : écrivez \\*, \\_, "
        "\\[, \\], \\<, \\` devant chaque caractère à afficher tel quel, fermez chaque lien et chaque mise "
        "en forme, séparez les blocs par une ligne vide. " + _LAST_RESORT
    ),
    "notes": (
        "notes de bas de page : le site les numérote dans l'ordre où elles sont définies, le wiki dans "
        "l'ordre où elles sont appelées, et leur texte ne serait pas le même des deux côtés. Attendu : "
        "chaque définition [^…]: dans l'ordre des appels, faite de paragraphes de texte. Pour corriger : "
        "déplacez les définitions dans cet ordre."
    ),
    "link": (
        "lien « {href} » : le site et le wiki ne le liraient pas de la même façon (la cible ou le texte "
        "changerait sur le wiki). Attendu : [texte](adresse), sans espace ni guillemet dans l'adresse (ou "
        "l'adresse entre < >). Pour corriger : écrivez-le ainsi, et échappez les crochets qui doivent "
        "s'afficher (\\[ \\]). " + _LAST_RESORT
    ),
    "image": (
        "image « {name} » : le site l'affiche mais le wiki ne la montrerait pas (syntaxe lue autrement). "
        "Attendu : ![texte](fichier.png) sur une ligne de texte ordinaire. Pour corriger : écrivez-la "
        "ainsi, hors d'un lien, d'un tableau complexe ou de HTML. " + _LAST_RESORT
    ),
    # An image's file name (sync/convert/escape.py, wiki_file_name_refusal), refused before the check
    "image_name": (
        "image « {url} » : le wiki n'accepte pas ce nom de fichier (vide, ou avec [ ] {{ }} | # < >). Attendu : "
        "un nom de fichier sans ces caractères. Pour corriger : renommez l'image (son fichier dans docs/ et "
        "son adresse dans la page)."
    ),
    "image_control": (
        "image « {url} » : son nom porte un caractère de contrôle (comme %0A, saut de ligne, ou %09, "
        "tabulation) : le wiki montrerait le code de l'image comme du texte. Attendu : un nom fait de "
        "caractères visibles et d'espaces. Pour corriger : renommez l'image sans ce caractère (son fichier "
        "dans docs/ et son adresse dans la page)."
    ),
    "image_misread": (
        "image « {url} » : le wiki lirait ce nom de fichier autrement que le site et montrerait du texte ou "
        "un autre fichier. Attendu : un nom d'au plus 255 octets, sans « : », sans « ~~~ », sans entité "
        "(&…;) ni %XX une fois l'adresse décodée, sans « . » ni « .. » entre deux « / ». Pour corriger : "
        "renommez l'image (son fichier dans docs/ et son adresse dans la page)."
    ),
    "image_address": (
        "image « {url} » : le site ne chercherait pas ce fichier-là (« ? » commence des paramètres dans une "
        "adresse, « # » une ancre, et le site retire une adresse d'image qui contient « \\ »). Attendu : ces "
        "caractères encodés dans l'adresse. Pour corriger : écrivez %3F pour ?, %5C pour \\ ; un nom avec # "
        "ne passe pas sur le wiki : renommez l'image."
    ),
}


def check_page(
    body: str,
    segs: list[Seg],
    *,
    path: str,
    line_offset: int,
    link: Callable[[str], str],
    default_title: Callable[[str], str],
    always: bool = False,
    wiki_files: str = "",
) -> None:
    """Raise ConversionError when the wiki would not show something the site shows.

    `segs` are the body's pieces (their wikitext is what a fresh push sends); `link` maps a link
    target as the site reads it to the wikitext link we write for it (`[[Titre|x]]`, `[url x]`);
    `wiki_files` is the address of the wiki's files (…/Special:FilePath/), whose images are named
    by all that follows it (`Plans/2026.png`), not by their last segment.
    """
    if not always and plain_page(body):
        return
    site = _site_view(body, wiki_files)
    wiki = _wiki_view(segs, default_title)
    lost = _first_lost_word(site.words, wiki.words, site.edges)
    if lost is not None:
        word, after = lost
        line = _line_of(word, segs, after, wiki.word_seg, line_offset)
        raise ConversionError(REFUSALS["lost"].format(word=word[:60]), path=path, line=line)
    if site.notes != wiki.notes and _first_lost_word(site.notes, wiki.notes) is not None:
        raise ConversionError(REFUSALS["notes"], path=path, line=_notes_line(segs, line_offset))
    missing = Counter(_file_key(name) for name in site.images) - Counter(_file_key(name) for name in wiki.images)
    targets = Counter(wiki.links)
    for href in site.links:
        target = _wiki_target(link(href), cut=False)
        if targets[target] > 0:
            targets[target] -= 1
            continue
        raise ConversionError(
            REFUSALS["link"].format(href=href), path=path, line=_line_of(href, segs, 0, [], line_offset)
        )
    for name in missing:
        raise ConversionError(
            REFUSALS["image"].format(name=name), path=path, line=_line_of(name, segs, 0, [], line_offset)
        )


# -- what the site shows ----------------------------------------------------------------------------
class _View:
    """Words of visible text in order, with the images and link targets of a page."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.word_seg: list[int] = []  # wiki side: the piece each word comes from
        self.notes: list[str] = []  # words of the footnotes, in the order they are listed
        self.edges: set[int] = set()  # site side: words next to kept wikitext (may be glued to it)
        self.images: list[str] = []
        self.links: list[str] = []


_LEAK = re.compile("\x02(\\d+)\x03")


def _unleak(text: str) -> str:
    """An escaped character inside an autolink or an address: Python-Markdown leaks its placeholder
    (STX, the code point, ETX) where the author wrote the character, which is what the wiki shows."""
    return _LEAK.sub(lambda m: chr(int(m.group(1))), text) if "\x02" in text else text


def _site_view(body: str, wiki_files: str = "") -> _View:
    md = getattr(_LOCAL, "md", None)
    if md is None:
        # Imported here, at the first page that needs the render: a push of plain pages (mdplain.py)
        # never does, and Python-Markdown with its extensions costs about as much to import as the
        # conversion of ten pages.
        import markdown

        # highlight without Pygments: the same text, and a ```wikitext block keeps its class (set apart)
        md = _LOCAL.md = markdown.Markdown(
            extensions=[*SITE_EXTENSIONS, "pymdownx.highlight"],
            extension_configs={"pymdownx.highlight": {"use_pygments": False}},
        )
    page = md.reset().convert(body)
    if "&#2;" in page:  # keep the placeholders Python-Markdown leaked (html.unescape drops them)
        page = page.replace("&#2;", "\x02").replace("&#3;", "\x03")
    seen = read_html(page, skip=_never, note_block=_site_notes, link_target=_site_link, raw=_site_hidden)
    view = _View()
    for k, chunk in enumerate(seen.chunks):  # cut where something is hidden: the words around are edges
        words = _words(_unleak(chunk))
        if k and view.words:
            view.edges.add(len(view.words) - 1)
        if k and words:
            view.edges.add(len(view.words))
        view.words += words
    view.notes = _words(_unleak(seen.notes_text))
    # the file's name as the push reads it (mdinline._image): a wiki file's whole name, a local image's last segment
    view.images = [
        src[len(wiki_files) :] if wiki_files and src.startswith(wiki_files) else src.rsplit("/", 1)[-1]
        for src in seen.sources
    ]
    view.links = [target for target, _text in seen.links]
    return view


def _never(_tag: str, _attrs: dict[str, str]) -> bool:
    return False


# What the site shows but the check sets apart: code kept for the wiki (whatever it shows on the wiki
# may touch the words around), heading anchors, note marks and back links, the table of contents.
_SITE_HIDDEN = frozenset({"wikitext", "language-wikitext", "headerlink", "footnote-backref", "footnote-ref", "toc"})


def _site_hidden(_tag: str, attrs: dict[str, str]) -> bool:
    return not _SITE_HIDDEN.isdisjoint(attrs.get("class", "").split())


def _site_notes(tag: str, attrs: dict[str, str]) -> bool:
    """The site's list of notes: compared apart (the wiki places it otherwise)."""
    return tag == "div" and "footnote" in attrs.get("class", "").split()


def _site_link(attrs: dict[str, str]) -> str | None:
    return _unleak(attrs["href"]) if "href" in attrs else None


# -- what the wiki shows ----------------------------------------------------------------------------
_QUOTE_RUN = re.compile(r"'{2,}")
_ENTITY = re.compile(r"&#?\w+;")
_TABLE_MARK = re.compile(r"^\s*(?:\{\||\|\}|\|-|\|\+|[|!])|\|\||!!", re.M)
_ATTRS = re.compile(r'(?:^|(?<=[|!]))\s*(?:style|class|colspan|rowspan|align)="[^"\n]*"\s*\|(?!\|)', re.M)
_BAD_URL = re.compile(r"[\[\]<>\"\s\x00-\x1f\x7f]")
_NO_ADDRESS = re.compile(r"[\w+.-]*:(?://)?")  # a scheme alone (`mailto:` then a no-break space): text only
_LITERAL_TAGS = frozenset({"nowiki", "pre", "syntaxhighlight", "source"})
_NOWIKI_MARK = re.compile(r"</?nowiki\s*/?>", re.I)
_WIKI_BLOCK_TAGS = frozenset({"p", "div", "li", "dt", "dd", "hr", "br", "pre", "blockquote", "table", "tr", "td", "th"})


class _WikiReader:
    """Our wikitext → what MediaWiki shows of it (our writer's subset of wikitext)."""

    def __init__(self, default_title: Callable[[str], str]) -> None:
        self.view = _View()
        self.notes: list[str] = []
        self.seg = 0
        self.out: list[str] = []
        self.starts: list[tuple[int, int]] = []  # (offset in the text, piece) where each piece starts
        self.size = 0
        self.default_title = default_title

    def text(self, value: str) -> None:
        self.out.append(value)
        self.size += len(value)

    def start_piece(self, k: int) -> None:
        self.text("\n")
        self.starts.append((self.size, k))

    def nodes(self, nodes: Iterable[object], *, in_table: bool = False) -> None:
        buf: list[str] = []

        def flush() -> None:
            if buf:
                self.text("".join(buf))
                buf.clear()

        for node in nodes:
            if isinstance(node, Text):
                value = _QUOTE_RUN.sub("", str(node.value))  # bold and italic marks MediaWiki did not pair
                if in_table:  # table markup; what an entity writes (&#124;, &#33;) is text
                    before = buf[-1] if buf else self.out[-1] if self.out else "\n"
                    guard = "" if before.endswith("\n") else "x"  # a cell mark only starts a line
                    value = _TABLE_MARK.sub(" ", _ATTRS.sub(" ", guard + value))[len(guard) :]
                if "&" in value:  # the entities mwparserfromhell does not know (HTML5)
                    value = _unescape(value)
                buf.append(value)
            elif isinstance(node, HTMLEntity):
                buf.append(html.unescape(str(node)))
            elif isinstance(node, Comment):
                continue
            else:
                flush()
                self.node(node, in_table)
        flush()

    def node(self, node: object, in_table: bool) -> None:
        if isinstance(node, Heading):
            self.text(" ")
            self.nodes(node.title.nodes)
            self.text(" ")
        elif isinstance(node, Wikilink):
            self.wikilink(node)
        elif isinstance(node, ExternalLink):
            url = _unescape(str(node.url).strip())
            bad = _BAD_URL.search(url)
            target = url[: bad.start()] if bad else url
            if not node.brackets:  # a bare address shows as written; MediaWiki links what comes
                if not _NO_ADDRESS.fullmatch(target):  # before the bad character, if anything
                    self.view.links.append(target)
                self.text(url)
                return
            self.view.links.append(target)
            if bad:  # MediaWiki ends the address there: the rest is text
                self.text(url[bad.start() :])
            if node.title is not None:
                self.nodes(node.title.nodes)
        elif isinstance(node, Tag):
            self.tag(node, in_table)
        elif isinstance(node, Template):
            self.template(node)
        else:
            self.text(str(node))

    def template(self, node: Template) -> None:
        """An admonition written as the site's template: its title, then its content."""
        if str(node.name).strip().startswith("#") or ":" in str(node.name):
            return
        params = {str(p.name).strip(): p for p in node.params}
        if "titre" in params:
            self.nodes(params["titre"].value.nodes)
        elif "type" in params:
            self.text(" " + self.default_title(str(params["type"].value).strip()) + " ")
        for name, param in params.items():
            if name not in ("type", "titre", "pliable"):
                self.nodes(param.value.nodes)

    def wikilink(self, node: Wikilink) -> None:
        title = str(node.title).strip()
        if title.lower().startswith(_FILE_NS):
            self.view.images.append(title.split(":", 1)[1].strip())
            parts = str(node.text or "").split("|")
            for part in parts:
                if part.startswith("link="):
                    target = part[5:]
                    self.view.links.append(target if "://" in target else _wiki_target(f"[[{target}]]"))
            self.text(" ")  # an inline image shows no caption: its text is the alt text, as on the site
            return
        self.view.links.append(title.lstrip(":").split("#", 1)[0] or title)
        if node.text is not None:
            self.nodes(node.text.nodes)
        else:
            self.text(title.lstrip(":"))

    def tag(self, node: Tag, in_table: bool) -> None:
        name = str(node.tag).lower()
        if name == "ref":
            if node.contents is not None and str(node.contents).strip():
                self.notes.append(str(node.contents))
            return
        if name == "references":
            return
        block = name in _WIKI_BLOCK_TAGS
        if block:
            self.text(" ")
        if name in _LITERAL_TAGS:  # shown as written: no bold, italic, link nor template inside
            contents = str(node.contents or "")
            if name == "pre":  # a <pre> drops its <nowiki> marks and shows entities as characters
                contents = _unescape(_NOWIKI_MARK.sub("", contents))
            elif name == "nowiki":
                contents = _unescape(contents)
            self.text(contents)  # syntaxhighlight and source: character for character
        elif node.contents is not None:
            self.nodes(node.contents.nodes, in_table=in_table or name in ("table", "td", "th", "tr"))
        if block:
            self.text(" ")


def _unescape(text: str) -> str:
    """Character references as MediaWiki reads them: only with their `;` (`&amp` stays as written,
    where html.unescape would read `&`) and only those it knows (`&#0;` stays as written)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)) if is_wiki_reference(m.group(0)) else m.group(0), text)


def _wiki_view(segs: list[Seg], default_title: Callable[[str], str]) -> _View:
    reader = _WikiReader(default_title)
    for k, seg in enumerate(segs):
        if seg.kind in ("raw", "tpl", "cat") or not seg.wiki:
            continue
        reader.start_piece(k)
        reader.nodes(mwparserfromhell.parse(seg.wiki).nodes, in_table=seg.kind in ("thead", "trow", "tclose"))
    notes = _WikiReader(default_title)
    for note in reader.notes:  # in the order of first use, as Cite lists them
        notes.text(" ")
        notes.nodes(mwparserfromhell.parse(note).nodes)
    text = "".join(reader.out)
    view = reader.view
    offsets = [start for start, _ in reader.starts]
    for m in _WORD.finditer(text):
        view.words.append(m.group(0))
        at = bisect.bisect_right(offsets, m.start()) - 1
        view.word_seg.append(reader.starts[at][1] if at >= 0 else 0)
    view.notes = _words("".join(notes.out))
    view.images += notes.view.images
    view.links += notes.view.links
    return view


# -- comparison -------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\s\u21a9\ufe0e]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _first_lost_word(site: list[str], wiki: list[str], edges: set[int] = frozenset()) -> tuple[str, int] | None:  # type: ignore[assignment]
    """The first word of the site not found, in order, among the wiki's (and the wiki's word it follows).

    A word next to kept wikitext (`edges`) may be glued on the wiki to what that wikitext shows.
    """
    if site == wiki:
        return None
    pos = 0
    for k, word in enumerate(site):
        if k in edges:  # glued on the wiki: the next word may be glued to the same one
            at = next((j for j in range(max(0, pos - 1), len(wiki)) if word in wiki[j]), -1)
            if at < 0:
                return word, pos
            pos = at if word != wiki[at] else at + 1
            continue
        try:
            pos = wiki.index(word, pos) + 1
        except ValueError:
            return word, pos
    return None


def _line_of(word: str, segs: list[Seg], at: int, word_seg: list[int], line_offset: int) -> int:
    """The Markdown line where a lost word is written: from the piece of the last word the wiki has."""
    start = word_seg[min(at, len(word_seg) - 1)] if word_seg else 0
    start = max(0, start - 1)
    for seg in segs[start:] + segs[:start]:
        if word in seg.md or html.escape(word, quote=False) in seg.md:
            return seg.line or line_offset + 1
    for seg in segs[start:]:
        if seg.md.strip():
            return seg.line or line_offset + 1
    return line_offset + 1


def _notes_line(segs: list[Seg], line_offset: int) -> int:
    return next((s.line for s in segs if s.kind == "fndefs" and s.line), line_offset + 1)


def _wiki_target(wiki: str, *, cut: bool = True) -> str:
    """The target of one wikitext link as `_WikiReader` records it (`cut`: where MediaWiki ends it)."""
    if wiki.startswith("[["):
        return wiki[2:].split("|", 1)[0].removesuffix("]]").lstrip(":").split("#", 1)[0] or wiki[2:].split("|", 1)[0]
    if wiki.startswith("["):
        url = wiki[1:].split(" ", 1)[0].removesuffix("]")
        bad = _BAD_URL.search(url) if cut else None
        return url[: bad.start()] if bad else url
    return wiki


def _file_key(name: str) -> str:
    name = unquote(name).replace("_", " ").strip()
    return name[:1].upper() + name[1:]
