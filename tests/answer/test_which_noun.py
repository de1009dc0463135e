""" "Which <things> ... most?" asks for things of that kind: a table whose rows are not such
things (one row's figures by year) does not answer it with its highest year; a sentence
naming them does."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Peru coronary stents\n\n"
    "Table: Stent imports (USD million)\n\n"
    "| Metric | 2022 | 2023 | 2024 |\n|---|---|---|---|\n"
    "| Drug-eluting stent imports | 31.0 | 34.5 | 38.2 |\n"
    "| Bare-metal stent imports | 6.1 | 5.4 | 4.9 |\n\n"
    "Most imported stents come from Ireland and the United States.\n"
)


@pytest.fixture(scope="module")
def stents(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("stents"), {"stents.md": BRIEF})


def test_which_things_are_not_a_rows_highest_year(stents: Assistant) -> None:
    answer = stents.ask("Which countries supply most of the drug-eluting stents Peru imports?")
    assert answer.kind != "fact", answer.answer
    # quoted among the passages (the row, sharing more words, still ranks first)
    assert any("Ireland" in c.text for c in answer.citations), answer.answer


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("In which year were drug-eluting stent imports highest?", "2024"),
        ("Which year had the most bare-metal stent imports?", "2022"),
    ],
)
def test_which_year_is_still_the_rows_highest_year(
    stents: Assistant, question: str, year: str
) -> None:
    answer = stents.ask(question)
    assert answer.kind == "fact" and answer.value is not None, answer.answer
    assert year in answer.value.text, answer.answer
