# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Who publishes the site and how to reach them: the settings behind the contact and legal pages.

French law asks every site for its publisher's identity and host (LCEN,
article 6), public bodies and large companies for an accessibility statement
(loi du 11 février 2005, article 47), and anyone who handles personal data to
say so (RGPD). A network forking the template fills in a few settings under
`extra:` in mkdocs.yml; the pages are generated from them
(commons/legal_pages.py), so they never disagree with the footer.

Values come from the network's own mkdocs.yml, yet they are printed in HTML:
every renderer escapes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The pages built from these settings (commons/legal_pages.py), docs-relative. Every page
# that may be generated is a page: links to them from docs/ are links to real pages (the sync
# reads this list too, without importing the page texts).
CONTACT = "contact.md"
LEGAL_NOTICE = "mentions-legales.md"
ACCESSIBILITY = "accessibilite.md"
PRIVACY = "donnees-personnelles.md"
GENERATED_PAGES = (CONTACT, LEGAL_NOTICE, ACCESSIBILITY, PRIVACY)

# The RGAA's three conformity levels (RGAA 4.1, "déclaration d'accessibilité").
CONFORMITY_LEVELS = ("totalement conforme", "partiellement conforme", "non conforme")
# Without an audit, the RGAA's rule is that a site is "non conforme": never claim more.
DEFAULT_LEVEL = "non conforme"


@dataclass(frozen=True)
class Contact:
    """How newcomers reach a person: any of an address, a form and a forum."""

    email: str = ""
    form: str = ""
    forum: str = ""

    @property
    def any(self) -> bool:
        return bool(self.email or self.form or self.forum)


@dataclass(frozen=True)
class Party:
    """The publisher or the host, as the mentions légales name them."""

    name: str = ""
    status: str = ""  # legal form: "association loi 1901"…
    address: str = ""
    identifier: str = ""  # SIREN, SIRET or RNA
    phone: str = ""
    website: str = ""
    director: str = ""  # directeur ou directrice de la publication (publisher only)


@dataclass(frozen=True)
class Audit:
    """An RGAA audit, when one was made: without one the level stays "non conforme"."""

    day: dt.date | None = None
    by: str = ""
    rate: str = ""  # share of RGAA criteria met, as the audit reports it ("78 %")


@dataclass(frozen=True)
class Accessibility:
    level: str = DEFAULT_LEVEL
    day: dt.date | None = None  # when the statement was written
    audit: Audit | None = None


@dataclass(frozen=True)
class LegalSettings:
    contact: Contact = field(default_factory=Contact)
    publisher: Party = field(default_factory=Party)
    host: Party = field(default_factory=Party)
    accessibility: Accessibility = field(default_factory=Accessibility)


def _text(mapping: Mapping[str, Any], key: str) -> str:
    value = mapping.get(key)
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _party(raw: Mapping[str, Any]) -> Party:
    return Party(
        name=_text(raw, "nom"),
        status=_text(raw, "statut"),
        address=_text(raw, "adresse"),
        identifier=_text(raw, "identifiant"),
        phone=_text(raw, "telephone"),
        website=_text(raw, "site"),
        director=_text(raw, "directeur_publication"),
    )


def level_of(value: Any) -> str:
    """The declared level when it is one of the RGAA's three, else the honest default."""
    text = " ".join(str(value or "").lower().split())
    return text if text in CONFORMITY_LEVELS else DEFAULT_LEVEL


def read_legal_settings(extra: Mapping[str, Any] | None) -> LegalSettings:
    """The settings under mkdocs.yml's `extra:`; anything missing or malformed reads as empty."""
    extra = _mapping(extra)
    contact = _mapping(extra.get("contact"))
    access = _mapping(extra.get("accessibilite"))
    audit_raw = _mapping(access.get("audit"))
    audit = None
    if audit_raw:
        audit = Audit(day=_day(audit_raw.get("date")), by=_text(audit_raw, "par"), rate=_text(audit_raw, "taux"))
    return LegalSettings(
        contact=Contact(
            email=_text(contact, "email"),
            form=_text(contact, "formulaire"),
            forum=_text(contact, "forum"),
        ),
        publisher=_party(_mapping(extra.get("editeur"))),
        host=_party(_mapping(extra.get("hebergeur"))),
        accessibility=Accessibility(level=level_of(access.get("etat")), day=_day(access.get("date")), audit=audit),
    )
