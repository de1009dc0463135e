"""The short answer inside a quoted passage: the answer's `value` for programs.

- an amount or a count: the quote's figure nearest the question's own words (and the year
  it names), or several ("in 2019 and 2018 respectively") in the order asked;
- "who": the person the quote names ("ANDREW R. KAISER, Chief Financial Officer ..."); "who
  approved X": the agent after "approved by";
- "which market": the quote's name ending with "Market"; "what symbol": the quoted term;
  "how often": the frequency ("annually");
- "when is X done?": the condition ("if its carrying value exceeds ...");
- a date: the date ("June 17-19, 2026");
- a reason: the clause that gives it ("due to ...", "driven by ...");
- "what does X consist of": what follows "consists of" / "includes";
- "how is X calculated": the quote from "calculated" on;
- "what are X classified as", "where is X disclosed": what follows that verb;
- "what is X": what the quote says X is;
- anything else: the quote itself.

The text is always a slice of the quote (several figures: slices joined by "; "), so the
value is as verbatim as the citation it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.phrases import PhraseKey
from assistant.facts.query import TOTAL, find_operation
from assistant.facts.units import format_number
from assistant.text.intents import (
    ASKS_CONTENTS,
    ASKS_METHOD,
    ASKS_REASON,
    CONDITION_CLAUSE,
    DOES_VERB,
    ENDS_ON_VERB,
    IN_A_YEAR,
    RESPECTIVELY,
    WHAT_WAS,
    WHEN_CONDITION,
)
from assistant.text.names import find_names, is_person
from assistant.text.periods import MONTHS, YEAR_PATTERN, years
from assistant.text.question import Question
from assistant.text.tables import CELL_CURRENCY
from assistant.text.terms import terms
from assistant.types import Value

SCALE = r"trillion|billion|million|thousand|bn|mn"
FIGURE = re.compile(
    rf"(?<![\w.])(?P<cur>{CELL_CURRENCY}\s?)?"
    r"(?P<neg>\()?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?(neg)\))"  # "(5)" is -5; "(5 million" is not
    r"(?P<pct>\s?(?:%|percent\b|per cent\b))?(?P<minor>p(?!\w)|\s(?:cents?|pence)\b)?"
    rf"(?:\s?(?P<scale>{SCALE})\b)?(?P<span>\s(?:years?|months?|weeks?|days?)\b)?",
)
DAY = rf"(?:{MONTHS})\.? \d{{1,2}}"  # "June 17"
DATE = re.compile(
    rf"\b(?:\d{{1,2}} (?:{MONTHS})\.?,? \d{{4}}"
    rf"|{DAY}(?:\s?[-–]\s?(?:{DAY}|\d{{1,2}}))?,? \d{{4}}"  # "June 17-19, 2026"
    rf"|(?:{MONTHS})\.? \d{{4}}|(?:fiscal |financial year |FY ?)?(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
END_POINT = re.compile(r"\b(?:to|until|till|through)\s+$", re.IGNORECASE)
"""Before a date that ends a period ("deferred to March 2025")."""
ASKS_END = re.compile(r"^\s*(?:until|till|to) when\b|\bhow long\b", re.IGNORECASE)
"""A question asking for the end of a period."""
AFTER_MONTH = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE)
BEFORE_MONTH = re.compile(rf"^\s*(?:{MONTHS})\b", re.IGNORECASE)
BARE_YEAR = re.compile(YEAR_PATTERN)
# Where a reason starts: what follows is the answer to "why" or "what caused".
REASON = re.compile(
    r"\b(?:(?:primarily|mainly|largely|partly|partially|principally|mostly)\s+)?"
    r"(?:due to|driven by|as a result of|attributable to|attributed to|resulting from"
    r"|because of|because|owing to|caused by|reflect(?:s|ed|ing)?)\b"
    r"|\b(?:primarily|mainly|largely|principally|mostly) from\b",
    re.IGNORECASE,
)
CONTAINS = re.compile(
    r"\b(?:consists? of|(?:is|are) comprised of|comprises?|includes?|including|(?:is|are)"
    r" made up of|(?:is|are) composed of)\s+",
    re.IGNORECASE,
)
NAMED_AS = re.compile(r"(?:known|referred to|called) as", re.IGNORECASE)
# "X is the risk that ...", not "X is determined by ..." (a passive verb says how, not what).
COPULA = re.compile(
    r"\b(?:is|are|was|were|represents?|means|refers to|is defined as|are defined as)\s+"
    r"(?!\w+(?:ed|en)\b)",
    re.IGNORECASE,
)
RANGE = re.compile(r"\bfrom\b.*\bto\b|\bbetween\b", re.I)  # two years of one change
WHO = re.compile(r"^\s*who\b", re.IGNORECASE)
WHICH_ONE = re.compile(r"^\s*(?:who|which|what)\s+(?:is|was|are|were)\s+the\b", re.IGNORECASE)
APPOSITIVE = re.compile(r",\s+(?P<name>(?:[A-Z][\w.&'’-]*|&)(?:\s+(?:[A-Z][\w.&'’-]*|&|of))*)")
"""A capitalised name after a comma: "..., Apple represented", "..., Baker & Tilly LLP,"."""
NUMBER_IN = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?![\w.])")
WINDOW = 12  # words either side of a figure in which the question's words count


def short_answer(question: Question, quote: str) -> Value:
    """The answer's value, read from its first quote (see the module docstring)."""
    kind = question.expected
    asks_figures = IN_A_YEAR.search(question.text) or RESPECTIVELY.search(question.text)
    forced = kind in ("any", "entity") and WHAT_WAS.match(question.text) is not None
    if forced and asks_figures:
        kind = "amount"  # "What was the hosting cost in 2018?": a figure of that year
    if kind in ("amount", "count"):
        several = _several_figures(question, quote)
        if several is not None:
            return several
        respective = _respective_figure(question, quote, count=kind == "count")
        if respective is not None:
            return respective
        # A figure the question did not plainly ask for must stand by its words or year.
        figure = _nearest_figure(question, quote, count=kind == "count", near=forced)
        if figure is not None:
            return figure
    if kind in ("entity", "any", "date"):
        for shaped in (_agent, _named_kind, _quoted_term, _frequency):
            if found := shaped(question, quote):
                return Value(text=found)
    which_one = kind in ("entity", "any") and WHICH_ONE.match(question.text) is not None
    if which_one and (named := _appositive(question, quote)):
        return Value(text=named)
    if WHO.match(question.text) and (person := _person(question, quote)):
        return Value(text=person)
    dates = list(DATE.finditer(quote))
    condition = CONDITION_CLAUSE.search(quote) if not dates else None
    if condition and WHEN_CONDITION.match(question.text):  # no date: the condition it states
        return Value(text=_clause(quote[condition.start() :]))
    if kind == "date" and not ASKS_END.match(question.text):
        # "deferred to March 2025 under an agreement signed on 14 February 2024": asked
        # when it was agreed, the date a period runs to is not the answer
        dates = [d for d in dates if not END_POINT.search(quote[: d.start()])] or dates
    if kind == "date" and (date := _nearest(question, quote, dates)):
        return Value(text=date.group().strip())
    if ASKS_REASON.search(question.text) and (reason := REASON.search(quote)):
        return Value(text=_clause(quote[reason.start() :]))
    if ASKS_CONTENTS.search(question.text) and (parts := CONTAINS.search(quote)):
        rest = _clause(quote[parts.end() :])
        if len(rest.split()) > 1:
            return Value(text=rest)
    if (method := ASKS_METHOD.search(question.text)) and (done := _method(method, quote)):
        return Value(text=done)
    if (last := ENDS_ON_VERB.search(question.text)) and (rest := _after(last["verb"], quote)):
        return Value(text=rest)
    if (verb := DOES_VERB.search(question.text)) and (rest := _after(verb["verb"], quote)):
        return Value(text=rest)
    if question.subject and (meaning := _definition(question, quote)):
        return Value(text=meaning)
    return Value(text=quote.strip())


