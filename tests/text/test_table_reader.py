"""The table reader on shapes real reports use, and two properties of any table it reads."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.facts.table import NIL, NIL_CELL, extract_table_facts
from assistant.ingest.chunk import split_into_units
from assistant.ingest.html import html_to_text
from assistant.ingest.tabular import read_delimited
from assistant.text.table_reader import TableReader
from assistant.text.tables import Table, parse_number
from assistant.types import FactRecord, Unit


def read(text: str) -> tuple[Table, list[FactRecord]]:
    spans = split_into_units(text)
    units = [
        Unit(str(i), "c", "t.md", s.start, s.end, text[s.start : s.end], s.kind, s.block)
        for i, s in enumerate(spans)
    ]
    table = TableReader().parse([u for u in units if u.kind in ("row", "caption", "note")])
    assert table is not None
    return table, extract_table_facts(table)


def cell(facts: list[FactRecord], metric: str, period: str) -> float:
    return next(f.value for f in facts if f.metric == metric and f.period == period)


def test_a_github_table_with_a_labelled_corner_and_a_preliminary_year() -> None:
    text = (
        "Table: Health spending (EUR millions)\n"
        "| Metric | 2021 | 2022 | 2023* |\n|---|---:|---:|---:|\n"
        "| Public spending | 1,204.5 | 1,250 | 1,310 |\n| Private spending | 880 | 905 | 947 |\n"
    )
    table, facts = read(text)
    assert [c.period for c in table.columns] == ["2021", "2022", "2023"]
    assert table.columns[-1].estimate
    assert cell(facts, "Public spending", "2021") == 1204.5
    assert {f.currency for f in facts} == {"EUR"} and {f.scale for f in facts} == {"million"}


def test_a_report_header_with_a_group_row_a_units_cell_and_a_change_column() -> None:
    text = (
        "| (in thousands) | Years Ended December 31, | | |\n"
        "| | 2019 | 2018 | % change |\n"
        "| Revenue | $ 17 | $(5,637) | (35.2)% |\n"
        "| Costs | (35,569 ) | 1,200 | 12% |\n"
        "| | 1,000 | 2,000 | |\n"
    )
    _, facts = read(text)
    assert cell(facts, "Revenue", "2019") == 17
    assert cell(facts, "Revenue", "2018") == -5637
    assert cell(facts, "Costs", "2019") == -35569
    assert cell(facts, "Total", "2018") == 2000  # an unlabelled row of figures
    change = next(f for f in facts if f.metric == "Revenue" and f.period == "change")
    assert change.value == -35.2 and change.unit == "%"
    assert {f.scale for f in facts if f.unit != "%"} == {"thousand"}


def test_column_groups_repeat_the_years() -> None:
    text = (
        "| | Domestic | | International | |\n| | 2019 | 2018 | 2019 | 2018 |\n"
        "| Revenue | 10 | 9 | 30 | 25 |\n"
    )
    _, facts = read(text)
    assert cell(facts, "Revenue (Domestic)", "2019") == 10
    assert cell(facts, "Revenue (International)", "2018") == 25


def test_dates_and_currency_cells_of_their_own() -> None:
    text = (
        "| | December 27, 2019 | | December 28, 2018 |\n"
        "| Inventory | $ | 1,234 | $ | 987 |\n| Receivables | | 55 | | 60 |\n"
    )
    _, facts = read(text)
    assert cell(facts, "Inventory", "2019") == 1234
    assert cell(facts, "Receivables", "2018") == 60


def test_a_title_row_as_the_markdown_header_with_the_years_below_the_separator() -> None:
    # The title row is the Markdown header; its date is split over two cells ("31,"), and
    # the years, the column groups and a units row stand below the separator.
    text = (
        "| | | Years Ended December 31, | 31, |\n|---|---|---|---|\n"
        "| | 2019 | 2018 | 2017 |\n"
        "| Current provision: | | | |\n| State | $49 | $44 | $48 |\n"
    )
    table, facts = read(text)
    assert [c.period for c in table.columns] == ["2019", "2018", "2017"]
    assert len(table.header_rows) == 2
    assert cell(facts, "State", "2017") == 48


def test_years_with_numbered_notes_are_keys_not_figures() -> None:
    text = (
        "| | | As of and for the Year Ended May 31, |\n|---|---|---|\n"
        "| (in millions) | 2019 | 2018 (4) |\n| Operating income | $13,535 | $13,264 |\n"
    )
    table, facts = read(text)
    assert [c.period for c in table.columns] == ["2019", "2018"]
    assert cell(facts, "Operating income", "2018") == 13264


def test_rows_that_name_their_date_are_periods_when_no_column_does() -> None:
    # A roll-forward: the balance rows carry the date, the columns are measures.
    text = (
        "| | Number of Shares | Weighted-Average Price |\n|---|---|---|\n"
        "| Nonvested as of December 31, 2018 | 5,974 | $6.51 |\n| Granted | 3,288 | $6.74 |\n"
        "| Nonvested as of December 31, 2019 | 6,148 | $6.59 |\n"
    )
    _, facts = read(text)
    assert cell(facts, "Nonvested (Number of Shares)", "2018") == 5974
    assert cell(facts, "Nonvested (Weighted-Average Price)", "2019") == 6.59
    assert cell(facts, "Granted (Number of Shares)", "2019") == 3288  # a movement of 2019


def test_a_column_with_a_blank_header_is_named_by_its_position() -> None:
    text = (
        "| | Number of Shares (thousands) | | Remaining Term (years) |\n|---|---|---|---|\n"
        "| Nonvested as of December 31, 2018 | 5,974 | $6.51 | |\n"
        "| Nonvested as of December 31, 2019 | 6,148 | $6.59 | 1.81 |\n"
    )
    _, facts = read(text)
    assert {f.metric for f in facts} == {
        "Nonvested (Number of Shares)",
        "Nonvested (column 2)",
        "Nonvested (Remaining Term (years))",
    }


def test_section_rows_that_name_a_date_give_the_rows_under_them_their_period() -> None:
    text = (
        "| | USD denominated | Non-USD denominated |\n|---|---|---|\n"
        "| As at 31 December 2019 | | |\n| Monetary assets | 27,728 | 2,899 |\n"
        "| As at 31 December 2018 | | |\n| Monetary assets | 18,041 | 1,994 |\n"
    )
    _, facts = read(text)
    assert cell(facts, "Monetary assets (USD denominated)", "2019") == 27728
    assert cell(facts, "Monetary assets (Non-USD denominated)", "2018") == 1994


def test_a_units_row_below_the_separator_gives_the_scale() -> None:
    text = (
        "| | Year Ended December 31, | |\n|---|---|---|\n| | 2019 | 2018 |\n"
        "| (In thousands) | | |\n| Revenues | $68,024 | $67,314 |\n"
    )
    table, facts = read(text)
    assert [r.label.text for r in table.rows if r.label] == ["Revenues"]
    assert {f.scale for f in facts} == {"thousand"}


def test_a_currency_over_the_columns_and_a_scale_for_the_table_both_count() -> None:
    text = (
        "| Years ended August 31, | 2019 | 2018 |\n|---|---|---|\n"
        "| (In thousands of dollars) | $ | $ |\n| Service costs | 661,214 | 615,267 |\n"
    )
    _, facts = read(text)
    assert {(f.currency, f.scale) for f in facts} == {("USD", "thousand")}


def test_footnote_markers_do_not_split_a_column_group() -> None:
    text = (
        "| | Net additions (losses) | | % of penetration(2)(3) | |\n|---|---|---|---|---|\n"
        "| | August 31, 2019 | August 31, 2018 (1) | August 31, 2019 | August 31, 2018 (3) |\n"
        "| Video customers | (4,697) | (6,760) | 35.6 | 37.1 |\n"
    )
    table, facts = read(text)
    assert [c.group for c in table.columns] == ["Net additions (losses)"] * 2 + [
        "% of penetration"
    ] * 2
    assert cell(facts, "Video customers (Net additions (losses))", "2018") == -6760


def test_currency_codes_and_letters_in_cells() -> None:
    assert parse_number("R 12,480") == 12480
    assert parse_number("ZAR 3") == 3
    assert parse_number("(R 155)") == -155
    assert parse_number("HK$3") == 3
    assert parse_number("Net 30") is None  # a word, not a currency code


def test_html_spans_keep_figures_under_their_headers() -> None:
    html = (
        "<table><tr><th rowspan=2>Region</th><th colspan=2>Public</th></tr>"
        "<tr><th>2022</th><th>2023</th></tr><tr><td>North</td><td>5</td><td>7</td></tr></table>"
    )
    text, _ = html_to_text(html)
    _, facts = read(text)
    assert cell(facts, "North", "2023") == 7


def test_a_csv_file_is_one_table_with_its_cells_as_written() -> None:
    extracted = read_delimited(",")(b'Role,2021,2022\nNurses,"4,880","5,020"\n')
    assert extracted.text == "| Role | 2021 | 2022 |\n| Nurses | 4,880 | 5,020 |\n"
    _, facts = read(extracted.text)
    assert cell(facts, "Nurses", "2022") == 5020


NUMBERS = st.one_of(
    st.integers(-99_999, 99_999).map(lambda n: f"({abs(n):,})" if n < 0 else f"{n:,}"),
    st.floats(0, 1000, allow_nan=False).map(lambda x: f"{x:.1f}%"),
    st.sampled_from(["-", "n/a", ""]),
)
LABELS = st.text("abcdefgh ", min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["2019", "2020", "2021", "2022"]), min_size=1, max_size=4, unique=True
    ),
    st.lists(LABELS, min_size=1, max_size=5, unique=True),
    st.data(),
)
def test_any_table_read_round_trips_its_cells_and_every_fact_holds_its_number(
    years: list[str], labels: list[str], data: st.DataObject
) -> None:
    rows = [[label, *(data.draw(NUMBERS) for _ in years)] for label in labels]
    outer = data.draw(st.booleans())  # with or without the outer pipes

    def line(cells: list[str]) -> str:
        inner = " | ".join(cells)
        return f"| {inner} |\n" if outer else f"{inner}\n"

    text = line(["Item", *years]) + line(["---"] * (len(years) + 1))
    text += "".join(line(r) for r in rows)
    table, facts = read(text)
    # A bare row's trailing empty cell is its optional closing pipe (as Markdown reads it).
    assert [_trimmed([c.text for c in r.cells]) for r in table.rows] == [_trimmed(r) for r in rows]
    for fact in facts:
        written = text[fact.start : fact.end]
        if fact.qualifier == NIL:  # a dash among the row's figures: nil, 0
            assert NIL_CELL.fullmatch(written) and fact.value == 0
        else:
            assert parse_number(written) == fact.value
        assert fact.passage_start <= fact.start < fact.end <= fact.passage_end  # cell in its row


def test_a_markdown_table_without_outer_pipes() -> None:
    text = (
        "Clinic visits by year\n\nRegion | 2022 | 2023\n--- | ---: | ---:\n"
        "North | 1,200 | 1,350\nSouth | 900 | 960\n\nVisits grew in both regions.\n"
    )
    _, facts = read(text)
    assert cell(facts, "South", "2023") == 960
    south = next(f for f in facts if f.metric == "South" and f.period == "2023")
    assert text[south.start : south.end] == "960"
    assert text[south.passage_start : south.passage_end] == "South | 900 | 960"


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


# Plain-text tables: columns set apart by runs of spaces or by tabs, no pipes.

PLAIN = (
    "Table 1. Imports and exports (KES million)\n\n"
    "                             2021      2022      2023\n"
    "                           ------    ------    ------\n"
    "Dental chairs                 412       455       498\n"
    "Consumables                 1,105     1,187     1,240\n"
    "Trade balance              -1,651    -1,779    -1,883\n"
)


def test_a_space_aligned_table_with_an_indented_year_header_and_a_rule() -> None:
    table, facts = read(PLAIN)
    assert [c.period for c in table.columns] == ["2021", "2022", "2023"]
    assert cell(facts, "Dental chairs", "2022") == 455
    assert cell(facts, "Consumables", "2021") == 1105
    assert cell(facts, "Trade balance", "2023") == -1883
    assert {f.currency for f in facts} == {"KES"} and {f.scale for f in facts} == {"million"}


def test_a_plain_table_cell_is_cited_at_its_own_offsets() -> None:
    _, facts = read(PLAIN)
    chairs = next(f for f in facts if f.metric == "Dental chairs" and f.period == "2022")
    assert PLAIN[chairs.start : chairs.end] == "455"
    row = PLAIN[chairs.passage_start : chairs.passage_end]
    assert row.startswith("Dental chairs") and row.endswith("498")
    assert {PLAIN[f.start : f.end] for f in facts if f.metric == "Trade balance"} == {
        "-1,651",
        "-1,779",
        "-1,883",
    }


def test_years_down_the_side_left_aligned_with_a_text_column_and_an_na_cell() -> None:
    text = (
        "Year    Registered dentists    Dentists per 100,000 people    Main supplier\n"
        "2019    1,210                  2.4                            Germany\n"
        "2020    1,254                  2.5                            Germany\n"
        "2023    1,475                  n/a                            China\n"
    )
    _, facts = read(text)
    assert cell(facts, "Registered dentists", "2020") == 1254
    assert cell(facts, "Dentists per 100,000 people", "2019") == 2.4
    assert not any(
        f.metric == "Dentists per 100,000 people" and f.period == "2023" and f.value is not None
        for f in facts
    )


def test_a_tab_separated_table_in_plain_text() -> None:
    text = "Supplier country\tShare of 2023 imports (%)\nChina\t38.5\nGermany\t24.0\nIndia\t12.3\n"
    _, facts = read(text)
    india = next(f for f in facts if f.metric == "India")
    assert india.value == 12.3 and india.unit == "%"


def test_a_plain_table_with_a_missing_cell_keeps_its_columns() -> None:
    text = (
        "                 2021      2022      2023\n"
        "Chairs            412                 498\n"
        "Imaging units     230       241       263\n"
    )
    _, facts = read(text)
    assert cell(facts, "Chairs", "2023") == 498
    assert not any(f.metric == "Chairs" and f.period == "2022" and f.value for f in facts)
    assert cell(facts, "Imaging units", "2022") == 241


def test_prose_with_two_spaces_after_a_full_stop_is_not_a_table() -> None:
    text = (
        "Kenya's market still relies on imports.  Local assembly covers only chairs.\n"
        "Imports rose 6% in 2023.  Exports rose 13% to KES 118 million in 2023.\n"
        "Demand grows in Nairobi.  Mombasa follows with 12 clinics.\n"
    )
    assert {s.kind for s in split_into_units(text)} == {"prose"}


def test_a_rate_per_thousand_people_is_not_a_scale() -> None:
    text = (
        "| Region | Beds per 1,000 people | Dentists per 100,000 people |\n|---|---|---|\n"
        "| Lima | 2.1 | 3.4 |\n| Cusco | 1.4 | 2.2 |\n"
    )
    table, facts = read(text)
    assert {f.scale for f in facts} == {""}, {(f.value, f.scale) for f in facts}
    assert [c.text for c in table.columns] == [
        "Beds per 1,000 people",
        "Dentists per 100,000 people",
    ]
    for header in ("Beds (000s)", "Number of beds (1,000)"):  # figures in thousands
        _, thousands = read(f"| Region | {header} |\n|---|---|\n| Lima | 12 |\n| Cusco | 4 |\n")
        assert {f.scale for f in thousands} == {"thousand"}, header
