"""Follow-up questions made standalone from the conversation, without a language model.

"And in 2022?" takes the previous question with the new year; "what about imports?"
takes it with the new metric; "he", "they", "that institute" become the names the
previous turns gave; "how does that compare with 2020?" becomes a change question.
A question that stands on its own is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.facts.query import expand_acronyms, rank_labels
from assistant.facts.spanish import MEANING_FLOOR
from assistant.text.names import find_names, is_person
from assistant.text.periods import YEAR, YEAR_PATTERN
from assistant.text.terms import terms

FOLLOW_START = re.compile(
    r"^\s*(?:and|also|what about|how about|what of|same for|and what about|and how about"
    r"|¿?\s*(?:y|también|qué tal|y qué hay de|y en cuanto a|y qué tal))\b[\s,]*",
    re.IGNORECASE,
)
PERIOD_EXPR = re.compile(
    r"\b(?:(?:from|between|de|desde|entre)\s+)?(?:(?:in|for|during|of|en|durante|del?)\s+)?"
    rf"{YEAR_PATTERN}(?:\s*(?:-|–|to|and|through|a|y|hasta)\s*{YEAR_PATTERN})?\b",
    re.IGNORECASE,
)
IN: dict[str, str] = {"en": "in", "es": "en"}
"""How a lone year is introduced, by language ("in 2023", "en 2023")."""
COMPARE = re.compile(r"\b(compare[sd]?|versus|vs\.?)\b", re.IGNORECASE)
PERSON_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers)\b", re.IGNORECASE)
THING_PRONOUN = re.compile(r"\b(it|its)\b", re.IGNORECASE)
PLURAL_PRONOUN = re.compile(r"\b(they|them|their|theirs)\b", re.IGNORECASE)
DEMONSTRATIVE = re.compile(r"\b(that|this|those|these)\s+([a-záéíóúñ]+)", re.IGNORECASE)
POSSESSIVE = {"his", "her", "hers", "its", "their", "theirs"}
LOOKBACK = 3


@dataclass(frozen=True)
class TurnState:
    """What one turn was about, for the turns after it."""

    interpreted_as: str
    metric: str | None = None
    names: tuple[str, ...] = ()
    """Names in the question, then in the answer's citations."""


@dataclass(frozen=True)
class Resolution:
    standalone: str
    options: tuple[str, ...] = ()
    """When the follow-up could mean several things: what it could mean."""


def resolve(
    question: str,
    turns: Sequence[TurnState],
    labels: Sequence[str],
    *,
    language: str = "en",
    similarity: Callable[[str], dict[str, float]] | None = None,
) -> Resolution:
    """The standalone question `question` asks, given the turns before it.

    In Spanish, a metric is named by meaning (`similarity`, as for figure questions).
    """
    text = " ".join(question.split())
    if not turns:
        return Resolution(text)
    previous = turns[-1]
    recent = list(reversed(turns[-LOOKBACK:]))
    years = YEAR.findall(text)
    if COMPARE.search(text) and previous.metric and years:
        held = YEAR.findall(previous.interpreted_as)
        span = sorted({*held, *years})
        if len(span) >= 2:
            return Resolution(f"How did {previous.metric} change from {span[0]} to {span[-1]}?")
    demonstrative = DEMONSTRATIVE.search(text)
    if demonstrative and demonstrative.group(2).lower() not in ("year", "years", "figure"):
        return _replace_demonstrative(text, demonstrative, recent)
    pronouns = ((PERSON_PRONOUN, _persons), (PLURAL_PRONOUN, _plural), (THING_PRONOUN, _thing))
    for pattern, pick in pronouns:
        match = pattern.search(text)
        if match:
            candidates = pick(recent)
            if not candidates:
                break
            if len(candidates) > 1 and pattern is not PLURAL_PRONOUN:
                return Resolution(text, options=tuple(candidates))
            return Resolution(_substitute(text, match, _join(candidates)))
    start = FOLLOW_START.match(text)
    if start:
        fragment = text[start.end() :].rstrip(" ?")
        return Resolution(_ellipsis(fragment, previous, labels, language, similarity))
    return Resolution(text)


def state_of(interpreted_as: str, metric: str | None, cited: Sequence[str]) -> TurnState:
    names = find_names(interpreted_as) + [n for text in cited for n in find_names(text)]
    return TurnState(interpreted_as, metric, tuple(dict.fromkeys(names)))


