"""A question for a cause ("Why did X rise?", "What was the reason for the increase in X?",
"What drove X?") is answered with the sentence that gives the cause: a report states the
change in one sentence and explains it in the next ("The increase was primarily driven by
..."), and the change alone does not answer."""

from __future__ import annotations

import pytest

from assistant import Assistant
from tests.answer.test_figures import briefs_in

REPORT = (
    "Corvina Logistics annual report\n\n"
    "Freight revenues increased by 14% year-on-year to US$412 million in 2019. The increase"
    " was primarily driven by two new routes to Rotterdam and higher fuel surcharges.\n\n"
    "Warehouse costs decreased by US$3.1 million compared to 2018. This reflected the closure"
    " of the Valencia depot in March.\n\n"
    "Staff numbers rose to 1,240 at the end of 2019. We expect to hire 80 more drivers in"
    " 2020.\n\n"
    "Interest expense fell to US$9.8 million because the term loan was refinanced at a lower"
    " rate.\n\n"
    "Marta Quiroga, head of pricing, explained why the tariffs changed in 2019. Fuel prices"
    " doubled over the year, and two carriers left the market.\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("causes"), {"corvina.md": REPORT})


@pytest.mark.parametrize(
    ("question", "cause"),
    [
        ("What was the reason for the increase in freight revenues?", "two new routes"),
        ("Why did freight revenues increase in 2019?", "two new routes"),
        ("What drove the growth in freight revenues?", "two new routes"),
        ("Why did warehouse costs decrease?", "closure of the Valencia depot"),
        ("What led to the decrease in warehouse costs?", "closure of the Valencia depot"),
    ],
)
def test_a_cause_asked_is_answered_with_the_sentence_that_gives_it(
    report: Assistant, question: str, cause: str
) -> None:
    answer = report.ask(question)
    assert answer.kind == "passage", answer.answer
    assert cause in answer.answer, answer.answer
    text = report.source_text("corvina.md")
    for citation in answer.citations:
        assert citation.text == text[citation.start : citation.end]


def test_a_sentence_that_gives_its_own_cause_is_quoted_alone(report: Assistant) -> None:
    answer = report.ask("Why did interest expense fall?")
    assert [c.text for c in answer.citations] == [
        "Interest expense fell to US$9.8 million because the term loan was refinanced at a"
        " lower rate."
    ], answer.answer


def test_a_following_sentence_that_gives_no_cause_is_not_added(report: Assistant) -> None:
    answer = report.ask("Why did staff numbers rise?")
    assert "80 more drivers" not in answer.answer, answer.answer


def test_a_sentence_announcing_a_reason_is_quoted_with_the_reason(report: Assistant) -> None:
    # "X explained why Y." says there is a reason; the next sentence gives it
    answer = report.ask("Why does Marta Quiroga say the tariffs changed?")
    assert "explained why the tariffs changed" in answer.answer, answer.answer
    assert "Fuel prices doubled" in answer.answer, answer.answer
