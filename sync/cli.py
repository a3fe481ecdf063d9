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

import commons.cli_french  # noqa: F401 - argparse's own words in French
from sync.errors import SyncError

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
    try:
        return _run(argv)
    except KeyboardInterrupt:  # from the start: on a busy machine, loading the commands takes a while
        print("interrompu : relancez la même commande pour reprendre.", file=sys.stderr)
        return 1


def _run(argv: list[str] | None) -> int:
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