WHO_DID = re.compile(r"^\s*who\s+(?:(?:has|have|had|was|were)\s+)?(?P<verb>\w+ed)\b", re.I)
WHICH_NOUN = re.compile(r"^\s*which\s+(?P<noun>[a-z]+)\b(?!\s+of\b)", re.IGNORECASE)
ASKS_TERM = re.compile(
    r"\bwhat\s+(?:is\s+the\s+)?(?:symbol|ticker|name|term|code|abbreviation|acronym)\b", re.I
)
QUOTED = re.compile(r"[“\"]([^”\"]{1,80}?)[.,]?[”\"]")
HOW_OFTEN = re.compile(r"^\s*how often\b", re.IGNORECASE)
FREQUENCY = re.compile(
    r"\b(?:annually|quarterly|monthly|weekly|daily|yearly|semi-annually|biannually"
    r"|every\s+(?:\w+\s+)?(?:years?|months?|quarters?|weeks?|days?)"
    r"|(?:once|twice)\s+a\s+(?:year|month|quarter|week|day))\b",
    re.IGNORECASE,
)


def _agent(question: Question, quote: str) -> str:
    """ "Who approved the statements?": who did it, after "approved by" in the quote."""
    asked = WHO_DID.match(question.text)
    if asked is None:
        return ""
    done = re.search(
        rf"\b{re.escape(asked['verb'])}\s+by\s+(?P<agent>.+?)"
        r"(?=\s+(?:on|in|at|for|during|with|and|as|from|to|under)\b|[,.;:]|$)",
        quote,
        re.IGNORECASE,
    )
    return done["agent"].strip() if done else ""


