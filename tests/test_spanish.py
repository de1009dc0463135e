"""Spanish questions over the English briefs, with the real encoders (model tier)."""

from __future__ import annotations

import sqlite3

import pytest

from assistant import Assistant, Settings
from assistant.ingest.build import ingest
from assistant.storage.crosslingual import FILE
from tests.conftest import serving
from tests.fakes import HashingEmbedder
from tests.test_contract import check_contract

pytestmark = pytest.mark.model


def test_a_spanish_question_gets_verbatim_english_quotes_framed_in_spanish(
    real_assistant: Assistant, real_settings: Settings
) -> None:
    answer = real_assistant.ask("¿Cuándo es la World Health Expo?")
    assert answer.language == "es" and answer.kind == "passage"
    assert answer.answer.startswith("Según los informes (citas textuales, en inglés):\n“")
    assert answer.citations[0].text == "- World Health Expo: June 17-19, 2026. Miami."
    check_contract(answer, real_settings.corpus_dir)


def test_a_spanish_figure_question_resolves_to_the_same_fact(real_assistant: Assistant) -> None:
    spanish = real_assistant.ask("¿Cuánto cayeron las importaciones totales de 2020 a 2022?")
    english = real_assistant.ask("How much did total imports fall from 2020 to 2022?")
    assert spanish.calculation == english.calculation
    assert [f.to_dict() for f in spanish.facts] == [f.to_dict() for f in english.facts]
    assert "bajó" in spanish.answer and "mil millones" in spanish.answer
    assert "fell" in english.answer and "billion" in english.answer


def test_a_spanish_follow_up_keeps_spanish(real_assistant: Assistant) -> None:
    session = real_assistant.session()
    session.ask("¿Cuáles fueron las exportaciones totales en 2021?")
    answer = session.ask("¿Y en 2023?")
    assert answer.interpreted_as == "¿Cuáles fueron las exportaciones totales en 2023?"
    assert answer.language == "es" and "US$8.91 mil millones" in answer.answer


def test_a_spanish_question_the_briefs_cannot_answer_is_an_abstention_in_spanish(
    real_assistant: Assistant,
) -> None:
    answer = real_assistant.ask("¿Quién ganó la Copa Mundial de la FIFA 2022?")
    assert answer.abstained
    assert answer.answer.startswith("Los informes no contienen una respuesta a «")


def test_english_questions_keep_the_english_path(real_assistant: Assistant) -> None:
    answer = real_assistant.ask("When is the World Health Expo?")
    assert answer.language == "en"
    assert answer.answer == "- World Health Expo: June 17-19, 2026. Miami [1]."


def test_an_index_without_multilingual_vectors_answers_in_english(tmp_settings: Settings) -> None:
    (tmp_settings.corpus_dir / "beta.txt").write_text("Beta runs 12 clinics in Lima.\n")
    ingest(tmp_settings, embedder=HashingEmbedder())
    answer = Assistant.open(tmp_settings, embedder=HashingEmbedder()).ask(
        "¿Cuántas clínicas tiene Beta?"
    )
    assert answer.language == "en"


def test_missing_multilingual_vectors_are_found_on_open_and_rebuilt(tmp_settings: Settings) -> None:
    settings = tmp_settings.with_(multilingual=True)
    (settings.corpus_dir / "beta.txt").write_text("Beta runs 12 clinics in Lima.\n")
    ingest(settings, embedder=HashingEmbedder())
    db = sqlite3.connect(serving(settings) / FILE)
    db.execute("DELETE FROM chunks")
    db.commit()
    db.close()
    lines: list[str] = []
    assistant = Assistant.open(settings, embedder=HashingEmbedder(), progress=lines.append)
    assert lines[0] == (
        "The index is damaged (the multilingual vectors cover 0 chunks of 1): rebuilding it"
    )
    assert assistant.check() == []


def test_two_metrics_asked_in_spanish_are_both_answered(real_assistant: Assistant) -> None:
    answer = real_assistant.ask(
        "¿Cuáles fueron las exportaciones totales y las importaciones totales en 2021?"
    )
    assert answer.kind == "fact" and answer.language == "es", answer.answer
    assert "7,93" in answer.answer or "7.93" in answer.answer
    assert "11,2" in answer.answer or "11.2" in answer.answer
    one = real_assistant.ask("¿Cuáles fueron las importaciones de Estados Unidos y Canadá en 2021?")
    assert "Total Exports" not in one.answer
