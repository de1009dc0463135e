"""A sentence that introduces a table ("... allocated as follows:") answers nothing alone:
asked what the table lists, the answer quotes it with the table's rows, and names them."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant
from assistant.answer.compose import ANNOUNCES_SOME
from tests.answer.test_figures import briefs_in

REPORT = (
    "Harbor Payments annual report\n\n"
    "Revenue grew in every market we serve.\n\n"
    "The following table presents total external revenues by geographic location, based on"
    " the location of our merchants:\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n"
    "| Canada | 120 | 100 |\n| United States | 80 | 60 |\n| Rest of World | 15 | 11 |\n"
    "| Total | 215 | 171 |\n\n"
    "The following table summarizes our net cash flows from operating, investing and financing"
    " activities for the years indicated:\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n"
    "| Operating activities | 54 | 40 |\n| Investing activities | (20) | (18) |\n"
    "| Financing activities | (9) | (7) |\n| Total | 25 | 15 |\n\n"
    "Our priorities for the coming year are these:\n\n"
    "We will open two offices in Lima and hire forty engineers.\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("lead-ins"), {"harbor.md": REPORT})


def test_a_table_lead_in_is_quoted_with_its_rows(report: Assistant) -> None:
    rows = ["Operating activities", "Investing activities", "Financing activities"]
    answer = report.ask("What are the components of the net cash flows?")
    assert answer.kind == "passage", answer.answer
    assert answer.citations[0].text.endswith("for the years indicated:"), answer.answer
    quoted = [c.text for c in answer.citations[1:]]
    assert all(any(c.startswith(f"| {row} |") for c in quoted) for row in rows), answer.answer
    assert answer.value is not None and answer.value.text == "; ".join(rows)


def test_the_rows_a_question_names_the_table_of_are_listed(report: Assistant) -> None:
    answer = report.ask(
        "Which countries are shown in the table of total external revenues by location?"
    )
    assert all(row in answer.answer for row in ["Canada", "United States", "Rest of World"])


def test_a_sentence_not_before_a_table_is_quoted_alone(report: Assistant) -> None:
    answer = report.ask("Did revenue grow in every market?")
    assert [c.text for c in answer.citations] == ["Revenue grew in every market we serve."]
    answer = report.ask("What are the priorities for the coming year?")
    assert not any(c.text.startswith("|") for c in answer.citations), answer.answer


EXTRACTED = (
    "Harbor Payments: staff\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n"
    "| Engineers | 120 | 100 |\n| Sales staff | 80 | 60 |\n| Support staff | 15 | 11 |\n\n"
    "Headcount grew in every team.\n\n"
    "The company's employees at the end of each year were as follows:\n\n"
    "Our plans for next year are these:\n\n"
    "We will open two offices in Lima.\n"
)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """A brief whose one table was set apart from the sentence introducing it (as a PDF's
    or a report extract's text places tables apart from the paragraphs)."""
    return briefs_in(tmp_path_factory.mktemp("extracted"), {"staff.md": EXTRACTED})


def test_a_lead_in_set_apart_from_the_briefs_only_table_is_quoted_with_its_rows(
    extracted: Assistant,
) -> None:
    answer = extracted.ask("What are the types of employees of the company?")
    assert answer.citations[0].text.endswith("were as follows:"), answer.answer
    rows = ["Engineers", "Sales staff", "Support staff"]
    assert answer.value is not None and answer.value.text == "; ".join(rows), answer.answer


def test_a_lead_in_that_names_no_table_stays_alone(extracted: Assistant) -> None:
    answer = extracted.ask("What are the plans for next year?")
    assert not any(c.text.startswith("|") for c in answer.citations), answer.answer


GUIDE = (
    "# Selling sterilizers in Romania\n\n"
    "Hospitals buy through public tenders.\n\n"
    "To place a sterilizer on the Romanian market, a foreign manufacturer follows these steps:\n\n"
    "1. Obtain CE marking under the EU MDR.\n"
    "2. Appoint a Romanian distributor licensed by the AMDR.\n"
    "3. Register on the national e-procurement platform.\n\n"
    "## Risks\n\n"
    "Foreign suppliers should weigh several risks. Late payment is the most serious. Appeals"
    " by losing bidders can delay awards by months. Finally, recovery funds may lapse.\n\n"
    "## Outlook\n\n"
    "Demand should keep growing.\n"
)


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("guide"), {"guide.md": GUIDE})


def test_a_sentence_announcing_a_list_is_quoted_with_every_item(guide: Assistant) -> None:
    answer = guide.ask("What steps does a foreign manufacturer follow to place a sterilizer?")
    said = [c.text for c in answer.citations]
    assert said[0].endswith("follows these steps:"), answer.answer
    assert said[1:] == [
        "1. Obtain CE marking under the EU MDR.",
        "2. Appoint a Romanian distributor licensed by the AMDR.",
        "3. Register on the national e-procurement platform.",
    ]


def test_a_sentence_announcing_uncounted_things_is_quoted_with_its_paragraph(
    guide: Assistant,
) -> None:
    answer = guide.ask("Which risks should foreign suppliers weigh?")
    said = [c.text for c in answer.citations]
    assert said[0] == "Foreign suppliers should weigh several risks.", answer.answer
    assert said[1:] == [
        "Late payment is the most serious.",
        "Appeals by losing bidders can delay awards by months.",
        "Finally, recovery funds may lapse.",
    ]
    assert "Demand should keep growing" not in answer.answer


CAUSES = (
    "# Dialysis in Georgia\n\n"
    "## Demand\n\n"
    "Nephrologists point to several causes behind the rising number of patients on dialysis."
    " The most important is diabetes. An ageing population adds to the pool. Finally, a"
    " screening campaign finds patients earlier.\n\n"
    "## Capacity\n\n"
    "A number of clinics in the capital were closed last year. Two reopened in March.\n"
)


def test_things_announced_with_what_they_are_behind_are_quoted_with_the_paragraph(
    tmp_path: Path,
) -> None:
    answer = briefs_in(tmp_path, {"georgia.md": CAUSES}).ask(
        "Why are more people in Georgia needing dialysis? what are the causes"
    )
    said = [c.text for c in answer.citations]
    assert said[0].startswith("Nephrologists point to several causes"), answer.answer
    assert "The most important is diabetes." in said, answer.answer
    assert "Finally, a screening campaign finds patients earlier." in said, answer.answer


@pytest.mark.parametrize(
    ("sentence", "announces"),
    [
        ("Foreign suppliers should weigh several risks.", True),
        ("Nephrologists point to several causes behind the rising number of patients.", True),
        ("A number of clinics in the capital were closed last year.", False),
        ("Several hospitals in Tbilisi have opened units.", False),
    ],
)
def test_what_announces_uncounted_things(sentence: str, announces: bool) -> None:
    assert (ANNOUNCES_SOME.search(sentence) is not None) is announces
