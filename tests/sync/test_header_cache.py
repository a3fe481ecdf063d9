# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A run keeps in .git the `movilab:` field of each page it read, to spare the next one reading every header.

The cache must never change what a run finds: a page whose header changed is read again, a field
refused is refused again, and a cache that is damaged, left by another reader or put there as a
link is set aside.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sync.errors import ConfigError
from sync.mirror import HeaderCache, _reader_key, markdown_files, scan
from sync.state import sha256
from tests.sync.conftest import ROOT, page


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / ".git" / "movilab-sync").mkdir(parents=True)
    return docs


def _cache(tmp_path: Path) -> Path:
    return tmp_path / ".git" / "movilab-sync" / HeaderCache.NAME


def _titles(tmp_path: Path, cache: Path | None = None) -> dict[str, str]:
    pages = scan(tmp_path / "docs", root=tmp_path, cache=cache)
    return {title: found.path for title, found in pages.items()}


def test_a_page_whose_header_changed_is_read_again_and_the_former_text_is_dropped(tmp_path):
    docs = _docs(tmp_path)
    (docs / "a.md").write_text(page("Titre A", "Texte."), encoding="utf-8")
    (docs / "b.md").write_text("Pas une page miroir.\n", encoding="utf-8")
    assert _titles(tmp_path, _cache(tmp_path)) == {"Titre A": "a.md"}
    assert len(json.loads(_cache(tmp_path).read_text(encoding="utf-8"))["pages"]) == 1
    (docs / "a.md").write_text(page("Titre B", "Texte."), encoding="utf-8")
    assert _titles(tmp_path, _cache(tmp_path)) == {"Titre B": "a.md"}
    kept = json.loads(_cache(tmp_path).read_text(encoding="utf-8"))["pages"]
    assert list(kept) == [sha256((docs / "a.md").read_text(encoding="utf-8"))]
    assert _titles(tmp_path, _cache(tmp_path)) == {"Titre B": "a.md"}  # now from the cache: the same


@pytest.mark.parametrize(
    "damage",
    [
        b"\x00\xff pas du JSON",
        b"[]",
        b'{"key": 3, "pages": {}}',
        b'{"pages": []}',
        "forged key",
        "bad digest",
        "wrong value",
        "line as text",
        b'{"key": "' + b"[" * 100_000 + b'"}',
    ],
)
def test_a_damaged_cache_or_one_left_by_another_reader_is_set_aside_and_written_again(tmp_path, damage):
    docs = _docs(tmp_path)
    text = page("Le vrai titre", "Texte.")
    (docs / "a.md").write_text(text, encoding="utf-8")
    assert _titles(tmp_path, _cache(tmp_path)) == {"Le vrai titre": "a.md"}
    good = json.loads(_cache(tmp_path).read_text(encoding="utf-8"))
    forged = {
        "forged key": {"key": "0" * 64, "pages": {sha256(text): ["Un autre titre", 3]}},
        "bad digest": {"key": good["key"], "pages": {"../../etc": ["Un autre titre", 3]}},
        "wrong value": {"key": good["key"], "pages": {sha256(text): [["Un autre titre"], 3]}},
        "line as text": {"key": good["key"], "pages": {sha256(text): ["Un autre titre", "3"]}},
    }
    raw = json.dumps(forged[damage]).encode() if isinstance(damage, str) else damage
    _cache(tmp_path).write_bytes(raw)
    assert _titles(tmp_path, _cache(tmp_path)) == {"Le vrai titre": "a.md"}
    assert json.loads(_cache(tmp_path).read_text(encoding="utf-8")) == good


def test_a_link_in_place_of_the_cache_is_neither_read_nor_written_through(tmp_path):
    docs = _docs(tmp_path)
    text = page("Le vrai titre", "Texte.")
    (docs / "a.md").write_text(text, encoding="utf-8")
    assert _titles(tmp_path, _cache(tmp_path)) == {"Le vrai titre": "a.md"}
    elsewhere = tmp_path / "ailleurs.json"
    forged = json.loads(_cache(tmp_path).read_text(encoding="utf-8"))
    forged["pages"][sha256(text)] = ["Un autre titre", 3]
    elsewhere.write_text(json.dumps(forged), encoding="utf-8")
    _cache(tmp_path).unlink()
    _cache(tmp_path).symlink_to(elsewhere)
    (docs / "b.md").write_text(page("Une autre page", "Texte."), encoding="utf-8")
    assert _titles(tmp_path, _cache(tmp_path)) == {"Le vrai titre": "a.md", "Une autre page": "b.md"}
    assert json.loads(elsewhere.read_text(encoding="utf-8")) == forged  # not written through the link
    assert _cache(tmp_path).is_symlink()


