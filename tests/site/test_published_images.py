# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Images a member adds, as a newcomer on a phone over a slow rural link receives them (a real build).

A photo straight from a phone (here 4,000 × 3,000 pixels, turned by its EXIF orientation, with a
GPS position) was published as it was: megabytes for a picture shown 800 pixels wide, and the
position with it. A file of a few bytes that declares a huge image, or a file named `.png` that
is not an image, was published too.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zlib

import pytest
from PIL import Image

from tests.site.sitebuilder import make_site

PAGE = """
---
title: Le jardin partagé
---

![Le jardin en juin](images/jardin.jpg)

![Le logo](images/logo.png)

![Une animation](images/anime.webp)
"""

GPS = 0x8825  # the EXIF tag of the GPS block
ORIENTATION = 0x0112


def _phone_photo() -> bytes:
    """A 4,000 × 3,000 JPEG as a phone writes it held sideways: orientation 6 (turn 90° to show it)."""
    image = Image.effect_noise((4000, 3000), 40).convert("RGB")
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "Téléphone d'essai"  # Make
    exif.get_ifd(GPS).update({1: "N", 2: (45.0, 46.0, 12.5), 3: "E", 4: (4.0, 50.0, 30.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


def _small_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (64, 48), (200, 30, 30, 128)).save(out, "PNG")
    return out.getvalue()


def _animation() -> bytes:
    frames = [Image.new("RGB", (2400, 40), color) for color in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:], duration=200, loop=0)
    return out.getvalue()


def _declared_png(width: int, height: int) -> bytes:
    """A valid PNG header that declares width × height pixels, with one row of data: a few hundred bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("images"))
    site.write("jardin.md", PAGE)
    photo, logo = _phone_photo(), _small_png()
    (site.docs / "images").mkdir()
    (site.docs / "images" / "jardin.jpg").write_bytes(photo)
    (site.docs / "images" / "logo.png").write_bytes(logo)
    (site.docs / "images" / "anime.webp").write_bytes(_animation())
    site.commit("Une page et ses images", author="Camille Martin <camille@example.org>", date="2026-01-05T10:00:00")
    return site, site.build(), photo, logo


def test_a_phone_photo_is_published_light_upright_and_without_its_position(built):
    site, result, photo, _ = built
    assert result.returncode == 0, result.stdout + result.stderr
    published = (site.root / "site" / "images" / "jardin.jpg").read_bytes()
    assert len(published) < len(photo) / 4, (len(published), len(photo))
    with Image.open(io.BytesIO(published)) as image:
        assert image.format == "JPEG"
        assert image.size == (1200, 1600)  # upright (turned as the phone said), 1,600 pixels at most
        exif = image.getexif()
        assert GPS not in exif and ORIENTATION not in exif and 0x010F not in exif, dict(exif)
    assert (site.docs / "images" / "jardin.jpg").read_bytes() == photo  # the file in git is left as it was
    assert 'src="../images/jardin.jpg"' in site.html("jardin")  # same address
    assert "Images allégées pour la publication : 1 (" in result.stdout + result.stderr


def test_a_small_image_and_an_animation_are_published_byte_for_byte(built):
    """An animated WebP wider than the limit stays as it is: a copy would keep its first frame only."""
    site, result, _, logo = built
    assert result.returncode == 0
    for name, source in (("logo.png", logo), ("anime.webp", _animation())):
        published = (site.root / "site" / "images" / name).read_bytes()
        assert hashlib.sha256(published).digest() == hashlib.sha256(source).digest(), name


def test_a_declared_huge_image_and_a_page_named_png_stop_the_build_in_french(tmp_path):
    site = make_site(tmp_path)
    site.write("page.md", "---\ntitle: Page\n---\n\n![a](a.png) ![b](b.png) ![c](c.png) ![d](d.jpg) ![e](e.jpg)\n")
    (site.docs / "a.png").write_bytes(_declared_png(8000, 6000))  # 48 Mpx: past the site's limit
    (site.docs / "b.png").write_bytes(_declared_png(30000, 30000))  # past even Pillow's own limit
    (site.docs / "c.png").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    (site.docs / "d.jpg").write_bytes(_phone_photo()[:5000])  # cut short: its pixels do not decode
    with (site.docs / "e.jpg").open("wb") as heavy:  # 31 MB: refused unread
        heavy.truncate(31_000_000)
    site.commit("Des images", author="Camille Martin <camille@example.org>", date="2026-01-05T10:00:00")
    result = site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "PIL" not in output and "Decompression" not in output, output
    assert "a.png, ligne 1 : cette image annonce 8000 × 6000 pixels, bien plus qu'une photo de téléphone" in output
    assert "b.png, ligne 1 : cette image annonce bien plus de pixels qu'une photo de téléphone" in output
    assert "c.png, ligne 1 : ce fichier ne s'ouvre pas comme une image" in output
    assert "d.jpg, ligne 1 : ce fichier ne s'ouvre pas comme une image" in output
    assert "e.jpg, ligne 1 : cette image pèse 31,0 Mo, bien plus qu'une photo de téléphone" in output
    assert "5 problème(s)" in output, output


def test_a_rebuild_takes_the_copy_from_the_cache_only_when_it_is_that_image(built):
    """A preview rebuilds the site at each change: the copies made are kept in .cache/, by content. What
    that folder holds is checked like any image: another image found there is not published."""
    site, _, _, _ = built
    kept = list((site.root / ".cache" / "published-images").iterdir())
    assert len(kept) == 1  # the photo's copy (the logo was published as it is)
    kept[0].write_bytes(_small_png())
    again = site.build()
    assert again.returncode == 0, again.stdout + again.stderr
    with Image.open(site.root / "site" / "images" / "jardin.jpg") as image:
        assert (image.format, image.size) == ("JPEG", (1200, 1600))
    with Image.open(kept[0]) as image:
        assert image.size == (1200, 1600)  # made again, and kept
