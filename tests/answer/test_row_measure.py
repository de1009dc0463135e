"""A table row is no answer to a question that names only its qualifiers: "How much did
Peru export to Chile?" is not answered by quoting "Imports from Chile", by the figures nor
by the passages. The briefs' other figures are said instead."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Peru's medical equipment trade\n\n"
    "Peru buys most of its imaging equipment abroad.\n\n"
    "Table: Medical equipment trade (USD millions)\n\n"
    "| | 2022 | 2023 |\n|---|---|---|\n"
    "| Total imports | 910 | 955 |\n| Imports from Chile | 120 | 131 |\n"
    "| Imports from Brazil | 88 | 97 |\n\n"
    "Source: Peru customs records.\n"
)


@pytest.fixture(scope="module")
def peru(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("peru-trade"), {"peru.md": BRIEF})


@pytest.mark.parametrize(
    "question",
    [
        "How much did Peru export to Chile in 2023?",
        "What were Peru's exports to Brazil in 2022?",
    ],
)
def test_a_row_named_only_by_its_qualifier_does_not_answer(peru: Assistant, question: str) -> None:
    answer = peru.ask(question)
    assert answer.abstained, answer.answer
    assert not any(c.text.startswith("| Imports") for c in answer.citations), answer.answer


def test_the_row_named_by_its_measure_still_answers(peru: Assistant) -> None:
    answer = peru.ask("How much did Peru import from Chile in 2023?")
    assert answer.value is not None and answer.value.number == 131, answer.answer
