from __future__ import annotations

import pytest

from assistant.facts.query import (
    expand_acronyms,
    pair_metrics,
    parse_question,
    rank_labels,
    spell_margin,
)

LABELS = ["Total Imports", "Imports from the United States", "Total Exports", "Exchange Rates"]
OTHER = ["Coffee Exports", "Price Index"]


def test_meaning_does_not_choose_between_one_rows_column_groups() -> None:
    """A sliver of similarity does not pick "Canada (%)" over "Canada ($)": both stay tied,
    for the words and the unit asked to settle."""
    labels = ["Canada ($)", "Canada (%)", "Peru ($)", "Peru (%)"]

    def similarity(question: str) -> dict[str, float]:
        return {"Canada ($)": 0.61, "Canada (%)": 0.62, "Peru ($)": 0.4, "Peru (%)": 0.41}

    ranked = rank_labels("total external revenues from Canada in 2019", labels,
                         similarity=similarity)  # fmt: skip
    assert {label for label, _ in ranked[:2]} == {"Canada ($)", "Canada (%)"}
    assert ranked[0][1] == ranked[1][1]


@pytest.mark.parametrize(
    ("question", "operation", "metrics", "periods"),
    [
        ("What were total exports in 2021?", "lookup", ("Total Exports",), ("2021",)),
        ("U.S. imports 2020 to 2024", "series", ("Imports from the United States",), ("2020", "2024")),
        ("How much did imports fall from 2020 to 2022?", "change", ("Total Imports",), ("2020", "2022")),
        ("What share of imports came from the U.S. in 2020?", "share",
         ("Imports from the United States", "Total Imports"), ("2020",)),
        ("What was the trade balance in 2022?", "difference", ("Total Exports", "Total Imports"), ("2022",)),
        ("Exports in 2023 in pesos", "convert", ("Total Exports",), ("2023",)),
        ("CAGR of total exports 2020-2024", "cagr", ("Total Exports",), ("2020", "2024")),
        ("Average exchange rate", "average", ("Exchange Rates",), ()),
        # Written for the table reader (issue 16): wording read as people mean it.
        ("What was the change in total exports in 2023 from 2021?", "change", ("Total Exports",), ("2023", "2021")),
        ("What is the difference in total exports between 2023 and 2021?", "difference",
         ("Total Exports",), ("2023", "2021")),
        ("What is the ratio of imports from the United States to total imports in 2022?", "ratio",
         ("Imports from the United States", "Total Imports"), ("2022",)),
        ("What were the total U.S. imports in 2021 and 2022?", "sum", ("Imports from the United States",), ("2021", "2022")),
        ("How many years did total exports exceed 8.5?", "count", ("Total Exports",), ()),
        ("Which year had higher total imports, 2021 or 2022?", "max", ("Total Imports",), ("2021", "2022")),
        ("What was the change (%) in total exports from 2021 to 2022?", "percent_change", ("Total Exports",), ("2021", "2022")),
    ],
)  # fmt: skip
def test_parse(question: str, operation: str, metrics: tuple, periods: tuple) -> None:
    query = parse_question(question, LABELS)
    assert query is not None
    assert (query.operation, query.metrics, query.periods) == (operation, metrics, periods)


def test_other_metrics_and_years_work_the_same() -> None:
    query = parse_question("How did coffee exports change from 2015 to 2017?", OTHER)
    assert query is not None
    assert (query.operation, query.metrics) == ("change", ("Coffee Exports",))


def test_three_years_are_a_list_not_a_range() -> None:
    query = parse_question("What were total exports in 2022, 2021 and 2020 respectively?", LABELS)
    assert query is not None and not query.is_range
    assert query.periods == ("2022", "2021", "2020")


