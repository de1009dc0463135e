"""Sums and averages of figures a sentence states for the years named ("$3,800 and $6,690
... for 2019 and 2018, respectively"): computed from the quoted figures, with the
calculation shown and the sentence cited. Figures of other scales or currencies are not
added up."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in
from tests.test_contract import check_contract

BRIEF = (
    "Notes to the accounts\n\n"
    "We capitalized $3,800 and $6,690 of internal use software costs for the years ended "
    "December 31, 2019 and 2018, respectively.\n\n"
    "The fair value of the Bell Canada debentures was $68 million in 2019 and $53 million "
    "in 2018.\n\n"
    "Litigation settlements cost $2.5 billion in 2019 and $400 million in 2018.\n\n"
    "Office rents rose to €12 million in 2019 from $11 million in 2018.\n"
)


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Assistant, Path]:
    root = tmp_path_factory.mktemp("prose")
    return briefs_in(root, {"notes.md": BRIEF}), root / "corpus"


@pytest.mark.parametrize(
    ("question", "number", "formula"),
    [
        (
            "What is the total amount capitalized to internal use software for the years "
            "ended December 31, 2019 and 2018?",
            10490,
            "3,800 + 6,690 = 10,490",
        ),
        (
            "What is the average fair value of the Bell Canada debentures for 2018 and 2019?",
            60.5,
            "(53 + 68) / 2 = 60.5",  # in the order the question names the years,
        ),
    ],
)
def test_figures_quoted_for_the_years_named_are_added_up(
    notes: tuple[Assistant, Path], question: str, number: float, formula: str
) -> None:
    assistant, corpus = notes
    answer = assistant.ask(question)
    assert answer.value is not None and answer.value.number == number, answer.answer
    assert answer.calculation == formula
    assert formula in answer.answer and answer.citations
    check_contract(answer, corpus)


@pytest.mark.parametrize(
    "question",
    [
        "What were the total litigation settlements in 2019 and 2018?",  # billion and million
        "What were the total office rents in 2019 and 2018?",  # euros and dollars
    ],
)
def test_figures_of_other_scales_or_currencies_are_not_added(
    notes: tuple[Assistant, Path], question: str
) -> None:
    answer = notes[0].ask(question)
    assert answer.calculation is None, answer.answer


CHANGES = (
    "Notes\n\n"
    "Inventory allowances. The allowances were approximately $700 at September 30, 2023, "
    "compared with approximately $1,600 at December 31, 2022.\n\n"
    "Pledged assets. The carrying amount of pledged assets was HK$780 million "
    "(2022: HK$600 million).\n\n"
    "As of March 31, 2024 and December 31, 2023, there was $14,000 and $9,500 of total "
    "unrecognized compensation cost, respectively.\n"
)


@pytest.mark.parametrize(
    ("question", "number", "formula"),
    [
        (
            "By how much did the inventory allowances change from December 31, 2022 to "
            "September 30, 2023?",
            -900,
            "700 - 1,600 = -900",
        ),
        # the year not written is the one the sentence is about: "780 (2022: 600)"
        (
            "What was the change in the carrying amount of pledged assets from 2022 to 2023?",
            180,
            "780 - 600 = 180",
        ),
        (
            "What was the percentage change in the carrying amount of pledged assets from "
            "2022 to 2023?",
            30,
            "(780 - 600) / 600 x 100 = 30%",
        ),
        # "respectively": the figures in the order the sentence gives the dates
        (
            "What was the increase in total unrecognized compensation cost from December 31, "
            "2023 to March 31, 2024?",
            4500,
            "14,000 - 9,500 = 4,500",
        ),
    ],
)
def test_a_change_between_two_figures_a_sentence_gives(
    tmp_path: Path, question: str, number: float, formula: str
) -> None:
    answer = briefs_in(tmp_path, {"notes.md": CHANGES}).ask(question)
    assert answer.value is not None and answer.value.number == number, answer.answer
    assert answer.calculation == formula
    check_contract(answer, tmp_path / "corpus")
