"""The golden-set evaluation behind `assistant eval`, and the abstention calibration."""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from assistant.answer.scorer import clears
from assistant.api import Assistant
from assistant.errors import AssistantError
from assistant.text.tables import LIST_ITEM
from assistant.types import Answer

UNANSWERABLE = ("unanswerable", "clarify", "spanish-unanswerable")  # clarify: ask which one
SPANISH = ("spanish", "spanish-unanswerable")
FIGURES = ("figure", "table")


@dataclass(frozen=True)
class GoldenCase:
    """One golden question: what the answer must say and what its citation must contain."""

    id: str
    category: str
    question: str
    expect: tuple[str, ...] = ()
    evidence: str | None = None
    history: tuple[str, ...] = ()
    interpreted: str | None = None
    """Text the standalone question (`interpreted_as`) must contain, for follow-ups."""

    @property
    def answerable(self) -> bool:
        return self.category not in UNANSWERABLE


@dataclass(frozen=True)
class Thresholds:
    """The bar `assistant eval` (and the test suite) holds the assistant to."""

    accuracy: float = 0.90
    """Share of answerable questions answered with the expected strings."""
    verbatim: float = 1.0
    """Share of citations whose text equals the source text at their offsets."""
    abstention_recall: float = 1.0
    """Share of unanswerable questions abstained."""
    abstention_precision: float = 1.0
    """Share of abstentions that were on unanswerable questions."""
    figures: float = 1.0
    """Share of figure questions (categories `figure`, `table`) answered right."""
    spanish: float = 0.90
    """Share of Spanish questions (answerable or not) handled right."""


def golden_part(case_id: str) -> str:
    """`calibration` (what weights and thresholds may be learned on) or `held-out` (only
    reported), fixed by a hash of the case id."""
    digest = hashlib.sha256(case_id.encode()).digest()
    return "calibration" if digest[0] % 2 == 0 else "held-out"


