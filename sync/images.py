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
from urllib.parse import quote, unquote, urlsplit

from commons import docs_tree
from sync import safety
from sync.errors import EditConflict, SyncError
from sync.origins import shown, web_origin
from sync.titles import normalise
from sync.wiki import Wiki
from sync.workspace import Workspace

_LOCAL_IMAGE = re.compile(r"!\[[^\]]*\]\(<?([^)\s>]+)")
EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


# What pull writes into docs/: the images the site's build publishes (commons.docs_tree), each beginning
# as its type does. The build checks names only, and a page of HTML or an SVG's script under an image's
# name would be published as it is: the wiki's file is checked here, before anything is written.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # and "WEBP" at byte 8 (_content_refusal)
}
MAX_IMAGE_BYTES = 20_000_000


def _name_refusal(local: str) -> str:
    """Why pull refuses to write a file of this name into docs/ (empty: it does not); a type docs/ never
    publishes is left on the wiki before this is asked (fetch_images)."""
    suffix = Path(local).suffix.lower()
    if docs_tree.name_refusal(local) or suffix not in SIGNATURES:
        return (
            "le site ne publie sous images/ que des PNG, JPEG, GIF ou WebP dont le nom ne porte aucun de < > \" ' ` &"
        )
    return ""


def _address_refusal(url: str, wiki: tuple[str, ...]) -> str:
    """Why pull does not download a file from `url`, an address the wiki's answer gives (empty: it does).

    What may pass: an http(s) address on one of the origins `wiki` (scheme, host and port of the API, and
    of the file servers the coordinator names in MOVILAB_FILES), without a user name or password in it.
    Anything else, another host, another port of the same machine, http for an https wiki, the host
    spelled otherwise (an IP for a name, a decimal IP, punycode), is asked nothing: the answer is hostile
    input, and the request would leave from the coordinator's machine (an internal service, a cloud's
    metadata address)."""
    origin = web_origin(url)
    if origin is None:
        return (
            f"le wiki le donne à une adresse que la synchronisation ne lit pas comme une adresse web sûre "
            f"({url[:80]}) : attendu http(s), un serveur, sans nom ni mot de passe, sans espace ni caractère "
            "invisible ni « \\ »"
        )
    allowed = {o for o in map(web_origin, wiki) if o is not None}
    if origin not in allowed:
        servers = ", ".join(sorted(map(shown, allowed)))
        return (
            f"le wiki le donne à une adresse qui n'est pas une adresse du wiki ({url[:80]}) ; la synchronisation "
            f"ne télécharge que depuis le wiki lui-même ({servers})"
        )
    return ""


def _content_refusal(local: str, data: bytes, sha1: str) -> str:
    """Why these bytes are not the image the wiki describes under this name (empty: they are)."""
    if sha1 and hashlib.sha1(data, usedforsecurity=False).hexdigest() != sha1.lower():
        return (
            "le fichier téléchargé n'est pas celui que le wiki décrit (empreinte SHA-1 différente : coupé en route ?)"
        )
    suffix = Path(local).suffix.lower()
    ok = data.startswith(SIGNATURES[suffix]) and (suffix != ".webp" or data[8:12] == b"WEBP")
    if not ok:
        kind = suffix.removeprefix(".").upper().replace("JPG", "JPEG")
        return f"son contenu n'est pas une image {kind} comme son nom le dit (une page web ou un script déguisé ?)"
    return ""


_WITHOUT = "récupérez la page sans --images : l'image y restera affichée depuis Movilab."


def _refused(name: str, page_path: str, reason: str, fix: str = "") -> SyncError:
    fix = fix or (
        "Remplacez le fichier sur Movilab par une image PNG, JPEG, GIF ou WebP au nom simple (ou retirez-la de "
        f"la page), ou {_WITHOUT}"
    )
    return SyncError(
        f"image « {name} » de Movilab refusée : {reason}. Ni l'image ni la page n'ont été écrites ; la "
        f"modification de la page reste sur Movilab. {fix}",
        path=f"docs/{page_path}",
    )


def _address_fix(url: str) -> str:
    """What to do about a file address refused (_address_refusal): name its server in MOVILAB_FILES if the
    wiki really serves its files there, else pull without the images."""
    origin = web_origin(url)
    if origin is None:
        return _WITHOUT[0].upper() + _WITHOUT[1:]
    return (
        f"Si les fichiers du wiki sont vraiment servis par {origin[0]}://{urlsplit(url).netloc.lower()} (voyez "
        "l'adresse de l'image sur sa page Fichier: du wiki), ajoutez cette adresse à la variable MOVILAB_FILES, "
        f"à côté de MOVILAB_API ; sinon, {_WITHOUT}"
    )


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
        local = name.replace(" ", "_")
        if docs_tree.type_refusal(local) is not None:
            continue  # a type docs/ may not hold (an SVG would run its scripts): the wiki link stays, the
            # build shows a placeholder, and the pull says so (decide.py, "pull-image-hidden")
        reason = _name_refusal(local)
        if reason:
            raise _refused(name, page_path, reason)
        reason = _address_refusal(info[1], (ws.settings.api, *ws.settings.files))
        if reason:
            raise _refused(name, page_path, reason, _address_fix(info[1]))
        target = folder / local
        try:
            data = wiki.download(info[1], MAX_IMAGE_BYTES)
        except SyncError as exc:
            if exc.api_code:  # the wiki unavailable (transport): said as such, the pull stops there
                raise
            raise _refused(name, page_path, exc.message.rstrip(".")) from None
        reason = _content_refusal(local, data, info[0])
        if reason:
            raise _refused(name, page_path, reason)
        existing = safety.read_bytes(ws.root, target)
        if existing is not None and existing != data:  # never written over: the page shows the wiki's
            shown = target.relative_to(ws.root).as_posix()
            note = (
                f"image « {name} » de docs/{page_path} laissée sur Movilab : {shown} est un autre fichier du même "
                "nom, gardé tel quel ; la page montre l'image de Movilab. Renommez l'une des deux pour avoir les deux."
            )
            if note not in ws.notes:
                ws.notes.append(note)
            continue
        if existing is None:
            written[target.relative_to(ws.root).as_posix()] = data
        markdown = markdown.replace(
            f"]({prefix}{quote(name.replace(' ', '_'))})", f"](images/{name.replace(' ', '_')})"
        )
        markdown = markdown.replace(f"]({prefix}{name.replace(' ', '_')})", f"](images/{name.replace(' ', '_')})")
    return markdown, written
