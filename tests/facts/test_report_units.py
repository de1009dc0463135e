"""Units and column groups of report tables as annual reports write them: rate words that
are not rates, group headers beside period columns, header cells split over two rows, and
a scale the prose states or quotes."""

from __future__ import annotations

from assistant.facts.units import PERCENT_LABEL, RATE_LABEL
from tests.facts.test_table import facts_of


def by_metric(text: str) -> dict[str, list[tuple[str, float, str, str]]]:
    out: dict[str, list[tuple[str, float, str, str]]] = {}
    for f in facts_of(text):
        if f.kind == "table":
            out.setdefault(f.metric, []).append((f.period, f.value, f.unit, f.scale))
    return out


def test_a_rate_word_names_a_rate_only_as_the_labels_head() -> None:
    for label in ("Market share", "Share of exports", "Growth (%)", "Annual growth"):
        assert PERCENT_LABEL.search(label), label
    for label in ("Effective tax rate", "Rate of return", "Basic earnings per share"):
        assert RATE_LABEL.search(label) and not PERCENT_LABEL.search(label), label
    for label in ("Share options outstanding", "Interest rate swaps", "Growth capital"):
        assert not RATE_LABEL.search(label), label


def test_an_amount_at_a_rate_keeps_the_columns_dollars() -> None:
    text = (
        "| | 2019 | 2018 |\n|---|---|---|\n| | $ in millions | $ in millions |\n"
        "| Amount computed at the statutory federal income tax rate | 182 | 128 |\n"
        "| Effective tax rate | 21.5 | 20.9 |\n"
    )
    facts = by_metric(text)
    assert facts["Amount computed at the statutory federal income tax rate"][0][2:] == (
        "USD millions",
        "million",
    )
    assert facts["Effective tax rate"][0][2:] == ("", "")


def test_share_options_and_swaps_are_amounts_in_the_stated_scale() -> None:
    text = (
        "| | 2019 | 2018 |\n|---|---|---|\n"
        "| Share options outstanding | 6,209 | 6,230 |\n"
        "| Interest rate swaps | 9,196 | 49,891 |\n"
        "| Basic earnings per share | 1.25 | 1.10 |\n\n"
        "The following shares were excluded from the calculation (in thousands):\n"
    )
    facts = by_metric(text)
    assert facts["Share options outstanding"][0][2:] == ("thousands", "thousand")
    assert facts["Interest rate swaps"][0][2:] == ("thousands", "thousand")
    assert facts["Basic earnings per share"][0][2:] == ("", "")


def test_a_group_header_does_not_spread_onto_a_period_column_beside_it() -> None:
    text = (
        "| Year Ended May 31, | | | | |\n|---|---|---|---|---|\n"
        "| | | | Percent Change | |\n"
        "| (Dollars in millions) | 2019 | Actual | Constant | 2018 |\n"
        "| Interest expense | $2,082 | 3% | 3% | $2,025 |\n"
    )
    periods = {p: (unit, scale) for p, _, unit, scale in by_metric(text)["Interest expense"]}
    assert periods["2018"] == periods["2019"] == ("USD millions", "million")
    assert periods["Constant"] == ("%", "")


def test_a_header_cell_split_over_two_rows_is_one_key_not_a_group() -> None:
    text = (
        "| | Balance at Beginning of | | |\n|---|---|---|---|\n"
        "| | Period (1/1/19) | Increase / (Decrease) | Balance at End of Period |\n"
        "| Year Ended December 31, 2019 | | | |\n"
        "| Accounts receivable | $90,831 | $7,117 | $97,948 |\n"
    )
    assert sorted(by_metric(text)) == [
        "Accounts receivable (Balance at Beginning of Period (1/1/19))",
        "Accounts receivable (Balance at End of Period)",
        "Accounts receivable (Increase / (Decrease))",
    ]


def test_a_scale_stated_for_one_kind_of_figure_is_not_the_tables() -> None:
    text = (
        "| | 2019 | 2018 |\n|---|---|---|\n| Net income | $1,887.8 | $1,236.4 |\n\n"
        "Tabular amounts in millions, unless otherwise disclosed.\n\n"
        "The computation is as follows (shares in thousands, except per share data):\n"
    )
    assert by_metric(text)["Net income"][0][3] == "million"


def test_of_several_stated_scales_the_one_introducing_a_table_counts() -> None:
    text = (
        "| | 2019 | 2018 |\n|---|---|---|\n| Deferred revenue | 4,483 | 5,101 |\n\n"
        "Bonds of $2.0 billion were issued; amounts in millions are rounded.\n\n"
        "The balances are as follows (in thousands):\n"
    )
    assert by_metric(text)["Deferred revenue"][0][3] == "thousand"


def test_prose_quoting_a_cell_with_its_scale_gives_the_table_its_scale() -> None:
    text = (
        "| | 2019 | 2018 |\n|---|---|---|\n"
        "| Selling, general and administrative | $24.9 | $33.5 |\n"
        "| Depreciation and amortization | 0.1 | 0.1 |\n"
        "| Gross margin (%) | 41.2 | 40.8 |\n\n"
        "Selling, general and administrative expense decreased to $24.9 million.\n"
    )
    facts = by_metric(text)
    assert facts["Depreciation and amortization"][0][3] == "million"
    assert facts["Selling, general and administrative"][0][3] == "million"
    assert facts["Gross margin (%)"][0][2:] == ("%", "")