def test_a_count_keeps_its_condition_with_its_scale() -> None:
    query = parse_question("How many years did total exports exceed $8,500 million?", LABELS)
    assert query is not None and query.condition is not None
    assert query.condition.holds(8.6, "billion") and not query.condition.holds(8.4, "billion")
    which = parse_question("In which years were total exports less than 8?", LABELS)
    assert which is not None and which.operation == "count" and which.which_period
    below = parse_question("In which year were total exports less than -3,000?", LABELS)
    assert below is not None and below.condition is not None and below.condition.bound == -3000
    for written in ("RMB500 thousand", "HK$500 thousand", "€500 thousand", "EUR 500 thousand"):
        coded = parse_question(f"In how many years did total exports exceed {written}?", LABELS)
        assert coded is not None and coded.condition is not None, written
        assert coded.condition.bound == 500 and coded.condition.scale == "thousand", written


def test_text_questions_are_not_figure_questions() -> None:
    assert parse_question("Who is the external auditor of total exports?", LABELS) is None
    assert parse_question("Who is Jorge Melendez?", LABELS) is None
    assert parse_question("What does Mexico import?", LABELS) is None


def test_acronyms_expand_only_to_label_words() -> None:
    assert expand_acronyms("U.S. imports and US$5", LABELS) == "United States imports and US$5"


def test_meaning_breaks_a_tie_when_words_are_unexplained() -> None:
    def similarity(question: str) -> dict[str, float]:
        return {"Total Imports": 0.6, "Imports from the United States": 0.82}

    ranked = rank_labels("imports from America in 2021", LABELS, similarity=similarity)
    assert ranked[0][0] == "Imports from the United States"
    assert rank_labels("imports in 2021", LABELS, similarity=similarity)[0][0] == "Total Imports"


@pytest.mark.parametrize(
    "question",
    [
        "What caused the interest expense to increase?",
        "What was the increase in free cash flow from 2018 to 2019 driven by?",
        "What is included in customer related costs?",
        "What does the recorded investment include?",
        "How is segment information presented?",
        "When did the group complete the buy-back?",
        "What was the main reason for the decline in EBITDA?",
        "What are the evaluation costs primarily related to?",
    ],
)
def test_questions_for_a_reason_a_content_a_method_or_a_date_are_not_figure_questions(
    question: str,
) -> None:
    assert parse_question(question, ["Interest expense", "Revenue", "EBITDA", "Costs"]) is None


@pytest.mark.parametrize(
    "question",
    [
        "What was the net income attributable to shareholders in 2019?",
        "What was the amount due to related parties in 2019?",
        "When was revenue highest?",
    ],
)
def test_labels_that_say_due_to_or_attributable_are_still_figures(question: str) -> None:
    labels = ["Net income attributable to shareholders", "Amount due to related parties", "Revenue"]
    assert parse_question(question, labels) is not None


def test_an_operation_word_inside_the_label_named_is_not_the_operation() -> None:
    labels = ["Basic weighted average common shares outstanding", "Revenue"]
    asked = "What was the basic weighted average common shares outstanding in 2018?"
    query = parse_question(asked, labels)
    assert query is not None and query.operation == "lookup"
    again = "What is the average basic weighted average common shares outstanding in 2018 and 2019?"
    query = parse_question(again, labels)
    assert query is not None and query.operation == "average"


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        ("How much higher were Western sales than Eastern sales in 2022?", "Western sales",
         "Eastern sales"),
        ("In 2024, how much more did the group spend on supplies than on rent?", "Supplies",
         "Rent"),
        ("By how much did Western sales exceed Eastern sales in 2022?", "Western sales",
         "Eastern sales"),
    ],
)  # fmt: skip
def test_how_much_more_x_than_y_is_a_difference_of_two_rows(
    question: str, first: str, second: str
) -> None:
    labels = ["Western sales", "Eastern sales", "Supplies", "Rent"]
    query = parse_question(question, labels)
    assert query is not None and query.operation == "difference"
    assert query.metrics == (first, second)


def test_how_many_of_the_years_is_a_count() -> None:
    query = parse_question(
        "From 2017 to 2019, how many of the years was revenue more than 5 million?", ["Revenue"]
    )
    assert query is not None and query.operation == "count"


def test_which_years_a_figure_was_calculated_asks_its_years() -> None:
    query = parse_question(
        "In which years was the amount of interest cost calculated?", ["Interest cost"]
    )
    assert query is not None and query.which_period


