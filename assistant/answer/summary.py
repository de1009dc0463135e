"""Summaries: "summarize the brief", "an overview", "the key points" answered with an
extractive summary, the most central sentence of each section in document order, each
cited verbatim.

A section is what follows a heading up to the next one (a brief without headings is one
section). Its central sentence is the one nearest the mean of its sentences' vectors (a
centroid summary). The brief summarised is the one whose title shares most words with the
question; when none does, every brief, up to `MAX_BRIEFS` (more: the user is asked which).
"""

from __future__ import annotations

import re

import numpy as np

from assistant.answer.briefs import about_a_brief, briefs_named
from assistant.answer.cite import Span, make_citations
from assistant.answer.phrases import say
from assistant.storage.passages import PassageTable
from assistant.text.question import Question
from assistant.text.terms import terms
from assistant.types import Answer, Document, Unit, Vectors

SUMMARY = re.compile(
    r"\b(summari[sz]e|summary of|sum up|overview|key (points|takeaways)|main points|gist"
    r"|tl;?dr|resumen|res[uú]meme|resume (el|la|los|las)|puntos (clave|principales)"
    r"|panorama)\b",
    re.IGNORECASE,
)
NOT_SUMMARY = re.compile(r"\bsummary (table|statistics|figures?)\b", re.IGNORECASE)
QUOTABLE = ("prose", "item")
MAX_POINTS = 8
MAX_BRIEFS = 3
# Words that ask for a summary or name a brief, not what the brief is about.
FRAMING = frozenset(
    terms(
        "summarize summarise summary sum overview key points main gist brief briefs document"
        " documents article report note give me please resume resumen informe puntos clave"
    )
)


def asks_summary(text: str) -> bool:
    return bool(SUMMARY.search(text)) and not NOT_SUMMARY.search(text)


class SummaryAnswerer:
    """A summary of the brief a question names (or of each brief), or None to pass."""

    def __init__(self, passages: PassageTable) -> None:
        self.passages = passages

    def answer(self, question: Question) -> Answer | None:
        if not asks_summary(question.text):
            return None
        documents = [
            d
            for d in self.passages.documents()
            if not question.sources or d.source in question.sources
        ]
        if not about_a_brief(question, documents, FRAMING):
            return None  # "the key points of the disagreement": a question about the text
        briefs = briefs_named(question, documents, FRAMING)
        if len(briefs) > MAX_BRIEFS:
            options = say(question.language, "or").join(f"“{d.title}”" for d in briefs)
            return Answer(
                question=question.asked,
                interpreted_as=question.text,
                answer=say(question.language, "which_brief", options=options),
                kind="abstain",
                language=question.language,
            )
        spans: list[tuple[Document, list[Unit]]] = []
        for document in briefs:
            units, vectors = self.passages.document_units(document.source)
            points = central_sentences(units, vectors)
            if points:
                spans.append((document, points))
        if not spans:
            return None
        citations = make_citations(
            [Span(u.source, u.start, u.end, 1.0) for _, points in spans for u in points],
            self.passages,
        )
        lines: list[str] = []
        quoted = iter(citations)
        for document, points in spans:
            lines.append(say(question.language, "summary", title=document.title))
            lines += [f"- {c.text} [{c.n}]" for c in (next(quoted) for _ in points)]
        return Answer(
            question=question.asked,
            interpreted_as=question.text,
            answer="\n".join(lines),
            kind="passage",
            citations=citations,
            language=question.language,
        )


def central_sentences(units: list[Unit], vectors: Vectors) -> list[Unit]:
    """Per section, the sentence nearest its centroid; the largest sections when there are
    more than `MAX_POINTS`; in document order."""
    sections: list[list[int]] = [[]]
    for i, unit in enumerate(units):
        if unit.kind == "heading" and sections[-1]:
            sections.append([])
        if unit.kind in QUOTABLE:
            sections[-1].append(i)
    sections = [s for s in sections if s]
    if len(sections) == 1 and len(sections[0]) > 1:  # no headings: the most central few
        return _most_central(units, vectors, sections[0], count=min(5, len(sections[0])))
    sections = sorted(sorted(sections, key=len, reverse=True)[:MAX_POINTS], key=lambda s: s[0])
    return [_most_central(units, vectors, section, count=1)[0] for section in sections]


def _most_central(
    units: list[Unit], vectors: Vectors, rows: list[int], *, count: int
) -> list[Unit]:
    section = vectors[rows]
    centroid = section.mean(axis=0)
    closeness = section @ centroid
    best = sorted(np.argsort(-closeness, kind="stable")[:count])
    return [units[rows[i]] for i in best]
