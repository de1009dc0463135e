"""A table whose columns are quarters ("Q1 2024" ... "Q4 2024") is read as users ask it: a
quarter named as "Q3 2024" or "the third quarter of 2024", a run of quarters sharing one
year ("between Q1 and Q4 2024", "from the first to the fourth quarter of 2024"), and a
bare year standing for its quarters ("over the whole of 2024", "per quarter in 2024"). A
quarter the table does not hold, or a quarter asked of a table of whole years, is not
answered with another period's figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.text.periods import named_periods
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Kenya's telemedicine uptake\n\n"
    "County health departments now contract private platforms for remote consultations.\n\n"
    "Table 2. Teleconsultations by county, 2024 (thousand consultations)\n\n"
    "| County | Q1 2024 | Q2 2024 | Q3 2024 | Q4 2024 |\n"
    "|---|---|---|---|---|\n"
    "| Nairobi | 40.0 | 44.0 | 47.0 | 50.0 |\n"
    "| Mombasa | 12.5 | 13.0 | 14.5 | 16.0 |\n"
    "| Kisumu | 8.0 | 9.0 | 10.0 | 12.0 |\n"
    "| Total, three counties | 60.5 | 66.0 | 71.5 | 78.0 |\n\n"
    "Source: county health department returns.\n\n"
    "## Platform fees\n\n"
    "Table 3. Platform fees paid by counties (KES million)\n\n"
    "| Item | 2022 | 2023 | 2024 |\n"
    "|---|---|---|---|\n"
    "| Licence fees | 30 | 36 | 41 |\n\n"
    "Source: county budgets.\n"
)


@pytest.fixture(scope="module")
def kenya(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("kenya-telemedicine"), {"kenya.md": BRIEF})


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("sessions in Q3 2025?", ("Q3 2025",)),
        ("in the third quarter of 2025", ("Q3 2025",)),
        ("in the 2nd quarter of 2025", ("Q2 2025",)),
        ("between Q1 and Q4 2025", ("Q1 2025", "Q4 2025")),
        ("from the first to the fourth quarter of 2025", ("Q1 2025", "Q4 2025")),
        ("in Q4 2024 and Q1 2025", ("Q4 2024", "Q1 2025")),
        ("in the first half of 2023", ("H1 2023",)),
        ("from 2020 to 2022", ("2020", "2022")),
        ("the first 2 clinics opened in 2021", ("2021",)),
    ],
)
def test_a_quarter_is_read_with_its_year(text: str, periods: tuple[str, ...]) -> None:
    assert named_periods(text) == periods


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("How many teleconsultations were there in Mombasa in Q3 2024?", 14.5),
        ("teleconsultations in Kisumu in the second quarter of 2024", 9.0),
        ("total teleconsultations in Kisumu over the whole of 2024?", 39.0),
        ("By how much did Nairobi's teleconsultations grow between Q1 and Q4 2024", 10.0),
        (
            "what was the percentage increase in Kisumu teleconsultations from the first to the "
            "fourth quarter of 2024?",
            50.0,
        ),
        ("Whats the average number of teleconsultations per quarter in Nairobi in 2024?", 45.25),
        ("total Mombasa teleconsultations from Q2 to Q4 2024", 43.5),
    ],
)
def test_quarters_are_answered(kenya: Assistant, question: str, number: float) -> None:
    answer = kenya.ask(question)
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "How many teleconsultations were there in Mombasa in Q3 2023?",
        "What were licence fees in the third quarter of 2024?",
    ],
)
def test_a_quarter_not_held_is_not_answered(kenya: Assistant, question: str) -> None:
    answer = kenya.ask(question)
    assert answer.value is None, answer.answer


QUARTERLY_REPORT = (
    "# Harbour Games results\n\n"
    "Unaudited results for the last quarter.\n\n"
    "| | Three months ended | |\n"
    "|---|---|---|\n"
    "| | 31 December 2019 | 31 December 2018 |\n"
    "| Revenues (USD million) | 105.8 | 84.9 |\n"
    "| Gross profit (USD million) | 44.1 | 35.2 |\n"
)


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("What were revenues in the fourth quarter of 2019?", 105.8),
        ("gross profit in Q4 2018", 35.2),
    ],
)
def test_a_quarter_is_a_three_months_column_ending_in_its_month(
    tmp_path: Path, question: str, number: float
) -> None:
    answer = briefs_in(tmp_path, {"harbour.md": QUARTERLY_REPORT}).ask(question)
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number), answer.answer


def test_a_three_months_column_ending_in_another_month_is_not_the_quarter(
    tmp_path: Path,
) -> None:
    answer = briefs_in(tmp_path, {"harbour.md": QUARTERLY_REPORT}).ask(
        "What were revenues in the third quarter of 2019?"
    )
    assert answer.value is None, answer.answer
