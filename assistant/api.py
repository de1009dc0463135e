"""The public entry point: `Assistant.open()` loads the index, `.session()` starts a chat."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from assistant.answer.judge import JudgeScorer
from assistant.answer.phrases import say
from assistant.answer.scorer import BlendScorer, Evidence, EvidenceScorer
from assistant.answer.verdict import VerdictScorer
from assistant.chat.session import Session
from assistant.config import Settings
from assistant.encoders.embed import Embedder
from assistant.encoders.registry import Encoders
from assistant.errors import BriefError, CorpusError, QuestionError
from assistant.feedback import CONVERSATIONS, FEEDBACK, ConversationLog, FeedbackLog
from assistant.ingest.build import IngestReport, corpus_hashes, corpus_problem, ingest
from assistant.ingest.load import METADATA_FILE, READERS, list_corpus, source_name
from assistant.opening import open_checked
from assistant.snapshot import AnswererFactory, IndexSnapshot, default_answerers
from assistant.storage.versions import IndexLayout
from assistant.text.question import Question, validate_question
from assistant.text.table_reader import TableReader
from assistant.text.tables import TableParser
from assistant.types import Answer, Citation, Document, FactRecord, Language


@dataclass(frozen=True)
class IndexStatus:
    """What the index holds, when it was built, and whether the corpus changed since."""

    documents: int
    chunks: int
    units: int
    facts: int
    built_at: str
    stale: bool
    corpus_problem: str | None = None
    """What is wrong with the corpus folder (missing, unreadable), if anything: answers
    then come from the index as it was built."""


SCORERS: dict[str, Callable[[Settings], EvidenceScorer]] = {
    "judge": JudgeScorer,
    "blend": BlendScorer,
    "verdict": VerdictScorer,
}


class Assistant:
    """Answers questions over the indexed briefs; cheap to query, load once.

    It serves one index version (an `IndexSnapshot`) and moves to a newer one, written by
    an ingest in any process, before the next answer. The evidence scorer and the
    answerers are the parts to swap: `Assistant.open(scorer=..., answerers=...)`.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        embedder: Embedder | None = None,
        scorer: EvidenceScorer | None = None,
        answerers: AnswererFactory = default_answerers,
        tables: TableParser | None = None,
    ) -> None:
        self.settings = settings
        self._embedder = embedder
        self._encoders = Encoders(settings, english=embedder)
        self._scorer = scorer or SCORERS[settings.scorer](settings)
        self._answerers = answerers
        self._tables = tables
        self._layout = IndexLayout(settings.index_dir)
        self._switch = threading.Lock()
        self._snapshot = self._open_snapshot()

    def _open_snapshot(self) -> IndexSnapshot:
        return IndexSnapshot.open(
            self.settings,
            self._encoders,
            self._scorer,
            self._tables or TableReader(),
            self._answerers,
        )

    @property
    def snapshot(self) -> IndexSnapshot:
        """The serving version's readers, moving to a newer version an ingest switched to."""
        self._refresh()
        return self._snapshot

    def _refresh(self) -> bool:
        """Open the serving version if an ingest switched it; True when it did."""
        if self._layout.current_name() in (None, self._snapshot.version.name):
            return False
        with self._switch:
            if self._layout.current_name() not in (None, self._snapshot.version.name):
                self._snapshot = self._open_snapshot()  # one assignment: readers see old or new
        return True

    @classmethod
    def open(
        cls,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        scorer: EvidenceScorer | None = None,
        answerers: AnswererFactory = default_answerers,
        tables: TableParser | None = None,
        progress: Callable[[str], None] = lambda line: None,
    ) -> Assistant:
        """Open the serving index after checking it; build it first when there is none.

        A version that an ingest switched away from or removed while it was being opened
        is not damage: the serving one is opened instead. An index whose parts disagree is
        rebuilt under the ingest lock, and only if it is still damaged once the lock is
        held: an ingest running in another process is waited for (up to
        `settings.lock_wait`), never raced. `tables` parses tables when it builds.
        """
        settings = settings or Settings.from_env()

        def make() -> Assistant:
            return cls(
                settings, embedder=embedder, scorer=scorer, answerers=answerers, tables=tables
            )

        def build(*, repair: bool = False) -> None:
            report = ingest(
                settings, embedder=embedder, tables=tables, progress=progress, repair=repair
            )
            progress(report.summary())

        return open_checked(settings, make, build, progress)

    def check(self) -> list[str]:
        """What is off in the serving index (manifest, vectors, BM25, facts); empty if nothing."""
        return self._snapshot.check()

    @property
    def version_name(self) -> str:
        """The name of the version this assistant opened last (not re-read from disk)."""
        return self._snapshot.version.name

    @cached_property
    def feedback(self) -> FeedbackLog:
        """Thumbs up or down on answers, kept in the index folder (see `assistant.feedback`)."""
        return FeedbackLog(self.settings.index_dir / FEEDBACK)

    @cached_property
    def conversations(self) -> ConversationLog:
        """The app's conversations, kept in the index folder (see `assistant.feedback`)."""
        return ConversationLog(self.settings.index_dir / CONVERSATIONS)

    @property
    def scorer(self) -> EvidenceScorer:
        """The evidence scorer passage answers are ranked and abstained by."""
        return self._scorer

    def session(self, *, sources: Iterable[str] = ()) -> Session:
        """A new conversation, searching the briefs `sources` (source names; all if empty)."""
        return Session(self, sources=frozenset(sources))

    def ask(self, question: str, *, sources: Iterable[str] = ()) -> Answer:
        """Answer one standalone question (a one-turn session) from the briefs `sources`
        (source names, as `documents()` lists them; every brief when empty)."""
        return self.session(sources=sources).ask(question)

    def answer(self, question: Question) -> Answer:
        """Answer an analysed question from the serving version of the briefs.

        The answerers are tried in order (figures, then passages). An index built without
        multilingual vectors answers every question in English.
        """
        snapshot = self.snapshot
        try:
            return _searched(snapshot, question, _answer_from(snapshot, question))
        except QuestionError:
            raise
        except Exception:
            # An ingest removed the version this snapshot reads: answer once more from the
            # serving one (another thread may have moved to it already).
            if snapshot is self._snapshot and not self._refresh():
                raise
            return _searched(self._snapshot, question, _answer_from(self._snapshot, question))

    def evidence(self, question: str, *, language: Language = "en") -> list[Evidence]:
        """The passages retrieval finds for `question`, ranked by the evidence scorer."""
        analysed = Question.analyse(validate_question(question), language=language)
        return self.snapshot.passage_answerer.evidence(analysed)

    def metric_labels(self) -> list[str]:
        """The metrics the facts table has figures for (of the version last opened: a
        follow-up is resolved against them just before `answer` moves to a newer one)."""
        return self._snapshot.facts.labels()

    def label_meaning(self) -> Callable[[str], dict[str, float]] | None:
        """Similarity of a phrase in any language to each metric label (multilingual)."""
        return self._snapshot.phrase_similarity

    def source_text(self, source: str) -> str:
        """The text a citation's offsets refer to (the file, or the text extracted from it)."""
        return self.snapshot.passages.text(source)

    def list_facts(self, *, metric: str | None = None) -> list[FactRecord]:
        """The facts table, optionally only metrics containing `metric` (any case)."""
        wanted = (metric or "").casefold()
        return [f for f in self.snapshot.facts.all() if wanted in f.metric.casefold()]

    def documents(self) -> list[Document]:
        return self.snapshot.passages.documents()

    def titles(self) -> dict[str, str]:
        """Each brief's title by its source name (cheap: no text is read)."""
        return self.snapshot.passages.titles()

    def span(self, source: str, start: int = 0, end: int | None = None) -> Citation:
        """The text of a brief between two offsets (the whole brief by default), as a
        citation would hold it: for checking one. `BriefError` for an unknown brief,
        `QuestionError` for offsets outside it."""
        titles = self.titles()
        if source not in titles:
            raise BriefError(f"no brief named {source}; the briefs are: {', '.join(titles)}")
        text = self.source_text(source)
        end = len(text) if end is None else end
        if not 0 <= start <= end <= len(text):
            raise QuestionError(f"start-end {start}-{end} is not within 0-{len(text)} of {source}")
        return Citation(0, source, titles[source], start, end, text[start:end], 1.0)

    def status(self) -> IndexStatus:
        snapshot = self.snapshot
        counts = snapshot.passages.counts()
        return IndexStatus(
            documents=counts["documents"],
            chunks=counts["chunks"],
            units=counts["units"],
            facts=snapshot.facts.count(),
            built_at=snapshot.manifest.built_at,
            stale=corpus_hashes(self.settings) != snapshot.manifest.expected_hashes(),
            corpus_problem=self.corpus_problem(),
        )

    def corpus_problem(self) -> str | None:
        """What is wrong with the corpus folder, said with where answers come from instead."""
        problem = corpus_problem(self.settings)
        if problem is None:
            return None
        built = self._snapshot.manifest.built_at
        return f"{problem}. Answers come from the index built {built}"

    @property
    def brief_types(self) -> list[str]:
        """The file suffixes a brief may have (`.md`, `.pdf`, ...)."""
        return sorted(READERS)

    def corpus_files(self) -> list[str]:
        """The names of the files in the corpus folder (read or not), as sources are named."""
        try:
            files = list_corpus(self.settings.corpus_dir)
        except CorpusError:
            return []
        return [source_name(path, self.settings.corpus_dir) for path in files]

    def add_brief(self, name: str, data: bytes) -> Path:
        """Save a brief into the corpus folder (`reingest` then reads it); its type, size
        and name are checked before anything is written. `BriefError` says why not."""
        if Path(name).name != name or name.startswith(".") or "\\" in name:
            raise BriefError(f"{name}: not a plain file name (no folders, not hidden)")
        if Path(name).suffix.lower() not in READERS or name == METADATA_FILE:
            kinds = ", ".join(sorted(READERS))
            raise BriefError(f"{name}: not a brief type (one of {kinds})")
        limit = self.settings.max_file_mb * 1e6
        if len(data) > limit:
            raise BriefError(
                f"{name}: file too large ({len(data) / 1e6:.1f} MB; the limit is"
                f" {self.settings.max_file_mb:g} MB, ASSISTANT_MAX_FILE_MB)"
            )
        if not data.strip():
            raise BriefError(f"{name}: the file is empty")
        target = self.settings.corpus_dir / name
        if target.exists():
            raise BriefError(
                f"{name}: a brief of that name is already in the corpus; remove it first"
            )
        self.settings.corpus_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{name}.{os.getpid()}.part")  # hidden: ingest skips it
        partial.write_bytes(data)
        partial.replace(target)  # whole or not at all, for an ingest listing the folder
        return target

    def remove_brief(self, name: str) -> None:
        """Delete a brief from the corpus folder (`reingest` then drops it from the index)."""
        if name not in self.corpus_files():
            raise BriefError(f"no brief named {name} in {self.settings.corpus_dir}/")
        (self.settings.corpus_dir / name).unlink()

    def reingest(self, *, progress: Callable[[str], None] = lambda line: None) -> IngestReport:
        """Bring the index in line with the corpus and move this assistant to it."""
        report = ingest(
            self.settings, embedder=self._embedder, tables=self._tables, progress=progress
        )
        self._refresh()
        return report

    @property
    def starters(self) -> dict[str, list[str]]:
        """Starter questions generated from the corpus, by kind of user."""
        return self.snapshot.starters

    def with_settings(self, **changes: object) -> Assistant:
        """The same index with other answer settings (used by calibration)."""
        settings = self.settings.with_(**changes)
        scorer = self._scorer
        if isinstance(scorer, JudgeScorer):  # it reads the blend's settings; its model stays
            scorer = type(scorer)(settings, scorer.model)
        elif isinstance(scorer, BlendScorer):  # it reads its weight and thresholds from settings
            scorer = type(scorer)(settings)
        return Assistant(
            settings,
            embedder=self._encoders.english,
            scorer=scorer,
            answerers=self._answerers,
            tables=self._tables,
        )


