# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Which files of docs/ (and of the theme's overrides) a build may read and publish.

What may pass: directories and plain files, each with one name on disk. What
is refused, with the file named:

- every symbolic link, whatever it points to. A forge's web editor cannot make
  one, so a member never needs it; Windows checkouts turn links into small text
  files, so the site would differ from one machine to another; and a link that
  stays inside the repository can still reach `.git/config` (where CI keeps its
  token) or an untracked `.env`. MkDocs follows links, also into folders: a
  link to `/` would make it walk the whole machine before any hook runs, which
  is why this check comes before MkDocs lists the files;
- hard links, whose content is shared with a file that may be anywhere;
- named pipes, sockets and devices (reading a pipe blocks the build forever);
- names holding a character that means something in HTML (`< > " ' ` &`, a
  backslash or a control character): MkDocs prints a page's file name as its
  title and in its edit link, unescaped, so `docs/<img onerror=…>.md` ran in
  every page's navigation;
- in docs/, any file whose type is not in `PUBLISHED_SUFFIXES`. MkDocs copies
  every other file of docs/ to the site as it is, and a browser that opens an
  HTML, XHTML, XML or SVG file runs its scripts with the site's rights: a
  member's `docs/piege.html`, or an SVG "logo", would run there, next to the
  form editor's login. Pages are Markdown; images, documents and media are
  published as files that no browser runs. Names MkDocs never publishes
  (starting with a dot) are not checked.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Refused:
    """One entry of a published folder that the build will not read."""

    path: str  # as the user sees it, e.g. "docs/kit-accueil/secret.md"
    reason: str

    def __str__(self) -> str:
        return f"{self.path} {self.reason}"


# What a browser runs when it opens the file directly (HTML, XML, SVG): never served from the site's
# own address, where its scripts would have the site's rights (commons/external.py, sync/decide.py).
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".xht", ".xml", ".xsl", ".xslt", ".svg", ".svgz"})
# The files of docs/ the site publishes, by their suffix (lowercase): none of them runs in a browser.
PUBLISHED_SUFFIXES = frozenset(
    {
        ".md",  # pages
        *(".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"),  # images
        *(".pdf", ".odt", ".ods", ".odp", ".odg", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"),
        *(".csv", ".txt", ".yml", ".yaml", ".zip", ".epub"),  # documents and data
        *(".mp3", ".ogg", ".oga", ".opus", ".m4a", ".mp4", ".webm"),  # sound and video
    }
)
PUBLISHED_NAMES = frozenset({"CNAME"})  # the custom domain file of GitHub Pages


def type_refusal(name: str) -> str | None:
    """Why a file of docs/ with this name may not be published, by its type; None when it may."""
    suffix = Path(name).suffix.lower()
    if name.startswith(".") or name in PUBLISHED_NAMES or suffix in PUBLISHED_SUFFIXES:
        return None
    shown = f"« {suffix} »" if suffix else "sans extension"
    return (
        f"est un fichier {shown} : le site ne publie que des pages Markdown, des images (PNG, JPEG, GIF, WebP, "
        "AVIF), des documents (PDF, bureautique, CSV, texte) et des fichiers son ou vidéo ; un fichier HTML, SVG, "
        "XML ou JavaScript ouvert dans un navigateur exécuterait son code sur le site. Enregistrez l'image en PNG "
        "ou le document en PDF, ou mettez un lien vers l'original"
    )


_UNSAFE_NAME = re.compile(r"[<>\"'`&\\\x00-\x1f\x7f]")


def name_refusal(name: str) -> str | None:
    """Why a file or folder name may not be published; None when it may."""
    found = _UNSAFE_NAME.search(name)
    if found is None:
        return None
    shown = repr(found.group()) if found.group() < " " or found.group() == "\x7f" else f"« {found.group()} »"
    return (
        f"porte dans son nom un caractère refusé ({shown}) : renommez-le avec des lettres, des chiffres et des tirets"
    )


def refusal(info: os.stat_result) -> str | None:
    """Why an entry with this lstat() result may not be read or published; None when it may."""
    if stat.S_ISLNK(info.st_mode):
        return (
            "est un lien symbolique : le site n'en publie aucun (il pourrait montrer un fichier hors du dépôt). "
            "Remplacez-le par une copie du fichier"
        )
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        return "n'est pas un fichier ordinaire (tube, périphérique ou socket) : supprimez-le"
    if info.st_nlink > 1:
        return (
            "est un lien physique (« hard link ») qui partage son contenu avec un autre fichier, peut-être hors "
            "du dépôt : remplacez-le par une copie"
        )
    return None


def refused_entries(root: Path, label: str, *, content: bool = False) -> list[Refused]:
    """Every refused entry under `root` (itself included), never following a link; sorted by path.

    `label` is how the user names `root` ("docs", "overrides"). With `content`
    (docs/, what members write), file types are checked too; the theme's
    overrides are code. A missing root is not refused here: MkDocs reports it
    in its own words.
    """
    found: list[Refused] = []
    try:
        reason = refusal(os.lstat(root))
    except FileNotFoundError:
        return []
    if reason:
        return [Refused(label, reason)]
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=None):
        here = Path(folder)
        for name in [*dirs, *files]:
            entry = here / name
            try:
                info = os.lstat(entry)
                reason = name_refusal(name) or refusal(info)
                if reason is None and content and stat.S_ISREG(info.st_mode):
                    reason = type_refusal(name)
            except OSError as exc:
                reason = f"est illisible ({exc.strerror or exc})"
            if reason:
                found.append(Refused(f"{label}/{entry.relative_to(root).as_posix()}", reason))
        dirs[:] = [name for name in dirs if not (here / name).is_symlink()]
    return sorted(found, key=lambda r: r.path)


# What the build keeps between runs, ignored by git (.gitignore): the form editor's scripts, checked
# against package.json when downloaded (admin/vendor.py) and then trusted, and the copies of the images it
# publishes (commons/published_images.py). A pull request could add files there with `git add -f`, or make
# the folder a link: the site would then publish the pull request's own "editor", where members log in.
CACHE_DIR = ".cache"


def committed_cache(repo: Path) -> list[Refused]:
    """The build's cache folder when a commit brought it (files tracked by git, or a link): refused."""
    cache = repo / CACHE_DIR
    if cache.is_symlink():
        return [
            Refused(CACHE_DIR, "est un lien symbolique : le dossier de cache de la construction doit être un dossier")
        ]
    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--", CACHE_DIR], cwd=repo, capture_output=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):  # no git (a downloaded archive): nothing was committed
        return []
    tracked = (
        [name for name in done.stdout.decode("utf-8", "replace").split("\0") if name] if done.returncode == 0 else []
    )
    return [
        Refused(
            name,
            "est un fichier du cache de la construction ajouté au dépôt : ce dossier, ignoré par git, ne "
            "peut venir que de la construction elle-même (l'éditeur en ligne y est vérifié au "
            "téléchargement) ; retirez-le du dépôt avec « git rm -r --cached .cache »",
        )
        for name in sorted(tracked)
    ]


def report(refused: list[Refused]) -> str:
    """One French message for the whole list: the build stops before reading any of them."""
    lines = [f"{len(refused)} fichier(s) refusé(s) : la construction s'arrête avant de les lire ou de les publier."]
    lines += [f"  - {entry}." for entry in refused]
    lines.append("Voir la section « Sécurité » du README.")
    return "\n".join(lines)
