"""The answerers a question is offered to, in order: a summary (`summary.py`), a table's
list (`listing.py`), figures, then passages.

An `Answerer` answers a `Question` or passes (None) to the next one. To add a kind of
answer (a comparison, a glossary), write one and put it in the list `Assistant` is given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cached_property
from typing import Protocol

from assistant.answer.compose import compose_answer
from assistant.answer.figures import Similarity, answer_figure
from assistant.answer.scorer import Evidence, EvidenceScorer
from assistant.answer.settle import table_intro
from assistant.config import Settings
from assistant.facts.query import (
    bare_total,
    spell_label_abbreviations,
    spell_label_acronyms,
    spell_margin,
)
from assistant.retrieve.hybrid import HybridRetriever
from assistant.storage.facts import FactTable
from assistant.storage.passages import PassageTable
from assistant.text.names import ACRONYM, spell_out, spelled_names
from assistant.text.question import Question
from assistant.text.tables import TableParser
from assistant.text.terms import CLAIM_CHECK
from assistant.types import Answer, Language, Unit


class Answerer(Protocol):
    """Answers a question, or returns None to let the next answerer try."""

    def answer(self, question: Question) -> Answer | None: ...


class FigureAnswerer:
    """Questions about a table figure, computed from the facts table, every cell cited."""

    def __init__(
        self,
        facts: FactTable,
        passages: PassageTable,
        similarity: Callable[[Language], Similarity | None],
        known: Callable[[str], bool] = lambda term: True,
        prose: Callable[[Question], list[Unit]] | None = None,
    ) -> None:
        self.facts = facts
        self.passages = passages
        self.similarity = similarity
        """The label similarity for questions in a language (made when first needed)."""
        self.known = known
        """Whether a term occurs anywhere in the briefs (the BM25 vocabulary)."""
        self.prose = prose
        """The units that share most words with a question (BM25), to find a sentence that
        names more of it than a table row does."""

    def answer(self, question: Question) -> Answer | None:
        facts = self.facts.scoped(question.sources)
        claim = CLAIM_CHECK.sub("", question.text).strip()
        if claim and claim != question.text:  # "Is it true that X?": the figures of X
            question = replace(question, text=claim)
        if question.language == "en":
            # words the labels spell out: "NOL" -> "net operating losses", "comp" -> "compensation"
            labels = facts.labels()
            spelled = spell_label_acronyms(question.text, labels)
            spelled = spell_label_abbreviations(spelled, labels, self.known)
            spelled = spell_margin(spelled, facts.tables())  # gross profit over revenue
            question = replace(question, text=spelled) if spelled != question.text else question
        similarity = self.similarity(question.language)
        if similarity is not None and question.sources:
            similarity = _only(similarity, frozenset(facts.labels()))
        return answer_figure(
            question,
            facts,
            self.passages,
            similarity=similarity,
            known=self.known,
            prose=self.prose,
            context=self.label_context,
        )

    @cached_property
    def label_context(self) -> dict[str, str]:
        """What stands over each label: its label column's head, and where its row stands
        (the document's title, the section heading, the table's caption), not the header
        row (its column groups tell a row's figures apart, not rows); for a bare total, the
        sentence introducing its table too. Worked out once, from one read of the rows."""
        rows = self.passages.row_units()
        where = {(u.source, u.start, u.end): u for u in rows}
        first_line: dict[tuple[str, int], str] = {}  # each table's first row (its header)
        for unit in rows:
            first_line.setdefault((unit.source, unit.block), unit.text.strip())
        context: dict[str, str] = {}
        for fact in self.facts.all():
            row = where.get((fact.source, fact.passage_start, fact.passage_end))
            if fact.kind != "table" or fact.metric in context or row is None:
                continue
            header = {
                first_line.get((row.source, row.block), ""),
                self.passages.text(fact.source)[fact.header_start : fact.header_end].strip(),
            }
            lines = [line for line in row.context.splitlines() if line.strip() not in header]
            if bare_total(fact.metric):
                # a bare total ("Total", an unlabelled sum line) totals what the sentence
                # introducing its table names ("the Group's loan obligations were as follows")
                lines += [u.text for u in table_intro(self.passages, row)]
            context[fact.metric] = "\n".join([fact.subject, *lines]).strip()
        return context


def _only(similarity: Similarity, labels: frozenset[str]) -> Similarity:
    """The similarity to these labels only (those of the briefs a question searches)."""

    def scoped(question: str) -> dict[str, float]:
        return {label: s for label, s in similarity(question).items() if label in labels}

    return scoped


class PassageAnswerer:
    """Any other question: retrieval's candidates ranked by the scorer, quoted or refused."""

    def __init__(
        self,
        retriever: HybridRetriever,
        scorer: EvidenceScorer,
        passages: PassageTable,
        settings: Settings,
        tables: TableParser,
    ) -> None:
        self.retriever = retriever
        self.scorer = scorer
        self.passages = passages
        self.settings = settings
        self.tables = tables
        """Reads a quoted row's table, to cite its caption and header row too."""

    def evidence(self, question: Question) -> list[Evidence]:
        """The candidate units for `question`, ranked by the scorer."""
        return self.scorer.rank(question, self.retriever.retrieve(question))

    @cached_property
    def _spelled(self) -> tuple[dict[str, frozenset[str]], set[str]]:
        """The briefs' capitalised names by their initials, and the briefs' words: read once
        per index version."""
        spelled: dict[str, frozenset[str]] = {}
        known: set[str] = set()
        for document in self.passages.documents():
            text = self.passages.text(document.source)
            for key, names in spelled_names(text).items():
                spelled[key] = spelled.get(key, frozenset()) | names
            known |= set(re.findall(r"[\w&]+", text.lower()))
        return spelled, known

    def answer(self, question: Question) -> Answer:
        if question.language == "en" and ACRONYM.search(question.text):
            text = spell_out(question.text, *self._spelled)  # "the CFO" the brief writes out
            question = replace(question, text=text) if text != question.text else question
        candidates = self.retriever.retrieve(question)
        evidence = self.scorer.rank(question, candidates)
        return compose_answer(
            question,
            candidates,
            evidence,
            self.scorer,
            self.passages,
            self.settings,
            tables=self.tables,
        )


def first_answer(answerers: Sequence[Answerer], question: Question) -> Answer:
    """The answer of the first answerer that gives one (the last must always answer)."""
    for answerer in answerers:
        answer = answerer.answer(question)
        if answer is not None:
            return answer
    raise LookupError(f"no answerer answered {question.text!r}; the last must always answer")
