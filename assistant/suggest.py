"""Starter questions generated from the corpus itself, one list per kind of user.

Exporters get figure questions (from the facts table) and list questions (from headings
that introduce lists); panel attendees get questions about the people and organisations
the briefs name; citation checkers get "where does this figure come from?" for the
figures written in prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.facts.units import format_value
from assistant.text.names import find_names, is_person
from assistant.types import FactRecord, Unit

PER_KIND = 4


def starter_questions(
    facts: Sequence[FactRecord],
    headings: Sequence[tuple[Unit, bool]],
    sentences: Sequence[str],
) -> dict[str, list[str]]:
    """Questions by user kind.

    Args:
        headings: each heading unit and whether a list follows it.
        sentences: prose sentences, for the names they give.
    """
    return {
        "Exporter": _figure_questions(facts) + _list_questions(headings),
        "Panel attendee": _name_questions(sentences),
        "Citation check": _citation_questions(facts),
    }


def _figure_questions(facts: Sequence[FactRecord]) -> list[str]:
    table = [f for f in facts if f.kind == "table"]
    labels = list(dict.fromkeys(f.metric for f in table))
    questions = []
    for label in labels[:2]:
        periods = sorted({f.period for f in table if f.metric == label and not f.estimate})
        if len(periods) >= 2:
            questions.append(f"How did {label} change from {periods[0]} to {periods[-1]}?")
        if periods:
            questions.append(f"What were {label} in {periods[-1]}?")
    return questions[:3]


def _list_questions(headings: Sequence[tuple[Unit, bool]]) -> list[str]:
    return [f"What does the brief list under “{h.text.strip('# ')}”?" for h, has_list in headings
            if has_list][:2]  # fmt: skip


def _name_questions(sentences: Sequence[str]) -> list[str]:
    """People quoted or introduced with a role ("says Ann Lee", "Ann Lee, Director"), then
    organisations with a name of three words or more."""
    names = names_in(sentences)
    text = "\n".join(sentences)
    people = [n for n in names if is_person(n) and _introduced(n, text)]
    organisations: list[str] = []
    for name in names:
        if is_person(name) or len(name.split()) < 3 or _cut_short(name, text):
            continue
        if not any(_same_words(name, kept) for kept in organisations):
            organisations.append(name)
    questions = [f"Who is {n}?" for n in people[:2]]
    questions += [f"What do the briefs say about {n}?" for n in organisations[:2]]
    return questions


def _cut_short(name: str, text: str) -> bool:
    """Whether a name is part of a longer one in the text ("Institute for Social Security"
    and "Services for State Workers" of "Institute for Social Security and Services for
    State Workers"): a starter must not ask about a part of a name."""
    joined = r"\s+(?:and|of|for|de|del)\s+"
    goes_on = rf"\b{re.escape(name)}{joined}[A-Z]"
    goes_back = rf"\b[A-Z]\w*{joined}{re.escape(name)}\b"
    return re.search(goes_on, text) is not None or re.search(goes_back, text) is not None


def _same_words(name: str, other: str) -> bool:
    """Two names of mostly the same words ("Mexican Social Security Institute" and
    "Institute for Social Security"): one starter is enough."""
    words, others = ({w.lower() for w in n.split() if w[:1].isupper()} for n in (name, other))
    return len(words & others) >= 2 / 3 * min(len(words), len(others))


def _introduced(name: str, text: str) -> bool:
    quoted = rf"\b(?:says|said|writes|wrote|explains|explained|by|contact:?)\s+{re.escape(name)}\b"
    with_role = rf"\b{re.escape(name)},\s+[A-Z]"
    return bool(re.search(quoted, text, re.IGNORECASE) or re.search(with_role, text))


def _citation_questions(facts: Sequence[FactRecord]) -> list[str]:
    prose = [f for f in facts if f.kind == "prose" and f.currency]
    return [
        f"Where does the {format_value(f.value, currency=f.currency, scale=f.scale, unit=f.unit)} "
        "figure come from?"
        for f in prose[:PER_KIND]
    ]


def names_in(texts: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(n for t in texts for n in find_names(t)))
