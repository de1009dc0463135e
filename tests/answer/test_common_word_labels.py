"""A row labelled only with common words ("Other") is named when the question writes it as
the table does, capitalised after the question's first word: "In which year was Other
larger?". Written in lower case it is only a word ("what other costs ...")."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Lakeside Clinic revenue\n\n"
    "Table: Revenue by service line (USD thousands)\n\n"
    "| Service line | 2023 | 2024 |\n|---|---|---|\n"
    "| Outpatient visits | 5,100 | 5,600 |\n| Imaging | 1,250 | 1,310 |\n"
    "| Other | 340 | 295 |\n| Total | 6,690 | 7,205 |\n\n"
    "The clinic opened a second imaging suite in 2024.\n"
)


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("clinic"), {"clinic.md": BRIEF})


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("What was Other in 2024?", 295),
        ("How much did Other change from 2023 to 2024?", -45),
        ("What was the revenue from Other in 2023?", 340),
    ],
)
def test_a_common_word_label_written_as_the_table_writes_it_is_the_row(
    clinic: Assistant, question: str, number: float
) -> None:
    answer = clinic.ask(question)
    assert answer.value is not None and answer.value.number == number, answer.answer


def test_which_year_of_a_common_word_row(clinic: Assistant) -> None:
    answer = clinic.ask("In which year was Other larger?")
    assert answer.kind == "fact", answer.answer
    assert "2023" in answer.value.text if answer.value else False, answer.answer


def test_the_word_in_lower_case_names_no_row(clinic: Assistant) -> None:
    answer = clinic.ask("What other changes did the clinic make in 2024?")
    assert not (answer.value and answer.value.number == 295), answer.answer
