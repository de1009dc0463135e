"""Figure questions as report readers ask them: an operation word inside a row's name, "per
share" (not a share), rows told apart only by short words, and shares within one row
(between its columns) or of the table's total row."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

REPORT = (
    "Annual report extract\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n"
    "| Share options outstanding | 6,209 | 6,230 |\n"
    "| Basic earnings per share (cents per share) | 206.2 | 132.6 |\n"
    "| Total (Amounts falling due within one year) | 1,150 | 1,020 |\n"
    "| Total (Amounts falling due after more than one year) | 3,439 | 2,480 |\n\n"
    "Receivables by age (in thousands):\n\n"
    "| | Current | 1-30 days | Total |\n|---|---|---|---|\n"
    "| Net receivables | 23,524 | 4,055 | 27,579 |\n\n"
    "Revenue by region (in millions):\n\n"
    "| Region | 2019 | 2018 |\n|---|---|---|\n"
    "| Canada | 120 | 100 |\n| Mexico | 80 | 60 |\n| Total | 200 | 160 |\n\n"
    "Contractual obligations:\n\n"
    "| (In thousands) | Total | 2020 | 2021-2022 | 2023-2024 |\n|---|---|---|---|---|\n"
    "| Operating leases | $14,940 | $4,143 | $7,111 | $3,686 |\n\n"
    "Interest:\n\n"
    "| | 2019 | 2018 | Change |\n|---|---|---|---|\n| Interest expense | 1,344 | 723 | 85.9% |\n\n"
    "Sales by customer:\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n| Original equipment manufacturers | 5,549 | 6,325 |\n\n"
    "Per share data:\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n| Diluted shares outstanding | 13,451 | 13,452 |\n"
    "| Net income per share: | | |\n| Diluted | $0.34 | $0.32 |\n\n"
    "Equity:\n\n"
    "| | 2019 | | 2018 | |\n|---|---|---|---|---|\n| | M | $M | M | $M |\n"
    "| Contributed equity | 1,200 | 5,828 | 1,250 | 6,055 |\n"
    "| Defined contribution schemes | 166 | 10 | 150 | 9 |\n"
    "| Defined benefit schemes | 57 | 4 | 60 | 5 |\n\n"
    "Emissions and other items:\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n| Emissions from: | | |\n"
    "| Combustion of fuel (Scope 1) | 144.7 | 137.2 |\n"
    "| Purchased electricity (Scope 2) | 4,641.0 | 4,950.4 |\n"
    "| Interest expense, interest income and other income, net | 503 | 480 |\n"
    "| Granted during the period | 1,001.1 | 907.3 |\n\n"
    "Bookings and cash:\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n| Net bookings | $6,388 | $7,262 |\n"
    "| In-game net bookings | $3,366 | $4,203 |\n"
    "| Net cash provided by operating activities | 115,549 | 90,253 |\n\n"
    "Our cash flows from operating activities are influenced by our growth and our "
    "investments in headcount.\n\n"
    "Deferred taxes:\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n| Deferred tax assets: | | |\n"
    "| Net operating losses | 553 | 577 |\n| Tax credits | 120 | 98 |\n"
    "| Accrued warranty | 45 | 40 |\n| Deferred tax liabilities: | | |\n"
    "| Deferred revenue (current) | 4,483 | 5,101 |\n| Deferred revenue (long-term) | 3,444 | 3,707 |\n"
    "| Depreciation | (60) | (55) |\n\n"
    "Original equipment manufacturers are the end customers to which the company provides "
    "application engineering support.\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("report"), {"report.md": REPORT})


@pytest.mark.parametrize(
    ("question", "number"),
    [
        # "share" is in the row's name; "change" still asks the operation
        ("What was the change in share options outstanding from 2018 to 2019?", -21),
        # "per share" is not a share of anything
        ("What is the difference in basic earnings per share between 2018 and 2019?", 73.6),
        # the two rows differ only by words BM25 drops ("after more than", "within")
        ("What is the total amount falling due after more than one year in 2019?", 3439),
        ("What is the total amount falling due within one year in 2018?", 1020),
        # a share between two columns of one row: the total column is the whole
        ("What percentage of total net receivables are current net receivables?", 85.3),
        # a share of one named row: the whole is its table's total row
        ("What share of revenue came from Canada in 2019?", 60),
        # a column keyed by a span of years, named as written
        ("What was the change in operating leases from 2020 to 2021-2022?", 2968),
        # a row named by its section and its label ("Net income per share:" over "Diluted")
        ("What was diluted net income per share in 2019?", 0.34),
        # a column group written as the question ends ("in terms of $M?")
        ("What is the average contributed equity for 2018 and 2019 in terms of $M?", 5941.5),
        # a year said twice is one year: two rows compared in it
        (
            "What is the difference between 2019 defined contribution schemes (M) and 2019 "
            "defined benefit schemes (M)?",
            109,
        ),
        # what a row measures may come first ("Granted" during the period)
        ("What was the change in the number of shares granted in 2019 from 2018?", 93.8),
        # a row's name holding "and" is one row, not two to compare
        ("What was the interest expense, interest income and other income in 2018?", 480),
        # two rows named in full, one inside the other's name
        ("What was the sum of net bookings and in-game net bookings in 2019?", 9754),
        # a total of two rows matched alike, neither a total: their sum
        ("What was the total deferred revenue in 2019?", 7927),
        # no year named: the years the row holds, not its "Change" column
        ("What was the average interest expense?", 1033.5),
    ],
)
def test_report_questions(report: Assistant, question: str, number: float) -> None:
    answer = report.ask(question)
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number, abs=0.05), answer.answer


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("What was the % change in net bookings from 2018 to 2019?", -12.04),
        ("How did net bookings change in percentage terms from 2018 to 2019?", -12.04),
        ("In percentage terms, how did in-game net bookings move from 2018 to 2019?", -19.91),
        (
            "By how much did net cash provided by operating activities go up in 2019 compared "
            "with 2018?",
            25296,
        ),
        ("How much higher was interest expense in FY2019 than in FY2018?", 621),
        ("By how much was interest expense higher in 2019 than in 2018?", 621),
        ("How many more shares were granted during the period in 2019 than in 2018?", 93.8),
        ("What was net bookings on average across FY2019 and FY2018?", 6825),
        ("On average, what was interest expense across fiscal 2018 and 2019?", 1033.5),
        ("Combined, what were net operating losses plus tax credits in 2019?", 673),
        (
            "What is deferred revenue (current) divided by deferred revenue (long-term) in 2019?",
            1.3017,
        ),
        # a second paraphrase set's wordings
        ("How much did net bookings slip from 2018 to 2019?", -874),
        ("By how much did interest expense jump in 2019 vs 2018?", 621),
        ("How much did net cash provided by operating activities climb from 2018 to 2019?", 25296),
        ("What's the net bookings delta from 2018 to 2019?", -874),
        ("Interest expense averaged over 2018 and 2019?", 1033.5),
        ("Net bookings for 2019 and 2018 added together?", 13650),
        ("Net operating losses in 2019 and 2018, summed?", 1130),
        ("Canada revenue as a % of total revenue in 2019?", 60),
        ("Tax credit proceeds as a % of 2019 net operating losses?", 21.7),
        ("Revenue growth of Canada from 2018 to 2019, in %?", 20),
        ("Tax credits - by what % did they change from 2018 to 2019?", 22.45),
        ("In how many years did interest expense top 1,000?", 1),
        ("Net bookings, mean over FY2018-FY2019?", 6825),
        ("What was NOL in 2019?", 553),
        ("The interest expense line, averaged over 2018 and 2019?", 1033.5),
        ("What was the interest expense line total in 2019?", 1344),
        # a fifth set's wordings: abbreviations, "minus", "less", "movement", "+"
        ("avg net bookings, FY2019 and FY2018?", 6825),
        ("Interest expense: FY2019 minus FY2018?", 621),
        ("Net bookings, 2019 figure less 2018 figure?", -874),
        ("Net bookings - what's the movement from 2018 to 2019?", -874),
        ("Interest expense uplift FY2019 over FY2018?", 621),
        (
            "How much did net cash provided by operating activities grow in 2019 vs 2018, "
            "in dollars?",
            25296,
        ),
        ("Deferred revenue, current + long-term, in 2019?", 7927),
        # the subject of "did the firm report" is no kind of figure, though no brief says "firm"
        ("How much interest expense did the firm report in 2019?", 1344),
    ],
)
def test_report_questions_worded_another_way(
    report: Assistant, question: str, number: float
) -> None:
    """The same operations asked as other analysts word them (issue 16's paraphrase set):
    "% change", "in percentage terms", "go up", "how much higher ... than", "FY2019",
    "on average across", "plus", "divided by"."""
    answer = report.ask(question)
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number, abs=0.05), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Which region had the highest revenue in 2019?",
        "In the year ended December 31, 2019, which region generated the most revenue?",
    ],
)
def test_which_row_is_highest_is_answered_with_the_row(report: Assistant, question: str) -> None:
    answer = report.ask(question)
    assert answer.value is not None and answer.value.text == "Canada", answer.answer


def test_a_caption_or_bare_heading_is_never_the_answer(report: Assistant) -> None:
    answer = report.ask("What was the annual report extract about?")
    quoted = {c.text for c in answer.citations} if answer.kind == "passage" else set()
    assert not quoted & {"Annual report extract", "Contractual obligations:", "Interest:"}


def test_what_is_x_asks_what_x_is_not_its_figures(report: Assistant) -> None:
    answer = report.ask("What are original equipment manufacturers?")
    assert answer.kind == "passage", answer.answer
    assert "end customers" in answer.answer
    clause = report.ask(
        "What were the company's cash flows from operating activities influenced by?"
    )
    assert clause.kind == "passage" and "our growth" in clause.answer, clause.answer
    named = report.ask("What were the original equipment manufacturers sales?")
    assert named.kind == "fact", named.answer


@pytest.mark.parametrize(
    "question",
    [
        "What is the definition of original equipment manufacturers?",
        "What is the meaning of original equipment manufacturers?",
        'What is the definition of the term "original equipment manufacturers"?',
    ],
)
def test_the_definition_of_x_asks_what_x_is(report: Assistant, question: str) -> None:
    # "definition" frames the question, as "name" does: the sentence saying what X is answers
    answer = report.ask(question)
    assert answer.kind == "passage", answer.answer
    assert "end customers" in answer.answer, answer.answer


def test_a_row_named_by_its_section_and_qualifier_answers(report: Assistant) -> None:
    # "Emissions from:" over "Combustion of fuel (Scope 1)": the question names both
    answer = report.ask("In which year were the Scope 1 emissions larger?")
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None and answer.value.text == "2019"


def test_how_many_items_a_table_lists_is_counted_and_each_cited(report: Assistant) -> None:
    answer = report.ask("How many components are there under deferred tax assets?")
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None and answer.value.number == 3, answer.answer
    assert [c.text for c in answer.citations][:3] == [
        "| Net operating losses | 553 | 577 |",
        "| Tax credits | 120 | 98 |",
        "| Accrued warranty | 45 | 40 |",
    ]


def test_non_current_is_not_current(tmp_path: Path) -> None:
    brief = (
        "Monetary items\n\n"
        "| | USD denominated | Non-USD denominated |\n|---|---|---|\n"
        "| Monetary assets, current | 27,728 | 2,899 |\n"
        "| Monetary assets, non-current | 373 | 1,020 |\n"
    )
    assistant = briefs_in(tmp_path, {"items.md": brief})
    answer = assistant.ask("What was the amount of non-USD denominated current monetary assets?")
    assert answer.value is not None and answer.value.number == 2899, answer.answer
    answer = assistant.ask("What was the amount of USD denominated noncurrent monetary assets?")
    assert answer.value is not None and answer.value.number == 373, answer.answer


MOVEMENTS = (
    "Movement of investments\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n"
    "| At beginning of the year | 97,877 | 95,497 |\n"
    "| Additions | 44,618 | 60,807 |\n"
    "| Transfers | (1,421) | (78,816) |\n"
    "| At end of the year | 135,936 | 97,877 |\n"
)


@pytest.mark.parametrize(
    ("question", "number"),
    [
        # "year end" says when, not which row
        ("How much is the change in transfers between 2018 year end and 2019 year end?", 77395),
        ("What were the additions at the end of 2019?", 44618),
        # the row named by those words still answers
        ("What were the investments at the end of the year in 2019?", 135936),
    ],
)
def test_a_year_end_names_the_period_not_a_row(
    tmp_path: Path, question: str, number: float
) -> None:
    answer = briefs_in(tmp_path, {"movements.md": MOVEMENTS}).ask(question)
    assert answer.value is not None and answer.value.number == number, answer.answer


def test_year_end_words_still_tell_tied_rows_apart(tmp_path: Path) -> None:
    brief = (
        "Goodwill\n\n| (in million) | January 31, 2019 | January 31, 2018 |\n|---|---|---|\n"
        "| Goodwill, beginning of the year | $1,769.4 | $1,710.3 |\n"
        "| Additions arising from acquisitions during the year | 866.9 | 12.0 |\n"
        "| Goodwill, end of the year | $2,450.8 | $1,620.2 |\n"
    )
    answer = briefs_in(tmp_path, {"goodwill.md": brief}).ask(
        "What was the goodwill at the end of 2018?"
    )
    assert answer.value is not None and answer.value.number == 1620.2, answer.answer


REGIONS = (
    "Revenue by region\n\n|  | Years ended |  |  |  |\n|---|---|---|---|---|\n"
    "|  | December 31, 2019 |  | December 31, 2018 |  |\n|  | $ | % | $ | % |\n"
    "| Canada | 96,168 | 6.1% | 70,774 | 6.6% |\n"
    "| United States | 1,079,520 | 68.4% | 755,454 | 70.4% |\n"
    "|  | 1,175,688 | 74.5% | 826,228 | 77.0% |\n"
)


@pytest.mark.parametrize(
    ("question", "number"),
    [
        # "total" describes the figure asked of a row the question names, not the Total row
        ("What were the total revenues from Canada in 2019?", 96168),
        ("What were the total revenues in the United States in 2018?", 755454),
        # the Total row is still the answer when no other row is named
        ("What were the total revenues in 2019?", 1175688),
    ],
)
def test_total_describing_a_named_row_is_that_row(
    tmp_path: Path, question: str, number: float
) -> None:
    answer = briefs_in(tmp_path, {"regions.md": REGIONS}).ask(question)
    assert answer.value is not None and answer.value.number == number, answer.answer


@pytest.mark.parametrize("before", [True, False])
def test_the_sentence_introducing_a_table_says_what_its_rows_measure(
    tmp_path: Path, before: bool
) -> None:
    # Reports say what a table holds in a sentence before it (or, as TAT-QA's contexts are
    # written, among the paragraphs after it): its words are the rows' words too.
    intro = "The following table presents total external revenues by geographic location.\n\n"
    table = REGIONS.split("\n\n", 1)[1]
    brief = "Revenue by region\n\n" + (intro + table if before else table + "\n" + intro)
    answer = briefs_in(tmp_path, {"regions.md": brief}).ask(
        "What were the total external revenues from Canada in 2019?"
    )
    assert answer.value is not None and answer.value.number == 96168, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "What are the items under deferred tax assets?",
        "Which line items fall under deferred tax assets?",
        "List the items under deferred tax assets.",
        "What's listed under deferred tax assets?",
    ],
)
def test_the_items_under_a_section_asked_another_way(report: Assistant, question: str) -> None:
    """ "Which line items fall under X?" asks the section's rows ("fall under" belongs to,
    not a fall); "List the items under X", "What's listed under X?" too."""
    answer = report.ask(question)
    assert answer.value is not None, answer.answer
    assert answer.value.text == "Net operating losses; Tax credits; Accrued warranty", answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "What mainly drove the rise in net bookings?",
        "What gives rise to the deferred tax liabilities?",
    ],
)
def test_a_question_for_a_cause_is_not_a_figure_question(report: Assistant, question: str) -> None:
    assert report.ask(question).kind != "fact"


def test_an_adverb_the_briefs_never_use_is_not_a_kind_of_figure(report: Assistant) -> None:
    """ "still" and "roughly" qualify the verb, not the figure: no "hold no figures for
    'still'" refusal, and no row chosen by meaning for them."""
    answer = report.ask("What were net bookings still at in 2019?")
    assert answer.kind == "fact" and answer.value is not None, answer.answer
    assert answer.value.number == 6388
    answer = report.ask("What were net bookings in 2019, roughly?")
    assert answer.value is not None and answer.value.number == 6388, answer.answer


