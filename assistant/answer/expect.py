"""Whether a passage holds the kind of answer a question asks for (`Question.expected`).

A question for an amount needs a passage with a number; for a count, a number that
is not money, a percentage or a year; for a date, a year, month or date; "Who is X?"
and "What is X?" need a passage that names X. Whatever the kind, a question that
names a year is not answered by a passage that names only other years.

"Names X" is every word of X but those absent at least half the time from the sentence
that answers a question asking them (the verdict's absence rates, learned from
reading-comprehension data): "amount" and "the company" name what is asked ("What was the
depreciation amount in 2019?" of "Total depreciation expense ... was $2.5 million ...
during fiscal 2019"); "depreciation" does not. A number is never left out, nor any word
of "Who is X?" or of an X made only of such words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from assistant.answer.settle import TOTAL_TERMS, qualifiers
from assistant.answer.verdict import default_absence
from assistant.facts.query import OPERATION_WORDS
from assistant.facts.units import CURRENCIES, SCALES
from assistant.text.intents import CONDITION_CLAUSE, WHEN_CONDITION
from assistant.text.periods import MONTHS, years
from assistant.text.question import MAX_ENTITY_TERMS, MEASURES, WHO_ASKED, Expected, Question
from assistant.text.tables import is_table_row
from assistant.text.terms import terms

FOCUS_SHARE = 0.6  # a figure must be of most of what the question names

NUMBER = re.compile(
    r"(?<![\w.])(?P<money>[A-Z]{0,3}[$€£¥]\s?|[A-Z]{3}(?=\d))?\d+(?:,\d{3})*(?:\.\d+)?"
    r"(?P<pct>\s?(?:%|percent\b))?"
)
BRACKETED = re.compile(r"\([^()]*\)")
DATING = re.compile(r"\((?:[a-z]+[- ]?|[a-z]+\.\s*)?((?:19|20)\d\d)[a-z.]*\)", re.IGNORECASE)
"""A year alone in brackets, as it dates a figure: "(2025)", "(mid-2026)", "(est. 2024)"."""
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")  # an 18xx number is a year here, not a count
DAY_RANGE = r"(?:\s*(?:[-–]|to|through)\s*\d{1,2})?"
DAYS = re.compile(
    rf"\b(?:{MONTHS})\b\.?\s+\d{{1,2}}{DAY_RANGE}\b|\b\d{{1,2}}{DAY_RANGE}\s+(?:{MONTHS})\b",
    re.IGNORECASE,
)
"""Days of a date ("June 17-19", "17 to 19 September", "3 May"): numbers that count
nothing."""
MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)

NUMBER_WORD = (
    r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several)"
)
DETAILS: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (  # "How long does it take?": a length of time, or since when
        re.compile(r"^\s*how long\b", re.I),
        re.compile(
            rf"\b{NUMBER_WORD}(?:\s*(?:-|–|to)\s*{NUMBER_WORD})?[\s-]*"
            r"(?:(?:working|business|calendar|full|consecutive)\s+)?"  # "120 working days"
            r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b|\bsince\b",
            re.I,
        ),
    ),
    (  # "How old is X?": an age
        re.compile(r"^\s*how old\b", re.I),
        re.compile(r"\b\d{1,3}[\s-]+years?[\s-]+old\b|\baged?\s+\d{1,3}\b|,\s\d{2},", re.I),
    ),
    (  # "On what date?", "What are the dates?": a day, not only a year
        re.compile(
            r"\b(?:what|which)\s+(?:(?:is|are|was|were)\s+the\s+)?(?:exact\s+)?(?:dates?|days?)\b"
            r"|\bwhen exactly\b|\bexactly when\b",
            re.I,
        ),
        re.compile(
            rf"{DAYS.pattern}|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|\b\d{{4}}-\d\d-\d\d\b", re.I
        ),
    ),
    (
        re.compile(r"\b(?:tele)?phone\b|\bfax\b|\bmobile number\b", re.I),
        re.compile(r"\+?\(?\d[\d ().-]{6,}\d"),
    ),
    (re.compile(r"\be-?mail\b", re.I), re.compile(r"[\w.+-]+@[\w-]+\.\w")),
    (  # "Which agency regulates X?": the name of one, or an acronym ("COFEPRIS")
        re.compile(
            r"\b(?:which|what)\s+(?:\w+\s+){0,2}?(?:agency|agencies|body|bodies|authority"
            r"|authorities|regulator|regulators|organi[sz]ations?|institutions?|ministry"
            r"|ministries|associations?)\b",
            re.I,
        ),
        re.compile(
            r"(?<![\w$])[A-Z][A-Z&]{2,}(?![\w$])"
            r"|\b(?i:agency|agencia|commission|comisi[oó]n|institute|instituto|ministry"
            r"|ministerio|secretar[ií]a|council|consejo|association|asociaci[oó]n|authority"
            r"|office|department|board|bureau|administration|federation|foundation|fund"
            r"|university|hospital|consortium|society)\b"
        ),
    ),
    (  # "Which venue hosts the expo?": a named building or ground, not only its city
        re.compile(
            r"\b(?:which|what)\s+(?:\w+\s+)?(?:venue|convention\s+cent(?:re|er)"
            r"|exhibition\s+cent(?:re|er)|conference\s+cent(?:re|er)|hotel|hall)\b"
            r"|\bwhere exactly\b|\bexactly where\b",
            re.I,
        ),
        re.compile(
            r"\b(?:Cent(?:re|er)|Hall|Hotel|Arena|Pavilion|Fairgrounds?|Stadium|Palace|Campus"
            r"|Centro|Palacio|Recinto|Venue)\b"
        ),
    ),
    (
        re.compile(r"\b(?:website|web site|web ?page|url|web address)\b", re.I),
        re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|gov|net|edu|int|info)\b", re.I),
    ),
]
"""Details a question can ask for by name, each with what a passage holding one looks like."""


def can_answer(
    question: Question, passage: str, *, context: str = "", focus: frozenset[str] = frozenset()
) -> bool:
    """Whether `passage` holds the kind of answer `question` asks for.

    `context` (the passage's heading, caption) counts for naming the subject. A figure
    must also be of the question's `focus` (its words found in the briefs): at least
    `FOCUS_SHARE` of them must be in the passage, so "the population of X" is not
    answered by "in X, the market was valued at US$480 million".
    """
    kind = question.expected
    if kind in ("count", "amount") and focus:
        # every word alike: a figure is of another metric when it lacks one that the
        # question names (not "net" income, of an operating income row); words of the
        # operation ("percentage decrease") say what was done to it, not what it is of: they
        # count when the passage has them, and are not asked of it when it lacks them
        # ("declined by 26.1%"); "total" names a row too, and is asked
        held = set(terms(f"{context}\n{passage}"))
        of = focus - ((OPERATION_WORDS - TOTAL_TERMS) - held) or focus
        if len(of & held) < FOCUS_SHARE * len(of):
            return False
    if (
        kind == "count"
        and question.counted
        and is_table_row(passage.strip())
        and not question.counted & set(terms(f"{context}\n{passage}"))
    ):
        return False  # a row counts what its caption says: "MRI units in Cusco", not scans
    if _other_years(question, passage) or _other_range(question, passage):
        return False  # a heading's year is rarely its figures' year
    if kind in ("count", "amount") and focus and _unqualified(question, passage, context, focus):
        return False
    if kind in ("count", "amount") and _qualified_otherwise(question, passage):
        return False
    details = [held for asks, held in DETAILS if asks.search(question.text)]
    if details and kind not in ("count", "amount"):
        # a phone number, a day, a length of time: the passage must hold one
        return all(held.search(passage) for held in details)
    if question.doing and kind != "entity" and not question.doing <= set(terms(passage)):
        return False  # "Who founded X?" of "X is led by ...": not the doing asked
    return CHECKS[kind](question, f"{context}\n{passage}" if kind == "entity" else passage)


def _other_years(question: Question, passage: str) -> bool:
    """Whether the passage gives its figures for years, none of them a year the question
    asks about ("worth in 2023" is not answered by "US$44 billion in 2025"). A year in
    brackets is a comparative ("US$261,518 (2018: US$283,752)"): it answers for its year,
    and does not make the passage's unbracketed figure one of another year. A year alone in
    brackets ("62% (2025)", "(mid-2026)") is the year its figure is of."""
    asked = set(years(question.text))
    outside = set(years(BRACKETED.sub(" ", passage))) | set(
        years(" ".join(DATING.findall(passage)))
    )
    return bool(asked and outside and not asked & set(years(passage)))


RANGE_ASKED = re.compile(r"\bbetween\b|\bfrom\b.*\bto\b|\bsince\b", re.IGNORECASE)


def _other_range(question: Question, passage: str) -> bool:
    """Whether the question asks about a span of two years ("between 2018 and 2020") and
    the passage gives another span ("between 2018 and 2024"), not holding both years."""
    asked = set(question.periods)
    given = set(years(BRACKETED.sub(" ", passage)))
    return (
        len(asked) == 2
        and RANGE_ASKED.search(question.text) is not None
        and len(given) >= 2
        and not asked <= given
    )


ADJECTIVE = re.compile(r"(?:al|ic|ive|ous|ese|ian|ern)$", re.IGNORECASE)
"""Endings of words that qualify a noun ("global", "domestic", "Brazilian"): a guess from
the word alone, so that the subject of a verb ("the company estimates") is not taken for
a qualifier."""


def _unqualified(question: Question, passage: str, context: str, focus: frozenset[str]) -> bool:
    """Whether the question qualifies what it asks with an adjective of the briefs (`focus`)
    that the passage lacks, right before a word it has: "the global market" of a sentence
    on one country's market."""
    held = set(terms(f"{context}\n{passage}"))

    def missing(word: str, following: str) -> bool:
        own = terms(word)[0]
        return (
            own in focus
            and ADJECTIVE.search(word) is not None
            and bool(set(terms(following)) & held)
        )

    return bool(qualifiers(question, held.__contains__, keep=missing))


OWNED = re.compile(r"\b(?P<owner>[A-Z][\w.&-]*)['’]s\s+(?P<head>[\w-]+)")
"""A name's possession in a question: "Chile's genomics market" (owner, the word after)."""
PASSAGE_WORD = re.compile(r"[\w-]+(?:['’]s)?")


def _qualified_otherwise(question: Question, passage: str) -> bool:
    """Whether the question asks the figure of a name's thing ("Chile's genomics market")
    and the passage, not naming that name, gives the thing as another's: the word right
    before it is one the question does not use ("The global genomics market", "Brazil's
    genomics market"), whatever its brief's title names. A passage that leaves the name
    unsaid ("The genomics market ...", as a brief about Chile writes) still answers."""
    held = set(terms(passage))
    asked = set(question.terms)
    found = list(PASSAGE_WORD.finditer(passage))
    for owned in OWNED.finditer(question.text):
        owner, head = set(terms(owned["owner"])), terms(owned["head"])
        if not owner or owner & held or not head:
            continue
        for before, word in pairwise(found):
            if passage[before.end() : word.start()].isspace() and terms(word.group()) == head:
                other = set(terms(before.group()))
                if other and not other & asked:
                    return True
    return False


UNIT_NEAR = 3
"""Words after a number within which its unit is written ("9 to 14 months")."""


def _has_count(question: Question, passage: str) -> bool:
    """A number that counts (not money, a percentage or a year); when the question says
    what it counts, not one that measures another unit: "How many laboratories are
    there?" is not answered by "takes 9 to 14 months". The noun counted may be left unsaid
    ("6,197 were confirmed dead") or named another way ("30 performances" for "times"),
    and may be written in words ("four cash dividends")."""
    text = DAYS.sub(" ", passage)
    ends = [
        m.end()
        for m in NUMBER.finditer(text)
        if not (m["money"] or m["pct"] or YEAR.fullmatch(m.group().strip()))
    ]
    if not question.counted_words:
        return bool(ends)
    ends += [m.end() for m in SPELLED_COUNT.finditer(text)]
    counted = set(terms(question.counted_words))
    others = MEASURES - counted
    for end in ends:
        after = set(terms(" ".join(_words_after(text, end))))
        if counted & after or not others & after:  # "40 laboratories a year": laboratories
            return True
    return False


SPELLED_COUNT = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?!\s*percent)",
    re.IGNORECASE,
)
"""A count written in words ("four cash dividends"); not "one", as often a pronoun ("one of
the largest")."""


