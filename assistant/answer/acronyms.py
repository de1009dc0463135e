"""What an acronym stands for, read from the brief that spells it out.

Briefs introduce an acronym the usual ways: the name, then the acronym in brackets
("National Institute of Genomic Medicine (INMEGEN)", "next-generation sequencing (NGS)"),
or the acronym, then the name in brackets. A name is the words before the bracket whose
initials spell the acronym, or else the capitalised run right before it (a Spanish
acronym of an English name: "Mexican Social Security Institute (IMSS)"). Reports also
spell one in a note ("TWDV – Tax written down value") or only nearby, in the same paragraph
("our named executive officers ... the NEOs"). The answer cites the sentence or list item
that spells it. An acronym the briefs use without spelling it
out is said so, with the passages that use it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from assistant.answer.cite import Span, make_citations
from assistant.answer.compose import quote
from assistant.answer.phrases import say
from assistant.storage.passages import PassageTable
from assistant.text.question import Question
from assistant.types import Answer, Document, Unit, Value

ASKS = re.compile(
    r"\bstands? for\b|\bfull name\b|\bshort for\b|\bspelled out\b|\bacronym\b|\babbreviation\b"
    r"|^\W*what (?:does|do) (?:the )?\S+ mean\b|\bsignifica\b|\bsiglas\b",
    re.IGNORECASE,
)
ACRONYM = re.compile(r"(?<![\w&.-])[A-Z][A-Z0-9&]{1,11}(?![\w&-])")
"""An acronym as written: two to twelve capitals ("NGS", "INMEGEN", "R&D")."""
JOINERS = frozenset({
    "of", "for", "and", "the", "on", "in", "to", "&",
    "de", "del", "la", "las", "los", "el", "y", "para", "contra", "en",
})  # fmt: skip
"""Words inside a name that give no letter to its acronym."""
ALSO_ASKED = re.compile(r"\band\s+(?:what|who|where|how|when|why|which)\b", re.IGNORECASE)
"""A second question after the acronym's ("What does NIIS stand for and what does it do?")."""
WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
MAX_WORDS = 12


def asked_acronym(text: str) -> str | None:
    """The one acronym a question asks the meaning of, or None."""
    if not ASKS.search(text):
        return None
    found = set(ACRONYM.findall(text))
    return found.pop() if len(found) == 1 else None


class AcronymAnswerer:
    """Answers "What does X stand for?" and "X full name" with the name a brief spells out,
    cited."""

    def __init__(self, passages: PassageTable) -> None:
        self.passages = passages

    def answer(self, question: Question) -> Answer | None:
        acronym = asked_acronym(question.text)
        if acronym is None:
            return None
        documents = [
            d
            for d in self.passages.documents()
            if not question.sources or d.source in question.sources
        ]
        used = [(d, m.start()) for d in documents for m in _uses(acronym, d.text)]
        if not used:
            return None  # a word the briefs never use: the passages abstain
        for document, at in used:
            name = spelled(acronym, document.text, at)
            if name is not None:
                return self._spelled(question, acronym, document, at, name)
        for document, at in used:
            found = spelled_nearby(acronym, document.text, at)
            if found is not None:
                return self._spelled(question, acronym, document, *found)
        units = {d.source: self._units(d) for d, _ in used[:3]}  # each document read once
        spans = [_sentence(d, at, units[d.source]) for d, at in used[:3]]
        related = make_citations(spans, self.passages)
        return Answer(
            question=question.asked,
            interpreted_as=question.text,
            answer=say(question.language, "acronym_unspelled", acronym=acronym),
            kind="abstain",
            related=related,
            language=question.language,
        )

    def _spelled(
        self, question: Question, acronym: str, document: Document, at: int, name: str
    ) -> Answer:
        spans = [_sentence(document, at, self._units(document))]
        citations = make_citations(spans, self.passages)
        said = say(question.language, "acronym", acronym=acronym, name=name) + " [1]."
        if ALSO_ASKED.search(question.text):  # "... and what does it do?": the passage says
            said += "\n" + quote(citations[0].text, 1)
        return Answer(
            question=question.asked,
            interpreted_as=question.text,
            answer=said,
            kind="passage",
            citations=citations,
            value=Value(text=name),
            language=question.language,
        )

    def _units(self, document: Document) -> list[Unit]:
        return self.passages.document_units(document.source)[0]


def _sentence(document: Document, at: int, units: list[Unit]) -> Span:
    """The unit (sentence, list item, row) of `units` written over offset `at`, else its
    line."""
    unit = next((u for u in units if u.start <= at < u.end), None)
    if unit is not None:
        return Span(document.source, unit.start, unit.end, 1.0)
    start = document.text.rfind("\n", 0, at) + 1
    end = document.text.find("\n", at)
    return Span(document.source, start, len(document.text) if end < 0 else end, 1.0)


