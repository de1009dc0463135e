"""A conversation: the turns asked so far and the standalone question each became."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from assistant.answer.phrases import say
from assistant.chat.resolve import TurnState, resolve, state_of
from assistant.text.language import Language, detect_language
from assistant.text.question import Question, validate_question
from assistant.types import Answer


class Responder(Protocol):
    """What a conversation asks: the assistant (answers questions, knows its metrics)."""

    def answer(self, question: Question) -> Answer: ...

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

    answerer: Responder
    turns: list[Turn] = field(default_factory=list)
    sources: frozenset[str] = frozenset()
    """The briefs this conversation searches (by source name); empty: every brief."""

    def ask(self, question: str, *, sources: Iterable[str] | None = None) -> Answer:
        """Answer `question`, resolving it against the earlier turns when it is a follow-up,
        from the briefs `sources` (default: the conversation's own choice).

        Raises `QuestionError` when it is empty or too long, or names an unknown brief.
        """
        text = validate_question(question)  # the one place a question is validated
        scope = self.sources if sources is None else frozenset(sources)
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
            answer = self._clarify(question, text, resolution.options, language, scope)
        else:
            standalone = Question.analyse(
                question, resolution.standalone, language=language, sources=scope
            )
            answer = self.answerer.answer(standalone)
        self._keep(question, answer)
        return answer

    def resume(self, turns: Iterable[tuple[str, Answer]]) -> None:
        """Carry on a conversation kept elsewhere: its questions and answers, in order."""
        for question, answer in turns:
            self._keep(question, answer)

    def _keep(self, question: str, answer: Answer) -> None:
        """The turn, with what a follow-up to it reads (its metric and quotes)."""
        metric = answer.facts[0].metric if answer.facts else None
        cited = [c.text for c in answer.citations]
        self.turns.append(Turn(question, answer, state_of(answer.interpreted_as, metric, cited)))

    def _language(self) -> Language:
        return self.turns[-1].answer.language if self.turns else "en"

    def _clarify(
        self,
        question: str,
        text: str,
        options: tuple[str, ...],
        language: Language,
        sources: frozenset[str],
    ) -> Answer:
        """Ask which one was meant instead of guessing; the closest passages as related."""
        closest = self.answerer.answer(
            Question.analyse(question, text, language=language, sources=sources)
        )
        listed = ", ".join(options[:-1]) + say(language, "or") + options[-1]
        return Answer(
            question=question,
            interpreted_as=text,
            answer=say(language, "which", options=listed),
            kind="abstain",
            related=closest.citations or closest.related,
            language=closest.language,
            searched=closest.searched,
        )

    def reset(self) -> None:
        self.turns.clear()
