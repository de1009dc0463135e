"""Report tables in blocks, as filings print them: years as section rows over category
columns, a header repeated for each year's block, a units line under the header, a Notes
column, dates written 12/30/20 and currencies written HK$ or RMB. From the shapes of
`eval/tatqa-new/`; the tables here are our own."""

from __future__ import annotations

from pathlib import Path

from tests.answer.test_figures import briefs_in
from tests.facts.test_table import facts_of


def cells(text: str, metric: str) -> dict[str, float]:
    return {f.period: f.value for f in facts_of(text) if f.kind == "table" and f.metric == metric}


def test_a_dollar_with_a_country_prefix_and_a_currency_code_are_those_currencies() -> None:
    hong_kong = "| | 2018 | 2017 |\n|---|---|---|\n| | HK$'000 | HK$'000 |\n| Revenue | 342,405 | 416,457 |\n"
    yuan = "| | 2019 | 2018 |\n|---|---|---|\n| | RMB'000 | RMB'000 |\n| Salary | 5,023 | 4,654 |\n"
    for text, currency in ((hong_kong, "HKD"), (yuan, "CNY")):
        fact = next(f for f in facts_of(text) if f.kind == "table")
        assert (fact.currency, fact.scale) == (currency, "thousand")


def test_a_notes_column_holds_references_not_figures() -> None:
    text = (
        "| | Notes | 2019 | 2018 |\n|---|---|---|---|\n"
        "| Revenue | 4 | 1,200 | 1,100 |\n| Finance costs | 5 | (94) | (146) |\n"
    )
    assert cells(text, "Revenue") == {"2019": 1200.0, "2018": 1100.0}
    assert cells(text, "Finance costs") == {"2019": -94.0, "2018": -146.0}


def test_years_as_section_rows_over_category_columns() -> None:
    text = (
        "| | North | South | Total |\n|---|---|---|---|\n"
        "| 2019 | | | |\n| Tuition | 10 | 20 | 30 |\n| Other | 2 | 1 | 3 |\n"
        "| 2018 | | | |\n| Tuition | 9 | 18 | 27 |\n| Other | 1 | 1 | 2 |\n"
    )
    assert cells(text, "Tuition (North)") == {"2019": 10.0, "2018": 9.0}
    assert cells(text, "Other (Total)") == {"2019": 3.0, "2018": 2.0}


def test_a_year_in_the_label_header_and_in_a_repeated_header_row() -> None:
    text = (
        "| Fiscal Year Ended December 29, 2019 | First Quarter | Second Quarter |\n"
        "|---|---|---|\n"
        "| (In thousands) | | |\n"
        "| Net sales | 100 | 120 |\n"
        "| Fiscal Year Ended December 30, 2018 | First Quarter | Second Quarter |\n"
        "| Net sales | 90 | 95 |\n"
    )
    facts = [f for f in facts_of(text) if f.kind == "table"]
    assert {(f.metric, f.period, f.value) for f in facts} == {
        ("Net sales (First Quarter)", "2019", 100.0),
        ("Net sales (Second Quarter)", "2019", 120.0),
        ("Net sales (First Quarter)", "2018", 90.0),
        ("Net sales (Second Quarter)", "2018", 95.0),
    }
    assert {f.scale for f in facts} == {"thousand"}


def test_a_header_repeated_for_each_years_block_keys_the_rows_below_it() -> None:
    text = (
        "| | 2019 | | |\n|---|---|---|---|\n"
        "| | Fixed rate | Floating rate | Total |\n"
        "| Bank loans | — | 150 | 150 |\n| Bonds | 300 | — | 300 |\n"
        "| | 2018 | | |\n"
        "| | Fixed rate | Floating rate | Total |\n"
        "| Bank loans | — | 140 | 140 |\n| Bonds | 310 | — | 310 |\n"
    )
    assert cells(text, "Bank loans (Floating rate)") == {"2019": 150.0, "2018": 140.0}
    assert cells(text, "Bonds (Fixed rate)") == {"2019": 300.0, "2018": 310.0}
    dated = (
        "| | Twelve Weeks Ended | | Sixteen Weeks Ended |\n|---|---|---|---|\n"
        "| (in thousands) | November 20, 2010 | February 12, 2011 | August 27, 2011 |\n"
        "| Net sales | 1,791 | 1,660 | 2,641 |\n"
        "| | Twelve Weeks Ended | | Sixteen Weeks Ended |\n"
        "| (in thousands) | November 21, 2009 | February 13, 2010 | August 28, 2010 |\n"
        "| Net sales | 1,589 | 1,506 | 2,445 |\n"
    )
    facts = [f for f in facts_of(dated) if f.kind == "table"]
    assert {f.value: f.period for f in facts}[1589.0] == "2009"
    assert len({(f.metric, f.period) for f in facts}) == len(facts) == 6