def _uses(acronym: str, text: str) -> list[re.Match[str]]:
    """Where the acronym is written, in the plural too ("NEOs")."""
    return list(re.finditer(rf"(?<![\w&.-]){re.escape(acronym)}s?(?![\w&-])", text))


BREAK = re.compile(r"[,;:()\[\]\n“”\"]")
"""Punctuation a name does not run across."""
BULLET = re.compile(r"(?:^|\n)[ \t]*(?:[-*•–]|\d+[.)])?[ \t]*$")
"""What stands before an acronym that begins a line or list item."""


def spelled(acronym: str, text: str, at: int) -> str | None:
    """The name spelled out around the acronym written at `at`: before it, when it stands
    in brackets ("Name (ACR)"); in brackets after it ("ACR (Name)"); or after it when it
    begins a list item ("- ACR Name", "ACR: Name")."""
    before = text[:at].rstrip()
    if before.endswith("("):
        words = WORD.findall(BREAK.split(before[:-1])[-1])[-MAX_WORDS:]
        run = _capitalised_run(words[::-1])[::-1]
        return _by_initials(acronym, words) or " ".join(run) or None
    rest = text[at + len(acronym) :]
    after = re.match(r"\s*\(([^()\n]{3,120})\)", rest)
    if after:
        name = after.group(1).strip()
        return name if len(name.split()) >= 2 and name[:1].isupper() else None
    defined = re.match(r"[ \t]*[:–—=-][ \t]*([^\n]*)", rest)
    if defined:  # a note or glossary line: "TWDV – Tax written down value"
        words = WORD.findall(BREAK.split(defined.group(1))[0])[:MAX_WORDS]
        name = _by_initials(acronym, words, leading=True)
        if name is not None:
            return name
    if BULLET.search(text[:at]):
        line = re.match(r"[ \t]*(?:[:–—-][ \t]*)?([^\n]*)", rest)
        words = WORD.findall(BREAK.split(line.group(1))[0]) if line else []
        return " ".join(_capitalised_run(words)) or None
    return None


def _initials(words: list[str]) -> str:
    return "".join(
        part[0].upper()
        for word in words
        if word.lower() not in JOINERS
        for part in word.split("-")
        if part
    )


def _by_initials(acronym: str, words: list[str], *, leading: bool = False) -> str | None:
    """The shortest run of the last words (or, `leading`, the first) whose initials are the
    acronym's letters; its far end is no joiner."""
    letters = re.sub(r"[^A-Z]", "", acronym)
    for size in range(1, len(words) + 1):
        run = words[:size] if leading else words[-size:]
        if (run[-1] if leading else run[0]).lower() in JOINERS:
            continue
        if _initials(run) == letters:
            return " ".join(run)
    return None


PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def spelled_nearby(acronym: str, text: str, at: int) -> tuple[int, str] | None:
    """Words elsewhere in the paragraph of the acronym written at `at` whose initials spell
    it, as a report writes "our named executive officers ... the NEOs": (where the words
    start, the words). Only in that paragraph, and only words that spell it exactly (no
    joiners between them), so that chance initials elsewhere are not read as its name."""
    starts = [m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, at)]
    start = starts[-1] if starts else 0
    end_break = PARAGRAPH_BREAK.search(text, at)
    end = end_break.start() if end_break else len(text)
    letters = re.sub(r"[^A-Z]", "", acronym)
    words = list(WORD.finditer(text, start, end))
    for i in range(len(words) - len(letters) + 1):
        run = words[i : i + len(letters)]
        gaps = (text[a.end() : b.start()] for a, b in pairwise(run))
        if all(g.isspace() for g in gaps) and "".join(w[0][0] for w in run).upper() == letters:
            if any(w[0].upper() == w[0] and len(w[0]) > 1 for w in run):
                continue  # another acronym, or words in capitals: not its spelled name
            return run[0].start(), " ".join(w[0] for w in run)
    return None


def _capitalised_run(outward: list[str]) -> list[str]:
    """The capitalised words (joiners inside them too) next to an acronym: `outward`
    runs from the word nearest it away from it; the run is given in the same order."""
    run: list[str] = []
    for word in outward:
        if not (word[:1].isupper() or (run and word.lower() in JOINERS)):
            break
        run.append(word)
    while run and run[-1].lower() in JOINERS:
        run.pop()
    return run if len(run) >= 2 else []
