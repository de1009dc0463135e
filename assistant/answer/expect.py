"""What kind of answer a question asks for, and whether a passage can give it.

A question for an amount needs a passage with a number; for a count, a number that
is not money, a percentage or a year; for a date, a year, month or date; "Who is X?"
and "What is X?" need a passage that names all of X.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from assistant.ingest.terms import question_terms, terms

Expected = Literal["count", "amount", "date", "entity", "any"]

# Each cue in English and Spanish (the question's words; the passages are English).
COUNT = re.compile(r"\bhow many\b|\bcu[aá]nt[oa]s\b", re.IGNORECASE)
QUANTITY_NOUNS = (
    r"percentage|share|proportion|amount|number|value|size|price|cost|total|population"
    r"|revenue|budget|rate|volume|sales|spending|growth"
)
CANTIDADES = (
    r"porcentaje|proporci[oó]n|monto|n[uú]mero|valor|tama[nñ]o|precio|costo|total|poblaci[oó]n"
    r"|ingresos?|presupuesto|tasa|volumen|ventas|gasto|crecimiento"
)
AMOUNT = re.compile(
    rf"\bhow (much|large|big|fast)\b|\bwhat (is|was|were|are)? ?(the )?({QUANTITY_NOUNS})\b"
    rf"|\bby how\b|\bwhat ({QUANTITY_NOUNS})\b"
    rf"|\bcu[aá]nt[oa]\b|\bqu[eé] tan (grande|r[aá]pido)\b"
    rf"|\bcu[aá]l (es|fue|era) (el |la )?({CANTIDADES})\b",
    re.IGNORECASE,
)
RELATIVE = re.compile(
    r"\b(share|percent|percentage|proportion|rate|growth|grow|grew|rise|rose|fall|fell"
    r"|increase|decrease|decline|drop|change"
    r"|porcentaje|proporci[oó]n|tasa|crec|ca[yí]|aument|disminu|baj|sub|cambi)\w*",
    re.IGNORECASE,
)
DATE_QUESTION = re.compile(
    r"^\s*(when\b|(in )?(what|which) (year|date|month|day)\b"
    r"|¿?\s*(cu[aá]ndo\b|(en )?qu[eé] (a[nñ]o|fecha|mes|d[ií]a)\b))",
    re.IGNORECASE,
)
ENTITY_QUESTION = re.compile(
    r"^\s*(who|what) (is|are|was|were) (?P<subject>[^?]+)"
    r"|^\s*¿?\s*(qui[eé]n(es)?|qu[eé]) (es|son|era|fue|eran|fueron) (?P<sujeto>[^?]+)",
    re.IGNORECASE,
)
MAX_ENTITY_TERMS = 4
FOCUS_SHARE = 0.6  # a figure must be of most of what the question names

NUMBER = re.compile(
    r"(?<![\w.])(?P<money>[A-Z]{0,3}[$€£¥]\s?)?\d+(?:,\d{3})*(?:\.\d+)?(?P<pct>\s?(?:%|percent\b))?"
)
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)


def expected_kind(question: str) -> Expected:
    if COUNT.search(question):
        return "count"
    if AMOUNT.search(question):
        return "amount"
    if DATE_QUESTION.search(question):
        return "date"
    match = ENTITY_QUESTION.search(question)
    if match and len(set(question_terms(_subject(match)))) <= MAX_ENTITY_TERMS:
        return "entity"
    return "any"


def _subject(match: re.Match[str]) -> str:
    """What "Who is X?" asks about; in Spanish only its names, the passages being English."""
    if match["subject"] is not None:
        return match["subject"]
    return " ".join(w for w in match["sujeto"].split() if w[:1].isupper())


def can_answer(
    question: str, passage: str, *, context: str = "", focus: frozenset[str] = frozenset()
) -> bool:
    """Whether `passage` holds the kind of answer `question` asks for.

    `context` (the passage's heading, caption) counts for naming the subject. A figure
    must also be of the question's `focus` (its words found in the briefs): at least
    `FOCUS_SHARE` of them must be in the passage, so "the population of X" is not
    answered by "in X, the market was valued at US$480 million".
    """
    kind = expected_kind(question)
    if kind in ("count", "amount") and focus:
        present = focus & set(terms(f"{context}\n{passage}"))
        if len(present) < FOCUS_SHARE * len(focus):
            return False
    return CHECKS[kind](question, f"{context}\n{passage}" if kind == "entity" else passage)


def proper_names(question: str) -> set[str]:
    """Terms of the capitalised words after the first ("Who is Ann Lee?" -> ann, lee)."""
    words = question.split()[1:]
    return set(terms(" ".join(w for w in words if w[:1].isupper())))


def names_all(question: str, text: str) -> bool:
    """Whether `text` names every proper name of the question (and there is one).

    A passage that does is about what was asked even when its wording scores low against it.
    """
    names = proper_names(question)
    return bool(names) and names <= set(terms(text))


def _has_count(question: str, passage: str) -> bool:
    return any(
        not (m["money"] or m["pct"] or YEAR.fullmatch(m.group().strip()))
        for m in NUMBER.finditer(passage)
    )


def _has_amount(question: str, passage: str) -> bool:
    numbers = list(NUMBER.finditer(passage))
    if not numbers:
        return False
    # A percentage answers "how much did X rise" or "what share", not "what is the population".
    return bool(RELATIVE.search(question)) or any(not m["pct"] for m in numbers)


def _has_date(question: str, passage: str) -> bool:
    return bool(YEAR.search(passage) or MONTH.search(passage))


def _names_subject(question: str, passage: str) -> bool:
    match = ENTITY_QUESTION.search(question)
    wanted = set(question_terms(_subject(match))) if match else set()
    return wanted <= set(terms(passage))


CHECKS: dict[Expected, Callable[[str, str], bool]] = {
    "count": _has_count,
    "amount": _has_amount,
    "date": _has_date,
    "entity": _names_subject,
    "any": lambda question, passage: True,
}
