"""The answer contract of design.md, checked on every golden question with the real model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant import Answer, Assistant, Settings
from assistant.evaluation import ask_case, load_golden
from assistant.storage.passages import PassageTable
from tests.conftest import serving

pytestmark = pytest.mark.model

GOLDEN = load_golden(Path(__file__).parent / "golden" / "questions.jsonl")
MARKER = re.compile(r"\[(\d+)\]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def check_contract(answer: Answer, corpus: Path) -> None:
    data = answer.to_dict()
    assert list(data) == [
        "question", "interpreted_as", "answer", "abstained", "kind",
        "citations", "facts", "calculation", "value", "related", "searched",
    ]  # fmt: skip
    if data["value"] is not None:
        assert list(data["value"]) == ["number", "scale", "unit", "text"]
        assert data["kind"] in ("fact", "passage")
        if data["kind"] == "passage":  # the short answer is a slice of a quote, or several
            quoted = " ".join(c["text"] for c in data["citations"])
            assert all(part in quoted for part in data["value"]["text"].split("; "))
        elif data["value"]["number"] is not None:  # the figure is one the answer says
            assert data["value"]["text"].split(" ")[0].lstrip("-") in data["answer"]
    assert data["kind"] in ("fact", "passage", "abstain")
    assert data["abstained"] is (data["kind"] == "abstain")
    assert data["searched"] and all((corpus / s).exists() for s in data["searched"])
    for citation in answer.citations + answer.related:
        text = (corpus / citation.source).read_bytes().decode("utf-8")
        assert citation.text == text[citation.start : citation.end]
        assert 0 < len(citation.text) <= 1200  # a passage, never a whole document
    named = {int(n) for n in MARKER.findall(answer.answer)}
    assert named == {c.n for c in answer.citations}
    if answer.abstained:
        assert answer.citations == ()
        assert answer.related
        return
    cited = " ".join(c.text for c in answer.citations) + " " + (answer.calculation or "")
    for number in NUMBER.findall(MARKER.sub("", answer.answer)):
        assert number in cited, f"{number} is in no cited passage"


@pytest.mark.parametrize("case", GOLDEN, ids=[c.id for c in GOLDEN])
def test_every_golden_answer_keeps_the_contract(
    case: object, real_assistant: Assistant, real_settings: Settings
) -> None:
    answer = ask_case(real_assistant, case)  # type: ignore[arg-type]
    check_contract(answer, real_settings.corpus_dir)


def test_every_indexed_chunk_and_unit_is_verbatim(real_settings: Settings) -> None:
    passages = PassageTable(serving(real_settings) / "passages.sqlite")
    chunks = passages.all_chunks()
    assert len(chunks) > 5
    units, _ = passages.units_of(id_ for id_, _ in chunks)
    for source in {u.source for u in units}:
        text = (real_settings.corpus_dir / source).read_bytes().decode("utf-8")
        for unit in (u for u in units if u.source == source):
            assert unit.text == text[unit.start : unit.end]
    for _, chunk_text in chunks:
        assert chunk_text.strip() == chunk_text and chunk_text


def test_answer_to_dict_matches_session_answer(real_assistant: Assistant) -> None:
    answer = real_assistant.session().ask("Who is Jorge Melendez?")
    assert answer.kind == "passage"
    assert "General Director, INMEGEN" in answer.answer
    assert answer.to_dict()["citations"][0]["source"] == "personalized-medicine-mexico.txt"
