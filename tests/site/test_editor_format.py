# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The form editor's file format (admin/commons-editor.js), run under Node on the real pages.

What a member saves must be what they changed and nothing else, and what the
form writes must be read back by the site (PyYAML) as the values typed in.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from commons.editor import format_settings
from commons.pages import parse_page
from commons.schema import SCHEMAS

ROOT = Path(__file__).resolve().parents[2]
JS_YAML = ROOT / ".cache" / "editor" / "js-yaml" / "js-yaml.umd.min.js"

# Runs each case through fromFile, an optional change of the data, then toFile.
DRIVER = """
const settings = JSON.parse(process.argv[1]);
globalThis.jsyaml = require(settings.jsYaml);
globalThis.COMMONS_EDITOR = settings.format;
const format = require(settings.script);
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = cases.map((c) => {
  const data = c.text === null ? {} : format.fromFile(c.text);
  const kind = data[format.KIND];
  Object.assign(data, c.set || {});
  (c.unset || []).forEach((key) => { delete data[key]; });
  return { kind: kind, text: format.toFile(JSON.parse(JSON.stringify(data)), c.order || []) };
});
process.stdout.write(JSON.stringify(out));
"""


def run(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not JS_YAML.is_file():
        pytest.fail(f"js-yaml est absent ({JS_YAML}) : lancez « ./dev test », qui l'installe.", pytrace=False)
    settings = {
        "jsYaml": str(JS_YAML),
        "script": str(ROOT / "admin" / "commons-editor.js"),
        "format": format_settings(),
    }
    done = subprocess.run(
        ["node", "-e", DRIVER, json.dumps(settings)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md"))


def _order(path: Path) -> list[str]:
    rel = path.relative_to(ROOT / "docs").as_posix()
    kind = parse_page(rel, path.read_text(encoding="utf-8"))[0].kind
    return list(SCHEMAS[kind])


def test_every_page_saved_unchanged_is_byte_for_byte_the_same() -> None:
    texts = [p.read_text(encoding="utf-8") for p in PAGES]
    results = run([{"text": t, "order": _order(p)} for t, p in zip(texts, PAGES, strict=True)])
    changed = [str(p.relative_to(ROOT)) for p, t, r in zip(PAGES, texts, results, strict=True) if r["text"] != t]
    assert changed == []


def _diff(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b), (before, after)
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


def test_changing_one_field_of_any_page_changes_one_line() -> None:
    cases, pages = [], []
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        meta = parse_page(path.name, text)[0].meta
        if "title" in meta:
            cases.append({"text": text, "set": {"title": f"{meta['title']} (revu)"}, "order": _order(path)})
            pages.append((path, text, "title"))
        if isinstance(meta.get("thèmes"), list):
            cases.append({"text": text, "set": {"thèmes": [*meta["thèmes"], "compost"]}, "order": _order(path)})
            pages.append((path, text, "thèmes"))
    for (path, text, key), result in zip(pages, run(cases), strict=True):
        diff = _diff(text, result["text"])
        assert len(diff) == 1 and diff[0][1].startswith(f"{key}: "), (path, diff)


def test_what_the_form_writes_the_site_reads_as_typed() -> None:
    tricky = [
        "yes",
        "No",
        "12",
        "1.0",
        "1:30",
        "2024-05-01",
        "null",
        "~",
        "Cantine : mode d'emploi",
        "#communs",
        "Les communs #2",
        "- tiret",
        "ça « marche » !",
        "l'apostrophe",
        '"guillemets"',
        "@compte",
        "a, b",
        "[crochets]",
        "fin:",
        "  espaces  ",
        "deux\nlignes",
        "séparateur\u2028unicode",
    ]
    cases = [
        {
            "text": None,
            "set": {"title": text, "thèmes": [text, "b"], "intervenants": [{"nom": text, "structure": text}]},
            "order": list(SCHEMAS["webinaire"]),
        }
        for text in tricky
    ]
    for text, result in zip(tricky, run(cases), strict=True):
        page, problems = parse_page("webinaires/w.md", result["text"])
        assert problems == [], result["text"]
        assert page.meta["title"] == text, result["text"]
        assert page.meta["thèmes"] == [text, "b"], result["text"]
        assert page.meta["intervenants"] == [{"nom": text, "structure": text}], result["text"]


def test_a_new_page_is_written_in_the_forms_order_with_dates_and_numbers_typed() -> None:
    [result] = run(
        [
            {
                "text": None,
                "set": {
                    "body": "Le texte.",
                    "sources": ["essai", {"titre": "Programme", "url": "https://exemple.org/p"}],
                    "version": "1.0",
                    "adoption": "2026-01-15",
                    "title": "Charte des lieux",
                    "description": "Une phrase.",
                },
                "order": list(SCHEMAS["charte"]),
            }
        ]
    )
    assert result["text"] == (
        "---\n"
        "title: Charte des lieux\n"
        "description: Une phrase.\n"
        'version: "1.0"\n'
        "adoption: 2026-01-15\n"
        "sources:\n"
        "  - essai\n"
        "  - titre: Programme\n"
        "    url: https://exemple.org/p\n"
        "---\n"
        "\n"
        "Le texte.\n"
    )
    meta = parse_page("charte/c.md", result["text"])[0].meta
    assert meta["adoption"] == dt.date(2026, 1, 15) and meta["version"] == "1.0"
    [webinar] = run([{"text": None, "set": {"title": "W", "date": "2027-03-11T14:00:00", "duree": 90}}])
    meta = parse_page("webinaires/w.md", webinar["text"])[0].meta
    assert meta["date"] == dt.datetime(2027, 3, 11, 14, 0) and meta["duree"] == 90


HAND_WRITTEN = """---
# Relu par la coordination en mars.
title: Le prix libre
thèmes:
  - économie
  - accueil
inscription: https://exemple.org/a
public: [tiers-lieu]   # à qui s'adresse la fiche
---
Le texte.
"""


def test_hand_written_style_comments_and_block_lists_are_kept() -> None:
    results = run(
        [
            {"text": HAND_WRITTEN},
            {"text": HAND_WRITTEN, "set": {"thèmes": ["économie", "accueil", "gouvernance"]}},
            {"text": HAND_WRITTEN, "set": {"title": "Le prix libre, mode d'emploi"}},
            {"text": HAND_WRITTEN, "unset": ["inscription"]},
            {"text": HAND_WRITTEN, "set": {"inscription": ""}},
            {"text": HAND_WRITTEN, "set": {"niveau": "découverte"}, "order": list(SCHEMAS["fiche"])},
        ]
    )
    assert results[0]["text"] == HAND_WRITTEN
    assert results[1]["text"] == HAND_WRITTEN.replace("  - accueil\n", "  - accueil\n  - gouvernance\n")
    assert results[2]["text"] == HAND_WRITTEN.replace("title: Le prix libre", "title: Le prix libre, mode d'emploi")
    assert results[3]["text"] == HAND_WRITTEN.replace("inscription: https://exemple.org/a\n", "")
    assert results[4]["text"] == results[3]["text"]  # an emptied field is removed, not written empty
    assert results[5]["text"] == HAND_WRITTEN.replace(
        "public: [tiers-lieu]   # à qui s'adresse la fiche\n",
        "public: [tiers-lieu]   # à qui s'adresse la fiche\nniveau: découverte\n",
    )


def test_section_index_pages_are_not_entries_of_the_form() -> None:
    index = (ROOT / "docs" / "webinaires" / "index.md").read_text(encoding="utf-8")
    fiche = (ROOT / "docs" / "boite-a-outils" / "budget-contributif.md").read_text(encoding="utf-8")
    assert [r["kind"] for r in run([{"text": index}, {"text": fiche}])] == ["index", "entry"]
