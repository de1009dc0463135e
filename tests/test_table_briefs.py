"""Briefs with tables of shapes the shipped briefs do not have, asked as a user would.

`tests/golden/tables/` holds an HTML table with a spanning header (colspan and rowspan), a
CSV file, Markdown tables with column groups and a units row (one in the annual-report
style: its title row is the Markdown header, the years and groups below the separator), an
XLSX workbook, a PDF and a plain-text brief (a space-aligned table with an indented year
header and a rule under it, one with years down the side, a tab-separated one), with
questions written before the reader was: each answer's `value` is the expected figure or span, its cited rows hold the cells used, verbatim; some
must abstain or ask; a few are answered from the brief's sentences, by the short answer
inside the quote.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from assistant import Assistant, Settings

HERE = Path(__file__).resolve().parent / "golden" / "tables"
QUESTIONS = [json.loads(line) for line in (HERE / "questions.jsonl").read_text().splitlines()]

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def tables_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    base = tmp_path_factory.mktemp("tables")
    shutil.copytree(HERE / "corpus", base / "corpus")
    return Assistant.open(
        Settings(corpus_dir=base / "corpus", index_dir=base / "index", multilingual=False)
    )


CASES = [
    pytest.param(c, marks=pytest.mark.xfail(reason=c["known_miss"], strict=True))
    if "known_miss" in c
    else c
    for c in QUESTIONS
]
"""A question written before the code that the assistant still misses keeps its reason
(`known_miss`) and is expected to fail: it turns into a pass the day it is answered."""


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in QUESTIONS])
def test_each_table_question_is_answered_from_its_cells(
    tables_assistant: Assistant, case: dict[str, Any]
) -> None:
    answer = tables_assistant.ask(case["q"])
    if case.get("abstain"):
        assert answer.abstained, answer.answer
        # it says what the briefs hold instead: the figures, the years, or the nearest brief
        assert re.search(
            r"figures they hold|for \d{4}|closest passages, from|is in “|rows of their own",
            answer.answer,
        )
        return
    if "asks" in case:
        assert answer.abstained and all(o in answer.answer for o in case["asks"]), answer.answer
        return
    assert answer.kind == case.get("kind", "fact"), answer.answer
    assert answer.value is not None, answer.answer
    if answer.kind == "passage":  # the short answer inside the quote
        assert answer.value.text == case["text"], answer.value
        assert case["text"] in answer.citations[0].text
        if "number" in case:
            assert answer.value.number == pytest.approx(case["number"]), answer.value
        return
    if "number" in case:
        assert answer.value.number == pytest.approx(case["number"], rel=1e-3), answer.answer
    else:
        assert answer.value.text == case["text"], answer.answer
    passages = tables_assistant.snapshot.passages
    for citation in answer.citations:
        document = passages.document(citation.source)
        assert document is not None
        assert document.text[citation.start : citation.end] == citation.text
        assert citation.text == citation.text.strip()  # an indented header row, too
    assert any(_holds_cell(c.text, case["cell"]) for c in answer.citations), answer.answer


def _holds_cell(row: str, cell: str) -> bool:
    """Whether a cited row holds `cell` as a whole cell: between pipes, tabs, runs of spaces
    or the row's ends (a plain-text table has no pipes)."""
    edge = r"(?:^|\|\s*|\t|\s{2,})"
    return bool(re.search(rf"{edge}{re.escape(cell)}(?:\s*\||\t|\s{{2,}}|$)", row.strip()))
