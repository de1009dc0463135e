"""Citations: evidence units turned into numbered, verbatim, locatable passages."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.storage.passages import PassageTable
from assistant.types import Citation


@dataclass(frozen=True)
class Span:
    """A passage to cite: a span of one document, with the score that chose it."""

    source: str
    start: int
    end: int
    score: float


def make_citations(spans: list[Span], passages: PassageTable) -> tuple[Citation, ...]:
    """Number spans from 1, slicing their text from the stored document text. A span that
    opens with spaces (a plain-text table's row keeps its indentation) is quoted from its
    first character."""
    citations = []
    for n, span in enumerate(spans, 1):
        document = passages.document(span.source)
        text = passages.text(span.source)[span.start : span.end]
        start = span.start + len(text) - len(text.lstrip())
        citations.append(
            Citation(
                n=n,
                source=span.source,
                title=document.title if document else span.source,
                start=start,
                end=span.end,
                text=text.lstrip(),
                score=span.score,
                page=document.page_at(start) if document else None,
            )
        )
    return tuple(citations)
