# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The coordinator reads the command line's own messages in French, usage errors included."""

from __future__ import annotations

import pytest

from sync.cli import main


def test_help_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage : python -m sync")
    assert "afficher cette aide et quitter" in out
    assert "show this help" not in out and "positional arguments" not in out


def test_usage_errors_are_french_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import"]) == 2
    assert "python -m sync import : erreur : arguments obligatoires manquants : TITRE" in capsys.readouterr().err
    assert main(["push", "--inconnu"]) == 2
    assert "arguments inconnus : --inconnu" in capsys.readouterr().err
