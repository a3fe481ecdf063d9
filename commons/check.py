# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The content check: the French validation of every page, alone, in about a second.

    python -m commons.check [--format texte|github|gitlab] [--sortie FICHIER] [DOSSIER]

It runs on every pull request before the full test job, needs nothing but
PyYAML (no MkDocs, no MediaWiki, no browser), and reports each problem where
the forge shows it: GitHub annotations on the file and line, or GitLab's
code-quality report on the merge request. Exit code: 0 when every page is
valid, 1 when a problem was found, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import commons.cli_french  # noqa: F401 - argparse's own words in French
from commons.os_french import path_refused
from commons.pages import Problem
from commons.schema import format_report, validate_site

# GitHub shows at most ten error annotations per step; the log lists them all.
GITHUB_ANNOTATIONS = 10


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _repo_path(docs_dir: Path, problem: Problem, root: Path) -> str:
    """The problem's file relative to the repository root, as forges name files."""
    absolute = (docs_dir / problem.path).resolve()
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def github_annotations(problems: Sequence[Problem], docs_dir: Path, root: Path) -> list[str]:
    """Workflow commands that put each problem on its file and line in the pull request."""
    lines = []
    for problem in problems:
        title = f"champ « {problem.field} »" if problem.field else "en-tête de la page"
        lines.append(
            f"::error file={_escape_property(_repo_path(docs_dir, problem, root))},line={problem.line},"
            f"title={_escape_property(title)}::{_escape_data(problem.message)}"
        )
    return lines


def gitlab_report(problems: Sequence[Problem], docs_dir: Path, root: Path) -> list[dict[str, object]]:
    """GitLab's code-quality report (a subset of Code Climate's format), shown on the merge request."""
    report: list[dict[str, object]] = []
    for problem in problems:
        path = _repo_path(docs_dir, problem, root)
        fingerprint = hashlib.sha256(f"{path}:{problem.line}:{problem.field}:{problem.message}".encode()).hexdigest()
        report.append(
            {
                "description": (f"champ « {problem.field} » : " if problem.field else "") + problem.message,
                "check_name": f"en-tete-{problem.field}" if problem.field else "en-tete",
                "fingerprint": fingerprint,
                "severity": "major",
                "location": {"path": path, "lines": {"begin": problem.line}},
            }
        )
    return report


def _seconds(seconds: float) -> str:
    return f"{seconds:.1f} s".replace(".", ",")


def step_summary(problems: Sequence[Problem], pages: int, seconds: float) -> str:
    """A short Markdown summary for the run's page on GitHub."""
    if not problems:
        return f"**Contenu vérifié** : {pages} pages, aucun problème ({_seconds(seconds)}).\n"
    pipe = "\\|"  # a literal | would end the table cell
    rows = [f"| `{p.path}` | {p.line} | {p.field or ''} | {p.message.replace('|', pipe)} |" for p in problems]
    head = f"**{len(problems)} problème(s) dans le contenu** ({pages} pages vérifiées en {_seconds(seconds)})\n\n"
    return head + "| fichier | ligne | champ | quoi corriger |\n|---|---|---|---|\n" + "\n".join(rows) + "\n"


GITLAB_REPORT = "gl-code-quality-report.json"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m commons.check",
        description="Vérifie l'en-tête de toutes les pages (docs/) et dit quoi corriger, fichier par fichier.",
    )
    parser.add_argument("dossier", nargs="?", default="docs", help="dossier des pages (docs par défaut)")
    parser.add_argument(
        "--format",
        choices=("texte", "github", "gitlab"),
        default="texte",
        help="texte : le rapport seul ; github : plus une annotation par problème ; "
        "gitlab : plus le rapport de qualité de code (--sortie)",
    )
    parser.add_argument(
        "--sortie",
        default=None,
        help=f"fichier du rapport GitLab, avec --format gitlab ({GITLAB_REPORT} par défaut)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.sortie is not None and args.format != "gitlab":
        # Said rather than ignored: the user expects a report file, and none would be written.
        print(
            f"erreur : --sortie ne sert qu'avec --format gitlab (rapport de qualité de code) ; "
            f"écrivez : --format gitlab --sortie {args.sortie}",
            file=sys.stderr,
        )
        return 2
    output = args.sortie or GITLAB_REPORT
    docs_dir = Path(args.dossier)
    if not docs_dir.is_dir():
        print(f"erreur : le dossier des pages « {docs_dir} » est introuvable.", file=sys.stderr)
        return 2
    root = Path.cwd()
    started = time.perf_counter()
    pages, problems = validate_site(docs_dir)
    seconds = time.perf_counter() - started
    if args.format == "github":
        for line in github_annotations(problems[:GITHUB_ANNOTATIONS], docs_dir, root):
            print(line)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(step_summary(problems, len(pages), seconds))
    if args.format == "gitlab":
        try:
            Path(output).write_text(
                json.dumps(gitlab_report(problems, docs_dir, root), ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8",
            )
        except OSError as error:  # a folder, a missing or unwritable folder: the user's --sortie, in French
            print(
                f"erreur : rapport GitLab (--sortie) impossible à écrire dans {path_refused(output, error)}",
                file=sys.stderr,
            )
            return 2
    if problems:
        print(format_report(problems))
        if args.format == "github" and len(problems) > GITHUB_ANNOTATIONS:
            print(
                f"(GitHub n'affiche que les {GITHUB_ANNOTATIONS} premiers dans les fichiers : corrigez-les, puis relancez.)"
            )
        return 1
    print(f"Contenu vérifié : {len(pages)} pages, aucun problème ({_seconds(seconds)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
