"""A conversation: the turns asked so far and the standalone question each became."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from assistant.answer.language import Language, detect_language
from assistant.answer.phrases import say
from assistant.chat.resolve import TurnState, resolve, state_of
from assistant.errors import QuestionError
from assistant.types import Answer

MAX_QUESTION_CHARS = 2000


class Answerer(Protocol):
    """Answers one standalone question and names the metrics its figures have."""

    def answer(
        self,
        question: str,
        *,
        interpreted_as: str | None = None,
        language: Language | None = None,
    ) -> Answer: ...

    def metric_labels(self) -> list[str]: ...

    def label_meaning(self) -> Callable[[str], dict[str, float]] | None:
        """Similarity of a phrase in any language to each metric label, if available."""
        ...


@dataclass(frozen=True)
class Turn:
    question: str
    answer: Answer
    state: TurnState


@dataclass
class Session:
    """Turns of one conversation; `ask` answers the next question in its context."""

    answerer: Answerer
    turns: list[Turn] = field(default_factory=list)

    def ask(self, question: str) -> Answer:
        """Answer `question`, resolving it against the earlier turns when it is a follow-up.

        Raises `QuestionError` when it is empty or too long.
        """
        text = validate_question(question)
        states = [t.state for t in self.turns]
        # A question too short to tell ("¿Y en 2023?") keeps the conversation's language.
        language = detect_language(text, fallback=self._language())
        resolution = resolve(
            text,
            states,
            self.answerer.metric_labels(),
            language=language,
            similarity=self.answerer.label_meaning() if language != "en" else None,
        )
        if resolution.options:
            answer = self._clarify(question, text, resolution.options, language)
        else:
            answer = self.answerer.answer(
                question, interpreted_as=resolution.standalone, language=language
            )
        metric = answer.facts[0].metric if answer.facts else None
        cited = [c.text for c in answer.citations]
        self.turns.append(Turn(question, answer, state_of(answer.interpreted_as, metric, cited)))
        return answer

    def _language(self) -> Language:
        return self.turns[-1].answer.language if self.turns else "en"

    def _clarify(
        self, question: str, text: str, options: tuple[str, ...], language: Language
    ) -> Answer:
        """Ask which one was meant instead of guessing; the closest passages as related."""
        closest = self.answerer.answer(question, interpreted_as=text, language=language)
        listed = ", ".join(options[:-1]) + say(language, "or") + options[-1]
        return Answer(
            question=question,
            interpreted_as=text,
            answer=say(language, "which", options=listed),
            kind="abstain",
            related=closest.citations or closest.related,
            language=closest.language,
        )

    def reset(self) -> None:
        self.turns.clear()


def validate_question(question: str) -> str:
    """The question with whitespace tidied and invisible characters (control and format
    characters: terminal escapes, zero-width or bidi marks) removed, or `QuestionError`."""
    if len(question) > 50 * MAX_QUESTION_CHARS:  # not worth cleaning character by character
        raise QuestionError(
            f"question too long ({len(question)} characters; at most {MAX_QUESTION_CHARS})"
        )
    visible = "".join(
        " " if ch.isspace() else ch for ch in question if ch.isspace() or not _invisible(ch)
    )
    text = " ".join(visible.split())
    if not text:
        raise QuestionError("empty question: type a question about the briefs")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"question too long ({len(text)} characters; at most {MAX_QUESTION_CHARS})"
        )
    return text


def _invisible(ch: str) -> bool:
    """Control, format, surrogate, private-use and unassigned characters."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")
