"""Hybrid retrieval: dense and BM25 rankings fused; the units of the best chunks are the
candidates an `EvidenceScorer` then ranks. Nothing here scores an answer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from assistant.config import Settings
from assistant.encoders.embed import Embedder
from assistant.retrieve.dense import DenseRetriever
from assistant.retrieve.fuse import fuse_rankings
from assistant.retrieve.sparse import SparseRetriever
from assistant.storage.bm25 import TermStats
from assistant.storage.crosslingual import MultilingualVectors
from assistant.storage.passages import PassageTable
from assistant.text.question import Question
from assistant.text.terms import terms as terms_of
from assistant.types import Unit, Vectors


@dataclass(frozen=True)
class Crosslingual:
    """The multilingual vectors of the index and the encoder that made them."""

    vectors: MultilingualVectors
    encoder: Embedder


@dataclass(frozen=True)
class Heading:
    """A heading's terms, with its chunk and its document's source."""

    words: frozenset[str]
    chunk_id: str
    source: str


@dataclass(frozen=True)
class Candidates:
    """What retrieval found for one question: the units of the best chunks, unscored."""

    units: list[Unit]
    vectors: Vectors
    """The units' vectors, in the same space as `query`."""
    query: Vectors
    """The question's vector (multilingual for a question in another language)."""
    stats: TermStats
    """Term statistics of the index (idf), for lexical scoring."""
    focus: frozenset[str] = frozenset()
    """The question's words found in the briefs, numbers left out."""
    sections: frozenset[str] = frozenset()
    """Chunks of the sections the question names that were read (see `_headed`)."""


class HybridRetriever:
    """Dense + BM25 over chunks, fused by reciprocal rank; the best chunks' units are the
    candidates."""

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

    def retrieve(self, question: Question) -> Candidates:
        """Candidate units for `question`; in another language than English, the dense
        ranking and the unit vectors are the multilingual ones (BM25 still finds names)."""
        settings, k = self.settings, self.settings.candidates
        terms = list(question.terms)
        scope = question.sources
        among = self.passages.chunks_of(scope) if scope else None  # the briefs chosen
        crosslingual = self.crosslingual if question.language != "en" else None
        if crosslingual is not None:
            vector = crosslingual.encoder.encode([question.text])[0]
            dense_ids = [id_ for id_, _ in crosslingual.vectors.search(vector, k, among=among)]
        else:
            vector = self.dense.embed(question.text)
            dense_ids = [id_ for id_, _ in self.dense.search(vector, k, sources=scope)]
        sparse_ids = [id_ for id_, _ in self.sparse.search(terms, k, among=among)]
        rankings = [dense_ids, sparse_ids]
        named = set(question.names)
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
        headed: list[str] = [] if crosslingual else self._headed(set(terms), vector, scope)
        if len(headed) > settings.top_chunks:
            headed = []  # too many to tell which one is meant
        missing = [id_ for id_ in headed if id_ not in chunk_ids][:2]
        chunk_ids = chunk_ids[: settings.top_chunks - len(missing)] + missing
        units, vectors = self.passages.units_of(chunk_ids)
        if crosslingual is not None and units:
            vectors = crosslingual.vectors.unit_vectors(u.id for u in units)
        # The focus (question words found in the briefs) is a test of shared words: it does
        # not carry across languages.
        focus = frozenset() if crosslingual else _focus(terms, self.sparse.stats)
        # a brief word the question wrote another way ("expansion") is not asked of a figure
        focus -= question.spelled_terms
        return Candidates(units, vectors, vector, self.sparse.stats, focus, frozenset(headed))

    @cached_property
    def _headings(self) -> dict[str, list[Heading]]:
        """Each heading's terms with its chunk and document, indexed by term; read once."""
        index: dict[str, list[Heading]] = {}
        for unit in self.passages.units_of_kind("heading", limit=-1):
            heading = Heading(frozenset(terms_of(unit.own_line)), unit.chunk_id, unit.source)
            for term in heading.words:
                index.setdefault(term, []).append(heading)
        return index

    @cached_property
    def _documents(self) -> tuple[list[str], Vectors]:
        return self.passages.document_vectors()

    def _headed(
        self, wanted: set[str], vector: Vectors, scope: frozenset[str] = frozenset()
    ) -> list[str]:
        """Chunks holding a heading whose terms the question all has, rarest heading first,
        in the document nearest the question (by document vectors) only: a "Genomics"
        heading in a manual is not the section a question about the genomics market means,
        nor is an "Export" heading in one of thousands of manual pages."""
        idf = self.sparse.stats.idf
        found = {
            heading.chunk_id: (heading.source, sum(map(idf, heading.words)))
            for term in wanted
            for heading in self._headings.get(term, ())
            if heading.words <= wanted and (not scope or heading.source in scope)
        }
        if not found:
            return []
        sources, vectors = self._documents
        similarity = vectors @ vector
        if scope:
            similarity = np.where([s in scope for s in sources], similarity, -np.inf)
        nearest = sources[int(np.argmax(similarity))]
        kept = [chunk for chunk, (source, _) in found.items() if source == nearest]
        return sorted(kept, key=lambda chunk: -found[chunk][1])

    def _naming(self, candidates: list[str], named: set[str]) -> list[str]:
        """The candidate chunks whose text holds every named term, in candidate order."""
        texts = dict(self.passages.chunk_texts(candidates))
        return [id_ for id_ in candidates if named <= set(terms_of(texts.get(id_, "")))]


def _focus(terms: list[str], stats: TermStats) -> frozenset[str]:
    """The question's words found in the briefs, numbers left out (years are periods)."""
    return frozenset(t for t in terms if t in stats.df and not t[:1].isdigit())
