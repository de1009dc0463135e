"""Sparse retrieval: BM25 (bm25s) over the chunks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from assistant.storage.bm25 import TermStats


class SparseRetriever:
    """Ranks chunks by BM25 score for a question's terms."""

    def __init__(self, bm25: Any, stats: TermStats) -> None:
        self.bm25 = bm25
        self.stats = stats
        self.vocab: dict[str, int] = dict(bm25.vocab_dict)

    @classmethod
    def load(cls, directory: Path) -> SparseRetriever:
        import bm25s

        bm25 = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0)
        return cls(bm25, TermStats.load(directory))

    def search(
        self, query_terms: list[str], k: int, *, among: frozenset[str] | None = None
    ) -> list[tuple[str, float]]:
        """The `k` best chunk ids with their BM25 scores; chunks with no query term are left
        out, and so are chunks not `among` these ids when given."""
        known = [t for t in query_terms if t in self.vocab]
        if not known or not self.stats.ids:
            return []
        scores = self.bm25.get_scores(known)
        if among is not None:
            outside = np.fromiter((id_ not in among for id_ in self.stats.ids), bool)
            scores = np.where(outside, 0.0, scores)
        if len(scores) > k:  # partial sort: O(n) to find the k best of a large index
            best = np.argpartition(-scores, k)[:k]
            top = best[np.argsort(-scores[best], kind="stable")]
        else:
            top = np.argsort(-scores, kind="stable")
        return [(self.stats.ids[i], float(scores[i])) for i in top if scores[i] > 0]
