""" "How many X" counts X: a table of places is not the answer when X is not what it counts.
"How many MRI units are there in Cusco?" is not the Cusco row of a table of MRI scans by
region, though the row names Cusco and the caption names MRI; the brief's key fact about
units is what the passages find. A question that names what the table counts, or names
only the row, is answered from it; a row counted in "units" counts whatever it is of."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.text.question import Question
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Peru's diagnostic imaging services\n\n"
    "Public hospitals in Peru contract out much of their imaging.\n\n"
    "- MRI units nationwide: 310 (2024)\n"
    "- Radiologists registered: 1,450 (2024)\n\n"
    "Table 1. MRI scans performed in public hospitals, by region (thousand scans)\n\n"
    "| Region | 2022 | 2023 | 2024 |\n"
    "|---|---|---|---|\n"
    "| Lima | 410.0 | 436.5 | 470.2 |\n"
    "| Arequipa | 52.1 | 55.0 | 61.3 |\n"
    "| Cusco | 20.4 | 22.9 | 25.0 |\n\n"
    "Source: Ministry of Health activity returns.\n\n"
    "Table 2. Installed base of public hospitals\n\n"
    "| Item | 2023 | 2024 |\n"
    "|---|---|---|\n"
    "| Installed CT units | 118 | 131 |\n\n"
    "Source: Ministry of Health equipment census.\n"
)


@pytest.fixture(scope="module")
def peru(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("peru-imaging"), {"peru.md": BRIEF})


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("How many MRI units are there in Cusco?", {"unit"}),
        ("how many dialysis stations in Karakalpakstan", {"station"}),
        ("How many PPP sessions were delivered in Samarkand in Q3 2025?", {"session"}),
        ("How many years did revenue exceed 100?", set()),
        ("How many times bigger were exports in 2022 than in 2021?", set()),
        ("How many percent did the hedged rate change by from 2018 to 2019?", set()),
        ("What were MRI scans in Lima in 2023?", set()),
    ],
)
def test_the_thing_counted(text: str, counted: set[str]) -> None:
    assert Question.analyse(text, language="en").counted == frozenset(counted)


@pytest.mark.parametrize(
    "question",
    [
        "How many MRI units are there in Cusco?",
        "how many radiologists work in Arequipa",
    ],
)
def test_a_row_of_another_count_is_not_the_answer(peru: Assistant, question: str) -> None:
    answer = peru.ask(question)
    assert not any(c.text.startswith("| ") for c in answer.citations), answer.answer


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("How many MRI scans were performed in Lima in 2023?", 436.5),
        ("how many scans in Cusco in 2022", 20.4),
        ("Arequipa 2024?", 61.3),
        # "units" counts whatever the row is of: CT machines, CT scanners
        ("how many CT machines were installed in 2024", 131),
    ],
)
def test_a_row_of_what_is_counted_is_the_answer(
    peru: Assistant, question: str, number: float
) -> None:
    answer = peru.ask(question)
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number), answer.answer
