# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Make the content model (commons/, beside hooks/) importable from every hook.

MkDocs loads a hook from its file with only hooks/ on sys.path, and puts
sys.path back as it was once the hook module has run: adding the repository
root there would not last, so imports made later inside a function would
fail. The package is registered by its path instead, once, whatever the
current directory or the way MkDocs was started (`mkdocs`, `python -m mkdocs`,
a fork's CI). Each hook imports this module before `commons`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _register(package: str) -> None:
    if package in sys.modules:
        return
    init = ROOT / package / "__init__.py"
    spec = importlib.util.spec_from_file_location(package, init, submodule_search_locations=[str(init.parent)])
    if spec is None or spec.loader is None:  # pragma: no cover - the file is part of the repository
        raise ImportError(f"{init} est introuvable : le dossier {package}/ doit être à côté de hooks/.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[package] = module
    spec.loader.exec_module(module)


_register("commons")
