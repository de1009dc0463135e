"""A report's footnotes: "(1) Include cost of equipment sold ..." under a table explains the
rows marked "(1)". Asked what such a row includes, the footnote answers; its own words do
not name the row, so the row's label is its context."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.ingest.chunk import split_into_chunks
from assistant.types import Document, Unit
from tests.answer.test_figures import briefs_in, briefs_read_by_the_model

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


def units_of(text: str) -> list[Unit]:
    return [u for chunk in split_into_chunks(document(text), chunk_size=600) for u in chunk.units]


def test_a_footnote_has_the_labels_of_the_rows_it_marks_as_context() -> None:
    units = {u.text[:3]: u for u in units_of(REPORT)}
    assert "Service delivery costs" in units["(1)"].context
    assert "Customer related costs" in units["(2)"].context
    assert "Service delivery costs" not in units["(2)"].context
    # a note no row is marked with explains nothing of the table
    assert units["(3)"].context == "Northline\nNorthline Telecom annual report"


def test_a_footnote_explains_the_table_above_it_in_its_section() -> None:
    text = (
        "Brief\n\n| | 2019 |\n|---|---|\n| Revenue(1) | 10 |\n\n(1) Net of returns.\n\n"
        "| | 2019 |\n|---|---|\n| Headcount (1)(b) | 70 |\n\n(1) At the year end.\n\n"
        "(b) Excluding contractors\n\n## Risks\n\n(1) Currency risk is hedged.\n"
    )
    units = units_of(text)
    first, second, risk = (u for u in units if u.text.startswith("(1)"))
    assert "Revenue" in first.context and "Headcount" not in first.context
    assert "Headcount" in second.context and "Revenue" not in second.context
    assert "Headcount" not in risk.context  # another section's list, not a footnote
    # a short footnote with no full stop is one too, and no heading over what follows
    short = next(u for u in units if u.text.startswith("(b)"))
    assert short.kind == "prose" and "Headcount" in short.context
    assert "Excluding contractors" not in risk.context


def test_a_mark_inside_a_paragraph_or_a_word_in_brackets_is_no_footnote() -> None:
    text = (
        "Brief\n\n| | 2019 |\n|---|---|\n| Revenue(1) | 10 |\n| Sales (US) | 4 |\n\n"
        "The plan has two steps. (1) We cut costs.\n\n(US) Sales are in dollars.\n"
    )
    units = units_of(text)
    inside = next(u for u in units if u.text.startswith("(1)"))
    assert "Revenue" not in inside.context
    us = next(u for u in units if u.text.startswith("(US)"))
    assert "Sales" not in us.context


def test_a_paragraph_that_only_starts_like_a_footnote_is_left_alone() -> None:
    text = "Brief\n\n| | 2019 |\n|---|---|\n| Revenue | 10 |\n\n(a) Revenue grew.\n"
    last = units_of(text)[-1]
    assert last.text == "(a) Revenue grew." and "Revenue" not in last.context


RECEIVABLES = (
    "Harbour Tools annual report\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n"
    "| Trade receivables, net, current (1) | 375,136 | 335,377 |\n"
    "| Trade receivables, net, noncurrent (2) | 26,496 | 15,948 |\n\n"
    "Trade receivables consisted of the following (in thousands):\n\n"
    "(1) Included in “Receivables, net” in the balance sheet.\n\n"
    "(2) Included in “Other assets” in the balance sheet.\n\n"
    "Noncurrent receivables result from contracts with renewal provisions.\n"
)


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The real model: the row ranks first by meaning, as in a report."""
    return briefs_read_by_the_model(tmp_path_factory.mktemp("notes"), {"harbour.md": RECEIVABLES})


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "note", "other"),
    [
        ("Where is trade receivables, net, current included in?", "Receivables, net", "Other"),
        ("Where is trade receivables, net, noncurrent included in?", "Other assets", "“Rec"),
    ],
)
def test_a_quoted_row_is_quoted_with_its_footnote(
    harbour: Assistant, question: str, note: str, other: str
) -> None:
    # the row names what was asked best; its footnote says the rest, another row's does not
    answer = harbour.ask(question)
    assert answer.kind == "passage", answer.answer
    assert note in answer.answer, answer.answer
    assert other not in answer.answer, answer.answer


BRIEF_WITH_STARS = (
    "# Peru's optical goods imports\n\n"
    "Table 1: Optical imports by product (USD million)\n\n"
    "| Product | 2023 | 2024 |\n|---|---|---|\n"
    "| Contact lenses* | 15.0 | 16.5 |\n"
    "| Spectacle frames† | 18.0 | 17.1 |\n\n"
    "*Contact lenses include daily disposables and toric lenses; they exclude lens care"
    " solutions, which are counted as pharmaceuticals.\n\n"
    "† Frames include sunglasses with prescription lenses.\n\n"
    "Source: Peru customs records.\n"
)


def test_a_row_marked_with_a_star_or_dagger_has_its_note() -> None:
    units = {u.text[:3]: u for u in units_of(BRIEF_WITH_STARS + "\n*Figures are rounded.*\n")}
    assert "Contact lenses" in units["*Co"].context
    assert "Spectacle frames" in units["† F"].context
    assert "Spectacle frames" not in units["*Co"].context
    assert "Contact lenses" not in units["*Fi"].context  # a line in italics is no note


@pytest.mark.model
def test_a_quoted_starred_row_is_quoted_with_its_note(tmp_path: Path) -> None:
    question = "What is left out of the contact lenses category in the imports table?"
    answer = briefs_read_by_the_model(tmp_path, {"peru.md": BRIEF_WITH_STARS}).ask(question)
    assert "lens care solutions" in answer.answer, answer.answer