def load_golden(path: Path) -> list[GoldenCase]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            cases.append(
                GoldenCase(
                    id=raw["id"],
                    category=raw["category"],
                    question=raw["q"],
                    expect=tuple(raw.get("expect", ())),
                    evidence=raw.get("evidence"),
                    history=tuple(raw.get("history", ())),
                    interpreted=raw.get("interpreted"),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise AssistantError(f"{path}:{number}: not a golden case ({error})") from None
    return cases


@dataclass(frozen=True)
class Outcome:
    case: GoldenCase
    answer: Answer
    correct: bool
    cited: bool
    verbatim: int
    citations: int


def judge(case: GoldenCase, answer: Answer, assistant: Assistant) -> Outcome:
    """Score one answer against its golden case."""
    passages = answer.citations + answer.related
    verbatim = sum(c.text == assistant.source_text(c.source)[c.start : c.end] for c in passages)
    text = _normalise(answer.answer)
    if case.interpreted and _normalise(case.interpreted) not in _normalise(answer.interpreted_as):
        return Outcome(case, answer, False, False, verbatim, len(passages))
    if not case.answerable:
        said = all(says(text, e) for e in case.expect)
        return Outcome(case, answer, answer.abstained and said, True, verbatim, len(passages))
    correct = not answer.abstained and all(says(text, e) for e in case.expect)
    cited = case.evidence is None or any(
        _normalise(case.evidence) in _normalise(c.text) for c in answer.citations
    )
    return Outcome(case, answer, correct, cited and not answer.abstained, verbatim, len(passages))


def ask_case(assistant: Assistant, case: GoldenCase) -> Answer:
    session = assistant.session()
    for earlier in case.history:
        session.ask(earlier)
    return session.ask(case.question)


@dataclass
class EvalResult:
    outcomes: list[Outcome]
    thresholds: Thresholds = field(default_factory=Thresholds)

    @property
    def accuracy(self) -> float:
        return _share(o.correct for o in self.outcomes if o.case.answerable)

    @property
    def citation_correctness(self) -> float:
        return _share(o.cited for o in self.outcomes if o.case.answerable)

    @property
    def verbatim_rate(self) -> float:
        total = sum(o.citations for o in self.outcomes)
        return sum(o.verbatim for o in self.outcomes) / total if total else 1.0

    @property
    def figure_accuracy(self) -> float:
        return _share(o.correct for o in self.outcomes if o.case.category in FIGURES)

    @property
    def abstention_recall(self) -> float:
        return _share(o.answer.abstained for o in self.outcomes if not o.case.answerable)

    @property
    def abstention_precision(self) -> float:
        return _share(not o.case.answerable for o in self.outcomes if o.answer.abstained)

    @property
    def padded(self) -> float:
        """Share of right passage answers that also quote a passage holding neither the
        evidence nor an expected string (an unrelated quote)."""
        quoted = [o for o in self.outcomes if o.correct and o.answer.kind == "passage"]
        return sum(map(_unrelated, quoted)) / len(quoted) if quoted else 0.0

    @property
    def english_accuracy(self) -> float:
        """Answerable English questions answered right."""
        return _share(
            o.correct for o in self.outcomes if o.case.answerable and o.case.category not in SPANISH
        )

    @property
    def spanish_accuracy(self) -> float:
        """Spanish questions answered right or, when unanswerable, abstained."""
        return _share(o.correct for o in self.outcomes if o.case.category in SPANISH)

    def by_category(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for o in self.outcomes:
            counts[o.case.category][0] += o.correct
            counts[o.case.category][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(counts.items())}

    def failures(self) -> list[str]:
        t = self.thresholds
        checks = [
            ("answer accuracy", self.accuracy, t.accuracy),
            ("verbatim citations", self.verbatim_rate, t.verbatim),
            ("abstention recall", self.abstention_recall, t.abstention_recall),
            ("abstention precision", self.abstention_precision, t.abstention_precision),
            ("figure accuracy", self.figure_accuracy, t.figures),
        ]
        if any(o.case.category in SPANISH for o in self.outcomes):
            checks.append(("Spanish accuracy", self.spanish_accuracy, t.spanish))
        return [f"{name} {value:.1%} < {bar:.1%}" for name, value, bar in checks if value < bar]

    def report(self, *, verbose: bool = False) -> str:
        counts = self.by_category()
        width = max((len(c) for c in counts), default=8)
        lines = [f"{'category':<{width}}  {'right':>5}  {'total':>5}  {'accuracy':>8}"]
        for category, (right, total) in counts.items():
            lines.append(f"{category:<{width}}  {right:>5}  {total:>5}  {right / total:>8.1%}")
        lines += [
            "",
            f"answer accuracy (answerable)   {self.accuracy:.1%}",
            f"  English questions            {self.english_accuracy:.1%}",
            f"figure accuracy                {self.figure_accuracy:.1%}",
            f"Spanish accuracy               {self.spanish_accuracy:.1%}",
            f"citation correctness           {self.citation_correctness:.1%}",
            f"verbatim citations             {self.verbatim_rate:.1%}",
            f"abstention precision           {self.abstention_precision:.1%}",
            f"abstention recall              {self.abstention_recall:.1%}",
        ]
        if verbose:
            for o in self.outcomes:
                if not (o.correct and o.cited):
                    answer = o.answer.answer.replace("\n", " ")[:160]
                    lines.append(f"WRONG {o.case.id}: {o.case.question} -> {answer}")
        return "\n".join(lines)


def _unrelated(outcome: Outcome) -> bool:
    wanted = [_normalise(w) for w in (outcome.case.evidence, *outcome.case.expect) if w]
    return any(not any(w in _normalise(quote) for w in wanted) for quote in _quotes(outcome))


def _quotes(outcome: Outcome) -> list[str]:
    """The answer's quotes, a list's items joined to the heading or item just before them
    (a list answer cites each item on its own; it is still one quote), and a table's rows
    to the caption and header rows cited with them (the context of a quoted row)."""
    quotes: list[tuple[str, int, str]] = []
    for c in sorted(outcome.answer.citations, key=lambda c: (c.source, c.start)):
        same = bool(quotes) and quotes[-1][0] == c.source
        item = LIST_ITEM.match(c.text) is not None
        row = c.text.lstrip().startswith("|")
        gap = c.start - quotes[-1][1] if same else -1
        in_table = same and row and quotes[-1][2].splitlines()[-1].lstrip().startswith("|")
        # an item on the next line; a table under its caption (a blank line between)
        if (item and 0 <= gap <= 1) or (row and 0 <= gap <= 2) or in_table:
            quotes[-1] = (c.source, c.end, f"{quotes[-1][2]}\n{c.text}")
        else:
            quotes.append((c.source, c.end, c.text))
    return [text for _, _, text in quotes]


def run_eval(assistant: Assistant, cases: list[GoldenCase]) -> EvalResult:
    return EvalResult([judge(case, ask_case(assistant, case), assistant) for case in cases])


@dataclass
class Calibration:
    """Abstention thresholds swept on the golden set, per lexical weight and sentence margin."""

    rows: list[tuple[float, float, float, int, int]]
    """(lexical weight, sentence margin, threshold, right, total)"""
    threshold: str = "abstain_below"
    """The setting the thresholds are for (English, or the multilingual one)."""

    def best(self) -> tuple[float, float, float, int, int]:
        # Most right answers; among equals, the weight nearest 0.5 and the highest margin
        # (shorter answers).
        return max(self.rows, key=lambda r: (r[3], -abs(r[0] - 0.5), r[1]))

    def report(self) -> str:
        lines = [f"lexical_weight  sentence_margin  {self.threshold}  right/total"]
        width = len(self.threshold)
        lines += [
            f"{w:>14.2f}  {m:>15.2f}  {t:>{width}.3f}  {r}/{n}" for w, m, t, r, n in self.rows
        ]
        w, m, t, r, n = self.best()
        lines.append(
            f"\nbest: ASSISTANT_LEXICAL_WEIGHT={w:.2f} ASSISTANT_SENTENCE_MARGIN={m:.2f}"
            f" ASSISTANT_{self.threshold.upper()}={t:.3f} ({r}/{n})"
        )
        return "\n".join(lines)


def calibrate(
    assistant: Assistant,
    cases: list[GoldenCase],
    *,
    weights: tuple[float, ...] = (0.3, 0.4, 0.5, 0.6),
    margins: tuple[float, ...] = (0.9, 0.8, 0.7),
    spanish: bool = False,
) -> Calibration:
    """For each lexical weight and margin, the threshold that gets most golden cases right.

    Each case is answered once without a threshold; a threshold t then makes it abstain
    when the confidence its answer turned on does not clear t (`clears`, the rule answering
    uses). Among the thresholds with the most
    right answers, the middle one is taken (the widest safe band). English and Spanish
    questions have thresholds of their own (their scores come from different encoders):
    `spanish` sweeps the multilingual one over the Spanish cases.
    """
    threshold = "abstain_below_multilingual" if spanish else "abstain_below"
    cases = [c for c in cases if (c.category in SPANISH) == spanish]
    rows = []
    for weight in weights:
        for margin in margins:
            trial = assistant.with_settings(
                lexical_weight=weight, sentence_margin=margin, **{threshold: -math.inf}
            )
            scored = []
            for case in cases:
                answer = ask_case(trial, case)
                scored.append((case, judge(case, answer, trial).correct, _confidence(answer)))
            best_t, right = _best_threshold(scored)
            rows.append((weight, margin, best_t, right, len(cases)))
    return Calibration(rows, threshold)


def _confidence(answer: Answer) -> float:
    """The confidence a threshold would be held against: the scorer's, for a passage answer;
    a figure answer never abstains on it, an abstention with no usable evidence always."""
    if answer.confidence is not None:
        return answer.confidence
    return -math.inf if answer.abstained else math.inf


def _best_threshold(scored: list[tuple[GoldenCase, bool, float]]) -> tuple[float, int]:
    """The threshold (midway between observed confidences) with the most right outcomes."""
    scores = sorted({round(best, 4) for *_, best in scored if math.isfinite(best)})
    candidates = [(a + b) / 2 for a, b in pairwise(scores)] or [0.0]

    def right(t: float) -> int:
        total = 0
        for case, correct, best in scored:
            abstains = not clears(best, t)
            total += (abstains and not case.answerable) or (
                not abstains and case.answerable and correct
            )
        return total

    top = max(right(t) for t in candidates)
    winners = [t for t in candidates if right(t) == top]
    return winners[len(winners) // 2], top


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def says(text: str, expected: str) -> bool:
    """Whether an answer says the expected string: contains it (case and spacing aside), or,
    for a bare number, holds a number of that value ("75.50" is said by "US$75.5 million")."""
    if _normalise(expected) in _normalise(text):
        return True
    if not NUMBER.fullmatch(expected):
        return False
    value = float(expected.replace(",", ""))
    return any(float(n.replace(",", "")) == value for n in NUMBER.findall(text))


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _share(values: Iterable[bool]) -> float:
    """Share of true values; 1.0 when there are none (nothing to get wrong)."""
    items = list(values)
    return sum(items) / len(items) if items else 1.0