RECEIVABLES = (
    "Receivables (in thousands)\n\n"
    "| | Accounts Receivable, Gross | Allowance for Losses | Accounts Receivable, Net |\n"
    "|---|---|---|---|\n"
    "| December 31, 2019 | | | |\n"
    "| Transaction related | $12,863 | $(238) | $12,625 |\n"
    "| Servicing related | 6,868 | — | 6,868 |\n"
    "| Total | $19,731 | $(238) | $19,493 |\n"
    "| December 31, 2018 | | | |\n"
    "| Transaction related | $14,704 | $(168) | $14,536 |\n"
    "| Servicing related | 864 | — | 864 |\n"
    "| Total | $15,568 | $(168) | $15,400 |\n\n"
    "Restricted stock:\n\n"
    "| | 2019 | | 2018 | |\n|---|---|---|---|---|\n"
    "| | Number of Shares | Weighted Average Grant Date Fair Value | Number of Shares "
    "| Weighted Average Grant Date Fair Value |\n"
    "| Shares vested | 198,500 | $31.20 | 207,190 | $27.75 |\n\n"
    "Deferred tax assets:\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n"
    "| Equity-based compensation | 1,200 | 970 |\n"
    "| Total deferred tax assets | 5,000 | 4,000 |\n"
)


@pytest.fixture(scope="module")
def receivables(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("receivables"), {"receivables.md": RECEIVABLES})


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("How many years did the total net accounts receivable exceed $15,000 thousand?", 2),
        ("What was the total gross accounts receivable in 2018?", 15568),
        ("What was the net accounts receivable of servicing related in 2019?", 6868),
        # "average" asks the operation: it names no group ("Weighted Average ...")
        ("What is the average number of shares vested between 2018 and 2019?", 202845),
    ],
)
def test_a_column_group_is_chosen_by_its_words_in_any_order(
    receivables: Assistant, question: str, number: float
) -> None:
    """Rows read in column groups ("Total (Accounts Receivable, Net)") are told apart by the
    group's words wherever the question puts them ("the total net accounts receivable")."""
    answer = receivables.ask(question)
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None and answer.value.number == pytest.approx(number), answer.answer


