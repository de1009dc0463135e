"""Feedback on answers: thumbs up or down with an optional note, kept in the index folder
(surviving re-ingests), changed by giving it again, and exported as question lines to
review into the golden set (`assistant feedback --export FILE.jsonl`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant import Assistant, Settings
from assistant.cli import main
from assistant.errors import QuestionError
from assistant.feedback import MAX_NOTE_CHARS, FeedbackLog
from tests.answer.test_figures import briefs_in

BRIEF = (
    "Kenya clinics brief\n\n"
    "The Nairobi Clinic Board licenses new clinics.\n\n"
    "Clinic revenue (USD million):\n\n"
    "| Metric | 2021 | 2022 |\n|---|---|---|\n| Clinic revenue | 120 | 135 |\n"
)


@pytest.fixture
def kenya(tmp_path: Path) -> Assistant:
    return briefs_in(tmp_path, {"kenya.md": BRIEF})


def test_feedback_is_kept_beside_the_index_and_exported_for_review(
    kenya: Assistant, tmp_path: Path
) -> None:
    log = kenya.feedback
    figure = kenya.ask("What was clinic revenue in 2022?")
    refused = kenya.ask("What is the capital of France?")
    log.record(figure, "up", key="c1-0")
    earlier = ("What was clinic revenue in 2022?",)
    log.record(refused, "down", note="should say the briefs only cover Kenya", key="c1-1",
               history=earlier)  # fmt: skip
    log.record(refused, "up", key="c1-1", history=earlier)  # changed its mind: the last kept
    assert log.path == kenya.settings.index_dir / "feedback.sqlite"
    kenya.reingest()  # a new index version keeps the feedback
    out = tmp_path / "review.jsonl"
    assert FeedbackLog(log.path).export(out) == 2
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["q"] for line in lines] == [figure.question, refused.question]
    first, second = lines
    assert first["rating"] == "up" and first["expect"] == ["US$135 million"]
    assert first["evidence"] == "| Clinic revenue | 120 | 135 |"
    assert first["category"] == "figure" and first["id"] == "feedback-1"
    assert second["category"] == "unanswerable" and "expect" not in second
    assert second["history"] == ["What was clinic revenue in 2022?"]
    assert second["rating"] == "up" and second["note"] == ""


def test_a_thumbs_down_is_exported_for_a_reviewer_to_fill_in(
    kenya: Assistant, tmp_path: Path
) -> None:
    answer = kenya.ask("Who licenses new clinics?")
    kenya.feedback.record(answer, "down", note="wrong board", key="x")
    out = tmp_path / "review.jsonl"
    kenya.feedback.export(out)
    line = json.loads(out.read_text(encoding="utf-8"))
    assert line["rating"] == "down" and line["note"] == "wrong board"
    assert line["expect"] == [] and line["answer"] == answer.answer  # to be written by hand


def test_bad_feedback_is_a_one_line_error(kenya: Assistant) -> None:
    answer = kenya.ask("Who licenses new clinics?")
    with pytest.raises(QuestionError, match="rating"):
        kenya.feedback.record(answer, "sideways", key="k")  # type: ignore[arg-type]
    with pytest.raises(QuestionError, match=str(MAX_NOTE_CHARS)):
        kenya.feedback.record(answer, "up", note="x" * (MAX_NOTE_CHARS + 1), key="k")
    assert kenya.feedback.count() == 0


def test_the_cli_exports_feedback(
    kenya: Assistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings: Settings = kenya.settings
    kenya.feedback.record(kenya.ask("Who licenses new clinics?"), "up", key="k")
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))
    out = tmp_path / "feedback.jsonl"
    result = CliRunner().invoke(main, ["feedback", "--export", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 answer rated (1 up, 0 down)" in result.output and str(out) in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["q"] == "Who licenses new clinics?"
    summary = CliRunner().invoke(main, ["feedback"])
    assert "1 answer rated (1 up, 0 down)" in summary.output


def test_a_conversation_is_kept_and_carried_on(kenya: Assistant) -> None:
    session = kenya.session()
    first = session.ask("What was clinic revenue in 2021?")
    kenya.conversations.append("c1", "What was clinic revenue in 2021?", first)
    kenya.conversations.append("c1", "   ", None, "empty question: type a question")
    turns = kenya.conversations.turns("c1")
    assert [(q, e) for q, _, e in turns] == [
        ("What was clinic revenue in 2021?", ""), ("   ", "empty question: type a question")
    ]  # fmt: skip
    restored = turns[0][1]
    assert restored == first  # every field of the contract, and the language
    resumed = kenya.session()
    resumed.resume([(q, a) for q, a, _ in turns if a is not None])
    follow = resumed.ask("And in 2022?")
    assert follow.value is not None and follow.value.number == 135, follow.answer
    assert kenya.conversations.turns("another") == []
