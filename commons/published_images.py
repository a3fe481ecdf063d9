# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The images the site publishes, made light enough for a phone on a slow rural link.

A member's photo is 3 to 5 MB straight from a phone (12 million pixels), and the form editor
sends it at that size: every newcomer who opens the page would download it, for a picture
shown at most 800 pixels wide. The build publishes a smaller copy under the same address;
the file in git stays as the member added it.

- `plan` decides, from the image's header alone: an image wider or taller than MAX_SIDE
  pixels is scaled down to fit (its proportions kept); a JPEG or WebP heavier than
  HEAVY_BYTES is encoded again at QUALITY. Anything else is published as it is,
  byte for byte (GIF, AVIF and animated PNG or WebP always: a copy would lose the animation).
- `shrink` does it with Pillow: the photo is turned upright first (the EXIF orientation a
  browser would follow), and its metadata (the phone, the date, often a GPS position) is not
  copied. The smaller copy replaces the published file only when it is lighter.
- What may pass, checked on every published image before anything is decoded: a file Pillow
  recognises as an image (whatever its name says: browsers read the content), of at most
  MAX_PIXELS pixels. A page or a script named `.png` is not one. A few hundred bytes
  of PNG can declare 50,000 × 50,000 pixels (a "decompression bomb"): a phone that opens it
  runs out of memory. Those, files that are not images, and files over MAX_BYTES (refused
  unread), are problems in French, with the file named and what to do, and the strict build stops.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from commons.pages import Problem

MAX_SIDE = 1600  # pixels: twice the widest an image is shown on the site, for sharp high-density screens
HEAVY_BYTES = 400_000  # a JPEG or WebP over this is encoded again, even when small enough in pixels
QUALITY = 82  # JPEG and WebP quality of the copies: no difference a reader sees on a photo
MAX_BYTES = 30_000_000  # an image file heavier than this is refused unread
MAX_PIXELS = 40_000_000  # width × height: more than any phone camera (a 12 Mpx photo is 12,000,000)

# The published image suffixes (commons/docs_tree.py) this module reads, and the format each one names.
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF", ".avif": "AVIF"}
SHRUNK = frozenset({"JPEG", "PNG", "WEBP"})  # those a copy is made of: the others are published as they are


def is_image(rel: str) -> bool:
    """Whether a published file of docs/ is an image this module checks."""
    return Path(rel).suffix.lower() in FORMATS


@dataclass(frozen=True)
class Plan:
    """What to publish instead of an image: its new size in pixels, encoded again in its own format."""

    width: int
    height: int


def plan(width: int, height: int, size: int, fmt: str) -> Plan | None:
    """The lighter copy to publish, or None to publish the file as it is."""
    if fmt not in SHRUNK:
        return None
    longest = max(width, height)
    if longest > MAX_SIDE:
        scale = MAX_SIDE / longest
        return Plan(max(1, round(width * scale)), max(1, round(height * scale)))
    if fmt in ("JPEG", "WEBP") and size > HEAVY_BYTES:
        return Plan(width, height)
    return None


@dataclass(frozen=True)
class Header:
    """What an image file's first bytes say, read without decoding its pixels."""

    width: int
    height: int
    fmt: str  # Pillow's name of the format: JPEG, PNG, WEBP, GIF…
    huge: bool = False  # so many pixels that Pillow would not even give the size (over twice its own limit)
    animated: bool = False  # an animated PNG or WebP: a copy would keep its first frame only


def refusal(header: Header | None, suffix: str) -> str | None:
    """Why an image may not be published (French, for the member), or None."""
    expected = FORMATS[suffix]
    if header is None:
        return (
            "ce fichier ne s'ouvre pas comme une image : il est peut-être abîmé, ou d'un autre format que ne dit "
            f"son nom. Ouvrez-le sur votre ordinateur et enregistrez-le à nouveau en {_said(expected)}, "
            "ou retirez-le."
        )
    if header.huge or header.width * header.height > MAX_PIXELS:
        size = "bien plus de pixels" if header.huge else f"{header.width} × {header.height} pixels, bien plus"
        return (
            f"cette image annonce {size} qu'une photo de téléphone : un téléphone qui l'ouvrirait manquerait de "
            f"mémoire. Réduisez-la à {MAX_SIDE} pixels de large au plus (par exemple avec GIMP, « Image > "
            "Échelle et taille de l'image »), ou retirez-la."
        )
    return None


def too_heavy(weight: int) -> str:
    return (
        f"cette image pèse {_weight(weight)}, bien plus qu'une photo de téléphone (3 à 5 Mo) : elle alourdirait "
        f"chaque copie du dépôt. Enregistrez-la à {MAX_SIDE} pixels de large au plus (par exemple avec GIMP, "
        "« Fichier > Exporter » en JPEG), ou retirez-la."
    )


def _said(fmt: str) -> str:
    return {"WEBP": "WebP"}.get(fmt, fmt)


@dataclass(frozen=True)
class Shrunk:
    """One published image made lighter: where, and its weight before and after, in bytes."""

    rel: str
    before: int
    after: int


