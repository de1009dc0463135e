"""The answer that says the briefs do not hold one, with the closest passages."""

from __future__ import annotations

import re

from assistant.answer.cite import Span, make_citations
from assistant.answer.phrases import say
from assistant.answer.scorer import Evidence
from assistant.storage.passages import PassageTable
from assistant.text.question import Question
from assistant.types import Answer

RELATED = 3
URL = re.compile(r"(?:https?://|www\.)[^\s<>“”\"']+?(?=[?.!,;:)]*(?:\s|$))")
"""A web address, without the punctuation that ends the sentence around it."""


def echoed(question: str) -> str:
    """The question as an answer quotes it: a web address in it between < and >, so that
    no terminal or Markdown reader takes the closing quote into the link."""
    return URL.sub(lambda m: f"<{m.group()}>", question)


def abstention(question: Question, evidence: list[Evidence], passages: PassageTable) -> Answer:
    """An answer that says the briefs do not hold the answer, with the closest passages."""
    related = make_citations(
        [Span(e.unit.source, e.unit.start, e.unit.end, e.score) for e in evidence[:RELATED]],
        passages,
    )
    language = question.language
    text = say(language, "no_answer", question=echoed(question.text))
    if related:
        titles = list(dict.fromkeys(f"“{c.title}”" for c in related))
        text += say(language, "closest", titles=say(language, "and").join(titles))
    return Answer(
        question=question.asked,
        interpreted_as=question.text,
        answer=text,
        kind="abstain",
        related=related,
        language=language,
    )
