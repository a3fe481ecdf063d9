# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Fetch the form editor's browser files from npm, as published, checked, into .cache/editor/.

    python3 admin/vendor.py          (run by ./dev site, build and test)

The packages are listed under "vendored" in package.json with their exact
version, the integrity hash the npm registry published for them and the files
the site serves. `npm pack` downloads each package alone: Decap CMS ships a
self-contained bundle, and installing its 700 build-time dependencies (400 MB)
to copy one file would slow every install down for nothing. Standard library
only: it runs before any virtualenv exists.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / ".cache" / "editor"


class VendorError(Exception):
    """A package could not be fetched or did not match its pinned integrity."""


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def _fetch(spec: str, into: Path) -> Path:
    done = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(into), "--loglevel=error"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise VendorError(f"« npm pack {spec} » a échoué : {done.stderr.strip()[-500:]}")
    name = json.loads(done.stdout)[0]["filename"]
    return into / name


def install(spec: str, entry: dict[str, object], dest: Path = DEST) -> Path:
    """Download one package, check it, and copy its listed files (flattened) into dest/<name>/."""
    name = spec.rsplit("@", 1)[0]
    patterns = [str(p) for p in entry.get("files", [])]  # type: ignore[attr-defined]
    expected = str(entry.get("integrity", ""))
    target = dest / name.replace("/", "-")
    with tempfile.TemporaryDirectory() as tmp:
        tarball = _fetch(spec, Path(tmp))
        found = _integrity(tarball)
        if found != expected:
            raise VendorError(
                f"{spec} ne correspond pas à l'empreinte fixée dans package.json ({expected[:20]}…, reçu {found[:20]}…) : "
                "rien n'est installé."
            )
        staging = Path(tmp) / "staging"
        staging.mkdir()
        with tarfile.open(tarball) as archive:
            for member in archive.getmembers():
                inner = member.name.removeprefix("package/")
                if not member.isfile() or not any(fnmatch.fnmatchcase(inner, p) for p in patterns):
                    continue
                source = archive.extractfile(member)
                if source is None:
                    continue
                (staging / Path(inner).name).write_bytes(source.read())
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staging, target)
    (target / ".version").write_text(spec + "\n", encoding="utf-8")
    return target


def main() -> int:
    manifest = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    try:
        for spec, entry in manifest.get("vendored", {}).items():
            target = DEST / spec.rsplit("@", 1)[0].replace("/", "-")
            version_file = target / ".version"
            if version_file.exists() and version_file.read_text(encoding="utf-8").strip() == spec:
                continue
            install(spec, entry)
    except VendorError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
