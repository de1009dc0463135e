"""Four threads answer while an ingest in the same process switches versions five times:
no error, and every answer quotes one whole version of the brief."""

from __future__ import annotations

import threading

import pytest

from assistant import Answer, Assistant, Settings
from assistant.errors import StoreError
from assistant.ingest.build import ingest
from assistant.text.question import Question
from tests.fakes import HashingEmbedder, widget_brief

QUESTIONS = (
    "When does the widget council meet?",
    "Who chairs the widget council?",
    "What were widget exports in 2021?",
    "How much did widget exports change from 2020 to 2021?",
    "What is the population of Mars?",
)
THREADS = 4
SWITCHES = 5


def revision(number: int) -> str:
    """The brief as of one version: a longer note on top shifts every offset below it."""
    note = "Revised. " * number
    return f"{note}\n" + widget_brief(exports=14 + number)


def whole_version(answer: Answer, versions: list[str]) -> bool:
    """Whether one version's text holds every passage the answer cites or relates."""
    passages = answer.citations + answer.related
    return any(all(text[c.start : c.end] == c.text for c in passages) for text in versions)


def test_answers_read_one_whole_version_while_versions_switch(tmp_settings: Settings) -> None:
    embedder = HashingEmbedder()
    brief = tmp_settings.corpus_dir / "widgets.md"
    versions = [revision(0)]
    brief.write_text(versions[0], encoding="utf-8")
    ingest(tmp_settings, embedder=embedder)
    assistant = Assistant.open(tmp_settings, embedder=embedder)

    answers: list[Answer] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def keep_asking() -> None:
        while not stop.is_set():
            for question in QUESTIONS:
                try:
                    answers.append(assistant.ask(question))
                except BaseException as error:  # noqa: BLE001 - every error is a failure here
                    errors.append(error)

    threads = [threading.Thread(target=keep_asking) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    try:
        for number in range(1, SWITCHES + 1):
            answered = len(answers)
            versions.append(revision(number))
            brief.write_text(versions[-1], encoding="utf-8")
            report = ingest(tmp_settings, embedder=embedder)
            assert report.changed == ["widgets.md"]
            while len(answers) < answered + 2 * THREADS and not errors:  # answers meanwhile
                stop.wait(0.01)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    assert len(answers) >= 2 * THREADS * SWITCHES
    assert all(whole_version(answer, versions) for answer in answers)
    assert sum(a.kind == "fact" for a in answers) > 0
    latest = assistant.ask("What were widget exports in 2021?")
    assert f"US${14 + SWITCHES} million" in latest.answer  # the last version serves


def test_a_removed_version_is_never_read_as_an_empty_one(tmp_settings: Settings) -> None:
    embedder = HashingEmbedder()
    brief = tmp_settings.corpus_dir / "widgets.md"
    brief.write_text(revision(0), encoding="utf-8")
    ingest(tmp_settings, embedder=embedder)
    assistant = Assistant(tmp_settings, embedder=embedder)  # no check: the store is not open yet
    old = assistant.snapshot

    brief.write_text(revision(1), encoding="utf-8")
    ingest(tmp_settings, embedder=embedder)  # switches, then removes the old version
    assert not old.version.exists()
    with pytest.raises(StoreError, match="was removed"):
        old.answer(Question.analyse("When does the widget council meet?", language="en"))
    assert not old.version.exists()  # no empty store was made in its place
    answer = assistant.ask("When does the widget council meet?")
    assert answer.citations[0].text == "The widget council meets every March in Lima."
    assert whole_version(answer, [revision(1)])
