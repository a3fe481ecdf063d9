# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The search index a build writes is the one Pagefind makes from the whole finished pages:
the build hands Pagefind each page cut down to what it indexes (commons.search.indexed_part),
which must change nothing a reader can find."""

from __future__ import annotations

import subprocess
from pathlib import Path

from commons import search
from tests.site.sitebuilder import Site


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_index_is_byte_for_byte_the_one_of_the_whole_pages(reader_build: Site, tmp_path: Path) -> None:
    site = reader_build.root / "site"
    whole = tmp_path / "pagefind"
    command = [search.pagefind_executable(), "--site", str(site), "--output-path", str(whole)]
    subprocess.run([*command, "--force-language", "fr", "--quiet"], check=True, capture_output=True)
    search.prune(whole)
    built = _files(site / search.OUTPUT)
    assert any(name.startswith("fragment/") for name in built)
    assert built == _files(whole)
