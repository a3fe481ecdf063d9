# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Images behind --images: uploaded with their licence, fetched back beside the page."""

from __future__ import annotations

import struct
import urllib.error
import urllib.parse
import urllib.request
import zlib

import pytest

from tests.sync.conftest import page, unique_title

pytestmark = pytest.mark.wiki


def png(rgb: tuple[int, int, int]) -> bytes:
    """A valid 1×1 PNG of one colour (the wiki checks what it is given)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"\x00" + bytes(rgb)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_push_uploads_images_with_their_licence_and_pull_fetches_them(site, mediawiki):
    title = unique_title("Fiche illustrée")
    name = f"Logo-{title.split()[-1]}.png"
    site.write("fiche.md", page(title, f"Le logo du réseau :\n\n![Logo du réseau](images/{name})"))
    (site.path / "docs" / "images").mkdir()
    (site.path / "docs" / "images" / name).write_bytes(png((200, 30, 30)))
    site.commit()
    result = site.run("push", "--images")
    assert result.code == 0, result.text
    wiki = mediawiki.editor(0)
    assert f"[[Fichier:{name}|Logo du réseau]]" in wiki.text(title)
    description = wiki.text(f"Fichier:{name}")
    assert "CC BY-SA 4.0" in description and "forge.example.org" in description

    other = unique_title("Autre fiche")
    site.write("autre.md", page(other, "Sans image pour commencer."))
    site.commit()
    assert site.run("push").code == 0
    wiki.edit(other, f"Sans image pour commencer.\n\n[[Fichier:{name}|Le logo]]\n", "ajout d'une image")
    pulled = site.run("pull", "--images")
    assert pulled.code == 0, pulled.text
    text = site.read("autre.md")
    assert f"](images/{name})" in text
    assert (site.path / "docs" / "images" / name).read_bytes() == png((200, 30, 30))
    assert site.git("status", "--porcelain") == ""


def test_a_different_wiki_file_of_the_same_name_is_never_replaced(site, mediawiki):
    title = unique_title("Fiche au logo concurrent")
    name = f"Concurrent-{title.split()[-1]}.png"
    first = unique_title("Première fiche")
    site.write("premiere.md", page(first, f"![Image](images/{name})"))
    (site.path / "docs" / "images").mkdir()
    (site.path / "docs" / "images" / name).write_bytes(png((0, 0, 255)))
    site.commit()
    assert site.run("push", "--images").code == 0
    (site.path / "docs" / "images" / name).write_bytes(png((0, 255, 0)))
    site.write("fiche.md", page(title, f"![Image](images/{name})"))
    site.commit()
    result = site.run("push", "--images")
    assert result.code == 1
    assert "existe déjà sur Movilab" in result.out


def test_an_image_the_wiki_holds_under_another_name_is_not_taken_as_uploaded(site, mediawiki):
    """The same bytes under two names (one logo saved twice): the wiki answers the second upload with a
    `duplicate` warning and stores nothing, and the push said the page was sent, showing an image that
    does not exist."""
    first, second = unique_title("Fiche au logo"), unique_title("Fiche au même logo")
    name, other = f"Logo-{first.split()[-1]}.png", f"Logo-copie-{second.split()[-1]}.png"
    logo = png((7, 77, 177))
    (site.path / "docs" / "images").mkdir()
    (site.path / "docs" / "images" / name).write_bytes(logo)
    site.write("premiere.md", page(first, f"![Logo](images/{name})"))
    site.commit()
    assert site.run("push", "--images").code == 0
    (site.path / "docs" / "images" / other).write_bytes(logo)
    site.write("seconde.md", page(second, f"![Logo](images/{other})"))
    site.commit()
    result = site.run("push", "--images")
    wiki = mediawiki.editor(0)
    assert result.code == 1, result.text
    assert other in result.out and name in result.out, result.out  # the name the wiki has it under, to use
    assert wiki.text(second) is None and wiki.text(f"Fichier:{other}") is None  # no page showing a missing file


def test_a_wiki_file_the_site_would_refuse_is_never_written_into_docs(site, mediawiki):
    """An SVG on the wiki, pulled with --images into docs/, made the build refuse the whole site (an SVG
    served from the site's address runs its scripts): it stays a wiki link, shown as a placeholder."""
    title = unique_title("Fiche au logo vectoriel")
    name = f"Vecteur-{title.split()[-1]}.svg"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>'
    site.write("fiche.md", page(title, f"![Logo](images/{name})"))
    (site.path / "docs" / "images").mkdir()
    (site.path / "docs" / "images" / name).write_bytes(svg)
    site.commit()
    assert site.run("push", "--images").code == 0
    other = unique_title("Fiche sans logo")
    site.write("sous/autre.md", page(other, "Sans image pour commencer."))
    site.commit()
    assert site.run("push").code == 0
    mediawiki.editor(0).edit(other, f"Sans image pour commencer.\n\n[[Fichier:{name}|Le logo]]\n", "ajout d'un SVG")
    pulled = site.run("pull", "--images")
    assert pulled.code == 0, pulled.text
    assert not (site.path / "docs" / "sous" / "images").exists()
    assert f"Special:FilePath/{name}" in site.read("sous/autre.md")
    assert "n'affichera pas" in pulled.out and name.replace("_", " ") in pulled.out
    assert site.git("status", "--porcelain") == ""


def test_a_wiki_file_name_with_a_backslash_comes_back_whole_through_pull_and_push(site, mediawiki):
    """MediaWiki allows `\\` in a file name: the pull writes it %5C (raw, the site's sanitizer drops the
    address and the strict build stops), MediaWiki reads that address as the same file, and the push
    gives the page back with `\\`."""
    title = unique_title("Fiche au plan")
    site.write("fiche.md", page(title, "Premier paragraphe.\n\nSecond paragraphe."))
    site.commit()
    assert site.run("push").code == 0
    wiki = mediawiki.editor(0)
    image = "[[Fichier:Plan\\2026.png|Le plan]]"
    wiki.edit(title, f"Premier paragraphe.\n\n{image}\n\nSecond paragraphe.\n", "ajout d'un plan")
    pulled = site.run("pull")
    assert pulled.code == 0, pulled.text
    text = site.read("fiche.md")
    address = mediawiki.pages_url + "Special:FilePath/Plan%5C2026.png"
    assert f"![Le plan]({address})" in text and "\\" not in text, text
    with pytest.raises(urllib.error.HTTPError) as missing:  # no such upload: MediaWiki names the file it read
        urllib.request.urlopen(address, timeout=60)
    assert urllib.parse.unquote(missing.value.url).endswith("/file/Plan\\2026.png"), missing.value.url
    site.write("fiche.md", text.replace("Second paragraphe.", "Second paragraphe, revu."))
    site.commit()
    pushed = site.run("push")
    assert pushed.code == 0, pushed.text
    assert wiki.text(title) == f"Premier paragraphe.\n\n{image}\n\nSecond paragraphe, revu."