def test_a_date_said_in_words_does_not_call_on_meaning() -> None:
    """ "for the year ended December 31, 2018" names no label's missing words: the row
    written out wins over a longer one that meaning would favour."""
    labels = ["Cost of goods sold", "Total cost of goods sold", "Net sales"]

    def similarity(question: str) -> dict[str, float]:
        return {"Cost of goods sold": 0.7, "Total cost of goods sold": 0.8, "Net sales": 0.3}

    question = "What is the Cost of goods sold for year ended December 31, 2018?"
    assert rank_labels(question, labels, similarity=similarity)[0][0] == "Cost of goods sold"


def test_the_part_of_a_share_is_named_by_words_of_its_own() -> None:
    """The part row must be named by words the whole lacks, even when ranked first."""
    ranked = [("Imports from the United States", 1.2), ("Total Imports", 1.0)]
    question = "What share of imports are pharmaceuticals versus medical devices?"
    assert pair_metrics(question, "share", ranked) == ("Imports from the United States",)
    asked = "What share of imports came from the United States?"
    assert pair_metrics(asked, "share", ranked) == (
        "Imports from the United States",
        "Total Imports",
    )


def test_an_operation_word_next_to_an_inflected_word_of_the_label_is_the_label() -> None:
    """ "the average ending balance": "balance" sits beside "ending", a form of the label's
    "end", so it names the row "Balance at the end of the year"; the operation is the
    average, not a balance's difference."""
    labels = ["Balance at the end of the year", "Balance at the beginning of the year"]
    query = parse_question("What is the average ending balance for 2018 and 2019?", labels)
    assert query is not None and query.operation == "average"
    assert query.metrics == ("Balance at the end of the year",)


@pytest.mark.parametrize(
    ("question", "part", "whole"),
    [
        ("What is the percentage of cost of sales in revenue in 2019?", "Cost of sales",
         "Revenue"),
        ("What is the percentage constitution of depreciation in EBITDA in 2019?",
         "Depreciation", "EBITDA"),
        ("What is cost of sales as a percentage of revenue in 2019?", "Cost of sales",
         "Revenue"),
        ("What percentage of revenue was cost of sales in 2019?", "Cost of sales", "Revenue"),
        ("In 2019, cost of sales accounted for what percentage of revenue?", "Cost of sales",
         "Revenue"),
        ("What was the percentage of cost of sales over revenue in 2019?", "Cost of sales",
         "Revenue"),
    ],
)  # fmt: skip
def test_the_whole_of_a_share_follows_in_over_or_as_a_percentage_of(
    question: str, part: str, whole: str
) -> None:
    """ "the percentage of X in Y", "X over Y", "X as a percentage of Y": Y is the whole,
    though named second; "the percentage of Y (that) was X" names the whole first."""
    labels = ["Revenue", "Cost of sales", "EBITDA", "Depreciation"]
    query = parse_question(question, labels)
    assert query is not None and query.operation == "share"
    assert query.metrics == (part, whole)


@pytest.mark.parametrize(
    "question",
    [
        "What are the Spanish-language labeling requirements for imported medical products?",
        "What are the main obstacles for exporters?",
    ],
)
def test_what_are_the_x_asks_no_figure_when_no_row_is_an_x(question: str) -> None:
    """ "What are the labeling requirements for imported products?" names a row's word
    ("imported"), but what it asks for, requirements, is no row's: not a figure question."""
    assert parse_question(question, LABELS) is None


def test_what_were_the_x_is_a_figure_when_a_row_is_an_x() -> None:
    query = parse_question("What were the total imports from the United States?", LABELS)
    assert query is not None and query.metrics == ("Imports from the United States",)


@pytest.mark.parametrize(
    "question",
    [
        "What proportion of revenue was cost of sales in 2019?",
        "In 2019, what fraction of revenue came from cost of sales?",
        "What was cost of sales as a proportion of revenue in 2019?",
        "What is the ratio of cost of sales to revenue in 2019?",
    ],
)
def test_a_proportion_of_the_whole_is_part_over_whole(question: str) -> None:
    """ "What proportion of Y was X" names the whole first, "X as a proportion of Y" second;
    "the ratio of X to Y" is X over Y as written."""
    query = parse_question(question, ["Revenue", "Cost of sales", "EBITDA"])
    assert query is not None and query.operation == "ratio"
    assert query.metrics == ("Cost of sales", "Revenue")


