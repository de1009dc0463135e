"""When to abstain, and the answer that says so."""

from __future__ import annotations

import re

from assistant.answer.cite import Span, make_citations
from assistant.ingest.passages import PassageTable
from assistant.retrieve.evidence import Evidence
from assistant.types import Answer

# Questions that ask for an amount cannot be answered by a passage without a number.
ASKS_FOR_AMOUNT = re.compile(
    r"\bhow (much|many|large|big|fast)\b|\bwhat (percentage|share|proportion|amount|number|value)\b"
    r"|\bwhat (was|is|were) the (value|size|price|cost|number|amount|rate)\b",
    re.IGNORECASE,
)
DIGIT = re.compile(r"\d")
RELATED = 3


def abstain_reason(question: str, chosen: list[Evidence], *, threshold: float) -> str | None:
    """Why the evidence does not answer the question, or None when it does."""
    if not chosen:
        return "nothing in the briefs matches the question"
    if chosen[0].score < threshold:
        return f"the best passage scores {chosen[0].score:.2f}, under {threshold:.2f}"
    if ASKS_FOR_AMOUNT.search(question) and not any(DIGIT.search(e.unit.text) for e in chosen):
        return "the question asks for a figure and the closest passages give none"
    return None


def abstention(
    question: str,
    interpreted_as: str,
    evidence: list[Evidence],
    passages: PassageTable,
) -> Answer:
    """An answer that says the briefs do not hold the answer, with the closest passages."""
    related = make_citations(
        [Span(e.unit.source, e.unit.start, e.unit.end, e.score) for e in evidence[:RELATED]],
        passages,
    )
    text = f"The briefs do not contain an answer to “{interpreted_as}”."
    if related:
        titles = list(dict.fromkeys(f"“{c.title}”" for c in related))
        text += f" The closest passages, from {' and '.join(titles)}, are listed as related."
    return Answer(
        question=question,
        interpreted_as=interpreted_as,
        answer=text,
        kind="abstain",
        related=related,
    )