def _named_kind(question: Question, quote: str) -> str:
    """ "Which market is the stock traded at?": the quote's name that ends with the kind
    asked ("NASDAQ Global Select Market")."""
    asked = WHICH_NOUN.match(question.text)
    if asked is None:
        return ""
    kind = terms(asked["noun"])
    for name in find_names(quote):
        if kind and terms(name.split()[-1]) == kind and len(name.split()) > 1:
            return name
    return ""


def _quoted_term(question: Question, quote: str) -> str:
    """ "What symbol does the stock trade under?": the term the quote puts in quotes."""
    found = QUOTED.search(quote) if ASKS_TERM.search(question.text) else None
    return found.group(1).strip() if found else ""


def _frequency(question: Question, quote: str) -> str:
    """ "How often are officers elected?": how often the quote says ("annually")."""
    found = FREQUENCY.search(quote) if HOW_OFTEN.match(question.text) else None
    return found.group().strip() if found else ""


def _appositive(question: Question, quote: str) -> str:
    """ "Which is the largest customer?": the name set beside the words asked about ("the
    Company's largest customer, Apple represented ...")."""
    asked = set(question.terms)
    for found in APPOSITIVE.finditer(quote):
        before = terms(quote[max(0, found.start() - 40) : found.start()])
        dated = re.match(r"\s*\d", quote[found.end() :])  # ", June 17, 2026": a date
        if before and before[-1] in asked and not set(terms(found["name"])) & asked and not dated:
            return found["name"].strip()
    return ""


def _person(question: Question, quote: str) -> str:
    """ "Who is the CFO?": the first person the quote names that the question does not,
    as written in the quote ("ANDREW R. KAISER", "Dr. Ana Ruiz")."""
    asked = set(question.terms)
    for name in find_names(quote):
        if set(terms(name)) & asked or not is_person(name.title()):
            continue
        written = r"\.?\s+".join(re.escape(word) for word in name.split())  # "R." for "R"
        found = re.search(rf"(?<!\w){written}(?!\w)", quote)
        if found:
            return found.group()
    return ""


def _clause(text: str) -> str:
    return text.strip().rstrip(".;:").strip()


def _method(asked: re.Match[str], quote: str) -> str:
    """ "How is X calculated?": what follows "calculated" in the quote ("by adding back ...")."""
    verb = re.search(rf"\b{re.escape(asked['verb'])}\s+", quote, re.IGNORECASE)
    rest = _clause(quote[verb.end() :]) if verb else ""
    return rest if len(rest.split()) > 1 else ""


