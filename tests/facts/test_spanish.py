"""Spanish figure questions: operations by Spanish words, metrics by meaning.

The meaning is a fake here (word overlap with a tiny dictionary stands in for the
multilingual encoder); tests/test_spanish.py runs the real one.
"""

from __future__ import annotations

from assistant.facts.spanish import parse_spanish_question

LABELS = ["Total Imports", "Imports from the United States", "Total Exports", "Exchange Rates"]
MEANS = {
    "exportaciones": {"Total Exports": 0.9, "Total Imports": 0.5},
    "importaciones": {"Total Imports": 0.7, "Imports from the United States": 0.6},
    "estados unidos": {"Imports from the United States": 0.8},
}


def similarity(question: str) -> dict[str, float]:
    found: dict[str, float] = {}
    lowered = question.lower()
    for word, sims in MEANS.items():
        if word in lowered:
            for label, sim in sims.items():
                found[label] = max(found.get(label, 0.0), sim)
    if "estados unidos" in lowered:
        found["Imports from the United States"] = 0.95
    return found


def test_a_lookup_by_meaning() -> None:
    query = parse_spanish_question(
        "¿Cuáles fueron las exportaciones totales en 2022?", LABELS, similarity
    )
    assert query is not None
    assert (query.operation, query.metrics, query.periods) == (
        "lookup",
        ("Total Exports",),
        ("2022",),
    )


def test_a_change_over_a_spanish_range() -> None:
    query = parse_spanish_question(
        "¿Cuánto crecieron las importaciones de Estados Unidos entre 2020 y 2023?",
        LABELS,
        similarity,
    )
    assert query is not None
    assert query.operation == "change" and query.is_range
    assert query.metrics == ("Imports from the United States",) and query.periods == (
        "2020",
        "2023",
    )


def test_operations_in_spanish() -> None:
    asked = {
        "¿Cuál fue el promedio de las exportaciones entre 2021 y 2023?": "average",
        "¿En qué año fueron más altas las exportaciones?": "max",
        "¿Cuál fue la tasa de crecimiento anual compuesta de las exportaciones de 2020 a 2024?": "cagr",
        "¿Cuál fue el cambio porcentual de las exportaciones de 2020 a 2024?": "percent_change",
        "¿Cuáles fueron las exportaciones en 2021 en pesos?": "convert",
    }
    for question, operation in asked.items():
        query = parse_spanish_question(question, LABELS, similarity)
        assert query is not None and query.operation == operation, question


def test_a_balance_is_exports_minus_imports() -> None:
    query = parse_spanish_question("¿Cuál fue la balanza comercial en 2021?", LABELS, similarity)
    assert query is not None
    assert query.operation == "difference" and query.metrics == ("Total Exports", "Total Imports")


def test_questions_that_name_no_metric_are_not_figure_questions() -> None:
    for question in (
        "¿Quién es Héctor Barillas?",
        "¿Cuánto gasta México en salud?",
        "¿Qué es COFEPRIS?",
    ):
        assert parse_spanish_question(question, LABELS, similarity) is None
    assert parse_spanish_question("¿Cuáles fueron las exportaciones en 2022?", LABELS, None) is None
