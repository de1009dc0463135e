"""The language a question is asked in: English or Spanish, told by lingua.

Names and numbers are left out first ("Who is Héctor Barillas?" is English), and a
question too short to tell ("¿Y en 2023?") keeps the language of the conversation.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from assistant.text.names import find_names
from assistant.types import Language

__all__ = ["Language", "detect_language"]
SURE = 0.75
"""Confidence lingua must have to change the language of a conversation."""
NUMBERS = re.compile(r"[\d.,%$€]+")


@cache
def _detector() -> Any:
    from lingua import Language as Lingua
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Lingua.ENGLISH, Lingua.SPANISH).build()


def detect_language(text: str, *, fallback: Language = "en") -> Language:
    """ "es" or "en"; `fallback` when the words left are too few to be sure."""
    for name in find_names(text):
        text = text.replace(name, " ")
    text = NUMBERS.sub(" ", text)
    if len(text.split()) == 0:
        return fallback
    best = _detector().compute_language_confidence_values(text)[0]
    if best.value < SURE:
        return fallback
    return "es" if best.language.name == "SPANISH" else "en"
