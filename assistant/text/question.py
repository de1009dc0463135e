"""One question, analysed once: its terms, names, periods and the kind of answer it wants.

Every step of answering reads a `Question`; none tokenises the text again. The kind of
answer is told by cues in English and Spanish (the question's words; passages are English):
a count needs a number that is not money, a percentage or a year; an amount a number; a
date a year, month or date; "Who is X?" and "What is X?" a passage that names all of X.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from assistant.errors import QuestionError
from assistant.text.intents import ASKS_NO_FIGURE
from assistant.text.names import find_names
from assistant.text.periods import MONTHS, YEAR_PATTERN, years
from assistant.text.terms import question_terms, terms
from assistant.text.vocabulary import Vocabulary, slip_of
from assistant.types import Language

Expected = Literal["count", "amount", "date", "entity", "any"]
MAX_QUESTION_CHARS = 2000


def inner_words(text: str) -> list[tuple[str, str]]:
    """Each word that opens no sentence, with the word before it: a capitalised one among
    them is a name ("I'm an exporter. Roughly what share ...": "Roughly" opens a sentence).
    A full stop ends a sentence after a word of letters ("Peru."), not after an
    abbreviation ("U.S.", "Inc.", "Dr.")."""
    words = text.split()
    return [
        (before, word) for before, word in itertools.pairwise(words) if not _ends_sentence(before)
    ]


def _ends_sentence(word: str) -> bool:
    bare = word.rstrip("'\"”’)")
    if bare.endswith(("?", "!")):
        return True
    if not bare.endswith(".") or "." in bare[:-1]:
        return False  # "U.S.", "e.g."
    stem = bare[:-1]
    if stem.lower() in ABBREVIATIONS:
        return False  # "Apple vs. Samsung", "Acme Corp. and ..."
    return stem.isalpha() and (stem.islower() or len(stem) > 3)  # not "Inc.", "Dr."


ABBREVIATIONS = frozenset(
    {"vs", "etc", "approx", "incl", "excl", "est", "fig", "no", "nos", "vol", "corp", "ltd"}
    | {"inc", "co", "dept", "govt", "univ", "assn", "mr", "mrs", "ms", "dr", "prof", "st"}
    | {"jr", "sr"}
)
"""Words a full stop abbreviates, which end no sentence."""


COUNT = re.compile(r"\bhow many\b|\bcu[aá]nt[oa]s\b", re.IGNORECASE)
COUNTED_THING = re.compile(
    r"\bhow many\s+(?P<thing>[\w'’-]+(?:\s+[\w'’-]+){0,3}?)"
    r"(?=\s+(?:are|were|is|was|do|does|did|have|has|had|there|in|of|per|by|at|for|from|to|with"
    r"|across|between|during|over|under|on|will|would|can|could|work|live|that|which|who)\b"
    r"|\s*[?.,;!]|\s*$)",
    re.IGNORECASE,
)
""""How many X ...?": X, up to the verb or preposition after it."""
MEASURES = frozenset(
    terms(
        "seconds minutes hours days weeks months quarters periods years decades centuries times"
        " percent per cent percentage points basis thousands millions billions"
    )
)
"""Units a number measures in, not things it counts: "how many years", "how many percent",
"takes 9 to 14 months"."""
SCALE_COUNTED = re.compile(
    r"\bhow many\s+(?:thousands?|millions?|billions?|trillions?|bn|mn)\b"
    r"|\bcu[aá]nt[oa]s\s+(?:miles|millones|billones)\b",
    re.IGNORECASE,
)
""""How many million of X": an amount in millions, not a count of things."""
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
    rf"|\bwhat (is|was|were|are) the (typical|average|total|current|annual|estimated|overall)"
    rf" ({QUANTITY_NOUNS})\b"
    rf"|\bby how\b|\bwhat ({QUANTITY_NOUNS})\b|^\s*what\b.*\bworth\b"
    r"|\bwhat [a-z]+ (?:share|percentage|proportion)\b"  # "what market share"
    # "What is the agency's registration fee?": a price named after its words
    r"|^\s*what (?:is|was|are|were|will) the (?:[\w'’-]+ ){0,3}"
    r"(?:fees?|prices?|costs?|wages?|salar(?:y|ies)|tariffs?|dut(?:y|ies)|taxe?s?|budgets?)"
    r"(?=\s+(?:for|of|on|in|to|per|at|charged|paid|be)\b|\s*[?.!]?\s*$)"  # not "the tax treatment"
    r"|^\s*what (?:does|do|did|will|would) [^?]{0,60}\bcost(?=\s+to\b|\s*\??\s*$)"  # "... cost to?"
    rf"|\bcu[aá]nt[oa]\b|\bqu[eé] tan (grande|r[aá]pido)\b"
    rf"|\bcu[aá]l (es|fue|era) (el |la )?({CANTIDADES})\b",
    re.IGNORECASE,
)
RELATIVE = re.compile(
    r"\b(share|percent|percentage|proportion|rate|growth|grow|grew|rise|rose|fall|fell"
    r"|increase|decrease|decline|drop|change|climb|jump|slip|shr[iu]nk|surg|soar|plung|tumbl"
    r"|(?:go|goes|went|gone|going|come|came) (?:up|down)"
    r"|porcentaje|proporci[oó]n|tasa|crec|ca[yí]|aument|disminu|baj|sub|cambi)\w*",
    re.IGNORECASE,
)
DATE_QUESTION = re.compile(
    r"\b(?:deadline|due date|closing date|cut-?off date)s?\b"  # "deadline for the tender?"
    r"|^\s*((?:until |till |by |since )?when\b|(in )?(what|which) (year|date|month|day)\b"
    r"|what (?:is|was|are|were) the (?:\w+ )?dates?\b(?! of birth)"
    r"|¿?\s*(cu[aá]ndo\b|(en )?qu[eé] (a[nñ]o|fecha|mes|d[ií]a)\b))",
    re.IGNORECASE,
)
ENTITY_QUESTION = re.compile(
    r"^\s*(who|what) (is|are|was|were) (?P<subject>[^?]+)"
    r"|^\s*¿?\s*(qui[eé]n(es)?|qu[eé]) (es|son|era|fue|eran|fueron) (?P<sujeto>[^?]+)",
    re.IGNORECASE,
)
MAX_ENTITY_TERMS = 4
WHO_ASKED = re.compile(r"^\s*who\b", re.IGNORECASE)
WHO_DOES = re.compile(
    r"^\s*(?i:who (?:is|are|was|were)) (?P<verb>[a-z]+ing)\b|^\s*(?i:who) (?P<did>[a-z]{3,}ed)\b"
)
""""Who is driving X?", "Who founded X?": who does or did it (a doer, however described),
not who someone is."""
QUOTED_FIGURE = re.compile(
    r"(?<![\d.,])\d[\d,]*\.\d+|(?<![\d.,])\d{1,3}(?:,\d{3})+|(?<![\d.,])\d{3,}"
)
YEAR_ONLY = re.compile(YEAR_PATTERN)
DECIMAL_WORDS = {"no": 0, "zero": 0, "a single": 1, "one": 1, "two": 2, "three": 3, "four": 4}
ASK = (
    r"(?:please\s+)?(?:(?:give|answer|show|express|state|report)\s+"
    r"(?:it|that|them|the answer)?\s*)?"
)
"""An opening that asks for the answer's form: "please give it", "answer"."""
FORMAT_REQUEST = re.compile(
    # set off by punctuation, or opened by a word that asks ("rounded", "in", "to")
    r"(?:[,;:(–—?.!-]\s*|\s+(?=(?:please|give|answer|show|express|state|report|rounded|round"
    r"|to|with|in|at|as)\b))"
    rf"{ASK}(?:"
    rf"(?:(?:rounded|round(?:ing)?)\s+)?(?:(?:to|with|in|at)\s+)?(?:the\s+nearest\s+)?"
    rf"(?P<decimals>{'|'.join(DECIMAL_WORDS)}|\d)\s+(?:decimals?|dp|d\.p\.)"
    r"(?:\s+(?:places?|points?|digits?))?"
    r"|(?:rounded\s+)?to\s+the\s+nearest\s+(?P<whole>whole\s+number|integer|unit)"
    r"|(?:in|as)\s+(?:(?:USD|US\$|\$|EUR|€|£|GBP|US dollars|dollars|euros)\s*)?"
    r"(?:thousands?|millions?|billions?|mn|bn)"  # a currency alone asks a conversion
    r"(?:\s+of\s+(?:USD|US dollars|dollars|euros|EUR))?"
    r")(?:\s+please)?\s*\)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
"""How the answer should be written, said at the end of a question ("..., in USD million",
"one decimal please", "(rounded to two decimal places)"): not part of what is asked."""


@dataclass(frozen=True)
class Question:
    """A question as asked and as answered, with everything the steps read from it.

    Each analysis (terms, names, periods, kind) is made once, when a step first reads it:
    a figure question answered from the facts table never pays for the passage steps'.
    """

    asked: str
    """The text as the user sent it (shown back in the answer)."""
    text: str
    """The standalone question actually answered (a follow-up resolved)."""
    language: Language
    """The language of the answer's own words."""
    sources: frozenset[str] = frozenset()
    """The briefs (by source name) the answer may come from; empty: every brief."""
    spelling: tuple[tuple[str, str], ...] = ()
    """Terms no brief uses, each with the brief term it stands for (`spelled`)."""

    @classmethod
    def analyse(
        cls,
        asked: str,
        text: str | None = None,
        *,
        language: Language,
        sources: frozenset[str] = frozenset(),
    ) -> Question:
        """The question `asked`, answered as `text` (default: `asked` itself), from the
        briefs `sources` (every brief when empty)."""
        said = asked if text is None else text
        return cls(
            asked=asked,
            text=plain_wording(without_format_request(_unslipped(said))),
            language=language,
            sources=sources,
        )

    def spelled(self, vocabulary: Vocabulary) -> Question:
        """The same question, its terms that no brief uses read as the brief terms they
        stand for ("expansion" as "expand", "percieved" as "perceived"; a capitalised word,
        a name, only when misspelled); its text stays."""
        names = frozenset(terms(_capitalised(self.text)))
        spelling = vocabulary.spellings(tuple(terms(self.text)), names)
        return replace(self, spelling=tuple(spelling.items())) if spelling else self

    @cached_property
    def spelled_terms(self) -> frozenset[str]:
        """The brief terms its own words were read as (`spelled`), but not written too."""
        return frozenset(brief for _, brief in self.spelling) - set(terms(self.text))

    def _terms(self, found: list[str]) -> list[str]:
        spelling = dict(self.spelling)
        return [spelling.get(t, t) for t in found]

    @cached_property
    def terms(self) -> tuple[str, ...]:
        """Stemmed terms without stopwords or framing words ("passage", "figure", "much")."""
        return tuple(self._terms(question_terms(self.text)))

    @cached_property
    def names(self) -> frozenset[str]:
        """Terms of the names it gives (runs of capitalised words, acronyms)."""
        return frozenset(t for name in find_names(self.text) for t in self._terms(terms(name)))

    @cached_property
    def doing(self) -> frozenset[str]:
        """Of "Who is driving X?" or "Who founded X?", the term of what is done ("driving"
        as the briefs write it); empty for any other question."""
        asked = WHO_DOES.match(self.text)
        verb = asked["verb"] or asked["did"] if asked else ""
        return frozenset(self._terms(terms(verb)))

    @cached_property
    def counted(self) -> frozenset[str]:
        """Of "How many X ...?", the term of the thing X counts (its last word: "dialysis
        stations" -> station); empty for any other question and for a count of a unit of
        measure ("how many years", "how many percent")."""
        head = self.counted_words.split()[-1] if self.counted_words else ""
        if set(terms(self.counted_words)) & MEASURES:
            return frozenset()  # "how many times bigger", "how many percent"
        return frozenset(self._terms(terms(head)))

    @cached_property
    def counted_words(self) -> str:
        """Of "How many X ...?", X as written ("dialysis stations"); else empty."""
        asked = COUNTED_THING.search(self.text)
        return asked["thing"] if asked else ""

    @cached_property
    def proper_names(self) -> frozenset[str]:
        """Terms of its capitalised words that open no sentence ("Who is Ann Lee?" -> ann,
        lee; "I sell in Peru. Roughly what share ...?" -> peru)."""
        return frozenset(self._terms(terms(_capitalised(self.text))))

    @cached_property
    def periods(self) -> tuple[str, ...]:
        """The years it names, in order."""
        return years(self.text)

    @cached_property
    def subject(self) -> frozenset[str]:
        """For "Who/What is X?": the terms of X (in Spanish, of its names only)."""
        entity = ENTITY_QUESTION.search(self.text)
        return frozenset(self._terms(question_terms(_subject(entity)))) if entity else frozenset()

    @cached_property
    def expected(self) -> Expected:
        """The kind of answer it asks for."""
        return _expected(self.text, self.subject)

    @cached_property
    def decimals(self) -> int | None:
        """The decimals it asks its figures in ("to one decimal" -> 1), or None."""
        for request in format_requests(self.asked):
            if request["decimals"]:
                said = request["decimals"].lower()
                return int(said) if said.isdigit() else DECIMAL_WORDS[said]
            if request["whole"]:
                return 0
        return None

    @cached_property
    def relative(self) -> bool:
        """It asks for a change or a share, which a percentage answers."""
        return bool(RELATIVE.search(self.text))

    def in_language(self, language: Language) -> Question:
        """The same question, answered in `language` (its terms, names and kind stay; the
        threshold, the retrieval path and the figure parser follow the language)."""
        return replace(self, language=language)

    @cached_property
    def figures(self) -> tuple[str, ...]:
        """The figures it quotes, as written ("41.4", "44.21", "1,250"): decimals or three
        digits or more, not years."""
        return tuple(f for f in QUOTED_FIGURE.findall(self.text) if not YEAR_ONLY.fullmatch(f))

    def quotes_figures(self, text: str) -> bool:
        """Whether `text` gives every figure the question quotes (and it quotes one): a
        passage that does is about what was asked, however it is worded."""
        return bool(self.figures) and all(
            re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d]|[.,]\d)", text) for f in self.figures
        )

    def names_all(self, text: str) -> bool:
        """Whether `text` names every proper name of the question (and there is one).

        A passage that does is about what was asked even when its wording scores low.
        """
        return bool(self.proper_names) and self.proper_names <= set(terms(text))


