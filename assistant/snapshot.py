"""One index version, opened: every reader a question needs, shared by all threads.

`Assistant` holds one `IndexSnapshot` and, when an ingest switches the serving version,
opens a new snapshot and swaps the reference. A question in flight keeps the snapshot it
started with, so it reads one whole version; nothing in a snapshot is replaced in place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from assistant.answer.acronyms import AcronymAnswerer
from assistant.answer.answerers import (
    Answerer,
    FigureAnswerer,
    PassageAnswerer,
    first_answer,
)
from assistant.answer.byline import BylineAnswerer
from assistant.answer.figures import Similarity
from assistant.answer.leaders import LeaderAnswerer
from assistant.answer.listing import ListingAnswerer
from assistant.answer.scorer import EvidenceScorer
from assistant.answer.summary import SummaryAnswerer
from assistant.config import Settings
from assistant.encoders.registry import Encoders
from assistant.errors import IndexMissingError, StoreError
from assistant.facts.query import label_similarity
from assistant.facts.spanish import phrase_similarity
from assistant.retrieve.dense import DenseRetriever
from assistant.retrieve.hybrid import Crosslingual, HybridRetriever
from assistant.retrieve.sparse import SparseRetriever
from assistant.storage.crosslingual import FILE as MULTILINGUAL_FILE
from assistant.storage.crosslingual import MultilingualVectors
from assistant.storage.facts import FactTable
from assistant.storage.integrity import IndexCounts, compare, count_vectors
from assistant.storage.manifest import Manifest
from assistant.storage.passages import PassageTable
from assistant.storage.vectors import Store, open_store
from assistant.storage.versions import IndexLayout
from assistant.suggest import starter_questions
from assistant.text.question import Question
from assistant.text.tables import TableParser
from assistant.text.vocabulary import Vocabulary
from assistant.types import Answer, Language, Unit

PROSE_CHUNKS = 4
"""Chunks searched for a sentence that names more of a figure question than its row."""

AnswererFactory = Callable[["IndexSnapshot"], Sequence[Answerer]]
"""Makes the answerers, in the order they are tried, for one snapshot."""


def default_answerers(snapshot: IndexSnapshot) -> Sequence[Answerer]:
    """A summary when one is asked for, who wrote a brief and when, what an acronym
    stands for, who leads an organisation, what a table lists (its rows or years), figures
    (exact, from the facts table), then passages (always answers)."""
    return (
        SummaryAnswerer(snapshot.passages),
        BylineAnswerer(snapshot.passages),
        AcronymAnswerer(snapshot.passages),
        LeaderAnswerer(snapshot.passages),
        ListingAnswerer(
            snapshot.passages, snapshot.facts, snapshot.tables, snapshot.units_sharing_words
        ),
        FigureAnswerer(
            snapshot.facts,
            snapshot.passages,
            snapshot.similarity,
            known=lambda term: term in snapshot.sparse.stats.df,
            prose=snapshot.units_sharing_words,
        ),
        snapshot.passage_answerer,
    )


@dataclass(frozen=True, eq=False)
class IndexSnapshot:
    """The readers of one index version; derived readers are made on first use."""

    settings: Settings
    version: Path
    manifest: Manifest
    passages: PassageTable
    sparse: SparseRetriever
    facts: FactTable
    encoders: Encoders
    scorer: EvidenceScorer
    tables: TableParser
    """The table parser the index was built with (reads a quoted row's table)."""
    make_answerers: AnswererFactory = default_answerers

    @classmethod
    def open(
        cls,
        settings: Settings,
        encoders: Encoders,
        scorer: EvidenceScorer,
        tables: TableParser,
        make_answerers: AnswererFactory = default_answerers,
    ) -> IndexSnapshot:
        """The serving version's readers; `IndexMissingError` when there is none."""
        version = IndexLayout(settings.index_dir).current()
        manifest = Manifest.load(version)
        if version is None or manifest is None:
            raise IndexMissingError(f"no index at {settings.index_dir}/; run `assistant ingest`")
        return cls(
            settings=settings,
            version=version,
            manifest=manifest,
            passages=PassageTable(version / "passages.sqlite", create=False),
            sparse=SparseRetriever.load(version / "bm25"),
            facts=FactTable(version / "facts.sqlite", create=False),
            encoders=encoders,
            scorer=scorer,
            tables=tables,
            make_answerers=make_answerers,
        )

    def answer(self, question: Question) -> Answer:
        """The first answer the answerers give, from this version only; an English
        question's words that no brief uses are read as the briefs' words they stand for."""
        if question.language == "en":
            question = question.spelled(self.vocabulary)
        return first_answer(self.answerers, question)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(self.sparse.stats.df)

    @cached_property
    def answerers(self) -> Sequence[Answerer]:
        return tuple(self.make_answerers(self))

    @cached_property
    def store(self) -> Store:
        return open_store(self.settings, self.version, self.manifest.collection, create=False)

    @cached_property
    def crosslingual(self) -> Crosslingual | None:
        """The multilingual vectors and encoder, when the index was built with them."""
        if not self.manifest.multilingual:
            return None
        vectors = MultilingualVectors(self.version / MULTILINGUAL_FILE, create=False)
        return Crosslingual(vectors, self.encoders.multilingual)

    @cached_property
    def retriever(self) -> HybridRetriever:
        dense = DenseRetriever(self.store, self.encoders.english)
        return HybridRetriever(
            dense, self.sparse, self.passages, self.settings, crosslingual=self.crosslingual
        )

    @cached_property
    def passage_answerer(self) -> PassageAnswerer:
        return PassageAnswerer(
            self.retriever, self.scorer, self.passages, self.settings, self.tables
        )

    def units_sharing_words(self, question: Question) -> list[Unit]:
        """The units of the chunks that share most words with `question` (BM25, no encode)."""
        among = self.passages.chunks_of(question.sources) if question.sources else None
        found = self.sparse.search(list(question.terms), k=PROSE_CHUNKS, among=among)
        chunks = [chunk for chunk, _ in found]
        return self.passages.units_of(chunks)[0]

    def similarity(self, language: Language) -> Similarity | None:
        """How a question's words are matched to metric labels by meaning, by language."""
        return self.label_similarity if language == "en" else self.phrase_similarity

    @cached_property
    def label_similarity(self) -> Similarity:
        """Similarity of an English question to each metric label; label vectors read once."""
        labels, vectors = self.facts.label_vectors()
        return label_similarity(labels, vectors, lambda q: self.retriever.dense.embed(q))

    @cached_property
    def phrase_similarity(self) -> Similarity | None:
        """Similarity of a question's phrases to each metric label, in any language."""
        if self.crosslingual is None:
            return None
        encoder = self.crosslingual.encoder
        labels = self.facts.labels()
        return phrase_similarity(labels, encoder.encode(labels), encoder.encode)

    def check(self) -> list[str]:
        """What is off in this version (manifest, vectors, BM25, facts); empty if nothing.

        Counted from what this snapshot has loaded: nothing is read a second time.
        """
        counts = self.passages.counts()
        crossed = self.crosslingual.vectors.count() if self.crosslingual else 0
        try:
            vectors, problems = count_vectors(self.store)
        except StoreError as error:
            vectors, problems = 0, (f"the vector store cannot be read ({error})",)
        found = IndexCounts(
            documents=counts["documents"],
            chunks=counts["chunks"],
            vectors=vectors,
            bm25=self.sparse.stats.n,
            facts=self.facts.count(),
            multilingual=crossed,
            problems=problems,
        )
        return compare(self.manifest, found)

    @cached_property
    def starters(self) -> dict[str, list[str]]:
        """Starter questions generated from this version's briefs, by kind of user."""
        passages = self.passages
        headings = [
            (h, bool(passages.block_units(h.source, h.block + 1)[:1]
                     and passages.block_units(h.source, h.block + 1)[0].kind == "item"))
            for h in passages.units_of_kind("heading")
        ]  # fmt: skip
        sentences = [u.text for u in passages.units_of_kind("prose")]
        return starter_questions(self.facts.all(), headings, sentences)