def _after(verb: str, quote: str) -> str:
    """ "What are the payments classified as?": what follows "classified as" in the quote;
    "What does X represent?": what follows "represents" (any inflection of the verb)."""
    found = re.search(rf"\b{_inflected(verb)}\s+", quote, re.IGNORECASE)
    rest = _clause(quote[found.end() :]) if found else ""
    if NAMED_AS.fullmatch(verb):  # "also known as precision medicine, ...": a name
        rest = rest.split(",")[0].strip()
    return rest


def _inflected(phrase: str) -> str:
    """A pattern for a verb phrase as a sentence may inflect its first word: "exclude" also
    matches "excludes", "excluded" and "excluding"; "rely on" also "relies on"."""
    verb, *rest = phrase.split()
    tail = "".join(r"\s+" + re.escape(word) for word in rest)
    if re.search(r"[^aeiou]y$", verb):
        return rf"{re.escape(verb[:-1])}(?:y|ies|ied|ying){tail}"
    if verb.endswith("e"):
        return rf"{re.escape(verb[:-1])}(?:e|es|ed|ing){tail}"
    if verb.endswith(("ed", "en")):  # already a participle: "classified as"
        return re.escape(verb) + tail
    return rf"{re.escape(verb)}(?:s|es|ed|ing)?{tail}"


def _definition(question: Question, quote: str) -> str:
    """ "What is X?": what the quote says X is ("X is the risk that ..." gives "the risk that
    ..."), when the words before the verb name most of X."""
    for verb in COPULA.finditer(quote):
        named = question.subject & set(terms(quote[: verb.start()]))
        if 2 * len(named) >= len(question.subject):
            rest = _clause(quote[verb.end() :])
            return rest if len(rest.split()) > 1 else ""
    return ""


def _nearest_figure(
    question: Question, quote: str, *, count: bool, near: bool = False
) -> Value | None:
    """The figure nearest the question's words (with `near`, only one with some close by)."""
    stated = set(NUMBER_IN.findall(question.text))  # the question's own figures are given
    candidates = [
        m
        for m in FIGURE.finditer(quote)
        if _is_figure(m, quote) and m["num"] not in stated and (count or not m["span"])
    ]  # an amount is not a length of time
    if count:
        candidates = [m for m in candidates if not (m["cur"] or m["pct"])] or candidates
    elif not question.relative:
        candidates = [m for m in candidates if not m["pct"]] or candidates
    best = _nearest(question, quote, candidates, at_least=1.0 if near else 0.0)
    return None if best is None else _value_of(best)


def _value_of(figure: re.Match[str]) -> Value:
    """A figure of the quote as a value: its number, scale and unit, and the text as written."""
    number = float(figure["num"].replace(",", "")) * (-1 if figure["neg"] else 1)
    unit = "%" if figure["pct"] else (figure["cur"] or figure["minor"] or "").strip()
    return Value(number, figure["scale"] or "", unit, figure.group().strip())


def _respective_figure(question: Question, quote: str, *, count: bool) -> Value | None:
    """ "$2.7 billion and $2.0 billion for 2019 and 2018, respectively", one year asked: the
    figure in that year's place, when the quote lists as many figures of a kind as years."""
    asked = set(years(question.text))
    respectively = RESPECTIVELY.search(quote)
    if len(asked) != 1 or not respectively:
        return None
    figures, money = _figures_and_money(question, quote)
    if not count and len(money) >= 2:
        figures = money
    # the years listed: the run of them just before "respectively" (not an earlier "since")
    before = years(quote[: respectively.start()])
    listed = list(dict.fromkeys(reversed(before)))[::-1][-len(figures) :]  # last mentions
    if len(listed) < 2 or len(figures) != len(listed) or not asked <= set(listed):
        return None
    return _value_of(figures[listed.index(asked.pop())])


