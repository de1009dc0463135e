"""From a question to a fact query: which metric(s), which periods, which operation.

Deterministic: metric labels are matched by their words (acronyms such as "U.S." for
"United States" included), and by embedding similarity only when the question has
words no label explains ("imports from America").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from assistant.facts.units import CANONICAL_SCALE, CURRENCIES, SCALES
from assistant.text.intents import ENDS_ON_VERB, NOT_A_FIGURE, PERIOD_NOUN, RESPECTIVELY
from assistant.text.names import ACRONYM, spell_out
from assistant.text.periods import MONTHS, YEAR_PATTERN, named_periods, year_of
from assistant.text.question import MONTH_NAMES, SHORT_MONTHS
from assistant.text.terms import FRAMING, stems, terms, words
from assistant.types import Vectors

Operation = Literal[
    "lookup", "series", "change", "percent_change", "cagr", "share", "ratio", "difference",
    "average", "sum", "max", "min", "convert", "count", "plus", "compare",
]  # fmt: skip

RANGE = re.compile(
    rf"\b({YEAR_PATTERN})\s*(?:-|–|to|through|until)\s*({YEAR_PATTERN})\b"
    rf"|\bbetween\s+({YEAR_PATTERN})\s+and\s+({YEAR_PATTERN})\b",
    re.IGNORECASE,
)
"""Years given as a range ("2016-2019", "between 2016 and 2019"); "in 2019 and 2016" is two."""
PARTS_RANGE = re.compile(
    r"\b(?:Q[1-4]|H[12]|first|1st|second|2nd|third|3rd)\b[^.?!]{0,20}?(?:-|–|\bto\b|\bthrough\b|\buntil\b)",
    re.IGNORECASE,
)
"""Quarters or halves given as a range ("Q2 to Q4 2024", "from Q1 2024 through Q3 2024")."""
# Words that ask for each operation, in the order they are tried.
OPERATION_CUES: list[tuple[Operation, re.Pattern[str]]] = [
    (
        "convert",
        re.compile(
            r"\bin (?P<currency>"
            + "|".join(re.escape(c) for c in CURRENCIES if c.isalpha())
            + r")\b",
            re.I,
        ),
    ),
    ("cagr", re.compile(r"\b(cagr|compound(ed)? annual|annual(ized)? growth)", re.I)),
    (
        "ratio",
        re.compile(
            r"\b(ratio|proportion|fraction|divided by|how many times|by what factor"
            r"|what multiple)\b",
            re.I,
        ),
    ),
    (
        "share",
        re.compile(
            r"(?<!per )\b(share(?![\s-]+based)|what part|percentage of|percent of"
            r"|percentage constitution|portion of)\b|%\s*of\b",
            re.I,
        ),
    ),
    (
        "difference",
        re.compile(
            r"\b(balance|difference|gap|surplus|deficit|minus)\b|\bhow much\b.*\bexceed"
            rf"|\b{YEAR_PATTERN}(?:\s+figure)?\s+less\b"
            r"|\bhow (?:much|many)\b.*\b(?:higher|more|lower|less|larger|smaller|greater|bigger"
            r"|fewer)\b.*\b(?:than|compared (?:to|with)|versus|vs)\b",
            re.I,
        ),
    ),
    (
        "percent_change",
        re.compile(
            r"(?:\bpercent(?:age)?|%)\s*(change|increase|decrease|growth|decline|drop|rise|fall)"
            r"|\bby what percent|\bgrowth rate|\bhow many percent|\bchange\s*\(%\)"
            r"|\bin percent(?:age)? terms\b|\bpercent(?:age)?[- ]wise\b|\bby what\s*%"
            r"|\bin\s*%|%\s*terms\b",
            re.I,
        ),
    ),
    (
        "change",
        re.compile(
            r"\b(chang\w*|(?:f[ae]ll|falls|fallen)(?!\s+(?:under|into|within)\b)|drop\w*"
            r"|declin\w*|decreas\w*|r[io]se|risen|rises|increas\w*|gr[eo]w\w*"
            r"|(?:go|goes|went|gone|going|come|came) (?:up|down)"
            r"|mov(?:e|es|ed|ing)|climb\w*|jump\w*|slip\w*|slid\w*|shr[iu]nk\w*|surg\w*|soar\w*"
            r"|plung\w*|tumbl\w*|delta|movements?|uplift|widen\w*|narrow\w*)\b",
            re.I,
        ),
    ),
    ("average", re.compile(r"\b(averag\w*|mean|avg)\b", re.I)),
    (
        "sum",
        re.compile(
            r"\b(sum|summed|combined|cumulative|altogether|in total|add(?:ing|ed)? up|plus"
            r"|added together|all told|totall?ed)\b|\s\+\s",
            re.I,
        ),
    ),
    ("max", re.compile(r"\b(highest|maximum|peak(ed)?|max|largest|greatest|biggest|most)\b", re.I)),
    ("min", re.compile(r"\b(lowest|minimum|min|smallest|least|fewest)\b", re.I)),
]
# "Which year had higher X?": the highest or lowest of the periods named, answered by its period.
WHICH_PERIOD = re.compile(r"\b(which|what)\s+(?:fiscal\s+)?(years?|periods?|quarters?)\b", re.I)
WHICH_THING = re.compile(
    r"^\s*(?:(?:in|from|for|to|of)\s+)?which\s+(?!(?:is|was|are|were|has|had|have|did|does|do"
    r"|one|ones|of|among)\b)(?P<noun>(?:[a-z-]+\s+){0,2}?[a-z-]+)\s+(?:is|was|are|were|has|had"
    r"|have|did|does|do|saw|showed|recorded|made|generated|spends?|spent|imports?|exports?"
    r"|sells?|sold|holds?|held|hosts?|leads?|accounts?|contributes?|contributed)\b",
    re.I,
)
"""A "which <thing> ...?" question ("Which countries does X import from?"): it asks for a
thing, not a figure, unless it ranks things of a table that names them ("Which segment
had the highest revenue?" of a table titled "Revenue by segment": the column group or row
with the highest figure). A period ("which year", `WHICH_PERIOD`) or a figure ("which
value") is no thing (`PERIOD_NOUN`); a table's rows that are such things are ranked by the
listing answerer, before figures are tried."""
COMPARATIVE: list[tuple[Operation, re.Pattern[str]]] = [
    ("max", re.compile(r"\b(higher|larger|greater|bigger|more)\b", re.I)),
    ("min", re.compile(r"\b(lower|smaller|less|fewer)\b", re.I)),
]
# "exceed $30,000 thousand", "less than 100": a condition on a figure, its bound and scale.
CONDITION = re.compile(
    r"\b(?P<op>exceed(?:ed|s)?|topped|tops|(?<!the )top|surpass(?:ed|es)?|above|more than"
    r"|greater than|higher than|at least|below"
    r"|less than|under|lower than|fewer than)\s+(?:(?-i:[A-Z]{1,3}\$|[A-Z]{3})|[$€£¥])?\s?"
    r"(?P<num>[-−]?\d[\d,]*(?:\.\d+)?)"
    r"(?:\s*(?P<scale>thousand|million|billion|[mk]|mn|bn)s?\b)?",
    re.I,
)
AFTER_YEAR = re.compile(
    rf"\b(?:after|beyond|later than)\s+(?:fiscal\s+(?:year\s+)?|FY\s?)?(?P<year>{YEAR_PATTERN})\b",
    re.I,
)
"""A year the question asks about what follows: "commitments due after 2021"."""
SIZE_VERB = re.compile(r"\b(?:(?P<widen>widen\w*)|narrow\w*)\b", re.I)
"""A change in a figure's size, not its value: a loss widens from (210.1) to (229.1)."""
EQUALS = re.compile(
    r"\b(?:was|were|is|are|equal(?:led|s)?(?: to)?|stood at)\b[^?]*?(?<![\w.,])"
    r"(?P<num>[-−]?\d[\d,]*(?:\.\d+)?)\s*(?P<pct>%)?\s*\??\s*$",
    re.I,
)
"""A figure a count's periods must equal, ending the question ("... was X 12.4%?")."""
ABOVE = ("exceed", "top", "surpass", "above", "more", "greater", "higher", "at least")
HOW_MANY_PERIODS = re.compile(
    r"\b(?:how many|number of) (?:of the )?(?:fiscal )?(?:years|periods|quarters|times)\b", re.I
)
SIGN = re.compile(r"\b(?P<sign>negative|positive)\b", re.I)
"""A sign as a condition: "In how many years was X negative?" (below 0)."""
FROM_TO = re.compile(rf"\bfrom\s+(?:\w+\s+){{0,3}}{YEAR_PATTERN}\b.*\bto\b", re.I)
TOTAL = re.compile(r"\b(total|overall)\b", re.I)
MINUS = re.compile(r"\b(minus|less)\b(?!\s+than\b)", re.I)
"""One figure taken from another, in the order named ("2019 minus 2018", "2019 less 2018")."""
YEAR_END = re.compile(
    rf"\b(?:(?:the\s+)?(?:end|beginning|start|close)\s+of\s+(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?"
    rf"(?=(?:FY\s?)?{YEAR_PATTERN}\b)|(?<=\d)\s+(?:fiscal\s+)?year[-\s]end\b|"
    rf"\b(?:fiscal\s+)?year[-\s]end(?:ed)?\s+(?=(?:FY\s?)?{YEAR_PATTERN}\b))",
    re.I,
)
"""Words that say when in a year, beside the year ("2018 year end", "the end of 2019"): a
period, not words of a row's name ("At end of the year")."""
BALANCE = re.compile(r"\b(balance|surplus|deficit|balanza|super[aá]vit|d[eé]ficit|saldo)\b", re.I)

# Words that ask for a figure without naming an operation.
FIGURE_CUE = re.compile(
    r"\b(how much|how many|what (?:was|were|is|are)|value|figure|level|amount)\b", re.I
)
THAN = re.compile(r"\bthan\b", re.I)
JOINT = re.compile(r"\s+(?:and|with|versus|vs\.?)\s+|\s+than\s+(?!\W?\d)", re.I)
"""What joins two rows named side by side ("imports and exports", "imports than exports";
not "more than 10%", a condition)."""
DETERMINED = re.compile(
    r"\bwhat (?:was|were|is|are) (?:(?:the|its|their|our|total)\b"
    r"|(?:[\w.&-]+\s+){0,3}[\w&-]+['’]s\s)",
    re.I,
)
"""A figure asked by name: "What were the net sales?", "What is Ana Ruiz's salary?" (a
possessive is a determiner), not "What are OEMs?"."""
GROUP = re.compile(r"\s*\([^()]*(?:\([^()]*\)[^()]*)*\)$")
"""The column group a table label ends with: "Revenue (Domestic)"."""
MAX_TIED = 10
"""Most equally matched labels kept for the figure steps to choose from (or ask about)."""

ADVERB = re.compile(
    r"\w{3,}ly|still|yet|ever|already|also|just|even|again|now|then|once|ago", re.IGNORECASE
)
"""Words that qualify a verb ("still", "roughly"): they name no row."""
TABLE_WORDS = frozenset(terms("line lines row rows entry entries column columns"))
"""Words that name where a figure is written, not which figure: "the SG&A line"."""
FRAMED = frozenset(terms(" ".join(FRAMING)))
"""Words that frame a question ("the respective figures", "the definition of"): they name
no row."""
FIGURE_WORDS = frozenset(
    terms(
        "number numbers total totals value values amount amounts figure figures level levels"
        " size sum balance price prices cost costs rate rates ratio margin sales revenue"
        " revenues income expense expenses"
    )
)
"""Words that name a figure whatever the table calls its rows."""
OPERATION_WORDS = frozenset(
    terms(
        "change changed fall fell drop dropped decline declined decrease decreased rise rose"
        " increase increased grow grew growth percent percentage share proportion balance"
        " difference gap surplus deficit average mean sum combined cumulative altogether total"
        " highest maximum peak lowest minimum compound annual rate cagr value figure level"
        " amount come came part year years period between from much many"
        # how analysts word the same operations: "go up", "across 2018 and 2019", "plus"
        " go goes went gone going up down move moved moves across plus together adding added"
        " terms compared versus relative divided fraction higher lower more less fewer"
        " larger smaller bigger greater yoy climb climbed jump jumped slip slipped slid shrink"
        " shrank shrunk surge surged soar soared plunge plunged tumble tumbled delta summed"
        " told top topped tops surpass surpassed averaged portion avg minus movement"
        " movements uplift"
    )
)


WHEN_WORDS = frozenset(terms(MONTHS.replace("|", " ") + " end ended ending fiscal quarter"))
"""Words that say when ("for the year ended December 31"): no label is missing them."""


@dataclass(frozen=True)
class FactQuery:
    """What a figure question asks: an operation on one or two metrics over periods."""

    operation: Operation
    metrics: tuple[str, ...]
    periods: tuple[str, ...]
    """Periods named in the question, in order; a range is given by its two ends."""
    is_range: bool = False
    currency: str = ""
    """Target currency code of a conversion ("MXN"), or the currency another operation's
    result is asked in ("how much did sales grow, in dollars?")."""
    currency_word: str = ""
    """The currency as the question names it ("pesos")."""
    ambiguous: tuple[str, ...] = ()
    """Metrics the question could mean when it cannot tell them apart."""
    which_period: bool = False
    """The question asks which period ("Which year had higher X?"): answer with it."""
    condition: Condition | None = None
    """For a count: what a figure must meet ("more than 100")."""
    source: str = ""
    """The brief whose table answers, once settled (see `answer/figures.py`)."""
    after: str = ""
    """A year the question asks for what comes after ("due after 2021"): not that year."""
    share_change: bool = False
    """A share's change between two periods ("the change in X as a percentage of Y from
    2018 to 2019"), in percentage points."""
    size: Literal["", "widen", "narrow"] = ""
    """A change asked as a change of size ("by how much did the loss widen")."""
    across: bool = False
    """The metrics are one row's column groups, compared, added or counted in one period
    ("In which quarter was X highest?"): the groups stand for the periods."""


@dataclass(frozen=True)
class Condition:
    """A bound a figure is compared with: above (or at least) or below `bound`."""

    above: bool
    inclusive: bool
    bound: float
    scale: str
    """The bound's scale word as the question says it ("thousand"), or empty."""
    text: str
    """The condition as the question writes it ("exceed $30,000 thousand")."""
    equal: bool = False
    """The figure must be the bound itself ("In how many years was X 12.4%?")."""

    def holds(self, value: float, scale: str) -> bool:
        bound = self.bound
        if self.scale and scale and self.scale != scale:
            bound = self.bound * SCALES[self.scale] / SCALES[scale]
        if self.equal:
            return abs(value - bound) <= 1e-9 * max(1.0, abs(bound))
        if self.above:
            return value >= bound if self.inclusive else value > bound
        return value < bound


def parse_question(
    question: str,
    labels: Sequence[str],
    *,
    similarity: Callable[[str], dict[str, float]] | None = None,
    context: Mapping[str, str] | None = None,
) -> FactQuery | None:
    """The fact query a question asks, or None when it is not a question about a figure.

    `context` gives a label the words that stand over it in its table (the head of the
    label column: "Revenue by country" over "UK"); see `rank_labels`."""
    if NOT_A_FIGURE.search(question):
        return None
    ranked = rank_labels(question, labels, similarity=similarity, context=context)
    when = YEAR_END.sub(" ", question)
    without = (
        []
        if when == question
        else rank_labels(when, labels, similarity=similarity, context=context)
    )
    if without and without[0][1] > 0:
        # "2018 year end" says when, not which row ("At end of the year"); those words only
        # tell apart rows tied without them, or name the row when nothing else does.
        full = dict(ranked)
        ranked = sorted(without, key=lambda item: (-item[1], -full.get(item[0], 0.0)))
    operation, match = find_operation(question)
    thing = WHICH_THING.search(question)
    if thing and not PERIOD_NOUN.search(thing["noun"]) and ranked:
        if operation not in ("max", "min"):
            return None  # "Which countries does X import from?": not "Imports from the US"
        over = f"{ranked[0][0]} {(context or {}).get(ranked[0][0], '')}"
        if not set(terms(thing["noun"])) & set(terms(over)):
            return None  # "Which company ...?" of a table of indicators: no row is one
    asked_in = ""
    if operation == "convert" and match is not None:
        other, again = find_operation(_blank(question, match))
        if other is not None:  # "how much did sales grow, in dollars?": what a change is in
            asked_in, operation, match = match["currency"].lower(), other, again
    which_period = WHICH_PERIOD.search(question) is not None
    if operation == "difference" and match is not None and BALANCE.fullmatch(match.group()):
        other, again = find_operation(_blank(question, match))
        if other is not None:  # "the average equipment balance": an average of one row
            operation, match = other, again
        elif ranked and match.group().lower() in words(ranked[0][0].lower()):
            operation, match = None, None  # "the net goodwill balance": the row "Net balance"
    balance = operation == "difference" and BALANCE.search(question) is not None
    if not ranked or (ranked[0][1] <= 0 and not balance):
        return None
    rest = question
    while match and _in_label(match.group(), ranked[0][0], question):
        # "weighted average shares": the row's name, not an average; another cue may still
        # ask for one ("the change in share options outstanding").
        rest = _blank(rest, match)
        operation, match = find_operation(rest)
    if which_period and operation not in ("max", "min"):
        operation, match = find_operation(rest, COMPARATIVE)
    periods = tuple(dict.fromkeys(named_periods(question)))  # "2019 X and 2019 Y": one year
    bound = AFTER_YEAR.search(question)
    after = year_of(bound["year"]) if bound else ""
    periods = tuple(p for p in periods if p != after)  # "due after 2021": not 2021
    # "2019, 2018 and 2017": a list; "2016-2019", "Q2 to Q4 2024": a range
    parts = any(not p[:1].isdigit() for p in periods)
    is_range = len(periods) == 2 and bool((PARTS_RANGE if parts else RANGE).search(question))
    condition = parse_condition(question)
    if condition and (HOW_MANY_PERIODS.search(question) or which_period):
        operation = "count"  # "How many years did X exceed 100?", "In which years was X below 5?"
    if operation is None and not periods and not after and not _asks_a_figure(question):
        return None
    over = (context or {}).get(ranked[0][0], "")
    if (
        operation is None
        and not (periods or after)
        and not _head_named(question, ranked[0][0], over)
    ):
        return None  # "What are the labeling requirements for imported goods?"
    if operation is None:
        operation = "series" if len(periods) != 1 else "lookup"
    if operation == "difference" and len(periods) >= 2 and FROM_TO.search(question):
        operation = "change"  # "the difference in X from 2018 to 2019": a change
    later_first = len(periods) == 2 and periods[0] > periods[1]
    if operation == "difference" and later_first and MINUS.search(question):
        operation = "change"  # "X: 2019 minus 2018", the later year first: a change
    respectively = RESPECTIVELY.search(question) is not None
    if operation == "series" and len(periods) >= 2 and TOTAL.search(question) and not respectively:
        # "The total X in 2018 and 2019": a sum, when a label other than a total is named.
        without = rank_labels(
            TOTAL.sub(" ", question), labels, similarity=similarity, context=context
        )
        if without and without[0][1] > 0 and not TOTAL.search(without[0][0]):
            ranked, operation = without, "sum"
    best, score = ranked[0]
    metrics: tuple[str, ...] = (best,)
    if operation == "difference" and len(periods) >= 2:
        pass  # one figure in two periods: "the difference in X between 2018 and 2019"
    elif operation in ("share", "ratio", "difference"):
        candidates = ranked
        if match is not None and len(match.group().split()) <= 2:
            # the cue word asks the operation; it names no row ("share")
            candidates = rank_labels(
                _blank(question, match), labels, similarity=similarity, context=context
            )
        metrics = pair_metrics(expand_acronyms(question, labels), operation, candidates or ranked)
        if not metrics:
            return None  # no row is named but by "total": the passages answer, or none
        if operation == "ratio" and len(periods) == 2 and not _own_word(question, metrics[1:]):
            metrics = metrics[:1]  # "how many times bigger was X in 2024 than in 2020"
        if operation == "difference" and THAN.search(question):
            # "how much bigger were imports than exports": each side names its own row
            metrics = _two_named(question, labels, context) or metrics
    elif operation == "sum" and len(periods) <= 1 and re.search(r" (?:and|plus|\+) ", question):
        pair = pair_metrics(expand_acronyms(question, labels), "difference", ranked)
        if len(pair) == 2:  # "the sum of X and Y in 2019"
            operation, metrics = "plus", pair
    said = surface(question)
    if operation in ("lookup", "series") and (periods or respectively) and not which_period:
        named_two = _two_named(question, labels, context)
        if named_two:  # "total exports and total imports in 2021", "of A and B respectively"
            operation, metrics = "compare", named_two
    ambiguous = tuple(
        label
        for label, s in ranked[:MAX_TIED]
        if s >= score - 1e-9 and _surface_match(said, label) >= _surface_match(said, best)
    )
    named = [label for label in ambiguous if not _total_only(label, question)]
    if named and len(named) < len(ambiguous):
        # "the total revenues from Canada": "total" describes the figure of the row the
        # question names, not the table's Total row
        ambiguous = tuple(named)
        if metrics == (best,):
            best = named[0]
            metrics = (best,)
    currency_word = match["currency"].lower() if operation == "convert" and match else asked_in
    return FactQuery(
        operation=operation,
        metrics=metrics,
        periods=periods,
        is_range=is_range,
        currency=CURRENCIES.get(currency_word, ""),
        currency_word=currency_word,
        ambiguous=ambiguous if len(ambiguous) > 1 and len(metrics) == 1 else (),
        which_period=which_period,
        condition=condition if operation == "count" else None,
        after=after,
        size=_size(question) if operation == "change" else "",
        share_change=operation == "share"
        and len(periods) == 2
        and operation_without_share(question, periods) == "change",
    )


def _size(question: str) -> Literal["", "widen", "narrow"]:
    verb = SIZE_VERB.search(question)
    return "" if verb is None else "widen" if verb["widen"] else "narrow"


def _two_named(
    question: str, labels: Sequence[str], context: Mapping[str, str] | None
) -> tuple[str, str] | None:
    """Two rows named on either side of "and", "with", "versus" ("total exports and total
    imports"), each the one best match of its side's words; None when one side names no
    row ("exports in 2021 and 2022", "imports from the United States and Canada")."""
    asked = set(terms(question))
    if any(JOINT.search(label) and label_terms(label) <= asked for label in labels):
        return None  # "interest expense, interest income and other income": one row's name
    for joint in JOINT.finditer(question):
        sides = (question[: joint.start()], question[joint.end() :])
        best = []
        for side in sides:
            ranked = rank_labels(side, labels, context=context)
            if not ranked or ranked[0][1] <= 0:
                break
            if len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
                break  # the side could mean either of two rows
            best.append(ranked[0][0])
        if len(best) == 2 and label_terms(best[0]) != label_terms(best[1]):
            return best[0], best[1]
    return None


SHARE_CUE = dict(OPERATION_CUES)["share"]


def operation_without_share(question: str, periods: Sequence[str]) -> Operation:
    """What a question asks of a row that is itself a share ("the change in sales and
    marketing as a percentage of net revenue", over a table of percentages of net
    revenue): the operation its other words name, else the figure as it stands."""
    share = SHARE_CUE.search(question)
    rest = _blank(question, share) if share else question
    operation, _ = find_operation(rest)
    if operation in ("change", "percent_change", "average", "sum", "max", "min"):
        return operation
    return "lookup" if len(periods) == 1 else "series"


def _blank(text: str, match: re.Match[str]) -> str:
    """`text` with the words `match` found replaced by spaces (offsets unchanged)."""
    return text[: match.start()] + " " * len(match.group()) + text[match.end() :]


def _asks_a_figure(question: str) -> bool:
    """Whether a question naming no period and no operation asks for figures: it says
    "how much", "value", "amount"...; a bare "What is X?" asks what X is, unless a
    determiner puts a figure after it ("What were the net sales?")."""
    if ENDS_ON_VERB.search(question) and not WHICH_PERIOD.search(question):
        return False  # "What were cash flows influenced by?": a clause, not figures
    cues = [m.group(0).lower() for m in FIGURE_CUE.finditer(question)]
    if any(not cue.startswith("what ") for cue in cues):
        return True
    return bool(cues) and DETERMINED.search(question) is not None


HEAD = re.compile(
    r"^\s*what (?:is|are|was|were) (?:the|its|their|our) (?P<phrase>[^?]+?)"
    r"(?=\s+(?:for|of|in|on|to|from|at|by|with|that|which|as|under|during)\b|\s*[?.]?\s*$)",
    re.I,
)
"""The noun phrase a "What are the ...?" question asks for; its last word is what it wants."""


def _head_named(question: str, label: str, over: str = "") -> bool:
    """Whether the thing a "What are the X?" question asks for (X's last word) is the
    label's, its context's (`over`: "commitments" over "Operating leases") or a figure's
    word; a question with no such phrase passes."""
    phrase = HEAD.search(question)
    if phrase is None:
        return True
    head = terms(phrase["phrase"].split()[-1])
    named = label_terms(label) | label_terms(over) | OPERATION_WORDS | FIGURE_WORDS
    return not head or bool(set(head) & named)


def _in_label(cue: str, label: str, question: str) -> bool:
    """Whether an operation's cue word is part of the label the question names: written in
    the label, next to a word of it, and asked only once."""
    cue_words = words(cue)
    label_words = words(label)
    if not cue_words or not set(cue_words) <= set(label_words):
        return False
    asked = words(question)
    if asked.count(cue_words[0]) != 1:
        return False
    at = asked.index(cue_words[0])
    neighbours = set(asked[max(0, at - 1) : at]) | set(
        asked[at + len(cue_words) : at + len(cue_words) + 1]
    )
    if neighbours & (set(label_words) - set(cue_words)):
        return True
    # "the ending balance" of "Balance at the end of the year": a form of a label's word
    return bool(set(terms(" ".join(neighbours))) & (set(terms(label)) - set(terms(cue))))


def parse_condition(question: str) -> Condition | None:
    match = CONDITION.search(question)
    sign = SIGN.search(question)
    if not match and sign:
        above = sign["sign"].lower() == "positive"
        return Condition(above=above, inclusive=False, bound=0.0, scale="", text=sign.group(0))
    if not match:
        equals = EQUALS.search(question)
        if equals is None or re.fullmatch(YEAR_PATTERN, equals["num"]):
            return None
        return Condition(
            above=True,
            inclusive=True,
            bound=float(equals["num"].replace(",", "").replace("−", "-")),
            scale="",
            text=f"= {equals['num']}{equals['pct'] or ''}",
            equal=True,
        )
    op = match["op"].lower()
    return Condition(
        above=op.startswith(ABOVE),
        inclusive=op == "at least",
        bound=float(match["num"].replace(",", "").replace("−", "-")),
        scale=CANONICAL_SCALE[SCALES[match["scale"].lower()]] if match["scale"] else "",
        text=match.group(0),
    )


def rank_labels(
    question: str,
    labels: Sequence[str],
    *,
    similarity: Callable[[str], dict[str, float]] | None = None,
    context: Mapping[str, str] | None = None,
) -> list[tuple[str, float]]:
    """Labels by how well the question names them: matched words minus half the missing ones,
    plus half a point for each asked word of the label's `context` the label itself lacks
    (a label must match a word of its own first, but a bare total, named by what its table
    is of; a bare total only when the question names no other label's word it and its
    context lack).

    When the question has content words that no label contains, embedding similarity
    (from `similarity`) is added, so "America" can mean "United States".
    """
    asked = set(terms(expand_acronyms(question, labels)))
    matched = {label: _matched(label, asked) for label in labels}
    # A column group ("Revenue (Amount)") counts when the question names it; unnamed, it is
    # not a missing word: questions rarely name the group a figure is read from.
    scores = {
        label: len(matched[label]) - 0.5 * len(own_terms(label) - asked) if matched[label] else 0.0
        for label in labels
    }
    for label in labels:
        if not own_terms(label) and said_as_written(label, question):
            scores[label] += 1.0  # "Other", of common words only, named as the table writes it
    known = {t for label in labels for t in label_terms(label)}
    for label, words_over in (context or {}).items():
        total = bare_total(label)
        if label in matched and (matched[label] or total):
            over = {t for t in label_terms(words_over) - label_terms(label) if not t[:1].isdigit()}
            if total and (asked & known) - label_terms(label) - over:
                continue  # "total revenues from Chile": the Chile row's, not the table's total
            if total and not matched[label] and (asked & known or len(over & asked) < 2):
                continue  # "total" unsaid: only when no other row is named, by two words
            # a bare total is named by what its table is of ("net inventories")
            scores[label] += 0.5 * len(over & asked)
    known |= {t for words_over in (context or {}).values() for t in label_terms(words_over)}
    owners = set(terms(" ".join(re.findall(r"(\w+)['’]s\b", question))))  # "Mexico's": whose
    adverbs = set(terms(" ".join(w for w in words(question) if ADVERB.fullmatch(w))))
    unexplained = {
        t
        for t in asked - known - OPERATION_WORDS - WHEN_WORDS - TABLE_WORDS - FRAMED
        if t not in owners
        and t not in adverbs
        and not t[:1].isdigit()
        and len(t) > 2
        and not PERIOD_WORD.fullmatch(t)
    }
    if unexplained and similarity is not None and any(s > 0 for s in scores.values()):
        # Words no label has may name a label's missing words ("America" for "United
        # States"): drop the penalty for missing words and let meaning decide.
        for label, sim in similarity(question).items():
            if matched.get(label) or sim > 0.5:
                scores[label] = len(matched.get(label, ())) + 3 * sim
        # One row's column groups ("Canada ($)", "Canada (%)") are one meaning: the group
        # is chosen later by the words and unit asked, not by a sliver of similarity.
        best_of_row: dict[str, float] = {}
        for label, score in scores.items():
            base = GROUP.sub("", label)
            best_of_row[base] = max(score, best_of_row.get(base, score))
        scores = {label: best_of_row[GROUP.sub("", label)] for label in scores}
    said = surface(question)
    return sorted(scores.items(), key=lambda item: (-item[1], -_surface_match(said, item[0])))


def said_as_written(label: str, question: str) -> bool:
    """Whether the question writes a label's own words with the label's capitals, after its
    first word ("In which year was Other larger?"): how a label made only of common words
    ("Other", "All other") is named; "other" in lower case is only a word."""
    name = GROUP.sub("", label).strip(" :")
    if not name or not any(c.isupper() for c in name):
        return False
    found = re.search(rf"(?<=\S\s)(?<![\w-]){re.escape(name)}(?![\w-])", question)
    return found is not None


PERIOD_WORD = re.compile(r"(?:fy|f|q[1-4]|h[12])['’]?\d{2,4}", re.I)
"""A period written as one word ("FY19", "Q12019"): it names no row."""


def surface(text: str) -> frozenset[tuple[str, str]]:
    """A text's pairs of neighbouring stemmed words, stopwords kept: what tells "due within
    one year" from "due after more than one year" when their terms tie."""
    stemmed = stems(words(text))
    return frozenset(itertools.pairwise(stemmed))


def _surface_match(said: frozenset[tuple[str, str]], label: str) -> int:
    """How many word pairs of a label the question says as written."""
    return len(label_surface(label) & said)


@lru_cache(maxsize=65536)
def label_surface(label: str) -> frozenset[tuple[str, str]]:
    """A label's word pairs, worked out once (every figure question ranks every label)."""
    return surface(label)


SHORT_MONTH_WORD = re.compile(rf"\b(?:{SHORT_MONTHS})\b\.?", re.IGNORECASE)
"""A month written short ("Aug - 2023"); not "May", a verb too (it is written out anyway)."""


def months_written_out(label: str) -> str:
    """The label with its short months written out, as a question's are (`plain_wording`)."""
    return SHORT_MONTH_WORD.sub(lambda m: MONTH_NAMES[m.group().lower()[:3]], label)


@lru_cache(maxsize=65536)
def label_terms(label: str) -> frozenset[str]:
    """A label's terms, worked out once (every figure question ranks every label); a month
    written short ("Aug") as written out ("August")."""
    return frozenset(terms(months_written_out(label)))


def bare_total(label: str) -> bool:
    """A total row named by nothing else: "Total", "Total (Floating rate)", an unlabelled
    sum line."""
    return TOTAL.fullmatch(GROUP.sub("", label).strip(" :")) is not None


def _total_only(label: str, question: str) -> bool:
    """Whether a total row ("Total", "Total ($)") matched the question only by "total"."""
    total = TOTAL.match(label)
    return total is not None and _matched(label, set(terms(question))) <= set(terms(total[0]))


@lru_cache(maxsize=65536)
def own_terms(label: str) -> frozenset[str]:
    """A label's terms without its column group ("Revenue (Domestic)" -> revenue)."""
    return frozenset(terms(months_written_out(GROUP.sub("", label))))


def _matched(label: str, asked: set[str]) -> frozenset[str]:
    """The asked terms a label holds; an operation word ("average") counts in the row's own
    name ("Weighted average shares"), not in its column group ("(Weighted Average Price)")."""
    own = own_terms(label)
    group = label_terms(label) - own - OPERATION_WORDS
    return (own | group) & asked


def expand_acronyms(question: str, labels: Sequence[str]) -> str:
    """Write "U.S."/"US" as "United States" when a label has that run of capitalised words."""
    expansions: dict[str, str] = {}
    for label in labels:
        for run in re.findall(r"(?:[A-Z][\w]+(?:\s+|$)){2,}", label):
            phrase = run.strip()
            expansions["".join(w[0] for w in phrase.split()).lower()] = phrase
    if not expansions:
        return question

    def replace(match: re.Match[str]) -> str:
        key = match.group(0).replace(".", "").lower()
        return expansions.get(key, match.group(0))

    return re.sub(r"\b[A-Za-z](?:\.[A-Za-z])+\.?|\b[A-Z]{2,}\b(?!\$)", replace, question)


ACRONYM_JOINERS = frozenset({"and", "of", "the", "for", "in", "on", "to"})


def spell_label_acronyms(question: str, labels: Sequence[str]) -> str:
    """The question with each acronym that no label writes replaced by the one run of a
    label's words its letters spell ("NOL" -> "net operating losses", "SG&A" -> "selling
    general and administrative"); an acronym spelling none, or several, stays."""
    if not ACRONYM.search(question):
        return question
    return spell_out(question, *_label_runs(tuple(labels)))


def spell_label_abbreviations(
    question: str, labels: Sequence[str], known: Callable[[str], bool]
) -> str:
    """The question with each word no brief uses that begins exactly one word of the labels
    written as that word: "equity-based comp" -> "equity-based compensation"."""
    label_words = _label_runs(tuple(labels))[1]

    def spell(match: re.Match[str]) -> str:
        word = match.group()
        own = terms(word)
        if not own or known(own[0]):
            return word
        longer = {w for w in label_words if w.startswith(word.lower()) and len(w) > len(word)}
        return longer.pop() if len(longer) == 1 else word

    return re.sub(r"(?<![\w-])[A-Za-z]{3,}(?![\w-])", spell, question)  # not "non-" of "non-USD"


MARGIN = re.compile(r"\bmargins?\b", re.I)
BEFORE_MARGIN = re.compile(
    r"(?:\b(?!(?:the|a|an|its|of|was|is|were|are|what|in|for)\b)[\w-]+\s+)+$", re.I
)
TOP_LINE = re.compile(r"(?:(?:total|net|gross)\s+)*(?:revenues?|sales|turnover)", re.I)
"""The top line a margin is taken of: revenue, sales or turnover (total, net)."""


def spell_margin(question: str, tables: Sequence[Sequence[str]]) -> str:
    """ "the gross profit margin" -> "the gross profit as a percentage of Net revenue": a
    margin is what it names over the top line of the table that holds it (`tables`: each
    table's labels), when that table has one top-line row (in any of its column groups)
    and no margin row."""
    found = MARGIN.search(question)
    named = BEFORE_MARGIN.search(question[: found.start()]) if found else None
    if found is None or named is None:
        return question
    what = named.group().strip()
    asked = set(terms(what))
    said = set(terms(question))
    best: dict[str, tuple[tuple[int, int], Sequence[str]]] = {}
    for labels in tables:
        tops = {GROUP.sub("", x) for x in labels if TOP_LINE.fullmatch(GROUP.sub("", x))}
        if len(tops) != 1 or any(MARGIN.search(x) for x in labels):
            continue
        held = max(len(asked & set(terms(x))) for x in labels)
        score = (held, len(said & {t for x in labels for t in terms(x)}))  # then its columns
        top = tops.pop()
        if held and score >= best.get(top, ((0, 0), []))[0]:
            best[top] = (score, labels)
    most = max((score for score, _ in best.values()), default=(0, 0))
    chosen = [top for top, (score, _) in best.items() if score == most]
    if len(chosen) != 1:
        return question
    # "operating margin": the one row whose name begins with the words ("Operating income"),
    # of those that name a profit, the one its qualifier names ("before exceptional items")
    rest = question[found.end() :]
    begins = {GROUP.sub("", x) for x in best[chosen[0]][1] if x.lower().startswith(what.lower())}
    if len(begins) > 1:
        begins = {x for x in begins if PROFIT.search(x)} or begins
    qualifier = QUALIFIER.match(rest)
    if len(begins) > 1 and qualifier:
        begins = {x for x in begins if set(terms(qualifier[1])) <= set(terms(x))} or begins
    if len(begins) == 1:
        what = begins.pop()
        if qualifier and set(terms(qualifier[1])) <= set(terms(what)):
            rest = rest[qualifier.end() :]  # said once, in the row's name
    return f"{question[: named.start()]}{what} as a percentage of {chosen[0]}{rest}"


PROFIT = re.compile(r"\b(?:profits?|income|earnings|ebitda|ebita|ebit|loss)\b", re.I)
"""What a margin is of: a profit, however named."""
QUALIFIER = re.compile(
    r"\s+((?:before|after|excluding|including)\b.*?)(?=\s+(?:in|for|of|during|at)\s|\s*[?,.]|$)",
    re.I,
)
"""What qualifies a margin after the word: "margin before exceptional items in 2019"."""


@lru_cache(maxsize=8)
def _label_runs(labels: tuple[str, ...]) -> tuple[dict[str, set[str]], frozenset[str]]:
    """The runs of two to five of each label's words by their initials, and the labels'
    words: worked out once for a set of labels, not on every question."""
    runs: dict[str, set[str]] = {}
    for label in labels:
        said = words(re.sub(r"\([^()]*\)", " ", label))
        content = [i for i, w in enumerate(said) if w not in ACRONYM_JOINERS]
        for a, start in enumerate(content):
            for end in content[a + 1 : a + 5]:
                key = "".join(said[i][0] for i in content if start <= i <= end).upper()
                runs.setdefault(key, set()).add(" ".join(said[start : end + 1]))
    return runs, frozenset(w for label in labels for w in words(label))


def label_similarity(
    labels: Sequence[str], label_vectors: Vectors, embed: Callable[[str], Vectors]
) -> Callable[[str], dict[str, float]]:
    """A similarity function over labels for `rank_labels`, embedding the question lazily."""

    def similarity(question: str) -> dict[str, float]:
        if len(labels) == 0:
            return {}
        sims = label_vectors @ embed(question)
        return {label: float(s) for label, s in zip(labels, np.asarray(sims), strict=True)}

    return similarity


def asks_an_operation(word: str) -> bool:
    """Whether a word asks for an operation ("lowest", "higher", "average")."""
    return any(p.search(word) for _, p in [*OPERATION_CUES, *COMPARATIVE])


def find_operation(
    question: str, patterns: list[tuple[Operation, re.Pattern[str]]] = OPERATION_CUES
) -> tuple[Operation | None, re.Match[str] | None]:
    for operation, pattern in patterns:
        match = pattern.search(question)
        if match:
            return operation, match
    return None, None


def pair_metrics(
    question: str, operation: Operation, ranked: list[tuple[str, float]]
) -> tuple[str, ...]:
    """Two metrics: (part, whole) for a share, (first, second) for a difference."""
    named: list[str] = []
    said = set(terms(question))

    def told(label: str) -> frozenset[str]:
        """The label's words, without a column group the question does not name."""
        group = label_terms(label) - label_terms(GROUP.sub("", label))
        return label_terms(label) if group & said else label_terms(GROUP.sub("", label))

    for label, score in ranked:
        # Two labels the question's terms cannot tell apart ("owed by" and "owed to"
        # members; one row's columns in two currencies) are one candidate: the better
        # written, ranked first.
        if score > 0 and all(told(label) != told(n) for n in named):
            named.append(label)
    if operation == "difference" and BALANCE.search(question):
        # A balance is what goes out minus what comes in: exports minus imports.
        labels = [label for label, _ in ranked]
        # The most general label of each side (fewest words): "Total Imports", not a part.
        out = min((lb for lb in labels if "export" in terms(lb)), key=label_size, default=None)
        inn = min((lb for lb in labels if "import" in terms(lb)), key=label_size, default=None)
        return (out, inn) if out and inn else tuple(named[:1])
    # The first row must be named by a word besides "total": "total health expenditure as
    # a share of GDP" is not Total Imports over Total Exports.
    if operation in ("share", "ratio") and named and not _own_word(question, (named[0],)):
        return ()
    if named and operation in ("share", "ratio"):
        # the other row must be named by a word of its own, not only by the first row's
        # words (a total may be: "share of imports" is of Total Imports)
        asked, head = set(terms(question)), label_terms(named[0])
        named = named[:1] + [
            lb for lb in named[1:] if (label_terms(lb) & asked) - head or TOTAL.search(lb)
        ]
    if len(named) < 2:
        return tuple(named[:1])
    if operation in ("share", "ratio"):
        totals = [lb for lb in named[:2] if TOTAL.search(lb)]
        if len(totals) == 1:  # a total is the whole the other is a part of
            part = next(lb for lb in named[:2] if lb != totals[0])
            if not (label_terms(part) & set(terms(question))) - label_terms(totals[0]):
                return (part,)  # no word names the part ("share ... are pharmaceuticals")
            return (part, totals[0])
    if operation == "ratio" and PART_OF.search(question):
        return _part_and_whole(question, *named[:2])  # "what proportion of Y was X"
    if operation == "ratio":
        a, b = named[:2]
        by = DIVIDED_BY.search(question)
        if by:  # "X divided by Y": Y is named after the words, X before them
            rest = question[by.end() :]
            after = [lb for lb in (a, b) if _own_position(rest, lb, b if lb == a else a) >= 0]
            if len(after) == 1:
                return (b, a) if after == [a] else (a, b)
        at = {a: _own_position(question, a, b), b: _own_position(question, b, a)}
        if min(at.values()) < 0:  # one label inside the other: where their words first appear
            at = {a: _position(question, a), b: _position(question, b)}
        first, second = sorted((a, b), key=at.__getitem__)
        return (first, second)  # "the ratio of X to Y", "X divided by Y": X / Y
    if operation == "share":
        return _part_and_whole(question, *named[:2])
    first, second = sorted(named[:2], key=lambda lb: _position(question, lb))
    return (first, second)


def _own_word(question: str, labels: tuple[str, ...]) -> bool:
    """Whether the question names the label by a word besides "total"."""
    said = set(terms(question))
    return any(label_terms(TOTAL.sub("", label)) & said for label in labels)


PART_OF = re.compile(r"\b(?:proportion|fraction|portion) of\b", re.I)
DIVIDED_BY = re.compile(r"\bdivided by\b", re.I)
"""A ratio spelled out: "earnings per share divided by dividends per share"."""
"""A ratio asked as a share: "what proportion of Y was X" is X over Y."""


def _part_and_whole(question: str, a: str, b: str) -> tuple[str, str]:
    """(part, whole) of a share: "share of X (that) Y" names the whole first, or by no word
    of its own ("share of imports from the U.S." -> whole Total Imports, part the U.S.
    row); "X in Y", "X over Y", "X as a percentage of Y" name it second."""
    first, second = sorted((a, b), key=lambda lb: _own_position(question, lb, b if lb == a else a))
    if _whole_follows(question, first, second):
        return (first, second)
    return (second, first)


WHOLE_NEXT = re.compile(
    r"(?:in|within|over|out of|relative to|compared (?:to|with)|against|divided by"
    r"|(?:\w+ ){0,3}(?:percentage|percent|share|proportion|fraction|portion) of)"
    r"(?: the| total| its| our| (?:fy)?\d{4}| \w+['’]s)*",
    re.I,
)
"""What stands between a share's part and its whole named after it: "cost of sales in
revenue", "X over Y", "X as a percentage of Y", "X accounted for what share of Y", "X as a %
of 2019 Y", "X as a percentage of South's Y"."""


def _whole_follows(question: str, first: str, second: str) -> bool:
    """Whether the question joins `first` to `second`, named after it, by words that make
    `second` the whole (`WHOLE_NEXT`)."""
    asked = words(question.replace("%", " percent "))
    own_first = set(terms(first)) - set(terms(second))
    own_second = set(terms(second)) - set(terms(first))
    at_second = [i for i, w in enumerate(asked) if set(terms(w)) & own_second]
    if not at_second:
        return False
    start = at_second[0]
    while start > 0 and (said := set(terms(asked[start - 1]))) and said <= set(terms(second)):
        start -= 1  # "... of net sales": "net", a word of both, begins the whole's name
    ends = [i for i, w in enumerate(asked[:start]) if set(terms(w)) & own_first]
    if not ends:
        return False
    return WHOLE_NEXT.fullmatch(" ".join(asked[ends[-1] + 1 : start])) is not None


def _own_position(question: str, label: str, other: str) -> int:
    """Where the question first uses a word of `label` that `other` lacks; -1 if it uses none."""
    own = set(terms(label)) - set(terms(other))
    positions = [i for i, w in enumerate(words(question)) if set(terms(w)) & own]
    return min(positions) if positions else -1


def label_size(label: str) -> int:
    return len(terms(label))


def _position(question: str, label: str) -> int:
    lowered = words(question)
    positions = [lowered.index(w) for w in words(label.lower()) if w in lowered]
    return min(positions) if positions else len(lowered)
