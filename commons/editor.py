# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The form editor at /admin/ (Decap CMS): its configuration, generated from the content model.

Collections and fields come from commons.schema.SCHEMAS, the bodies of new
pages from commons.templates, the choices from the site itself (themes in use,
docs/sources.yml), so the form, the validation and CONTRIBUTING.md cannot
drift apart. Where the repository lives (GitHub, GitLab, Forgejo) and how
members log in comes from mkdocs.yml: `repo_url` and `extra.editeur`.

Pure functions: hooks/editor.py writes what they return into the built site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urlparse

from commons import checks
from commons.config import SiteConfig
from commons.pages import Page
from commons.schema import SCHEMAS, Field, valid_keys_hint
from commons.templates import PLACEHOLDER_BODIES, PLACEHOLDERS, TEMPLATES

# The collections, in the order of the site's navigation.
COLLECTIONS = (
    # name, kind, label, singular label
    ("fiches", "fiche", "Boîte à outils", "fiche"),
    ("kit", "kit", "Kit d'accueil", "page du kit"),
    ("webinaires", "webinaire", "Webinaires", "webinaire"),
    ("charte", "charte", "Charte", "charte"),
)

# Kept as written by whoever wrote them (the sync, a maintainer): not shown in the form.
NOT_IN_FORM = ("movilab", "wiki")

# Entries are told apart from a section's index page by a key the index may not have.
KIND_KEY = "__commons_kind"
LOCAL_PROXY = "http://127.0.0.1:8081/api/v1"

URL_PATTERN = r"^https?://(?![^\s]*(?:…|\.\.\.))[^\s/]+\.[^\s]+$"


@dataclass(frozen=True)
class Forge:
    """Where the repository lives and how the form logs members in."""

    kind: str  # github, gitlab, forgejo or gitea
    repo: str  # owner/name
    host: str  # https://github.com, https://framagit.org…
    branch: str
    app_id: str  # OAuth application of GitLab / Forgejo (PKCE)
    auth_url: str  # GitHub: the small OAuth service that holds the client secret

    @property
    def ready(self) -> bool:
        """Whether a member can log in on the published site (the local proxy works regardless)."""
        if not self.repo:
            return False
        if self.kind == "github":
            return bool(self.auth_url)
        return bool(self.app_id)

    @property
    def opens_pull_requests(self) -> bool:
        """Decap's editorial workflow (a pull request per change) exists on GitHub, GitLab and Forgejo."""
        return self.kind != "gitea"


def forge_of(config: SiteConfig) -> Forge:
    """Read `repo_url` and `extra.editeur` (all optional) from mkdocs.yml."""
    settings = (config.raw.get("extra") or {}).get("editeur") or {}
    parsed = urlparse(config.repo_url)
    host = f"{parsed.scheme or 'https'}://{parsed.netloc}" if parsed.netloc else ""
    repo = parsed.path.strip("/").removesuffix(".git")
    kind = str(settings.get("forge") or "").strip().lower()
    if not kind:
        if parsed.netloc == "github.com":
            kind = "github"
        elif parsed.netloc in ("codeberg.org",) or "forgejo" in parsed.netloc:
            kind = "forgejo"
        elif "gitea" in parsed.netloc:
            kind = "gitea"
        else:
            kind = "gitlab"  # gitlab.com, framagit.org and most self-hosted forges of the sector
    return Forge(
        kind=kind,
        repo=repo,
        host=host,
        branch=str(settings.get("branche") or "main"),
        app_id=str(settings.get("app_id") or ""),
        auth_url=str(settings.get("auth_url") or "").rstrip("/"),
    )


# Commit messages and pull request titles, read by members and reviewers: in French.
COMMIT_MESSAGES = {
    "create": "Ajout : {{collection}} « {{slug}} »",
    "update": "Modification : {{collection}} « {{slug}} »",
    "delete": "Suppression : {{collection}} « {{slug}} »",
    "uploadMedia": "Ajout de l'image « {{path}} »",
    "deleteMedia": "Suppression de l'image « {{path}} »",
    "openAuthoring": "{{message}}",
}


def backend(forge: Forge) -> dict[str, Any]:
    """Decap's `backend` section for the forge."""
    return {**_backend(forge), "commit_messages": COMMIT_MESSAGES}


