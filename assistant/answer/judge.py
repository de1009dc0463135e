"""A learned evidence judge: the probability that a candidate unit answers the question.

`JudgeScorer` is an `EvidenceScorer` whose ranking, quoting and abstention all read one
number: a logistic model's probability over a few features of (question, unit) that
retrieval already computed (two cosines are not needed: the unit vectors are at hand;
nothing is encoded again). The model is trained by `bench/train_judge.py` on public
reading-comprehension data and the calibration half of the golden set, never on what it
is evaluated on, and shipped as `judge.json`: feature names, weights, the feature scaling
and the abstention threshold chosen on held-apart calibration data.

Questions in another language than English keep the `BlendScorer` (the multilingual
vectors' scores are on another scale and the training data is English).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from assistant.answer.expect import MONTH, NUMBER, YEAR, can_answer
from assistant.answer.scorer import BlendScorer, Evidence, may_answer
from assistant.config import Settings
from assistant.retrieve.hybrid import Candidates
from assistant.text.names import find_names
from assistant.text.question import Question
from assistant.text.terms import terms
from assistant.types import Unit

MODEL = Path(__file__).with_name("judge.json")

KINDS = ("heading", "caption", "item", "row")
WHO = re.compile(r"^\W*(who|whom|whose)\b", re.IGNORECASE)
WHEN = re.compile(r"^\W*when\b|\bwhat (year|date|month|day|time|century|decade)\b", re.I)
HOW_MANY = re.compile(
    r"\bhow (many|much|long|far|old|large|big)\b|\bwhat (percentage|share|number)\b", re.I
)
WHERE = re.compile(r"^\W*where\b|\bwhich (country|city|state|region|place)\b", re.I)


@dataclass(frozen=True)
class JudgeModel:
    """The trained logistic model: z = ((x - mean) / scale) . weights + bias."""

    features: tuple[str, ...]
    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray
    threshold: float
    """Probability under which the best unit does not answer (the assistant abstains)."""
    product: bool
    """Whether the elementwise product of the question's and the unit's vectors follows
    the features (a learned weighting of the embedding's dimensions)."""

    @classmethod
    def load(cls, path: Path = MODEL) -> JudgeModel:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if tuple(raw["features"]) != FEATURES:
            raise ValueError(f"{path}: trained on other features; run bench/train_judge.py")
        return cls(
            features=tuple(raw["features"]),
            weights=np.asarray(raw["weights"], dtype=np.float64),
            bias=float(raw["bias"]),
            mean=np.asarray(raw["mean"], dtype=np.float64),
            scale=np.asarray(raw["scale"], dtype=np.float64),
            threshold=float(raw["threshold"]),
            product=bool(raw["product"]),
        )

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-z)))


@cache
def default_model() -> JudgeModel:
    return JudgeModel.load()


FEATURES = (
    "similarity",
    "similarity_gap",
    "coverage",
    "coverage_gap",
    "text_coverage",
    "novelty",
    "kind_fits",
    "type_present",
    "names",
    "heading",
    "caption",
    "item",
    "row",
    "length",
    "question_length",
    "similarity_x_coverage",
    "previous_coverage",
    "new_names",
)


def features(question: Question, candidates: Candidates, units: list[Unit]) -> np.ndarray:
    """One row of `FEATURES` per unit (units from `candidates`, vectors in the same order)."""
    if not units:
        return np.zeros((0, len(FEATURES)))
    index = {unit.id: i for i, unit in enumerate(candidates.units)}
    previous = {
        unit.id: before
        for before, unit in zip(candidates.units, candidates.units[1:], strict=False)
        if before.chunk_id == unit.chunk_id
    }
    similarity = candidates.vectors[[index[u.id] for u in units]] @ candidates.query
    idf = candidates.stats.idf
    wanted = {t: idf(t) for t in set(question.terms)}
    total = sum(wanted.values()) or 1.0
    asked = set(question.terms)
    names = question.proper_names
    rows = []
    for unit, sim in zip(units, similarity, strict=True):
        present = set(terms(unit.searchable))
        own = terms(unit.text)
        coverage = sum(w for t, w in wanted.items() if t in present) / total
        text_coverage = sum(w for t, w in wanted.items() if t in set(own)) / total
        novelty = sum(t not in asked for t in own) / len(own) if own else 0.0
        fits = can_answer(question, unit.text, context=unit.context, focus=candidates.focus)
        before = set(terms(previous[unit.id].text)) if unit.id in previous else set()
        new_names = [n for n in find_names(unit.text) if not set(terms(n)) <= asked]
        rows.append([
            float(sim), 0.0, coverage, 0.0, text_coverage, novelty, float(fits),
            float(type_present(question.text, unit.text)),
            len(names & present) / len(names) if names else 0.5,
            *(float(unit.kind == kind) for kind in KINDS),
            math.log1p(len(unit.text.split())), math.log1p(len(asked)), float(sim) * coverage,
            sum(w for t, w in wanted.items() if t in before) / total, math.log1p(len(new_names)),
        ])  # fmt: skip
    x = np.asarray(rows, dtype=np.float64)
    x[:, 1] = x[:, 0] - x[:, 0].max()
    x[:, 3] = x[:, 2] - x[:, 2].max()
    return x


def type_present(question: str, text: str) -> bool:
    """Whether `text` holds something of the type a wh-question asks for, beyond the
    question's own words: a name for who/where, a date for when, a number for how many."""
    if WHEN.search(question):
        return bool(YEAR.search(text) or MONTH.search(text))
    if HOW_MANY.search(question):
        return bool(NUMBER.search(text))
    if WHO.search(question) or WHERE.search(question):
        asked = set(terms(question))
        return any(not set(terms(name)) <= asked for name in find_names(text))
    return True


class JudgeScorer:
    """Ranks the candidates by the judge's probability; the best under the judge's
    threshold means abstain."""

    def __init__(self, settings: Settings, model: JudgeModel | None = None) -> None:
        self.settings = settings
        self.model = model or default_model()
        self.blend = BlendScorer(settings)

    def rank(self, question: Question, candidates: Candidates) -> list[Evidence]:
        if question.language != "en":
            return self.blend.rank(question, candidates)
        units = [u for u in candidates.units if may_answer(u, question.terms)]
        if not units:
            return []
        x = features(question, candidates, units)
        if self.model.product:
            index = {unit.id: i for i, unit in enumerate(candidates.units)}
            vectors = candidates.vectors[[index[u.id] for u in units]]
            x = np.column_stack([x, vectors * candidates.query])
        probability = self.model.probability(x)
        ranked = [
            Evidence(unit, float(p), float(row[0]), float(row[2]))
            for unit, p, row in zip(units, probability, x, strict=True)
        ]
        ranked.sort(key=lambda e: (-e.score, e.unit.source, e.unit.start))
        return ranked

    def confidence(self, question: Question, best: Evidence) -> float:
        if question.language != "en":
            return self.blend.confidence(question, best)
        return best.score

    def threshold(self, question: Question) -> float:
        if question.language != "en":
            return self.blend.threshold(question)
        return self.model.threshold