def _several_figures(question: Question, quote: str) -> Value | None:
    """ "X in 2019 and 2018 respectively", "A, B and C respectively": the quote's figures of
    the kind asked for, one per year named (else every one), in the order written."""
    figures = _figures_listed(question, quote)
    if not figures:
        return None
    first = figures[0]
    return Value(None, first["scale"] or "", (first["cur"] or "").strip(),
                 "; ".join(m.group().strip() for m in figures))  # fmt: skip


@dataclass(frozen=True)
class Worked:
    """A sum, average or change of figures a quote states: the result and how it was
    worked out."""

    phrase: PhraseKey  # "quoted_sum", "quoted_average", "quoted_change", ...
    figures: tuple[str, ...]  # as the quote writes them
    value: Value
    formula: str


def quoted_arithmetic(question: Question, quote: str) -> Worked | None:
    """The total or average a question asks of the figures a quote gives for the years it
    names ("$3,800 and $6,690 ... for 2019 and 2018"), when they share a currency and a
    scale; else None."""
    operation, _ = find_operation(question.text)
    if operation is None and TOTAL.search(question.text):
        operation = "sum"  # "the total X in 2019 and 2018"
    if operation in ("change", "percent_change"):
        return _quoted_change(question, quote, percent=operation == "percent_change")
    if operation not in ("sum", "average") or len(years(question.text)) < 2:
        return None
    figures = _figures_listed(question, quote)
    if not figures or any(m["pct"] or m["neg"] or m["span"] for m in figures):
        return None
    kinds = {((m["cur"] or "").strip(), (m["scale"] or "").lower()) for m in figures}
    if len(kinds) > 1:
        return None  # "$2.5 billion and $400 million", "€12 million from $11 million"
    numbers = [float(m["num"].replace(",", "")) for m in figures]
    added = " + ".join(format_number(n) for n in numbers)
    total = sum(numbers)
    if operation == "sum":
        result, formula = total, f"{added} = {format_number(total)}"
    else:
        result = total / len(numbers)
        formula = f"({added}) / {len(numbers)} = {format_number(result)}"
    currency, scale = kinds.pop()
    shown = f"{currency}{format_number(result)}" + (f" {scale}" if scale else "")
    value = Value(round(result, 4) + 0.0, scale, currency, shown)
    phrase: PhraseKey = "quoted_sum" if operation == "sum" else "quoted_average"
    return Worked(phrase, tuple(m.group().strip() for m in figures), value, formula)


def _quoted_change(question: Question, quote: str, *, percent: bool) -> Worked | None:
    """The change (or percent change) between the two figures a quote gives for the two
    years the question names ("$700 at September 30, 2023, compared with $1,600 at
    December 31, 2022"; "HK$780 million (2022: HK$600 million)"), later minus earlier."""
    asked = sorted(dict.fromkeys(years(question.text)))
    figures, money = _figures_and_money(question, quote)
    figures = money if len(money) == 2 else figures
    if len(asked) != 2 or len(figures) != 2 or any(m["pct"] for m in figures):
        return None
    kinds = {((m["cur"] or "").strip(), (m["scale"] or "").lower(), m["span"]) for m in figures}
    dated = _dated_figures(quote, figures, asked)
    if len(kinds) > 1 or dated is None:
        return None
    first, last = (_signed_number(m) for m in dated)
    if percent and not first:
        return None
    n = format_number
    if percent:
        result = (last - first) / first * 100
        formula = f"({n(last)} - {n(first)}) / {n(first)} x 100 = {n(result)}%"
        value = Value(round(result, 4) + 0.0, "", "%", f"{n(result)}%")
    else:
        result = last - first
        formula = f"{n(last)} - {n(first)} = {n(result)}"
        currency, scale, _ = kinds.pop()
        shown = f"{currency}{n(result)}" + (f" {scale}" if scale else "")
        value = Value(round(result, 4) + 0.0, scale, currency, shown)
    phrase: PhraseKey = "quoted_percent_change" if percent else "quoted_change"
    return Worked(phrase, tuple(m.group().strip() for m in dated), value, formula)


