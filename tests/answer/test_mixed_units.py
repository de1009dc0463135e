"""A table of key indicators holds rows of different units, each said in its label
("Spending (EUR million)", "Share of spending (%)", "Number of public hospitals"). A row's
unit is its own: a count is never given the millions another row is quoted in, and a
column of counts beside a column of amounts is not in the amounts' currency."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Romania's sterilization market\n\n"
    "Spending on sterilization products reached EUR 251.3 million in 2024.\n\n"
    "Table A. Key indicators of Romania's hospital sterilization market for foreign"
    " suppliers, 2022-2024\n\n"
    "| Metric | 2022 | 2023 | 2024 |\n|---|---|---|---|\n"
    "| Sterilization spending (EUR million) | 204.9 | 229.7 | 251.3 |\n"
    "| Single-use share of spending (%) | 43.8 | 46.5 | 48.9 |\n"
    "| Number of public hospitals | 364 | 361 | 358 |\n\n"
    "Source: ministry data.\n\n"
    "Table B. Sterilization spending by development region, with hospitals and shares, 2024\n\n"
    "| Region | Public hospitals | Spending 2024 (EUR million) | Share of spending (%) |\n"
    "|---|---|---|---|\n"
    "| Bucharest-Ilfov | 52 | 63.8 | 25.4 |\n"
    "| North-East | 58 | 35.2 | 14.0 |\n\n"
    "Source: hospital budgets.\n"
)


@pytest.fixture(scope="module")
def romania(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("romania-units"), {"romania.md": BRIEF})


def test_each_row_has_the_unit_its_label_says(romania: Assistant) -> None:
    units = {
        f.metric: (f.currency, f.scale, f.unit) for f in romania.list_facts() if f.period == "2023"
    }
    assert units["Sterilization spending (EUR million)"][:2] == ("EUR", "million")
    assert units["Number of public hospitals"] == ("", "", "")
    assert units["Single-use share of spending (%)"][2] == "%"


@pytest.mark.parametrize(
    "question",
    [
        "What was the number of public hospitals in 2023?",
        "How many public hospitals were there in 2023?",  # "Number of X": how many X
    ],
)
def test_a_count_is_shown_as_a_count(romania: Assistant, question: str) -> None:
    answer = romania.ask(question)
    assert answer.value is not None and answer.value.number == 361, answer.answer
    assert "million" not in answer.answer, answer.answer


def test_a_column_of_counts_is_not_in_the_amounts_currency(romania: Assistant) -> None:
    hospitals = [f for f in romania.list_facts() if f.value == 58]
    assert [(f.currency, f.scale) for f in hospitals] == [("", "")]


def test_a_long_title_line_over_a_table_is_its_caption(romania: Assistant) -> None:
    answer = romania.ask("What was the number of public hospitals in 2023?")
    assert any(c.text.startswith("Table A. Key indicators") for c in answer.citations), (
        answer.answer
    )


def test_which_row_is_highest_in_the_column_the_question_names(romania: Assistant) -> None:
    # "spends": the "Spending 2024" column, not "Share of spending"
    answer = romania.ask("Which region spends the most on sterilization?")
    assert answer.answer.startswith("Bucharest-Ilfov"), answer.answer


def test_a_hyphenated_place_the_row_s_table_lacks_is_not_that_row(romania: Assistant) -> None:
    # the national row of Table A is no answer for a region only Table B names
    answer = romania.ask("What was the single-use share of spending in the North-East region?")
    assert not any("Single-use" in c.text for c in answer.citations), answer.answer
