""" "Where do the numbers in the table come from?" is answered with the table's source line,
cited, not its caption: a fact-checker's question, on a user's Markdown brief with two
tables."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Ghana's hospital supplies market\n\n"
    "Ghana's hospitals buy most of their supplies through regional tenders.\n\n"
    "Table 1: Hospital supplies market indicators, 2021-2023 (USD million)\n\n"
    "| Indicator | 2021 | 2022 | 2023 |\n|---|---|---|---|\n"
    "| Total market | 150 | 170 | 190 |\n| Imports of consumables | 90 | 100 | 115 |\n\n"
    "Source: Ghana Supplies Board analysis of customs records, May 2024.\n\n"
    "Table 2: Hospital beds by region, 2023\n\n"
    "| Region | Beds |\n|---|---|\n| Accra | 5,200 |\n| Kumasi | 3,100 |\n\n"
    "Source: Ministry of Health bed census.\n"
)


@pytest.fixture(scope="module")
def ghana(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("ghana"), {"ghana.md": BRIEF})


@pytest.mark.parametrize(
    ("question", "source"),
    [
        (
            "Where do the numbers in the market indicators table come from?",
            "Source: Ghana Supplies Board analysis of customs records, May 2024.",
        ),
        (
            "What is the source of the data in the table on hospital beds?",
            "Source: Ministry of Health bed census.",
        ),
        (
            "who compiled the figures in the hospital beds table",
            "Source: Ministry of Health bed census.",
        ),
    ],
)
def test_the_source_line_of_the_table_named_answers(
    ghana: Assistant, question: str, source: str
) -> None:
    answer = ghana.ask(question)
    assert answer.answer.startswith(source), answer.answer
    assert next(c.text for c in answer.citations) == source
    assert "Table 1:" not in answer.answer.split("\n")[0]


def test_a_figure_question_is_still_a_figure(ghana: Assistant) -> None:
    answer = ghana.ask("What was the total market in 2022?")
    assert answer.kind == "fact" and answer.value is not None
    assert answer.value.number == 170
