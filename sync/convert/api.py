# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The two public conversions: a whole Markdown file ↔ a whole wiki page."""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Callable
from typing import Any, TypeVar, cast

from commons import markdown_limits
from sync.convert.escape import CONTROLS, md_html_is_allowed, replace_controls
from sync.convert.frontmatter import (
    Page,
    WikiData,
    merge_template,
    new_front_matter,
    read_wiki_data,
    replace_wiki_key,
    split_page,
    template_text,
)
from sync.convert.mdblocks import default_title, markdown_footnotes, markdown_segments
from sync.convert.mdcheck import check_page
from sync.convert.mdinline import wiki_link
from sync.convert.segments import Seg, merge
from sync.convert.selective import pull_changed, push_changed
from sync.convert.verify import checked
from sync.convert.wikiblocks import WikiParser
from sync.convert.wikiinline import file_key
from sync.convert.wikilines import page_tokens, tangled_at
from sync.convert.wikitables import merge_row
from sync.errors import ConversionError
from sync.sitemap import SiteMap

# a category link alone on its line
_CATEGORY_LINE = re.compile(r"\[\[[ \t]*(?:cat[ée]gor(?:ie|y))[ \t]*:[^\[\]\n]*\]\][ \t]*", re.I)
_LOCAL_IMAGE = re.compile(r"!\[[^\]]*\]\(<?([^)\s>]+)")


# A page nesting hundreds of templates, links, lists or quotes in one another (`{{{{{{…`, `>>>>…`):
# anyone can write one, and the parsers (ours, mwparserfromhell's, Python-Markdown's) recurse once
# per level.
TOO_DEEP = (
    "la page imbrique trop de modèles, de liens ou de listes les uns dans les autres pour être convertie "
    "(plusieurs centaines de niveaux) : rien n'a été écrit pour elle. Simplifiez-la, puis relancez."
)
# A page full of openings never closed (`{{a|`, `<b x`, `[[a|`… by the thousand): mwparserfromhell's
# tokenizer tries each one to the end of the page, a time that grows with the square of its length.
TOO_TANGLED = (
    "la page ouvre trop de modèles, de liens ou de balises sans jamais les fermer ({{, [[, [, <balise, <!--, {|) "
    "pour être lue en un temps raisonnable : rien n'a été écrit pour elle. La première ouverture sans fermeture "
    "est à cette ligne : fermez ces ouvertures ou retirez-les sur le wiki, puis relancez."
)
_Convert = TypeVar("_Convert", bound=Callable[..., str])


def _not_too_deep(convert: _Convert) -> _Convert:
    """A conversion that raises ConversionError (TOO_DEEP), never RecursionError, whoever calls it.

    The cyclic garbage collector is paused meanwhile: run near the recursion limit, it would call
    the finalizers of unrelated objects (temporary files, weak references) on an exhausted stack,
    and Python would print their RecursionError to stderr as an English traceback."""

    @functools.wraps(convert)
    def guarded(*args: Any, **kwargs: Any) -> str:
        collecting = gc.isenabled()
        gc.disable()
        try:
            return convert(*args, **kwargs)
        except RecursionError:
            raise ConversionError(TOO_DEEP, title=kwargs.get("title") or None) from None
        finally:
            if collecting:
                gc.enable()

    return cast(_Convert, guarded)


