# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Type checks of front matter values, each with the French sentence a member needs.

A check takes the field's name, the value read from YAML and the field
(for its choices) and returns None when the value is valid, else one message:
what was expected, what was found, and the line to write instead when it can
be guessed (`thèmes: environnement` → « Écrivez : thèmes: [environnement] »).

What may pass is written here, in one place: the schema (commons/schema.py)
says which field has which type.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from commons.dates import iso_suggestion, when
from commons.templates import PLACEHOLDERS

PUBLICS = ("porteur-de-projet", "tiers-lieu", "coordination", "collectivité", "tous")
NIVEAUX = ("découverte", "intermédiaire", "avancé")
DESCRIPTION_MAX = 200

Check = Callable[[str, Any, Any], str | None]


def show(value: Any) -> str:
    """What was found, said in French: « le nombre 12 », « le texte « x » », « une liste »…"""
    if value is None:
        return "rien (le champ est vide)"
    if isinstance(value, bool):
        return f"la valeur {'vrai' if value else 'faux'} ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"le nombre {value}"
    if isinstance(value, dt.datetime):
        return f"la date et l'heure {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"la date {value.isoformat()}"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "…"
        return f"le texte « {text} »" if value.strip() else "un texte vide"
    if isinstance(value, list):
        return "une liste vide" if not value else f"une liste de {len(value)} élément(s)"
    if isinstance(value, dict):
        return "un ensemble de champs"
    return f"« {value} »"


