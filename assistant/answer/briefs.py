"""Which briefs a question names: those whose title (or file name) shares most of its
words, leaving out the words that only frame the question ("summarize", "author")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.text.question import Question
from assistant.text.terms import terms
from assistant.text.vocabulary import Vocabulary
from assistant.types import Document


def briefs_named(
    question: Question, documents: Iterable[Document], framing: frozenset[str]
) -> list[Document]:
    """The briefs sharing most title words with the question; all of them when none does."""
    documents = [d for d in documents if d.text.strip()]
    wanted = set(question.terms) - framing
    overlap = {d.source: len(wanted & set(terms(f"{d.title} {d.source}"))) for d in documents}
    most = max(overlap.values(), default=0)
    return [d for d in documents if overlap[d.source] == most] if most else documents


DOCUMENT = re.compile(
    r"\b(briefs?|documents?|reports?|articles?|notes?|papers?|files?|informes?|art[ií]culos?"
    r"|documentos?)\b",
    re.IGNORECASE,
)
"""Words that make a question about a brief itself, not about what it says."""
DOCUMENT_WORDS = Vocabulary(dict.fromkeys(terms("brief report article document paper informe"), 1))
"""The same words, to read a misspelling of one ("breif", "reprot") as it."""


def about_a_brief(
    question: Question, documents: Iterable[Document], framing: frozenset[str]
) -> bool:
    """Whether the question names a document ("the report") or a brief's title words."""
    if DOCUMENT.search(question.text):
        return True
    if any(DOCUMENT_WORDS.spelling(t, family=False) for t in terms(question.text)):
        return True  # "Who wrote this breif?"
    wanted = set(question.terms) - framing
    return any(wanted & set(terms(f"{d.title} {d.source}")) for d in documents)