@_not_too_deep
def markdown_to_wikitext(page_text: str, *, path: str, site: SiteMap, base: str | None = None) -> str:
    """A Markdown page (front matter + body) → the wikitext of its wiki page.

    `path` is the page's path inside docs/ (to resolve relative links). `base`
    is the wikitext last synced for this page: every piece whose Markdown did
    not change since then is written back exactly as it was in `base`.
    Raises ConversionError (path, line) when something would be lost.
    """
    memo: dict[tuple[str, bool], str] = {}
    segs, data, page = _markdown_pieces(page_text, path=path, site=site, memo=memo)
    _check_pieces(segs, page, path=path, site=site)
    fresh = _fresh_wikitext(segs, data)
    if base is None:
        return fresh
    if fresh == base.rstrip():  # nothing to merge: the page is written as the wiki has it
        return base

    def convert(text: str) -> tuple[list[Seg], object]:
        return wiki_segments(text, site=site, title="", path=path, memo=memo)

    changed = None if CONTROLS.search(base) else _selective_push(segs, data, base, convert)
    if changed is not None:
        result, first = changed
    else:
        old, old_data = wiki_segments(base, site=site, title="", path=path, memo=memo)
        same_categories = old_data.categories == data.categories
        if data.categories and not same_categories:
            segs.extend(_category_segments(data))
        keep = frozenset({"cat", "lead"}) if same_categories else frozenset({"lead"})
        result, first = "".join(merge(old, segs, forward=True, keep=keep, refine=_refine)), old
    result = _after_template(_after_categories(result, base).rstrip(), first, base)
    return base if result == base.rstrip() else result


def _selective_push(
    segs: list[Seg], data: WikiData, base: str, convert: Callable[[str], tuple[list[Seg], object]]
) -> tuple[str, list[Seg]] | None:
    try:
        return push_changed(_with_categories(segs, data), base, convert, _refine)
    except ConversionError:
        return None  # the whole conversion says where


def _selective_pull(
    local: list[Seg], wikitext: str, convert: Callable[[str], tuple[list[Seg], object]]
) -> tuple[str, object | None] | None:
    try:
        return pull_changed(local, wikitext, convert)
    except ConversionError:
        return None  # the whole conversion says where


def _category_segments(data: WikiData) -> list[Seg]:
    return [Seg("cat", "", f"[[Catégorie:{c}]]\n", fk=("cat", (c,))) for c in data.categories]


def _with_categories(segs: list[Seg], data: WikiData) -> list[Seg]:
    """The pieces of a page written afresh, its categories last, as `_fresh_wikitext` writes them."""
    if not data.categories:
        return segs
    out = list(segs)
    if out and out[-1].kind != "blank":
        out.append(Seg("blank", "", "\n"))
    return out + _category_segments(data)


def _markdown_pieces(
    page_text: str, *, path: str, site: SiteMap, memo: dict[tuple[str, bool], str]
) -> tuple[list[Seg], WikiData, Page]:
    """The segments of a Markdown page (its page template first), its `wiki:` data, the page."""
    page = split_page(replace_controls(page_text), path=path)
    data = read_wiki_data(page, path=path)
    too_costly = markdown_limits.refusals(page.body)  # the build's limits: our reader and Python-Markdown's
    if too_costly:  # would take minutes on such a page (see commons/markdown_limits.py)
        at, why = too_costly[0]
        raise ConversionError(why, path=path, line=page.body_line + at + 1)
    segs = markdown_segments(page.body, site=site, path=path, line_offset=page.body_line, memo=memo)
    if data.template:
        # The body is apart from the front matter: a blank line keeps its first paragraph from
        # continuing what the template shows on the wiki (as `_after_template` does with a base).
        template = Seg(
            "tpl",
            "",
            template_text(data) + ("\n" if segs else ""),
            fk=("tpl", data.template, tuple(data.params.items())),
            extra={"template": data.template, "params": data.params},
        )
        segs = [template, *segs]
    return segs, data, page


def _check_pieces(segs: list[Seg], page: Page, *, path: str, site: SiteMap, always: bool = False) -> None:
    """mdcheck.check_page on a page's pieces (its page template aside), with this site's links:
    raises ConversionError when the wiki would not show something the site shows. `always` runs
    the full check even on a page the fast path would skip."""
    check_page(
        page.body,
        [s for s in segs if s.kind != "tpl"],
        path=path,
        line_offset=page.body_line,
        link=lambda url: wiki_link(url, site=site, path=path),
        default_title=default_title,
        always=always,
        wiki_files=site.wiki_pages_url + "Special:FilePath/",
    )


