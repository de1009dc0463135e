"""The golden set holds the assistant to the issue's bar."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.evaluation import Thresholds, load_golden, run_eval

pytestmark = pytest.mark.model

BAR = Thresholds(
    accuracy=0.90, verbatim=1.0, abstention_recall=1.0, abstention_precision=1.0, figures=1.0
)


def test_golden_set_meets_the_bar(real_assistant: Assistant) -> None:
    cases = load_golden(Path(__file__).parent / "golden" / "questions.jsonl")
    assert len(cases) >= 40
    result = run_eval(real_assistant, cases)
    result.thresholds = BAR
    assert result.failures() == [], result.report(verbose=True)
    assert result.by_category()["unanswerable"][0] == result.by_category()["unanswerable"][1]
    assert result.verbatim_rate == 1.0
