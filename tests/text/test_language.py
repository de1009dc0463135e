"""The language of a question: lingua, with names and numbers left out."""

from __future__ import annotations

import pytest

from assistant.answer.phrases import PHRASES, say, scale_word
from assistant.text.language import detect_language


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("¿Qué instituciones aplican inmunoterapia personalizada?", "es"),
        ("¿Quién es Héctor Barillas?", "es"),
        ("Who is Héctor Barillas?", "en"),  # a Spanish name in an English question
        ("What is COFEPRIS?", "en"),
        ("¿Qué es COFEPRIS?", "es"),
        ("¿Cuándo es la World Health Expo?", "es"),
        ("How much did imports fall from 2020 to 2022?", "en"),
    ],
)
def test_the_language_is_told_by_the_words_around_names(question: str, language: str) -> None:
    assert detect_language(question) == language


@pytest.mark.parametrize("question", ["¿Y en 2023?", "2022?", "And 2023?"])
def test_a_question_too_short_to_tell_keeps_the_conversation_language(question: str) -> None:
    assert detect_language(question, fallback="es") == "es"
    assert detect_language(question, fallback="en") == "en"


def test_every_phrase_exists_in_every_language_with_the_same_fields() -> None:
    import string

    fields = {
        lang: {
            key: {f for _, f, _, _ in string.Formatter().parse(text) if f}
            for key, text in phrases.items()
        }
        for lang, phrases in PHRASES.items()
    }
    assert fields["es"] == fields["en"]


def test_spanish_phrases_and_scale_words() -> None:
    assert (
        say("es", "no_answer", question="¿Qué?")
        == "Los informes no contienen una respuesta a «¿Qué?»."
    )
    assert scale_word("es", "US$8.4 billion") == "US$8.4 mil millones"
    assert scale_word("en", "US$8.4 billion") == "US$8.4 billion"
