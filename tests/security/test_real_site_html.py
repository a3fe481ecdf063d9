# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The HTML allow-list changes nothing on the real site: every page of docs/ keeps its HTML byte for byte.

The real docs/ and mkdocs.yml are built with two small hooks around
hooks/sanitize.py, one just before it and one just after, that keep each
page's HTML; they must be equal for every page. A generated block or a
Markdown extension that needed something outside the list would show here
(and as a warning that fails the strict build), and so would a page that the
allow-list rewrote in its own spelling.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from commons.config import load_yaml

ROOT = Path(__file__).resolve().parents[2]

_KEEP = """
import json
from pathlib import Path
from mkdocs.plugins import event_priority

OUT = Path({out!r})


@event_priority({priority})
def on_page_content(html, page, config, files):
    with (OUT / {name!r}).open("a", encoding="utf-8") as kept:
        kept.write(json.dumps([page.file.src_uri, html]) + "\\n")
    return html
"""


def _kept(path: Path) -> dict[str, str]:
    return dict(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())


def test_every_real_page_keeps_its_html(tmp_path: Path) -> None:
    config = load_yaml(ROOT / "mkdocs.yml")
    hooks = []
    for name, priority in (("avant.jsonl", 51), ("apres.jsonl", 49)):
        hook = tmp_path / f"garder_{priority}.py"
        hook.write_text(_KEEP.format(out=str(tmp_path), priority=priority, name=name), encoding="utf-8")
        hooks.append(str(hook))
    config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]] + hooks
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    before, after = _kept(tmp_path / "avant.jsonl"), _kept(tmp_path / "apres.jsonl")
    pages = {str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md")}
    assert pages <= before.keys() and before.keys() == after.keys()
    changed = [page for page in before if before[page] != after[page]]
    assert changed == [], f"pages réécrites par la liste du HTML permis : {changed}"
