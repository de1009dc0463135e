from __future__ import annotations

import pytest

from assistant.facts.query import expand_acronyms, parse_question, rank_labels

LABELS = ["Total Imports", "Imports from the United States", "Total Exports", "Exchange Rates"]
OTHER = ["Coffee Exports", "Price Index"]


@pytest.mark.parametrize(
    ("question", "operation", "metrics", "periods"),
    [
        ("What were total exports in 2021?", "lookup", ("Total Exports",), ("2021",)),
        ("U.S. imports 2020 to 2024", "series", ("Imports from the United States",), ("2020", "2024")),
        ("How much did imports fall from 2020 to 2022?", "change", ("Total Imports",), ("2020", "2022")),
        ("What share of imports came from the U.S. in 2020?", "share",
         ("Imports from the United States", "Total Imports"), ("2020",)),
        ("What was the trade balance in 2022?", "difference", ("Total Exports", "Total Imports"), ("2022",)),
        ("Exports in 2023 in pesos", "convert", ("Total Exports",), ("2023",)),
        ("CAGR of total exports 2020-2024", "cagr", ("Total Exports",), ("2020", "2024")),
        ("Average exchange rate", "average", ("Exchange Rates",), ()),
    ],
)  # fmt: skip
def test_parse(question: str, operation: str, metrics: tuple, periods: tuple) -> None:
    query = parse_question(question, LABELS)
    assert query is not None
    assert (query.operation, query.metrics, query.periods) == (operation, metrics, periods)


def test_other_metrics_and_years_work_the_same() -> None:
    query = parse_question("How did coffee exports change from 2015 to 2017?", OTHER)
    assert query is not None
    assert (query.operation, query.metrics) == ("change", ("Coffee Exports",))


def test_text_questions_are_not_figure_questions() -> None:
    assert parse_question("Who is Jorge Melendez?", LABELS) is None
    assert parse_question("What does Mexico import?", LABELS) is None


def test_acronyms_expand_only_to_label_words() -> None:
    assert expand_acronyms("U.S. imports and US$5", LABELS) == "United States imports and US$5"


def test_meaning_breaks_a_tie_when_words_are_unexplained() -> None:
    def similarity(question: str) -> dict[str, float]:
        return {"Total Imports": 0.6, "Imports from the United States": 0.82}

    ranked = rank_labels("imports from America in 2021", LABELS, similarity=similarity)
    assert ranked[0][0] == "Imports from the United States"
    assert rank_labels("imports in 2021", LABELS, similarity=similarity)[0][0] == "Total Imports"
