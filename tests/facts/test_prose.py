from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.facts.prose import extract_prose_facts
from assistant.types import Unit


def unit(text: str) -> Unit:
    return Unit("u", "c", "b.txt", 100, 100 + len(text), text, "prose", 0)


def test_money_with_scale_currency_qualifier_and_year() -> None:
    text = "In Chile, the wine market was worth approximately US$3.5 billion in 2019."
    (fact,) = extract_prose_facts(unit(text))
    assert (fact.metric, fact.subject, fact.period) == ("wine market", "Chile", "2019")
    assert (fact.value, fact.unit, fact.qualifier, fact.estimate) == (
        3.5,
        "USD billions",
        "approximately",
        False,
    )
    assert text[fact.start - 100 : fact.end - 100] == "US$3.5 billion"


def test_projection_is_an_estimate_with_its_qualifier() -> None:
    text = "Sales could exceed €12 million by 2030."
    (fact,) = extract_prose_facts(unit(text))
    assert (fact.value, fact.currency, fact.scale, fact.period) == (12.0, "EUR", "million", "2030")
    assert fact.qualifier == "could exceed" and fact.estimate


def test_a_fall_between_two_years_is_a_negative_change() -> None:
    (fact,) = extract_prose_facts(unit("Clinic visits fell 12.5% between 2015 and 2020."))
    assert (fact.metric, fact.value, fact.unit, fact.period) == (
        "Clinic visits",
        -12.5,
        "%",
        "2015-2020",
    )


def test_a_figure_and_its_growth_over_the_year_before_are_two_facts() -> None:
    text = "Clinic revenue reached ZAR 3.1 billion in 2021, up 4.5% from 2020."
    amount, growth = extract_prose_facts(unit(text))
    assert (amount.metric, amount.value, amount.currency, amount.scale, amount.period) == (
        "Clinic revenue", 3.1, "ZAR", "billion", "2021",
    )  # fmt: skip
    assert (growth.metric, growth.value, growth.unit, growth.period) == (
        "Clinic revenue", 4.5, "%", "2020-2021",
    )  # fmt: skip
    assert text[growth.start - 100 : growth.end - 100] == "4.5%"
    (down,) = extract_prose_facts(unit("Pharmacy sales were down 2% compared with 2022."))
    assert (down.value, down.period) == (-2.0, "2022")


def test_shares_and_rankings() -> None:
    facts = extract_prose_facts(
        unit("Roughly 40 percent of patients pay cash, and Peru is the third largest market.")
    )
    assert [(f.value, f.unit, f.qualifier) for f in facts] == [
        (40.0, "%", "roughly"),
        (3.0, "rank (largest)", ""),
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_crashes_and_spans_stay_inside(text: str) -> None:
    for fact in extract_prose_facts(unit(text)):
        assert 100 <= fact.start < fact.end <= 100 + len(text)