def test_an_average_balance_is_an_average_not_a_difference() -> None:
    """ "balance" asks exports minus imports only when no other operation is asked:
    "the average computer equipment balance" is an average of that row."""
    labels = ["Computer equipment and software", "Furniture"]
    query = parse_question(
        "Average computer equipment and software balance across 2018 and 2019?", labels
    )
    assert query is not None and query.operation == "average"
    assert query.metrics == ("Computer equipment and software",)


def test_a_percent_sign_before_of_names_the_whole_after_it() -> None:
    labels = ["Notes payable", "Capital lease obligations", "Revenue"]
    query = parse_question("Notes payable as a % of capital lease obligations in 2019?", labels)
    assert query is not None and query.operation == "share"
    assert query.metrics == ("Notes payable", "Capital lease obligations")


def test_respectively_asks_each_years_figure_not_their_total() -> None:
    labels = ["Cost of goods sold", "Net sales"]
    query = parse_question(
        "What is the total cost of goods sold for 2018 and 2019 respectively?", labels
    )
    assert query is not None and query.operation == "series"


@pytest.mark.parametrize(
    ("question", "spelled"),
    [
        (
            "What was the gross profit margin in 2019?",
            "What was the Gross profit as a percentage of Net revenue in 2019?",
        ),
        (
            "What was the normalised operating profit margin for 2018?",
            "What was the Normalised operating profit as a percentage of Net revenue for 2018?",
        ),
    ],
)
def test_a_margin_is_a_profit_as_a_percentage_of_the_top_line(question: str, spelled: str) -> None:
    labels = ["Net revenue", "Gross profit", "Normalised operating profit", "Cost of revenue"]
    other = ["Total revenue (North)", "Tuition (North)"]  # another table's top line
    assert spell_margin(question, [labels, other]) == spelled


def test_a_margin_the_table_reports_or_no_single_top_line_is_left_alone() -> None:
    question = "What was the gross profit margin in 2019?"
    assert spell_margin(question, [["Revenue", "Gross profit", "Gross margin %"]]) == question
    assert spell_margin(question, [["Revenue", "Net sales", "Gross profit"]]) == question
    assert spell_margin(question, [["Gross profit", "Total assets"], ["Revenue"]]) == question


def test_a_count_of_years_a_figure_equals() -> None:
    query = parse_question("In how many years were total exports 8.4?", LABELS)
    assert query is not None and query.operation == "count" and query.condition is not None
    assert query.condition.holds(8.4, "") and not query.condition.holds(8.5, "")
    rate = parse_question("In how many years was the total exports 12.4%?", LABELS)
    assert rate is not None and rate.condition is not None and rate.condition.holds(12.4, "")


def test_a_proportion_is_of_two_rows_not_of_one_rows_two_currencies() -> None:
    labels = [
        "Total directors' remuneration",
        "Total directors' remuneration (US$'000)",
        "Total staff costs",
        "Total staff costs (US$'000)",
    ]
    query = parse_question(
        "What proportion of total staff costs in 2018 was directors' remuneration?", labels
    )
    assert query is not None
    assert query.metrics == ("Total directors' remuneration", "Total staff costs")


def test_share_based_is_a_kind_of_compensation_not_a_share() -> None:
    labels = ["Cost of revenue", "Research and development", "Total"]
    for question in (
        "What was the total share-based compensation expense in 2019?",
        "What was the total share based compensation in 2019?",
    ):
        query = parse_question(question, labels)
        assert query is not None and query.operation == "lookup", question


def test_a_balance_the_row_is_named_by_is_read_not_a_difference() -> None:
    labels = ["Net balance (Total)", "Acquisitions (Total)", "Foreign currency translation (Total)"]
    query = parse_question("What was the total net goodwill balance in 2012?", labels)
    assert query is not None and query.operation == "lookup", query
    assert query.metrics == ("Net balance (Total)",)
