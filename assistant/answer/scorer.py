"""Evidence scoring: which candidate units answer a question, best first, and whether the
best one answers at all. `EvidenceScorer` is the step to swap; `BlendScorer` is today's."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.config import Settings
from assistant.retrieve.hybrid import Candidates
from assistant.storage.bm25 import TermStats
from assistant.text.question import Question
from assistant.text.tables import row_label
from assistant.text.terms import terms
from assistant.types import Unit, Vectors


@dataclass(frozen=True)
class Lexicon:
    """What the briefs' vocabulary says about a question's terms."""

    weights: Mapping[str, float]
    """Each term of the question with its weight (its idf, see `of`)."""
    known: frozenset[str]
    """The terms some brief uses."""
    spelled: frozenset[str] = frozenset()
    """Brief terms the question's own words were read as (`Question.spelled`): another
    form of a brief word, or a typo of one. Found in a passage, they count as said;
    missing from it, as words no brief uses, as the question's own words were (the passage
    may say it in other words: "financed" of a sentence on partnerships)."""

    @classmethod
    def of(
        cls, question: Question, stats: TermStats, absent: Callable[[str], float] = lambda t: 0.0
    ) -> Lexicon:
        """`absent`: how often a term is missing from the sentence that answers a question
        asking it ("name", "year": often); its weight is its idf times the rest."""
        weights = {t: stats.idf(t) * (1 - absent(t)) for t in dict.fromkeys(question.terms)}
        known = frozenset(t for t in weights if stats.df.get(t, 0) > 0)
        return cls(weights, known, question.spelled_terms)

    def shares(self, text: str) -> tuple[float, float]:
        """(unseen, missing): the shares of the question's term weight that no brief uses,
        and that the briefs use but `text` does not."""
        total = sum(self.weights.values())
        if not total:
            return 0.0, 0.0
        present = set(terms(text))
        unseen = missing = 0.0
        for term, weight in self.weights.items():
            if term in present:
                continue
            if term not in self.known or term in self.spelled:
                unseen += weight
            else:
                missing += weight
        return unseen / total, missing / total

    def names_unseen(self, names: Iterable[str]) -> bool:
        """Whether a term of the question among `names` (its proper names) is one no
        brief uses as written: the question is about something the briefs never mention
        ("Minister" is not "Ministry", however alike)."""
        return any(t in self.weights and (t not in self.known or t in self.spelled) for t in names)


@dataclass(frozen=True)
class Evidence:
    """A unit with how well it answers the question."""

    unit: Unit
    score: float
    similarity: float
    """Cosine similarity of the unit's embedding to the question's."""
    coverage: float
    """Share of the question's term weight (idf) that the unit contains."""
    lexicon: Lexicon | None = None
    """What the briefs' vocabulary says about the question (set by `VerdictScorer`)."""
    before: str = ""
    """The sentences before it in its paragraph, as retrieval read them (set by
    `VerdictScorer`): what "the consortium" or "it" of the sentence stands for."""


class EvidenceScorer(Protocol):
    """Ranks the candidates for a question and says when the best does not answer it."""

    def rank(self, question: Question, candidates: Candidates) -> list[Evidence]:
        """The candidates that may answer, best first."""
        ...

    def confidence(self, question: Question, best: Evidence) -> float:
        """How sure the scorer is that `best` answers `question` (compared to `threshold`)."""
        ...

    def threshold(self, question: Question) -> float:
        """The confidence under which the assistant abstains on `question`."""
        ...


def clears(confidence: float, threshold: float) -> bool:
    """The one abstention rule, for answering and for calibration alike."""
    return confidence >= threshold


def answers(scorer: EvidenceScorer, question: Question, best: Evidence) -> bool:
    """Whether `best` is sure enough to be quoted as the answer."""
    return clears(scorer.confidence(question, best), scorer.threshold(question))


class BlendScorer:
    """Embedding similarity blended with idf-weighted term coverage (`lexical_weight`);
    a passage naming every proper name, or giving every figure, the question gives always
    answers."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def rank(self, question: Question, candidates: Candidates) -> list[Evidence]:
        return select_evidence(
            question.terms,
            candidates.query,
            candidates.units,
            candidates.vectors,
            candidates.stats.idf,
            lexical_weight=self.settings.lexical_weight,
        )

    def confidence(self, question: Question, best: Evidence) -> float:
        text = best.unit.searchable
        named = question.names_all(text) or question.quotes_figures(text)
        return math.inf if named else best.score

    def threshold(self, question: Question) -> float:
        if question.language == "en":
            return self.settings.abstain_below
        return self.settings.abstain_below_multilingual


def may_answer(unit: Unit, question_terms: Iterable[str]) -> bool:
    """A table row can answer only a question that names its label."""
    return unit.kind != "row" or bool(set(terms(row_label(unit.text))) & set(question_terms))


def select_evidence(
    question_terms: Sequence[str],
    question_vector: Vectors,
    units: Sequence[Unit],
    vectors: Vectors,
    idf: Callable[[str], float],
    *,
    lexical_weight: float,
) -> list[Evidence]:
    """Units ranked by a blend of embedding similarity and idf-weighted term coverage."""
    if not units:
        return []
    similarities = vectors @ question_vector
    wanted = {t: idf(t) for t in set(question_terms)}
    total = sum(wanted.values())
    ranked = []
    for unit, similarity in zip(units, similarities, strict=True):
        if not may_answer(unit, wanted):
            continue
        present = set(terms(unit.searchable))
        coverage = sum(w for t, w in wanted.items() if t in present) / total if total else 0.0
        score = (1 - lexical_weight) * float(similarity) + lexical_weight * coverage
        ranked.append(Evidence(unit, score, float(similarity), coverage))
    ranked.sort(key=lambda e: (-e.score, e.unit.source, e.unit.start))
    return ranked
