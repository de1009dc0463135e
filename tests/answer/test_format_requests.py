"""A figure question that says how it wants the answer ("in USD million", "one decimal
please", "to two decimal places") is the same question: the request shapes the printed
figure, it does not send the question elsewhere. And a year marked as an estimate or a
forecast where the table writes it ("2024f", "2025e") is that year."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Kenya's dialysis supplies market\n\n"
    "Kenya imports nearly all of its dialysis supplies. Dialysis fluid imports rose by "
    "about 18 percent between 2021 and 2023 as county hospitals opened renal units. "
    "German brands lead the premium dialyser segment.\n\n"
    "| Year | Imports of dialysers (USD million) | Imports of dialysis fluids (USD million) "
    "| Total market (USD million) |\n"
    "|---|---|---|---|\n"
    "| 2021 | 40.2 | 61.5 | 101.7 |\n"
    "| 2022 | 44.8 | 66.0 | 110.8 |\n"
    "| 2023 | 47.1 | 72.4 | 119.5 |\n"
    "| 2024f | 51.0 | 79.9 | 130.9 |\n\n"
    "Source: Kenya Revenue Authority import records; 2024 figures are forecasts.\n"
)


@pytest.fixture(scope="module")
def kenya(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("kenya-dialysis"), {"kenya.md": BRIEF})


@pytest.mark.parametrize(
    ("question", "number"),
    [
        (
            "By how much did imports of dialysis fluids increase from 2021 to 2023, in USD million?",
            10.9,
        ),
        ("how much did dialysis fluid imports grow 2021-2023 (in millions of USD)", 10.9),
        ("What were dialyser imports worth in 2023?", 47.1),
        ("dialyser imports in 2022, rounded to one decimal", 44.8),
    ],
)
def test_a_format_request_does_not_change_what_is_asked(
    kenya: Assistant, question: str, number: float
) -> None:
    answer = kenya.ask(question)
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number), answer.answer


def test_the_decimals_asked_for_are_the_decimals_printed(kenya: Assistant) -> None:
    answer = kenya.ask(
        "What was the percentage growth in dialyser imports between 2021 and 2023? one decimal please"
    )
    assert answer.value is not None, answer.answer
    assert "17.2%" in answer.answer and "17.16" not in answer.answer, answer.answer
    assert "dialysis fluid" not in answer.answer.lower(), answer.answer


def test_a_forecast_year_is_that_year(kenya: Assistant) -> None:
    answer = kenya.ask("How much were dialyser imports in 2024?")
    assert answer.value is not None and answer.value.number == pytest.approx(51.0), answer.answer
    assert "| 2024f | 51.0 |" in answer.citations[0].text, answer.answer


def test_an_average_over_years_reaching_the_forecast(kenya: Assistant) -> None:
    answer = kenya.ask(
        "What is the average yearly value of dialyser imports for 2022, 2023 and 2024 (forecast)?"
    )
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx((44.8 + 47.1 + 51.0) / 3, abs=0.01), answer.answer


def test_a_name_the_table_does_not_break_down_by_is_not_answered_from_it(kenya: Assistant) -> None:
    answer = kenya.ask("What market share do German brands hold in dialysers?")
    assert answer.abstained, answer.answer
    assert not any(c.text.startswith("| 20") for c in answer.citations), answer.answer


def test_a_share_of_the_table_s_own_rows_is_still_computed(kenya: Assistant) -> None:
    answer = kenya.ask("What share of the total market were dialyser imports in 2023?")
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(47.1 / 119.5 * 100, abs=0.01), answer.answer
