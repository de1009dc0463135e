"""A quotation carried on into a second sentence does not say who spoke; the sentence
before it does ("“...,” said Dr. Radu Ionescu, ..."). Quoting the second, the answer
quotes the first too: who said it is part of what was said."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Infection control in Romania\n\n"
    "Hospitals report more infections than before.\n\n"
    '"For years our hospitals reported almost no infections," said Dr. Radu Ionescu, head of'
    ' surveillance at the national institute. "The rising numbers show that surveillance'
    ' finally works, and every counted case creates pressure to buy better equipment."\n\n'
    '"Prices fell," the report says. Budgets rose in 2024.\n'
)


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("speakers"), {"romania.md": BRIEF})


def test_who_said_a_quotation_s_second_sentence_is_answered(brief: Assistant) -> None:
    answer = brief.ask("Who said that surveillance finally works?")
    assert "Dr. Radu Ionescu" in answer.answer, answer.answer
    assert any("surveillance finally works" in c.text for c in answer.citations)


def test_a_sentence_that_is_no_quotation_gets_no_speaker(brief: Assistant) -> None:
    answer = brief.ask("When did budgets rise?")
    assert [c.text for c in answer.citations] == ["Budgets rose in 2024."], answer.answer
