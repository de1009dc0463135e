"""A table cell that holds words, not a figure ("Germany" under "Main supplier"), is read
when a question names its column and its row, and cited by its row."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "Peru hospital beds\n\n"
    "Peru buys most hospital beds abroad.\n\n"
    "| Year | Beds imported | Main supplier | Status |\n|---|---|---|---|\n"
    "| 2021 | 1,200 | Germany | Actual |\n"
    "| 2022 | 1,350 | China | Actual |\n"
    "| 2023 | 1,500 | China | Estimate |\n\n"
    "| Region | Beds per 1,000 people | Leading hospital |\n|---|---|---|\n"
    "| Lima | 2.1 | Hospital Rebagliati |\n"
    "| Cusco | 1.4 | Hospital Regional |\n"
)


@pytest.fixture(scope="module")
def peru(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("peru"), {"peru.md": BRIEF})


@pytest.mark.parametrize(
    ("question", "text", "row"),
    [
        ("Which country was the main supplier of hospital beds in 2021?", "Germany", "2021"),
        ("Who was the main supplier in 2023?", "China", "2023"),
        ("What was the status of the 2023 figures?", "Estimate", "2023"),
        ("What is the leading hospital in Cusco?", "Hospital Regional", "Cusco"),
    ],
)
def test_a_words_cell_named_by_its_column_and_row(
    peru: Assistant, question: str, text: str, row: str
) -> None:
    answer = peru.ask(question)
    assert answer.value is not None and answer.value.text == text, answer.answer
    assert any(c.text.startswith(f"| {row} |") and text in c.text for c in answer.citations)
    assert text in answer.answer


def test_a_figure_cell_is_left_to_the_figures(peru: Assistant) -> None:
    answer = peru.ask("How many hospital beds were imported in 2022?")
    assert answer.value is not None and answer.value.number == 1350, answer.answer


def test_a_row_the_table_does_not_have_is_not_read(peru: Assistant) -> None:
    answer = peru.ask("Which country was the main supplier of hospital beds in 2019?")
    assert answer.value is None or answer.value.text not in ("Germany", "China"), answer.answer
