"""Questions over a row's column groups, as report readers ask them of quarterly and
segment tables: which quarter or segment is highest, in how many quarters a figure passed
a mark, a year's total over its quarters. From the shapes of `eval/tatqa-new/`; the
tables here are our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in
from tests.facts.test_report_blocks import SUM_LINES

QUARTERS = (
    "Quarterly results\n\n"
    "| | First Quarter | Second Quarter | Third Quarter | Fourth Quarter |\n"
    "|---|---|---|---|---|\n"
    "| | (in thousands) | | | |\n"
    "| Fiscal Year 2019 | | | | |\n"
    "| Total revenue | $ 604,500 | $ 657,500 | $ 668,000 | $ 691,000 |\n"
    "| Gross profit | 211,700 | 238,100 | 246,100 | 262,300 |\n"
    "| Operating income | 69,800 | 79,700 | 92,800 | 108,700 |\n"
    "| Net income | 55,100 | 43,700 | 72,800 | 80,300 |\n"
    "| Earnings per share — Basic | $ 1.14 | $ 0.90 | $ 1.49 | $ 1.64 |\n"
    "| Earnings per share — Diluted | $ 1.11 | $ 0.88 | $ 1.46 | $ 1.61 |\n"
    "| Fiscal Year 2018 | | | | |\n"
    "| Total revenue | $ 494,000 | $ 585,300 | $ 585,200 | $ 601,500 |\n"
    "| Operating income | 67,800 | 76,700 | 84,300 | 102,400 |\n"
    "| Net income | 52,600 | 53,700 | 60,300 | 59,600 |\n"
)
SEGMENTS = (
    "Revenue by segment\n\n"
    "The table shows revenue by reportable segment (in thousands).\n\n"
    "| | North | South | West | Total |\n|---|---|---|---|---|\n"
    "| 2019 | | | | |\n"
    "| Tuition | $ 333,700 | $ 448,900 | $ 63,600 | $ 846,200 |\n"
    "| Discounts | (139,000 ) | (48,700 ) | (5,000 ) | (192,700 ) |\n"
    "| Net revenue | $ 194,700 | $ 400,200 | $ 58,600 | $ 653,500 |\n"
    "| 2018 | | | | |\n"
    "| Tuition | $ 343,100 | $ 441,000 | $ 63,100 | $ 847,200 |\n"
    "| Discounts | (120,400 ) | (52,800 ) | (4,800 ) | (178,000 ) |\n"
    "| Net revenue | $ 222,700 | $ 388,200 | $ 58,300 | $ 669,200 |\n"
)

OPTIONS = (
    "Stock options\n\n"
    "| | 2019 | | 2018 | |\n|---|---|---|---|---|\n"
    "| | Shares | Weighted- Average Exercise Price | Shares | Weighted- Average Exercise Price |\n"
    "| Outstanding at beginning of year | 45,827 | $ 59.45 | 50,372 | $ 53.01 |\n"
    "| Exercised | (6,476 ) | $ 41.10 | (7,708 ) | $ 38.73 |\n"
    "| Outstanding at end of year | 43,375 | $ 65.03 | 45,827 | $ 59.45 |\n"
)

LEVELS = (
    "Fair value hierarchy\n\n"
    "The following table presents our assets measured at fair value as of December 31, 2019 "
    "(in thousands).\n\n"
    "| | Level 1 | Level 2 | Total |\n|---|---|---|---|\n"
    "| Money market funds | $ 486,900 | $ — | $ 486,900 |\n"
    "| Corporate notes and bonds | — | 1,661,300 | 1,661,300 |\n"
    "| Certificates of deposit | — | 38,000 | 38,000 |\n"
)
SUMMARY = (
    "Five-year summary\n\n"
    "| | 2019 | 2018 | 2017 |\n|---|---|---|---|\n| | £m | £m | £m |\n"
    "| Normalised | | | |\n| Revenue | 2,744.4 | 2,450.7 | 2,321.2 |\n"
    "| Operating profit | 295.3 | 257.7 | 241.5 |\n"
    "| Statutory | | | |\n| Revenue | 2,744.4 | 2,450.7 | 2,321.2 |\n"
    "| Operating profit | 242.3 | 215.4 | 197.9 |\n"
    "| Loss for the period | (229.1) | (210.1) | (190.0) |\n"
)

BY_SECTION = (
    "Revenues disaggregated\n\n"
    "| | Year ended | |\n|---|---|---|\n| | December 31, 2019 | December 31, 2018 |\n"
    "| Net revenues by geographical region of shipment(1) | | |\n"
    "| EMEA | 2,265 | 2,478 |\n| Americas | 1,351 | 1,264 |\n| Asia Pacific | 5,940 | 5,922 |\n"
    "| Total revenues | 9,556 | 9,664 |\n"
    "| Net revenues by nature | | |\n"
    "| Revenues from sale of products | 9,381 | 9,461 |\n"
    "| Revenues from sale of services | 148 | 151 |\n| Other revenues | 27 | 52 |\n"
    "| Total revenues | 9,556 | 9,664 |\n"
    "| Net revenues by market channel(2) | | |\n"
    "| Original Equipment Manufacturers | 6,720 | 6,325 |\n| Distribution | 2,836 | 3,339 |\n"
    "| Total revenues | 9,556 | 9,664 |\n"
)


@pytest.fixture(scope="module")
def blocks(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("blocks")
    return briefs_in(
        root,
        {
            "quarters.md": QUARTERS,
            "segments.md": SEGMENTS,
            "options.md": OPTIONS,
            "levels.md": LEVELS,
            "summary.md": SUMMARY,
            "sections.md": BY_SECTION,
        },
    )


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("In which quarter of fiscal 2019 was operating income the highest?", "Fourth Quarter"),
        ("Which quarter of fiscal 2018 had the lowest net income?", "First Quarter"),
        ("Which segment had the highest net revenue in 2019?", "South"),
        ("Which segment had the lowest tuition in 2018?", "West"),
        # the rows of the section the question's noun names
        ("Which region had the lowest net revenues in 2019?", "Americas"),
        (
            "Which market channel had the highest net revenues in 2018?",
            "Original Equipment Manufacturers",
        ),
    ],
)
def test_which_column_group_is_highest(blocks: Assistant, question: str, text: str) -> None:
    answer = blocks.ask(question)
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None and answer.value.text == text, answer.answer


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("In how many quarters of fiscal 2018 did net income exceed 55,000?", 2),
        ("What was the total revenue for fiscal 2019?", 2621000),
        ("What was the total operating income across the four quarters of fiscal 2018?", 331200),
        ("What was the percentage change in North's net revenue from 2018 to 2019?", -12.57),
        ("What was the change in third quarter net income from fiscal 2018 to fiscal 2019?", 12500),
        # a margin: the profit over the top line, in the column asked
        ("What was the gross profit margin in the fourth quarter of fiscal 2019?", 37.96),
        ("What was the operating margin in the third quarter of fiscal 2018?", 14.41),
        # "number of", "how many": the column of counts, not of prices
        (
            "What was the percentage change in the number of options exercised from 2018 to 2019?",
            -15.98,
        ),
        ("How many options were outstanding at the end of 2019?", 43375),
        # a table by level, not by year, dated in its introduction: the row's total
        ("What was the fair value of corporate notes and bonds as of December 31, 2019?", 1661300),
        # two rows that give the same figures: either answers
        ("What was the percentage increase in revenue from 2017 to 2019?", 18.23),
        # a loss widens or narrows: by how much its size grew or shrank
        ("By how much did the loss for the period widen from 2018 to 2019?", 19.0),
        ("By how much did the loss for the period narrow from 2018 to 2019?", -19.0),
    ],
)
def test_figures_over_column_groups(blocks: Assistant, question: str, number: float) -> None:
    answer = blocks.ask(question)
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number, abs=0.01), answer.answer
    assert all(c.text in QUARTERS + SEGMENTS + OPTIONS + LEVELS + SUMMARY for c in answer.citations)


def test_two_rows_the_question_names_both_are_given_both(blocks: Assistant) -> None:
    answer = blocks.ask(
        "What were the basic and diluted earnings per share in the third quarter of fiscal 2019?"
    )
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None and answer.value.text == "1.49; 1.46", answer.answer


SEGMENTS_TOTAL = (
    "Revenue by segment (in thousands)\n\n"
    "| | North | South | Total |\n|---|---|---|---|\n"
    "| 2019 | | | |\n| Gross revenue | 336,201 | 471,733 | 807,934 |\n"
    "| Discounts | (139,095 ) | (48,739 ) | (187,834 ) |\n| Total | 197,106 | 422,994 | 620,100 |\n"
    "| 2018 | | | |\n| Gross revenue | 346,013 | 462,439 | 808,452 |\n"
    "| Discounts | (120,414 ) | (52,893 ) | (173,307 ) |\n| Total | 225,599 | 409,546 | 635,145 |\n"
)
NOTE_18 = (
    "Note 18\n\n"
    "| | Gross value | Credit losses | Net value | Gross value | Credit losses | Net value |\n"
    "|---|---|---|---|---|---|---|\n| | 2019 | 2019 | 2019 | 2018 | 2018 | 2018 |\n"
    "| | €m | €m | €m | €m | €m | €m |\n"
    "| Within terms | 39.9 | 1.2 | 38.7 | 35.6 | (1.0) | 34.6 |\n"
    "| After 3 months | 0.5 | 0.1 | 0.4 | 0.8 | (0.1) | 0.7 |\n\n"
    "18. Trade and other receivables. Trade receivables were €44.8 million.\n\n"
    "The Group's trade receivables are analysed as follows:\n"
)
FAIR_VALUE = (
    "Fair value\n\n| December 31, 2019 | | | |\n|---|---|---|---|\n"
    "| | Level 1 | Level 2 | Total Fair Value |\n| Assets: | | | |\n"
    "| Money market funds | $— | $2,010 | $2,010 |\n| Commercial paper | — | 44,300 | 44,300 |\n"
    "| Corporate debt securities | — | 181,079 | 181,079 |\n| Total | $— | 227,389 | 227,389 |\n"
)
FIXED_FLOATING = (
    "Interest-bearing liabilities\n\n| | 2019 | | |\n|---|---|---|---|\n"
    "| | Fixed rate | Floating rate | Total |\n| | US$'000 | US$'000 | US$'000 |\n"
    "| Bank borrowings | — | 158,999 | 158,999 |\n| Debt instruments | 354,951 | — | 354,951 |\n"
    "| | 2018 | | |\n| | Fixed rate | Floating rate | Total |\n| | US$'000 | US$'000 | US$'000 |\n"
    "| Bank borrowings | 1,500 | 139,512 | 141,012 |\n| Debt instruments | 355,000 | — | 355,000 |\n"
)
LOANS = (
    "Borrowings\n\n| | 2019 | | |\n|---|---|---|---|\n"
    "| | Fixed rate | Floating rate | Total |\n| | €'000 | €'000 | €'000 |\n"
    "| Bank loans | — | 181,600 | 181,600 |\n| Bonds | 340,000 | — | 340,000 |\n"
    "| Other loan obligations | 45,500 | 12,500 | 58,000 |\n| | 385,500 | 194,100 | 579,600 |\n\n"
    "Interest rate risk. At 31 December, the Group's loan obligations were as follows:\n"
)
BORROWINGS = "Borrowings\n\n" + SUM_LINES
AWARDS = (
    "RSU activity\n\n| | Number of shares (thousands) | Weighted-average grant price |\n"
    "|---|---|---|\n| Outstanding as of December 31, 2022 | 1,842 | $ 38.15 |\n"
    "| Granted | 615 | 44.60 |\n| Vested | (702) | 35.90 |\n"
    "| Outstanding as of December 31, 2023 | 1,755 | $ 41.39 |\n"
)
OBLIGATIONS = (
    "Contractual obligations\n\n| | 2018 | 2019 | Thereafter | Total |\n|---|---|---|---|---|\n"
    "| Debt principal and interest | $ 328 | $ 1,571 | $ 7,911 | $ 9,810 |\n"
    "| Operating leases | 1,356 | 1,244 | 4,025 | 6,625 |\n"
    "| Total commitments | $ 1,684 | $ 2,815 | $ 11,936 | $ 16,435 |\n"
)


@pytest.mark.parametrize(
    ("brief", "question", "expected"),
    [
        # "which segment": the segments' columns, not the row's Total column for "total"
        (SEGMENTS_TOTAL, "Which segment had the highest total revenue in 2019?", "South"),
        # a line saying what follows names the table's rows ("trade receivables")
        (NOTE_18, "What was the net value of receivables within terms in 2019?", 38.7),
        # one section heading over all the rows still answers "which row"
        (FAIR_VALUE, "Which component is the greatest in the total fair value?",
         "Corporate debt securities"),
        # no column group named: the row's Total column; a group named: that one
        (FIXED_FLOATING, "What was the change in bank borrowings from 2018 to 2019?", 17987),
        (FIXED_FLOATING,
         "What was the change in floating rate bank borrowings from 2018 to 2019?", 19487),
        # "how many": the column of counts, not the price column whose cells write $
        (AWARDS, "How many RSUs (in thousands) were granted during 2023?", 615),
        # a deduction's share of a whole is its size over the whole
        (SEGMENTS_TOTAL, "What were discounts as a percentage of South's gross revenue in 2018?",
         11.44),
        # an unlabelled total is the total of what the line introducing the table names
        (LOANS, "What were the total floating rate loan obligations in 2019?", 194100),
        # a sum line totals the section its figures add up to; the last line, the table
        (BORROWINGS, "What were the total bank loans in 2023?", 6900),
        (BORROWINGS, "What were the total notes payable in 2022?", 2000),
        (BORROWINGS, "What were the total borrowings in 2023?", 10700),
        (BORROWINGS, "What proportion of total borrowings in 2023 was notes payable?", 0.3271),
        # "Total commitments" says what the rows above it are
        (OBLIGATIONS, "What are the total operating lease commitments?", 6625),
    ],
)  # fmt: skip
def test_one_brief(tmp_path: Path, brief: str, question: str, expected: str | float) -> None:
    answer = briefs_in(tmp_path, {"brief.md": brief}).ask(question)
    assert answer.value is not None, answer.answer
    if isinstance(expected, str):
        assert answer.value.text == expected, answer.answer
    else:
        assert answer.value.number == pytest.approx(expected, abs=0.005), answer.answer


def test_a_list_of_cells_is_given_as_the_table_writes_them(blocks: Assistant) -> None:
    answer = blocks.ask("What was the loss for the period in 2019 and 2018?")
    assert answer.value is not None and answer.value.text == "(229.1); (210.1)", answer.answer


FILTERED = (
    "Results as a percentage of net revenue\n\n"
    "| | Year Ended December 31, | |\n|---|---|---|\n| | 2017 | 2016 |\n"
    "| Net revenue | 100.0 % | 100.0 % |\n| Cost of net revenue | 61.3 | 59.1 |\n"
    "| Operating expense: | | |\n| Sales and marketing | 25.1 | 22.7 |\n"
    "| Technology and development | 14.1 | 12.5 |\n| General and administrative | 11.8 | 10.0 |\n"
    "| Impairment charges | — | 20.4 |\n| Restructuring costs | — | 2.1 |\n"
    "| Total operating expense | 51.0 | 67.7 |\n"
)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("How many operating expense items exceeded 10% of net revenue in 2017?", "3"),
        (
            "Which operating expense items were nil in 2017?",
            "Impairment charges; Restructuring costs",
        ),
        (
            "Which operating expense items increased from 2016 to 2017?",
            "Sales and marketing; Technology and development; General and administrative",
        ),
    ],
)
def test_rows_that_meet_a_condition(tmp_path: Path, question: str, text: str) -> None:
    assistant = briefs_in(tmp_path, {"results.md": FILTERED})
    answer = assistant.ask(question)
    assert answer.value is not None and answer.value.text == text, answer.answer
    assert all(c.text in FILTERED for c in answer.citations)


def test_a_year_after_which_is_not_that_years_column(tmp_path: Path) -> None:
    assistant = briefs_in(tmp_path, {"obligations.md": OBLIGATIONS})
    after = assistant.ask("What are the total commitments due after 2019?")
    assert after.value is not None and after.value.number == 11936, after.answer
    share = assistant.ask("What percentage of total commitments is due after 2019?")
    assert share.value is not None and share.value.number == pytest.approx(72.63, abs=0.01), (
        share.answer
    )
    beyond = assistant.ask("How much in operating leases is due beyond 2018?")
    assert beyond.kind == "abstain" or (beyond.value is not None and beyond.value.number != 1356), (
        beyond.answer
    )


@pytest.mark.parametrize(
    ("question", "number"),
    [
        # rows printed as a percentage of a row that reads 100.0 %: the row is the share
        ("What was general and administrative as a percentage of net revenue in 2017?", 11.8),
        (
            "What was the change in sales and marketing as a percentage of net revenue "
            "from 2016 to 2017?",
            2.4,
        ),
    ],
)
def test_a_table_of_percentages_of_a_row_reads_them(
    tmp_path: Path, question: str, number: float
) -> None:
    answer = briefs_in(tmp_path, {"results.md": FILTERED}).ask(question)
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number, abs=0.01), answer.answer
    assert answer.value.unit == "%", answer.answer


ROLL_FORWARD = (
    "Property, plant and equipment\n\n"
    "| All figures in € millions | Land and buildings | Plant and equipment | Total |\n"
    "|---|---|---|---|\n| Cost | | | |\n"
    "| At 1 January 2022 | 410 | 550 | 960 |\n| Additions | 30 | 45 | 75 |\n"
    "| Disposals | (12) | (30) | (42) |\n| At 31 December 2022 | 428 | 565 | 993 |\n"
    "| Additions | 25 | 20 | 45 |\n| Disposals | (70) | (95) | (165) |\n"
    "| At 31 December 2023 | 383 | 490 | 873 |\n"
)


@pytest.mark.parametrize(
    ("question", "number"),
    [
        # balances dated in their labels share the section's name; movements are the year's
        ("What was the total cost at 31 December 2023?", 873),
        ("What was the cost of land and buildings at 1 January 2022?", 410),
        ("What were the additions to plant and equipment in 2023?", 20),
        (
            "What was the change in the total cost between 31 December 2022 and "
            "31 December 2023?",
            -120,
        ),
        # an opening balance at 1 January is not the closing one of its year
        ("What was the total cost at 1 January 2022?", 960),
        ("What was the total cost at 31 December 2022?", 993),
    ],
)  # fmt: skip
def test_a_roll_forward_by_category(tmp_path: Path, question: str, number: float) -> None:
    answer = briefs_in(tmp_path, {"ppe.md": ROLL_FORWARD}).ask(question)
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number, abs=0.01), answer.answer


def test_a_ratio_spelled_out_divides_as_it_says(tmp_path: Path) -> None:
    brief = (
        "Cash flow summary\n\n| | 2023 | 2022 |\n|---|---|---|\n| | £m | £m |\n"
        "| Operating cash flow | 120.0 | 100.0 |\n| Capital expenditure | 40.0 | 50.0 |\n"
    )
    answer = briefs_in(tmp_path, {"cash.md": brief}).ask(
        "What was the capital expenditure cover in 2023, i.e. operating cash flow divided by "
        "capital expenditure?"
    )
    assert answer.value is not None and answer.value.number == 3.0, answer.answer


DEFERRED = (
    "Deferred taxes\n\n| | 2019 | 2018 |\n|---|---|---|\n| Deferred tax assets | | |\n"
    "| Net operating losses | 49,211 | 31,311 |\n| Credit carryforwards | 8,638 | 6,655 |\n"
    "| Stock compensation | 5,142 | 4,073 |\n| Accruals | 795 | 3,223 |\n"
    "| Gross deferred tax assets | 63,786 | 45,262 |\n| Valuation allowance | (41,573) | (36,137) |\n"
    "| Net deferred tax assets | 22,213 | 9,125 |\n"
)


def test_a_row_that_adds_up_the_rows_above_it_is_their_total(tmp_path: Path) -> None:
    """Not an item of its own: "Gross deferred tax assets" sums the four rows above it."""
    answer = briefs_in(tmp_path, {"taxes.md": DEFERRED}).ask(
        "How many deferred tax asset items were above 5,000 in 2019?"
    )
    assert answer.value is not None and answer.value.text == "3", answer.answer


def test_which_column_is_highest_for_the_row_the_question_names(tmp_path: Path) -> None:
    brief = (
        "Segments\n\n| | Year Ended June 30, 2023 | | | |\n|---|---|---|---|---|\n"
        "| | North | South | Unallocated | Consolidated |\n| Net sales | $900 | $500 | $— | $1,400 |\n"
        "| Operating income | 120 | 40 | (30) | 130 |\n| Capital expenditures | 18 | 25 | — | 43 |\n"
    )
    answer = briefs_in(tmp_path, {"segments.md": brief}).ask(
        "Which segment had the highest capital expenditures?"
    )
    assert answer.value is not None and answer.value.text == "South", answer.answer


HIGHLIGHTS = (
    "Highlights (in millions)\n\n| | 2023 | 2022 | Change |\n|---|---|---|---|\n"
    "| Net Sales | $900.0 | $850.0 | 5.9% |\n| Operating Income | 108.0 | 110.5 | (2.3)% |\n"
    "| % of Net Sales | 12.0% | 13.0% | |\n| Net Income | 81.0 | 76.5 | 5.9% |\n"
)


@pytest.mark.parametrize(
    ("question", "number"),
    [
        # a "% of" row under a row is that row's percentage: read, not divided again
        ("What was operating income as a percentage of net sales in 2023?", 12.0),
        # a word both rows share ("net") begins the whole's name
        ("What was net income as a percentage of net sales in 2023?", 9.0),
        # the change of a share, in percentage points; a period written FY23 names no row
        (
            "What was the change in operating income as a percentage of net sales from FY22 "
            "to FY23?",
            -1.0,
        ),
    ],
)
def test_a_percentage_row_under_its_amount(tmp_path: Path, question: str, number: float) -> None:
    answer = briefs_in(tmp_path, {"highlights.md": HIGHLIGHTS}).ask(question)
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number, abs=0.01), answer.answer


PROVISION = (
    "Income taxes (in millions)\n\n| | 2019 | 2018 | 2017 |\n|---|---|---|---|\n"
    "| Current | | | |\n| Federal | $ 97 | $ 47 | $ 190 |\n| Foreign | (6 ) | 18 | (15 ) |\n"
    "| Net (loss) income | (308 ) | (9,844 ) | 5,023 |\n"
)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # a sign as the condition of a count
        ("In how many years was the current foreign provision negative?", "2 of 3"),
        ("In how many of the fiscal years was the foreign provision positive?", "1 of 3"),
        # the largest loss is the lowest figure of a row of income or loss
        ("In which year was the net loss the largest?", "2018"),
    ],
)
def test_signs_and_losses(tmp_path: Path, question: str, text: str) -> None:
    answer = briefs_in(tmp_path, {"taxes.md": PROVISION}).ask(question)
    assert answer.value is not None, answer.answer
    if " of " in text:  # a count: how many of the periods
        assert f"in {text} periods" in answer.answer and answer.value.number == int(text[0])
    else:
        assert answer.value.text == text, answer.answer


INVENTORIES = (
    "Note 4\n\n| | September 30, 2023 | December 31, 2022 |\n|---|---|---|\n"
    "| Finished goods | $3,500 | $3,200 |\n| Work in process | 7,700 | 6,600 |\n"
    "| Raw materials | 4,000 | 4,200 |\n| | $15,200 | $14,000 |\n\n"
    "Inventories, net. The components of inventories, net of allowances, consist of the "
    "following (in thousands):\n"
)


def test_an_unlabelled_total_is_named_by_what_introduces_its_table(tmp_path: Path) -> None:
    answer = briefs_in(tmp_path, {"inventories.md": INVENTORIES}).ask(
        "What was the percentage change in net inventories from December 31, 2022 to "
        "September 30, 2023?"
    )
    assert answer.value is not None and answer.value.number == pytest.approx(8.57, abs=0.01), (
        answer.answer
    )


def test_a_change_between_years_reads_a_row_that_has_them(tmp_path: Path) -> None:
    """Not the total under the years, which holds no year, though it names more words."""
    brief = (
        "Lease maturities\n\n| | Operating Leases | Finance Leases |\n|---|---|---|\n"
        "| 2022 | $ 4,941 | $ 28,941 |\n| 2023 | 2,743 | 28,424 |\n| Thereafter | 842 | 620,982 |\n"
        "| Total lease payment | 8,526 | 678,347 |\n"
    )
    answer = briefs_in(tmp_path, {"leases.md": brief}).ask(
        "What was the change in finance lease payments from 2022 to 2023?"
    )
    assert answer.value is not None and answer.value.number == -517, answer.answer


def test_two_years_joined_by_and_are_two_years_not_a_range(blocks: Assistant) -> None:
    answer = blocks.ask("What was the loss for the period in 2019 and 2017?")
    assert answer.value is not None, answer.answer
    assert answer.value.text.count(";") == 1, answer.answer


def test_a_margin_qualified_after_the_word(tmp_path: Path) -> None:
    """ "the operating margin before exceptional items": the profit row so named, over revenue."""
    brief = (
        "Five-year record\n\n| | 2020 £m | 2019 £m |\n|---|---|---|\n| Revenue | 6,800.0 | 9,400.0 |\n"
        "| Operating profit before exceptional items | 170.0 | 376.0 |\n"
        "| Operating exceptional items | (257.1) | 75.5 |\n| Operating (loss) / profit | (87.1) | 451.5 |\n"
    )
    answer = briefs_in(tmp_path, {"record.md": brief}).ask(
        "What was the operating margin before exceptional items in 2019?"
    )
    assert answer.value is not None and answer.value.number == 4.0, answer.answer


END_MARKETS = (
    "Net sales by end market (in millions)\n\n| | 2019 | 2018 |\n|---|---|---|\n"
    "| Transportation: | | |\n| Automotive | 5,686 | 6,092 |\n| Sensors | 914 | 918 |\n"
    "| Total Transportation | 6,600 | 7,010 |\n| Industrial: | | |\n| Energy | 699 | 712 |\n"
    "| Aerospace | 1,306 | 1,157 |\n| Total Industrial | 2,005 | 1,869 |\n| Total | 8,605 | 8,879 |\n"
)


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("In how many of the four end markets did net sales decline from 2018 to 2019?", 3),
        ("In how many end markets did net sales increase from 2018 to 2019?", 1),
    ],
)
def test_rows_counted_by_what_their_figures_did(tmp_path: Path, question: str, number: int) -> None:
    answer = briefs_in(tmp_path, {"markets.md": END_MARKETS}).ask(question)
    assert answer.value is not None and answer.value.text == str(number), answer.answer


BY_AREA = (
    "Revenue by geographic area (in thousands)\n\n| | 2020 | 2019 |\n|---|---|---|\n"
    "| Italy | $15,943 | $15,587 |\n| India | 8,893 | 9,146 |\n| Rest of the world | 3,587 | 3,379 |\n"
    "| Total | $28,423 | $28,112 |\n| | | |\n| Italy | 56.1% | 55.4% |\n| India | 31.3% | 32.5% |\n"
    "| Rest of the world | 12.6% | 12.1% |\n"
)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # the rows printed again as percentages are the shares, the first ones the amounts
        ("What was the revenue from India in 2020?", "8,893 thousands"),
        ("What percentage of total revenue came from India in 2019?", "32.5%"),
    ],
)
def test_rows_printed_again_as_percentages(tmp_path: Path, question: str, text: str) -> None:
    answer = briefs_in(tmp_path, {"areas.md": BY_AREA}).ask(question)
    assert answer.value is not None and answer.value.text == text, answer.answer
