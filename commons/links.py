# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Links between pages that lead nowhere, two files that would be published at one address, no home page.

A member who mistypes a link (`groupes-de-travial.md`) must hear it from the
content check (`./dev check`, seconds) as from the build, in French, with the
line and the name they probably meant; MkDocs' own English warning for the same
link is then left out of the build's log (hooks/content.py). What is checked:
relative Markdown links and images, inline (`[texte](cible.md)`) and by
reference (`[ref]: cible.md`), outside fenced code and code spans, whose target
is a page or a file a member adds (an extension in JUDGED); the pages the build
generates (commons/legal.py) count as existing. Addresses with a scheme,
absolute paths and folder links are left to MkDocs' own checks.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Mapping
from urllib.parse import unquote

from commons.codespans import without_code_spans
from commons.legal import GENERATED_PAGES
from commons.pages import Page, Problem

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE = re.compile(r"\]\(\s*(<[^>\n]*>|[^)\s]+)")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# Pages and the files members add beside them; what the build generates (calendars, feeds) is not judged.
JUDGED = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".pdf", ".odt", ".ods", ".odp"})


def _targets(body: str) -> Iterable[tuple[int, str]]:
    """(0-based line in the body, target) of each link and image outside fenced code and code spans."""
    fence = ""
    for number, line in enumerate(body.splitlines()):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        if "`" in line:  # (a run of three or more backticks would make the pattern cubic: read in one pass)
            line = _CODE_SPAN.sub("", line) if "```" not in line else without_code_spans(line)
        for found in (*_INLINE.finditer(line), *_REFERENCE.finditer(line)):
            yield number, found.group(1).strip("<>")


def _file_target(target: str) -> str | None:
    """The file path a relative link names, or None when the link is not one this check judges."""
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path or path.startswith("/") or _SCHEME.match(path) or path.endswith("/"):
        return None
    return path if posixpath.splitext(path)[1].lower() in JUDGED else None


def _nearest(wanted: str, files: set[str]) -> str | None:
    """The file a mistyped link most likely meant: the same name in another folder, or a close name beside it."""
    name = posixpath.basename(wanted)
    same_name = sorted(f for f in files if posixpath.basename(f) == name)
    if same_name:
        return same_name[0]
    # Other capitals (Atelier.PNG): a Windows or Mac preview finds the file, the published site does not.
    folded = sorted(f for f in files if f.casefold() == wanted.casefold())
    if folded:
        return folded[0]
    beside = {posixpath.basename(f): f for f in files if posixpath.dirname(f) == posixpath.dirname(wanted)}
    near = difflib.get_close_matches(name, sorted(beside), n=1, cutoff=0.75)
    return beside[near[0]] if near else None


def broken_links(pages: Mapping[str, Page], files: set[str]) -> list[Problem]:
    """A problem for each relative link to a file that is not in docs/ (`files`: docs-relative paths)."""
    problems = []
    for path, page in pages.items():
        folder = posixpath.dirname(path)
        for number, target in _targets(page.body):
            wanted = _file_target(target)
            if wanted is None:
                continue
            resolved = posixpath.normpath(posixpath.join(folder, wanted))
            if resolved in files or resolved in GENERATED_PAGES:
                continue
            near = _nearest(resolved, files)
            hint = (
                f" Vouliez-vous dire « {posixpath.relpath(near, folder or '.')} » ?"
                if near
                else " Corrigez le nom du fichier visé, ou retirez le lien."
            )
            problems.append(
                Problem(
                    path,
                    page.body_line + number,
                    None,
                    f"le lien « {target} » mène à un fichier qui n'existe pas dans docs/ ({resolved}).{hint}",
                )
            )
    return problems


def missing_home(files: set[str]) -> list[Problem]:
    """No docs/index.md (nor README.md, which MkDocs takes instead): the site's own address would lead nowhere."""
    if files & {"index.md", "README.md"}:
        return []
    return [
        Problem(
            "index.md",
            1,
            None,
            "la page d'accueil du site manque : sans elle, l'adresse du site et le logo de chaque page mènent "
            "à une page « introuvable ». Recréez docs/index.md (un titre et quelques lignes suffisent).",
        )
    ]


def same_address(pages: Mapping[str, Page]) -> list[Problem]:
    """Two files that MkDocs would publish at one address (`x.md` and `x/index.md`): one would be lost."""
    by_url: dict[str, list[str]] = {}
    for path, page in pages.items():
        by_url.setdefault(page.url, []).append(path)
    problems = []
    for url, paths in by_url.items():
        for path in paths if len(paths) > 1 else ():
            others = ", ".join(p for p in paths if p != path)
            problems.append(
                Problem(
                    path,
                    1,
                    None,
                    f"ce fichier serait publié à la même adresse (/{url}) que {others} : l'un des deux "
                    "disparaîtrait du site. Renommez ou supprimez l'un des deux.",
                )
            )
    return problems


# MkDocs' English warning for a link that broken_links reports in French (mkdocs/structure/pages.py).
MKDOCS_NOT_FOUND = re.compile(r"^Doc file '(?P<page>.+?)' contains a link '(?P<link>.+?)', but the target .*not found")
