"""The port of the TAT-QA metric gives the authors' own test cases their expected scores."""

from __future__ import annotations

import pytest

from bench.tatqa_metric import score

# From the authors' tatqa_metric_test.py: (gold, prediction, predicted scale, EM, F1).
CASES = [
    (
        {"answer_type": "span", "answer": ["here is, a test"], "scale": ""},
        "here is, a test",
        "",
        1,
        1,
    ),
    ({"answer_type": "span", "answer": ["1234.1"], "scale": "million"}, "1234.1", "thousand", 0, 0),
    (
        {"answer_type": "span", "answer": ["12314.1"], "scale": "million"},
        "12314.1",
        "million",
        1,
        1,
    ),
    (
        {"answer_type": "multi-span", "answer": ["singapore", "china", "usa"], "scale": ""},
        ["china", "singapore", "usa"],
        "",
        1,
        1,
    ),
    (
        {"answer_type": "multi-span", "answer": ["singapore", "china", "usa"], "scale": ""},
        ["china", "singapore"],
        "",
        0,
        0.8,
    ),
    ({"answer_type": "arithmetic", "answer": 123.2, "scale": "million"}, 123.2, "", 0, 0),
    ({"answer_type": "arithmetic", "answer": 123.2, "scale": "million"}, 123200000, "", 1, 1),
    ({"answer_type": "arithmetic", "answer": 123.22, "scale": ""}, 123.2, "", 0, 0),
    ({"answer_type": "arithmetic", "answer": 123.2, "scale": ""}, 123.2010, "", 1, 1),
    ({"answer_type": "count", "answer": 5, "scale": ""}, 5, "", 1, 1),
    ({"answer_type": "arithmetic", "answer": 22.12, "scale": "percent"}, 0.2212, "", 1, 1),
    ({"answer_type": "arithmetic", "answer": 22.12, "scale": "percent"}, 22.1231, "percent", 1, 1),
    ({"answer_type": "arithmetic", "answer": 22.12, "scale": "percent"}, 22.1231, "", 0, 0),
    ({"answer_type": "span", "answer": [22.12], "scale": "percent"}, "22.12%", "", 1, 1),
    ({"answer_type": "span", "answer": [22.12], "scale": ""}, "22.12%", "", 0, 0),
    ({"answer_type": "span", "answer": [22.12], "scale": "million"}, "$22.12", "", 0, 0),
    ({"answer_type": "span", "answer": [22.12], "scale": ""}, "$22.12", "", 1, 1),
    (
        {"answer_type": "multi-span", "answer": ["$23,234", "$234.12"], "scale": ""},
        ["234.12", "23,234"],
        "",
        1,
        1,
    ),
    (
        {
            "answer_type": "span",
            "answer": [
                "wages and salaries, social security costs, pension and other costs and share-based payments, see note 10 of the Financial Statements"
            ],
            "scale": "",
        },
        [
            "wages and salaries, social security costs, pension and other costs and share - based payments,"
        ],
        "",
        0,
        0.67,
    ),
]


@pytest.mark.parametrize(("gold", "prediction", "scale", "em", "f1"), CASES)
def test_the_port_scores_the_authors_cases_as_they_do(gold, prediction, scale, em, f1):
    assert score(gold, prediction, scale) == (em, f1)
