# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What the theme and its plugins receive of a page's front matter.

MkDocs hands `page.meta` to Material and to the plugins, which print some of
it as HTML without escaping: the title in `<title>`, the header and every
page's navigation, the description in a `<meta>` attribute, the subtitle and
the tags; `status` becomes a CSS class, `icon` and `template` name files to
include, `hide` and `search` are read as lists and mappings. A member's
header is none of those things until checked, so the theme receives only this
allow-list, built after validation:

- the fields of the page's section schema that passed validation;
- Material's own keys, in the shape Material expects (MATERIAL_CHECKS);
- the tags (thèmes, then Movilab categories), as HTML-escaped labels, since
  Material's tags plugin and the RSS feed print them as they are.

Every other key, and every field with a problem, is left out, so that a page
with `title: 12` or `hide: 12` still builds in a preview (the problem is shown
on the page) and no hook or template meets a value of the wrong type.

The title, description and subtitle stay text until every page is rendered
(the RSS plugin escapes them itself); `html_meta` then gives the theme their
HTML form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

from commons.pages import Page, Problem
from commons.text import html_text
from commons.toolbox import THEMES_KEY, page_tags

HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ICON = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+")
PRINTED_TEXT = ("title", "description", "subtitle")


def _hide(value: Any) -> str | None:
    if isinstance(value, list) and all(v in HIDE_VALUES for v in value):
        return None
    return "une liste prise parmi : " + ", ".join(HIDE_VALUES)


def _status(value: Any) -> str | None:
    if isinstance(value, str) and _WORD.fullmatch(value):
        return None
    return "un mot en minuscules, par exemple new ou deprecated"


def _icon(value: Any) -> str | None:
    if isinstance(value, str) and _ICON.fullmatch(value):
        return None
    return "le nom d'une icône du thème, par exemple material/home"


# The templates a page may be rendered with. Material ships others that are no page's: redirect.html
# sends the reader to the page's `location` (none here: the page reloads itself without end), 404.html
# shows "Page introuvable" in place of the page, blog*.html need the blog plugin. A network that adds
# a page template to overrides/ lists it here.
PAGE_TEMPLATES = ("main.html",)


def _template(value: Any) -> str | None:
    if isinstance(value, str) and value in PAGE_TEMPLATES:
        return None
    return "un gabarit de page parmi : " + ", ".join(PAGE_TEMPLATES)


def _subtitle(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "un texte non vide"


def _search(value: Any) -> str | None:
    if isinstance(value, dict) and set(value) <= {"exclude", "boost"}:
        boost = value.get("boost", 1)
        if isinstance(value.get("exclude", False), bool) and isinstance(boost, (int, float)) and boost > 0:
            return None
    return "exclude: true ou boost: 2"


def _text_list(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return None
    return "une liste de textes"


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "true ou false"


# Material's own front matter keys: what each must look like (None: fine; else what is expected).
MATERIAL_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "hide": _hide,
    "icon": _icon,
    "status": _status,
    "template": _template,
    "search": _search,
    "tags": _text_list,
    "comments": _boolean,
    "subtitle": _subtitle,
}


def theme_file_problems(page: Page, exists: Callable[[str], bool]) -> list[Problem]:
    """`icon` and `template` name files of the theme: one that does not exist would stop the build."""
    problems = []
    wanted = {"icon": ".icons/{}.svg", "template": "{}"}
    for key, pattern in wanted.items():
        value = page.meta.get(key)
        if isinstance(value, str) and MATERIAL_CHECKS[key](value) is None and not exists(pattern.format(value)):
            problems.append(
                Problem(
                    page.path, page.line_of(key), key, f"« {value} » n'existe pas dans le thème : retirez ce champ."
                )
            )
    return problems


def text_meta(page: Page, bad: Collection[str]) -> dict[str, Any]:
    """The front matter the theme and plugins receive while pages are rendered (see the module's doc).

    `page` comes from schema.validate_site (its fields passed validation);
    `bad` names the fields with a problem found later (a theme file that does
    not exist): they are left out too.
    """
    meta: dict[str, Any] = {}
    for key, value in page.meta.items():
        check = MATERIAL_CHECKS.get(key)
        if key in bad or key in (THEMES_KEY, "tags") or (check is not None and check(value) is not None):
            continue
        if key in PRINTED_TEXT and not isinstance(value, str):
            continue
        meta[key] = value
    valid = {key: value for key, value in page.meta.items() if key not in bad}
    tags = page_tags(valid)
    if tags:
        meta[THEMES_KEY] = [html_text(tag) for tag in tags]
    if _text_list(valid.get("tags")) is None:
        meta["tags"] = [html_text(tag) for tag in valid["tags"]]
    return meta


def html_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """The same front matter with the title, description and subtitle as HTML, for the theme's templates."""
    return {
        key: html_text(value) if key in PRINTED_TEXT and isinstance(value, str) else value
        for key, value in meta.items()
    }