def test_a_refused_header_or_title_is_refused_again_never_kept(tmp_path):
    docs = _docs(tmp_path)
    (docs / "a.md").write_text("---\nmovilab: [une, liste]\n---\n\nTexte.\n", encoding="utf-8")
    (docs / "b.md").write_text("---\nmovilab: Titre\ntitle: &ancre x\n---\n\nTexte.\n", encoding="utf-8")
    (docs / "c.md").write_text(page("Spécial:Accueil", "Texte."), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError) as refused:
            scan(docs, root=tmp_path, cache=_cache(tmp_path))
        message = str(refused.value)
        assert "docs/a.md:2" in message and "doit être le titre" in message
        assert "docs/b.md:3" in message and "renvois YAML" in message
        assert "docs/c.md" in message
    assert not _cache(tmp_path).exists()  # a run that stops keeps nothing


def test_the_site_pages_are_found_the_same_with_and_without_the_cache(tmp_path):
    (tmp_path / "movilab-sync").mkdir()
    cache = tmp_path / "movilab-sync" / HeaderCache.NAME
    plain = scan(ROOT / "docs", root=ROOT)
    assert scan(ROOT / "docs", root=ROOT, cache=cache) == plain  # reading, and keeping
    assert cache.exists()
    assert scan(ROOT / "docs", root=ROOT, cache=cache) == plain  # from the cache


