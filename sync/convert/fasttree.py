# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""mwparserfromhell's tree, built faster from its C tokenizer's tokens.

Why: the library's tree builder is pure Python and was a fifth of a pull's time. Each node it
makes goes through property setters that call `parse_anything` (which imports three modules per
call) and each token field is read through `Token.__getattr__`. This builder walks the same tokens
the same way but fills the nodes' fields directly, for the node types a page is made of (text,
tags, links, headings, templates, comments); the rarer ones (entities, attributes, parameters,
arguments) still go through the library's own handlers. The trees are the same objects with the
same fields: tests/convert/test_speed_equivalence.py compares both builders node by node on
varied wikitext, and bench/convert_same.py compares every conversion output.

Tied to mwparserfromhell's private fields: it is used only with the version it was written for
(`BUILT_FOR`, the one requirements.txt pins); wikilines.parse_page falls back to the library's
builder on any other, and a test fails when the pin and `BUILT_FOR` part.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mwparserfromhell.nodes import Comment, ExternalLink, Heading, Node, Tag, Template, Text, Wikilink
from mwparserfromhell.nodes.extras import Attribute
from mwparserfromhell.parser import tokens
from mwparserfromhell.parser.builder import Builder
from mwparserfromhell.parser.errors import ParserError
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode

BUILT_FOR = "0.7.2"  # the mwparserfromhell whose private fields this module fills
_new = object.__new__
_LIST_MARKS = frozenset(("*", "#", ":", ";"))


def text_node(value: Any) -> Text:
    """`Text(value)` without its setter (what a split of a Text node makes, many times a page)."""
    node: Any = _new(Text)
    node._value = value if type(value) is str else str(value)
    return node


def _code(nodes: list[Node]) -> Wikicode:
    code: Any = _new(Wikicode)
    code._nodes = SmartList(nodes)
    return code


