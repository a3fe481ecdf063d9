# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Read the few settings the content model and the sync share, straight from mkdocs.yml.

mkdocs.yml may hold MkDocs-specific YAML tags (`!ENV`, `!relative`,
`!!python/name:`); they are read as plain values here so that this module
needs neither MkDocs nor an unsafe loader.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that turns unknown tags into their plain scalar/sequence value."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # !ENV VAR or !ENV [VAR, VAR2, default]: resolve like MkDocs does.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1] if len(items) > 1 else None
        if len(items) == 1:
            names = items
    for name in names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return default


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_constructor("!ENV", _env_tag)
_TolerantLoader.add_multi_constructor("", _unknown_tag)


@dataclass(frozen=True)
class SiteConfig:
    """What the content model and the sync need to know about the site."""

    root: Path
    docs_dir: Path
    site_name: str
    site_url: str
    repo_url: str
    edit_uri: str
    movilab_api: str
    movilab_pages: str
    licence_name: str
    licence_url: str
    raw: dict[str, Any]


def load_yaml(path: Path) -> dict[str, Any]:
    """Parse a MkDocs-style YAML file; an empty file gives an empty mapping."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_TolerantLoader)  # noqa: S506 - loader is SafeLoader-based
    return data or {}


def duplicate_keys(path: Path) -> list[tuple[str, int, int]]:
    """Settings a YAML file gives twice in one block: (dotted name, first line, second line).

    YAML keeps the second value and drops the first without a word: two `editeur:` blocks under
    `extra:` (the legal publisher, and the form editor's settings) lost the first block's settings.
    """
    with path.open(encoding="utf-8") as handle:
        root = yaml.compose(handle, Loader=_TolerantLoader)
    found: list[tuple[str, int, int]] = []
    todo: list[tuple[str, yaml.Node | None]] = [("", root)]
    while todo:
        prefix, node = todo.pop()
        if isinstance(node, yaml.SequenceNode):
            todo.extend((f"{prefix}[{i}]", item) for i, item in enumerate(node.value))
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                name = f"{prefix}.{key}" if prefix else key
                line = key_node.start_mark.line + 1
                if key in seen:
                    found.append((name, seen[key], line))
                else:
                    seen[key] = line
                todo.append((name, value_node))
    return sorted(found, key=lambda item: item[1])


def load_site_config(config_file: Path) -> SiteConfig:
    """Load mkdocs.yml; MOVILAB_API in the environment overrides the wiki's API URL."""
    raw = load_yaml(config_file)
    root = config_file.resolve().parent
    extra = raw.get("extra") or {}
    movilab = extra.get("movilab") or {}
    licence = extra.get("licence") or {}
    site_url = str(raw.get("site_url") or "")
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    return SiteConfig(
        root=root,
        docs_dir=root / str(raw.get("docs_dir") or "docs"),
        site_name=str(raw.get("site_name") or ""),
        site_url=site_url,
        repo_url=str(raw.get("repo_url") or "").rstrip("/"),
        edit_uri=str(raw.get("edit_uri") or ""),
        movilab_api=os.environ.get("MOVILAB_API") or str(movilab.get("api") or ""),
        movilab_pages=str(movilab.get("pages") or ""),
        licence_name=str(licence.get("name") or "CC BY-SA 4.0"),
        licence_url=str(licence.get("url") or "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"),
        raw=raw,
    )
