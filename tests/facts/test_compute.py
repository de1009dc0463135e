from __future__ import annotations

import pytest

from assistant.facts import compute
from assistant.types import FactRecord


def fact(period: str, value: float) -> FactRecord:
    return FactRecord("b.txt", "Sales", "", period, value, "USD billions", "USD", "billion",
                      "", False, "table", 0, 1, 0, 1)  # fmt: skip


def test_change_and_percent_change() -> None:
    assert compute.change(fact("2020", 12.1), fact("2021", 11.2)).formula == "11.2 - 12.1 = -0.9"
    result = compute.percent_change(fact("2020", 12.1), fact("2022", 10.25))
    assert result.value == pytest.approx(-15.289, abs=1e-3)
    assert result.formula == "(10.25 - 12.1) / 12.1 x 100 = -15.29%"


def test_compound_annual_growth() -> None:
    result = compute.cagr(fact("2020", 100), fact("2022", 121))
    assert result.value == pytest.approx(10.0)
    assert result.formula == "(121 / 100)^(1/2) - 1 = 10% a year"


def test_share_difference_and_conversion() -> None:
    assert (
        compute.share(fact("2020", 2.57), fact("2020", 12.1)).formula
        == "2.57 / 12.1 x 100 = 21.24%"
    )
    assert compute.difference(fact("2022", 8.4), fact("2022", 10.25)).value == pytest.approx(-1.85)
    assert compute.convert(fact("2023", 8.91), fact("2023", 18.4)).formula == "8.91 x 18.4 = 163.94"


def test_aggregates_name_the_period_of_the_extreme() -> None:
    series = [fact("2020", 3), fact("2021", 5), fact("2022", 4)]
    assert compute.average(series).formula == "(3 + 5 + 4) / 3 = 4"
    assert compute.total(series).value == 12
    highest = compute.maximum(series)
    assert highest.at is not None and highest.at.period == "2021"
    assert highest.formula == "max(3, 5, 4) = 5 (2021)"
    assert compute.minimum(series).formula == "min(3, 5, 4) = 3 (2020)"
