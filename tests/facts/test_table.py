from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.facts.extract import extract_facts
from assistant.facts.units import format_value
from assistant.ingest.chunk import split_into_chunks
from assistant.types import Document, FactRecord

# Another brief's table, as messy as real ones: header shifted left with a trailing empty
# cell, no header over the label column, an estimated year, the unit in the caption, a
# row with its own unit, and a Source line.
MESSY = (
    "Table: Coffee Trade (EUR Millions)\n"
    "| 2015 | 2016 | 2017 (est.) | |\n"
    "| Coffee Exports | 310.5 | 1,204 | 95 |\n"
    "| Price Index | 101.2 | 99.8 | 104 |\n"
    "| Broken Row | 1 | 2 |\n"
    "Source: Coffee Board, staff estimates\n"
)
CLEAN = "| | FY2019 | FY2020 |\n| Patients (thousands) | 12 | 15 |\n"


def facts_of(text: str) -> list[FactRecord]:
    doc = Document(source="b.txt", text=text, title="B", sha256="1" * 64)
    return extract_facts([u for c in split_into_chunks(doc, chunk_size=630) for u in c.units])


def test_messy_table_aligns_periods_by_order_and_keeps_estimates() -> None:
    facts = facts_of(MESSY)
    exports = [(f.period, f.value, f.estimate) for f in facts if f.metric == "Coffee Exports"]
    assert exports == [("2015", 310.5, False), ("2016", 1204.0, False), ("2017", 95.0, True)]
    first = facts[0]
    assert (first.currency, first.scale, first.unit) == ("EUR", "million", "EUR millions")
    assert first.provenance == "Source: Coffee Board, staff estimates"
    assert (
        MESSY[first.passage_start : first.passage_end] == "| Coffee Exports | 310.5 | 1,204 | 95 |"
    )
    assert MESSY[first.header_start : first.header_end] == "| 2015 | 2016 | 2017 (est.) | |"
    assert MESSY[first.caption_start : first.caption_end] == "Table: Coffee Trade (EUR Millions)"


def test_a_rate_row_does_not_take_the_captions_unit() -> None:
    index = [f for f in facts_of(MESSY) if f.metric == "Price Index"]
    assert [f.unit for f in index] == ["", "", ""]
    assert format_value(index[0].value, currency=index[0].currency, scale=index[0].scale,
                        unit=index[0].unit) == "101.2"  # fmt: skip


def test_a_row_that_does_not_fit_the_header_gives_no_facts() -> None:
    assert not [f for f in facts_of(MESSY) if f.metric == "Broken Row"]


def test_a_clean_table_with_fiscal_years() -> None:
    facts = facts_of(CLEAN)
    assert [(f.metric, f.period, f.value) for f in facts] == [
        ("Patients (thousands)", "FY2019", 12.0),
        ("Patients (thousands)", "FY2020", 15.0),
    ]


def test_exchange_rate_row_is_per_table_currency() -> None:
    text = "Table: Trade (USD Billions)\n| | 2020 |\n| Exports | 5 |\n| Exchange rate | 20.5 |\n"
    rate = next(f for f in facts_of(text) if f.metric == "Exchange rate")
    assert (rate.unit, rate.currency) == ("per USD", "")


def test_an_exchange_rate_names_the_currency_its_label_names() -> None:
    text = "Table: Trade (USD Billions)\n| | 2020 |\n| Exchange rate (pesos) | 20.5 |\n"
    rate = next(f for f in facts_of(text) if f.metric.startswith("Exchange rate"))
    assert (rate.unit, rate.currency) == ("MXN per USD", "")
    text = "Table: Trade (EUR millions)\n| | 2020 |\n| EUR/GBP exchange rate | 0.85 |\n"
    rate = next(f for f in facts_of(text) if "exchange" in f.metric)
    assert rate.unit == "GBP per EUR"  # the table's currency is what one unit is priced in


NUMBER = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(NUMBER, min_size=2, max_size=4),
    st.sampled_from(["Widgets", "Total Sales", "Net income"]),
    st.sampled_from(["", " (est.)"]),
)
def test_every_fact_span_holds_its_number_as_written(values: list, label: str, est: str) -> None:
    years = [str(2000 + i) for i in range(len(values))]
    header = "| | " + " | ".join([*years[:-1], years[-1] + est]) + " |"
    row = f"| {label} | " + " | ".join(f"{v:,}" for v in values) + " |"
    text = f"Table: Stuff (USD Millions)\n{header}\n{row}\n"
    facts = facts_of(text)
    assert len(facts) == len(values)
    for fact, value in zip(facts, values, strict=True):
        written = text[fact.start : fact.end]
        assert written == f"{value:,}"
        assert float(written.replace(",", "")) == fact.value
        assert written in text[fact.passage_start : fact.passage_end]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("|| \n0123456789.,-()$%Table:USDMillionsest")), max_size=400
    )
    | st.text(max_size=400)
)
def test_table_extraction_never_crashes_on_arbitrary_text(text: str) -> None:
    for fact in facts_of(text):
        assert 0 <= fact.start < fact.end <= len(text)
        assert fact.passage_start <= fact.start and fact.end <= fact.passage_end
