# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Wiki titles: the one place where a title is checked, normalised and turned into a URL.

A title reaches the sync from a page header (a member's pull request), from the
state file, and from the wiki itself (recent changes, moves): three spellings of
what must be one key. MediaWiki stores a title in a canonical form; every title
the sync keeps or compares is in that form, computed here the way MediaWiki
computes it (Unicode NFC, bidirectional marks dropped, every kind of space and
underscores as one space, first letter upper-case). What only the wiki knows
(its namespace aliases, interwiki prefixes) is checked against its answer
before anything is written: see `check_answer`.

Only main-namespace titles are mirrored unless `extra.movilab.namespaces`
lists others; the wiki's interface and personal pages never are.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import quote, unquote

from sync.errors import UnsafeTitleError

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# What MediaWiki strips from a title (MediaWikiTitleCodec): left-to-right and right-to-left marks.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e]")
# What MediaWiki reads as a space in a title.
_SPACES = re.compile("[ _\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
# Characters a MediaWiki title can never hold, and URL escapes it refuses.
_ILLEGAL = re.compile(r"[#<>\[\]|{}]|%[0-9A-Fa-f]{2}|~{3}")
MAX_BYTES = 255

# Namespaces every MediaWiki has, by their English canonical names and aliases, and their French names
# (Movilab's language): enough to refuse `Modèle:X` or `User:X` before any request. The wiki's own answer
# (the namespace it gives the page) is checked too before anything is written: a local name such as the
# project namespace (named after the site) is caught there.
CORE_NAMESPACES: dict[str, int] = {
    "media": -2,
    "média": -2,
    "special": -1,
    "spécial": -1,
    "talk": 1,
    "discussion": 1,
    "user": 2,
    "utilisateur": 2,
    "utilisatrice": 2,
    "user talk": 3,
    "discussion utilisateur": 3,
    "discussion utilisatrice": 3,
    "project": 4,
    "project talk": 5,
    "file": 6,
    "fichier": 6,
    "image": 6,
    "file talk": 7,
    "image talk": 7,
    "discussion fichier": 7,
    "discussion image": 7,
    "mediawiki": 8,
    "mediawiki talk": 9,
    "discussion mediawiki": 9,
    "template": 10,
    "modèle": 10,
    "template talk": 11,
    "discussion modèle": 11,
    "help": 12,
    "aide": 12,
    "help talk": 13,
    "discussion aide": 13,
    "category": 14,
    "catégorie": 14,
    "category talk": 15,
    "discussion catégorie": 15,
    "module": 828,  # Scribunto: Lua code
    "module talk": 829,
    "discussion module": 829,
}
# Never mirrored, whatever the settings say: the wiki's interface and people's own pages.
FORBIDDEN_NAMESPACES = frozenset({-2, -1, 2, 3, 8, 9})


@functools.lru_cache(maxsize=4096)
def normalise(title: str) -> str:
    """The canonical spelling MediaWiki gives `title`, or UnsafeTitleError when it can be no title.

    Kept for the run (a pure function: an error is raised again, never kept): a run spells each title
    of the site several times (state file, pages, the guess of a push's login)."""
    if _CONTROL.search(title):
        raise UnsafeTitleError(
            "titre refusé : il contient un caractère de contrôle (NUL, retour à la ligne…).", title=repr(title)
        )
    text = _BIDI.sub("", unicodedata.normalize("NFC", title))
    text = _SPACES.sub(" ", text).strip(" ")
    if text.startswith(":"):  # `:Titre` names the main namespace explicitly
        text = text[1:].lstrip(" ")
    if not text:
        raise UnsafeTitleError("titre vide : indiquez le titre de la page Movilab.", title=title)
    invisible = sorted({f"U+{ord(c):04X}" for c in text if unicodedata.category(c) in ("Cf", "Co", "Cn")})
    if invisible:
        raise UnsafeTitleError(
            f"titre refusé : il contient un caractère invisible ({', '.join(invisible)}) qui en ferait une "
            "autre page que celle qu'on lit. Retapez le titre à la main.",
            title=text,
        )
    if (
        _ILLEGAL.search(text)
        or text.startswith(("/", "."))
        or "/../" in f"/{text}/"
        or "/./" in f"/{text}/"
        or len(text.encode()) > MAX_BYTES
    ):
        raise UnsafeTitleError(
            "titre refusé : il ne peut pas être un titre de page Movilab (caractères # < > [ ] | { }, "
            "chemin relatif, ou plus de 255 octets).",
            title=text,
        )
    # MediaWiki composes again after upper-casing (ΐ becomes Ϊ́ in three code points, then two).
    return unicodedata.normalize("NFC", text[0].upper() + text[1:])


def namespace_prefix(title: str) -> str | None:
    """The part before the first colon, as a namespace name would be compared (None: no colon)."""
    if ":" not in title:
        return None
    return _SPACES.sub(" ", title.split(":", 1)[0]).strip().lower()


def check_namespace(title: str, allowed: frozenset[str], ns: int | None = None) -> None:
    """Refuse a title outside the main namespace unless `allowed` names its namespace.

    Without `ns` (before any request), the title's prefix is looked up among the
    namespaces every MediaWiki has; `ns` is the namespace number the wiki itself
    gave the page, and wins.
    """
    prefix = namespace_prefix(title)
    number = ns if ns is not None else (CORE_NAMESPACES.get(prefix) if prefix is not None else 0)
    if not number:
        return
    name = title.split(":", 1)[0]
    if number in FORBIDDEN_NAMESPACES:
        raise UnsafeTitleError(
            "titre refusé : c'est une page d'interface ou une page personnelle du wiki "
            f"(espace de noms « {name} ») ; la synchronisation n'y écrit jamais.",
            title=title,
        )
    names = {n for n, number_ in CORE_NAMESPACES.items() if number_ == number} | {prefix or ""}
    if not names & {a.lower() for a in allowed}:
        raise UnsafeTitleError(
            f"titre refusé : il est dans l'espace de noms « {name} » du wiki, pas dans l'espace principal. "
            "Choisissez un titre sans « : » en tête, ou ajoutez cet espace de noms à "
            "extra.movilab.namespaces dans mkdocs.yml si le réseau l'a décidé.",
            title=title,
        )


def check_answer(asked: str, canonical: str, *, ns: int, allowed: frozenset[str]) -> None:
    """The wiki's verdict on a title we normalised ourselves: same spelling, allowed namespace."""
    check_namespace(canonical, allowed, ns)
    if canonical != asked:
        raise UnsafeTitleError(
            f"sur Movilab, ce titre s'écrit « {canonical} » : écrivez-le ainsi dans l'en-tête (« movilab: »), "
            "pour qu'il désigne sans ambiguïté une seule page.",
            title=asked,
        )


def title_to_url(title: str) -> str:
    """Wiki title → URL path segment, as MediaWiki's wfUrlencode writes it (spaces as underscores)."""
    return quote(title.replace(" ", "_"), safe=";@$!*(),/~:")


def url_to_title(segment: str) -> str:
    return unquote(segment).replace("_", " ")