def _words_after(text: str, end: int) -> list[str]:
    """The words after a number, to `UNIT_NEAR` and within its clause ("14 months, and
    tests ...": "months")."""
    return CLAUSE_END.split(text[end:], maxsplit=1)[0].split()[:UNIT_NEAR]


CLAUSE_END = re.compile(r"[,;:()]|\.(?!\d)")


def _has_amount(question: Question, passage: str) -> bool:
    # the days of a date and a bare year are no amount ("June 17-19, 2026")
    numbers = [
        m
        for m in NUMBER.finditer(DAYS.sub(" ", passage))
        if m["money"] or m["pct"] or not YEAR.fullmatch(m.group().strip())
    ]
    if not numbers:
        return False
    if MONEY_ASKED.search(question.text) and not question.relative:
        return _has_money(passage)
    # A percentage answers "how much did X rise" or "what share", not "what is the population".
    return question.relative or any(not m["pct"] for m in numbers)


MONEY_ASKED = re.compile(
    r"\b(?:budgets?|costs?|prices?|fees?|spend|spent|spending|expenditures?|worth|valued"
    r"|investments?|invested|funding|funded|paid|pays?)\b",
    re.IGNORECASE,
)
"""An amount of money asked ("What is the budget of X?"): a count ("1,200 facilities")
does not answer it."""
GLUED_SCALE = re.compile(r"(?:bn|mn)\b", re.IGNORECASE)
"""A scale written onto a number ("3.5bn", "12mn"): money in a brief."""
NEAR = 30
"""Characters around a number read for its currency word."""


