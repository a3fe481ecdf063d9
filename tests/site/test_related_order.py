# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Related fiches: the index over sets of thèmes lists the same fiches in the same order,
ties of titles and of shared thèmes included, as comparing every pair of fiches did."""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterable

import pytest

from commons.filters import sort_key
from commons.toolbox import Fiche, RelatedIndex, related


def pairwise_related(fiche: Fiche, fiches: Iterable[Fiche], limit: int, exclude: Iterable[str]) -> list[Fiche]:
    """The former rule, word for word: every pair compared, each group sorted by title, stable."""
    mine = frozenset(fiche.themes)
    skipped = {*exclude, fiche.path}
    by_shared: dict[int, list[Fiche]] = {}
    for other in fiches:
        if (n := len(mine.intersection(other.themes))) and other.path not in skipped:
            by_shared.setdefault(n, []).append(other)
    best: list[Fiche] = []
    for n in sorted(by_shared, reverse=True):
        if len(best) >= limit:
            break
        best += heapq.nsmallest(limit - len(best), by_shared[n], key=lambda other: sort_key(other.title))
    return best


THEMES = ["gouvernance", "économie", "animation", "numérique", "formation"]
TITLES = ["Atelier", "atelier", "Éco", "eco", "L'outil", "La campagne", "Zèbre", "B"]


def random_fiches(rng: random.Random) -> list[Fiche]:
    fiches = []
    for n in range(rng.randint(0, 30)):
        path = f"boite-a-outils/f{rng.randint(0, 25)}.md"  # the same path twice, sometimes
        themes = tuple(rng.choice(THEMES) for _ in range(rng.randint(0, 4)))  # repeated thèmes too
        fiche = Fiche(path, f"f{n}/", rng.choice(TITLES), "", themes, (), None)
        fiches.append(fiche)
        if rng.random() < 0.1:
            fiches.append(fiche)  # the very same fiche twice
    return fiches


@pytest.mark.parametrize("seed", range(120))
def test_index_lists_what_pairwise_comparison_listed(seed: int) -> None:
    rng = random.Random(seed)
    fiches = random_fiches(rng)
    index = RelatedIndex(fiches)
    probes = [*fiches, Fiche("autre.md", "autre/", "Atelier", "", ("animation", "formation"), (), None)]
    for fiche in probes:
        exclude = {f.path for f in rng.sample(fiches, min(len(fiches), rng.randint(0, 3)))}
        for limit in (0, 1, 3, 5, 40):
            expected = pairwise_related(fiche, fiches, limit, exclude)
            assert index.related(fiche, limit=limit, exclude=exclude) == expected
            assert related(fiche, fiches, limit=limit, exclude=exclude) == expected