def shrink(
    docs_dir: Path, site_dir: Path, rels: list[str], cache: Path | None = None
) -> tuple[list[Shrunk], list[Problem]]:
    """Check each published image of `rels` (paths under docs/) and write a lighter copy of those `plan`
    says, over the copy MkDocs published in `site_dir`. The files of docs/ are only read.

    `cache`: a folder keeping each copy made, named after the image's content and the settings, so
    that a preview's rebuilds (`./dev site`) do not make them again (a phone photo takes ~0.15 s)."""
    from PIL import Image

    done: list[Shrunk] = []
    problems: list[Problem] = []
    for rel in rels:
        suffix = Path(rel).suffix.lower()
        published = site_dir / rel
        if not is_image(rel) or not published.is_file():
            continue
        weight = (docs_dir / rel).stat().st_size
        if weight > MAX_BYTES:  # not read at all: no phone photo weighs that much
            problems.append(Problem(rel, 1, None, too_heavy(weight)))
            continue
        raw = (docs_dir / rel).read_bytes()
        header = _header(raw)
        why = refusal(header, suffix)
        if why is not None or header is None:
            problems.append(Problem(rel, 1, None, why or ""))
            continue
        wanted = None if header.animated else plan(header.width, header.height, len(raw), header.fmt)
        if wanted is None:
            continue
        try:
            light = _cached(cache, raw, wanted, header.fmt)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):  # pixels that do not decode
            problems.append(Problem(rel, 1, None, refusal(None, suffix) or ""))
            continue
        if len(light) < len(raw):
            _replace(published, light)
            done.append(Shrunk(rel, len(raw), len(light)))
    return done, problems


def summary(shrunk: list[Shrunk]) -> str:
    """The build's line about the images it made lighter."""
    before, after = sum(s.before for s in shrunk), sum(s.after for s in shrunk)
    return (
        f"Images allégées pour la publication : {len(shrunk)} ({_weight(before)} → {_weight(after)}) ; "
        "les fichiers de docs/ sont inchangés."
    )


def _weight(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} Mo".replace(".", ",")
    return f"{max(1, round(size / 1000))} ko"


def _header(raw: bytes) -> Header | None:
    """Width, height and format from the file's header, without decoding its pixels (None: not an image)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # refusal() names the size itself
            with Image.open(io.BytesIO(raw)) as image:
                fmt = str(image.format)
                # Whether it moves, for PNG and WebP only, read from their headers (a GIF would be decoded).
                animated = fmt in ("PNG", "WEBP") and bool(getattr(image, "is_animated", False))
                return Header(image.width, image.height, "JPEG" if fmt == "MPO" else fmt, animated=animated)
    except Image.DecompressionBombError:
        return Header(0, 0, "", huge=True)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None


def _cached(cache: Path | None, raw: bytes, wanted: Plan, fmt: str) -> bytes:
    """`_encode`, through the cache when there is one (a cache that cannot be read or written is skipped)."""
    if cache is None or any(p.is_symlink() for p in (cache.parent, cache)):
        return _encode(raw, wanted, fmt)  # a cache that leads elsewhere (a link a pull request committed): unused
    settings = f"{MAX_SIDE}-{HEAVY_BYTES}-{QUALITY}-{wanted.width}x{wanted.height}".encode()
    kept = cache / hashlib.sha256(settings + b"\0" + raw).hexdigest()
    with contextlib.suppress(OSError):
        if kept.is_symlink():
            raise OSError(kept)
        found = kept.read_bytes()
        seen = _header(found)  # a cache is only a file on disk: what it holds is checked like any image
        turned = {(wanted.width, wanted.height), (wanted.height, wanted.width)}  # upright may turn it
        if seen is not None and seen.fmt == fmt and (seen.width, seen.height) in turned:
            return found
    light = _encode(raw, wanted, fmt)
    with contextlib.suppress(OSError):
        cache.mkdir(parents=True, exist_ok=True)
        _replace(kept, light)
    return light


def _encode(raw: bytes, wanted: Plan, fmt: str) -> bytes:
    """The image at the planned size, upright, in its own format, without its metadata."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(raw)) as opened:
        if fmt == "JPEG":
            opened.draft("RGB", (wanted.width, wanted.height))  # decode at a fraction of the size: much faster
        image = ImageOps.exif_transpose(opened)
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA" if "transparency" in image.info or image.mode in ("PA", "P") else "RGB")
        size = (wanted.width, wanted.height)
        if image.size != size and (image.width > image.height) != (wanted.width > wanted.height):
            size = (wanted.height, wanted.width)  # the orientation turned it: the planned box turns with it
        if image.size != size:
            image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        out = io.BytesIO()
        if fmt == "JPEG":
            image.convert("RGB" if image.mode not in ("RGB", "L") else image.mode).save(
                out, "JPEG", quality=QUALITY, optimize=True, progressive=True
            )
        elif fmt == "WEBP":
            image.save(out, "WEBP", quality=QUALITY, method=4)
        else:
            image.save(out, "PNG", optimize=True)
        return out.getvalue()


def _replace(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
