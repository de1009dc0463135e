"""A table that prints each row's change beside its years ("Change 2023-24 (%)", "CAGR
2021-24") has a column of another measure, not one more period: an average or a lookup
over the years reads the years' cells only, and the printed change is the row's change,
for its later year."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Peru's optical goods imports\n\n"
    "Peru imports almost all of its lenses and frames.\n\n"
    "Table 1: Optical imports by product (USD million)\n\n"
    "| Product | 2022 | 2023 | 2024 | Change 2023-24 (%) |\n"
    "|---|---|---|---|---|\n"
    "| Contact lenses | 12.0 | 15.0 | 16.5 | 10.0 |\n"
    "| Spectacle frames | 20.0 | 18.0 | 17.1 | -5.0 |\n"
    "| Total | 32.0 | 33.0 | 33.6 | 1.8 |\n\n"
    "Source: Peru customs records.\n"
)


@pytest.fixture(scope="module")
def peru(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("peru-optics"), {"peru.md": BRIEF})


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("What was the average of contact lens imports over 2022-2024?", 14.5),
        ("What were the lowest spectacle frame imports between 2022 and 2024?", 17.1),
        ("What were contact lens imports in 2024?", 16.5),
        ("By what percentage did spectacle frame imports change from 2023 to 2024?", -5.0),
    ],
)
def test_the_years_cells_are_the_series(peru: Assistant, question: str, number: float) -> None:
    answer = peru.ask(question)
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number), answer.answer
    assert "2023-24" not in answer.answer, answer.answer


def test_the_printed_change_is_a_figure_of_its_own(peru: Assistant) -> None:
    labels = peru.metric_labels()
    assert "Contact lenses" in labels
    changes = [f for f in peru.list_facts() if f.value == 10.0]
    assert [(f.metric, f.period, f.unit) for f in changes] == [
        ("Contact lenses (Change (%))", "2024", "%")
    ]
