"""Who wrote a brief, when it was published and by whom, read from the text that says so.

A byline or dateline sits in a brief's first lines ("By Ana Ruiz | Analyst", "Tue,
08/26/2025", "Published March 3, 2024 by the Trade Desk"). When `metadata.json` gives the
field, its value is looked for in the text (a date in the usual ways of writing it);
otherwise the first lines are read for "By NAME", a date, or "published ... by NAME". The
answer cites the line that states it, verbatim; a brief that states nothing is passed on.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from assistant.answer.briefs import about_a_brief, briefs_named
from assistant.answer.cite import Span, make_citations
from assistant.answer.phrases import PhraseKey, say
from assistant.storage.passages import PassageTable
from assistant.text.periods import MONTHS
from assistant.text.question import Question
from assistant.text.terms import terms
from assistant.text.vocabulary import Vocabulary
from assistant.types import Answer, Document, Value

Field = Literal["author", "date", "publisher", "role"]

ASKS: dict[Field, re.Pattern[str]] = {
    "date": re.compile(
        r"\b(when|(what|which) (date|day)) (was|were|is)\b.*"
        r"\b(published|written|released|issued|dated|posted)\b"
        r"|\bwhen did\b.*\b(come|came) out\b"
        r"|\b(publication|release) date\b"
        r"|\bdate of (the )?(publication|article|brief|report|note)\b"
        r"|\bcu[aá]ndo se (public[oó]|escribi[oó])\b|\bfecha de publicaci[oó]n\b",
        re.IGNORECASE,
    ),
    "publisher": re.compile(
        r"\bwho (published|issued|released)\b|\bpublisher\b|\bqui[eé]n public[oó]\b",
        re.IGNORECASE,
    ),
    "author": re.compile(
        r"\bwho (wrote|authored|is the author|was the author)\b|\bauthor of\b|\bwritten by whom\b"
        r"|\bqui[eé]n escribi[oó]\b|\bautor(a)? de\b",
        re.IGNORECASE,
    ),
    "role": re.compile(
        r"\bauthor['’]?s? (?:job|title|role|position|employer|organi[sz]ation|company"
        r"|affiliation)\b"
        r"|\bwho (?:does|did) (?:he|she|they|the author) work for\b|\bwhat does the author do\b"
        r"|\b(?:which|what) (?:organi[sz]ation|company|institut\w*|employer|firm)"
        r" (?:is|was|does|did) (?:the author|he|she)\b"
        r"|\bcargo del autor\b",
        re.IGNORECASE,
    ),
}
ALSO: dict[Field, PhraseKey] = {
    "author": "author_also",
    "date": "date_also",
    "publisher": "publisher_also",
    "role": "role_also",
}
"""The phrase for a further field of the brief just named."""
ASKED_WORDS = Vocabulary(
    dict.fromkeys(
        [
            "published",
            "written",
            "released",
            "issued",
            "publication",
            "author",
            "authored",
            "wrote",
        ],
        1,
    )
)
"""The words byline questions are asked with, to read a misspelling of one ("publshed")."""
AUTHOR = re.compile(r"\bthe author\b|\bel autor\b", re.IGNORECASE)
"""A question about the author: of a brief, whether or not it names one."""
HEAD_LINES = 6
"""Bylines and datelines are looked for in a brief's first lines."""
NAME = r"[A-ZÁÉÍÓÚÑ][\w'’.-]+(?:\s+(?:de\s+|del\s+|la\s+)?[A-ZÁÉÍÓÚÑ][\w'’.-]+)+"
BY = re.compile(
    rf"^\W*(?:by|written by|author:|por)\s+(?P<value>{NAME})", re.IGNORECASE | re.MULTILINE
)
PUBLISHED_BY = re.compile(
    rf"\b(?:published|issued|released|publicado)\b[^\n]*?\b(?:by|por)\s+(?:the\s+)?(?P<value>{NAME})",
    re.IGNORECASE,
)
DATE = re.compile(
    rf"\b\d{{1,2}}/\d{{1,2}}/\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    rf"|\b(?:{MONTHS})\.? \d{{1,2}}, \d{{4}}\b|\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b",
    re.IGNORECASE,
)
FRAMING = frozenset(
    terms(
        "who wrote author written publish published publisher publication date when release"
        " released issued brief briefs article report note document escribió autor publicó fecha"
    )
)


