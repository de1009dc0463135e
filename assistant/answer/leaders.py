"""Who leads an organisation: the person a brief names in a role at it.

"Who's the head of INMEGEN?", "Who runs the Quito Biobank?", "Who is in charge of X?" ask
for a person; briefs name one beside a title, not in the question's words: "explains
Jorge Melendez, General Director, INMEGEN", "Dr. Marco Salinas, Head of Sequencing at the
Quito Biobank". The answer quotes that sentence with the person as its value. A brief that
names no one in a role at the organisation leaves the question to the next answerer (the
passages, which may abstain).
"""

from __future__ import annotations

import re

from assistant.answer.acronyms import ACRONYM, spelled
from assistant.answer.cite import Span, make_citations
from assistant.answer.compose import quote
from assistant.answer.phrases import say
from assistant.storage.passages import PassageTable
from assistant.text.names import is_person
from assistant.text.question import Question
from assistant.text.terms import terms
from assistant.types import Answer, Unit, Value

ROLE = (
    r"head|leader|director(?:[\s-]+general)?|general\s+director|executive\s+director|chief"
    r"|president|chair(?:man|woman|person)?|ceo|boss|manager|coordinator|secretary|minister"
    r"|commissioner"
)
ASKS = re.compile(
    rf"^\W*who(?:['’]s|\s+is|\s+was|\s+are)?\s+(?:the\s+)?(?:current\s+)?(?:{ROLE})\s+(?:of|at)\s+"
    r"(?:the\s+)?(?P<org>[^?]+?)\W*$"
    r"|^\W*who\s+(?:leads|heads|runs|directs|chairs|manages|is\s+(?:in\s+charge\s+of|leading|"
    r"heading|running))\s+(?:the\s+)?(?P<led>[^?]+?)\W*$",
    re.IGNORECASE,
)
TITLE = re.compile(rf"\b(?:{ROLE}|founder)\b", re.IGNORECASE)
"""A role a brief gives a person ("General Director", "Head of Sequencing")."""
PERSON = re.compile(
    r"(?:\b(?:Dr|Dra|Prof|Mr|Mrs|Ms)\.?\s+)?"
    r"(?P<name>[A-ZÁÉÍÓÚÑ][a-záéíóúñ'’-]+(?:\s+(?:de\s+|del\s+|la\s+)?[A-ZÁÉÍÓÚÑ][a-záéíóúñ'’-]+){1,3})"
)
NEXT_TO = 4
"""How far apart a name and its title may stand: ", " or " " between them."""
TITLE_REACH = 40
"""How far from its title a role's organisation may be named ("Head of Sequencing at the
Quito Biobank")."""


def asked_organisation(text: str) -> str | None:
    """The organisation a leadership question names, or None for another question."""
    match = ASKS.match(text.strip())
    if match is None:
        return None
    return (match["org"] or match["led"]).strip()


def leader_in(sentence: str, organisation: str) -> str | None:
    """The person `sentence` names in a role at `organisation`: a name next to a title
    that stands near the organisation's name, or None."""
    wanted = set(terms(organisation))
    if not wanted or not wanted <= set(terms(sentence)):
        return None
    places = [m.span() for m in re.finditer(re.escape(organisation), sentence, re.IGNORECASE)]
    last_word = organisation.split()[-1]
    places += [m.span() for m in re.finditer(rf"\b{re.escape(last_word)}\b", sentence, re.I)]
    for title in TITLE.finditer(sentence):
        if not any(_apart(title.span(), place) <= TITLE_REACH for place in places):
            continue
        for person in PERSON.finditer(sentence):
            name = person["name"]
            if not is_person(name) or set(terms(name)) & wanted or TITLE.search(name):
                continue
            if _apart(title.span(), person.span("name")) <= NEXT_TO:
                return name
    return None


def _initials(name: str) -> list[str]:
    """The acronym a name's capitalised words spell ("Andean Genomics Institute" -> "AGI"),
    as briefs write it after the name once and then alone."""
    capitals = [w[0] for w in name.split() if w[:1].isupper()]
    return ["".join(capitals)] if len(capitals) >= 2 and len(capitals) == len(name.split()) else []


def _apart(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many characters stand between two spans (0 when they touch or overlap)."""
    return max(b[0] - a[1], a[0] - b[1], 0)


class LeaderAnswerer:
    """Answers "who leads X" with the person a brief names in a role at X, cited."""

    def __init__(self, passages: PassageTable) -> None:
        self.passages = passages

    def answer(self, question: Question) -> Answer | None:
        organisation = asked_organisation(question.text) if question.language == "en" else None
        if organisation is None:
            return None
        names = [organisation, *_initials(organisation), *self._spelled(organisation)]
        for unit in self._units_naming(names, question.sources):
            person = next((p for n in names if (p := leader_in(unit.text, n))), None)
            if person is None:
                continue
            span = Span(unit.source, unit.start, unit.end, 1.0)
            citations = make_citations([span], self.passages)
            return Answer(
                question=question.asked,
                interpreted_as=question.text,
                answer=say(question.language, "quotes") + quote(citations[0].text, 1),
                kind="passage",
                citations=citations,
                value=Value(text=person),
                language=question.language,
            )
        return None

    def _spelled(self, organisation: str) -> list[str]:
        """The other name of an organisation where the briefs spell it out ("Chilean Health
        Technology Association (ACTS)"): the name of an acronym, the acronym of a name, so
        a sentence naming it either way is found."""
        names: list[str] = []
        if not ACRONYM.fullmatch(organisation):
            brackets = re.compile(rf"{re.escape(organisation)}\s*\(({ACRONYM.pattern})\)", re.I)
            for document in self.passages.documents():
                names += [m[1] for m in brackets.finditer(document.text) if m[1] not in names]
            return names
        for document in self.passages.documents():
            for match in re.finditer(rf"\b{re.escape(organisation)}\b", document.text):
                name = spelled(organisation, document.text, match.start())
                if name is not None and name not in names:
                    names.append(name)
        return names

    def _units_naming(self, names: list[str], sources: frozenset[str]) -> list[Unit]:
        """The sentences and items, in the briefs searched, that write one of `names`."""
        found = []
        said = [re.compile(rf"\b{re.escape(n)}\b", re.IGNORECASE) for n in names]
        for document in self.passages.documents():
            if sources and document.source not in sources:
                continue
            if not any(p.search(document.text) for p in said):
                continue
            units = self.passages.document_units(document.source)[0]
            found += [u for u in units if u.kind != "row" and any(p.search(u.text) for p in said)]
        return found