def _fresh_wikitext(segs: list[Seg], data: WikiData) -> str:
    """The wikitext of a page written afresh (no base): its pieces, then its categories."""
    return "".join(s.wiki for s in _with_categories(segs, data)).rstrip()


def _after_template(result: str, old: list[Seg], base: str) -> str:
    """A line written afresh just after the page template starts a new paragraph.

    On the wiki, text on the line after `}}` may continue what the template shows (when it
    shows inline text): a paragraph added in Markdown after the front matter must not join it.
    """
    if not old or old[0].kind != "tpl" or old[0].wiki.endswith("\n\n"):
        return result
    template = old[0].wiki
    base = base if base.endswith("\n") else base + "\n"
    if not result.startswith(template) or not base.startswith(template):
        return result
    following = result[len(template) :].split("\n", 1)[0]
    if following.strip() and following != base[len(template) :].split("\n", 1)[0]:
        return template + "\n" + result[len(template) :]
    return result


def _after_categories(result: str, base: str) -> str:
    """Blocks added at the end of a page whose body ends with a template go after its categories.

    What a template shows may end with line breaks, which the converter cannot see: a blank line
    after it may then make an empty paragraph or a `<br />`. MediaWiki removes the whitespace
    before a category link, so after the categories the new blocks start a paragraph of their own,
    as if typed at the end of the page on the wiki.
    """
    if not base.rstrip().endswith("]]"):
        return result
    lines = base.rstrip("\n").split("\n")
    first = len(lines)  # the first of the category lines that end the page (walked back line by line)
    while first and _CATEGORY_LINE.fullmatch(lines[first - 1]):
        first -= 1
    if first in (0, len(lines)):
        return result
    body, categories = "".join(line + "\n" for line in lines[:first]), "\n".join(lines[first:])
    last_block = body.rstrip("\n").rsplit("\n\n", 1)[-1]
    text = result.rstrip("\n")
    if "{{" not in last_block or len(text) <= len(body) + len(categories):
        return result
    if not (text.startswith(body) and text.endswith(categories)):
        return result
    added = text[len(body) : len(text) - len(categories)].strip("\n")
    return body + categories + "\n\n" + added if added else result


def _refine(old: Seg, new: Seg) -> str | None:
    """One piece replaced by one: keep the wiki's layout for what did not change in it."""
    if old.kind == "tpl" and new.kind == "tpl":
        params = new.extra.get("params")
        if isinstance(params, dict):
            return merge_template(old.wiki, str(new.extra.get("template")), params)
        return None
    return merge_row(old, new)


def wiki_segments(
    wikitext: str,
    *,
    site: SiteMap,
    title: str,
    path: str,
    images: dict[str, str] | None = None,
    preferred_notes: dict[str, list[str]] | None = None,
    memo: dict[tuple[str, bool], str] | None = None,
) -> tuple[list[Seg], WikiData]:
    """Segments of a wiki page (checked: see verify.py) and what goes to its front matter.

    A push checks the base too: its pieces align with the pulled Markdown only when they are cut
    the way the pull cut them.
    """
    text = wikitext if wikitext.endswith("\n") else wikitext + "\n"
    bad = CONTROLS.search(text)
    if bad:  # MediaWiki shows them as U+FFFD in text but drops some in links: no faithful Markdown
        raise ConversionError(
            f"caractère de contrôle U+{ord(bad.group(0)):04X} dans le wikitexte : retirez-le sur le wiki "
            "(il s'affiche « \ufffd ») puis relancez.",
            path=path or None,
            title=title or None,
            line=text.count("\n", 0, bad.start()) + 1,
        )
    first = tangled_at(text)
    if first is not None:
        raise ConversionError(TOO_TANGLED, path=path or None, title=title or None, line=text.count("\n", 0, first) + 1)
    toks = page_tokens(text)  # read once for the checks' passes (see verify.py)
    parser = WikiParser(site, path, images or {}, site.admonition)

    def build(raw: frozenset[int]) -> tuple[list[Seg], list[int]]:
        nonlocal parser
        parser = WikiParser(site, path, images or {}, site.admonition)
        parser.inline.notes.preferred = {k: list(v) for k, v in (preferred_notes or {}).items()}
        return parser.page(text, raw, toks), parser.starts

    segs = checked(build, site=site, path=path, memo=memo)
    _check_html(segs, path)
    meta = parser.data
    return segs, WikiData(meta.template, meta.params, meta.categories)