def _has_money(passage: str) -> bool:
    """Whether a number of the passage is money: with a currency sign or code, a currency
    word beside it ("US$480 million", "EUR 12", "480 million pesos"), a scale glued to it
    ("3.5bn") or a scale word that counts nothing ("spent 12 million on reagents", not "1.2
    million patients")."""
    text = DAYS.sub(" ", passage)
    for m in NUMBER.finditer(text):
        if m["money"] or GLUED_SCALE.match(text, m.end()):
            return True
        before = _bare(text[max(0, m.start() - NEAR) : m.start()].split()[-1:])
        after = _bare(text[m.end() : m.end() + NEAR].split()[:2])
        if {*before, *after} & CURRENCIES.keys():
            return True
        if after and after[0] in SCALES and not terms(" ".join(after[1:2])):
            return True  # "spent 12 million on reagents", not "1.2 million patients"
    return False


def _bare(words: list[str]) -> list[str]:
    return [w.strip(".,;:()").lower() for w in words]


def _has_date(question: Question, passage: str) -> bool:
    if WHEN_CONDITION.match(question.text) and CONDITION_CLAUSE.search(passage):
        return True  # "When is goodwill impaired?": "if its carrying value exceeds ..."
    # a year the question gives is not an answer to when ("the Coastal Health Forum 2026"),
    # unless it offers years to choose from ("higher in 2018 or 2019?")
    named = set(question.periods)
    asked = named if len(named) == 1 else set()
    return bool(MONTH.search(passage)) or any(
        y.group() not in asked for y in YEAR.finditer(passage)
    )


