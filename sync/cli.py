# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Command line: parses arguments, calls the library, prints. Decides nothing itself.

Each command lives in its own module exposing `add_parser(subparsers)`, which
registers the sub-command and sets `func(args) -> int` as its default.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from sync.errors import SyncError

# argparse's own words (headings, usage errors) in French. argparse looks its
# strings up through gettext at run time, and Python ships no French catalogue
# for it, so the few a user meets are given here.
_ARGPARSE_FR = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
}


def _french(message: str) -> str:
    return _ARGPARSE_FR.get(message, message)


argparse._ = _french  # type: ignore[attr-defined]

# Modules that register sub-commands; each exposes add_parser(subparsers).
COMMAND_MODULES = ("sync.commands", "sync.convert_cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sync",
        description="Synchronise les pages choisies du site avec Movilab (MediaWiki).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit code (0 ok, 1 failure/conflict, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except SyncError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrompu : relancez la même commande pour reprendre.", file=sys.stderr)
        return 1
