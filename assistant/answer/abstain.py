"""When to abstain, and the answer that says so."""

from __future__ import annotations

from assistant.answer.cite import Span, make_citations
from assistant.answer.language import Language
from assistant.answer.phrases import say
from assistant.ingest.passages import PassageTable
from assistant.retrieve.evidence import Evidence
from assistant.types import Answer

RELATED = 3


def abstention(
    question: str,
    interpreted_as: str,
    evidence: list[Evidence],
    passages: PassageTable,
    *,
    language: Language = "en",
) -> Answer:
    """An answer that says the briefs do not hold the answer, with the closest passages."""
    related = make_citations(
        [Span(e.unit.source, e.unit.start, e.unit.end, e.score) for e in evidence[:RELATED]],
        passages,
    )
    text = say(language, "no_answer", question=interpreted_as)
    if related:
        titles = list(dict.fromkeys(f"“{c.title}”" for c in related))
        text += say(language, "closest", titles=say(language, "and").join(titles))
    return Answer(
        question=question,
        interpreted_as=interpreted_as,
        answer=text,
        kind="abstain",
        related=related,
        language=language,
    )
