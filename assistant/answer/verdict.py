"""Whether the best evidence answers: a learned verdict over what the blend scorer ranked.

The blend scorer finds the right sentence well; what it does badly is say when the best
sentence does not answer. Its old rule answered whenever a sentence named every proper
name of the question, and "Mexico" is in most sentences of a brief about Mexico; its
score (similarity blended with term coverage) is about as high for a sentence on the
subject that lacks what was asked. Here a logistic model gives the probability that the
chosen sentence answers, from what the question asks that the sentence does not say:

- `unseen`: the share of the question's term weight that no brief uses at all: a
  question about a thing the briefs never name ("tariffs", "Brazil") is not answered;
- `missing`: the share the briefs use but this sentence (with its heading, and the
  sentences before it in its paragraph) does not: a sentence about the subject that lacks
  what was asked ("pharmaceutical" exporter of a sentence on "medical device" exporters).
  The paragraph counts because a sentence names its subject there ("By September 2026
  the consortium had completed 3,850 genomes" after "the Genomas Chile Consortium");
- `figures`: the sentence gives every figure the question quotes;
- `unknown_name`: the question names something (a capitalised word after its first) that
  no brief uses: a question about another country or institution is not answered with
  this one's sentence, however close the rest of it is.

A term's weight is its idf times how often such a word is *in* the sentence that answers
a question asking it (`Absence`): words that name what is asked ("name", "year", "stand
for") are seldom there, and their absence says little. The blend score and whether the
sentence names every name of the question were measured as features too and added
nothing (docs/judge.md).

The model and the absence rates are trained by `bench/train_verdict.py` on public
reading-comprehension data and the question sets that are learned from, never on the
held-out sets, and shipped as `verdict.json` and `absence.json`, with the abstention
threshold chosen on predictions for each set by a model fitted on the others. Questions
in another language keep the blend's rule and threshold (their scores come from another
encoder, and the training questions are English).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from assistant.answer.scorer import BlendScorer, Evidence, Lexicon
from assistant.config import Settings
from assistant.retrieve.hybrid import Candidates
from assistant.text.question import Question
from assistant.types import Unit

MODEL = Path(__file__).with_name("verdict.json")
ABSENCE = Path(__file__).with_name("absence.json")
FEATURES = ("figures", "unseen", "missing", "unknown_name")


def signals(question: Question, best: Evidence, lexicon: Lexicon) -> list[float]:
    """The `FEATURES` of the best evidence for a question, in order."""
    text = best.unit.searchable
    return [
        float(question.quotes_figures(text)),
        *lexicon.shares(f"{text}\n{best.before}"),
        float(lexicon.names_unseen(question.proper_names)),
    ]


@dataclass(frozen=True)
class VerdictModel:
    """The trained logistic model: z = ((x - mean) / scale) . weights + bias."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float
    """Probability under which the best evidence does not answer (the assistant abstains)."""

    @classmethod
    def load(cls, path: Path = MODEL) -> VerdictModel:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if tuple(raw["features"]) != FEATURES:
            raise ValueError(f"{path}: trained on other features; run bench/train_verdict.py")
        return cls(
            weights=tuple(raw["weights"]),
            bias=float(raw["bias"]),
            mean=tuple(raw["mean"]),
            scale=tuple(raw["scale"]),
            threshold=float(raw["threshold"]),
        )

    def probability(self, x: list[float]) -> float:
        z = self.bias + sum(
            (v - m) / s * w
            for v, m, s, w in zip(x, self.mean, self.scale, self.weights, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-z))


@cache
def default_model() -> VerdictModel:
    return VerdictModel.load()


@dataclass(frozen=True)
class Absence:
    """How often each question word is absent from the sentence that answers: a word
    that names what is asked ("name", "year") often is, and says little when missing."""

    rates: Mapping[str, float]
    prior: float
    """The rate of words not in `rates` (all words together)."""

    @classmethod
    def load(cls, path: Path = ABSENCE) -> Absence:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(rates=raw["rates"], prior=float(raw["prior"]))

    def __call__(self, term: str) -> float:
        return self.rates.get(term, self.prior)


def _paragraphs(units: list[Unit]) -> dict[tuple[str, int], list[Unit]]:
    """The units by paragraph (or list, or table), in document order."""
    grouped: dict[tuple[str, int], list[Unit]] = {}
    for unit in units:
        grouped.setdefault((unit.source, unit.block), []).append(unit)
    return grouped


def _before(unit: Unit, paragraphs: dict[tuple[str, int], list[Unit]]) -> str:
    """The text of the units before `unit` in its paragraph."""
    return " ".join(u.text for u in paragraphs[unit.source, unit.block] if u.start < unit.start)


@cache
def default_absence() -> Absence:
    return Absence.load()


class VerdictScorer:
    """Ranks as the blend scorer does; abstains when the verdict's probability that the
    best evidence answers is under the model's threshold."""

    def __init__(
        self,
        settings: Settings,
        model: VerdictModel | None = None,
        absence: Absence | None = None,
    ) -> None:
        self.settings = settings
        self.model = model or default_model()
        self.absence = absence or default_absence()
        self.blend = BlendScorer(settings)

    def rank(self, question: Question, candidates: Candidates) -> list[Evidence]:
        ranked = self.blend.rank(question, candidates)
        if question.language != "en":
            return ranked
        lexicon = Lexicon.of(question, candidates.stats, self.absence)
        paragraphs = _paragraphs(candidates.units)
        return [replace(e, lexicon=lexicon, before=_before(e.unit, paragraphs)) for e in ranked]

    def confidence(self, question: Question, best: Evidence) -> float:
        if question.language != "en" or best.lexicon is None:
            return self.blend.confidence(question, best)
        return self.model.probability(signals(question, best, best.lexicon))

    def threshold(self, question: Question) -> float:
        if question.language != "en":
            return self.blend.threshold(question)
        return self.model.threshold
