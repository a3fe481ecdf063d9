# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What the sync is told to do, and by whom: mkdocs.yml for what a pull request may change,
the environment for what it must not.

mkdocs.yml travels with the branch being synced, so anything in it may come
from a member's pull request. It says where readers find the wiki and which
namespaces a page may be mirrored into. Where the bot password goes is not
its business: the API that receives credentials is the one named by
MOVILAB_API, set by the coordinator beside MOVILAB_PASSWORD (a CI secret or
variable, or their own shell), never a file of the repository. Without it,
the sync reads but does not log in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from commons.config import SiteConfig, load_site_config
from sync.credentials import API_ENV, login_api
from sync.errors import ConfigError
from sync.origins import web_origin
from sync.titles import title_to_url

FILES_ENV = "MOVILAB_FILES"


def _file_servers(value: str) -> tuple[str, ...]:
    """The addresses of MOVILAB_FILES (separated by spaces): http(s), with a host, no name nor password.

    Set beside MOVILAB_API, never read from a file of the branch: a pull request must not choose which
    hosts the coordinator's machine sends requests to (sync.images._address_refusal)."""
    servers = tuple(value.split())
    wrong = [f"« {server} »" for server in servers if web_origin(server) is None]
    if wrong:
        verb = "n'est pas l'adresse d'un serveur web" if len(wrong) == 1 else "ne sont pas des adresses de serveurs web"
        raise ConfigError(
            f"{FILES_ENV} : {', '.join(wrong)} {verb} (attendu http:// ou https://, sans nom ni mot de passe). "
            "Donnez, séparées par des espaces, les adresses des serveurs d'où le wiki sert ses fichiers, par "
            f"exemple {FILES_ENV}=https://upload.wikimedia.org"
        )
    return servers


@dataclass(frozen=True)
class Settings:
    root: Path
    docs_dir: Path
    site_name: str
    site_url: str
    repo_url: str
    licence_name: str
    licence_url: str
    api: str  # where requests go: MOVILAB_API when set, else mkdocs.yml
    configured_api: str  # extra.movilab.api of mkdocs.yml (a file of the branch)
    api_from_env: bool
    pages_url: str  # base of a page's address on the wiki (the rehearsal wiki's own, in a rehearsal)
    configured_pages: str  # extra.movilab.pages: the base the converter writes into links
    namespaces: frozenset[str]  # allowed besides the main namespace
    files: tuple[str, ...]  # MOVILAB_FILES: other servers pull --images may download the wiki's files from
    raw_extra: dict
    site_config: SiteConfig  # what the converter's site map needs (read once)

    @classmethod
    def load(cls, root: Path) -> Settings:
        config_file = root / "mkdocs.yml"
        if not config_file.is_file() or config_file.is_symlink():
            raise ConfigError("mkdocs.yml introuvable : lancez la commande depuis la racine du dépôt.")
        config = load_site_config(config_file)
        extra = config.raw.get("extra") or {}
        movilab = extra.get("movilab") if isinstance(extra, dict) else None
        movilab = movilab if isinstance(movilab, dict) else {}
        configured = str(movilab.get("api") or "")
        env_api = os.environ.get(API_ENV, "").strip()
        api = env_api or configured
        if not api:
            raise ConfigError(
                "adresse de l'API Movilab absente : renseignez extra.movilab.api dans mkdocs.yml "
                "ou la variable MOVILAB_API.",
                path="mkdocs.yml",
            )
        namespaces = movilab.get("namespaces") or []
        if not isinstance(namespaces, list) or not all(isinstance(n, str) for n in namespaces):
            raise ConfigError(
                "extra.movilab.namespaces doit être une liste de noms d'espaces de noms du wiki, par exemple [Project] pour les pages du projet (Movilab:…).",
                path="mkdocs.yml",
            )
        pages = os.environ.get("MOVILAB_PAGES") or config.movilab_pages
        if not os.environ.get("MOVILAB_PAGES") and (not pages or (env_api and env_api != configured)):
            pages = api.rsplit("/", 1)[0] + "/index.php?title="  # a rehearsal wiki's own pages
        return cls(
            root=root,
            docs_dir=config.docs_dir,
            site_name=config.site_name,
            site_url=config.site_url,
            repo_url=config.repo_url,
            licence_name=config.licence_name,
            licence_url=config.licence_url,
            api=api,
            configured_api=configured,
            api_from_env=bool(env_api),
            pages_url=pages,
            configured_pages=config.movilab_pages,
            namespaces=frozenset(n.strip() for n in namespaces if n.strip()),
            files=_file_servers(os.environ.get(FILES_ENV, "")),
            raw_extra=movilab,
            site_config=config,
        )

    @property
    def docs_prefix(self) -> str:
        return self.docs_dir.relative_to(self.root).as_posix()

    def page_url(self, title: str) -> str:
        """Public address of a wiki page."""
        return self.pages_url + title_to_url(title)

    @property
    def origin(self) -> str:
        """How edit summaries and commit messages name this repository."""
        return self.repo_url or self.site_name or "le dépôt git du réseau"

    def login_api(self) -> str:
        """The API that may receive the bot password; ConfigError (before any request) otherwise."""
        return login_api(self.api if self.api_from_env else "")
