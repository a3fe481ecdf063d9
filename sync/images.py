# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Images of mirrored pages, behind `--images`: uploaded with their licence, fetched on pull.

The converter turns `![alt](images/x.png)` into `[[Fichier:x.png|alt]]` and,
for a file git does not have, into a link to the wiki's Special:FilePath. Push
uploads the local files the page uses (never replacing a different file of the
same name on the wiki); pull downloads the files a page uses into an
`images/` folder beside it and points the Markdown there, which converts back
to the same wikitext.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import quote, unquote

from sync.errors import EditConflict, SyncError
from sync.plan import Context
from sync.safety import check_title

_LOCAL_IMAGE = re.compile(r"!\[[^\]]*\]\(<?([^)\s>]+)")
EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


def _wiki_name(src: str) -> str:
    """The name the converter gives a local image on the wiki (see sync.convert)."""
    return unquote(src.rsplit("/", 1)[-1]).replace("_", " ")


def local_images(ctx: Context, page_path: str, text: str) -> dict[str, Path]:
    """Wiki file name -> local file, for the images a page references inside docs/."""
    found: dict[str, Path] = {}
    base = (ctx.config.docs_dir / page_path).parent
    docs = ctx.config.docs_dir.resolve()
    for src in _LOCAL_IMAGE.findall(text):
        if "://" in src or src.startswith(("/", "#", "data:")):
            continue
        file = (base / unquote(src)).resolve()
        if docs not in file.parents or file.suffix.lower() not in EXTENSIONS or not file.is_file():
            raise SyncError(
                f"image « {src} » introuvable dans docs/ (ou format non pris en charge).", path=f"docs/{page_path}"
            )
        found[_wiki_name(src)] = file
    return found


def upload_images(ctx: Context, title: str, page_path: str, text: str, token: str) -> int:
    """Upload the page's images the wiki lacks; a different file of the same name is a conflict."""
    images = local_images(ctx, page_path, text)
    if not images:
        return 0
    remote = ctx.wiki.files(list(images))
    sent = 0
    for name, file in images.items():
        data = file.read_bytes()
        existing = remote.get(name)
        if existing is not None:
            if existing[0] != hashlib.sha1(data, usedforsecurity=False).hexdigest():
                raise EditConflict(
                    f"un autre fichier « {name} » existe déjà sur Movilab : il n'a pas été remplacé ; "
                    "renommez l'image dans docs/.",
                    path=f"docs/{page_path}",
                    title=title,
                )
            continue
        description = (
            f"Image de la page « {title} », publiée depuis {ctx.config.repo_url or ctx.config.site_name}."
            f"\n\nLicence : {ctx.config.licence_name} ({ctx.config.licence_url})."
        )
        ctx.wiki.upload(
            name,
            data,
            description=description,
            comment=f"Image de « {title} » — licence {ctx.config.licence_name}",
            token=token,
        )
        sent += 1
    return sent


def fetch_images(ctx: Context, page_path: str, markdown: str) -> tuple[str, dict[str, bytes]]:
    """Download the wiki files a pulled page shows and point its Markdown at the local copies.

    Returns the new Markdown and the files written (repo-relative path -> bytes) to commit with it.
    """
    prefix = ctx.config.movilab_pages + "Special:FilePath/"
    pattern = re.compile(r"\]\(<?" + re.escape(prefix) + r"([^)\s>]+)>?\)")
    names = {unquote(m).replace("_", " ") for m in pattern.findall(markdown)}
    written: dict[str, bytes] = {}
    if not names:
        return markdown, written
    folder = (ctx.config.docs_dir / page_path).parent / "images"
    urls = ctx.wiki.files(sorted(names))
    for name in names:
        info = urls.get(name)
        check_title(name)
        if info is None or "/" in name or name.startswith("."):
            continue
        target = folder / name.replace(" ", "_")
        data = ctx.wiki.download(info[1])
        if target.exists() and target.read_bytes() != data:
            continue  # a different local file of that name: keep the wiki link rather than overwrite
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(target, data)
            written[target.relative_to(ctx.root).as_posix()] = data
        markdown = markdown.replace(
            f"]({prefix}{quote(name.replace(' ', '_'))})", f"](images/{name.replace(' ', '_')})"
        )
        markdown = markdown.replace(f"]({prefix}{name.replace(' ', '_')})", f"](images/{name.replace(' ', '_')})")
    return markdown, written


def atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
