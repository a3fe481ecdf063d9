# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Front matter: split it off a page, read the `wiki:` key, rewrite only that key.

The front matter is edited as text, never re-dumped whole: a pull must not
reorder keys, requote dates or drop comments that people wrote by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from commons import frontmatter
from sync.errors import ConversionError


@dataclass
class Page:
    front: str  # the whole front matter block including its --- lines ("" when absent), BOM kept
    data: dict[str, Any]
    lead: str  # blank lines between the front matter and the body
    body: str
    body_line: int  # 0-based line number of the first body line in the file
    lines: dict[str, int] = field(default_factory=dict)  # 1-based file line of each key


def split_page(text: str, *, path: str) -> Page:
    """Split a page with the project's one front-matter reader; the converter works on LF line ends."""
    text = text.replace("\r\n", "\n")
    try:
        header = frontmatter.parse(text, path=path)
    except frontmatter.FrontMatterError as exc:
        raise ConversionError(f"{exc.message} Corrigez-le avant de convertir.", path=path, line=exc.line or 1) from None
    # The header block, fences included, and a byte-order mark if any: given back as it was.
    front = text[: header.split.body_start]
    rest = text[len(front) :]
    body = rest.lstrip("\n")
    lead = rest[: len(rest) - len(body)]
    return Page(front, header.data, lead, body, (front + lead).count("\n"), header.lines)


@dataclass
class WikiData:
    template: str | None
    params: dict[str, str]
    categories: list[str]

    def as_yaml_value(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.template:
            out["modele"] = self.template
            if self.params:
                out["parametres"] = dict(self.params)
        if self.categories:
            out["categories"] = list(self.categories)
        return out


def read_wiki_data(page: Page, *, path: str) -> WikiData:
    raw = page.data.get("wiki")
    line = page.lines.get("wiki", 1)
    if raw is None:
        return WikiData(None, {}, [])
    problems = []
    if not isinstance(raw, dict):
        raise ConversionError("« wiki: » doit contenir modele, parametres et/ou categories.", path=path, line=line)
    unknown = set(raw) - {"modele", "parametres", "categories"}
    if unknown:
        problems.append(f"clés inconnues sous « wiki: » : {', '.join(sorted(map(str, unknown)))}")
    template = raw.get("modele")
    if template is not None and not isinstance(template, str):
        problems.append("« wiki.modele » doit être un nom de modèle (texte)")
    params = raw.get("parametres") or {}
    if not isinstance(params, dict):
        problems.append("« wiki.parametres » doit associer des noms à des valeurs")
        params = {}
    categories = raw.get("categories") or []
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        problems.append("« wiki.categories » doit être une liste de noms de catégories")
        categories = []
    if params and not template:
        problems.append("« wiki.parametres » sans « wiki.modele »")
    if problems:
        raise ConversionError(" ; ".join(problems) + ".", path=path, line=line)
    return WikiData(template, {str(k): "" if v is None else str(v) for k, v in params.items()}, categories)


def template_text(data: WikiData) -> str:
    """Canonical template call for a page's `wiki.modele` / `wiki.parametres`.

    Every parameter is written with its name, numbers included: written bare, `|a` after `|1=…`
    would take the place of parameter 1 again, and a value holding `=` would be read as a name.
    """
    parts = "".join(f"|{key}={value}\n" for key, value in data.params.items())
    return "{{" + str(data.template) + "\n" + parts + "}}\n"


def replace_wiki_key(page: Page, data: WikiData, *, path: str = "") -> str:
    """The page's front matter with only its `wiki:` key replaced (or added / removed)."""
    new_value = data.as_yaml_value()
    old_value = page.data.get("wiki") or {}
    if _normalise(old_value) == _normalise(new_value):
        return page.front
    return frontmatter.set_key(page.front, "wiki", new_value or None, path=path)


def new_front_matter(title: str, data: WikiData) -> str:
    value: dict[str, Any] = {"title": title, "movilab": title}
    wiki = data.as_yaml_value()
    if wiki:
        value["wiki"] = wiki
    return frontmatter.render(value)


def _normalise(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return "" if value is None else str(value)


def merge_template(old_text: str, template: str, params: dict[str, str]) -> str | None:
    """The wiki's own template call with only the changed parameters rewritten (None: write it afresh).

    A page template written by hand on the wiki (one parameter per line,
    aligned `=` signs…) keeps its layout when one value changes in the front
    matter, so the wiki's history shows that one parameter.
    """
    import mwparserfromhell

    code = mwparserfromhell.parse(old_text)
    templates = [n for n in code.nodes if isinstance(n, mwparserfromhell.nodes.Template)]
    if len(templates) != 1 or str(templates[0].name).strip() != template:
        return None
    tpl = templates[0]
    for param in list(tpl.params):
        if str(param.name).strip() not in params:
            tpl.remove(param)
    for key, value in params.items():
        if tpl.has(key) and str(tpl.get(key).value).strip() == value:
            continue
        if tpl.has(key):
            old = str(tpl.get(key).value)
            lead = old[: len(old) - len(old.lstrip())]
            tail = old[len(old.rstrip()) :]
            tpl.get(key).value = lead + value + tail
        else:
            tpl.add(key, value, preserve_spacing=True)
    return str(code)