def _backend(forge: Forge) -> dict[str, Any]:
    if forge.kind == "github":
        found: dict[str, Any] = {"name": "github", "repo": forge.repo, "branch": forge.branch}
        if forge.auth_url:
            found["base_url"] = forge.auth_url
        # Members without write access get a fork and a pull request opened for them.
        found["open_authoring"] = True
        return found
    if forge.kind == "gitlab":
        return {
            "name": "gitlab",
            "repo": forge.repo,
            "branch": forge.branch,
            "auth_type": "pkce",
            "app_id": forge.app_id,
            "base_url": forge.host,
            "api_root": f"{forge.host}/api/v4",
            "auth_endpoint": "oauth/authorize",
        }
    found = {
        "name": forge.kind,
        "repo": forge.repo,
        "branch": forge.branch,
        "app_id": forge.app_id,
        "base_url": forge.host,
        "api_root": f"{forge.host}/api/v1",
        "auth_endpoint": "login/oauth/authorize",
    }
    if forge.kind == "forgejo":
        found["open_authoring"] = True
    return found


# What the form says under each kind of field (CONTRIBUTING's help speaks of YAML, the form does not).
FORM_HINTS = {
    "description": f"Une phrase de {checks.DESCRIPTION_MAX} caractères au plus : elle s'affiche dans les listes "
    "et les résultats de recherche.",
    "themes": "Cochez un ou plusieurs thèmes ; s'il en manque un, ajoutez-le.",
    "choices": "Cochez une ou plusieurs cases.",
    "choice": "Facultatif.",
    "order": "Place de la page dans le parcours de lecture : 1, 2, 3… Deux pages ne peuvent pas avoir le même numéro.",
    "minutes": "En minutes, par exemple 90.",
    "date": "Choisissez la date dans le calendrier.",
    "when": "Date et heure de Paris.",
    "url": "Adresse complète, commençant par https://.",
    "people": "Noms séparés par des virgules, en plus des personnes qui modifient la page (elles sont créditées d'office).",
    "speakers": "Une ligne par personne : son nom et, si elle est connue, sa structure.",
    "version": "Par exemple 1.0 ; augmentez-la à chaque révision.",
    "sources": "Choisissez dans la liste commune (docs/sources.yml), ou ajoutez un autre document avec son titre "
    "et son adresse.",
}


def _hint(field: Field) -> str:
    if field.type in FORM_HINTS:
        return FORM_HINTS[field.type]
    text = field.help.replace("`", "")
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "»")) else ".")


def _js_escape(text: str) -> str:
    """Escape for a JavaScript RegExp (re.escape also escapes spaces, which JS's unicode mode refuses)."""
    return re.sub(r"([.^$*+?()\[\]{}|\\/])", r"\\\1", text)


def _choices_widget(field: Field, options: Iterable[str], *, allow_new: bool) -> dict[str, Any]:
    return {
        "widget": "commons-choices",
        "options": list(options),
        "allow_new": allow_new,
        "add_label": "Ajouter un thème qui n'est pas dans la liste",
        "add_button": "Ajouter",
    }


