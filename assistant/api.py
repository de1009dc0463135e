"""The public entry point: `Assistant.open()` loads the index, `.session()` starts a chat."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from assistant.answer.compose import compose_answer
from assistant.answer.figures import answer_figure
from assistant.answer.language import Language, detect_language
from assistant.build import IngestReport, corpus_hashes, ingest, open_store
from assistant.chat.session import Session, validate_question
from assistant.config import Settings
from assistant.errors import IndexMissingError
from assistant.facts.db import FactTable
from assistant.facts.query import label_similarity
from assistant.facts.spanish import phrase_similarity
from assistant.ingest.crosslingual import FILE as MULTILINGUAL_FILE
from assistant.ingest.crosslingual import MultilingualVectors
from assistant.ingest.embed import Embedder
from assistant.ingest.manifest import Manifest
from assistant.ingest.models import make_embedder
from assistant.ingest.multilingual import UseEmbedder
from assistant.ingest.passages import PassageTable
from assistant.ingest.store import Store
from assistant.ingest.versions import IndexLayout
from assistant.integrity import READ_ERRORS, IndexCounts, compare, missing_files, vector_count
from assistant.retrieve.dense import DenseRetriever
from assistant.retrieve.hybrid import Crosslingual, HybridRetriever, Retrieval
from assistant.retrieve.sparse import SparseRetriever
from assistant.suggest import starter_questions
from assistant.types import Answer, Document, FactRecord


@dataclass(frozen=True)
class IndexStatus:
    """What the index holds, when it was built, and whether the corpus changed since."""

    documents: int
    chunks: int
    units: int
    facts: int
    built_at: str
    stale: bool


class Assistant:
    """Answers questions over the indexed briefs; cheap to query, load once.

    It serves one index version and moves to a newer one (written by an ingest in any
    process) before the next answer.
    """

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._embedder = embedder
        self._layout = IndexLayout(settings.index_dir)
        self._reload = threading.Lock()
        self._load()

    def _load(self) -> None:
        """Open the serving version's files; forget what was derived from earlier ones."""
        version = self._layout.current()
        manifest = Manifest.load(version)
        if version is None or manifest is None:
            index_dir = self.settings.index_dir
            raise IndexMissingError(f"no index at {index_dir}/; run `assistant ingest`")
        self.version, self.manifest = version, manifest
        self.passages = PassageTable(version / "passages.sqlite")
        self.sparse = SparseRetriever.load(version / "bm25")
        self.facts = FactTable(version / "facts.sqlite")
        for name, attribute in vars(Assistant).items():  # every cached_property is derived
            if isinstance(attribute, cached_property):
                self.__dict__.pop(name, None)

    def _refresh(self) -> bool:
        """Move to the serving version if an ingest switched it; True when it did."""
        if self._layout.current_name() in (None, self.version.name):
            return False
        with self._reload:
            if self._layout.current_name() not in (None, self.version.name):
                self._load()
        return True

    @classmethod
    def open(
        cls,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        progress: Callable[[str], None] = lambda line: None,
    ) -> Assistant:
        """Open the index after checking it; build or rebuild it (with progress lines) first
        when there is none or its parts disagree."""
        settings = settings or Settings.from_env()
        if IndexLayout(settings.index_dir).current() is None:
            progress(
                f"No index at {settings.index_dir}/ yet: building it from {settings.corpus_dir}/"
            )
            progress(ingest(settings, embedder=embedder, progress=progress).summary())
        version = IndexLayout(settings.index_dir).current()
        if version is None or Manifest.load(version) is None:
            problems = ["the manifest is missing or damaged"]
        else:
            problems = missing_files(version)
        if not problems:
            try:
                assistant = cls(settings, embedder=embedder)
            except READ_ERRORS as error:
                problems = [f"the index files cannot be read ({error})"]
            else:
                problems = assistant.check()
                if not problems:
                    return assistant
        progress("The index is damaged (" + "; ".join(problems) + "): rebuilding it")
        progress(ingest(settings, embedder=embedder, progress=progress, rebuild=True).summary())
        return cls(settings, embedder=embedder)

    def check(self) -> list[str]:
        """What is off in the serving index (manifest, vectors, BM25, facts); empty if nothing.

        Counted from what this assistant has loaded: nothing is read a second time.
        """
        counts = self.passages.counts()
        crossed = self.crosslingual[0].count() if self.crosslingual else 0
        found = IndexCounts(
            counts["documents"],
            counts["chunks"],
            vector_count(self.store),
            self.sparse.stats.n,
            self.facts.count(),
            crossed,
        )
        return compare(self.manifest, found)

    @cached_property
    def store(self) -> Store:
        return open_store(self.settings, self.version, self.manifest.collection)

    @cached_property
    def embedder(self) -> Embedder:
        return self._embedder or make_embedder(self.settings)

    @cached_property
    def retriever(self) -> HybridRetriever:
        dense = DenseRetriever(self.store, self.embedder)
        return HybridRetriever(
            dense, self.sparse, self.passages, self.settings, crosslingual=self.crosslingual
        )

    @cached_property
    def crosslingual(self) -> Crosslingual | None:
        """The multilingual vectors and encoder, when the index was built with them."""
        if not self.manifest.multilingual:
            return None
        return MultilingualVectors(self.version / MULTILINGUAL_FILE), UseEmbedder()

    def session(self) -> Session:
        """A new conversation."""
        return Session(self)

    def ask(self, question: str) -> Answer:
        """Answer one standalone question (a one-turn session)."""
        return self.session().ask(question)

    def answer(
        self,
        question: str,
        *,
        interpreted_as: str | None = None,
        language: Language | None = None,
    ) -> Answer:
        """Answer `interpreted_as` (default: the question itself) from the briefs.

        A question about a table figure is answered from the facts table (no embedding
        needed unless its metric must be matched by meaning); any other from passages.
        `language` (default: detected) is the language of the answer's own words; a
        Spanish question is matched by the multilingual encoder when the index has it.
        """
        standalone = interpreted_as or validate_question(question)
        self._refresh()
        if self.crosslingual is None:
            language = "en"  # built without multilingual vectors: English only
        language = language or detect_language(standalone)
        try:
            return self._answer(question, standalone, language)
        except Exception:
            # An ingest in another process removed the version read a moment ago:
            # answer once more from the new one.
            if not self._refresh():
                raise
            return self._answer(question, standalone, language)

    def _answer(self, question: str, standalone: str, language: Language) -> Answer:
        similarity = self._label_similarity if language == "en" else self._phrase_similarity
        figure = answer_figure(
            question,
            standalone,
            self.facts,
            self.passages,
            similarity=similarity,
            language=language,
        )
        if figure is not None:
            return figure
        retrieval = self.retriever.retrieve(standalone, language=language)
        return compose_answer(
            question, standalone, retrieval, self.passages, self.settings, language=language
        )

    def metric_labels(self) -> list[str]:
        """The metrics the facts table has figures for."""
        return self.facts.labels()

    @cached_property
    def _label_similarity(self) -> Callable[[str], dict[str, float]]:
        """Similarity of a question to each metric label; label vectors read once."""
        labels, vectors = self.facts.label_vectors()
        return label_similarity(labels, vectors, lambda q: self.retriever.dense.embed(q))

    def label_meaning(self) -> Callable[[str], dict[str, float]] | None:
        """Similarity of a phrase in any language to each metric label (multilingual)."""
        return self._phrase_similarity if self.crosslingual is not None else None

    @cached_property
    def _phrase_similarity(self) -> Callable[[str], dict[str, float]]:
        """Similarity of a question's phrases to each metric label, in any language."""
        assert self.crosslingual is not None
        encoder = self.crosslingual[1]
        labels = self.facts.labels()
        return phrase_similarity(labels, encoder.encode(labels), encoder.encode)

    def retrieve(self, question: str) -> Retrieval:
        return self.retriever.retrieve(question)

    def source_text(self, source: str) -> str:
        """The text a citation's offsets refer to (the file, or the text extracted from it)."""
        return self.passages.text(source)

    def list_facts(self, *, metric: str | None = None) -> list[FactRecord]:
        """The facts table, optionally only metrics containing `metric` (any case)."""
        wanted = (metric or "").casefold()
        return [f for f in self.facts.all() if wanted in f.metric.casefold()]

    def documents(self) -> list[Document]:
        return self.passages.documents()

    def status(self) -> IndexStatus:
        self._refresh()
        manifest = self.manifest
        counts = self.passages.counts()
        return IndexStatus(
            documents=counts["documents"],
            chunks=counts["chunks"],
            units=counts["units"],
            facts=self.facts.count(),
            built_at=manifest.built_at,
            stale=corpus_hashes(self.settings) != manifest.expected_hashes(),
        )

    def reingest(self, *, progress: Callable[[str], None] = lambda line: None) -> IngestReport:
        """Bring the index in line with the corpus and reload it in this assistant."""
        report = ingest(self.settings, embedder=self._embedder, progress=progress)
        self._refresh()
        return report

    @cached_property
    def starters(self) -> dict[str, list[str]]:
        """Starter questions generated from the corpus, by kind of user."""
        headings = [
            (h, bool(self.passages.block_units(h.source, h.block + 1)[:1]
                     and self.passages.block_units(h.source, h.block + 1)[0].kind == "item"))
            for h in self.passages.units_of_kind("heading")
        ]  # fmt: skip
        sentences = [u.text for u in self.passages.units_of_kind("prose")]
        return starter_questions(self.facts.all(), headings, sentences)

    def with_settings(self, **changes: object) -> Assistant:
        """The same index with other answer settings (used by calibration)."""
        other = Assistant.__new__(Assistant)
        other.__dict__.update(self.__dict__)
        other.__dict__.pop("retriever", None)
        other.settings = self.settings.with_(**changes)
        return other


def run_ingest(
    settings: Settings | None = None, *, progress: Callable[[str], None] = lambda line: None
) -> IngestReport:
    """Bring the index in line with the corpus folder."""
    return ingest(settings or Settings.from_env(), progress=progress)
