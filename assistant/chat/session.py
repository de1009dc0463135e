"""A conversation: the turns asked so far and the standalone question each became."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from assistant.errors import QuestionError
from assistant.types import Answer

MAX_QUESTION_CHARS = 2000


class Answerer(Protocol):
    """Answers one standalone question."""

    def answer(self, question: str, *, interpreted_as: str | None = None) -> Answer: ...


@dataclass(frozen=True)
class Turn:
    question: str
    answer: Answer


@dataclass
class Session:
    """Turns of one conversation; `ask` answers the next question in its context."""

    answerer: Answerer
    turns: list[Turn] = field(default_factory=list)

    def ask(self, question: str) -> Answer:
        """Answer `question`; raises `QuestionError` when it is empty or too long."""
        text = validate_question(question)
        answer = self.answerer.answer(question, interpreted_as=text)
        self.turns.append(Turn(question, answer))
        return answer

    def reset(self) -> None:
        self.turns.clear()


def validate_question(question: str) -> str:
    """The question with whitespace tidied, or `QuestionError` saying what is wrong."""
    text = " ".join(question.split())
    if not text:
        raise QuestionError("empty question: type a question about the briefs")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"question too long ({len(text)} characters; at most {MAX_QUESTION_CHARS})"
        )
    return text