class FastBuilder(Builder):  # type: ignore[misc]
    """Builder with direct construction of the common nodes (same tree as `Builder`)."""

    def __init__(self, list_mark: str | None = None) -> None:
        super().__init__()
        # top-level list markers (`*`, `#`, `:`, `;` at a line start) become a Text node holding
        # this character then the marker, instead of a Tag (see wikilines.parse_page)
        self.list_mark = list_mark

    def _pop(self) -> Wikicode:
        return _code(self._stacks.pop())

    def _handle_token(self, token: Any) -> Any:
        handler = _FAST.get(type(token))
        if handler is None:
            return super()._handle_token(token)
        return handler(self, token)

    def build(self, tokenlist: list[Any]) -> Wikicode:
        toks = self._tokens = tokenlist
        toks.reverse()
        self._stacks = []
        self._push()
        out = self._stacks[-1]
        mark = self.list_mark
        handle = self._handle_token
        text_kind = tokens.Text
        while toks:
            token = toks.pop()
            kind = type(token)
            if kind is text_kind:  # most tokens: text_node inlined
                node: Any = _new(Text)
                value = token.get("text")
                node._value = value if type(value) is str else str(value)
                out.append(node)
                continue
            if (
                mark is not None
                and kind is tokens.TagOpenOpen
                and token.get("wiki_markup") in _LIST_MARKS
                and len(toks) >= 2
                and type(toks[-2]) is tokens.TagCloseSelfclose
            ):
                toks.pop()
                toks.pop()
                out.append(text_node(mark + token["wiki_markup"]))
                continue
            out.append(handle(token))
        return self._pop()

    # -- handlers (same token walk as Builder's, direct node construction) ---------------------------
    def _fast_text(self, token: Any) -> Text:
        return text_node(token.get("text"))

    def _fast_wikilink(self, token: Any) -> Wikilink:
        title = None
        self._push()
        toks = self._tokens
        while toks:
            token = toks.pop()
            kind = type(token)
            if kind is tokens.WikilinkSeparator:
                title = self._pop()
                self._push()
            elif kind is tokens.WikilinkClose:
                node: Any = _new(Wikilink)
                if title is not None:
                    node._title = title
                    node._text = self._pop()
                else:
                    node._title = self._pop()
                    node._text = None
                return node  # type: ignore[no-any-return]
            else:
                self._stacks[-1].append(self._handle_token(token))
        raise ParserError("_handle_wikilink() missed a close token")

    def _fast_external_link(self, token: Any) -> ExternalLink:
        brackets, url, suppress_space = token.get("brackets"), None, None
        self._push()
        toks = self._tokens
        while toks:
            token = toks.pop()
            kind = type(token)
            if kind is tokens.ExternalLinkSeparator:
                url = self._pop()
                suppress_space = token.get("suppress_space")
                self._push()
            elif kind is tokens.ExternalLinkClose:
                node: Any = _new(ExternalLink)
                if url is not None:
                    node._url = url
                    node._title = self._pop()
                else:
                    node._url = self._pop()
                    node._title = None
                node._brackets = bool(brackets)
                node.suppress_space = suppress_space is True
                return node  # type: ignore[no-any-return]
            else:
                self._stacks[-1].append(self._handle_token(token))
        raise ParserError("_handle_external_link() missed a close token")

    def _fast_heading(self, token: Any) -> Heading:
        level = token.get("level")
        self._push()
        toks = self._tokens
        while toks:
            token = toks.pop()
            if type(token) is tokens.HeadingEnd:
                title = self._pop()
                if type(level) is not int or not 1 <= level <= 6:
                    return Heading(title, level)  # the library's own check and error
                node: Any = _new(Heading)
                node._title = title
                node._level = level
                return node  # type: ignore[no-any-return]
            self._stacks[-1].append(self._handle_token(token))
        raise ParserError("_handle_heading() missed a close token")

    def _fast_comment(self, token: Any) -> Comment:
        self._push()
        toks = self._tokens
        while toks:
            token = toks.pop()
            if type(token) is tokens.CommentEnd:
                node: Any = _new(Comment)
                node._contents = str(self._pop())
                return node  # type: ignore[no-any-return]
            self._stacks[-1].append(self._handle_token(token))
        raise ParserError("_handle_comment() missed a close token")

    def _fast_template(self, token: Any) -> Template:
        name = None
        params: list[Any] = []
        default = 1
        self._push()
        toks = self._tokens
        while toks:
            token = toks.pop()
            kind = type(token)
            if kind is tokens.TemplateParamSeparator:
                if not params:
                    name = self._pop()
                param = self._handle_parameter(default)
                params.append(param)
                if not param.showkey:
                    default += 1
            elif kind is tokens.TemplateClose:
                if not params:
                    name = self._pop()
                node: Any = _new(Template)
                node._name = name
                node._params = params
                return node  # type: ignore[no-any-return]
            else:
                self._stacks[-1].append(self._handle_token(token))
        raise ParserError("_handle_template() missed a close token")

    def _handle_attribute(self, start: Any) -> Attribute:
        name = quotes = None
        self._push()
        toks = self._tokens
        while toks:
            token = toks.pop()
            kind = type(token)
            if kind is tokens.TagAttrEquals:
                name = self._pop()
                self._push()
            elif kind is tokens.TagAttrQuote:
                quotes = token.get("char")
            elif kind is tokens.TagAttrStart or kind is tokens.TagCloseOpen or kind is tokens.TagCloseSelfclose:
                toks.append(token)
                if name:
                    value = self._pop()
                else:
                    name, value = self._pop(), None
                pads = (start.get("pad_first"), start.get("pad_before_eq"), start.get("pad_after_eq"))
                if (
                    (value is not None and quotes not in ('"', "'"))
                    or (quotes is not None and value is None)
                    or not all(pad is None or (type(pad) is str and (not pad or pad.isspace())) for pad in pads)
                ):
                    return Attribute(name, value, quotes, *pads)  # the library's own checks
                node: Any = _new(Attribute)
                node._name = name
                node._value = value
                node._quotes = quotes
                node._pad_first, node._pad_before_eq, node._pad_after_eq = (pad or "" for pad in pads)
                return node  # type: ignore[no-any-return]
            else:
                self._stacks[-1].append(self._handle_token(token))
        raise ParserError("_handle_attribute() missed a close token")

    def _fast_tag(self, token: Any) -> Tag:
        tag = None
        padding = None
        implicit, attrs, contents, closing_tag = False, [], None, None
        wiki_markup, invalid = token.get("wiki_markup"), token.get("invalid") or False
        wiki_style_separator, closing_wiki_markup = None, wiki_markup
        self._push()
        toks = self._tokens
        while toks:
            token = toks.pop()
            kind = type(token)
            if kind is tokens.TagAttrStart:
                attrs.append(self._handle_attribute(token))
            elif kind is tokens.TagCloseOpen:
                wiki_style_separator = token.get("wiki_markup")
                padding = token.get("padding") or ""
                tag = self._pop()
                self._push()
            elif kind is tokens.TagOpenClose:
                closing_wiki_markup = token.get("wiki_markup")
                contents = self._pop()
                self._push()
            elif kind is tokens.TagCloseSelfclose or kind is tokens.TagCloseClose:
                if kind is tokens.TagCloseSelfclose:
                    closing_wiki_markup = token.get("wiki_markup")
                    tag = self._pop()
                    self_closing = True
                    padding = token.get("padding") or ""
                    implicit = token.get("implicit") or False
                else:
                    self_closing = False
                    closing_tag = self._pop()
                if tag is None or padding is None:
                    raise AssertionError  # as Builder's own asserts
                if padding and not (type(padding) is str and padding.isspace()):
                    return Tag(  # the library's own check and error
                        tag,
                        contents,
                        attrs,
                        wiki_markup,
                        self_closing,
                        invalid,
                        implicit,
                        padding,
                        closing_tag,
                        wiki_style_separator,
                        closing_wiki_markup,
                    )
                node: Any = _new(Tag)
                node._attrs = attrs if attrs else []
                node._tag = tag
                node._contents = contents if contents is not None else _code([])
                markup = str(wiki_markup) if wiki_markup else None
                node._wiki_markup = markup
                node._closing_wiki_markup = markup
                node._self_closing = bool(self_closing)
                node._invalid = bool(invalid)
                node._implicit = bool(implicit)
                node._padding = padding
                node._closing_tag = closing_tag if closing_tag is not None else tag
                node._wiki_style_separator = str(wiki_style_separator) if wiki_style_separator else None
                if closing_wiki_markup is not None:
                    node._closing_wiki_markup = str(closing_wiki_markup) if closing_wiki_markup else None
                return node  # type: ignore[no-any-return]
            else:
                self._stacks[-1].append(self._handle_token(token))
        raise ParserError("_handle_tag() missed a close token")


_FAST: dict[type, Callable[[FastBuilder, Any], Any]] = {
    tokens.Text: FastBuilder._fast_text,
    tokens.WikilinkOpen: FastBuilder._fast_wikilink,
    tokens.ExternalLinkOpen: FastBuilder._fast_external_link,
    tokens.HeadingStart: FastBuilder._fast_heading,
    tokens.CommentStart: FastBuilder._fast_comment,
    tokens.TemplateOpen: FastBuilder._fast_template,
    tokens.TagOpenOpen: FastBuilder._fast_tag,
}
