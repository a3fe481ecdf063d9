# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The local wiki the sync is rehearsed and tested against looks like Movilab."""

from __future__ import annotations

import urllib.request

import pytest

from sync.sandbox import SEED_PAGES

pytestmark = pytest.mark.wiki


def test_seed_pages_carry_a_template_then_free_text(mediawiki):
    bot = mediawiki.session(mediawiki.user, mediawiki.password)
    text = bot.text("Budget contributif")
    assert text is not None
    assert text.startswith("{{Ressource\n|type=Fiche pratique")
    assert "[[Catégorie:Gouvernance]]" in text
    assert len(SEED_PAGES) >= 3


def test_bot_password_logs_in_and_wrong_one_is_refused(mediawiki):
    mediawiki.session(mediawiki.user, mediawiki.password)
    with pytest.raises(RuntimeError, match="connexion refusée"):
        mediawiki.session(mediawiki.user, "0" * 32)


def test_parse_renders_template_and_pages_have_movilab_urls(mediawiki):
    html = mediawiki.parse("{{Ressource|type=Atelier}}\n'''gras'''")
    assert "Atelier" in html and "<b>gras</b>" in html
    with urllib.request.urlopen(mediawiki.pages_url + "Budget_contributif") as resp:
        assert "Budget contributif" in resp.read().decode()
