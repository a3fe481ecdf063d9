# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Page texts that Python-Markdown cannot build in reasonable time or at all: refused before it reads them.

Found by trying, on a page of a member's pull request (or pulled from the wiki):
600 nested list levels end the build in a Python RecursionError after a
minute; one line of 20,000 `[` keeps it busy for seven minutes (finding the
closing bracket of each is quadratic in their number within a paragraph).
bench/hostile_markdown.py finds the other shapes whose cost grows with the square
of their number: within a paragraph, openings never closed (`[a](`, `<a href='`,
`<http://`, `[^`) and emphasis marks (`_a _a`, `**a`), which the push's
own converter reads in the same way; within a block, its lines (`# a`, `a` /
`: b` definitions, `!!!` admonitions, split again at each one); in a page,
footnote references and abbreviations (each read against the whole page).
Then, within a paragraph, the shapes whose cost is their number times the
paragraph's length: escapes, code spans, entities and links (each copies the
whole text again), links with a quote in their address (each read to the
paragraph's end); and in a page, a cap on what costs linear time, about a
second of build (tens of thousands of list items, links or paragraphs).
No real page comes near the limits below: the site's deepest nesting is 3
levels, its busiest paragraph has a few dozen openings, its longest block a
few dozen lines. The same limits guard the build (hooks/content.py,
commons/schema.py) and the push to the wiki (sync/convert/api.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

MAX_NESTING = 40  # list levels, quote marks and indentation steps before a line's text
# Each: the sum of a count squared, about half a second of Python-Markdown at the limit (measured on
# the shapes of bench/hostile_markdown.py, 2 shared cores).
MAX_INLINE_WORK = 1_000_000  # over the texts read at once (paragraph, list item, table row): their unescaped "[", "<" and runs of "*" or "_", squared
# A closed link "[text](address)" is read at once (4,000 in a paragraph: 0.2 s, linear), but each "["
# that opens nothing tries every link after it, about 25 times the cost of passing another lone sign
# (100 lone "[" before 1,000 closed links: 0.85 s, against 0.2 s for 1,000 lone "["): closed links
# are not counted as signs, and weigh CLOSED_LINK_WORK for each lone "[" of the same text instead.
CLOSED_LINK_WORK = 25
# over blocks (lines between blank lines): their lines times those of their lines Python-Markdown cuts
# the block at, copying the rest each time (headings, definitions ": ", admonitions "!!!"/"???")
MAX_LINES_WORK = 1_000_000
# footnote references "[^a]" in the page: for each note, its references squared, and a quarter of the
# number of notes squared (each note costs a little more than the last; the same note called again, more)
MAX_NOTES_WORK = 1_000_000
# Each inline match (an escape "\*", a code span, an entity "&amp;", a link, an emphasis…) is replaced
# by a placeholder of 14 characters in a new copy of the whole text: a text costs its matches times its
# length once they are in (16,000 "\*" in a 32 KB paragraph: 0.54 s, 32,000: 3.3 s). Counted in the
# inline work as matches × (characters + 14 × matches) / COPY_WORK_DIVISOR.
COPY_WORK_DIVISOR = 4_000
# A link whose address holds a quote ("[a](x'y)") is read as a title that Python-Markdown looks for,
# one character at a time, to the end of the text (1,000 in a 10 KB paragraph: 0.75 s, of which 0.2 s
# for their "[" counted as signs); so is an address that does not end on its line ("[a](" then
# "x'y)"): counted in the inline work as such links × the text's characters / QUOTED_LINK_DIVISOR
# (besides their "["; a link never closed is counted twice, the safe side: 600 list items of 40
# "[a](" took 0.43 s and are refused).
QUOTED_LINK_DIVISOR = 10
# Each paragraph, list item, table row or cell, heading, link, escape, code span, entity, emphasis
# costs 10 to 60 µs however far from the others (20,000 list items: 0.6 s, 20,000 headings: 1.3 s):
# a page of more than MAX_PAGE_PARTS of them takes about a second to build, whatever their shape. A
# long real fiche (50 KB, a few hundred links) counts a few thousand.
MAX_PAGE_PARTS = 15_000
CHARACTERS_PER_PART = 200  # plain text costs about as much a character (800 KB of words: 0.23 s)
MAX_ABBREVIATIONS_WORK = 16_000_000  # abbreviation definitions "*[…]:" times the page's characters
# Python-Markdown reads the page's raw HTML over the whole page at once (markdown/htmlparser.py, the
# standard library's parser): each "<a" is read as a tag, through what looks like attributes, up to a
# ">" that ends it, quotes skipped. A tag that nothing ends is read to the end of the page, and so is
# the next one: 700 paragraphs of 18 "<img " (12,600, under every limit of a text) took 18 s to build
# and 8 s to push, whether written "\<img" or not; "<a x='>' " (a ">" in quotes ends nothing) twice as
# long (bench/hostile_markdown.py). Counted: the characters from each tag not ended within TAG_WINDOW
# to the page's end (safe side: an unended tag before a later ">" is in fact read only that far),
# fenced code left out.
MAX_TAG_READ = 10_000_000  # about a third of a second of the build's two readings
TAG_WINDOW = 2_000  # characters: a tag longer than that counts as never ended

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_PREFIX = re.compile(r"[ \t>]*")
# A line's depth is at most the length of its run of " ", tab and ">" (4 spaces make one level, a
# tab or a ">" at most one): without such a run longer than MAX_NESTING at a line's start, no line
# is too deep, whatever splits the lines and the fences (found faster from a line break).
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines splits
_DEEP = re.compile(rf"[ \t>]{{{MAX_NESTING + 1}}}")
_DEEP_LINE = re.compile(rf"[{_LINE_BREAKS}][ \t>]{{{MAX_NESTING + 1}}}")
# (and the underline of a "Setext" title, "===" or "---", and a rule "- - -", "***", "___")
_CUT = re.compile(r"[ \t>]*(?:#|:[ \t]|!!!|\?\?\?|=+[ \t]*$|(?:[-*_][ \t]*)+$)")
# "_" inside a word ("tiers_lieu_1" in an address) never opens emphasis in Python-Markdown
_OPENING = re.compile(r"(?<!\\)(?:\[|<|\*+|(?<!\w)_+)")
# A link or image Python-Markdown closes where it opens: no bracket or backslash in its text, an
# address without spaces (one level of parentheses, as in Wikipedia's addresses), an optional
# "title". Anything else is counted as lone signs, as before (the safe side).
_CLOSED_LINK = re.compile(r'(?<!\\)!?\[([^\[\]\\\n]*)\]\((?:[^()\s\\"\']|\([^()\s\\"\']*\))*(?:[ ]+"[^"\\\n]*")?\)')
# Python-Markdown reads the inline text of each list item and each table row apart: in a block that
# is a list, an item's line starts a new count; in a table, each row does
_ITEM = re.compile(r"[ \t>]*(?:[*+-]|\d+[.)])[ \t]")
_TABLE_RULE = re.compile(r"[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
# What tells whether a link's address ends on its line: its start, a closing quote, a ")", a quote
_ADDRESS_SIGN = re.compile(r"""\]\(|['"][ ]*\)|\)|['"]""")
_NOTE = re.compile(r"(?<!\\)\[\^([^\[\]\n]*)\](?!:)")  # (no "[" in a label: read in one pass)
BACKSLASH = "\\"
_MARKS = ("\\", "`", "&", "|")  # an escape, a code span, an entity, a table cell: each at most one match
_BACKTICKS = re.compile("`+")
_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[", re.M)


def _unescaped(line: str) -> str:
    """The line with each escaped backslash (two backslashes) blanked: the sign after it is not escaped."""
    return line.replace(BACKSLASH * 2, "  ") if BACKSLASH in line else line


def _outside_fences(body: str) -> list[tuple[int, str]]:
    """(0-based line, text) of the lines that Markdown parses, fenced code left out."""
    lines, fence = [], ""
    for number, line in enumerate(body.splitlines()):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
        else:
            lines.append((number, line))
    return lines


def _far_below(body: str) -> bool:
    """Whether the whole page, counted at once (fenced code included), stays under every limit: then
    no paragraph, block or line can go past one (most pages, told apart in a few C passes)."""
    notes = body.count("[^")
    lines = len(body.splitlines())
    signs = body.count("[") + body.count("<") + body.count("*") + body.count("_")
    links = body.count("](")
    # every match a text counts (lone signs, links, escapes, code, entities, cells, line breaks)
    matches = signs + links + sum(body.count(mark) for mark in _MARKS) + lines
    return (
        _DEEP.match(body) is None
        and _DEEP_LINE.search(body) is None
        and lines * sum(body.count(sign) for sign in ("#", ":", "!!!", "???", "=", "-", "*", "_")) <= MAX_LINES_WORK
        # a text's work is at most its signs squared, plus CLOSED_LINK_WORK times lone "[" times closed
        # links, whose product is at most a quarter of their sum squared
        and signs**2 * (4 + CLOSED_LINK_WORK) // 4
        + matches * (len(body) + lines + 14 * matches) // COPY_WORK_DIVISOR
        + links * (len(body) + lines) // QUOTED_LINK_DIVISOR
        <= MAX_INLINE_WORK
        and lines + matches + (len(body) + lines) // CHARACTERS_PER_PART <= MAX_PAGE_PARTS
        and notes * notes + notes * notes // 4 <= MAX_NOTES_WORK
        and body.count("*[") * len(body) <= MAX_ABBREVIATIONS_WORK
        and body.count("<") * len(body) <= MAX_TAG_READ
    )


class Refusal(NamedTuple):
    """One limit a page goes past: where, what the reader sees, how to fix it in Markdown and on the wiki."""

    line: int  # 0-based line in the body
    what: str
    fix: str  # in the Markdown file (the build, the push)
    wiki_fix: str  # on Movilab, when the page comes from there (the pull)

    @property
    def message(self) -> str:
        return f"{self.what} {self.fix}"


def refusals(body: str) -> list[tuple[int, str]]:
    """(0-based line in the body, French message) for each limit the text goes past; empty for a real page."""
    return [(found.line, found.message) for found in refused(body)]


def refused(body: str) -> list[Refusal]:
    """Each limit the text goes past (see Refusal); empty for a real page."""
    return [] if _far_below(body) else _line_by_line(body)


# What each kind of opening is, as the reader of the page sees it.
_SIGNS = {
    "[": "« [ » (débuts de liens, d'images ou de notes)",
    "<": "« < » (balises HTML ou adresses entre chevrons)",
    "*": "marques de mise en forme « * » ou « _ » (gras, italique)",
}
_SHORT = {"[": "« [ »", "<": "« < »", "*": "« * » ou « _ »"}
_ALONE = {
    "[": "\\[ pour un crochet seul",
    "<": "\\< pour un chevron seul",
    "*": "\\* ou \\_ pour une étoile ou un tiret bas seuls",
}
_TOO_SLOW = "la construction du site et la synchronisation y passeraient trop de temps"


@dataclass
class _Text:
    """What Python-Markdown reads inline at once: a paragraph, a list item or a table row."""

    first: int  # 0-based line
    block: int  # index of its block
    signs: Counter[str] = field(default_factory=Counter)
    unclosed: int = 0  # links "[text](" whose ")" never comes
    closed: int = 0  # links and images "[text](address)" closed at once (not in signs)
    quoted: int = 0  # links whose address holds a quote with no ")" right after it (their "[" in signs too)
    marks: int = 0  # escapes, code spans, entities, table cells and line breaks (upper bounds)
    length: int = 0  # characters

    @property
    def matches(self) -> int:
        return self.count + self.closed + self.quoted + self.marks

    @property
    def parts(self) -> int:
        """What its share of the page's linear cost counts (a lone sign, tried and passed: half a part)."""
        return 1 + self.closed + self.marks + self.count // 2 + self.length // CHARACTERS_PER_PART

    @property
    def copy_work(self) -> int:
        return self.matches * (self.length + 14 * self.matches) // COPY_WORK_DIVISOR

    @property
    def quoted_work(self) -> int:
        return self.quoted * self.length // QUOTED_LINK_DIVISOR

    @property
    def count(self) -> int:
        return self.signs.total()

    @property
    def work(self) -> int:
        return self.sign_work + self.copy_work + self.quoted_work

    @property
    def sign_work(self) -> int:
        return self.count * self.count + CLOSED_LINK_WORK * self.signs["["] * self.closed


def _signs(line: str) -> tuple[Counter[str], int, int]:
    """The line's lone signs (a closed link's own "[" left out, the signs of its text kept), its closed
    links and its links read to the text's end (their address holds a quote)."""
    found: Counter[str] = Counter()
    closed = quoted = 0
    line = _unescaped(line)
    if "](" in line:
        line, closed = _CLOSED_LINK.subn(r" \1 ", line)
        quoted = _read_to_end(line)
    for opening in _OPENING.findall(line):
        found["*" if opening[0] in "*_" else opening[0]] += 1
    return found, closed, quoted


def _marks(line: str) -> int:
    """At most the matches on the line other than signs and links: escapes, code spans (two runs of
    backticks each), entities, table cells, a line break (a line ending in two spaces)."""
    marks = line.count(BACKSLASH) + line.count("&") + line.count("|") + line.endswith("  ")
    return marks + (len(_BACKTICKS.findall(line)) + 1) // 2 if "`" in line else marks


def _read_to_end(line: str) -> int:
    """Links "[text](" whose address holds a quote not closed right before its ")", or has no ")" on the
    line: Python-Markdown reads from each, one character at a time, to the end of the text (one pass)."""
    count, closes, quote = 0, False, False
    for sign in reversed(_ADDRESS_SIGN.findall(line)):
        if sign[-1] == ")":
            closes, quote = True, False  # a title closed right before ")" ends the link there
        elif sign == "](":
            count += 1 if not closes or quote else 0
        else:
            quote = True
    return count


def _unclosed_links(line: str) -> int:
    """Links "[text](" on the line with no ")" after their "(": what the reader sees as links never closed."""
    count, closes = 0, 0
    for char_at in range(len(line) - 1, -1, -1):
        char = line[char_at]
        if char == ")":
            closes += 1
        elif char == "(" and char_at and line[char_at - 1] == "]":
            if closes:
                closes -= 1
            else:
                count += 1
    return count


def _inline_refusal(texts: list[_Text], blocks: list[tuple[int, int, int, str]]) -> Refusal:
    """Name the block that costs most: a paragraph, a list item or row, or a whole list or table of many."""
    work: Counter[int] = Counter()
    for text in texts:
        work[text.block] += text.work
    block = max(work, key=work.__getitem__)
    inside = [text for text in texts if text.block == block]
    worst = max(inside, key=lambda text: text.work)
    kind = blocks[block][3]
    if len(inside) == 1 or worst.work * 2 > work[block]:
        shown = [worst]
        noun = {"list": "cet élément de liste", "table": "cette ligne de tableau"}.get(kind, "ce paragraphe")
        where = noun
    else:
        shown = inside
        noun = "cette liste" if kind == "list" else "ce tableau"
        where = (
            f"{noun} de {len(inside) - (0 if kind == 'list' else 2)} {'éléments' if kind == 'list' else 'lignes'} "
            f"(jusqu'à {worst.count} signes par {'élément' if kind == 'list' else 'ligne'})"
        )
    signs: Counter[str] = Counter()
    for text in shown:
        signs.update(text.signs)
    unclosed = sum(text.unclosed for text in shown)
    line = worst.first if shown is not inside else blocks[block][0]
    spread = len(work) > 1 and work[block] * 2 <= sum(work.values())
    after = " (avec les autres passages chargés de la page)." if spread else "."
    cut = "Séparez ce texte en paragraphes plus courts par des lignes vides"
    wiki_cut = "Séparez ce passage en paragraphes plus courts (une ligne vide entre eux) ou en liste"
    costs = {
        "signs": sum(text.sign_work for text in shown),
        "copies": sum(text.copy_work for text in shown),
        "quoted": sum(text.quoted_work for text in shown),
    }
    # (links read to the end are "[" too: named as such once they weigh half as much as the signs)
    if costs["quoted"] * 2 >= costs["signs"] and costs["quoted"] >= costs["copies"]:
        quoted = sum(text.quoted for text in shown)
        what = (
            f"{where} compte {quoted} liens dont l'adresse contient une apostrophe ou un guillemet, ou ne se "
            f"ferme pas sur sa ligne, que Python-Markdown lit chacun jusqu'à la fin du texte : {_TOO_SLOW}{after}"
        )
        fix = (
            "Dans une adresse, écrivez %27 pour une apostrophe et %22 pour un guillemet, ou " + cut[0].lower() + cut[1:]
        )
        return Refusal(line, what, fix + ".", wiki_cut + ".")
    if max(costs, key=costs.__getitem__) == "copies":
        matches = sum(text.matches for text in shown)
        length = sum(text.length for text in shown)
        what = (
            f"{where} compte environ {matches} marques (échappements « \\ », extraits de code « ` », entités « & », "
            f"liens, mises en forme…) sur {length} caractères, et chacune recopie tout le texte : {_TOO_SLOW}{after}"
        )
        return Refusal(line, what, cut + " ou retirez les marques en trop.", wiki_cut + ".")
    main = max(_SIGNS, key=lambda sign: signs[sign])
    present = sorted((sign for sign in _SIGNS if signs[sign]), key=lambda sign: -signs[sign])
    if len(present) == 1:
        what = f"{where} compte {signs.total()} {_SIGNS[main]}"
    else:
        what = f"{where} compte {signs.total()} signes qui ouvrent un lien, une balise ou une mise en forme (" + (
            ", ".join(f"{signs[sign]} {_SHORT[sign]}" for sign in present) + ")"
        )
    if unclosed:
        what += f" ; {unclosed} liens « [texte]( » n'ont pas de parenthèse fermante"
    closed = sum(text.closed for text in shown)
    if closed and signs["["]:
        what += f", et chaque « [ » qui n'ouvre rien relit les {closed} liens complets qui le suivent"
    what += f" : {_TOO_SLOW}{after}"
    if shown is inside and len(inside) > 1:
        fix = (
            f"Répartissez {noun} sur plusieurs pages ou mettez moins de ces signes dans chaque "
            f"{'élément' if kind == 'list' else 'ligne'}"
        )
        wiki_fix = fix
    else:
        fix = cut + ", retirez les signes en trop"
        wiki_fix = wiki_cut
    fix += f" ; écrivez {_ALONE[main]}." + (" Un lien s'écrit [texte](adresse), parenthèse fermée." if unclosed else "")
    return Refusal(line, what, fix, wiki_fix + ".")


def _line_by_line(body: str) -> list[Refusal]:
    """refused, reading every line (the rule itself; refused skips it for a page far from the limits)."""
    found = []
    lines = _outside_fences(body)
    for number, line in lines:
        prefix = _PREFIX.match(line).group(0)  # type: ignore[union-attr]
        depth = prefix.count(">") + len(prefix.replace(">", "").expandtabs(4)) // 4
        if depth > MAX_NESTING:
            found.append(
                Refusal(
                    number,
                    f"le texte est imbriqué sur {depth} niveaux (listes, citations « > », retraits) ; au-delà de "
                    f"{MAX_NESTING}, la page ne peut pas être construite.",
                    "Réduisez l'imbrication.",
                    "Réduisez l'imbrication des listes (* ** ***, # ## ###) ou des retraits (: :: :::).",
                )
            )
            break
    blocks: list[tuple[int, int, int, str]] = []  # (first line, lines, cuts, kind): lines between blank lines
    texts: list[_Text] = []  # what Python-Markdown reads inline at once
    previous, kind, block_first = -2, "", ""
    for number, line in lines:
        if not line.strip():
            previous = -2
            continue
        if number != previous + 1:  # after a blank line or a fenced block
            kind, block_first = ("list" if _ITEM.match(line) else ""), line
            blocks.append((number, 0, 0, kind))
            texts.append(_Text(number, len(blocks) - 1))
        elif kind == "table" or (kind == "list" and _ITEM.match(line)):
            texts.append(_Text(number, len(blocks) - 1))
        elif blocks[-1][1] == 1 and "|" in block_first and "-" in line and _TABLE_RULE.match(line):
            kind = "table"
            blocks[-1] = (*blocks[-1][:3], kind)
            texts.append(_Text(number, len(blocks) - 1))
        first, length, cuts, _ = blocks[-1]
        blocks[-1] = (first, length + 1, cuts + (1 if _CUT.match(line) else 0), kind)
        signs, closed, quoted = _signs(line)
        texts[-1].signs.update(signs)
        texts[-1].closed += closed
        texts[-1].quoted += quoted
        texts[-1].marks += _marks(line)
        texts[-1].length += len(line) + 1
        if "](" in line:
            texts[-1].unclosed += _unclosed_links(line)
        previous = number
    if sum(text.work for text in texts) > MAX_INLINE_WORK:
        found.append(_inline_refusal(texts, blocks))
    parts = 0
    for text in texts:
        parts += text.parts
        if parts > MAX_PAGE_PARTS:
            total = sum(text.parts for text in texts)
            found.append(
                Refusal(
                    text.first,
                    f"la page compte l'équivalent de {total} paragraphes, éléments de liste, cellules, liens, mises en "
                    f"forme, extraits de code et autres marques ({CHARACTERS_PER_PART} caractères de texte comptent "
                    f"pour un), et passe les {MAX_PAGE_PARTS} à cette ligne : la construction du site y passerait "
                    "plus d'une seconde.",
                    "Répartissez ce contenu sur plusieurs pages.",
                    "Répartissez ce contenu sur plusieurs pages.",
                )
            )
            break
    if sum(length * cuts for _, length, cuts, _ in blocks) > MAX_LINES_WORK:
        first, length, _, _ = max(blocks, key=lambda block: block[1] * block[2])
        found.append(
            Refusal(
                first,
                f"ce bloc compte {length} lignes sans ligne vide : la construction du site y passerait trop de temps.",
                "Séparez les titres, les paragraphes, les définitions et les encadrés par des lignes vides.",
                "Séparez les titres, les paragraphes et les définitions (; :) par des lignes vides.",
            )
        )
    calls: Counter[str] = Counter()
    first_call = -1
    for number, line in lines:
        if "[^" in line:
            found_here = _NOTE.findall(_unescaped(line))
            calls.update(found_here)
            first_call = number if first_call < 0 and found_here else first_call
    if sum(count * count for count in calls.values()) + len(calls) ** 2 // 4 > MAX_NOTES_WORK:
        found.append(
            Refusal(
                first_call,
                f"la page compte {calls.total()} appels de notes « [^…] » ({len(calls)} note{'s' if len(calls) > 1 else ''}) : la construction "
                "du site y passerait trop de temps.",
                "Gardez les notes utiles, appelez chacune une fois, ou écrivez \\[^ pour un crochet seul.",
                "Gardez les notes (<ref>) utiles, ou répartissez la page sur plusieurs pages.",
            )
        )
    unended = _unended_tags(lines)
    if unended is not None:
        found.append(
            Refusal(
                unended,
                "à partir de cette ligne, des balises HTML « <… » ne sont fermées par aucun « > » : chacune est "
                f"relue jusqu'à la fin de la page, et {_TOO_SLOW}.",
                "Fermez chaque balise par « > », ou écrivez &lt; pour un chevron seul (\\< ne suffit pas ici).",
                "Fermez chaque balise par « > », ou écrivez &lt; pour un chevron seul.",
            )
        )
    abbreviations = [number for number, line in lines if _ABBREVIATION.match(line)]
    if len(abbreviations) * len(body) > MAX_ABBREVIATIONS_WORK:
        found.append(
            Refusal(
                abbreviations[0],
                f"la page définit {len(abbreviations)} abréviations « *[…]: » : la construction du site les "
                "chercherait chacune dans toute la page trop longtemps.",
                "Gardez les abréviations utiles.",
                "Gardez les abréviations utiles.",
            )
        )
    return found


_TAG_START = re.compile(r"<[a-zA-Z]")


def _unended_tags(lines: list[tuple[int, str]]) -> int | None:
    """The 0-based line of the first tag that nothing ends, when the characters read from such tags to the
    page's end go past MAX_TAG_READ; None otherwise. Each tag is read by Python-Markdown's own pattern,
    within TAG_WINDOW characters: the counting stops as soon as the limit is passed."""
    from markdown.htmlparser import htmlparser  # the build's reader of tags; loaded only for such pages

    read_tag = htmlparser.locatestarttagend_tolerant
    text = "\n".join(line for _, line in lines)
    total, first = 0, -1
    for found in _TAG_START.finditer(text):
        start = found.start()
        window = min(len(text), start + TAG_WINDOW)
        read = read_tag.match(text, start, window)
        end = read.end() if read is not None else start
        if end < window and (text[end] == ">" or text.startswith("/>", end)):
            continue  # ended: read up to its ">"
        first = start if first < 0 else first
        total += len(text) - start
        if total > MAX_TAG_READ:
            return lines[text.count("\n", 0, first)][0]
    return None
