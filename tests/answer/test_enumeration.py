"""A sentence that announces how many things follow ("two main risks") is answered with
the sentences that name them ("The first is ...", "The second is ..."), each cited."""

from __future__ import annotations

from assistant import Assistant, Settings
from assistant.answer.enumeration import enumerated, named_in
from assistant.ingest.build import ingest
from assistant.ingest.chunk import split_into_units
from assistant.types import Unit
from tests.fakes import HashingEmbedder

BRIEF = (
    "Port logistics in Peru\n\n"
    "Shipping through Callao grew in 2025.\n\n"
    "Importers of hospital beds name two main risks for the coming year.\n\n"
    "The first is congestion. Ships wait four days on average before they berth.\n\n"
    "The second is the exchange rate. A weaker sol raises landed costs.\n\n"
    "Lima remains the main market.\n"
)


def units_of(text: str) -> list[Unit]:
    return [
        Unit(str(i), "c", "peru.txt", s.start, s.end, text[s.start : s.end], s.kind, s.block)
        for i, s in enumerate(split_into_units(text))
    ]


def test_the_sentences_an_announcing_sentence_counts_are_found_in_order() -> None:
    units = units_of(BRIEF)
    at = next(i for i, u in enumerate(units) if "two main risks" in u.text)
    found = enumerated(units[at], units[at + 1 :])
    assert [u.text for u in found] == [
        "The first is congestion.",
        "The second is the exchange rate.",
    ]
    assert [named_in(u.text) for u in found] == ["congestion", "the exchange rate"]


def test_no_enumeration_without_every_ordinal_the_count_promises() -> None:
    units = units_of(BRIEF.replace("The second is", "Another is"))
    at = next(i for i, u in enumerate(units) if "two main risks" in u.text)
    assert enumerated(units[at], units[at + 1 :]) == []
    plain = next(u for u in units if "Callao" in u.text)
    assert enumerated(plain, units) == []


def test_a_question_about_the_announced_things_gets_each_of_them(tmp_settings: Settings) -> None:
    (tmp_settings.corpus_dir / "peru.txt").write_text(BRIEF, encoding="utf-8")
    settings = tmp_settings.with_(scorer="blend", abstain_below=0.0)
    ingest(settings, embedder=HashingEmbedder())
    assistant = Assistant.open(settings, embedder=HashingEmbedder())
    answer = assistant.ask("What are the two main risks importers of hospital beds name?")
    quoted = [c.text for c in answer.citations]
    assert "The first is congestion." in quoted
    assert "The second is the exchange rate." in quoted
    assert answer.value is not None and answer.value.text == "congestion; the exchange rate"