@pytest.mark.parametrize(
    ("question", "number"),
    [
        # a bound's scale abbreviated: $19m is 19,000 thousand
        ("How many years did total net accounts receivable top $19m?", 1),
        # a word no brief writes, the start of one word the tables use
        ("Equity-based comp growth 2018->2019 in %?", 23.71),
        ("Equity-based comp deferred tax assets in 2019?", 1200),
        # an acronym in the plural
        ("What were total DTAs in 2019?", 5000),
    ],
)
def test_abbreviations_name_the_row_and_the_bound(
    receivables: Assistant, question: str, number: float
) -> None:
    """Wordings of a fifth paraphrase set: "$19m", "comp", "DTAs"."""
    answer = receivables.ask(question)
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number, abs=0.01), answer.answer


SHARES = (
    "Earnings per share\n\n"
    "| | 2019 | 2018 | 2017 |\n|---|---|---|---|\n"
    "| Net income | 2,191 | 2,380 | 1,697 |\n"
    "| Basic average shares outstanding | 152,478 | 161,643 | 162,222 |\n"
    "| Diluted average shares outstanding | 159,915 | 180,782 | 183,770 |\n"
)


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("In which year was diluted average shares outstanding the highest?", "2017"),
        ("Which year had the lowest basic average shares outstanding?", "2019"),
    ],
)
def test_which_year_is_highest_of_a_row_named_with_an_operation_word(
    tmp_path: Path, question: str, year: str
) -> None:
    # "average" names the row; "highest" is what is asked of it
    answer = briefs_in(tmp_path, {"shares.md": SHARES}).ask(question)
    assert answer.kind == "fact", answer.answer
    assert f"in {year}" in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "What is the respective revenue from Canada in 2019 and 2018?",
        "What was the revenue from Canada in 2019 and 2018, respectively?",
    ],
)
def test_respective_asks_for_each_figure_in_order(report: Assistant, question: str) -> None:
    # "respective" says how to give the figures, not which row they are of
    answer = report.ask(question)
    assert answer.kind == "fact", answer.answer
    assert "120" in answer.answer and "100" in answer.answer, answer.answer
