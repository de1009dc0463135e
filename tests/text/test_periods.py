"""The years a question names, however it writes them."""

from __future__ import annotations

import pytest

from assistant.text.periods import years
from assistant.text.tables import find_period


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


def test_the_first_of_january_opens_a_year_the_year_before_closed() -> None:
    """An opening balance "at 1 January 2011" is the closing one of 2010: a roll-forward's
    first balance and the change "between January 1, 2011 and December 31, 2012"."""
    assert years("between January 1, 2011 and December 31, 2012") == ("2010", "2012")
    assert years("as at 1 January 2019") == ("2018",)
    assert years("on 1 June 2019 and January 12, 2019") == ("2019", "2019")
    assert find_period("At 1 January 2017") == ("2016", False)
    assert find_period("Net balance as of January 1, 2011") == ("2010", False)
    assert find_period("January 10, 2011") == ("2011", False)