def _scalar_text(value: Any) -> str:
    """How a number or a date would be written as text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _placeholder(value: Any) -> str | None:
    if isinstance(value, str) and value.strip() in PLACEHOLDERS:
        return f"« {value.strip()} » est l'exemple du modèle : remplacez-le par votre propre texte."
    return None


def text(name: str, value: Any, field: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return _placeholder(value)
    if isinstance(value, bool):
        return (
            f"attendu : un texte ; trouvé : {show(value)}, car yes, no, on, off, true et false sont lus comme "
            f'oui ou non. Mettez le texte entre guillemets : {name}: "…"'
        )
    if isinstance(value, int | float | dt.date):
        return (
            f'attendu : un texte ; trouvé : {show(value)}. Mettez-le entre guillemets : {name}: "{_scalar_text(value)}"'
        )
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return f"attendu : un seul texte, sans crochets ; trouvé : une liste. Écrivez : {name}: {value[0]}"
    return f"attendu : un texte non vide ; trouvé : {show(value)}."


def description(name: str, value: Any, field: Any) -> str | None:
    problem = text(name, value, field)
    if problem:
        return problem
    if len(value) > DESCRIPTION_MAX:
        return (
            f"attendu : une phrase de {DESCRIPTION_MAX} caractères au plus ; elle en fait {len(value)} : "
            "raccourcissez-la"
        )
    return None


def _as_list_fix(name: str, value: str) -> str:
    items = [v.strip() for v in value.strip().strip("[]").split(",") if v.strip()]
    return f"{name}: [{', '.join(items)}]"


def themes(name: str, value: Any, field: Any) -> str | None:
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return None
    if isinstance(value, str) and value.strip():
        return (
            f"attendu : une liste entre crochets, même pour un seul thème ; trouvé : {show(value)}. "
            f"Écrivez : {_as_list_fix(name, value)}"
        )
    if isinstance(value, list) and value:
        wrong = [v for v in value if not (isinstance(v, str) and v.strip())]
        return (
            f"attendu : des thèmes écrits en lettres ; trouvé : {show(wrong[0])} dans la liste. "
            "Mettez-le entre guillemets ou retirez-le."
        )
    return f"attendu : une liste d'au moins un thème, par exemple {name}: [gouvernance, économie] ; trouvé : {show(value)}."


def people(name: str, value: Any, field: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return next((p for p in map(_placeholder, value) if p), None)
    if isinstance(value, str) and value.strip():
        return f"attendu : une liste entre crochets ; trouvé : {show(value)}. Écrivez : {_as_list_fix(name, value)}"
    return f"attendu : une liste de noms, par exemple {name}: [Camille Martin, Sacha Dupont] ; trouvé : {show(value)}."


def _near(value: Any, allowed: tuple[str, ...]) -> str:
    near = difflib.get_close_matches(str(value), list(allowed), n=1, cutoff=0.6)
    return f" Vouliez-vous dire « {near[0]} » ?" if near else ""


def choices(name: str, value: Any, field: Any) -> str | None:
    allowed: tuple[str, ...] = field.choices
    listed = ", ".join(allowed)
    if isinstance(value, list) and value and all(v in allowed for v in value):
        return None
    if isinstance(value, str) and value.strip():
        fix = _as_list_fix(name, value)
        if all(v.strip() in allowed for v in value.split(",")):
            return f"attendu : une liste entre crochets ; trouvé : {show(value)}. Écrivez : {fix}"
        return f"attendu : une liste prise parmi : {listed} ; trouvé : {show(value)}.{_near(value, allowed)}"
    if isinstance(value, list) and value:
        wrong = [str(v) for v in value if v not in allowed]
        return (
            f"attendu : une liste prise parmi : {listed} (valeur inconnue : "
            + ", ".join(f"« {w} »" for w in wrong)
            + f").{_near(wrong[0], allowed)}"
        )
    return f"attendu : une liste prise parmi : {listed} ; trouvé : {show(value)}."


def choice(name: str, value: Any, field: Any) -> str | None:
    allowed: tuple[str, ...] = field.choices
    if value in allowed:
        return None
    listed = ", ".join(allowed)
    if isinstance(value, list) and len(value) == 1 and value[0] in allowed:
        return f"attendu : une seule valeur, sans crochets ; trouvé : une liste. Écrivez : {name}: {value[0]}"
    return f"attendu : une valeur parmi : {listed} ; trouvé : {show(value)}.{_near(value, allowed)}"


def _whole_number(name: str, value: Any, example: int, unit: str = "") -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return None
    expected = f"un nombre entier à partir de 1{unit}, par exemple {name}: {example}"
    if isinstance(value, str) and value.strip().isdigit():
        return f"attendu : {expected} ; trouvé : {show(value)}. Écrivez-le sans guillemets : {name}: {value.strip()}"
    if isinstance(value, str):
        hours = re.fullmatch(r"\s*(\d+)\s*h\s*(\d*)\s*", value)
        if unit and hours:
            minutes = int(hours.group(1)) * 60 + int(hours.group(2) or 0)
            return f"attendu : une durée en minutes ; trouvé : {show(value)}. Écrivez : {name}: {minutes}"
    return f"attendu : {expected} ; trouvé : {show(value)}."


def order(name: str, value: Any, field: Any) -> str | None:
    return _whole_number(name, value, 3)


def minutes(name: str, value: Any, field: Any) -> str | None:
    return _whole_number(name, value, 90, " (en minutes)")


def _date_fix(name: str, value: Any) -> str:
    suggestion = iso_suggestion(value)
    return f" Écrivez : {name}: {suggestion}" if suggestion else ""


def date(name: str, value: Any, field: Any) -> str | None:
    if isinstance(value, dt.date):
        return None
    return (
        f"attendu : une date au format AAAA-MM-JJ, sans guillemets, par exemple 2026-03-14 ; "
        f"trouvé : {show(value)}.{_date_fix(name, value)}"
    )


def when_(name: str, value: Any, field: Any) -> str | None:
    if when(value) is not None:
        return None
    return (
        "attendu : une date AAAA-MM-JJ (par exemple 2027-03-11) ou une date et une heure de Paris "
        f"(par exemple 2027-03-11T14:00:00 ou 2027-03-11 14:00) ; trouvé : {show(value)}.{_date_fix(name, value)}"
    )


def version(name: str, value: Any, field: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'attendu : un numéro de version entre guillemets ; trouvé : {show(value)}. Écrivez : {name}: "{value}"'
    return f'attendu : un numéro de version entre guillemets, par exemple {name}: "1.0" ; trouvé : {show(value)}.'


def url(name: str, value: Any, field: Any) -> str | None:
    expected = "une adresse web complète commençant par https://"
    if not isinstance(value, str) or not value.strip():
        return f"attendu : {expected} ; trouvé : {show(value)}."
    value = value.strip()
    if value in PLACEHOLDERS or "…" in value or "..." in value:
        return (
            f"« {value} » est l'adresse d'exemple du modèle : remplacez-la par la vraie adresse, "
            f"ou retirez la ligne « {name}: » si vous ne l'avez pas encore."
        )
    parsed = urlparse(value)
    if parsed.scheme in ("http", "https") and "." in parsed.netloc and not re.search(r"\s", value):
        return None
    if not parsed.scheme and re.match(r"[\w-]+(\.[\w-]+)+(/|$)", value):
        return f"attendu : {expected} ; trouvé : {show(value)}. Écrivez : {name}: https://{value}"
    return f"attendu : {expected}, sans espace ; trouvé : {show(value)}."


def wiki_title(name: str, value: Any, field: Any) -> str | None:
    if isinstance(value, str) and value.strip() and not any(c in value for c in "#<>[]|{}"):
        return None
    return (
        "attendu : le titre exact de la page sur Movilab, sans les caractères # < > [ ] | { } ; "
        f"trouvé : {show(value)}."
    )


def wiki_data(name: str, value: Any, field: Any) -> str | None:
    if isinstance(value, dict):
        return None
    return f"attendu : un ensemble de champs (écrit par la synchronisation) ; trouvé : {show(value)}."


def _checked_elsewhere(name: str, value: Any, field: Any) -> str | None:
    return None  # sources and intervenants are checked item by item, with a line per item


CHECKS: dict[str, Check] = {
    "text": text,
    "description": description,
    "themes": themes,
    "people": people,
    "choices": choices,
    "choice": choice,
    "order": order,
    "minutes": minutes,
    "date": date,
    "when": when_,
    "version": version,
    "url": url,
    "wiki_title": wiki_title,
    "wiki_data": wiki_data,
    "sources": _checked_elsewhere,
    "speakers": _checked_elsewhere,
}
