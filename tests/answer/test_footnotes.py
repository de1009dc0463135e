"""A report's footnotes: "(1) Include cost of equipment sold ..." under a table explains the
rows marked "(1)". Asked what such a row includes, the footnote answers; its own words do
not name the row, so the row's label is its context."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.ingest.chunk import split_into_chunks
from assistant.types import Document
from tests.answer.test_figures import briefs_in

REPORT = (
    "Northline Telecom annual report\n\n"
    "Operating costs (in thousands of dollars):\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n"
    "| Service delivery costs(1) | 661,214 | 615,267 |\n"
    "| Customer related costs (2) | 83,401 | 68,744 |\n"
    "| Other external purchases | 45,120 | 41,900 |\n\n"
    "(1) Include cost of equipment sold, content and programming costs, payments to other"
    " carriers, franchise fees and network costs.\n\n"
    "(2) Include advertising and marketing expenses, selling costs, billing expenses and bad"
    " debts.\n\n"
    "(3) Amounts for 2018 were restated for a change in accounting policy.\n\n"
    "Operating costs rose with the number of subscribers served.\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("footnotes"), {"northline.md": REPORT})


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("What is included in service delivery costs?", "(1) Include cost of equipment sold"),
        ("What do customer related costs include?", "(2) Include advertising and marketing"),
    ],
)
def test_what_a_marked_row_includes_is_its_footnote(
    report: Assistant, question: str, quoted: str
) -> None:
    answer = report.ask(question)
    assert answer.kind == "passage", answer.answer
    assert any(c.text.startswith(quoted) for c in answer.citations), answer.answer


def test_the_marked_rows_figures_are_still_read(report: Assistant) -> None:
    answer = report.ask("What were service delivery costs in 2019?")
    assert answer.value is not None and answer.value.number == 661214, answer.answer


def document(text: str) -> Document:
    return Document(source="northline.md", title="Northline", text=text, sha256="0" * 64)


def test_a_footnote_has_the_labels_of_the_rows_it_marks_as_context() -> None:
    units = {
        u.text[:3]: u
        for chunk in split_into_chunks(document(REPORT), chunk_size=600)
        for u in chunk.units
    }
    assert "Service delivery costs" in units["(1)"].context
    assert "Customer related costs" in units["(2)"].context
    assert "Service delivery costs" not in units["(2)"].context
    # a note no row is marked with explains nothing of the table
    assert "costs" not in units["(3)"].context.lower().replace("operating costs", "")


def test_a_footnote_explains_the_table_above_it() -> None:
    text = (
        "Brief\n\n| | 2019 |\n|---|---|\n| Revenue(1) | 10 |\n\n(1) Net of returns.\n\n"
        "| | 2019 |\n|---|---|\n| Headcount(1) | 70 |\n\n(1) At the year end.\n"
    )
    units = [u for c in split_into_chunks(document(text), chunk_size=600) for u in c.units]
    first, second = (u for u in units if u.text.startswith("(1)"))
    assert "Revenue" in first.context and "Headcount" not in first.context
    assert "Headcount" in second.context and "Revenue" not in second.context


def test_a_paragraph_that_only_starts_like_a_footnote_is_left_alone(tmp_path: Path) -> None:
    text = "Brief\n\n| | 2019 |\n|---|---|\n| Revenue | 10 |\n\n(a) Revenue grew.\n"
    units = [u for c in split_into_chunks(document(text), chunk_size=600) for u in c.units]
    assert units[-1].text == "(a) Revenue grew." and "| Revenue |" not in units[-1].context
