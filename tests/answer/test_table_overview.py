"""What a table shows and what unit its figures are in: a reader's first questions about a
table, on a user's Markdown brief with two tables. The table meant is the one whose caption,
header and rows name the question's words; with several tables and none named, each is
described. The answer quotes the table's own caption (or the sentence introducing it)."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in, verbatim

BRIEF = (
    "# Peru's dental supplies market\n\n"
    "Peru's dentists buy most consumables from distributors in Lima.\n\n"
    "Table 1: Dental supplies market indicators, 2021-2023 (USD thousands)\n\n"
    "| Indicator | 2021 | 2022 | 2023 |\n|---|---|---|---|\n"
    "| Total market | 410 | 455 | 502 |\n| Imports of implants | 120 | 131 | 150 |\n\n"
    "Source: Peru Dental Trade Council.\n\n"
    "Table 2: Dental clinics by city, 2023\n\n"
    "| City | Clinics |\n|---|---|\n| Lima | 3,900 |\n| Arequipa | 640 |\n"
)
MARKET = "Table 1: Dental supplies market indicators, 2021-2023 (USD thousands)"
CLINICS = "Table 2: Dental clinics by city, 2023"


@pytest.fixture(scope="module")
def peru(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("peru"), {"peru.md": BRIEF})


@pytest.mark.parametrize(
    ("question", "caption"),
    [
        ("What is the dental clinics table about?", CLINICS),
        ("What does the market indicators table show?", MARKET),
        ("what's in the table on dental clinics?", CLINICS),
        ("What information does the dental supplies market table contain?", MARKET),
        ("Describe the clinics by city table.", CLINICS),
    ],
)
def test_the_table_named_is_described_by_its_caption(
    peru: Assistant, question: str, caption: str
) -> None:
    answer = peru.ask(question)
    assert not answer.abstained, answer.answer
    assert answer.citations[0].text == caption, answer.answer
    other = CLINICS if caption == MARKET else MARKET
    assert other not in answer.answer
    assert verbatim(answer.citations, BRIEF)


def test_the_description_names_the_rows_and_years(peru: Assistant) -> None:
    answer = peru.ask("What does the market indicators table show?")
    assert "Total market" in answer.answer and "Imports of implants" in answer.answer
    assert "2021" in answer.answer and "2023" in answer.answer
    cited = " ".join(c.text for c in answer.citations)
    assert "| Total market |" in cited and "| Indicator | 2021 |" in cited


def test_with_two_tables_and_none_named_each_is_described(peru: Assistant) -> None:
    answer = peru.ask("What do the tables show?")
    assert not answer.abstained, answer.answer
    texts = [c.text for c in answer.citations]
    assert MARKET in texts and CLINICS in texts, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "What units are the figures in the market indicators table in?",
        "What unit is used in the dental supplies market table?",
        "In what currency are the market indicators table's figures?",
        "Checking a chart: what units is the dental supplies market table expressed in?",
    ],
)
def test_the_unit_of_a_tables_figures_is_read_from_where_the_table_says_it(
    peru: Assistant, question: str
) -> None:
    answer = peru.ask(question)
    assert not answer.abstained, answer.answer
    assert answer.answer.startswith("The table gives its figures in USD thousands."), answer.answer
    assert answer.citations[0].text == MARKET
    assert verbatim(answer.citations, BRIEF)


def test_a_table_that_states_no_unit_says_so(peru: Assistant) -> None:
    answer = peru.ask("What unit are the figures in the dental clinics table in?")
    assert answer.abstained, answer.answer
    assert "USD" not in answer.answer
    assert "unit" in answer.answer


def test_figure_and_source_questions_are_unchanged(peru: Assistant) -> None:
    assert peru.ask("What was the total market in 2022?").value.number == 455  # type: ignore[union-attr]
    source = peru.ask("Where do the numbers in the market indicators table come from?")
    assert source.citations[0].text == "Source: Peru Dental Trade Council."


PLAN = (
    "# Clinic expansion plan\n\n"
    "The board approved the expansion plan in March.\n\n"
    "| | 2025 | 2026 |\n|---|---|---|\n"
    "| Patient visits growth | 6% | 7% |\n| Average fee increase | 3% | 3% |\n"
    "| Staff turnover | 12% | 10% |\n| New service lines | Nil | Nil |\n\n"
    "The finance committee set these inputs.\n"
)


@pytest.mark.parametrize(
    "question",
    [
        "What are the assumptions shown in the table?",
        "What are the 4 assumptions shown in the table?",
        "Which planning inputs are listed in the table?",
    ],
)
def test_the_rows_of_a_briefs_only_table_answer_what_it_shows(
    tmp_path_factory: pytest.TempPathFactory, question: str
) -> None:
    """The question's noun ("assumptions") names what the rows are, not words they hold:
    with one table in the briefs, "the table" is that one."""
    plan = briefs_in(tmp_path_factory.mktemp("plan"), {"plan.md": PLAN})
    answer = plan.ask(question)
    assert answer.value is not None, answer.answer
    # a row of "Nil" cells is one of its rows too
    expected = "Patient visits growth; Average fee increase; Staff turnover; New service lines"
    assert answer.value.text == expected, answer.answer
    assert verbatim(answer.citations, PLAN)


def test_with_two_tables_an_unnamed_kind_of_row_lists_neither(peru: Assistant) -> None:
    answer = peru.ask("What are the assumptions shown in the table?")
    assert not (answer.value and "Total market" in answer.value.text), answer.answer


FORECAST = (
    "# Peru's hospital beds\n\n"
    "| | 2023 | 2024 | 2025 (est.) |\n|---|---|---|---|\n"
    "| Public beds | 41,000 | 42,300 | 43,100 |\n| Private beds | 12,800 | 13,500 | 14,200 |\n"
)


def test_a_year_the_table_marks_an_estimate_is_listed_as_marked(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    beds = briefs_in(tmp_path_factory.mktemp("beds"), {"beds.md": FORECAST})
    answer = beds.ask("Which years does the table give?")
    assert answer.value is not None and answer.value.text == "2023; 2024; 2025 (est.)"
    answer = beds.ask("Which year in the table is only an estimate?")
    assert answer.value is not None and answer.value.text == "2025 (est.)", answer.answer


def test_projected_in_a_row_name_is_no_question_about_estimates(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """ "projected benefit obligation" names a row; the table marks no year an estimate."""
    brief = (
        "# Pension plans\n\n| | 2024 | 2023 |\n|---|---|---|\n"
        "| Projected benefit obligation | 410 | 388 |\n| Fair value of plan assets | 350 | 331 |\n"
    )
    pensions = briefs_in(tmp_path_factory.mktemp("pensions"), {"pensions.md": brief})
    answer = pensions.ask("Which years does the table give the projected benefit obligation for?")
    assert answer.value is not None and answer.value.text == "2024; 2023", answer.answer


def test_with_two_tables_and_none_named_each_tables_unit_is_given(peru: Assistant) -> None:
    """Not the first table's unit as if it were every table's."""
    answer = peru.ask("What unit are the table's figures in?")
    assert not answer.abstained, answer.answer
    assert f"“{MARKET}” gives its figures in USD thousands." in answer.answer, answer.answer
    assert f"“{CLINICS}” [2] does not say what unit its figures are in." in answer.answer
    assert verbatim(answer.citations, BRIEF)
