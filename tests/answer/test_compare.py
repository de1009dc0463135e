"""Two metrics asked in one question ("exports and imports in 2021") are both answered,
each cited, with how far apart they are; one metric asked stays a lookup."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.answer.answerers import FigureAnswerer
from assistant.facts.query import rank_labels
from assistant.snapshot import default_answerers
from tests.answer.test_figures import briefs_in

TRADE = (
    "Trade of Norland\n"
    "Table: Medical device trade (USD Billions)\n"
    "| 2020 | 2021 | 2022 | |\n"
    "| Total Imports | 12.1 | 11.2 | 10.25 |\n"
    "| Imports from the United States | 2.57 | 2.75 | 2.55 |\n"
    "| Total Exports | 7.38 | 7.93 | 8.4 |\n"
    "Source: Norland statistics office\n"
)


@pytest.fixture(scope="module")
def trade(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("trade"), {"trade.md": TRADE})


@pytest.mark.parametrize(
    "question",
    [
        "What were total exports and total imports in 2021?",
        "Compare exports and imports in 2021.",
        "How did exports compare with imports in 2021?",
        "Total imports versus total exports in 2021?",
        "Were imports higher than exports in 2021?",
        "In 2021, were Norland's imports bigger than its exports, and by how much?",
    ],
)
def test_two_metrics_named_are_both_answered_and_compared(trade: Assistant, question: str) -> None:
    answer = trade.ask(question)
    assert answer.kind == "fact", answer.answer
    assert "US$7.93 billion" in answer.answer and "US$11.2 billion" in answer.answer
    assert "US$3.27 billion" in answer.answer  # how far apart, shown
    assert "11.2 - 7.93 = 3.27" in (answer.calculation or "")
    rows = {c.text for c in answer.citations}
    assert "| Total Exports | 7.38 | 7.93 | 8.4 |" in rows
    assert "| Total Imports | 12.1 | 11.2 | 10.25 |" in rows
    assert answer.value is not None and answer.value.number is None
    assert answer.value.text == "US$7.93 billion; US$11.2 billion" or answer.value.text == (
        "US$11.2 billion; US$7.93 billion"
    )


@pytest.mark.parametrize(
    "question",
    [
        "What were total exports in 2021 and 2022?",
        "What were imports from the United States and Canada in 2021?",
        "How did total exports in 2021 compare with 2020?",
    ],
)
def test_one_metric_is_not_a_comparison(trade: Assistant, question: str) -> None:
    answer = trade.ask(question)
    if answer.abstained:  # "Canada", which no brief names: refused, naming the rows held
        assert "Canada" in answer.answer, answer.answer
        return
    assert "Total Imports" not in answer.answer or "Total Exports" not in answer.answer


def test_a_row_qualifier_named_alone_does_not_answer_with_the_row(trade: Assistant) -> None:
    # "United States" qualifies "Imports"; a question about exporters' opportunities there
    # does not ask for imports
    answer = trade.ask("What are the opportunities for United States exporters in 2021?")
    assert answer.kind != "fact", answer.answer
    assert trade.ask("What were imports from the United States in 2021?").kind == "fact"


def test_no_change_is_zero_not_minus_zero(tmp_path_factory: pytest.TempPathFactory) -> None:
    flat = "| | 2018 | 2019 |\n|---|---|---|\n| Amounts owed to members | (0.1) | (0.1) |\n"
    answer = briefs_in(tmp_path_factory.mktemp("zero"), {"flat.md": flat}).ask(
        "What is the percentage change in the amounts owed to members from 2018 to 2019?"
    )
    assert answer.value is not None and str(answer.value.number) == "0.0", answer.answer


def test_a_pair_of_rows_with_no_period_in_common_is_refused_not_an_error(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    apart = (
        "| | 2019 | 2018 |\n|---|---|---|\n| Revenue | 10 | 9 |\n\n"
        "| | As reported | Adjustments |\n|---|---|---|\n| Costs | 3 | 4 |\n"
    )
    answer = briefs_in(tmp_path_factory.mktemp("apart"), {"apart.md": apart}).ask(
        "What is the difference between revenue and costs?"
    )
    assert answer.kind in ("abstain", "fact", "passage"), answer.answer


def test_how_much_bigger_one_row_is_than_another_is_their_difference(trade: Assistant) -> None:
    answer = trade.ask("How much bigger were imports than exports in 2021?")
    assert answer.value is not None and answer.value.number == pytest.approx(3.27), answer.answer
    rows = {c.text for c in answer.citations}
    assert "| Total Exports | 7.38 | 7.93 | 8.4 |" in rows
    assert "| Total Imports | 12.1 | 11.2 | 10.25 |" in rows


def test_a_share_needs_its_part_named_by_words_of_its_own(trade: Assistant) -> None:
    """ "What share of imports are pharmaceuticals?": no row is pharmaceuticals, so not the
    share of the one part row the table has."""
    refused = trade.ask("What share of Norland's imports are pharmaceuticals versus devices?")
    assert "Imports from the United States" not in refused.answer.split("[")[0], refused.answer
    share = trade.ask("What share of total imports came from the United States in 2021?")
    assert share.value is not None and share.value.number == pytest.approx(24.55, abs=0.01)


def test_words_of_the_tables_caption_do_not_make_another_row_mean_more(trade: Assistant) -> None:
    """ "Norland's medical device imports": "medical device" is the caption's (what stands
    over every row), so the question still means Total Imports, and meaning is not asked
    to pick a row; the header row is not part of what stands over a label."""
    answer = trade.ask("What were Norland's medical device imports in 2022?")
    assert answer.value is not None and answer.value.number == 10.25, answer.answer
    figures = next(a for a in default_answerers(trade.snapshot) if isinstance(a, FigureAnswerer))
    over = figures.label_context["Imports from the United States"]
    assert "Table: Medical device trade (USD Billions)" in over and "2021" not in over

    def leaning(question: str) -> dict[str, float]:  # meaning that favours the part row
        return {"Total Imports": 0.2, "Imports from the United States": 0.9, "Total Exports": 0.1}

    labels = list(figures.label_context)
    said = "What were Norland's medical device imports in 2022?"
    ranked = rank_labels(said, labels, similarity=leaning, context=figures.label_context)
    assert ranked[0][0] == "Total Imports"
    assert rank_labels(said, labels, similarity=leaning)[0][0] != "Total Imports"


HOLDINGS = (
    "Board shareholdings\n\n"
    "| Name of Beneficial Owner | Number of Shares Beneficially Owned | Percent Owned |\n"
    "|---|---|---|\n| Directors and Officers |  |  |\n"
    "| Ana M. Ruiz(1) | 12,400 | * |\n| Luis P. Vega(2) | 81,500 | 1.2 |\n"
    "| Marta Sol(3) | 3,020 | * |\n| All directors as a group (3 persons) | 96,920 | 1.4 |\n\n"
    "(1) Consists of 12,400 shares held directly.\n"
)


@pytest.mark.parametrize(
    "question",
    [
        "What are the number of shares beneficially owned by Ana M. Ruiz and Luis P. Vega"
        " respectively?",
        "What were the shares beneficially owned by Ana M. Ruiz and Luis P. Vega, respectively?",
    ],
)
def test_two_rows_asked_respectively_in_a_table_without_years_are_both_answered(
    tmp_path_factory: pytest.TempPathFactory, question: str
) -> None:
    holdings = briefs_in(tmp_path_factory.mktemp("holdings"), {"holdings.md": HOLDINGS})
    answer = holdings.ask(question)
    assert "12,400" in answer.answer and "81,500" in answer.answer, answer.answer
    rows = {c.text for c in answer.citations}
    assert "| Ana M. Ruiz(1) | 12,400 | * |" in rows, answer.answer
    assert "| Luis P. Vega(2) | 81,500 | 1.2 |" in rows, answer.answer
    assert "3,020" not in answer.answer


PAY = (
    "Officers' pay\n\n"
    "| | FY25 pay | |\n|---|---|---|\n| Officer | Base salary | Bonus target (%) |\n"
    "| Ana M. Ruiz(1) | 410,000 | 60 |\n| Luis P. Vega | 355,000 | 45 |\n\n"
    "(1) Chief executive since March.\n"
)


@pytest.mark.parametrize(
    "question",
    ["What is Luis P. Vega's base salary?", "What is the base salary of Luis P. Vega?"],
)
def test_a_row_named_in_the_possessive_asks_its_figure(
    tmp_path_factory: pytest.TempPathFactory, question: str
) -> None:
    pay = briefs_in(tmp_path_factory.mktemp("possessive"), {"pay.md": PAY})
    answer = pay.ask(question)
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None and "355,000" in answer.value.text, answer.answer
