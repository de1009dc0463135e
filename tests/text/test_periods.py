"""The years a question names, however it writes them."""

from __future__ import annotations

import pytest

from assistant.text.periods import years


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("What was revenue in 2019 and 2018?", ("2019", "2018")),
        ("What was revenue in FY19?", ("2019",)),
        ("What was the change in cash from 12/25/19 to 12/30/20?", ("2019", "2020")),
        ("What was the value of investments at 12/25/2019?", ("2019",)),
        ("What is the rate on a 1/2 share?", ()),
    ],
)
def test_the_years_a_question_names(text: str, named: tuple[str, ...]) -> None:
    assert years(text) == named


def test_a_fiscal_year_written_by_its_closing_month() -> None:
    """Japanese reports write the fiscal year ended March 2024 as '24/3."""
    from assistant.text.tables import find_period

    assert years("What was the change in net sales from '23/3 to '24/3?") == ("2023", "2024")
    assert find_period("'24/3") == ("2024", False)