def field_config(name: str, field: Field, context: EditorContext) -> dict[str, Any]:
    """One Decap field for one schema field."""
    base: dict[str, Any] = {"name": name, "label": field.label, "hint": _hint(field), "required": field.required}
    kind = field.type
    if kind in ("text", "version", "description"):
        base["widget"] = "string"
        placeholders = "|".join(_js_escape(p) for p in sorted(PLACEHOLDERS))
        base["pattern"] = [
            rf"^(?!\s*(?:{placeholders})\s*$)[\s\S]*\S[\s\S]*$",
            "Remplacez l'exemple du modèle par votre propre texte.",
        ]
        if kind == "description":
            base["pattern"] = [
                rf"^(?!\s*(?:{placeholders})\s*$)[^\n]{{1,{checks.DESCRIPTION_MAX}}}$",
                f"Une seule phrase de {checks.DESCRIPTION_MAX} caractères au plus.",
            ]
    elif kind == "themes":
        base.update(_choices_widget(field, context.themes, allow_new=True))
    elif kind == "choices":
        base.update(_choices_widget(field, field.choices, allow_new=False))
    elif kind == "choice":
        base.update({"widget": "select", "options": list(field.choices)})
    elif kind in ("order", "minutes"):
        base.update({"widget": "number", "value_type": "int", "min": 1, "step": 1})
    elif kind == "date":
        base.update({"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False})
    elif kind == "when":
        base.update(
            {
                "widget": "datetime",
                "format": "YYYY-MM-DDTHH:mm:ss",
                "date_format": "DD/MM/YYYY",
                "time_format": "HH:mm",
            }
        )
    elif kind == "url":
        base.update(
            {
                "widget": "string",
                "pattern": [URL_PATTERN, "Une adresse web complète commençant par https://, sans espace."],
            }
        )
    elif kind == "people":
        base.update({"widget": "list", "label_singular": "personne"})
    elif kind == "speakers":
        base.update(
            {
                "widget": "list",
                "label_singular": "intervenant",
                "summary": "{{fields.nom}} {{fields.structure}}",
                "min": 1,
                "collapsed": False,
                "fields": [
                    {"name": "nom", "label": "Nom", "widget": "string", "required": True},
                    {"name": "structure", "label": "Structure", "widget": "string", "required": False},
                ],
            }
        )
    elif kind == "sources":
        base.update(
            {
                "widget": "commons-sources",
                "options": [
                    {"value": key, "label": f"{ref.get('titre', key)} ({key})"}
                    for key, ref in sorted(context.bibliography.items())
                ],
                "unknown_message": f"Source inconnue : {valid_keys_hint(context.bibliography)}.",
                "key_label": "Source de la liste",
                "title_label": "Titre du document",
                "url_label": "Adresse (facultatif)",
                "remove_label": "Retirer",
                "add_key_label": "Ajouter une source de la liste",
                "add_ref_label": "Ajouter un autre document",
                "title_message": "Chaque document ajouté doit avoir un titre.",
                "url_message": "L'adresse d'un document doit être complète et commencer par https://.",
                "url_pattern": URL_PATTERN,
            }
        )
    else:  # a type without a form control: shown as text, validated by the build
        base["widget"] = "string"
    return base


@dataclass(frozen=True)
class EditorContext:
    """What the form offers as choices, read from the site at build time."""

    themes: tuple[str, ...]
    bibliography: Mapping[str, Mapping[str, Any]]


def context_from(pages: Iterable[Page], bibliography: Mapping[str, Mapping[str, Any]]) -> EditorContext:
    themes: dict[str, None] = {}
    for page in pages:
        value = page.meta.get("thèmes")
        if isinstance(value, list):
            for theme in value:
                if isinstance(theme, str) and theme.strip():
                    themes[theme.strip()] = None
    return EditorContext(themes=tuple(sorted(themes, key=_french_key)), bibliography=bibliography)


def _french_key(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def collection(name: str, kind: str, label: str, singular: str, context: EditorContext) -> dict[str, Any]:
    template = TEMPLATES[kind]
    fields = [field_config(key, field, context) for key, field in SCHEMAS[kind].items() if key not in NOT_IN_FORM]
    fields.append(
        {
            "name": "body",
            "label": "Texte de la page",
            "widget": "markdown",
            "modes": ["raw"],
            "default": template.body,
            "hint": "En Markdown : `## Titre de partie`, `**gras**`, `- liste`, `[texte du lien](autre-page.md)`.",
            "pattern": [
                "^(?![\\s\\S]*(?:^|\\n)\\s*(?:"
                + "|".join(_js_escape(p) for p in sorted(PLACEHOLDER_BODIES))
                + ")\\s*(?:\\n|$))[\\s\\S]*$",
                "Remplacez la phrase d'exemple du modèle par votre texte.",
            ],
        }
    )
    slug = "{{slug}}"
    if kind == "webinaire":
        slug = "{{fields.date | date('YYYY-MM-DD')}}-{{slug}}"
    found: dict[str, Any] = {
        "name": name,
        "label": label,
        "label_singular": singular,
        "folder": f"docs/{template.folder}",
        "extension": "md",
        "format": "commons-md",
        "create": True,
        "slug": slug,
        "filter": {"field": KIND_KEY, "value": "entry"},
        "editor": {"preview": False},
        "fields": fields,
    }
    if kind == "webinaire":
        found["sortable_fields"] = [{"field": "date", "default_sort": "desc"}, "title"]
        found["summary"] = "{{date | date('DD/MM/YYYY')}} — {{title}}"
    elif kind == "kit":
        found["sortable_fields"] = [{"field": "ordre", "default_sort": "asc"}, "title"]
        found["summary"] = "{{ordre}}. {{title}}"
    else:
        found["sortable_fields"] = [{"field": "title", "default_sort": "asc"}]
    return found


def decap_config(config: SiteConfig, context: EditorContext) -> dict[str, Any]:
    """The whole config.yml of /admin/."""
    forge = forge_of(config)
    settings = (config.raw.get("extra") or {}).get("editeur") or {}
    return {
        "locale": "fr",
        "site_url": config.site_url,
        "display_url": config.site_url,
        "backend": backend(forge),
        # Used only when the editor is opened on 127.0.0.1 and the local proxy answers (./dev editeur).
        "local_backend": {"url": str(settings.get("proxy") or LOCAL_PROXY)},
        "publish_mode": "editorial_workflow" if forge.opens_pull_requests else "simple",
        "media_folder": "docs/images",
        "public_folder": "../images",
        # A photo (JPEG, PNG, WebP) is drawn again in the member's browser before it is sent: what its
        # file says besides the picture (EXIF: the phone, the date, often a GPS position) stays behind,
        # instead of going into a public repository. No width: Decap would enlarge a smaller image to it.
        "media_processing": {"enabled": True, "strip_metadata": True, "quality": 85},
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(*entry, context) for entry in COLLECTIONS],
    }


# Decap's French phrases that read badly for our members ("ne correspond pas au schéma", "Oops", typos).
LOCALE_OVERRIDES = {
    "editor": {
        "editorToolbar": {"deleteUnpublishedChanges": "Supprimer les modifications non publiées"},
        "editorControlPane": {
            "widget": {
                "required": "« %{fieldLabel} » est à remplir.",
                "regexPattern": "%{pattern}",
            }
        },
    },
    "app": {"header": {"media": "Médias"}},  # Decap's French says "Media"
    "ui": {"toast": {"missingRequiredField": "La page n'est pas enregistrée : corrigez les champs signalés en rouge."}},
    "workflow": {"workflowCard": {"deleteChanges": "Supprimer les modifications"}},
}


def format_settings() -> dict[str, Any]:
    """What admin/commons-editor.js needs: how to write files as the site reads them, and French phrases."""
    common = set(SCHEMAS["page"])
    return {
        "locale": LOCALE_OVERRIDES,
        "kindKey": KIND_KEY,
        "commonKeys": sorted(common),
        "dateKeys": sorted(
            {key for schema in SCHEMAS.values() for key, f in schema.items() if f.type in ("date", "when")}
        ),
    }


NOT_READY = {
    "github": "l'adresse du service de connexion (extra.editeur.auth_url dans mkdocs.yml)",
    "gitlab": "l'identifiant de l'application OAuth (extra.editeur.app_id dans mkdocs.yml)",
    "forgejo": "l'identifiant de l'application OAuth (extra.editeur.app_id dans mkdocs.yml)",
    "gitea": "l'identifiant de l'application OAuth (extra.editeur.app_id dans mkdocs.yml)",
}


def admin_page(config: SiteConfig, *, bundle: str, scripts: Iterable[str]) -> str:
    """/admin/index.html: Decap, our format and widgets, and a French notice while the forge is not set up."""
    forge = forge_of(config)
    # Inside <script>: no "</script>" or "<!--" can come out of the JSON.
    settings = json.dumps(format_settings(), ensure_ascii=False).replace("<", "\\u003c")
    notice = ""
    if not forge.ready:
        missing = NOT_READY.get(forge.kind, NOT_READY["gitlab"])
        notice = (
            "<div id=\"commons-not-ready\" hidden><h1>L'éditeur en ligne n'est pas encore activé</h1>"
            f"<p>Pour que les membres puissent s'y connecter, la coordination du réseau doit indiquer {escape(missing)}"
            " : le README, partie « Éditeur en ligne », explique comment faire.</p>"
            "<p>En attendant, proposez vos modifications depuis le bouton « Proposer une modification » en bas de "
            "chaque page, comme l'explique CONTRIBUTING.md.</p></div>"
        )
    tags = "\n".join(f'<script src="{escape(src)}"></script>' for src in scripts)
    local = "['localhost', '127.0.0.1', '[::1]'].includes(location.hostname)"
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Éditeur en ligne — {escape(config.site_name)}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<link rel="stylesheet" href="commons-editor.css">
</head>
<body>
{notice}
<script>
window.COMMONS_EDITOR = {settings};
// The form starts once our format and widgets are registered (commons-editor.js).
window.CMS_MANUAL_INIT = true;
window.COMMONS_EDITOR.start = !document.getElementById('commons-not-ready') || {local};
if (!window.COMMONS_EDITOR.start) document.getElementById('commons-not-ready').hidden = false;
</script>
<script src="{escape(bundle)}"></script>
{tags}
</body>
</html>
"""