SUPERLATIVES = frozenset(terms("largest biggest greatest highest top leading main primary major"))
"""Words that rank a subject alike: "the biggest customer" is named by "the largest
customer"."""


ASKING_WORD = 0.5
"""A word absent at least this often from the sentence that answers a question asking it
names what is asked ("role", "amount", "company"): a passage may lack it."""
SCALED = re.compile(r"(?P<number>\d+)(?:k|m|mn|bn|b)")
"""A figure's term with its scale abbreviated ("$480M": 480m): the passage names it with
its number ("US$480 million")."""


def _names_subject(question: Question, passage: str) -> bool:
    """Every word of X but those that name what is asked ("role", "amount"), when X has
    other words; of "Who is X?" every word (all describe the one sought: "the current
    head"); a superlative asked ("the biggest customer") only by a passage that ranks; of
    "Who is driving X?" the doing ("driven"), whoever the passage says does it."""
    held = set(terms(passage))
    if question.doing:  # "Who is driving X?": the doing, however the doer is described
        return question.doing <= held
    held |= {t for t in question.subject if (m := SCALED.fullmatch(t)) and m["number"] in held}
    if held & SUPERLATIVES:
        held |= SUPERLATIVES
    elif question.subject & SUPERLATIVES:
        return False
    absent = default_absence()
    required = {t for t in question.subject if t.isdigit() or absent(t) < ASKING_WORD}
    short_who = WHO_ASKED.match(question.text) and len(question.subject) <= MAX_ENTITY_TERMS
    if short_who or not required:
        required = set(question.subject)
    return required <= held


CHECKS: dict[Expected, Callable[[Question, str], bool]] = {
    "count": _has_count,
    "amount": _has_amount,
    "date": _has_date,
    "entity": _names_subject,
    "any": lambda question, passage: True,
}