def test_the_pages_are_listed_as_before_hidden_names_and_linked_folders_left_out(tmp_path):
    docs = tmp_path / "docs"
    for rel in ("a-b.md", "a/b.md", "a/c/d.md", "é.md", "Z.md", "x.md/y.md", ".cache/e.md", "a/.f.md", "g.txt"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        if rel != "x.md/y.md" or not (docs / "x.md").is_file():
            (docs / rel).write_text("Texte.\n", encoding="utf-8")
    (tmp_path / "ailleurs").mkdir()
    (tmp_path / "ailleurs" / "h.md").write_text("Texte.\n", encoding="utf-8")
    (docs / "lien").symlink_to(tmp_path / "ailleurs")
    (docs / "lien.md").symlink_to(tmp_path / "ailleurs" / "h.md")
    before = [  # what scan walked until now: pathlib's rglob, without the hidden names
        file.relative_to(docs).as_posix()
        for file in sorted(docs.rglob("*.md"))
        if not any(part.startswith(".") for part in file.relative_to(docs).parts)
    ]
    assert markdown_files(docs) == before
    assert markdown_files(ROOT / "docs") == [
        file.relative_to(ROOT / "docs").as_posix()
        for file in sorted((ROOT / "docs").rglob("*.md"))
        if not any(part.startswith(".") for part in file.relative_to(ROOT / "docs").parts)
    ]


def test_a_folder_that_cannot_be_listed_stops_the_run_rather_than_its_pages_looking_deleted(tmp_path, monkeypatch):
    docs = _docs(tmp_path)
    (docs / "fiches").mkdir()
    (docs / "fiches" / "a.md").write_text(page("Titre A", "Texte."), encoding="utf-8")
    listing = os.scandir

    def refused(folder):
        if str(folder).endswith("fiches"):
            raise PermissionError(13, "Permission denied")
        return listing(folder)

    monkeypatch.setattr(os, "scandir", refused)
    with pytest.raises(ConfigError) as stopped:
        scan(docs, root=tmp_path)
    assert str(stopped.value).startswith("docs/fiches : dossier illisible (permission refusée")
    assert "ni envoyées ni récupérées" in str(stopped.value)


def test_a_very_deep_docs_tree_is_listed_not_a_recursion_traceback(tmp_path):
    """git stores folders 1 200 deep (2 400 characters, within the system's 4 096): a commit made of
    them must not stop every run with Python's RecursionError."""
    docs = _docs(tmp_path)
    folder = str(docs)
    for _ in range(1200):
        folder += "/a"
        os.mkdir(folder)
    Path(folder, "fiche.md").write_text(page("Titre profond", "Texte."), encoding="utf-8")
    rel = "a/" * 1200 + "fiche.md"
    try:
        assert markdown_files(docs) == [rel]
        assert _titles(tmp_path) == {"Titre profond": rel}
    finally:  # pytest's own clean-up of tmp_path recurses, and would stop on this tree
        os.unlink(Path(folder, "fiche.md"))
        while folder != str(docs):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


def test_a_folder_whose_kind_cannot_be_told_stops_the_run_rather_than_its_pages_looking_deleted(tmp_path, monkeypatch):
    """On a file system that gives no file type with the listing, telling a folder means one more system
    call on it, which a folder without the right to be searched refuses: its pages were left out."""
    docs = _docs(tmp_path)
    (docs / "fiches").mkdir()
    (docs / "fiches" / "a.md").write_text(page("Titre A", "Texte."), encoding="utf-8")
    listing = os.scandir

    class Untyped:
        def __init__(self, entry):
            self.name, self.path, self._entry = entry.name, entry.path, entry

        def is_dir(self, *, follow_symlinks=True):
            if self.name == "fiches":
                raise PermissionError(13, "Permission denied")
            return self._entry.is_dir(follow_symlinks=follow_symlinks)

    monkeypatch.setattr(os, "scandir", lambda folder: [Untyped(entry) for entry in listing(folder)])
    with pytest.raises(ConfigError) as stopped:
        scan(docs, root=tmp_path)
    assert str(stopped.value).startswith("docs : dossier illisible (permission refusée")  # the folder searched
    assert "ni envoyées ni récupérées" in str(stopped.value)


def test_a_linked_sync_folder_is_neither_read_nor_written_through(tmp_path):
    """.git/movilab-sync made a link (to a folder others may write): its cache could name any title
    for a page, or none. The sync's other files there (journal, marks) refuse such a folder; the cache
    must not trust it either."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / ".git").mkdir()
    text = page("Le vrai titre", "Texte.")
    (docs / "a.md").write_text(text, encoding="utf-8")
    elsewhere = tmp_path / "partage"
    elsewhere.mkdir()
    (tmp_path / ".git" / "movilab-sync").symlink_to(elsewhere, target_is_directory=True)
    forged = {"key": _reader_key(), "pages": {sha256(text): ["Un autre titre", 3]}}
    (elsewhere / HeaderCache.NAME).write_text(json.dumps(forged), encoding="utf-8")
    assert _titles(tmp_path, _cache(tmp_path)) == {"Le vrai titre": "a.md"}
    assert json.loads((elsewhere / HeaderCache.NAME).read_text(encoding="utf-8")) == forged  # not written through
    assert sorted(p.name for p in elsewhere.iterdir()) == [HeaderCache.NAME]  # no file left there either


def test_a_huge_cache_is_set_aside_without_reading_it(tmp_path):
    """A cache of more than MAX_BYTES is taken as empty: it must be so without loading it whole (a
    sparse file of gigabytes would otherwise stop the run with a MemoryError, or exhaust the machine)."""
    docs = _docs(tmp_path)
    (docs / "a.md").write_text(page("Le vrai titre", "Texte."), encoding="utf-8")
    with _cache(tmp_path).open("wb") as handle:
        handle.truncate(4 * 1024**3)  # sparse: takes no room on the disk
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))\n"
        "from pathlib import Path\n"
        "from sync.mirror import scan\n"
        "root = Path(sys.argv[1])\n"
        "pages = scan(root / 'docs', root=root, cache=root / '.git' / 'movilab-sync' / 'headers.json')\n"
        "print(sorted(pages))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "['Le vrai titre']\n"
    assert _cache(tmp_path).stat().st_size < HeaderCache.MAX_BYTES  # written again, as a damaged one is
