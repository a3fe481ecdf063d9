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

from sync.errors import ConfigError

KEYRING_SERVICE = "movilab-sync"


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