def test_a_date_written_with_slashes_names_its_year() -> None:
    text = "| | 12/30/20 | 12/25/19 |\n|---|---|---|\n| Cash | 3,892 | 3,372 |\n"
    assert cells(text, "Cash") == {"2020": 3892.0, "2019": 3372.0}


def test_a_convenience_translation_column_is_a_group_the_main_currency_is_not() -> None:
    text = (
        "| | 2017 | 2018 | 2019 | 2019 |\n|---|---|---|---|---|\n"
        "| | RMB'000 | RMB'000 | RMB'000 | US$'000 |\n"
        "| Other staff costs | 239,372 | 239,726 | 225,921 | 32,452 |\n"
    )
    assert cells(text, "Other staff costs") == {
        "2017": 239372.0,
        "2018": 239726.0,
        "2019": 225921.0,
    }
    assert cells(text, "Other staff costs (US$'000)") == {"2019": 32452.0}


def test_a_currency_written_in_the_cells_is_the_columns() -> None:
    text = (
        "| | 2019 | | 2018 | |\n|---|---|---|---|---|\n"
        "| | Shares | Price | Shares | Price |\n"
        "| Outstanding | 45,827 | $ 59.45 | 50,372 | $ 53.01 |\n"
        "| Exercised | (6,476 ) | 41.10 | (7,708 ) | 38.73 |\n"
    )
    currency = {(f.metric, f.period): f.currency for f in facts_of(text)}
    assert currency[("Exercised (Price)", "2019")] == "USD"
    assert currency[("Outstanding (Price)", "2018")] == "USD"
    assert currency[("Exercised (Shares)", "2019")] == ""


def test_a_question_naming_the_currency_reads_that_column(tmp_path: Path) -> None:
    text = (
        "Staff costs\n\n| | 2018 | 2019 | 2019 |\n|---|---|---|---|\n"
        "| | RMB'000 | RMB'000 | US$'000 |\n| Total staff costs | 274,403 | 262,806 | 37,750 |\n"
    )
    assistant = briefs_in(tmp_path, {"staff.md": text})
    for question, number in (
        ("What was the total staff costs in 2019 in RMB?", 262806),
        ("What were total staff costs in 2019 in US dollars?", 37750),
    ):
        answer = assistant.ask(question)
        assert answer.value is not None and answer.value.number == number, answer.answer


def test_figures_in_pence_or_cents_are_figures() -> None:
    text = (
        "| | 2020 £m | 2019 £m |\n|---|---|---|\n| Revenue | 6,837.8 | 9,379.7 |\n"
        "| Dividends per share (pence) | 6.9p | 26.8p |\n| Dividend per share (cents) | 12c | 10c |\n"
    )
    assert cells(text, "Dividends per share (pence)") == {"2020": 6.9, "2019": 26.8}
    assert cells(text, "Dividend per share (cents)") == {"2020": 12.0, "2019": 10.0}
    pence = next(f for f in facts_of(text) if f.metric.startswith("Dividends"))
    assert (pence.currency, pence.scale) == ("", "")


SUM_LINES = (
    "| | 2023 | 2022 |\n|---|---|---|\n| | HK$ million | HK$ million |\n"
    "| Bank loans | | |\n| Short-term bank loans | | |\n"
    "| – floating rate | 2,100 | 1,800 |\n| – fixed rate | 600 | 400 |\n"
    "| Long-term bank loans | | |\n| – unsecured | 3,000 | 3,500 |\n| – secured | 1,200 | 1,000 |\n"
    "| | 6,900 | 6,700 |\n"
    "| Loan from a related company | 300 | 250 |\n"
    "| Notes payable | | |\n| – 4% notes due 2026 | 2,000 | 2,000 |\n"
    "| – 5% notes due 2029 | 1,500 | — |\n| | 3,500 | 2,000 |\n"
    "| Total | 10,700 | 8,950 |\n"
)


