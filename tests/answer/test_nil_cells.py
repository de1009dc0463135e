"""A dash in a row of figures is nil, as report tables write it: the row's other years are
figures, the dashed year is 0 and the answer says the dash was read as 0. A dash alone in
a row, `n/a` and words stay unknown; a division by a nil is refused in one line."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in
from tests.test_contract import check_contract

REPORT = (
    "Charges brief\n\n"
    "Charges and reserves (in millions):\n\n"
    "| | 2019 | 2018 | Change |\n|---|---|---|---|\n"
    "| Restructuring charges | (228) | — | NM |\n"
    "| Interest expense | 1,344 | 723 | 85.9% |\n"
    "| Litigation reserve | – | 15 | |\n"
    "| Pending claims | n/a | 40 | |\n"
    "| Other items | — | — | |\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Assistant, object]:
    root = tmp_path_factory.mktemp("nil")
    return briefs_in(root, {"charges.md": REPORT}), root / "corpus"


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("What is the change in restructuring charges from 2018 to 2019?", -228),
        ("What was the average litigation reserve for 2018 and 2019?", 7.5),
        ("What were the total restructuring charges in 2018 and 2019?", -228),
        ("What were the restructuring charges in 2018?", 0),
    ],
)
def test_a_dash_among_figures_is_read_as_zero_and_said(
    report: tuple[Assistant, object], question: str, number: float
) -> None:
    assistant, corpus = report
    answer = assistant.ask(question)
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None and answer.value.number == pytest.approx(number)
    assert "—" in answer.calculation or "–" in answer.calculation, answer.calculation
    assert any("—" in c.text or "–" in c.text for c in answer.citations)
    check_contract(answer, corpus)  # type: ignore[arg-type]


def test_not_available_is_not_zero(report: tuple[Assistant, object]) -> None:
    assistant, _ = report
    answer = assistant.ask("What were the pending claims in 2019?")
    assert answer.value is None or answer.value.number != 0, answer.answer


def test_a_row_of_dashes_has_no_figures(report: tuple[Assistant, object]) -> None:
    assistant, _ = report
    answer = assistant.ask("What were the other items in 2019?")
    assert answer.value is None or answer.value.number != 0, answer.answer


def test_a_percent_change_from_nil_is_refused_in_one_line(
    report: tuple[Assistant, object],
) -> None:
    assistant, _ = report
    answer = assistant.ask(
        "What is the percentage change in restructuring charges from 2018 to 2019?"
    )
    assert answer.value is None or answer.value.unit != "%", answer.answer
    assert "\n" not in answer.answer.strip() and "Traceback" not in answer.answer
