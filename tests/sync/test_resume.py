# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A move or a deletion the wiki made but the sync never recorded: the rerun recognises it.

Two ways it happens: the run was killed right after the wiki acted (test_crash.py
kills at every step; here the two cases of the issue, each on its own), or the
answer was lost on the way back and the request was sent again.
"""

from __future__ import annotations

import json

import pytest

from tests.sync.conftest import make_repo, page, unique_title

pytestmark = pytest.mark.wiki


def _state(site) -> dict:
    return json.loads((site.path / ".movilab-sync.json").read_text())["pages"]


def test_a_move_an_interrupted_push_made_is_recorded_not_reported_forever(site, mediawiki):
    old, new = unique_title("Renommage interrompu"), unique_title("Renommage fait")
    site.write("fiche.md", page(old, "Texte."))
    site.commit()
    assert site.run("push").code == 0
    site.write("fiche.md", site.read("fiche.md").replace(f"movilab: {old}", f"movilab: {new}"))
    site.commit("Retitle")
    bot = mediawiki.session(mediawiki.user, mediawiki.password)
    bot.move(old, new, "fait par l'envoi interrompu")  # the wiki did it; the run died before recording

    for _ in range(2):
        result = site.run("push")
        assert result.code == 0, result.text
    assert new in _state(site) and old not in _state(site)
    assert len(mediawiki.editor(0).revisions(new)) == 2  # created, moved once
    assert site.run("status").code == 0 and site.run("pull").code == 0


def test_a_deletion_an_interrupted_push_made_is_recorded_not_reported_forever(site, mediawiki):
    title = unique_title("Suppression interrompue")
    site.write("fiche.md", page(title, "Texte."))
    site.commit()
    assert site.run("push").code == 0
    site.git("rm", "-q", "docs/fiche.md")
    site.commit("Remove")
    bot = mediawiki.session(mediawiki.user, mediawiki.password)
    bot.call({"action": "delete", "title": title, "token": bot.token()})

    result = site.run("push", "--delete")
    assert result.code == 0 and "déjà absente" in result.out, result.text
    assert title not in _state(site)
    assert site.run("push", "--delete").code == 0 and site.run("status").code == 0


def test_answers_lost_after_the_wiki_acted_are_not_acted_on_twice(tmp_path, mediawiki, proxy):
    site = make_repo(tmp_path / "site", proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)
    t = {name: unique_title(f"Réponse perdue {name}") for name in ("edit", "old", "gone")}
    t["new"], t["moved"] = unique_title("Réponse perdue new"), unique_title("Réponse perdue moved")
    site.write("edit.md", page(t["edit"], "Texte."))
    site.write("moved.md", page(t["old"], "Texte."))
    site.write("gone.md", page(t["gone"], "Texte."))
    site.commit()
    assert site.run("push").code == 0
    site.write("edit.md", page(t["edit"], "Texte revu."))
    site.write("new.md", page(t["new"], "Texte."))
    site.write("moved.md", site.read("moved.md").replace(f"movilab: {t['old']}", f"movilab: {t['moved']}"))
    site.git("rm", "-q", "docs/gone.md")
    site.commit("Edit, add, retitle, delete")
    lost: list[str] = []

    def lose_first_answer(seen: str) -> bool:
        action = next((a for a in ("action=edit", "action=move", "action=delete") if a in seen), None)
        key = f"{action} {seen.split('title=', 1)[-1].split('&', 1)[0]}"
        if action and key not in lost:
            lost.append(key)
            return True  # the wiki did it; the answer never comes back
        return False

    proxy.after = lose_first_answer
    result = site.run("push", "--delete")
    assert result.code == 0, result.text
    assert len(lost) == 4  # an edit, a creation, a move and a deletion: each lost its answer once
    wiki = mediawiki.editor(0)
    assert len(wiki.revisions(t["edit"])) == 2 and wiki.text(t["edit"]) == "Texte revu."
    assert len(wiki.revisions(t["new"])) == 1
    assert len(wiki.revisions(t["moved"])) == 2
    assert wiki.text(t["gone"]) is None
    proxy.after = None
    assert site.run("status").code == 0
