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

from commons import docs_tree
from sync import safety
from sync.errors import EditConflict, SyncError
from sync.titles import normalise
from sync.wiki import Wiki
from sync.workspace import Workspace

_LOCAL_IMAGE = re.compile(r"!\[[^\]]*\]\(<?([^)\s>]+)")
EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


def _wiki_name(src: str) -> str:
    """The name the converter gives a local image on the wiki (see sync.convert)."""
    return unquote(src.rsplit("/", 1)[-1]).replace("_", " ")


def local_images(ws: Workspace, page_path: str, text: str) -> dict[str, Path]:
    """Wiki file name -> local file, for the images a page references inside docs/ (never through a link)."""
    found: dict[str, Path] = {}
    base = (ws.settings.docs_dir / page_path).parent
    docs = ws.settings.docs_dir
    for src in _LOCAL_IMAGE.findall(text):
        if "://" in src or src.startswith(("/", "#", "data:")):
            continue
        parts = [p for p in unquote(src).split("/") if p not in ("", ".")]
        file = base.joinpath(*parts) if ".." not in parts else docs / ".."
        inside = ".." not in parts and docs in file.parents
        if not inside or file.suffix.lower() not in EXTENSIONS or not file.is_file():
            raise SyncError(
                f"image « {src} » introuvable dans docs/ (ou format non pris en charge).", path=f"docs/{page_path}"
            )
        safety.check_no_link(ws.root, file)
        found[_wiki_name(src)] = file
    return found


def upload_images(ws: Workspace, wiki: Wiki, title: str, page_path: str, text: str, token: str) -> int:
    """Upload the page's images the wiki lacks; a different file of the same name is a conflict."""
    images = local_images(ws, page_path, text)
    if not images:
        return 0
    # Sent only as HEAD has them, like the pages: the bytes checked are the bytes sent.
    paths = {name: file.relative_to(ws.root).as_posix() for name, file in images.items()}
    committed = ws.repo.tree_blobs(list(paths.values()))
    contents: dict[str, bytes] = {}
    for name, file in images.items():
        data = safety.read_bytes(ws.root, file)
        if data is None or not ws.repo.holds(paths[name], data, committed.get(paths[name])):
            raise SyncError(
                f"image {paths[name]} non commitée (ou modifiée depuis son dernier commit) : ni elle ni la page "
                f"n'ont été envoyées ; commitez-la (git add {paths[name]}, puis git commit) et relancez.",
                path=f"docs/{page_path}",
                title=title,
            )
        contents[name] = data
    remote = wiki.files(list(images))
    sent = 0
    for name in images:
        data = contents[name]
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
            f"Image de la page « {title} », publiée depuis {ws.settings.origin}."
            f"\n\nLicence : {ws.settings.licence_name} ({ws.settings.licence_url})."
        )
        wiki.upload(
            name,
            data,
            description=description,
            comment=f"Image de « {title} » — licence {ws.settings.licence_name}",
            token=token,
        )
        sent += 1
    return sent


def fetch_images(ws: Workspace, wiki: Wiki, page_path: str, markdown: str) -> tuple[str, dict[str, bytes]]:
    """Download the wiki files a pulled page shows and point its Markdown at the local copies.

    Returns the new Markdown and the files (repo-relative path -> bytes) to commit with it: they are
    written by that commit (history.Repo.commit), never through a symbolic link.
    """
    prefix = ws.settings.configured_pages + "Special:FilePath/"
    pattern = re.compile(r"\]\(<?" + re.escape(prefix) + r"([^)\s>]+)>?\)")
    names = {unquote(m).replace("_", " ") for m in pattern.findall(markdown)}
    written: dict[str, bytes] = {}
    if not names:
        return markdown, written
    folder = (ws.settings.docs_dir / page_path).parent / "images"
    urls = wiki.files(sorted(names))
    for name in sorted(names):
        info = urls.get(name)
        normalise(name)
        if info is None or "/" in name or name.startswith(".") or "\\" in name:
            continue
        if docs_tree.type_refusal(name) is not None:
            continue  # a type docs/ may not hold (an SVG would run its scripts): the wiki link stays, the
            # build shows a placeholder, and the pull says so (decide.py, "pull-image-hidden")
        target = folder / name.replace(" ", "_")
        data = wiki.download(info[1])
        existing = safety.read_bytes(ws.root, target)
        if existing is not None and existing != data:
            continue  # a different local file of that name: keep the wiki link rather than overwrite
        if existing is None:
            written[target.relative_to(ws.root).as_posix()] = data
        markdown = markdown.replace(
            f"]({prefix}{quote(name.replace(' ', '_'))})", f"](images/{name.replace(' ', '_')})"
        )
        markdown = markdown.replace(f"]({prefix}{name.replace(' ', '_')})", f"](images/{name.replace(' ', '_')})")
    return markdown, written
