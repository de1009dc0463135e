"""A table whose rows are places (or firms, or programmes) measures what its caption and
header say. A question that asks the table's measure of a row, or names only the row, is
answered from it. One that asks another measure of it ("how much does a kidney transplant
cost in Lima") should not be, and still is: see the xfail below."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Peru's renal care network\n\n"
    "Private operators now deliver most dialysis in Peru. Kidney transplants remain rare.\n\n"
    "Table 1. Dialysis sessions delivered under contract, by region (thousand sessions)\n\n"
    "| Region | 2022 | 2023 | 2024 |\n"
    "|---|---|---|---|\n"
    "| Lima | 210.0 | 236.5 | 270.2 |\n"
    "| Arequipa | 32.1 | 35.0 | 41.3 |\n"
    "| Cusco | 10.4 | 12.9 | 15.0 |\n\n"
    "Source: Social Health Insurance contract reports.\n"
)


@pytest.fixture(scope="module")
def peru(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("peru-renal"), {"peru.md": BRIEF})


@pytest.mark.xfail(
    strict=True,
    reason="only a count of another thing is refused (tests/answer/test_counted_things.py): a"
    " rule refusing a named row whenever the question asks none of its table's words lost"
    " TAT-QA answers worded otherwise ('customers from Singapore' of revenue by region)",
)
@pytest.mark.parametrize(
    "question",
    [
        "how much does a kidney transplant cost in Lima",
        "What is the unemployment rate in Cusco in 2024?",
    ],
)
def test_another_measure_of_a_named_row_is_not_the_row(peru: Assistant, question: str) -> None:
    answer = peru.ask(question)
    assert answer.kind != "fact", answer.answer
    assert not any(c.text.startswith("| ") for c in answer.citations), answer.answer


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("How many dialysis sessions were delivered in Cusco in 2023?", 12.9),
        ("Cusco 2023?", 12.9),
        ("how much did Lima deliver in 2024", 270.2),
        ("What was the total for Arequipa over 2022-2024?", 108.4),
    ],
)
def test_the_table_s_measure_of_a_named_row_is_the_row(
    peru: Assistant, question: str, number: float
) -> None:
    answer = peru.ask(question)
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number), answer.answer
