"""Hybrid retrieval: dense and BM25 rankings fused, then evidence units selected."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.config import Settings
from assistant.ingest.passages import PassageTable
from assistant.ingest.terms import TermStats, question_terms
from assistant.retrieve.dense import DenseRetriever
from assistant.retrieve.evidence import Evidence, select_evidence
from assistant.retrieve.fuse import fuse_rankings
from assistant.retrieve.sparse import SparseRetriever


@dataclass(frozen=True)
class Retrieval:
    """The evidence for one question, best first, and the fused chunk ranking."""

    evidence: list[Evidence]
    chunk_ids: list[str]
    focus: frozenset[str] = frozenset()
    """The question's words found in the briefs, numbers left out."""


class HybridRetriever:
    """Dense + BM25 over chunks, fused by reciprocal rank, then units scored inside them."""

    def __init__(
        self,
        dense: DenseRetriever,
        sparse: SparseRetriever,
        passages: PassageTable,
        settings: Settings,
    ) -> None:
        self.dense = dense
        self.sparse = sparse
        self.passages = passages
        self.settings = settings

    def retrieve(self, question: str) -> Retrieval:
        settings = self.settings
        vector = self.dense.embed(question)
        terms = question_terms(question)
        dense_ids = [id_ for id_, _ in self.dense.search(vector, settings.candidates)]
        sparse_ids = [id_ for id_, _ in self.sparse.search(terms, settings.candidates)]
        fused = fuse_rankings([dense_ids, sparse_ids], k=settings.rrf_k)
        chunk_ids = [id_ for id_, _ in fused[: settings.top_chunks]]
        units, vectors = self.passages.units_of(chunk_ids)
        evidence = select_evidence(
            terms,
            vector,
            units,
            vectors,
            self.sparse.stats,
            lexical_weight=settings.lexical_weight,
        )
        stats = self.sparse.stats
        return Retrieval(evidence, chunk_ids, _focus(terms, stats))


def _focus(terms: list[str], stats: TermStats) -> frozenset[str]:
    """The question's words found in the briefs, numbers left out (years are periods)."""
    return frozenset(t for t in terms if t in stats.df and not t[:1].isdigit())
