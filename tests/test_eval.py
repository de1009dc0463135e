"""The golden set holds the assistant to the issue's bar."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.evaluation import (
    EvalResult,
    GoldenCase,
    Outcome,
    Thresholds,
    golden_part,
    load_golden,
    run_eval,
    says,
)
from assistant.types import Answer, Citation

# A regression bar, under what the assistant measures on the whole set (docs/eval.md).
# The verdict that abstains is learned on other question sets (bench/train_verdict.py),
# so the golden set is not answered perfectly: 100% abstention precision and recall was
# the mark of a threshold fitted to the very questions it was measured on. It measures
# 82.6% abstention precision, 90.5% recall and 95.0% answered right.
BAR = Thresholds(
    accuracy=0.90,
    verbatim=1.0,
    abstention_recall=0.90,
    abstention_precision=0.80,
    figures=1.0,
    spanish=0.85,
)


@pytest.mark.model
def test_golden_set_meets_the_bar(real_assistant: Assistant) -> None:
    cases = load_golden(Path(__file__).parent / "golden" / "questions.jsonl")
    assert len(cases) >= 40
    result = run_eval(real_assistant, cases)
    result.thresholds = BAR
    assert result.failures() == [], result.report(verbose=True)
    assert result.by_category()["unanswerable"][0] == result.by_category()["unanswerable"][1]
    assert result.verbatim_rate == 1.0


def test_the_golden_split_is_fixed_and_both_parts_hold_both_kinds() -> None:
    cases = load_golden(Path(__file__).parent / "golden" / "questions.jsonl")
    parts = {case.id: golden_part(case.id) for case in cases}
    assert parts == {case.id: golden_part(case.id) for case in cases}  # a hash, not a draw
    for part in ("calibration", "held-out"):
        chosen = [c for c in cases if parts[c.id] == part]
        assert len(chosen) >= 0.4 * len(cases)
        assert any(c.answerable for c in chosen) and any(not c.answerable for c in chosen)


def test_an_answer_quoting_a_passage_without_the_evidence_counts_as_padded() -> None:
    case = GoldenCase("t", "text", "Who leads Omega?", expect=("Ana Ruiz",), evidence="Ana Ruiz")
    right = Citation(1, "a.md", "A", 0, 9, "Ana Ruiz leads Omega.", 1.0)
    other = Citation(2, "a.md", "A", 10, 30, "Omega sells pumps.", 0.5)
    one = Answer(question="q", interpreted_as="q", answer="x", kind="passage", citations=(right,))
    two = Answer(
        question="q", interpreted_as="q", answer="x", kind="passage", citations=(right, other)
    )
    outcome = [Outcome(case, a, True, True, len(a.citations), len(a.citations)) for a in (one, two)]
    assert EvalResult(outcome[:1]).padded == 0.0
    assert EvalResult(outcome).padded == 0.5


def test_a_list_cited_item_by_item_is_one_quote_for_padding() -> None:
    case = GoldenCase(
        "t", "text", "What events are listed?", expect=("Pump Expo",), evidence="Events"
    )
    heading = Citation(1, "a.md", "A", 0, 6, "Events", 1.0)
    first = Citation(2, "a.md", "A", 7, 20, "- Pump Expo: May 2.", 1.0)
    second = Citation(3, "a.md", "A", 21, 34, "- Valve Fair: June 9.", 1.0)
    listed = Answer(
        question="q", interpreted_as="q", answer="x", kind="passage",
        citations=(heading, first, second),
    )  # fmt: skip
    assert EvalResult([Outcome(case, listed, True, True, 3, 3)]).padded == 0.0


def test_a_row_cited_with_its_caption_and_header_is_one_quote_for_padding() -> None:
    case = GoldenCase("t", "table", "Pump sales in 2021?", expect=("4.2",), evidence="Pumps")
    caption = Citation(1, "a.md", "A", 0, 11, "Table: Sales", 1.0)
    header = Citation(2, "a.md", "A", 13, 29, "| | 2020 | 2021 |", 1.0)  # a blank line between
    row = Citation(3, "a.md", "A", 60, 80, "| Pumps | 3.1 | 4.2 |", 1.0)
    other = Citation(4, "a.md", "A", 90, 110, "Valves sold well.", 0.5)
    quoted = Answer(
        question="q", interpreted_as="q", answer="x", kind="passage",
        citations=(caption, header, row),
    )  # fmt: skip
    assert EvalResult([Outcome(case, quoted, True, True, 3, 3)]).padded == 0.0
    padded = Answer(
        question="q", interpreted_as="q", answer="x", kind="passage",
        citations=(caption, header, row, other),
    )  # fmt: skip
    assert EvalResult([Outcome(case, padded, True, True, 4, 4)]).padded == 1.0


def test_an_expected_number_is_said_by_the_same_value_written_otherwise() -> None:
    assert says("a change of +US$75.5 million (+50.84%)", "75.50")
    assert says("Total: 2001 units", "2,001")
    assert not says("a change of +US$75.4 million", "75.50")
    assert not says("13.8%", "13.82")  # fewer digits are not the figure
    assert says("The  Director, Ana Ruiz", "director, ana ruiz")
    assert not says("Ana Ruiz", "Ana Ruiz, Director")