FISCAL_PREFIX = re.compile(rf"\bF[Y]?'?(?={YEAR_PATTERN}\b)", re.IGNORECASE)
SHORT_MONTHS = "|".join(MONTHS.split("|")[12:])  # "jan|feb|...": no "may", a verb too
SHORT_MONTH = re.compile(
    rf"(?<=\d )(?P<a>{SHORT_MONTHS})\.?(?=\W|$)|\b(?P<b>{SHORT_MONTHS})\.?(?= \d)",
    re.IGNORECASE,
)
"""A month written short beside a day or year: "31 Dec 2018", "Dec 31, 2019"."""
MONTH_NAMES = {name[:3]: name.title() for name in MONTHS.split("|")[:12]}
CONTRACTED = re.compile(
    r"\b(what|who|where|when|how|which|that|there|it)['’]s\b|\b(what|who|where)s\b", re.IGNORECASE
)
"""A question word with "is" contracted: "What's", "who's", typed "whats"."""


def _capitalised(text: str) -> str:
    """Its capitalised words that open no sentence, its names ("I sell in Peru. Roughly
    what share ...?" -> "Peru")."""
    return " ".join(w for _, w in inner_words(text) if w[:1].isupper())


def plain_wording(text: str) -> str:
    """The text as the readers of questions expect it: a contracted "is" written out
    ("What's" -> "What is"), a fiscal year's prefix dropped ("FY2019" -> "2019",
    "FY2017-FY2019" -> "2017-2019") and a short month beside a date written out ("31 Dec
    2018" -> "31 December 2018")."""
    text = CONTRACTED.sub(lambda m: f"{m.group(1) or m.group(2)} is", text)
    text = FISCAL_PREFIX.sub("", text)
    return SHORT_MONTH.sub(lambda m: MONTH_NAMES[(m["a"] or m["b"])[:3].lower()], text)


