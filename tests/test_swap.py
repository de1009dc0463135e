"""The question's steps can be swapped in one line: an evidence scorer, the answerers, a
table parser. Each fake changes the answers the way it should."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pytest

from assistant import Assistant, Settings
from assistant.answer.answerers import Answerer
from assistant.answer.scorer import BlendScorer, Evidence
from assistant.ingest.build import ingest
from assistant.retrieve.hybrid import Candidates
from assistant.snapshot import IndexSnapshot
from assistant.text.question import Question
from assistant.text.table_reader import TableReader
from assistant.text.tables import Table
from assistant.types import Answer, Unit
from tests.fakes import HashingEmbedder, widget_brief


@pytest.fixture
def settings(tmp_settings: Settings) -> Settings:
    (tmp_settings.corpus_dir / "widgets.md").write_text(widget_brief(), encoding="utf-8")
    return tmp_settings


class DoubtfulScorer(BlendScorer):
    """Ranks as the blend does, but is never sure enough to quote."""

    def threshold(self, question: Question) -> float:
        return float("inf")


class LastFirstScorer(BlendScorer):
    """Ranks candidates by their position in the brief, last first."""

    def rank(self, question: Question, candidates: Candidates) -> list[Evidence]:
        ranked = super().rank(question, candidates)
        return sorted(ranked, key=lambda e: -e.unit.start)

    def confidence(self, question: Question, best: Evidence) -> float:
        return 1.0


class ReversedColumns:
    """Reads tables as the pipe parser does, with the period columns in reverse order."""

    def parse(self, block: Sequence[Unit]) -> Table | None:
        table = TableReader().parse(block)
        if table is None:
            return None
        periods = [c.period for c in table.columns][::-1]
        columns = tuple(
            dataclasses.replace(c, period=p) for c, p in zip(table.columns, periods, strict=False)
        )
        return dataclasses.replace(table, columns=columns)


class NoTables:
    def parse(self, block: Sequence[Unit]) -> Table | None:
        return None


def test_the_default_scorer_quotes_the_sentence(settings: Settings) -> None:
    assistant = Assistant.open(settings, embedder=HashingEmbedder())
    answer = assistant.ask("When does the widget council meet?")
    assert answer.kind == "passage"
    assert answer.citations[0].text == "The widget council meets every March in Lima."


def test_a_scorer_that_is_never_sure_abstains(settings: Settings) -> None:
    assistant = Assistant.open(
        settings, embedder=HashingEmbedder(), scorer=DoubtfulScorer(settings)
    )
    answer = assistant.ask("When does the widget council meet?")
    assert answer.abstained
    assert answer.related[0].text == "The widget council meets every March in Lima."


def test_a_scorer_that_ranks_otherwise_quotes_otherwise(settings: Settings) -> None:
    assistant = Assistant.open(
        settings, embedder=HashingEmbedder(), scorer=LastFirstScorer(settings)
    )
    answer = assistant.ask("Who chairs the widget council?")
    assert answer.kind == "passage"
    assert answer.citations[0].text == "Source: Widget Board"  # the brief's last line
    default = Assistant.open(settings, embedder=HashingEmbedder())
    chair = default.ask("Who chairs the widget council?")
    assert chair.citations[0].text == "Ann Lee chairs the widget council since 2019."


def test_answerers_are_a_list_to_change(settings: Settings) -> None:
    def passages_only(snapshot: IndexSnapshot) -> Sequence[Answerer]:
        return (snapshot.passage_answerer,)

    figure = "What were widget exports in 2021?"
    assert Assistant.open(settings, embedder=HashingEmbedder()).ask(figure).kind == "fact"
    assistant = Assistant.open(settings, embedder=HashingEmbedder(), answerers=passages_only)
    assert assistant.ask(figure).kind != "fact"


def test_answerers_that_pass_let_the_next_one_answer(settings: Settings) -> None:
    class Echo:
        def answer(self, question: Question) -> Answer | None:
            if "echo" not in question.terms:
                return None
            return Answer(question.asked, question.text, "echo", "abstain")

    def echo_first(snapshot: IndexSnapshot) -> Sequence[Answerer]:
        return (Echo(), snapshot.passage_answerer)

    assistant = Assistant.open(settings, embedder=HashingEmbedder(), answerers=echo_first)
    assert assistant.ask("Please echo this").answer == "echo"
    assert assistant.ask("When does the widget council meet?").kind == "passage"


def test_the_table_parser_decides_the_figures(settings: Settings) -> None:
    embedder = HashingEmbedder()
    question = "What were widget exports in 2021?"
    assert "US$14 million [1]" in Assistant.open(settings, embedder=embedder).ask(question).answer

    assert ingest(settings, embedder=embedder, tables=ReversedColumns()).rebuilt  # read anew
    reversed_ = Assistant.open(settings, embedder=embedder, tables=ReversedColumns())
    answer = reversed_.ask(question)
    assert answer.kind == "fact"
    assert "US$12.5 million [1]" in answer.answer

    ingest(settings, embedder=embedder, tables=NoTables())
    assert Assistant.open(settings, embedder=embedder).list_facts(metric="widget") == []
