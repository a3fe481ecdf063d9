# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The form editor's configuration is generated from the content model and mkdocs.yml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from commons.config import load_site_config
from commons.editor import EditorContext, admin_page, decap_config, forge_of
from commons.schema import SCHEMAS
from commons.templates import TEMPLATES

ROOT = Path(__file__).resolve().parents[2]
CONTEXT = EditorContext(themes=("économie", "gouvernance"), bibliography={"essai": {"titre": "Document d'essai"}})


def _config(tmp_path: Path, repo_url: str, editeur: dict[str, str] | None = None):
    raw = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    raw["repo_url"] = repo_url
    raw.setdefault("extra", {})["editeur"] = editeur or {}
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return load_site_config(path)


def test_every_section_is_a_collection_with_the_schemas_fields_in_order(tmp_path: Path) -> None:
    config = decap_config(_config(tmp_path, "https://github.com/reseau/communs"), CONTEXT)
    assert config["locale"] == "fr" and config["publish_mode"] == "editorial_workflow"
    by_kind = dict(zip(("fiche", "kit", "webinaire", "charte"), config["collections"], strict=True))
    for kind, collection in by_kind.items():
        names = [f["name"] for f in collection["fields"]]
        assert names == [k for k in SCHEMAS[kind] if k not in ("movilab", "wiki")] + ["body"]
        assert collection["folder"] == f"docs/{TEMPLATES[kind].folder}"
        assert collection["fields"][-1]["default"] == TEMPLATES[kind].body
        required = {f["name"] for f in collection["fields"] if f.get("required")}
        assert required == {k for k, f in SCHEMAS[kind].items() if f.required}
    fields = {f["name"]: f for f in by_kind["webinaire"]["fields"]}
    assert fields["date"]["widget"] == "datetime" and fields["date"]["format"] == "YYYY-MM-DDTHH:mm:ss"
    assert fields["thèmes"]["options"] == ["économie", "gouvernance"] and fields["thèmes"]["allow_new"]
    assert [f["name"] for f in fields["intervenants"]["fields"]] == ["nom", "structure"]
    assert fields["sources"]["options"] == [{"value": "essai", "label": "Document d'essai (essai)"}]
    fiche = {f["name"]: f for f in by_kind["fiche"]["fields"]}
    assert fiche["public"]["options"] == list(SCHEMAS["fiche"]["public"].choices) and not fiche["public"]["allow_new"]
    assert fiche["niveau"]["widget"] == "select"
    assert {f["name"]: f["widget"] for f in by_kind["kit"]["fields"]}["ordre"] == "number"
    charte = {f["name"]: f for f in by_kind["charte"]["fields"]}
    assert charte["adoption"]["format"] == "YYYY-MM-DD" and charte["adoption"]["time_format"] is False
    assert by_kind["webinaire"]["slug"] == "{{fields.date | date('YYYY-MM-DD')}}-{{slug}}"


@pytest.mark.parametrize(
    ("repo_url", "editeur", "expected"),
    [
        (
            "https://github.com/reseau/communs",
            {"auth_url": "https://connexion.reseau.org/"},
            {
                "name": "github",
                "repo": "reseau/communs",
                "base_url": "https://connexion.reseau.org",
                "open_authoring": True,
            },
        ),
        (
            "https://framagit.org/reseau/communs",
            {"app_id": "abc123"},
            {
                "name": "gitlab",
                "repo": "reseau/communs",
                "auth_type": "pkce",
                "app_id": "abc123",
                "base_url": "https://framagit.org",
                "api_root": "https://framagit.org/api/v4",
            },
        ),
        (
            "https://codeberg.org/reseau/communs",
            {"app_id": "f00"},
            {"name": "forgejo", "api_root": "https://codeberg.org/api/v1", "app_id": "f00", "open_authoring": True},
        ),
        (
            "https://forge.reseau.org/reseau/communs",
            {"forge": "gitea", "app_id": "g1", "branche": "principale"},
            {"name": "gitea", "branch": "principale", "api_root": "https://forge.reseau.org/api/v1"},
        ),
    ],
)
def test_the_backend_follows_the_forge(tmp_path: Path, repo_url: str, editeur: dict[str, str], expected: dict) -> None:
    site = _config(tmp_path, repo_url, editeur)
    config = decap_config(site, CONTEXT)
    assert expected.items() <= config["backend"].items()
    assert config["backend"]["commit_messages"]["create"].startswith("Ajout : ")
    assert forge_of(site).ready
    # Gitea's backend in Decap cannot open pull requests: saves go straight to the branch.
    assert config["publish_mode"] == ("simple" if expected["name"] == "gitea" else "editorial_workflow")


def test_until_the_forge_is_set_up_the_admin_page_says_so_in_french(tmp_path: Path) -> None:
    site = _config(tmp_path, "https://github.com/reseau/communs")
    assert not forge_of(site).ready
    page = admin_page(site, bundle="decap-cms.js", scripts=["commons-editor.js"])
    assert "L'éditeur en ligne n'est pas encore activé" in page
    assert "extra.editeur.auth_url" in page and 'lang="fr"' in page
    ready = admin_page(
        _config(tmp_path, "https://github.com/reseau/communs", {"auth_url": "https://x.org"}),
        bundle="decap-cms.js",
        scripts=["commons-editor.js"],
    )
    assert "pas encore activé" not in ready
    assert re.search(r'<script src="decap-cms.js"></script>\s*<script src="commons-editor.js"></script>', ready)
