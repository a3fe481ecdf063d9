# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Request budgets on 1000 mirrored pages, counted by the proxy in front of the real wiki."""

from __future__ import annotations

import math

import pytest

from devtools.sandbox import BOT_USER
from sync.mirror import Converter
from tests.sync.conftest import make_repo, page

pytestmark = pytest.mark.wiki

N = 1000


@pytest.fixture(scope="module")
def thousand(tmp_path_factory, mediawiki):
    """1000 pages in git and, identical, on the wiki (imported in one go)."""
    prefix = f"Budget {tmp_path_factory.getbasetemp().name}"
    root = tmp_path_factory.mktemp("budget")
    texts = {f"lot/page-{i:04}.md": page(f"{prefix} {i}", f"Paragraphe de la page {i}.") for i in range(N)}
    return prefix, root, texts


def test_noop_status_push_pull_stay_within_three_requests_on_1000_pages(thousand, mediawiki, proxy):
    prefix, root, texts = thousand
    repo = make_repo(root / "site", proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)
    for rel, text in texts.items():
        repo.write(rel, text)
    repo.commit("Add 1000 mirrored pages")
    converter = Converter(repo.path)
    # As if an earlier sync had created them and its state were lost: written by the bot itself,
    # they are the sync's own pages, which a first sync may take back when the texts agree.
    mediawiki.import_pages(
        {
            f"{prefix} {i}": converter.to_wiki(texts[f"lot/page-{i:04}.md"], path=f"lot/page-{i:04}.md", base=None)
            for i in range(N)
        },
        user=BOT_USER,
    )

    def counted(*argv: str) -> tuple[int, int]:
        before = len(proxy.requests)
        result = repo.run(*argv)
        return result.code, len(proxy.requests) - before

    code, cold = counted("pull")  # first sync: every page found identical on the wiki, by the bot: recorded
    assert code == 0
    assert cold <= 1 + math.ceil(N / 50)
    for command in ("status", "push", "pull"):
        code, made = counted(command)
        assert code == 0, command
        assert made <= 3, f"{command} made {made} requests"

    k = 7
    for i in range(k):
        repo.write(f"lot/page-{i:04}.md", page(f"{prefix} {i}", f"Paragraphe de la page {i}, revu."))
    repo.commit("Edit seven pages")
    code, made = counted("push")
    assert code == 0
    assert made <= k + math.ceil(N / 50) + 3
    assert "revu" in mediawiki.editor(0).text(f"{prefix} 3")


def test_first_push_of_new_pages_within_k_plus_batches_plus_three_requests(tmp_path, mediawiki, proxy):
    """Two requests to log in (token, login: no siteinfo/userinfo query of its own), one for the wiki's
    state, token and the bot's rights, ⌈N/50⌉ to check that no page exists yet, then one edit per page."""
    repo = make_repo(tmp_path / "site", proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)
    prefix = f"Premier envoi {tmp_path.name}"
    n = 3
    for i in range(n):
        repo.write(f"page-{i}.md", page(f"{prefix} {i}", f"Paragraphe {i}."))
    repo.commit("Three new pages")
    before = len(proxy.requests)
    result = repo.run("push")
    assert result.code == 0, result.text
    sent = proxy.requests[before:]
    assert len(sent) <= n + math.ceil(n / 50) + 3
    assert sum("action=login" in seen for seen in sent) == 1
    assert not any("siteinfo" in seen for seen in sent)
    assert not any("meta=userinfo" in seen for seen in sent)  # folded into the snapshot (meta=tokens|userinfo)
    assert all(mediawiki.editor(0).text(f"{prefix} {i}") for i in range(n))


def test_big_pages_split_by_the_api_all_come_back(tmp_path):
    """50 titles of content can exceed the API's result size: the rest comes in continuations."""
    from devtools.sandbox import Sandbox
    from sync.wiki import Wiki

    with Sandbox(workdir=tmp_path / "wiki", seed=False, api_max_result_size=200_000) as small:
        texts = {f"Grande page {i}": f"Paragraphe {i}. " + "x" * 60_000 for i in range(8)}
        small.import_pages(texts)
        pages = Wiki(small.api_url).pages(list(texts))
        assert {t: p.text for t, p in pages.items()} == texts
