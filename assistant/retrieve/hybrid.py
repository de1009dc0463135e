"""Hybrid retrieval: dense and BM25 rankings fused, then evidence units selected."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from assistant.config import Settings
from assistant.ingest.crosslingual import MultilingualVectors
from assistant.ingest.embed import Embedder, Vectors
from assistant.ingest.entities import find_names
from assistant.ingest.passages import PassageTable
from assistant.ingest.terms import TermStats, question_terms
from assistant.ingest.terms import terms as terms_of
from assistant.retrieve.dense import DenseRetriever
from assistant.retrieve.evidence import Evidence, select_evidence
from assistant.retrieve.fuse import fuse_rankings
from assistant.retrieve.sparse import SparseRetriever

Crosslingual = tuple[MultilingualVectors, Embedder]
"""The multilingual vectors of the index and the encoder that made them."""

Heading = tuple[frozenset[str], str, str]
"""A heading's terms, its chunk id and its document's source."""


@dataclass(frozen=True)
class Retrieval:
    """The evidence for one question, best first, and the fused chunk ranking."""

    evidence: list[Evidence]
    chunk_ids: list[str]
    focus: frozenset[str] = frozenset()
    """The question's words found in the briefs, numbers left out."""
    sections: frozenset[str] = frozenset()
    """Chunks of the sections the question names that were read (see `_headed`)."""


class HybridRetriever:
    """Dense + BM25 over chunks, fused by reciprocal rank, then units scored inside them."""

    def __init__(
        self,
        dense: DenseRetriever,
        sparse: SparseRetriever,
        passages: PassageTable,
        settings: Settings,
        *,
        crosslingual: Crosslingual | None = None,
    ) -> None:
        self.dense = dense
        self.sparse = sparse
        self.passages = passages
        self.settings = settings
        self.crosslingual = crosslingual

    def retrieve(self, question: str, *, language: str = "en") -> Retrieval:
        """Evidence for `question`; in another language than English, the dense ranking and
        the unit scores come from the multilingual vectors (BM25 still finds its names)."""
        settings = self.settings
        terms = question_terms(question)
        multilingual = language != "en" and self.crosslingual is not None
        if multilingual:
            assert self.crosslingual is not None
            table, encoder = self.crosslingual
            vector = encoder.encode([question])[0]
            dense_ids = [id_ for id_, _ in table.search(vector, settings.candidates)]
        else:
            vector = self.dense.embed(question)
            dense_ids = [id_ for id_, _ in self.dense.search(vector, settings.candidates)]
        sparse_ids = [id_ for id_, _ in self.sparse.search(terms, settings.candidates)]
        rankings = [dense_ids, sparse_ids]
        named = {t for name in find_names(question) for t in terms_of(name)}
        if named:
            # A question that names someone or something: the chunks that name them all
            # rank again, so a rare name found by BM25 is not outvoted by dense neighbours.
            rankings.append(self._naming(list(dict.fromkeys(sparse_ids + dense_ids)), named))
        fused = fuse_rankings(rankings, k=settings.rrf_k)
        chunk_ids = [id_ for id_, _ in fused[: settings.top_chunks]]
        # A section the question names ("What resources are listed?": a heading made only
        # of its words) in the document nearest the question is always read, even when its
        # short items share no word with the question and longer texts outrank it: it takes
        # the last places (at most two).
        headed: list[str] = [] if multilingual else self._headed(set(terms), vector)
        if len(headed) > settings.top_chunks:
            headed = []  # too many to tell which one is meant
        missing = [id_ for id_ in headed if id_ not in chunk_ids][:2]
        chunk_ids = chunk_ids[: settings.top_chunks - len(missing)] + missing
        units, vectors = self.passages.units_of(chunk_ids)
        if multilingual and units:
            assert self.crosslingual is not None
            vectors = self.crosslingual[0].unit_vectors(u.id for u in units)
        evidence = select_evidence(
            terms,
            vector,
            units,
            vectors,
            self.sparse.stats,
            lexical_weight=settings.lexical_weight,
        )
        # The focus (question words found in the briefs) is a test of shared words: it does
        # not carry across languages.
        focus = frozenset() if multilingual else _focus(terms, self.sparse.stats)
        return Retrieval(evidence, chunk_ids, focus, frozenset(headed))

    @cached_property
    def _headings(self) -> dict[str, list[Heading]]:
        """Each heading's terms with its chunk and document, indexed by term; read once."""
        index: dict[str, list[Heading]] = {}
        for heading in self.passages.units_of_kind("heading", limit=-1):
            words = frozenset(terms_of(heading.text))
            for term in words:
                index.setdefault(term, []).append((words, heading.chunk_id, heading.source))
        return index

    @cached_property
    def _documents(self) -> tuple[list[str], Vectors]:
        return self.passages.document_vectors()

    def _headed(self, wanted: set[str], vector: Vectors) -> list[str]:
        """Chunks holding a heading whose terms the question all has, rarest heading first,
        in the document nearest the question (by document vectors) only: a "Genomics"
        heading in a manual is not the section a question about the genomics market means,
        nor is an "Export" heading in one of thousands of manual pages."""
        idf = self.sparse.stats.idf
        found = {
            chunk: (source, sum(map(idf, words)))
            for term in wanted
            for words, chunk, source in self._headings.get(term, ())
            if words <= wanted
        }
        if not found:
            return []
        sources, vectors = self._documents
        nearest = sources[int(np.argmax(vectors @ vector))]
        kept = [chunk for chunk, (source, _) in found.items() if source == nearest]
        return sorted(kept, key=lambda chunk: -found[chunk][1])

    def _naming(self, candidates: list[str], named: set[str]) -> list[str]:
        """The candidate chunks whose text holds every named term, in candidate order."""
        texts = dict(self.passages.chunk_texts(candidates))
        return [id_ for id_ in candidates if named <= set(terms_of(texts.get(id_, "")))]


def _focus(terms: list[str], stats: TermStats) -> frozenset[str]:
    """The question's words found in the briefs, numbers left out (years are periods)."""
    return frozenset(t for t in terms if t in stats.df and not t[:1].isdigit())
