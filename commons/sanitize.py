# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The HTML a page may publish: one written allow-list, enforced on every page after Markdown.

Markdown lets a page carry raw HTML, and a member's pull request is reviewed
by people who are not developers: review alone cannot be the boundary. So the
HTML of every page body (Markdown, raw HTML, the blocks our hooks generate) is
cleaned by nh3, which wraps the Rust crate ammonia: it parses the HTML as a
browser does (html5ever) and keeps only the tags, attributes and URL schemes
listed below — what Markdown, its extensions and our generated blocks make,
and the simple formatting tags the wiki converter writes. Scripts, handlers,
frames, objects, forms that send anywhere, `style`, `javascript:` and `data:`
addresses and anything unlisted are removed.

A page that loses nothing keeps its HTML byte for byte (`_spelled_alike`):
ammonia writes HTML its own way (`<br>` for `<br />`, `¶` for `&para;`), and
re-writing every page would change the whole site for nothing. The original is
kept only when it is, token by token, a spelling of the cleaned HTML that a
browser cannot read differently, with its attribute values written as ammonia
writes them (double quotes, no "<" or ">"), since hooks after this one rewrite
the finished page with regular expressions; otherwise the cleaned HTML is published.

What was removed is reported (`removals`) so that the reviewer of the pull
request sees it: a French line per item, with the line of the page.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.entities import html5 as _NAMED_REFERENCES
from html.parser import HTMLParser

import nh3

from commons.pages import Problem