def asks_byline(text: str) -> tuple[Field, ...]:
    """The fields a question asks for ("date", "publisher", "author"), in the order it
    asks them; none for a question about something else."""
    text = re.sub(
        r"[a-z]+", lambda w: ASKED_WORDS.spelling(w[0], family=False) or w[0], text, flags=re.I
    )
    found = {field: match.span() for field, p in ASKS.items() if (match := p.search(text))}
    # "Which organisation is the author of the note with?": the role, not the author too
    inside = {f for f, (start, _) in found.items() for g, (s, e) in found.items()
              if g != f and s < start < e}  # fmt: skip
    return tuple(sorted(set(found) - inside, key=lambda f: found[f][0]))


class BylineAnswerer:
    """Author, date and publisher questions, answered from the line that states them."""

    def __init__(self, passages: PassageTable) -> None:
        self.passages = passages

    def answer(self, question: Question) -> Answer | None:
        fields = asks_byline(question.text)
        if not fields:
            return None
        documents = [
            d
            for d in self.passages.documents()
            if not question.sources or d.source in question.sources
        ]
        if not about_a_brief(question, documents, FRAMING) and not AUTHOR.search(question.text):
            return None  # "When were the tariffs issued?": a question about what briefs say
        named = briefs_named(question, documents, FRAMING)
        stated: list[tuple[Field, Document, tuple[int, int]]] = []
        for field in fields:
            found = [(d, span) for d in named if (span := find_field(d, field)) is not None]
            if len(found) != 1:
                return None  # none states it, or several do: the passages answer or abstain
            stated.append((field, *found[0]))
        spans = [Span(d.source, *_line(d.text, *span), 1.0) for _, d, span in stated]
        citations = make_citations(spans, self.passages)
        said = []
        for i, (field, document, (start, end)) in enumerate(stated):
            line = _line(document.text, start, end)
            n = next(
                c.n for c in citations if (c.source, c.start, c.end) == (document.source, *line)
            )
            # the brief named once: "“T” was written by A [1] and is dated D [2]"
            again = i > 0 and stated[i - 1][1] is document
            phrase = ALSO[field] if again else field
            value = document.text[start:end]
            said.append(
                say(question.language, phrase, title=document.title, value=value) + f" [{n}]"
            )
        return Answer(
            question=question.asked,
            interpreted_as=question.text,
            answer=say(question.language, "and").join(said) + ".",
            kind="passage",
            citations=citations,
            value=Value(text="; ".join(d.text[a:b] for _, d, (a, b) in stated)),
            language=question.language,
        )


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the line that holds text[start:end]."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def find_field(document: Document, field: Field) -> tuple[int, int] | None:
    """The offsets of the brief's own statement of `field`, or None."""
    text = document.text
    stated = dict(document.metadata).get(field)
    if stated:
        for written in _ways_of_writing(field, stated):
            # Whole words, case aside, found in `text` itself (its offsets are the citation's).
            found = re.search(rf"(?<!\w){re.escape(written)}(?!\w)", text, re.IGNORECASE)
            if found:
                return found.start(), found.end()
    if field == "role":
        return _role(text)
    pattern = {"author": BY, "publisher": PUBLISHED_BY, "date": DATE}[field]
    match = pattern.search(text[: _head_end(text)])
    if match is None:
        return None
    group = 0 if field == "date" else "value"
    return match.start(group), match.end(group)


def _role(text: str) -> tuple[int, int] | None:
    """The offsets of what the byline says after the author's name ("Senior Analyst, Beta
    Insights" of "By Ana Ruiz, Senior Analyst, Beta Insights"), or None."""
    by = BY.search(text[: _head_end(text)])
    if by is None:
        return None
    line_end = text.find("\n", by.end())
    line_end = len(text) if line_end < 0 else line_end
    rest = text[by.end() : line_end]
    start = by.end() + len(rest) - len(rest.lstrip(" ,|–—-:;"))
    end = by.end() + len(rest.rstrip(" .,;"))
    return (start, end) if end > start else None


def _head_end(text: str) -> int:
    """Where the brief's first `HEAD_LINES` lines end."""
    return min(len(text), sum(len(line) + 1 for line in text.split("\n")[:HEAD_LINES]))


def _ways_of_writing(field: Field, stated: str) -> list[str]:
    """The metadata value as a text may write it (a date in several forms)."""
    if field != "date":
        return [stated]
    try:
        day = date.fromisoformat(stated)
    except ValueError:
        return [stated]
    month = day.strftime("%B")
    return [
        stated,
        f"{day.month:02d}/{day.day:02d}/{day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.month}/{day.day}/{day.year}",
        f"{month} {day.day}, {day.year}",
        f"{day.day} {month} {day.year}",
        f"{month[:3]} {day.day}, {day.year}",
    ]
