# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What a network that forks the template still has to fill in, and its notes "à adapter".

Two things only the forking network can write: its settings (addresses,
contact, publisher, host) and the passages of the pages that the template
marks for it. Both are found here, as data, so that the build reminds the
coordinator (hooks/forking.py) and the content check of pull requests can
say the same thing; the French wording of each reminder lives in this file.

Example settings are recognised by what the template puts in them: the
reserved example domains (RFC 2606) and the word "exemple". A real value
never contains either, so a fork that filled everything in hears nothing.

Notes for the forking network are admonitions of the type `adapter`:

    !!! adapter "Réseau qui reprend ce site"
        Complétez la colonne « Où le trouver » avec vos propres adresses.

They show in the files and in the local preview (`./dev site`), where the
coordinator edits; a published build leaves them out, the PDF of the kit
included, since newcomers are not the ones who adapt the page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from commons.legal import CONFORMITY_LEVELS

# RFC 2606 / RFC 6761 names no real site uses, and the template's own word for its examples.
_EXAMPLE = re.compile(
    r"(?:^|[/@.])(?:example\.(?:org|com|net)|[a-z0-9-]+\.(?:example|invalid|test))(?:$|[/:?#])|exemple",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reminder:
    """One setting a forking network has to fill in: where it is, and what to put there."""

    setting: str  # as written in mkdocs.yml: "site_url", "extra.contact.email"
    value: str  # what it holds now ("" when missing)
    message: str  # French, says what to write

    def __str__(self) -> str:
        shown = f" (valeur actuelle : {self.value})" if self.value else ""
        return f"mkdocs.yml, réglage « {self.setting} »{shown} : {self.message}"


# Template values that look real but are not a network's: compared exactly.
_TEMPLATE_VALUES = {"site_name": "Réseau des tiers-lieux"}


def is_example(value: str) -> bool:
    """True for the template's placeholder values: example domains, the word "exemple"."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return bool(_EXAMPLE.search(folded))


def _get(raw: Mapping[str, Any], dotted: str) -> Any:
    node: Any = raw
    for part in dotted.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def _text(value: Any) -> str:
    return "" if value is None or isinstance(value, (dict, list)) else str(value).strip()


# (setting, required, what to write): the order is the order of mkdocs.yml.
_SETTINGS: tuple[tuple[str, bool, str], ...] = (
    ("site_name", True, "écrivez le nom de votre réseau, tel qu'il apparaîtra en haut de chaque page et sur le kit"),
    (
        "site_url",
        True,
        "écrivez l'adresse publique du site (elle sert aux liens du calendrier, des flux et de Movilab)",
    ),
    (
        "repo_url",
        True,
        "écrivez l'adresse de votre dépôt sur la forge (les liens « Proposer une modification » y mènent)",
    ),
    ("extra.contact.email", False, "écrivez l'adresse où les nouveaux et nouvelles venues peuvent vous écrire"),
    ("extra.contact.formulaire", False, "écrivez l'adresse de votre formulaire de contact, ou laissez vide"),
    ("extra.contact.forum", False, "écrivez l'adresse de votre forum ou liste de discussion, ou laissez vide"),
    ("extra.editeur.nom", True, "écrivez le nom de la structure qui publie le site (mentions légales)"),
    ("extra.editeur.adresse", True, "écrivez l'adresse du siège de la structure qui publie le site"),
    ("extra.editeur.directeur_publication", True, "écrivez le nom de la personne qui répond de la publication"),
    ("extra.editeur.telephone", False, "écrivez le téléphone de la structure, ou laissez vide"),
    ("extra.hebergeur.nom", True, "écrivez le nom de l'hébergeur du site (GitHub, GitLab, votre hébergeur…)"),
    ("extra.hebergeur.adresse", True, "écrivez l'adresse postale de l'hébergeur"),
    ("extra.hebergeur.telephone", True, "écrivez le téléphone de l'hébergeur, que la loi demande aussi"),
    ("extra.accessibilite.date", True, "écrivez la date à laquelle vous avez relu la déclaration d'accessibilité"),
)


def _folded(key: str) -> str:
    """A key without accents, case, hyphens or spaces: how two spellings of one setting are compared."""
    ascii_ = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[\s_-]", "", ascii_.lower())


def _spelled_otherwise(raw: Mapping[str, Any], setting: str) -> str | None:
    """A key beside a missing setting that is the same word written otherwise (`téléphone`, `Adresse`)."""
    parent, _, key = setting.rpartition(".")
    siblings = _get(raw, parent) if parent else raw
    if not isinstance(siblings, Mapping):
        return None
    return next((str(k) for k in siblings if str(k) != key and _folded(str(k)) == _folded(key)), None)


def settings_to_fill(raw: Mapping[str, Any]) -> list[Reminder]:
    """Settings that still hold the template's example values, or that the legal pages need and lack.

    `raw` is mkdocs.yml as read by commons.config.load_yaml (or SiteConfig.raw).
    """
    found: list[Reminder] = []
    for setting, required, what in _SETTINGS:
        value = _text(_get(raw, setting))
        if value and (is_example(value) or _TEMPLATE_VALUES.get(setting) == value):
            found.append(Reminder(setting, value, "c'est la valeur d'exemple du modèle ; " + what + "."))
        elif not value and (required or _spelled_otherwise(raw, setting)):
            near = _spelled_otherwise(raw, setting)
            said = f"vous avez écrit « {near} » : le réglage s'écrit « {setting.rsplit('.', 1)[-1]} »" if near else ""
            found.append(Reminder(setting, "", f"ce réglage manque ; {said + ' ; ' if said else ''}{what}."))
    contact = [_text(_get(raw, f"extra.contact.{k}")) for k in ("email", "formulaire", "forum")]
    if not any(contact):
        found.append(
            Reminder(
                "extra.contact",
                "",
                "aucun moyen de contact : donnez au moins une adresse e-mail, un formulaire ou un forum.",
            )
        )
    level = " ".join(_text(_get(raw, "extra.accessibilite.etat")).lower().split())
    if level not in CONFORMITY_LEVELS:
        found.append(
            Reminder(
                "extra.accessibilite.etat",
                level,
                "écrivez « non conforme », « partiellement conforme » ou « totalement conforme » ; "
                "sans audit RGAA, le site est « non conforme » (c'est ce qu'affiche la déclaration en attendant).",
            )
        )
    return found


# --- Notes "à adapter" -------------------------------------------------------------------------

NOTE_TYPE = "adapter"
_NOTE_START = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+" + NOTE_TYPE + r"\b")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def _note_ranges(markdown: str) -> list[tuple[int, int]]:
    """(first, last + 1) line indexes of each `adapter` admonition, fenced code left alone."""
    lines = markdown.splitlines()
    ranges = []
    fence = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            index += 1
            continue
        if opening:
            fence = opening.group(1)
            index += 1
            continue
        start = _NOTE_START.match(line)
        if start is None:
            index += 1
            continue
        indent = len(start.group("indent").expandtabs(4))
        end = index + 1
        while end < len(lines):
            body = lines[end]
            if body.strip() and len(body.expandtabs(4)) - len(body.expandtabs(4).lstrip()) <= indent:
                break
            end += 1
        while end > index + 1 and not lines[end - 1].strip():  # keep the blank line that follows
            end -= 1
        ranges.append((index, end))
        index = end
    return ranges


def note_lines(markdown: str, first_line: int = 1) -> list[int]:
    """File lines (1-based, counting from `first_line`) where notes for the forking network start."""
    return [first_line + start for start, _ in _note_ranges(markdown)]


def strip_notes(markdown: str) -> str:
    """The page without its notes for the forking network, as the published site shows it."""
    ranges = _note_ranges(markdown)
    if not ranges:
        return markdown
    lines = markdown.splitlines(keepends=True)
    kept: list[str] = []
    previous = 0
    for start, end in ranges:
        kept.extend(lines[previous:start])
        previous = end
        # Drop the blank line after the note too, so no double gap is left behind.
        if previous < len(lines) and not lines[previous].strip():
            previous += 1
    kept.extend(lines[previous:])
    return "".join(kept)


@dataclass(frozen=True)
class NoteSite:
    """A page that still carries notes for the forking network."""

    path: str  # docs-relative
    lines: tuple[int, ...]

    def __str__(self) -> str:
        where = ", ".join(str(n) for n in self.lines)
        return f"docs/{self.path} (ligne{'s' if len(self.lines) > 1 else ''} {where})"


def pages_with_notes(pages: Iterable[tuple[str, str, int]]) -> list[NoteSite]:
    """From (path, body, line of the body's first line) triples, the pages that carry notes."""
    found = []
    for path, body, body_line in pages:
        lines = note_lines(body, body_line)
        if lines:
            found.append(NoteSite(path, tuple(lines)))
    return found


def reminder_report(
    settings: list[Reminder], notes: list[NoteSite], duplicates: Sequence[tuple[str, int, int]] = ()
) -> list[str]:
    """The lines the build prints, in French; empty when the fork has filled everything in.

    `duplicates`: settings mkdocs.yml gives twice in one block (commons.config.duplicate_keys)."""
    lines: list[str] = []
    if duplicates:
        lines.append(
            "Réglages écrits deux fois dans un même bloc de mkdocs.yml : YAML ne garde que le second et "
            "ignore le premier sans rien dire ; réunissez-les en un seul bloc :"
        )
        lines.extend(f"  - {name} : lignes {first} et {second}" for name, first, second in duplicates)
    if settings:
        lines.append(
            f"{len(settings)} réglage{'s' if len(settings) > 1 else ''} de mkdocs.yml "
            f"{'gardent' if len(settings) > 1 else 'garde'} la valeur d'exemple du modèle ou "
            f"{'manquent' if len(settings) > 1 else 'manque'} (README, « Reprendre le modèle pour son réseau ») :"
        )
        lines.extend(f"  - {reminder}" for reminder in settings)
    if notes:
        lines.append(
            "Pages qui portent encore un encadré « à adapter » (visible dans l'aperçu local, "
            "retiré du site publié) : adaptez la page puis supprimez l'encadré :"
        )
        lines.extend(f"  - {note}" for note in notes)
    return lines