# --- The allow-list -----------------------------------------------------------------------------
# Elements whose content a browser parses specially (script, style, textarea, title, iframe, noscript,
# xmp, svg, math…) are never listed: what a page shows is then exactly what is written below.
TAG_GROUPS: dict[str, tuple[str, ...]] = {
    # Markdown: blocks, lists, tables (tables), code (superfences + Pygments), footnotes,
    # definition lists (def_list), abbreviations (abbr), admonitions and folds (details).
    "ce que le Markdown écrit": (
        *("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr", "br", "div"),
        *("ul", "ol", "li", "dl", "dt", "dd"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"),
        *("pre", "code", "a", "img", "em", "strong", "abbr", "sup", "sub", "span"),
        *("details", "summary", "figure", "figcaption"),
    ),
    # What members write by hand and the wiki converter keeps (sync/convert/escape.py).
    "mise en forme simple": (
        *("b", "i", "u", "s", "del", "ins", "small", "big", "kbd", "mark", "q", "var", "samp"),
        *("cite", "dfn", "tt", "bdi", "time"),
    ),
    # The filter bar of the toolbox index and of the webinar catalogue (commons/filters.py): a
    # form with no address to send to, <select>s and a reset button.
    "barre de filtres, écrite par le site": ("form", "fieldset", "legend", "label", "select", "option", "button"),
}
TAGS = frozenset(tag for group in TAG_GROUPS.values() for tag in group)

# Attributes allowed on every listed tag, then per tag.
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title", "lang"}),
    "a": frozenset({"href", "download", "type"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start", "reversed"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "td": frozenset({"colspan", "rowspan"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
    # The filter bar and the lists it filters (commons/filters.py, overrides/…/filters.js).
    "form": frozenset({"data-commons-filter", "data-noun-one", "data-noun-many", "hidden"}),
    "select": frozenset({"name", "data-facet"}),
    "option": frozenset({"value"}),
    "label": frozenset({"for"}),
    "ul": frozenset({"data-commons-list"}),
    "li": frozenset({"data-theme", "data-public", "data-niveau", "data-intervenant"}),
    # The kit's "en PDF" link, hidden until commons.pdf has made the file (commons/reading.py).
    "span": frozenset({"data-commons-pdf", "hidden"}),
}

# Attributes allowed with these values only (compared without case, as ammonia does).
VALUES: dict[str, dict[str, frozenset[str]]] = {
    "a": {"target": frozenset({"_blank"})},
    "img": {"loading": frozenset({"lazy", "eager"}), "align": frozenset({"left", "right"})},
    # Column alignment: mkdocs.yml makes the tables extension write align="…", not style="…".
    "th": {"align": frozenset({"left", "center", "right"})},
    "td": {"align": frozenset({"left", "center", "right"})},
    "button": {"type": frozenset({"button", "reset"})},
    "p": {"role": frozenset({"status"}), "aria-live": frozenset({"polite"})},
}

# Schemes an address (href, src) may have; an address without a scheme is a link inside the site.
# webcal: the webinar calendar's subscription link (commons/catalogue.py), opened by calendar apps.
SCHEMES = frozenset({"http", "https", "mailto", "tel", "ftp", "ftps", "webcal"})

# Removed with everything inside them: their content is code or would show as stray text.
DROPPED_WITH_CONTENT = frozenset(
    {
        *("script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed"),
        *("applet", "svg", "math", "textarea", "title", "xmp", "noembed", "noframes", "plaintext", "head"),
    }
)

# Material's scripts find their own elements by these ids (`__config`, `__search`…): a page that
# took one would hand the theme its own settings.
RESERVED_ID_PREFIX = "__"


# The theme's classes a page may carry: its button and tag looks, which the site's own blocks use too.
# Material styles every other md-… class as a part of its interface: md-dialog pins a toast on the
# reader's screen ("Session expirée : reconnectez-vous"), md-top a button, md-overlay covers the page.
# Other classes are free: nothing but the page's own blocks is styled by them.
THEME_CLASSES = frozenset({"md-button", "md-button--primary", "md-tag", "md-tags", "md-ellipsis"})
THEME_CLASS_PREFIX = "md-"
_THEME_CLASS = re.compile(
    r' class="(?:[^"]*\s)?md-(?!(?:'
    + "|".join(
        re.escape(name.removeprefix(THEME_CLASS_PREFIX)) for name in sorted(THEME_CLASSES, key=len, reverse=True)
    )
    + r')[\s"])'
)


def reserved_classes(value: str) -> list[str]:
    """The classes of a class attribute that belong to the theme's interface."""
    return [name for name in value.split() if name.startswith(THEME_CLASS_PREFIX) and name not in THEME_CLASSES]


# An address (href, src) is published with its quotes and angle brackets percent-encoded, as a browser
# sends them anyway: the print-site plugin rewrites the links of the printable kit from their decoded
# value and writes them back between double quotes, so href="#&quot; onfocus=&quot;…" became live
# attributes there.
_ADDRESS_ESCAPES = str.maketrans({'"': "%22", "<": "%3C", ">": "%3E"})
_ESCAPED_IN_ADDRESS = re.compile(r' (?:href|src)="[^"]*&(?:quot|lt|gt);')


# An image address must read the same to the browser that fetches it and to the build, which downloads
# external images (the privacy plugin, commons/external.py) so that readers fetch nothing elsewhere: a
# browser drops leading spaces, reads "\\" as "/" and "https:x" on an http page as the server x, where
# the build saw a path inside the site. Such an address is removed; write it https://… or as a path.
_SRC_MISREAD = re.compile(r"^[\x00-\x20]|[\\\t\n\r]|^https?:(?!//)", re.I)
_SRC_MISREAD_IN_CLEANED = re.compile(r' src="(?:[\x00-\x20]|[^"]*[\\\t\n\r]|(?i:https?):(?!//))')


def _filtered(tag: str, name: str, value: str) -> str | None:
    if name == "id" and value.startswith(RESERVED_ID_PREFIX):
        return None
    if name == "src" and _SRC_MISREAD.search(value):
        return None
    if name == "class" and (reserved := reserved_classes(value)):
        return " ".join(c for c in value.split() if c not in reserved) or None
    return value.translate(_ADDRESS_ESCAPES) if name in ("href", "src") else value


_POLICY = {
    "tags": set(TAGS),
    "clean_content_tags": set(DROPPED_WITH_CONTENT),
    "attributes": {tag: set(names) for tag, names in ATTRIBUTES.items()},
    "tag_attribute_values": {tag: {a: set(v) for a, v in attrs.items()} for tag, attrs in VALUES.items()},
    "url_schemes": set(SCHEMES),
    "link_rel": None,
    "strip_comments": True,
}
_CLEANER = nh3.Cleaner(**_POLICY)  # type: ignore[arg-type]
# Calling back into Python for every attribute triples the time: only pages with such an id or address pay it.
_CLEANER_FILTERED = nh3.Cleaner(**_POLICY, attribute_filter=_filtered)  # type: ignore[arg-type]


def clean(html: str) -> str:
    """The page's HTML with only what the allow-list lets through; `html` itself when nothing was removed."""
    cleaned = _CLEANER.clean(html)
    if (
        f' id="{RESERVED_ID_PREFIX}' in cleaned
        or _ESCAPED_IN_ADDRESS.search(cleaned)
        or _THEME_CLASS.search(cleaned)
        or _SRC_MISREAD_IN_CLEANED.search(cleaned)
    ):
        cleaned = _CLEANER_FILTERED.clean(html)
    return html if cleaned == html or _respelled(html) == cleaned or _spelled_alike(html, cleaned) else cleaned


# --- Keeping the page as written ----------------------------------------------------------------
# `cleaned` is ammonia's serialisation: lowercase names from the lists above, attribute values in
# double quotes, text escaped, no comment, no element with special content. `original` is kept
# only if it reads as the same tokens under rules strict enough that every browser tokenizes it
# the same way: well-formed character references only, attributes separated by spaces, comments
# that no parser closes early. Anything unusual makes the cleaned HTML the one published.

_WS = "[ \t\n\f]"
_CANONICAL = re.compile(r'<(/?)([a-z][a-z0-9]*)((?: [a-z][a-z0-9-]*="[^"]*")*)>|([^<]+)')
_CANONICAL_ATTR = re.compile(r' ([a-z][a-z0-9-]*)="([^"]*)"')
# Atomic groups `(?>x*)`, never possessive quantifiers (`x*+`): Debian bookworm's Python 3.11.2 has
# CPython gh-106052 (fixed in 3.11.5), which gives wrong matches for a possessive repeat of a subpattern
# (tests/security/test_regex_portability.py refuses them). Each run is taken whole, never backtracked.
_NAME = "(?>[A-Za-z][A-Za-z0-9]*)"
_ATTR_NAME = "(?>[A-Za-z][A-Za-z0-9_.:-]*)"
# "=" with no space around it, as ammonia writes it: the privacy plugin (commons/external.py) finds the
# images it downloads by `src=` so spelled, and `<img src = "https://…">` kept as written reached the
# reader's browser with its third-party address (or an address on the reader's own machine).
_EQUALS = "="
_START = re.compile(
    rf"<({_NAME})((?>(?:(?>{_WS}+){_ATTR_NAME}"
    rf"(?:{_EQUALS}(?:\"(?>[^\"]*)\"|'(?>[^']*)'|(?>[^ \t\n\f\"'=<>`]+)))?)*))(?>{_WS}*)/?>"
)
_ATTR = re.compile(
    rf"(?>{_WS}+)({_ATTR_NAME})(?:{_EQUALS}(?:\"((?>[^\"]*))\"|'((?>[^']*))'|((?>[^ \t\n\f\"'=<>`]+))))?"
)
_END = re.compile(rf"</({_NAME})(?>{_WS}*)>")
# A comment that every parser ends at its `-->`: no `--` inside, not opened by `<!-->` or `<!--->`.
# Not possessive (`*+`): Python 3.11.2 (Debian bookworm) fails this very pattern when it is, and the
# two alternatives exclude each other, so plain `*` backtracks at most once per character.
_COMMENT = re.compile(r"<!--(?![>-])(?:[^-\x00]|-(?!-))*-->")
_TEXT = re.compile(r"(?>[^<]+)")
_REFERENCE = re.compile(r"&(?:([A-Za-z][A-Za-z0-9]*);|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)")

Token = tuple[str, str, tuple[tuple[str, str], ...]]  # kind ("start", "end", "text"), name or text, attributes


# Most pages differ from ammonia's HTML only by these: complete references that Python-Markdown
# (permalinks ¶, footnote returns ↩) and html.escape (') write where ammonia writes the character
# itself, or its other name. A reference in a page that reads, with only these replaced, as the
# cleaned HTML stands where a browser decodes it: the cleaned HTML holds no comment and no element
# whose text is not decoded (script, style, textarea, title…), only listed names for tags and
# attributes, quoted values, and no "&" but those of &amp; &lt; &gt; &quot; &nbsp;. So such a
# page is one `_spelled_alike` keeps too (tests/security/test_sanitize_spellings.py), found
# without reading it token by token.
_SAME_CHARACTER = (("&para;", "¶"), ("&#8617;", "↩"), ("&#x27;", "'"), ("&#160;", "&nbsp;"))


def _respelled(original: str) -> str:
    for written, same in _SAME_CHARACTER:
        original = original.replace(written, same)
    return original


def _strict_decode(text: str) -> str | None:
    """The text a browser reads in `text`, or None if it holds anything but plain, complete references."""
    if "\x00" in text or "\r" in text:
        return None
    if "&" not in text:
        return text
    for at in (m.start() for m in re.finditer("&", text)):
        found = _REFERENCE.match(text, at)
        if found is None or (found.group(1) and found.group(1) + ";" not in _NAMED_REFERENCES):
            return None
    return html_lib.unescape(text)


def _canonical_tokens(cleaned: str) -> list[Token] | None:
    tokens: list[Token] = []
    pos = 0
    while pos < len(cleaned):
        found = _CANONICAL.match(cleaned, pos)
        if found is None:
            return None
        if found.group(4) is not None:
            tokens.append(("text", html_lib.unescape(found.group(4)), ()))
        elif found.group(1):
            tokens.append(("end", found.group(2), ()))
        else:
            attrs = tuple((n, html_lib.unescape(v)) for n, v in _CANONICAL_ATTR.findall(found.group(3)))
            tokens.append(("start", found.group(2), attrs))
        pos = found.end()
    return tokens


def _written_tokens(original: str) -> list[Token] | None:
    """The tokens of `original` under the strict rules; None when one rule does not hold."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(original):
        token: Token | None = None
        if original.startswith("<!--", pos):
            found = _COMMENT.match(original, pos)  # a comment: no token
            if found is not None and "<" in found.group(0)[4:]:
                return None  # see _start_token: a "<" inside would be read as a tag by a later rewrite
        elif original.startswith("</", pos):
            found = _END.match(original, pos)
            token = ("end", found.group(1).lower(), ()) if found else None
        elif original.startswith("<", pos):
            found = _START.match(original, pos)
            token = _start_token(found) if found else None
            if token is None:
                return None
        else:
            found = _TEXT.match(original, pos)
            text = _strict_decode(found.group(0)) if found else None
            if text is None:
                return None
            token = ("text", text, ())
        if found is None:
            return None
        if token is not None:
            tokens.append(token)
        pos = found.end()
    return tokens


# An original is kept only if its attribute values are written as ammonia writes them: in
# double quotes, with no "<" or ">" (ammonia writes &lt; &gt;), or bare. The hooks after this one
# change the finished page with regular expressions that start at a "<" (the search marks' <h1, the
# feed <link> and print-site assets removed from every page, the printable kit's links): in
# title='<link rel="alternate" …' alt="> ' onerror=…" one of them took the value's "<link" for a
# tag and removed it up to the next ">", quote included, and the rest of the value became
# attributes. The same removal inside a comment kept as written joined "-" and "->" into "-->", ending
# the comment early: a comment is kept only if it holds no "<". In the published body a "<" thus
# always opens a real tag or a comment, and a '"' always opens or closes a value.
def _start_token(found: re.Match[str]) -> Token | None:
    attrs = []
    for attribute in _ATTR.finditer(found.group(2)):
        name, double, single, bare = attribute.groups()
        if single is not None or (double is not None and ("<" in double or ">" in double)):
            return None
        if name.lower() == "src" and "&" in (double or bare or ""):
            return None  # published decoded, as the build's download of external images reads it
        value = _strict_decode(double or bare or "")
        if value is None:
            return None
        attrs.append((name.lower(), value))
    return ("start", found.group(1).lower(), tuple(attrs))


def _as_read(tokens: list[Token]) -> list[Token]:
    """Tokens as a browser builds the page from them: adjacent texts joined, and the newline
    right after <pre> dropped (ammonia writes it back only when a second one follows)."""
    read: list[Token] = []
    for token in tokens:
        if token[0] == "text" and read and read[-1][0] == "text":
            read[-1] = ("text", read[-1][1] + token[1], ())
        else:
            read.append(token)
    for index, token in enumerate(read[1:], start=1):
        if token[0] == "text" and token[1].startswith("\n") and read[index - 1][:2] == ("start", "pre"):
            read[index] = ("text", token[1][1:], ())
    return [t for t in read if t != ("text", "", ())]


def _spelled_alike(original: str, cleaned: str) -> bool:
    """Whether `original` is the same tokens as `cleaned`, differently spelled (see above)."""
    expected = _canonical_tokens(cleaned)
    written = _written_tokens(original)
    return expected is not None and written is not None and _as_read(written) == _as_read(expected)


# --- Saying what was removed --------------------------------------------------------------------
# Read with Python's parser, which follows what a member wrote; the browser-grade parsing that
# decides is ammonia's. A comment that browsers close early hides its content from Python's
# parser: it is reported as such.


@dataclass(frozen=True)
class Removal:
    """One kind of thing removed from a page: what (in French) and a piece of the source to find it by."""

    what: str
    needle: str


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_ATTRIBUTES = frozenset({"href", "src"})
# What the URL standard ignores in an address: leading control characters and spaces, tabs and newlines.
_URL_IGNORED = re.compile(r"^[\x00-\x20]+|[\t\n\r]")


def _attribute_kept(tag: str, name: str, value: str) -> bool:
    if name in ATTRIBUTES["*"] or name in ATTRIBUTES.get(tag, ()):
        if name == "id":
            return not value.startswith(RESERVED_ID_PREFIX)
        if name == "class":
            return not reserved_classes(value)
        if name == "src" and _SRC_MISREAD.search(value):
            return False
        if name in _URL_ATTRIBUTES:
            scheme = _SCHEME.match(_URL_IGNORED.sub("", value))
            return scheme is None or scheme.group(1).lower() in SCHEMES
        return True
    allowed = VALUES.get(tag, {}).get(name)
    return allowed is not None and value.lower() in allowed


class _Refused(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, Removal] = {}

    def _add(self, what: str, needle: str) -> None:
        self.found.setdefault(what, Removal(what, needle))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self._add(f"balise <{tag}>", f"<{tag}")
            return
        for name, value in attrs:
            if _attribute_kept(tag, name, value or ""):
                continue
            if name == "src" and "\\" in (value or ""):  # a wiki file name with a backslash, pulled before %5C
                hint = " : un navigateur y lirait « \\ » comme « / » ; écrivez %5C à la place de chaque « \\ »"
                self._add(f"adresse « {value} » (attribut src de <{tag}>){hint}", value or name)
            elif name in _URL_ATTRIBUTES:
                self._add(f"adresse « {value} » (attribut {name} de <{tag}>)", value or name)
            elif name == "id":
                self._add(f"identifiant « {value} », réservé au thème", value or name)
            elif name == "class":
                for reserved in reserved_classes(value or ""):
                    self._add(f"classe « {reserved} », réservée au thème", reserved)
            else:
                self._add(f"attribut {name} de <{tag}>", name)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        if data.startswith((">", "->")) or "--!>" in data:
            self._add("commentaire HTML que les navigateurs ferment plus tôt (<!-->, <!--->, --!>)", "<!--")

    def handle_decl(self, decl: str) -> None:
        self._add(f"déclaration <!{decl}>", f"<!{decl[:10]}")

    def unknown_decl(self, data: str) -> None:
        self._add(f"déclaration <![{data[:20]}", "<![")

    def handle_pi(self, data: str) -> None:
        self._add(f"instruction <?{data[:20]}", "<?")


def removals(html: str) -> list[Removal]:
    """What `clean` removes from `html`, one entry per kind of thing, in the order met."""
    parser = _Refused()
    parser.feed(html)
    parser.close()
    return list(parser.found.values())


def _find(source: str, needle: str) -> int:
    """Where `needle` is in the source; an address written with character references is found by its end."""
    for start in range(max(len(needle) - 6, 0) + 1):
        at = source.find(needle[start:])
        if at >= 0:
            return at
    return -1


def located(html: str, source: str) -> list[tuple[int, str]]:
    """(line in the source file, what) for each kind of thing `clean` removes from a page's HTML."""
    lowered = source.lower()
    found = []
    for removal in removals(html):
        at = _find(lowered, removal.needle.lower())
        found.append((lowered.count("\n", 0, at) + 1 if at >= 0 else 1, removal.what))
    return found


def page_problems(path: str, found: list[tuple[int, str]]) -> list[Problem]:
    """The build's French report: one problem per kind of thing removed, at its line."""
    return [Problem(path, line, None, f"HTML retiré à la publication : {what}. {ADVICE}") for line, what in found]


ADVICE = (
    "Seul le HTML listé dans CONTRIBUTING.md (« Le HTML dans une page ») est publié : "
    "écrivez la mise en forme en Markdown, ou retirez ce HTML."
)


def render_notice(found: list[tuple[int, str]]) -> str:
    """What a preview (`./dev site`) shows at the top of a page that lost HTML; a strict build fails instead."""
    items = "".join(f"<li>{html_lib.escape(f'ligne {line} : {what}')}</li>" for line, what in found)
    return (
        '<div class="admonition danger"><p class="admonition-title">HTML retiré à la publication</p>'
        f"<ul>{items}</ul><p>{html_lib.escape(ADVICE)}</p></div>\n"
    )


def reference() -> str:
    """The allow-list as CONTRIBUTING.md gives it to members (python -m commons.contributing)."""
    out = ["Balises :", ""]
    out += [f"- {label} : " + ", ".join(f"`<{tag}>`" for tag in tags) for label, tags in TAG_GROUPS.items()]
    common = ", ".join(f"`{name}`" for name in sorted(ATTRIBUTES["*"]))
    out += [
        "",
        f"Attributs : {common} sur toutes ces balises (un `id` qui commence par `{RESERVED_ID_PREFIX}` "
        f"est réservé au thème, comme une classe qui commence par `{THEME_CLASS_PREFIX}` autre que "
        + ", ".join(f"`{name}`" for name in sorted(THEME_CLASSES))
        + "), et en plus :",
        "",
        "| balise | attributs |",
        "|---|---|",
    ]
    for tag in sorted(set(ATTRIBUTES) - {"*"} | set(VALUES)):
        names = [f"`{name}`" for name in sorted(ATTRIBUTES.get(tag, ()))]
        names += [
            f"`{name}` ({', '.join(f'`{v}`' for v in sorted(values))})"
            for name, values in sorted(VALUES.get(tag, {}).items())
        ]
        out.append(f"| `<{tag}>` | {', '.join(names)} |")
    schemes = ", ".join(f"`{scheme}:`" for scheme in sorted(SCHEMES))
    out += [
        "",
        f"Adresses (`href`, `src`) : {schemes} ou une adresse dans le site (`../page/`, `#titre`). "
        "L'adresse d'une image s'écrit `https://…` ou comme un chemin, sans `\\` ni espace au début.",
    ]
    return "\n".join(out) + "\n"


# --- Feeds --------------------------------------------------------------------------------------
# An RSS item's description is HTML that feed readers render. Without a `description` in its
# header, mkdocs-rss-plugin makes it from the page's first Markdown lines, raw HTML included.
_DESCRIPTION = re.compile(r"<description>([^<]*)</description>")


def clean_feed(xml: str, then: Callable[[str], str] | None = None) -> str:
    """An RSS feed whose descriptions hold only allowed HTML, each cleaned one then given to `then` (the
    site's rules for a feed: commons.external.feed_without_foreign_images); unchanged when they hold
    nothing to change."""

    def one(found: re.Match[str]) -> str:
        description = html_lib.unescape(found.group(1))
        cleaned = _feed_html(description, then)
        if cleaned is description:
            return found.group(0)
        return f"<description>{html_lib.escape(cleaned)}</description>"

    return _DESCRIPTION.sub(one, xml)


def _feed_html(html: str, then: Callable[[str], str] | None) -> str:
    """What a feed item's HTML goes through, in an RSS or a JSON feed: `html` itself when unchanged."""
    cleaned = clean(html)
    return cleaned if then is None else then(cleaned)


def clean_json_feed(text: str, then: Callable[[str], str] | None = None) -> str:
    """A JSON feed (jsonfeed.org, which mkdocs-rss-plugin writes when json_feed_enabled is set) whose
    items' content_html is cleaned as clean_feed cleans an RSS description; unchanged when nothing is to
    change, or when the text is not a JSON feed (nothing of it is published as HTML by this site)."""
    try:
        feed = json.loads(text)
    except ValueError:
        return text
    items = feed.get("items") if isinstance(feed, dict) else None
    changed = False
    for item in items if isinstance(items, list) else []:
        content = item.get("content_html") if isinstance(item, dict) else None
        if isinstance(content, str):
            cleaned = _feed_html(content, then)
            if cleaned != content:
                item["content_html"] = cleaned
                changed = True
    return json.dumps(feed, ensure_ascii=False, indent=4) + "\n" if changed else text
