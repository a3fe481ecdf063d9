# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Where the bot password comes from: the environment or the system keyring, nowhere else.

A file would end up committed or copied into a CI artefact sooner or later, so
there is deliberately no option to read one. The password object never prints
itself (repr/str hide it), so it cannot leak through a log line or a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sync.errors import ConfigError

KEYRING_SERVICE = "movilab-sync"
API_ENV = "MOVILAB_API"  # the one API that may receive the password (see login_api)


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = field(repr=False)

    def __str__(self) -> str:
        return f"{self.user} (mot de passe masqué)"


def load_credentials() -> Credentials:
    """MOVILAB_USER / MOVILAB_PASSWORD, else the keyring entry `movilab-sync` for MOVILAB_USER."""
    user = os.environ.get("MOVILAB_USER", "").strip()
    password = os.environ.get("MOVILAB_PASSWORD", "")
    if user and not password:
        password = _from_keyring(user) or ""
    if not user or not password:
        raise ConfigError(
            "identifiants Movilab absents : définissez MOVILAB_USER (forme Nom@application) et "
            "MOVILAB_PASSWORD (mot de passe de robot créé sur Spécial:BotPasswords), ou enregistrez le "
            f"mot de passe dans le trousseau du système (service « {KEYRING_SERVICE} »). "
            "Ne les écrivez jamais dans un fichier du dépôt."
        )
    return Credentials(user, password)


def _from_keyring(user: str) -> str | None:
    try:
        import keyring  # optional: not every machine (nor CI) has a keyring
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, user)
    except Exception:
        return None


def login_api(api: str) -> str:
    """`api` (MOVILAB_API, "" when unset) if it may receive the bot password; ConfigError otherwise.

    Checked before any request that carries the password: the API is the one the coordinator
    named beside the password, never one from a file of the repository, and it is in https
    (or on this machine, for a rehearsal wiki).
    """
    if not api:
        raise ConfigError(
            "MOVILAB_API n'est pas défini : le mot de passe du robot n'est envoyé qu'à l'API nommée par "
            "cette variable, réglée à côté de MOVILAB_PASSWORD (secret ou variable de la CI, ou votre "
            "terminal), jamais à celle d'un fichier du dépôt, qu'une demande de fusion peut changer. "
            "Exemple : export MOVILAB_API=https://movilab.org/api.php"
        )
    parts = urlsplit(api)
    if parts.scheme != "https" and not _loopback(parts.hostname or ""):
        raise ConfigError(
            f"MOVILAB_API ({api}) n'est pas en https : le mot de passe du robot passerait en clair. "
            "Utilisez l'adresse en https:// de l'API."
        )
    return api


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