def _answer_from(snapshot: IndexSnapshot, question: Question) -> Answer:
    """The answer from one snapshot; an index without multilingual vectors answers in English.
    `QuestionError` when the question names a brief the snapshot does not hold."""
    check_sources(question.sources, snapshot.passages.titles())
    if snapshot.crosslingual is None and question.language != "en":
        question = question.in_language("en")
    return snapshot.answer(question)


def check_sources(sources: Iterable[str], briefs: Iterable[str]) -> None:
    """`QuestionError` naming the briefs when a source is not one of `briefs` (sources)."""
    held = sorted(briefs)
    if unknown := sorted(set(sources) - set(held)):
        raise QuestionError(
            f"no brief named {', '.join(unknown)}; the briefs are: {', '.join(held)}"
        )


def _searched(snapshot: IndexSnapshot, question: Question, answer: Answer) -> Answer:
    """The answer with the briefs it was looked for in; an abstention from some briefs
    only says which (the answer may be in another)."""
    titles = snapshot.passages.titles()
    searched = sorted(question.sources or titles)
    text = answer.answer
    if answer.abstained and question.sources:
        named = [f"“{titles[s]}” ({s})" for s in searched]
        text += say(question.language, "searched_only", briefs="; ".join(named))
    return replace(answer, answer=text, searched=tuple(searched))


def run_ingest(
    settings: Settings | None = None, *, progress: Callable[[str], None] = lambda line: None
) -> IngestReport:
    """Bring the index in line with the corpus folder."""
    return ingest(settings or Settings.from_env(), progress=progress)
