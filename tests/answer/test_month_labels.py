"""Rows named by a month written short ("Aug - 2023") are asked for by the month written
out ("issued in August 2023"): a month is a period, never a place or party the tables do
not hold."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Harbor Biotech warrants\n\n"
    "Warrants outstanding at 31 December 2024, by month of issue:\n\n"
    "| Issued | Warrants outstanding | Exercise price |\n|---|---|---|\n"
    "| Mar - 2022 | 1,250,000 | $4.10 |\n| Aug - 2023 | 842,000 | $6.75 |\n"
    "| Nov - 2024 | 310,000 | $9.20 |\n| Total | 2,402,000 | |\n\n"
    "All warrants expire five years after issue.\n"
)


@pytest.fixture(scope="module")
def warrants(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("warrants"), {"warrants.md": BRIEF})


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("How many warrants issued in August 2023 are outstanding?", 842_000),
        ("What is the exercise price of the warrants issued in November 2024?", 9.20),
        ("How many warrants from March 2022 are still outstanding?", 1_250_000),
    ],
)
def test_a_month_written_out_names_the_row_written_short(
    warrants: Assistant, question: str, number: float
) -> None:
    answer = warrants.ask(question)
    assert answer.value is not None and answer.value.number == number, answer.answer


def test_a_place_the_tables_do_not_hold_is_still_refused(warrants: Assistant) -> None:
    answer = warrants.ask("How many warrants issued in Brazil are outstanding?")
    assert answer.abstained and "Brazil" in answer.answer, answer.answer