GRAMMAR_WORDS = frozenset(
    re.findall(
        r"\w+",
        "average percentage percent difference increase decrease between highest lowest total"
        " change growth compared combined maximum minimum million billion thousand",
    )
)
"""The words that say which operation a figure question asks: a slip in one ("avrage")
would send the question elsewhere, and no brief's vocabulary is there to read it by."""


def _unslipped(text: str) -> str:
    """The text with slips in `GRAMMAR_WORDS` corrected ("avrage yearly imports" ->
    "average yearly imports")."""
    return re.sub(r"[A-Za-z]+", lambda m: slip_of(m.group(), GRAMMAR_WORDS) or m.group(), text)


def format_requests(text: str) -> list[re.Match[str]]:
    """The requests for how the answer is written that end the question, last first."""
    found = []
    while (request := FORMAT_REQUEST.search(text)) and request.start() > 0:
        found.append(request)
        text = text[: request.start()]
    return found


def without_format_request(text: str) -> str:
    """The question without the requests for how its answer is written ("What were exports
    in 2021, in USD million?" -> "What were exports in 2021?")."""
    requests = format_requests(text)
    if not requests:
        return text
    start = requests[-1].start()
    kept = text[:start].rstrip(" ,;:-–—?")
    return kept + ("?" if "?" in text[start:] else "")  # the question mark it was asked with


