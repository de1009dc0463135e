"""A quotation carried on into a second sentence does not say who spoke; the sentence
before it does ("“...,” said Dr. Radu Ionescu, ..."). Quoting the second, the answer
quotes the first too: who said it is part of what was said."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in, briefs_read_by_the_model

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


PANEL = (
    "# Sterilizer procurement in Romania\n\n"
    "## Buyers\n\n"
    "- National Purchasing Office (NPO): runs national framework agreements for sterilizers"
    " and consumables.\n"
    "- County hospitals: buy small items directly.\n\n"
    "## Voices\n\n"
    '"Hospitals buy sterilizers rarely, but consumables every week," said Ana Popa, director'
    ' of the National Purchasing Office. "Our aim is fewer, larger framework agreements, so'
    ' that small hospitals get the prices of the big ones."\n'
)


@pytest.mark.model
def test_what_someone_said_is_answered_with_their_words(tmp_path: Path) -> None:
    answer = briefs_read_by_the_model(tmp_path, {"romania.md": PANEL}).ask(
        "what did the head of the national purchasing office say about framework agreements"
    )
    said = [c.text for c in answer.citations]
    assert any("fewer, larger framework agreements" in c for c in said), answer.answer
    assert "Ana Popa" in answer.answer, answer.answer
    assert not said[0].startswith("- National Purchasing Office"), answer.answer