def test_a_quoted_figure_in_two_scales_gives_no_scale() -> None:
    text = (
        "| | 2019 | 2018 |\n|---|---|---|\n| Revenue | 24.9 | 33.5 |\n| Costs | 12.0 | 9.0 |\n\n"
        "Revenue was $24.9 million, and a grant of $12.0 billion was received.\n"
    )
    assert by_metric(text)["Revenue"][0][3] == ""


def test_an_amount_per_share_is_not_a_percent_and_000s_is_thousands() -> None:
    text = (
        "| | 2018 | 2017 |\n|---|---|---|\n"
        "| Basic net income per common share | 2.79 | 2.69 |\n"
        "| Gross profit | $ 22,149 | $ 25,858 |\n\n"
        "Comparison of Year Ended December 31, 2018 to Year Ended December 31, 2017 (in 000’s)\n"
    )
    facts = by_metric(text)
    assert facts["Basic net income per common share"][0][2:] == ("", "")
    assert facts["Gross profit"][0][3] == "thousand"


def test_rows_under_a_per_share_section_take_no_scale() -> None:
    text = (
        "| (In millions, except per share data) | 2019 | 2018 |\n|---|---|---|\n"
        "| Net income | 4,566 | 4,274 |\n"
        "| Net income per share: | | |\n| Basic | $0.34 | $0.32 |\n| Diluted | $0.33 | $0.31 |\n"
    )
    facts = by_metric(text)
    assert facts["Net income"][0][3] == "million"
    assert facts["Basic"][0][3] == "" and facts["Diluted"][0][3] == ""


def test_a_stated_scale_skips_rows_under_a_per_share_section() -> None:
    text = (
        "| | 2019 | 2018 |\n|---|---|---|\n| Net income | 4,566 | 4,274 |\n"
        "| Net income per share: | | |\n| Basic | 0.34 | 0.32 |\n\n"
        "Amounts in millions.\n"
    )
    facts = by_metric(text)
    assert facts["Net income"][0][3] == "million"
    assert facts["Basic"][0][3] == ""


def test_a_column_of_years_holds_years_not_amounts() -> None:
    text = (
        "| (dollars in thousands) | Last Fiscal Year of Expiration | Amount |\n|---|---|---|\n"
        "| Domestic–federal | 2029 | $39,784 |\n"
    )
    facts = {p: (v, unit, scale) for p, v, unit, scale in by_metric(text)["Domestic–federal"]}
    assert facts["Last Fiscal Year of Expiration"] == (2029.0, "year", "")
    assert facts["Amount"][2] == "thousand"
    from assistant.facts.units import format_value

    assert format_value(2029.0, currency="", scale="", unit="year") == "2029"


def test_a_scale_stated_for_shares_is_the_share_rows_scale() -> None:
    text = (
        "| | 2019 | 2018 |\n|---|---|---|\n| Net income | $1,887.8 | $1,236.4 |\n"
        "| Basic weighted average common shares outstanding | 441,269 | 439,606 |\n"
        "| Basic net income per common share | 4.25 | 2.79 |\n\n"
        "Tabular amounts in millions, unless otherwise disclosed.\n\n"
        "The computation is as follows (shares in thousands, except per share data):\n"
    )
    facts = by_metric(text)
    assert facts["Net income"][0][3] == "million"
    assert facts["Basic weighted average common shares outstanding"][0][3] == "thousand"
    assert facts["Basic net income per common share"][0][3] == ""


def test_years_down_the_side_and_measures_across() -> None:
    text = (
        "| | Operating Leases | Finance Leases |\n|---|---|---|\n"
        "| 2021 | $138 | $6 |\n| 2022 | 135 | 6 |\n| Thereafter | 577 | 35 |\n"
        "| Total future minimum lease payments | 1,134 | 68 |\n\n"
        "Amounts in millions.\n"
    )
    facts = by_metric(text)
    assert [(p, v) for p, v, _, _ in facts["Operating Leases"][:2]] == [
        ("2021", 138.0),
        ("2022", 135.0),
    ]
    assert [(p, v) for p, v, _, _ in facts["Finance Leases"][:2]] == [("2021", 6.0), ("2022", 6.0)]


def test_a_scale_the_table_introduction_states_for_the_table() -> None:
    text = (
        "| | Operating leases | Finance leases |\n|---|---|---|\n"
        "| 2026 | $138 | $6 |\n| 2027 | 135 | 6 |\n\n"
        "The following represents future minimum lease payments (table in millions):\n"
    )  # the sentence after the table, as report extracts often give it
    facts = by_metric(text)
    assert {scale for rows in facts.values() for *_, scale in rows} == {"million"}, facts


def test_a_scale_expressed_with_a_currency_code() -> None:
    text = (
        "| | 2019 | 2018 |\n|---|---|---|\n| Canada | 96,168 | 70,774 |\n\n"
        "Expressed in US $000's except share and per share amounts\n"
    )
    assert by_metric(text)["Canada"][0][3] == "thousand"