def _expected(text: str, subject: frozenset[str]) -> Expected:
    in_millions = SCALE_COUNTED.search(text) is not None
    figure = ASKS_NO_FIGURE.match(text) is None
    if figure and COUNT.search(text) and not in_millions:
        return "count"
    if figure and (AMOUNT.search(text) or in_millions):
        return "amount"
    if DATE_QUESTION.search(text):
        return "date"
    if ENTITY_QUESTION.search(text) and (len(subject) <= MAX_ENTITY_TERMS or WHO_ASKED.match(text)):
        return "entity"
    return "any"


def _subject(match: re.Match[str]) -> str:
    """What "Who is X?" asks about; in Spanish only its names, the passages being English."""
    if match["subject"] is not None:
        return match["subject"]
    return " ".join(w for w in match["sujeto"].split() if w[:1].isupper())


def validate_question(question: str) -> str:
    """The question with whitespace tidied and invisible characters (control and format
    characters: terminal escapes, zero-width or bidi marks) removed, or `QuestionError`."""
    if len(question) > 50 * MAX_QUESTION_CHARS:  # not worth cleaning character by character
        raise QuestionError(
            f"question too long ({len(question)} characters; at most {MAX_QUESTION_CHARS})"
        )
    text = tidy(question)
    if not text:
        raise QuestionError("empty question: type a question about the briefs")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"question too long ({len(text)} characters; at most {MAX_QUESTION_CHARS})"
        )
    return text


def tidy(question: str) -> str:
    """The question as it is answered: whitespace runs as one space, invisible characters
    removed (its length is the one `MAX_QUESTION_CHARS` limits)."""
    visible = "".join(
        " " if ch.isspace() else ch for ch in question if ch.isspace() or not _invisible(ch)
    )
    return " ".join(visible.split())


def _invisible(ch: str) -> bool:
    """Control, format, surrogate, private-use and unassigned characters."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")
