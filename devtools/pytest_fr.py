# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""`pytest` with its command-line mistakes said in French: what `./dev test ARGUMENTS` runs.

Why: a member who types `./dev test -k titre` (CONTRIBUTING.md) and gets an option or a path
wrong read pytest's English ("ERROR: file or directory not found: …", "unrecognized arguments").
Only those usage errors are translated, with the way to list the options; the tests' own output
stays pytest's, as every Python developer knows it. The exit code stays pytest's (4).
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

import _pytest.config
import pytest

import commons.cli_french  # noqa: F401 - argparse's own words (unknown arguments…) in French

HINT = "./dev test --help liste les options de pytest ; par exemple ./dev test -k titre ou ./dev test tests/site/"

# pytest's own usage messages (not argparse's, which commons.cli_french translates): English -> French.
_MESSAGES = (
    (re.compile(r"file or directory not found: (?P<x>.*)"), "fichier ou dossier de tests introuvable : {x}"),
    (re.compile(r"not found: (?P<x>.*?)\n\(no match in any of .*\)", re.S), "aucun test ne s'appelle {x}"),
    (re.compile(r"found no collectors for (?P<x>.*)"), "aucun test trouvé dans {x}"),
    (
        re.compile(r"directory argument cannot contain :: selection parts: (?P<x>.*)"),
        "un dossier ne peut pas être suivi de :: : {x}",
    ),
)


def french_usage_error(message: str) -> str:
    """One of pytest's usage errors, in French (argparse's keep their already French text)."""
    lines = message.splitlines()
    for line in lines:  # argparse's: "usage: …" then "python -m pytest : erreur : …" (commons.cli_french)
        for marker in (" : erreur : ", ": error: "):
            _, sep, rest = line.partition(marker)
            if sep:
                return rest
    for pattern, french in _MESSAGES:
        match = pattern.fullmatch(message.strip())
        if match:
            return french.format(**match.groupdict())
    return message


def print_usage_error(e: _pytest.config.UsageError, file: TextIO) -> None:
    for message in e.args:
        print(f"erreur : {french_usage_error(str(message))}", file=file)
    print(HINT, file=file)


def main(argv: list[str]) -> int:
    _pytest.config.print_usage_error = print_usage_error  # looked up by pytest.main at each call
    return int(pytest.main(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
