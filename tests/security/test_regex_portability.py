# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The project's regular expressions mean the same on every Python it runs on.

Debian bookworm ships Python 3.11.2: it is what `./dev` installs on Debian and what a fork's CI
runs in a `debian:bookworm` image. That release has CPython gh-106052 (fixed in 3.11.5): a
possessive quantifier (`x*+`, `x++`) over a subpattern gives wrong matches. On it, the push
check's fast path refused every plain page ending with a full stop and accepted a lone `*`
unchecked. An atomic group, `(?>x*)`, means the same and has no such bug: the project writes
those. Every pattern the modules hold, and every literal pattern given to `re.*`, is read here
with Python's own parser, so a possessive repeat anywhere fails on any Python.
"""

from __future__ import annotations

import ast
import importlib
import re
import sys
from pathlib import Path

import pytest

from sync.convert.mdplain import plain_page

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("commons", "hooks", "sync", "bench", "devtools")
_parser = getattr(re, "_parser")
_constants = getattr(re, "_constants")
POSSESSIVE = _constants.POSSESSIVE_REPEAT


def _sources() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py") if p.is_file())


def _possessive(pattern: str | bytes, flags: int = 0) -> bool:
    """Whether the parsed pattern holds a possessive repeat, at any depth."""
    todo = [_parser.parse(pattern, flags)]
    while todo:
        for op, arg in todo.pop():
            if op is POSSESSIVE:
                return True
            for part in arg if isinstance(arg, (tuple, list)) else (arg,):
                if isinstance(part, _parser.SubPattern):
                    todo.append(part)
                elif isinstance(part, (tuple, list)):
                    todo.extend(p for p in part if isinstance(p, _parser.SubPattern))
    return False


def _module_patterns() -> dict[str, re.Pattern[str]]:
    found = {}
    if str(ROOT / "hooks") not in sys.path:
        sys.path.append(str(ROOT / "hooks"))  # MkDocs loads the hooks from there: `import _root`
    for path in _sources():
        if path.parent.name in ("bench", "devtools") or path.name == "__main__.py":
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{name}.{attribute}"] = value
    return found


def _literal_patterns() -> dict[str, str]:
    """Constant patterns written straight into a call of `re.something(...)`."""
    found = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[f"{path.relative_to(ROOT)}:{node.lineno}"] = node.args[0].value
    return found


def test_the_check_finds_a_possessive_repeat_and_nothing_else():
    # it must find one at any depth, and not take a `+` in a class or after a group for one
    assert _possessive("a*+") and _possessive("(?:x|[^a]++)") and _possessive("(a(?:b|c*+))?")
    assert not _possessive(r"[-*+]x(?>a*)(?:ab)+\++")
    assert len(_module_patterns()) > 50 and len(_literal_patterns()) > 20


def test_no_pattern_a_module_holds_is_possessive():
    bad = [name for name, pattern in _module_patterns().items() if _possessive(pattern.pattern, pattern.flags)]
    assert not bad, f"quantificateurs possessifs (faux sous Python 3.11.2) : {bad}"


def test_no_literal_pattern_is_possessive():
    bad = [where for where, pattern in _literal_patterns().items() if _possessive(pattern)]
    assert not bad, f"quantificateurs possessifs (faux sous Python 3.11.2) : {bad}"


# What Python 3.11.2 read wrong in the fast path: it sent these plain pages to the full check...
PLAIN = ("Une phrase.\n", "Un [lien](https://exemple.org/a).\n", "| a. | b |\n|---|---|\n| c. | d. |\n", "# Titre.\n")
# ...and took these for plain, so that they skipped the comparison with the site's Python-Markdown.
NOT_PLAIN = ("*\n", "Texte *\n", "| * | b |\n|---|---|\n")


@pytest.mark.parametrize("page", PLAIN)
def test_the_fast_path_takes_a_plain_page_ending_with_a_full_stop(page):
    assert plain_page(page)


@pytest.mark.parametrize("page", NOT_PLAIN)
def test_the_fast_path_leaves_a_lone_star_to_the_full_check(page):
    assert not plain_page(page)
