# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Wiki blocks that contain blocks: admonitions (div or template), quotes, and <pre> code.

Part of WikiParser (see wikiblocks.py). Their content is converted from the
lines mwparserfromhell already parsed, with the Markdown indented (admonition)
or prefixed with "> " (quote); opening and closing tags are pieces of their own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import mwparserfromhell
from mwparserfromhell.nodes import Node, Tag, Template
from mwparserfromhell.wikicode import Wikicode

from sync.convert.mdblocks import default_title
from sync.convert.segments import Seg, within
from sync.convert.wikilayout import _significant, finish
from sync.convert.wikilines import LLine, _fence, logical_lines

_ADM_CLASS = re.compile(r"admonition ([\w-]+(?: (?!mw-)[\w-]+)*)( mw-collapsible( mw-collapsed)?)?")
_ADM_TITLE = re.compile(r'<p class="admonition-title">(.*)</p>\n')


class ContainerMixin:
    """Admonitions, quotes and <pre>; needs the block machinery of WikiParser."""

    admonition: str
    block: int
    blocks: Callable[..., list[Seg]]

    def conv(self, nodes: list[Node] | Wikicode, *, in_table: bool = False) -> tuple[str, int, list[str]]:
        raise NotImplementedError

    def new_block(self) -> int:
        raise NotImplementedError

    def _container(self, tag: Tag, text: str) -> str | None:
        """Inner text of a tag alone on its lines whose content starts and ends with a newline."""
        inner = str(tag.contents)
        if tag.self_closing or not inner.startswith("\n") or not inner.endswith("\n"):
            return None
        source = str(tag)
        if text.rstrip("\n") != source or str(tag.closing_tag) != str(tag.tag):
            return None
        if not source.endswith(f"\n</{tag.closing_tag}>"):
            return None
        return inner[1:]

    def _children(self, lines: list[LLine], prefix: str, blank: str) -> list[Seg]:
        """Blocks inside a container, from its already parsed lines (no second parse)."""
        saved = self.block
        children = finish(self.blocks(lines))
        within(prefix, children)
        for c in children:
            c.extra["inside"] = True
            if c.md:
                c.md = "".join(blank + "\n" if not ln.strip() else prefix + ln for ln in c.md.splitlines(True))
        self.block = max(self.block, saved)
        return children

    def admonition_div(self, tag: Tag, text: str) -> list[Seg] | None:
        attrs = tag.attributes
        if self.admonition != "div" or len(attrs) != 1 or str(attrs[0].name) != "class" or attrs[0].value is None:
            return None
        m = _ADM_CLASS.fullmatch(str(attrs[0].value))
        # A class of the theme's interface (md-dialog…) is removed by the site's allow-list, and the strict
        # build then stops: such a div stays wikitext. Imported here: the pull's start-up does not pay for nh3.
        from commons.sanitize import reserved_classes

        if m and reserved_classes(m.group(1)):
            return None
        inner = self._container(tag, text)
        if not m or inner is None or attrs[0].quotes != '"' or str(attrs[0]) != f' class="{attrs[0].value}"':
            return None
        opener = f"<div{attrs[0]}>\n"
        title_md = None
        lines = logical_lines(tag.contents)[1:]  # the first is the newline after the opening tag
        t = _ADM_TITLE.match(inner)
        if t:
            title_nodes = _significant(lines[0].nodes) if lines else []
            if len(title_nodes) != 1 or not isinstance(title_nodes[0], Tag):
                return None
            title_md, raws, _ = self.conv(title_nodes[0].contents)
            if raws or ('"' in title_md and title_md.endswith('"')) or "\n" in title_md:
                return None
            opener += t.group(0)
            inner = inner[t.end() :]
            lines = lines[1:]
        marker = "!!!" if not m.group(2) else ("???" if m.group(3) else "???+")
        if title_md is None:
            title_md = ""  # no title on the wiki: none on the site either (`!!! note ""`)
        elif title_md == default_title(m.group(1)):
            title_md = None  # the title the site gives by itself
        head = f"{marker} {m.group(1)}" + (f' "{title_md}"' if title_md is not None else "") + "\n"
        block = self.new_block()
        segs = [Seg("adm-open", head, opener, block=block)]
        children = self._children(lines, "    ", "")
        for c in children:
            c.block = block
        segs.extend(children)
        closer = text[len(opener) + len(inner) :]
        segs.append(Seg("adm-close", "", closer, block=block, fk=("adm-close", "</div>\n")))
        return segs

    def admonition_template(self, tpl: Template, text: str) -> list[Seg] | None:
        """`{{Name|type=…|titre=…|pliable=…|contenu=\n…\n}}` alone on its lines (setting extra.movilab.admonition)."""
        source = str(tpl)
        names = [str(p.name).strip() for p in tpl.params]
        if text.rstrip("\n") != source or len(set(names)) != len(names) or not names:
            return None
        if names[0] != "type" or names[-1] != "contenu" or set(names) - {"type", "titre", "pliable", "contenu"}:
            return None
        values = {str(p.name).strip(): str(p.value) for p in tpl.params}
        start = source.rfind("|contenu=\n")
        body = values["contenu"]
        if start < 0 or not body.startswith("\n") or not body.endswith("\n") or not source.endswith("\n}}"):
            return None
        types = values["type"].strip()
        if not re.fullmatch(r"[\w-]+(?: [\w-]+)*", types):
            return None
        marker = {None: "!!!", "oui": "???", "ouvert": "???+"}.get(values.get("pliable"))
        if marker is None:
            return None
        head = f"{marker} {types}"
        if "titre" in values:
            title_md, raws, _ = self.conv(mwparserfromhell.parse(values["titre"], skip_style_tags=True).nodes)
            if raws or "\n" in title_md:
                return None
            head += f' "{title_md}"'
        opener = source[: start + len("|contenu=\n")]
        inner = body[1:]
        block = self.new_block()
        segs = [Seg("adm-open", head + "\n", opener, block=block)]
        contenu = next(p.value for p in tpl.params if str(p.name).strip() == "contenu")
        children = self._children(logical_lines(contenu)[1:], "    ", "")
        for c in children:
            c.block = block
        segs.extend(children)
        segs.append(Seg("adm-close", "", text[len(opener) + len(inner) :], block=block, fk=("adm-close", "}}\n")))
        return segs

    def blockquote(self, tag: Tag, text: str) -> list[Seg] | None:
        inner = self._container(tag, text)
        if inner is None or str(tag).find(">") != len("<blockquote"):
            return None
        block = self.new_block()
        segs = [Seg("bq-open", "", "<blockquote>\n", block=block, fk=("bq-open",))]
        children = self._children(logical_lines(tag.contents)[1:], "> ", ">")
        if any(c.kind == "raw" for c in children):
            return None
        for c in children:
            c.block = block
            c.extra["quote"] = True
        segs.extend(children)
        segs.append(Seg("bq-close", "", text[len("<blockquote>\n") + len(inner) :], block=block, fk=("bq-close",)))
        return segs

    def pre(self, tag: Tag, text: str) -> list[Seg] | None:
        attrs = tag.attributes
        lang = ""
        if attrs:
            value = str(attrs[0].value or "")
            if len(attrs) != 1 or str(attrs[0].name) != "class" or not re.fullmatch(r"language-[\w+-]+", value):
                return None
            lang = value[len("language-") :]
        source = str(tag)
        inner = str(tag.contents)
        if tag.self_closing or text.rstrip("\n") != source or re.search(r"(?i)<nowiki|<!--|</?pre", inner):
            return None
        content = html.unescape(inner[1:] if inner.startswith("\n") else inner)
        if content and not content.endswith("\n"):
            content += "\n"
        fence = _fence(content)
        md = f"{fence}{lang}\n{content}{fence}\n"
        return [Seg("code", md, text, block=self.new_block())]
