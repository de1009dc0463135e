"""A "which X had the most" question is answered by a table's rows only when they are Xs:
a table whose label column is headed "Indicator" ranks indicators, not countries or
companies. A user's brief, as Markdown."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Peru's lab supplies market\n\n"
    "Peru imports most of its reagents from China, India and Germany, which together supply "
    "about 60 percent of the market.\n\n"
    "Table 1: Market indicators, 2021-2023 (USD million)\n\n"
    "| Indicator | 2021 | 2022 | 2023 |\n|---|---|---|---|\n"
    "| Total market | 150 | 170 | 190 |\n"
    "| Imports of reagents | 90 | 100 | 115 |\n"
    "| Imports of analysers | 40 | 45 | 50 |\n\n"
    "Source: Peru Lab Association analysis.\n\n"
    "Table 2: Sales by region, 2023 (USD million)\n\n"
    "| Region | 2023 |\n|---|---|\n| Lima | 120 |\n| Arequipa | 40 |\n| Cusco | 30 |\n"
)


@pytest.fixture(scope="module")
def peru(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("peru"), {"peru.md": BRIEF})


@pytest.mark.parametrize(
    "question",
    [
        "Which countries does Peru import most of its reagents from?",
        "Which company has the largest share of Peru's lab imports?",
    ],
)
def test_rows_of_another_kind_do_not_answer(peru: Assistant, question: str) -> None:
    answer = peru.ask(question)
    assert answer.kind != "fact", answer.answer
    assert answer.value is None or answer.value.text not in ("Imports of reagents", "Lima")
    assert not answer.answer.startswith(("Imports of reagents", "Total market")), answer.answer


def test_the_sentence_that_names_them_does(peru: Assistant) -> None:
    answer = peru.ask("Which countries does Peru import most of its reagents from?")
    assert answer.answer.startswith("Peru imports most of its reagents from China"), answer.answer


def test_rows_of_the_kind_asked_do(peru: Assistant) -> None:
    answer = peru.ask("Which region had the highest sales in 2023?")
    assert answer.value is not None and answer.value.text == "Lima", answer.answer
    indicator = peru.ask("Which indicator had the highest value in 2022?")
    assert indicator.value is not None and indicator.value.text == "Imports of reagents", (
        indicator.answer
    )
