"""Every golden question (and follow-up conversation) answers exactly as in the stored
snapshot: a reshaping of the code must not change a single answer.

After a change that is meant to change answers, rewrite the snapshot and review its diff:
`.venv/bin/pytest tests/test_snapshot.py --update-snapshot`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant import Assistant
from assistant.evaluation import ask_case, load_golden

pytestmark = pytest.mark.model

GOLDEN = Path(__file__).parent / "golden"
SNAPSHOT = GOLDEN / "snapshot.jsonl"


def replay(assistant: Assistant) -> list[dict[str, Any]]:
    """Each golden case's answer as its JSON contract, keyed by the case id."""
    return [
        {"id": case.id, **ask_case(assistant, case).to_dict()}
        for case in load_golden(GOLDEN / "questions.jsonl")
    ]


def test_every_golden_answer_matches_the_snapshot(
    real_assistant: Assistant, request: pytest.FixtureRequest
) -> None:
    answers = replay(real_assistant)
    if request.config.getoption("--update-snapshot"):
        lines = (json.dumps(a, ensure_ascii=False, sort_keys=True) for a in answers)
        SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stored = [json.loads(line) for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()]
    assert [a["id"] for a in answers] == [s["id"] for s in stored], "the golden set changed"
    for answer, expected in zip(answers, stored, strict=True):
        assert answer == expected, f"{answer['id']}: {answer['question']}"
