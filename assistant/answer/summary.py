"""Summaries: "summarize the brief", "an overview", "the key points" answered with an
extractive summary, the most central sentence of each section in document order, each
cited verbatim.

A section is what follows a heading up to the next one (a brief without headings is one
section). Its central sentence is the one nearest the mean of its sentences' vectors (a
centroid summary). The brief summarised is the one whose title shares most words with the
question; when none does, every brief, up to `MAX_BRIEFS` (more: the user is asked which).

"What the brief says about X" (`TOPIC`: about, on, regarding, of ...) is summarised on X
alone, when X has words beyond the brief's title: the sections whose heading names every
word of X, their most central sentences; else the sentences that name every word of X, in
document order. When no brief names X, it is no summary (the passages answer, or abstain).
"""

from __future__ import annotations

import re

import numpy as np

from assistant.answer.briefs import about_a_brief, briefs_named
from assistant.answer.cite import Span, make_citations
from assistant.answer.phrases import PhraseKey, say
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
# Words that ask for a summary, say how long, or name a brief, not what the brief is about.
FRAMING = frozenset(
    terms(
        "summarize summarise summary sum overview key points main gist brief briefs document"
        " documents article report note give me please resume resumen informe puntos clave"
        " say says tell covers few short sentences lines words bullets paragraph dice dicen"
    )
)
TOPIC = re.compile(
    r"\b(?:about|on|regarding|concerning|of|sobre|acerca de)\s+(?P<topic>.+?)[\s?.!]*$",
    re.IGNORECASE,
)
"""What a summary is about: the words after "about", "on", "of" ..."""
PER_SECTION = 3
"""Central sentences quoted of each section a topic's heading names."""


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
        topic = _topic(question.text, briefs)
        if topic is not None:
            return self._about(question, briefs, *topic)
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
        return self._summary(question, spans)

    def _about(
        self, question: Question, briefs: list[Document], topic: str, wanted: set[str]
    ) -> Answer | None:
        """What each brief says about `topic` (its terms `wanted`); None when none names it."""
        spans = []
        for document in briefs:
            units, vectors = self.passages.document_units(document.source)
            points = sentences_about(units, vectors, wanted)
            if points:
                spans.append((document, points))
        return self._summary(question, spans, topic)

    def _summary(
        self, question: Question, spans: list[tuple[Document, list[Unit]]], topic: str = ""
    ) -> Answer | None:
        """The central sentences of each brief, under its title (and the topic), or None
        when there are none."""
        if not spans:
            return None
        citations = make_citations(
            [Span(u.source, u.start, u.end, 1.0) for _, points in spans for u in points],
            self.passages,
        )
        lines: list[str] = []
        quoted = iter(citations)
        for document, points in spans:
            key: PhraseKey = "summary_topic" if topic else "summary"
            lines.append(say(question.language, key, title=document.title, topic=topic))
            lines += [f"- {c.text} [{c.n}]" for c in (next(quoted) for _ in points)]
        return Answer(
            question=question.asked,
            interpreted_as=question.text,
            answer="\n".join(lines),
            kind="passage",
            citations=citations,
            language=question.language,
        )


def _topic(text: str, briefs: list[Document]) -> tuple[str, set[str]] | None:
    """What the summary asked is about, as written after its last "about", "on" ..., and
    its terms after the first one beyond those framing it or naming a brief; None when
    nothing is left (the brief itself is asked about)."""
    first = TOPIC.search(text)
    if first is None:
        return None
    titles = {t for d in briefs for t in terms(f"{d.title} {d.source}")}
    wanted = set(terms(first["topic"])) - FRAMING - titles
    if not wanted:
        return None
    last = first
    while (later := TOPIC.search(text, last.start("topic"))) is not None:
        last = later
    return last["topic"], wanted


def sentences_about(units: list[Unit], vectors: Vectors, wanted: set[str]) -> list[Unit]:
    """The most central sentences of each section whose heading names every word of
    `wanted`; else the sentences that name them all; in document order."""
    named = [
        rows
        for heading, rows in _sections(units)
        if heading is not None and wanted <= set(terms(units[heading].text))
    ]
    if named:
        points = [
            u for rows in named for u in _most_central(units, vectors, rows, count=PER_SECTION)
        ]
        return points[:MAX_POINTS]
    return [u for u in units if u.kind in QUOTABLE and wanted <= set(terms(u.text))][:MAX_POINTS]


def _sections(units: list[Unit]) -> list[tuple[int | None, list[int]]]:
    """Each section's heading (its index, None before the first) and its quotable units."""
    sections: list[tuple[int | None, list[int]]] = [(None, [])]
    for i, unit in enumerate(units):
        if unit.kind == "heading":
            sections.append((i, []))
        elif unit.kind in QUOTABLE:
            sections[-1][1].append(i)
    return [(heading, rows) for heading, rows in sections if rows]


def central_sentences(units: list[Unit], vectors: Vectors) -> list[Unit]:
    """Per section, the sentence nearest its centroid; the largest sections when there are
    more than `MAX_POINTS`; in document order."""
    sections = [rows for _, rows in _sections(units)]
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