def _ellipsis(
    fragment: str,
    previous: TurnState,
    labels: Sequence[str],
    language: str = "en",
    similarity: Callable[[str], dict[str, float]] | None = None,
) -> str:
    """The previous question with the fragment's period, metric or name put in."""
    base = previous.interpreted_as
    years = YEAR.findall(fragment)
    rest = PERIOD_EXPR.sub("", fragment).strip(" ,")
    if previous.metric and rest:
        metric = _new_metric(rest, previous.metric, labels)
        if metric is None and similarity is not None:
            metric = _meant_metric(rest, similarity)
        if metric:
            base = _replace_metric(base, previous.metric, metric, labels, language)
    elif rest and not years:
        names = find_names(base)
        if names:
            return base.replace(names[-1], rest, 1)
        return fragment
    if years:
        period = PERIOD_EXPR.search(fragment)
        expression = period.group(0) if period else years[0]
        if expression[:1].isdigit():
            expression = f"{IN.get(language, 'in')} {expression}"
        old = PERIOD_EXPR.search(base)
        if old:
            base = base[: old.start()] + expression + base[old.end() :]
        else:
            base = base.rstrip(" ?") + f" {expression}?"
    return base


def _new_metric(fragment: str, old: str, labels: Sequence[str]) -> str | None:
    """The label a fragment names: alone ("imports") or as a refinement ("the U.S.")."""
    alone = rank_labels(fragment, labels)
    combined = rank_labels(f"{old} {fragment}", labels)
    if combined and combined[0][0] != old and combined[0][1] > (alone[0][1] if alone else 0):
        return combined[0][0]
    if alone and alone[0][1] > 0:
        return alone[0][0]
    return None


def _meant_metric(fragment: str, similarity: Callable[[str], dict[str, float]]) -> str | None:
    """The label a fragment in another language means ("las importaciones")."""
    ranked = sorted(similarity(fragment).items(), key=lambda item: -item[1])
    return ranked[0][0] if ranked and ranked[0][1] >= MEANING_FLOOR else None


def _replace_metric(
    question: str, old: str, new: str, labels: Sequence[str], language: str = "en"
) -> str:
    """Swap the words that named `old` in the question for `new`."""
    wanted = set(terms(expand_acronyms(old, labels)))
    tokens = list(re.finditer(r"[\w.’'-]+", question))
    hits = [m for m in tokens if set(terms(expand_acronyms(m.group(0), labels))) & wanted]
    if not hits:
        years = YEAR.findall(question)
        if language == "es":
            return f"¿Cuáles fueron {new}" + (f" en {' y '.join(years)}?" if years else "?")
        return f"What were {new}" + (f" in {' and '.join(years)}?" if years else "?")
    return question[: hits[0].start()] + new + question[hits[-1].end() :]


def _replace_demonstrative(text: str, match: re.Match[str], recent: list[TurnState]) -> Resolution:
    noun = match.group(2).lower()
    stem = noun[:-1] if noun.endswith("s") and len(noun) > 3 else noun
    plural = match.group(1).lower() in ("those", "these")
    for turn in recent:
        found = [n for n in turn.names if any(w.lower().startswith(stem[:5]) for w in n.split())]
        if found:
            if len(found) > 1 and not plural:
                return Resolution(text, options=tuple(found))
            return Resolution(text[: match.start()] + _join(found) + text[match.end() :])
    return Resolution(text)


def _persons(recent: list[TurnState]) -> list[str]:
    for turn in recent:
        people = [n for n in turn.names if is_person(n)]
        if people:
            return people[:1] if turn.names and turn.names[0] == people[0] else people
    return []


def _plural(recent: list[TurnState]) -> list[str]:
    """Organisations of the latest turn that names some, else its names if several."""
    for turn in recent:
        others = [n for n in turn.names if not is_person(n)]
        if others:
            return others
        if len(turn.names) > 1:
            return list(turn.names)
    return []


def _thing(recent: list[TurnState]) -> list[str]:
    for turn in recent:
        if turn.metric:
            return [turn.metric]
        others = [n for n in turn.names if not is_person(n)]
        if others:
            return others[:1]
    return []


def _substitute(text: str, match: re.Match[str], name: str) -> str:
    word = match.group(0).lower()
    replacement = f"{name}’s" if word in POSSESSIVE else name
    return text[: match.start()] + replacement + text[match.end() :]


def _join(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