def _check_html(segs: list[Seg], path: str) -> None:
    """The last check of a pull: no HTML but the allowed one reaches the site (see escape.py).

    Every converter path already writes only that; this refuses the page rather than publish
    anything else should one of them ever fail to.
    """
    line = 1
    for seg in segs:
        if seg.kind not in ("raw", "code") and not md_html_is_allowed(seg.md):
            raise ConversionError(
                "HTML inattendu dans le texte venu du wiki : la page n'est pas convertie, par sécurité ; "
                "signalez-le (et mettez ce passage dans un bloc ```wikitext si vous en avez besoin).",
                path=path or None,
                line=line,
            )
        line += seg.wiki.count("\n")


@_not_too_deep
def wikitext_to_markdown(
    wikitext: str, *, title: str, site: SiteMap, local: str | None = None, path: str | None = None
) -> str:
    """A wiki page → a whole Markdown file.

    With `local` (the current file text), its front matter is kept except the
    `wiki:` key, and every piece whose wikitext did not change keeps its
    Markdown exactly as written locally (wrapping, list markers…). Without it,
    a minimal front matter is written (title, movilab, wiki). `path` (inside
    docs/) locates the page for relative links; by default it is looked up
    from `title` in the site map.
    """
    where = path or site.path_for_title(title) or ""
    memo: dict[tuple[str, bool], str] = {}
    wikitext = wikitext.rstrip()  # MediaWiki trims the end of a page when it saves it
    if local is None:
        segs, data = wiki_segments(wikitext, site=site, title=title, path=where, memo=memo)
        body = "".join(s.md for s in segs)
        front = new_front_matter(title, data)
        lead = "\n"
    else:
        old, local_data, page = _markdown_pieces(local, path=where, site=site, memo=memo)
        if _fresh_wikitext(old, local_data) == wikitext.rstrip():  # unchanged on the wiki: nothing to write
            return local
        images: dict[str, str] = {}
        for src in _LOCAL_IMAGE.findall(page.body):
            images.setdefault(file_key(src), src)

        def convert(text: str) -> tuple[list[Seg], object]:
            return wiki_segments(text, site=site, title=title, path=where, images=images, memo=memo)

        changed = (
            None if CONTROLS.search(wikitext) else _selective_pull(_with_categories(old, local_data), wikitext, convert)
        )
        if changed is not None:
            body, first = changed
            data = local_data
            if isinstance(first, WikiData):  # the first chunk changed: its page template is the wiki's
                data = WikiData(first.template, first.params, local_data.categories)
        else:
            preferred: dict[str, list[str]] = {}
            for label, text in markdown_footnotes(page.body, site=site, path=where).items():
                if label.isdigit():
                    preferred.setdefault(text, []).append(label)
            segs, data = wiki_segments(
                wikitext, site=site, title=title, path=where, images=images, preferred_notes=preferred, memo=memo
            )
            body = "".join(merge([s for s in old if s.kind != "tpl"], segs, forward=False))
        front = replace_wiki_key(page, data, path=where)
        lead = page.lead
    body = body.lstrip("\n")
    if body and not body.endswith("\n"):
        body += "\n"
    return front + (lead if body else "") + body