def test_an_unlabelled_sum_line_totals_the_section_its_figures_add_up_to() -> None:
    # 6,900 adds up the rows of both kinds of bank loan: it is the bank loans' total
    assert cells(SUM_LINES, "Total Bank loans") == {"2023": 6900.0, "2022": 6700.0}
    assert cells(SUM_LINES, "Total Notes payable") == {"2023": 3500.0, "2022": 2000.0}
    # a sum line closes its section: the rows below it stand under none
    assert cells(SUM_LINES, "Total") == {"2023": 10700.0, "2022": 8950.0}
    loan = next(f for f in facts_of(SUM_LINES) if f.metric == "Loan from a related company")
    assert loan.subject == ""


def test_a_sum_line_of_one_section_under_another_is_that_sections() -> None:
    text = (
        "| | 2023 |\n|---|---|\n| Assets: | |\n| Current: | |\n| Cash | 10 |\n"
        "| Receivables | 20 |\n| | 30 |\n| Non-current: | |\n| Plant | 50 |\n| | 50 |\n"
        "| Total assets | 80 |\n"
    )
    assert cells(text, "Total Current") == {"2023": 30.0}
    assert cells(text, "Total Non-current") == {"2023": 50.0}
    # one sum line is the table's "Total", its section its subject
    single = next(f for f in facts_of(text.replace("| | 50 |\n", "")) if f.value == 30.0)
    assert (single.metric, single.subject) == ("Total", "Current")


def test_a_balance_sheets_sections_close_at_the_totals_that_name_them() -> None:
    text = (
        "| | 2023 | 2022 |\n|---|---|---|\n| ASSETS | | |\n| Cash | 20 | 5 |\n"
        "| Deposits at banks | 15 | 4 |\n| Total cash and cash equivalents | 35 | 9 |\n"
        "| Securities: | | |\n| Trading | 6 | 5 |\n| Held to maturity | 300 | 370 |\n"
        "| Other assets | 14 | 15 |\n| TOTAL | 355 | 399 |\n| LIABILITIES | | |\n"
        "| Deposits: | | |\n| Interest bearing | 200 | 150 |\n| Non-interest bearing | 12 | 7 |\n"
        "| Total deposits | 212 | 157 |\n| Borrowings | 100 | 120 |\n"
        "| Total liabilities | 312 | 277 |\n"
    )
    # the last line adds up every asset, the cash through its own total
    assert cells(text, "TOTAL") == {"2023": 355.0, "2022": 399.0}
    # "Total deposits" closes the deposits: borrowings are a liability, not a deposit
    borrowings = next(f for f in facts_of(text) if f.metric == "Borrowings")
    assert borrowings.subject == "LIABILITIES"


def test_a_units_row_written_with_an_apostrophe() -> None:
    text = "| | 2020 | 2019 |\n|---|---|---|\n| | £'m | £'m |\n| Revenue | 1,667.2 | 1,437.1 |\n"
    fact = next(f for f in facts_of(text) if f.kind == "table")
    assert (fact.currency, fact.scale, fact.value) == ("GBP", "million", 1667.2)


def test_years_down_the_side_keep_their_other_rows_under_each_measure() -> None:
    """Below the years: a later-years row is a period of its own, a total or a discount is a
    row of each column's measure, not a figure "in" the column as if it were a year."""
    text = (
        "| In thousands | OPERATING | FINANCING |\n|---|---|---|\n| 2024 | $ 3,113 | $ 429 |\n"
        "| 2025 | 4,844 | 754 |\n| 2026 and thereafter | 307,665 | 83,404 |\n"
        "| Total undiscounted lease payments | 315,622 | 84,587 |\n| Discount | (239,286 ) | (68,966 ) |\n"
    )
    assert cells(text, "OPERATING") == {
        "2024": 3113.0,
        "2025": 4844.0,
        "2026 and thereafter": 307665.0,
    }
    assert cells(text, "Total undiscounted lease payments (FINANCING)") == {"": 84587.0}
    assert cells(text, "Discount (OPERATING)") == {"": -239286.0}


def test_a_sum_line_under_a_dated_section_is_not_named_by_the_date() -> None:
    text = (
        "| | USD | EUR |\n|---|---|---|\n| As at 31 December 2023 | | |\n| Assets, current | 27 | 2 |\n"
        "| Assets, non-current | 3 | 1 |\n| | 30 | 3 |\n| As at 31 December 2022 | | |\n"
        "| Assets, current | 18 | 1 |\n| Assets, non-current | 2 | 1 |\n| | 20 | 2 |\n"
    )
    assert not [f.metric for f in facts_of(text) if "December" in f.metric]
