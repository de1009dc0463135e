"""The steps that settle a parsed figure question before its operation runs.

Each step takes the question and its `FactQuery` and returns the query settled a little
further, or `Refused` with what to say: a word no brief uses, which of two matching rows
(the one written out, holding the years asked, in the group or unit asked), which column
group of a row, which brief. `answer_figure` runs them in the order of `STEPS`; then two
checks it makes on the settled query live here too: a share of a row already in %
(`is_share_read`) and a question a sentence names better than the row
(`sentence_says_more`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.answer.operations import Draft, one_of
from assistant.facts.query import (
    ADVERB,
    GROUP,
    OPERATION_WORDS,
    TABLE_WORDS,
    TOTAL,
    FactQuery,
    Operation,
    asks_an_operation,
    find_operation,
    label_terms,
    months_written_out,
    own_terms,
    said_as_written,
)
from assistant.facts.units import parse_unit
from assistant.storage.facts import FactTable
from assistant.storage.passages import PassageTable
from assistant.text.intents import WHICH_ROW
from assistant.text.names import find_names
from assistant.text.periods import MONTHS, has_year, year_of, years
from assistant.text.question import Question, inner_words
from assistant.text.terms import terms, words
from assistant.types import FactRecord, Unit


@dataclass(frozen=True)
class Refused:
    """A figure question that cannot be answered as asked: what to say, and the table rows
    to show as related."""

    text: str
    rows: list[FactRecord]


def _refused(text: str, metrics: tuple[str, ...], facts: FactTable) -> Refused:
    """A refusal that shows a row of each metric it speaks of as related."""
    return Refused(text, [facts.series(m)[0] for m in metrics])


READ_AS_IS = ("lookup", "series")
HAS_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
YEAR = re.compile(r"(?:19|20)\d\d")


def sentence_says_more(
    question: Question,
    query: FactQuery,
    facts: FactTable,
    passages: PassageTable,
    prose: Callable[[Question], list[Unit]],
) -> bool:
    """Whether a sentence with a figure, in the brief of the row, names every question word
    the row (with its title, heading, caption and header) names, and more of them: the
    question is about what the sentence says, not the row. Only for figures read as they
    stand; computed answers come from tables."""
    if query.operation not in READ_AS_IS:
        return False
    asked = {t for t in question.terms if t not in OPERATION_WORDS and not t[:1].isdigit()}
    first = facts.series(query.metrics[0])
    row = passages.unit_at(first[0].source, first[0].passage_start, first[0].passage_end)
    if row is None or not asked:
        return False
    # The years named count as words: a row that holds them beats a sentence that lacks them.
    named = set(question.periods)
    said = f"{query.metrics[0]}\n{row.searchable}"  # the label as read ("Total" unwritten)
    by_row = asked & set(terms(said)) | (named & {year_of(f.period) for f in first})
    for unit in prose(question):
        if unit.source != row.source or unit.kind not in ("prose", "item"):
            continue
        if not any(not YEAR.fullmatch(n) for n in HAS_FIGURE.findall(unit.text)):
            continue
        by_sentence = asked & set(terms(unit.searchable)) | (named & set(years(unit.text)))
        if by_row <= by_sentence and len(by_sentence) > len(by_row):
            return True
    return False


def is_share_read(query: FactQuery, series: dict[str, dict[str, FactRecord]]) -> bool:
    """A share whose part is itself a percentage ("what share of revenue were courier
    costs" over a "% of revenue" column): read, not divided again."""
    if query.operation != "share":
        return False
    held = series[query.metrics[0]].values()
    return bool(held) and all(f.unit == "%" for f in held)


def refuse_unheard(
    question: Question,
    query: FactQuery,
    facts: FactTable,
    passages: PassageTable,
    draft: Draft,
    known: Callable[[str], bool],
) -> FactQuery | Refused:
    """Refuse a metric qualified by a word that the briefs holding the rows asked about do
    not use, naming the figures held (English only: the vocabulary is the briefs' English
    terms). Their own briefs, not every brief: "dental clinic visits" is not a clinic-visits
    table's row because another brief speaks of dental chairs."""
    if question.language != "en":
        return query
    series = [f for m in (*query.metrics, *query.ambiguous) for f in facts.series(m)]
    here = set().union(*(passages.terms(s) for s in {f.source for f in series}))
    # "estimated X" of a table marking "2024 (est.)" is heard, whatever words the brief uses
    said = ESTIMATE_WORDS if any(f.estimate for f in series) else frozenset()
    unheard = _unheard_qualifiers(question, lambda t: (known(t) and t in here) or t in said)
    if not unheard:
        return query
    labels = facts.labels()
    shown = ", ".join(labels[:MAX_LISTED]) + (", …" if len(labels) > MAX_LISTED else "")
    text = draft.say("no_metric", words=" ".join(unheard), labels=shown)
    return _refused(text, query.metrics, facts)


def refuse_other_brief(
    question: Question,
    query: FactQuery,
    facts: FactTable,
    passages: PassageTable,
    draft: Draft,
    known: Callable[[str], bool],
) -> FactQuery | Refused:
    """Refuse when the question names another brief's subject ("Norvale Clinics", used by a
    brief that is not the one whose table answers). English only, like `refuse_unheard`."""
    if question.language != "en":
        return query
    elsewhere = _names_elsewhere(question, query.source, passages, known)
    if not elsewhere:
        return query
    title = _title(query.source, passages)
    text = draft.say("other_brief", title=title, names=one_of(elsewhere, draft.language))
    return _refused(text, query.metrics, facts)


def names_another_metric(
    question: Question, query: FactQuery, facts: FactTable, passages: PassageTable
) -> bool:
    """Whether the question qualifies a word of the matched rows by a word the rows (with
    their title, heading, caption, header and the rows above them) do not have: "net
    income" is not the row "Operating income", "hearing aid imports" not "Diagnostic
    imaging equipment (Imports)". Such a question is left to the passages, never answered
    with that row."""
    if question.language != "en":
        return False
    held: set[str] = set()
    for metric in query.metrics:
        series = facts.series(metric)
        if any(f.estimate for f in series):
            held |= ESTIMATE_WORDS  # "the estimated X": the row's estimate, no other kind
        # the row in the brief the question was settled on, when two briefs hold the metric
        first = next((f for f in series if f.source == query.source), series[0])
        row = passages.unit_at(first.source, first.passage_start, first.passage_end)
        held |= label_terms(metric) | set(terms(first.subject))
        if row is not None:  # the row, its context and everything above it in its table
            above = passages.block_units(row.source, row.block)
            held |= set(terms(row.searchable))
            held |= {t for u in above if u.start <= row.start for t in terms(u.text)}
            held |= {t for u in table_intro(passages, row) for t in terms(u.text)}
    # A row that names its own place ("Imports from the United States") was matched to the
    # place asked ("from America") by the label matcher: only a row naming none is checked.
    placed = any(PLACED.search(m) for m in query.metrics)
    return (
        bool(_qualifiers_not_in(question, held))
        # a name the rows and their table never use ("imports in Mombasa", "Chinese brands")
        or (not placed and any(set(terms(name)) - held for _, name in _capitalised(question)))
    )


ESTIMATE_WORDS = frozenset(
    terms("estimate estimated estimates projected projection projections forecast forecasts")
)
"""How a question asks for a figure a table marks as an estimate ("2024 (est.)")."""
PLACED = re.compile(r"\b(?:from|to|in|into)\s+(?:the\s+)?[A-Z]")


TABLE_INTRO = re.compile(
    r"\b(?:following|below|above|this|next)\s+table\b|\btable\s+(?:below|above)\b"
    r"|\bas follows\b"  # "The Group's trade receivables are analysed as follows:"
    r"|\b(?:consists?|comprised?|includes?|are|were)\s+(?:of\s+)?the following\b",
    re.I,
)
"""A sentence saying what a table holds ("The following table presents total revenues")."""
INTRO_REACH = 3
"""How many paragraphs before or after its table a table's introducing sentence may be."""


def table_intro(passages: PassageTable, row: Unit) -> list[Unit]:
    """The sentences near a row's table that introduce a table: what they say its rows
    measure is the rows' meaning too (reports write it there, not in the table)."""
    near = itertools.chain.from_iterable(
        passages.block_units(row.source, block)
        for block in range(row.block - INTRO_REACH, row.block + INTRO_REACH + 1)
        if block != row.block
    )
    return [u for u in near if u.kind in ("prose", "heading") and TABLE_INTRO.search(u.text)]


HEAD_ENDS = re.compile(
    r"\s(?:from|of|to|in|for|on|at|by|with|under|attributable|per|as)\s|[:(,–—]", re.I
)
"""Where a row's measure ends and its qualifiers begin: "Imports | from the United States"."""


TOTAL_TERMS = frozenset(terms("total"))
COUNTED = frozenset(terms("number count amount value level share proportion percentage"))
"""A row's measure that says only how it counts ("Number of X"): X names the row."""


def measure_of(label: str) -> set[str]:
    """The terms of what a row measures: its label's words before its qualifiers."""
    return set(terms(months_written_out(HEAD_ENDS.split(GROUP.sub("", label), maxsplit=1)[0])))


def names_only_qualifiers(question: Question, label: str) -> bool:
    """Whether the question names a row's qualifiers but not what it measures: "exports
    to Chile" of the row "Imports from Chile". A total row measures what its table does."""
    measure = measure_of(label)
    asked = set(question.terms)
    named = label_terms(label) & asked
    return bool(named) and bool(measure) and not measure <= TOTAL_TERMS and not measure & asked


def misses_the_measure(
    question: Question, query: FactQuery, facts: FactTable, passages: PassageTable
) -> bool:
    """Whether the question leaves out what a matched row measures (its words before its
    qualifiers: "Imports" of "Imports from the United States"), naming only a qualifier:
    "opportunities for U.S. exporters" is not asking for imports; or names it only by the
    words its whole table shares (caption, header, the brief's title): "dental lasers" is
    not the row "Dental chairs and units" of a table of dental imports; or names the row by
    its name and counts a thing its table does not (see `_counts_another_thing`)."""
    if question.language != "en" or len(query.metrics) != 1:
        return False  # a pair may be derived ("the trade balance": exports minus imports)
    asked = set(question.terms)
    for metric in query.metrics:
        first = facts.series(metric)[0]
        if _counts_another_thing(question, metric, first, passages):
            return True  # "how many MRI units in Cusco" of a table of scans by region
        measure = measure_of(metric)
        if measure and measure <= COUNTED:
            measure = set(label_terms(metric))  # "Number of public hospitals": "how many hospitals"
        if not measure and said_as_written(metric, question.text):
            continue  # "Other", named as the table writes it: the row itself is asked
        own = label_terms(metric) - _table_words(first, passages) - TOTAL_TERMS
        if own and not own & asked and not said_as_written(metric, question.text):
            return True
        # a "Total" row measures what its section or column does: nothing to check; a row
        # under "Emissions from:" is named by "emissions" too
        measure |= set(terms(first.subject))
        if not measure <= TOTAL_TERMS and not measure & asked:
            return True
    return False


def _counts_another_thing(
    question: Question, metric: str, fact: FactRecord, passages: PassageTable
) -> bool:
    """Whether the question names a row by a name (a place, a firm: the row's words it uses
    are all capitalised in it, under a label column's head) and counts a thing ("how many
    X") that neither the row nor its table names: "how many MRI units in Cusco" is not the
    Cusco row of a table of scans by region. (Asking another measure of the row in other
    words, "how much does a kidney transplant cost in Tashkent", is not refused: analysts
    ask a table's measure in words of their own, "customers from Singapore" of a table of
    revenue by region.)"""
    named = label_terms(metric) & set(question.terms)
    subject = set(terms(fact.subject))
    if not question.counted or not named or not named <= question.proper_names or not subject:
        return False  # rows of names are headed by what they are ("Region", "Company")
    table = _table_words(fact, passages, title=False)
    row = passages.unit_at(fact.source, fact.passage_start, fact.passage_end)
    if row is not None:  # "The following table presents the number of scans by ..."
        table |= {t for u in table_intro(passages, row) for t in terms(u.text)}
    return not question.counted & (label_terms(metric) | subject | table)


def _table_words(fact: FactRecord, passages: PassageTable, *, title: bool = True) -> set[str]:
    """The terms every row of a fact's table shares: its caption's, its header row's (a
    column group, "Amount", is written there) and (`title`) its brief's title's."""
    text = passages.text(fact.source)
    caption = text[fact.caption_start : fact.caption_end] if fact.caption_start >= 0 else ""
    header = text[fact.header_start : fact.header_end] if fact.header_start >= 0 else ""
    said = f"{caption} {header} {_title(fact.source, passages) if title else ''}"
    return set(terms(said))


def _names_elsewhere(
    question: Question, source: str, passages: PassageTable, known: Callable[[str], bool]
) -> list[str]:
    """Names the question gives that the brief whose table answers does not use: a name
    some brief uses ("Norvale Clinics": the question is about another brief's subject), or
    one capitalised word ("Argentina's market", "Kenya's outpatient revenue": a place, firm
    or programme that brief never mentions)."""
    here = passages.terms(source)
    names = [POSSESSIVE.sub("", name) for name in find_names(question.text)]
    # Every word of the name is some brief's, and one of them is not this brief's.
    found = [n for n in names if all(known(t) for t in terms(n)) and set(terms(n)) - here]
    for _, name in _capitalised(question):
        if name not in found and set(terms(name)) - here:
            found.append(name)
    return found


TITLE_CASE = re.compile(r"^[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)*$")
"""One capitalised word ("Argentina"), not an acronym (an acronym may stand for a label)."""
DATE_WORD = re.compile(
    rf"^(?:{MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.IGNORECASE
)
"""A month or a weekday: a date's word, capitalised but naming no subject."""


def _capitalised(question: Question) -> list[tuple[str, str]]:
    """The question's capitalised words that open no sentence ("Argentina's" ->
    "Argentina"), each with the word before it; not a month or weekday ("as at December
    31": a date, not a subject)."""
    return [
        (before, name)
        for before, word in inner_words(question.text)
        if TITLE_CASE.match(name := _bare(word)) and not DATE_WORD.match(name)
    ]


def _bare(word: str) -> str:
    """A question's word without its punctuation and possessive ("Argentina's?" -> "Argentina")."""
    return POSSESSIVE.sub("", word.strip("?.,;:!()\"'“”‘’"))


POSSESSIVE = re.compile(r"['’]s?$")
NOT_QUALIFIERS = frozenset(
    terms(
        "respective respectively ended ending exceed exceeded exceeds fiscal calendar financial"
        " two three four five six seven eight nine ten last past previous prior next"
        " versus against compare compared comparison"
    )
)
"""Words that stand before a row's word without naming a kind of figure."""


def _qualifiers_not_in(question: Question, held: set[str]) -> list[str]:
    """Words of the question standing right before a word of the row that the row lacks."""

    def qualifies(word: str, following: str) -> bool:
        after = set(terms(following))
        if terms(word)[0] in NOT_QUALIFIERS or after <= NOT_QUALIFIERS:
            return False  # "the three fiscal years", "the past two years"
        return bool(after & held)

    return qualifiers(question, held.__contains__, keep=qualifies)


def settle_metric(
    question: Question,
    query: FactQuery,
    facts: FactTable,
    passages: PassageTable,
    draft: Draft,
    known: Callable[[str], bool],
) -> FactQuery | Refused:
    """Of rows matched equally well, the one the question writes out, that holds the years
    it names, in the column group or unit it asks for; else ask."""
    if not query.ambiguous:
        named = _by_group(question, query.metrics[:1], facts)
        if ACROSS.search(question.text) and len(query.metrics) == 1 and not named:
            # "the total X across the four quarters": every group, whichever matched best
            return _across_groups(question, query, query.metrics, facts) or query
        return query
    options = query.ambiguous
    asked = WHICH_ROW.search(question.text)
    tried: tuple[str, ...] = ()  # the options already read across their column groups
    if asked and not YEAR_NOUN.match(asked["noun"]):
        # "Which segment had the highest total revenue?": its groups, not its Total column
        across = _across_groups(question, query, options, facts)
        if across is not None:
            return across
        tried = options
    steps = (_by_phrase, _by_periods, _by_group, _by_group_words, _by_currency, _by_count, _by_unit)
    for choose in steps:
        chosen = choose(question, options, facts)
        if len(chosen) == 1:
            return replace(query, metrics=chosen, ambiguous=())
        options = chosen or options
    if _adds_up(question, query, options):
        # "the total deferred revenue" over "(current)" and "(non-current)" rows: their sum
        return replace(query, operation="plus", metrics=options, ambiguous=())
    across = _across_groups(question, query, options, facts) if options != tried else None
    if across is not None:
        return across
    if _alike(query, options, facts):  # two rows giving the same figures: either answers
        return replace(query, metrics=options[:1], ambiguous=())
    if _both_named(question, query, options):  # "the basic and diluted earnings per share"
        return replace(query, operation="compare", metrics=options, ambiguous=())
    totals = [m for m in options if (g := LAST_GROUP.search(m)) and TOTAL.fullmatch(g[1])]
    if len({GROUP.sub("", m) for m in options}) == 1 and len(totals) == 1:
        return replace(query, metrics=(totals[0],), ambiguous=())  # no group named: the Total
    dated = [m for m in options if any(has_year(f.period) for f in facts.series(m))]
    if len({GROUP.sub("", m) for m in options}) == 1 and len(dated) == 1:
        # one row's column groups, none named, one of them by year (the others a change
        # column): that one; two by year ("Outpatient", "Inpatient") are asked about
        return replace(query, metrics=(dated[0],), ambiguous=())
    text = draft.say("which", options=one_of(options, draft.language))
    return _refused(text, options, facts)


YEAR_NOUN = re.compile(r"(?:years?|periods?|fiscal|dates?)$", re.I)
"""The noun of "Which year ...": the periods are compared, not a row's column groups."""
WHICH_NOUN = re.compile(r"\b(?:which|what)\s+(?:of\s+the\s+)?[a-z]+", re.I)
PART_OF_YEAR = re.compile(r"\bquarter\b|\bQ[1-4]\b|\bhalf\b|\bH[12]\b|\bmonths?\b", re.I)
"""A column group that is a part of a year: a year's figure is the sum of them."""
ACROSS = re.compile(
    r"\b(?:across|combined|all\s+(?:the\s+)?(?:\w+\s+)?(?:quarters|periods))\b", re.I
)


def _across_groups(
    question: Question, query: FactQuery, options: tuple[str, ...], facts: FactTable
) -> FactQuery | None:
    """One row's column groups, none named, in one period: compared ("In which quarter was
    X highest?", "Which segment had the lowest X?"), counted ("In how many quarters did X
    exceed 5?"), or, when the groups are parts of a year, added up ("the total X for
    fiscal 2019"). The row's other groups count too; its total and its columns in another
    unit do not."""
    if len({GROUP.sub("", m) for m in options}) != 1 or len(query.periods) > 1:
        return None
    row = facts.series(options[0])[0]
    base = GROUP.sub("", options[0])
    groups = [
        m
        for m in dict.fromkeys(f.metric for f in facts.in_row(row.source, row.passage_start))
        if GROUP.sub("", m) == base and (g := LAST_GROUP.search(m)) and not TOTAL.search(g[1])
    ]
    units = [facts.series(m)[0].unit for m in groups]
    groups = [m for m, u in zip(groups, units, strict=True) if u == max(units, key=units.count)]
    if len(groups) > 2:  # "Consolidated": the other columns added up, not one of them
        summing = _sum_groups(row, facts)
        groups = [m for m in groups if (g := LAST_GROUP.search(m)) and g[1] not in summing]
    if len(groups) < 2 or not all(_one_period(facts.series(m), query.periods) for m in groups):
        return None
    text = question.text
    if query.operation in ("max", "min") and WHICH_NOUN.search(text):
        return replace(query, metrics=tuple(groups), ambiguous=(), across=True, which_period=True)
    if query.operation == "count" and query.condition is not None:
        return replace(query, metrics=tuple(groups), ambiguous=(), across=True)
    parts = all(PART_OF_YEAR.search(m[len(base) :]) for m in groups)  # the groups: quarters
    adds = query.operation == "average" or TOTAL.search(text) or ACROSS.search(text)
    if parts and adds and query.operation in ("lookup", "series", "sum", "average"):
        operation: Operation = "average" if query.operation == "average" else "sum"
        return replace(query, operation=operation, metrics=tuple(groups), ambiguous=(), across=True)
    return None


def _sum_groups(fact: FactRecord, facts: FactTable) -> set[str]:
    """The column groups of a fact's table and period whose figures, in every row, add up
    the row's other groups (three or more columns): a total column by any name."""
    rows: dict[int, dict[str, float]] = {}
    for f in facts.all():
        if (f.source, f.header_start, f.period) == (fact.source, fact.header_start, fact.period):
            group = LAST_GROUP.search(f.metric)
            if group:
                rows.setdefault(f.passage_start, {})[group[1]] = f.value
    width = max((len(r) for r in rows.values()), default=0)
    full = [r for r in rows.values() if len(r) == width]
    if width < 3 or not full:
        return set()
    return {
        g
        for g in full[0]
        if all(abs(r[g] - (sum(r.values()) - r[g])) <= 1e-6 * max(1.0, abs(r[g])) for r in full)
    }


def _one_period(series: list[FactRecord], periods: tuple[str, ...]) -> bool:
    """Whether a series holds the one period asked (or, none asked, holds only one)."""
    held = {f.period for f in series} | {year_of(f.period) for f in series}
    return periods[0] in held if periods else len({f.period for f in series}) == 1


def _both_named(question: Question, query: FactQuery, options: tuple[str, ...]) -> bool:
    """Whether the question reads two rows matched alike, each by the words that tell it
    from the other, joined by "and" ("the basic and diluted earnings per share")."""
    if len(options) != 2 or query.operation not in READ_AS_IS or len(query.periods) > 1:
        return False
    own = [set(terms(o)) - set(terms(other)) for o, other in (options, options[::-1])]
    asked = set(question.terms)
    return all(o and o <= asked for o in own) and re.search(r"\band\b", question.text) is not None


def _alike(query: FactQuery, options: tuple[str, ...], facts: FactTable) -> bool:
    """Whether rows matched alike give the same figures (in the same unit) in every period
    the question names, or in all their periods when it names none."""
    held = []
    for metric in options:
        series = {f.period: f for f in facts.series(metric)}
        asked = query.periods or tuple(series)
        found = [
            series.get(p) or next((f for f in series.values() if year_of(f.period) == p), None)
            for p in asked
        ]
        if any(f is None for f in found):
            return False
        held.append(tuple((f.value, f.unit, f.scale) for f in found if f is not None))
    return len(set(held)) == 1


def _adds_up(question: Question, query: FactQuery, options: tuple[str, ...]) -> bool:
    """Whether a "total" asked of two rows matched alike, neither itself a total, is their
    sum: the parts of what the question names ("current" and "non-current")."""
    return (
        query.operation in ("lookup", "series")
        and len(options) == 2
        and TOTAL.search(question.text) is not None
        and not any(TOTAL.search(o) for o in options)
    )


def settle_row_group(
    question: Question,
    query: FactQuery,
    facts: FactTable,
    passages: PassageTable,
    draft: Draft,
    known: Callable[[str], bool],
) -> FactQuery | Refused:
    """A row read in column groups ("Amount", "% of revenue", a "Change" column's "$"): when
    the group matched lacks a period the question names (or, naming none, holds no year at
    all), the row's group that holds them (the one in the unit asked for, when several do)."""

    def fits(series: list[FactRecord]) -> bool:
        if query.periods:
            return _holds(series, query.periods)
        return any(has_year(f.period) for f in series)

    metrics = []
    for metric in query.metrics:
        series = facts.series(metric)
        if fits(series):
            metrics.append(metric)
            continue
        same_row: dict[str, list[FactRecord]] = {}
        for row in dict.fromkeys((f.source, f.passage_start) for f in series):
            for f in facts.in_row(*row):
                if f.metric != metric:
                    same_row.setdefault(f.metric, []).append(f)
        siblings = tuple(m for m, held in same_row.items() if fits(held))
        if len(siblings) > 1:
            siblings = _by_unit(question, siblings, facts) or siblings
        metrics.append(siblings[0] if len(siblings) == 1 else metric)
    return replace(query, metrics=tuple(metrics))


def _holds(series: list[FactRecord], periods: tuple[str, ...]) -> bool:
    held = {f.period for f in series} | {year_of(f.period) for f in series}
    return all(p in held for p in periods)


def settle_brief(
    question: Question,
    query: FactQuery,
    facts: FactTable,
    passages: PassageTable,
    draft: Draft,
    known: Callable[[str], bool],
) -> FactQuery | Refused:
    """The one brief whose table answers, so figures of two briefs are never mixed."""
    source, titles = _one_source(question, query.metrics, facts, passages)
    if source is not None:
        return replace(query, source=source)
    metrics = draft.say("and").join(query.metrics)
    if titles:
        text = draft.say("which_brief", options=one_of(titles, draft.language))
    else:
        text = draft.say("one_brief", metrics=metrics)
    return _refused(text, query.metrics, facts)


def _one_source(
    question: Question, metrics: tuple[str, ...], facts: FactTable, passages: PassageTable
) -> tuple[str | None, list[str]]:
    """The one brief whose tables answer: the only one holding every metric, or the one whose
    title the question names most. None with the tied titles when the question does not
    tell them apart; None with no titles when no one brief holds every metric."""
    holders = [{f.source for f in facts.series(m)} for m in metrics]
    common = set.intersection(*holders) if holders else set()
    if len(common) <= 1:
        return (next(iter(common)) if common else None), []
    asked = set(question.terms)
    titles = {s: _title(s, passages) for s in sorted(common)}
    named = {s: len(asked & set(terms(t))) for s, t in titles.items()}
    best = [s for s in titles if named[s] == max(named.values())]
    return (best[0], []) if len(best) == 1 else (None, [titles[s] for s in best])


def _title(source: str, passages: PassageTable) -> str:
    document = passages.document(source)
    return document.title if document is not None else source


PERIOD_WORD = re.compile(r"^(years?|quarters?|periods?|months?|halfs?|halves|\d{4})$")
MAX_LISTED = 12
"""Most metric labels an abstention lists."""


def _unheard_qualifiers(question: Question, known: Callable[[str], bool]) -> list[str]:
    """Words of the question that no brief uses, standing right before a word the briefs do
    use ("dental clinic visits"), and names no brief uses ("imports from China"): what the
    question asks about that the tables do not hold."""

    def names_a_kind(word: str, following: str) -> bool:
        return len(word) >= 4 and any(known(t) and not t[:1].isdigit() for t in terms(following))

    found = qualifiers(question, known, keep=names_a_kind)
    return found + [name for name in _unheard_names(question, known) if name not in found]


PLACE_PREPOSITION = re.compile(r"^(?:from|to|in|into|within|across|outside|inside)$", re.I)


def _unheard_names(question: Question, known: Callable[[str], bool]) -> list[str]:
    """Names that no brief uses right after "from", "to", "in" ("imports from China"): a
    place or party that qualifies the figure asked. Not a name elsewhere (the company a
    report is about may go unnamed in it), nor an acronym (it may stand for a label)."""
    said = question.text.split()
    found = []
    for before, word in itertools.pairwise(said):
        name = word.strip("?.,;:!()\"'“”‘’")
        if not PLACE_PREPOSITION.match(before) or not name.isalpha() or len(name) < 3:
            continue
        own = terms(name)
        if DATE_WORD.match(name):
            continue  # "issued in August 2023": a period, not a place or party
        if name[0].isupper() and name[1:].islower() and own and not any(known(t) for t in own):
            found.append(name)
    return found


def qualifiers(
    question: Question, holds: Callable[[str], bool], *, keep: Callable[[str, str], bool]
) -> list[str]:
    """Words of the question standing right before another word that `holds` lacks, and that
    `keep(word, following)` keeps: never the first word (a verb: "Show ..."), a possessive
    ("company's": an owner, not a kind of figure), an operation ("lowest exchange rate") or
    how a period is named ("fiscal years")."""
    asked = words(question.text)
    found = []
    for i, (word, following) in enumerate(itertools.pairwise(asked[1:]), start=1):
        own = terms(word)
        if not own or not word.isalpha() or holds(own[0]):
            continue
        if i >= 2 and SUBJECT_OF.fullmatch(" ".join(asked[i - 2 : i + 3])):
            continue  # "did the firm report in": who did it, not a kind of figure
        if own[0] in OPERATION_WORDS or asks_an_operation(word) or PERIOD_WORD.match(following):
            continue
        if own[0] in NOT_QUALIFIERS or own[0] in TABLE_WORDS or ADVERB.fullmatch(word):
            continue  # "versus", "prior", "still", "currently": never a kind of figure
        if keep(word, following):
            found.append(word)
    return found


SUBJECT_OF = re.compile(
    r"(?:do|does|did|has|have|had|will|would|can|could|should) (?:the|its|their|our|this|that)"
    r" \w+ \w+(?: (?:in|for|during|at|on|by|from|to|over|between|since|\d{4})\b.*)?"
)
"""A verb's subject between the auxiliary and the verb that ends the question or comes
before its period ("did the company grant", "did the firm report in 2019"): who did it."""

LAST_GROUP = re.compile(r"\(([^()]+)\)$")
"""The words of a label's column group, without nested parentheses: "Revenue (Domestic)"."""

PERCENT_WORDS = re.compile(r"%|\bpercent|\bshare\b|\brates?\b|\bmargin", re.I)


def _by_phrase(question: Question, metrics: tuple[str, ...], facts: FactTable) -> tuple[str, ...]:
    """Of metrics matched equally by their words, the one the question writes out whole
    without its column group ("amounts owed by members" over "amounts owed to members";
    "Total Other" over "Total", the longest when one holds the others)."""
    asked = f" {' '.join(words(question.text))} "
    base = {m: " ".join(words(GROUP.sub("", m))) for m in metrics}
    written = [m for m in metrics if base[m] and f" {base[m]} " in asked]
    longest = max((base[m] for m in written), key=len, default="")
    if written and all(base[m] in longest for m in written):
        return tuple(m for m in written if base[m] == longest)
    return ()


def _by_periods(question: Question, metrics: tuple[str, ...], facts: FactTable) -> tuple[str, ...]:
    """Of metrics a question could mean, those that hold every year it names."""
    asked = tuple(years(question.text))
    if not asked:
        return ()
    return tuple(m for m in metrics if _holds(facts.series(m), asked))


def _by_group(question: Question, metrics: tuple[str, ...], facts: FactTable) -> tuple[str, ...]:
    """Of metrics told apart by a column group ("X ($M)", "X (M)"), those whose group the
    question writes ("in terms of $M")."""
    groups = {m: LAST_GROUP.search(m) for m in metrics}
    return tuple(
        m
        for m, g in groups.items()
        if g and re.search(rf"(?<![\w$]){re.escape(g.group(1))}(?!\w)", question.text, re.I)
    )


def _by_group_words(
    question: Question, metrics: tuple[str, ...], facts: FactTable
) -> tuple[str, ...]:
    """Of one row's column groups, the one whose words the question holds more of than any
    other's, in any order ("the total net accounts receivable" for "Total (Accounts
    Receivable, Net)" over "(Accounts Receivable, Gross)"). Words that ask the operation or
    name the row name no group: "the average shares vested" is asked about, "(Number of
    Shares)" or "(Weighted Average Price)"."""
    groups = {m: LAST_GROUP.search(m) for m in metrics}
    if len({GROUP.sub("", m) for m in metrics}) != 1 or not all(groups.values()):
        return ()
    _, cue = find_operation(question.text)
    asked = set(question.terms) - set(terms(cue.group())) if cue else set(question.terms)
    asked -= own_terms(metrics[0])  # "shares vested" names the row, not "(Number of Shares)"
    said = {m: len(label_terms(g[1]) & asked) for m, g in groups.items() if g}
    best = max(said.values())
    chosen = tuple(m for m, n in said.items() if n == best)
    return chosen if best and len(chosen) < len(metrics) else ()


def _by_currency(question: Question, metrics: tuple[str, ...], facts: FactTable) -> tuple[str, ...]:
    """Of metrics in several currencies (a convenience translation beside the reporting
    currency), those in the currency the question names ("in RMB", "in US dollars")."""
    named = parse_unit(question.text).currency
    if not named:
        return ()
    return tuple(m for m in metrics if facts.series(m)[0].currency == named)


COUNT_WORDS = re.compile(r"\b(?:number of|how many)\b", re.I)


def _by_count(question: Question, metrics: tuple[str, ...], facts: FactTable) -> tuple[str, ...]:
    """Of metrics a question could mean, asked for a "number of" or "how many": those that
    count (no currency, not a rate), not a price beside them ("Shares" over "Weighted
    Average Exercise Price")."""
    if not COUNT_WORDS.search(question.text):
        return ()
    counts = tuple(m for m in metrics if not facts.series(m)[0].currency)
    counts = tuple(m for m in counts if facts.series(m)[0].unit != "%")
    return counts if len(counts) < len(metrics) else ()


def _by_unit(question: Question, metrics: tuple[str, ...], facts: FactTable) -> tuple[str, ...]:
    """Of metrics a question could mean, those whose unit it asks for: rows in % when it
    says "percent" or "share", the others when it does not."""
    wants_percent = PERCENT_WORDS.search(question.text) is not None
    return tuple(m for m in metrics if (facts.series(m)[0].unit == "%") == wants_percent)


STEPS = (refuse_unheard, settle_metric, settle_row_group, settle_brief, refuse_other_brief)
"""The steps, in the order they run."""