def _dated_figures(
    quote: str, figures: list[re.Match[str]], asked: list[str]
) -> tuple[re.Match[str], re.Match[str]] | None:
    """The two figures in the order of the two years asked: with "respectively", as the
    quote writes the years; else each by the year written nearest it, a year the quote
    does not write going to the figure no written year is near ("780 (2022: 600)")."""
    at = {y: [m.start() for m in re.finditer(rf"\b{y}\b", quote)] for y in asked}
    if RESPECTIVELY.search(quote):
        if not all(at.values()):
            return None
        order = sorted(asked, key=lambda y: at[y][0])
        by_year = dict(zip(order, figures, strict=True))
        return by_year[asked[0]], by_year[asked[1]]
    if not any(at.values()):
        return None
    far = len(quote) + 1

    def distance(figure: re.Match[str], year: str) -> int:
        return min((abs(i - figure.start()) for i in at[year]), default=far)

    a, b = figures
    straight = distance(a, asked[0]) + distance(b, asked[1])
    crossed = distance(a, asked[1]) + distance(b, asked[0])
    if straight == crossed:
        return None
    return (a, b) if straight < crossed else (b, a)


def _signed_number(figure: re.Match[str]) -> float:
    value = float(figure["num"].replace(",", ""))
    return -value if figure["neg"] else value


def _figures_listed(question: Question, quote: str) -> list[re.Match[str]]:
    """The figures of `_several_figures`, in the order the question names their years."""
    named = len(years(question.text))
    listed = named >= 2 and not (question.relative or RANGE.search(question.text))
    if not (RESPECTIVELY.search(question.text) or listed):
        return []
    figures, money = _figures_and_money(question, quote)
    figures = money if len(money) >= max(2, named) else figures
    if named >= 2:
        figures = figures[:named] if len(figures) >= named else []
    if len(figures) < 2:
        return []
    if _years_reversed(question, quote):
        figures.reverse()  # asked "2019 and 2018", written "2018 ... 2019"
    return figures


def _figures_and_money(
    question: Question, quote: str
) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """The quote's figures (percentages only when the question asks a rate), and those of
    them that are money or scaled ("$2.7 billion"), in the order written."""
    figures = [m for m in FIGURE.finditer(quote) if _is_figure(m, quote)]
    if not question.relative:
        figures = [m for m in figures if not m["pct"]]
    return figures, [m for m in figures if m["cur"] or m["scale"]]


def _years_reversed(question: Question, quote: str) -> bool:
    """Whether the quote writes the question's years in the opposite order."""
    asked = [y for y in dict.fromkeys(years(question.text))]
    at = {y: quote.find(y) for y in asked}
    if len(asked) < 2 or any(i < 0 for i in at.values()):
        return False
    return at[asked[0]] > at[asked[-1]]


def _is_figure(match: re.Match[str], quote: str) -> bool:
    """Not a year, nor the day of a date, nor a footnote number."""
    bare = not (match["cur"] or match["pct"] or match["scale"])
    if bare and BARE_YEAR.fullmatch(match["num"]):
        return False
    if bare and BEFORE_MONTH.match(quote[match.end() :]):
        return False  # "31 December 2019"
    return not (bare and AFTER_MONTH.search(quote[: match.start()]))


def _nearest(
    question: Question, quote: str, candidates: list[re.Match[str]], *, at_least: float = 0.0
) -> re.Match[str] | None:
    """The candidate with most of the question's words close by (and its year, if it names
    one); the first of equals; None when none scores `at_least`."""
    if not candidates:
        return None
    asked = set(question.terms)
    named_years = set(years(question.text))
    tokens = list(re.finditer(r"\S+", quote))
    weights = [
        (1.0 if set(terms(t.group())) & asked else 0.0)
        + (2.0 if named_years & set(years(t.group())) else 0.0)
        for t in tokens
    ]

    def closeness(candidate: re.Match[str]) -> float:
        at = sum(1 for t in tokens if t.start() < candidate.start())
        return sum(
            weight / (1 + abs(i - at))
            for i, weight in enumerate(weights)
            if weight and abs(i - at) <= WINDOW
        )

    best = max(candidates, key=closeness)
    return best if closeness(best) >= at_least else None
