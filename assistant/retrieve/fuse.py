"""Reciprocal rank fusion of several rankings into one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence


def fuse_rankings(rankings: Sequence[Sequence[str]], *, k: int = 60) -> list[tuple[str, float]]:
    """Ids ordered by sum of 1 / (k + rank) over the rankings (Cormack et al., 2009).

    Ties keep the order in which ids first appear, so the result is deterministic.
    """
    scores: dict[str, float] = defaultdict(float)
    for ranking in rankings:
        for rank, id_ in enumerate(ranking, 1):
            scores[id_] += 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])
