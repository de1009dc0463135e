"""A figure question that names a row only by the words its whole table shares (the
caption's, the brief's title's) asks about something else: "How much dialysis equipment
does Kenya export?" is not the row "Dialyser imports" of a table of dialysis imports, nor
is "the minimum wage for dialysis nurses" its lowest figure. A row named by its own words
is still read, however the figure is asked for ("worth", "added up", "the table shows")."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Kenya's dialysis supplies market\n\n"
    "Kenya imports nearly all of its dialysis supplies. Local firms export hospital linen "
    "to Uganda. Renal nurses earn a monthly allowance on top of their wage.\n\n"
    "Table 1: Dialysis imports (USD million)\n\n"
    "| | 2021 | 2022 | 2023 |\n|---|---|---|---|\n"
    "| Dialyser imports | 40.2 | 44.8 | 47.1 |\n"
    "| Dialysis fluid imports | 61.5 | 66.0 | 72.4 |\n\n"
    "Source: Kenya Revenue Authority import records.\n"
)


@pytest.fixture(scope="module")
def kenya(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("kenya-words"), {"kenya.md": BRIEF})


@pytest.mark.parametrize(
    "question",
    [
        "how much dialysis equipment does kenya export each year",
        "What is the minimum wage for dialysis nurses in Kenya?",
    ],
)
def test_a_figure_of_something_else_is_not_the_row(kenya: Assistant, question: str) -> None:
    answer = kenya.ask(question)
    assert answer.kind != "fact", answer.answer
    assert not any(c.text.startswith("| Dial") for c in answer.citations), answer.answer


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("What were dialyser imports worth in 2023?", 47.1),
        ("dialysis fluid imports over 2021-2023, all three years added up?", 199.9),
        ("What does the table show for dialyser imports in 2022?", 44.8),
    ],
)
def test_words_of_how_a_figure_is_asked_are_not_another_figure(
    kenya: Assistant, question: str, number: float
) -> None:
    answer = kenya.ask(question)
    assert answer.value is not None, answer.answer
    assert answer.value.number == pytest.approx(number), answer.answer
