"""Figure answers: a fact query computed over the facts table, every cell cited."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.answer.cite import Span, make_citations
from assistant.answer.operations import OPERATIONS, Draft, Refusal, one_of, span_of
from assistant.answer.settle import (
    LAST_GROUP,
    READ_AS_IS,
    STEPS,
    Refused,
    is_share_read,
    misses_the_measure,
    names_another_metric,
    sentence_says_more,
    settle_metric,
)
from assistant.facts.query import (
    GROUP,
    TOTAL,
    FactQuery,
    operation_without_share,
    own_terms,
    parse_question,
)
from assistant.facts.spanish import parse_spanish_question
from assistant.storage.facts import FactTable
from assistant.storage.passages import PassageTable
from assistant.text.intents import PERIOD_NOUN, WHICH_ROW
from assistant.text.periods import MONTHS, has_year, period_key, year_of, years
from assistant.text.question import Question
from assistant.text.terms import terms
from assistant.types import Answer, Fact, FactRecord, Language, Unit

Similarity = Callable[[str], dict[str, float]]
"""Similarity of a question (or phrase) to each metric label, by meaning."""
Parser = Callable[[str, list[str], Similarity | None, dict[str, str]], FactQuery | None]
"""A language's question parser: question, labels, label similarity, what stands over each
label in its table."""
PARSERS: dict[Language, Parser] = {
    "en": lambda question, labels, similarity, context: parse_question(
        question, labels, similarity=similarity, context=context
    ),
    "es": lambda question, labels, similarity, context: parse_spanish_question(
        question, labels, similarity
    ),
}


def answer_figure(
    question: Question,
    facts: FactTable,
    passages: PassageTable,
    *,
    similarity: Callable[[str], dict[str, float]] | None = None,
    known: Callable[[str], bool] = lambda term: True,
    prose: Callable[[Question], list[Unit]] | None = None,
    context: dict[str, str] | None = None,
) -> Answer | None:
    """The answer from the facts table, or None when the question is not about a table figure.

    The parsed query is settled step by step (each may refuse): a word no brief uses
    (`known` tells whether a term occurs anywhere in the briefs), which of two matching
    rows, which brief's table, which columns; then its operation runs. A figure read as
    it stands is left to the passages when a sentence of the brief (`prose` finds the
    candidates) names more of the question than the row does. `context` is what stands
    over each label (default: its label column's head)."""
    language = question.language
    over = facts.subjects() if context is None else context
    query = PARSERS[language](question.text, facts.labels(), similarity, over)
    if query is None:
        return None
    if len(query.periods) > 1 and _holds_no_period(query.metrics[0], facts):
        # "the change in finance lease payments from 2022 to 2023": not the total under the
        # years, which holds none of them, but a row that does
        dated = [m for m in facts.labels() if not _holds_no_period(m, facts)]
        again = PARSERS[language](question.text, dated, similarity, over) if dated else None
        query = again if again is not None and again.operation == query.operation else query
    draft = Draft(
        language,
        written=lambda fact: passages.text(fact.source)[fact.start : fact.end],
        decimals=question.decimals,
    )
    for settle in STEPS:
        settled = settle(question, query, facts, passages, draft, known)
        if isinstance(settled, Refused):
            if (
                settle is settle_metric
                and query.ambiguous
                and prose is not None
                and sentence_says_more(question, query, facts, passages, prose)
            ):
                return None  # not "which row?" when a sentence of the brief says it
            return _abstain(question, settled.text, settled.rows, passages)
        query = settled
    if _asks_other_things(question, query):
        return None  # "Which countries supply most X?": no year of X's row answers it
    if query.across:
        return _across(question, query, facts, passages, draft)
    series = {
        m: {f.period: f for f in facts.series(m) if f.source == query.source} for m in query.metrics
    }
    if _largest_loss(question, query, series):  # a loss written negative: its lowest figure
        query = replace(query, operation="min" if query.operation == "max" else "max")
    printed = f"{query.metrics[0]} (%)"  # the share the table prints, beside the amount
    if query.operation == "share" and printed in facts.labels() and len(query.periods) <= 1:
        query = replace(query, metrics=(printed,), operation="lookup")
        series = {printed: {f.period: f for f in facts.series(printed) if f.source == query.source}}
    if is_share_read(query, series):
        operation = operation_without_share(question.text, query.periods)
        query = replace(query, operation=operation, metrics=query.metrics[:1])
    if prose is not None and sentence_says_more(question, query, facts, passages, prose):
        return None  # "How much in lease payments was deferred?": a sentence's figure
    if names_another_metric(question, query, facts, passages):
        return None  # "net income" asked, "Operating income" matched: not this row
    if misses_the_measure(question, query, facts, passages):
        return None  # "opportunities for U.S. exporters": a place named, not "imports from" it
    query = _spans_named(question, query, series[query.metrics[0]])
    query = _columns_named(question, query, series[query.metrics[0]])
    if len(query.metrics) == 2 and _names_a_column(query.metrics[1], query.periods):
        # "current net receivables out of total net receivables": "Total" is the row's
        # column the question names, not a second row
        query = replace(query, metrics=query.metrics[:1])
    if query.after:  # "due after 2021": the column after the last year, if it is 2021
        later = _after(query.after, series[query.metrics[0]])
        if later is None:
            text = draft.say("held_only", metric=query.metrics[0],
                             held=span_of(list(series[query.metrics[0]])),
                             missing=f"after {query.after}")  # fmt: skip
            return _abstain(question, text, list(series[query.metrics[0]].values()), passages)
        whole = [p for p in series[query.metrics[0]] if TOTAL.fullmatch(p)]
        if query.operation == "share" and len(query.metrics) == 1 and len(whole) == 1:
            # "what percentage of total commitments is due after 2021": of the Total column
            query = replace(query, periods=(later, whole[0]))
        else:
            query = replace(query, periods=(later,), operation="lookup")
    if _undated(query, series, passages):
        query = replace(query, periods=())  # "as of December 31, 2019" of a table by level
    query = _parts_as_columns(query, series[query.metrics[0]], passages)
    wanted = _periods(query, series[query.metrics[0]])
    for metric in query.metrics:
        missing = [p for p in wanted if p not in series[metric]]
        if missing:
            held = list(series[metric])
            text = draft.say(
                "held_only", metric=metric, held=span_of(held), missing=one_of(missing, language)
            )
            return _abstain(question, text, list(series[metric].values()), passages)
    if not wanted:  # the periods every metric holds, when the question names none
        wanted = [p for p in _every_period(series[query.metrics[0]]) if _all_hold(series, p)]
        total = [p for p in wanted if TOTAL.fullmatch(p)]
        if query.operation in READ_AS_IS and len(total) == 1 and not any(map(has_year, wanted)):
            query, wanted = replace(query, operation="lookup"), total  # the row's Total column
    if query.currency and any(
        f.currency not in ("", query.currency) for m in query.metrics for f in series[m].values()
    ):
        query = replace(query, operation="convert")  # "in dollars" of figures in pesos
    try:
        done = OPERATIONS[query.operation](query, series, wanted, facts, draft)
    except ZeroDivisionError:  # a share of a nil, a percent change from 0
        done = Refusal(draft.say("by_zero"))
    if isinstance(done, Refusal):
        rows = [f for m in query.metrics for f in series[m].values()]
        return _abstain(question, done.text, rows, passages)
    return _render(question, done, passages)


def _columns_named(question: Question, query: FactQuery, held: dict[str, FactRecord]) -> FactQuery:
    """The periods a question means when it names fewer than an operation needs: a change
    "in 2019" is from the year before, and so is an average "in 2019" (of the year's opening
    and closing figures); with no year, a change is between the two years the table holds,
    and a column may be named by its words ("as reported")."""
    parts = _held_as(query.periods[0], held) if len(query.periods) == 1 else []
    if len(parts) > 1:  # a year the row holds by quarters: "the average per quarter in 2025"
        if query.operation in ("change", "percent_change"):
            return replace(query, periods=(parts[0], parts[-1]))  # from its first to its last
        if query.operation in ("lookup", "series") and TOTAL.search(question.text):
            return replace(query, operation="sum")  # "the total X over the whole of 2025"
        return query
    if query.operation in ("change", "percent_change", "average") and len(query.periods) == 1:
        # "The change in X in 2019": from the period before it, when the table holds one; "the
        # 2019 average X": of its opening and closing figures (the year before, and 2019).
        dated = sorted((p for p in held if has_year(p)), key=year_of)
        at = [p for p in dated if year_of(p) == query.periods[0]]
        if at and dated.index(at[0]) > 0:
            return replace(query, periods=(dated[dated.index(at[0]) - 1], at[0]))
        return replace(query, operation="lookup")
    if query.periods:
        return query
    if query.operation in ("change", "percent_change"):
        # Computed between the two years the table holds (not read from a "Change" column).
        dated = [p for p in held if has_year(p)]
        if len(dated) == 2:
            return replace(query, periods=tuple(dated))
        return replace(query, operation="series") if query.operation == "change" else query
    asked = set(question.terms)
    named = [p for p in held if not has_year(p) and terms(p) and set(terms(p)) <= asked]
    # the column named in full, not one whose words it holds ("Non-USD denominated")
    named = [p for p in named if not any(set(terms(p)) < set(terms(o)) for o in named)]
    if not named:
        return query
    operation = "lookup" if query.operation == "series" and len(named) == 1 else query.operation
    return replace(query, periods=tuple(named), operation=operation)


def _all_hold(series: dict[str, dict[str, FactRecord]], period: str) -> bool:
    return all(period in held for held in series.values())


THEREAFTER = re.compile(r"\s*(?:thereafter|later years|after\b.*|beyond\b.*)\s*", re.I)


def _after(year: str, held: dict[str, FactRecord]) -> str | None:
    """The column holding what comes after `year`: a "Thereafter" column beside years
    that end with `year`; None when the row has no such column."""
    dated = sorted((p for p in held if has_year(p)), key=year_of)
    later = [p for p in held if THEREAFTER.fullmatch(p)]
    if dated and year_of(dated[-1]) == year and len(later) == 1:
        return later[0]
    return None


def _undated(
    query: FactQuery, series: dict[str, dict[str, FactRecord]], passages: PassageTable
) -> bool:
    """Whether the years a question names only date a table keyed by other things (levels,
    segments): no figure of its rows has a year, and its brief names those years."""
    if not query.periods or any(has_year(p) for held in series.values() for p in held):
        return False
    sources = {f.source for held in series.values() for f in held.values()}
    text = " ".join(passages.text(source) for source in sources)
    return all(year in years(text) for year in query.periods)


def _every_period(held: dict[str, FactRecord]) -> list[str]:
    """The periods a question naming none means: the years a row holds when it holds
    several (not its "Change" or "%" columns beside them), else every column."""
    dated = [p for p in held if has_year(p)]
    return dated if len(dated) > 1 else list(held)


def _spans_named(question: Question, query: FactQuery, held: dict[str, FactRecord]) -> FactQuery:
    """Columns keyed by a span of years ("2021-2022") that the question writes out are
    periods of their own: "from 2020 to 2021-2022" is a change between two columns."""
    text = question.text.lower()
    spans = [p for p in held if len(years(p)) > 1 and p.lower() in text]
    if not spans:
        return query
    covered = {y for p in spans for y in years(p)}
    named = [(text.find(p.lower()), p) for p in spans]
    named += [(text.find(y), y) for y in query.periods if y not in covered]
    periods = tuple(dict.fromkeys(p for _, p in sorted(named)))
    return replace(query, periods=periods, is_range=False)


def _names_a_column(metric: str, periods: tuple[str, ...]) -> bool:
    """Whether a metric's own words (its group aside: "Total (Amounts due)") are all words of
    a non-year column the question names."""
    named = {t for p in periods if not has_year(p) for t in terms(p)}
    return bool(named) and set(own_terms(metric)) <= named


CHRONOLOGICAL = ("change", "percent_change", "cagr")
"""Operations read from the earlier period to the later, however the question orders them
("the change in X in 2019 from 2018" is 2019 minus 2018)."""


def _periods(query: FactQuery, held: dict[str, FactRecord]) -> list[str]:
    """The held periods a question names: a range with the periods inside it; a year also
    names the one held period of that year written otherwise ("FY2019", "2019 (est.)")."""
    if query.is_range and len(query.periods) >= 2:
        first, last = query.periods[0], query.periods[-1]
        low, high = sorted((period_key(first), period_key(last)))
        inside = sorted(
            (p for p in held if low <= period_key(p) <= high and has_year(p)),
            key=period_key,
            reverse=period_key(first) > period_key(last),
        )
        wanted = list(dict.fromkeys([first, *inside, last]))
    else:
        wanted = list(dict.fromkeys(query.periods))
    wanted = [h for p in wanted for h in _held_as(p, held)]
    if query.operation in CHRONOLOGICAL:
        wanted.sort(key=period_key)
    return wanted


SPAN_OF_PART = {
    "Q": re.compile(r"\bthree months\b|\b13 weeks\b|\bquarter\b", re.I),
    "H": re.compile(r"\bsix months\b|\b26 weeks\b|\bhalf[- ]year\b", re.I),
}
"""How a table heads columns of one quarter or one half ("Three months ended 31 December")."""
PART_END = {"Q1": "march", "Q2": "june", "Q3": "september", "Q4": "december", "H1": "june"}
PART_END["H2"] = "december"
MONTH_WORD = re.compile(rf"\b(?:{'|'.join(sorted(set(PART_END.values())))}|{MONTHS})\b", re.I)


def _parts_as_columns(
    query: FactQuery, held: dict[str, FactRecord], passages: PassageTable
) -> FactQuery:
    """A quarter or half asked ("the fourth quarter of 2019") of a table whose columns are
    each one quarter or half, headed by its span and end ("Three months ended 31 December"
    over "2019"): the column of its year, when the month its end names is the part's last
    (calendar quarters; a fiscal quarter ending in another month is not guessed)."""
    fact = next(iter(held.values()), None)
    if fact is None or fact.header_start < 0 or any(period_key(p)[1] < 9 for p in held):
        return query
    text = passages.text(fact.source)
    head = _header_rows(text, fact.header_start, fact.header_end)
    if fact.caption_start >= 0:
        head += " " + text[fact.caption_start : fact.caption_end]
    months = {m.lower() for m in MONTH_WORD.findall(head)}
    periods = []
    for period in query.periods:
        part = period.split()[0].upper()
        year = [p for p in held if year_of(p) == year_of(period)]
        if (
            part in PART_END
            and len(year) == 1
            and SPAN_OF_PART[part[0]].search(head)
            and (not months or PART_END[part] in months or PART_END[part][:3] in months)
        ):
            period = year[0]
        periods.append(period)
    return replace(query, periods=tuple(periods))


def _header_rows(text: str, start: int, end: int) -> str:
    """A header row with the table lines above it (a span row, "| | Three months ended |")."""
    lines = text[:start].splitlines()
    above: list[str] = []
    while lines and lines[-1].lstrip().startswith("|"):
        above.insert(0, lines.pop())
    return "\n".join([*above, text[start:end]])


def _held_as(period: str, held: dict[str, FactRecord]) -> list[str]:
    """The held periods a named one stands for: itself; the one period of its year written
    otherwise ("FY2019" for 2019); or a year's quarters or halves, when the row holds those
    and not the year ("over the whole of 2025" of "Q1 2025" ... "Q4 2025")."""
    if period in held:
        return [period]
    same_year = [p for p in held if year_of(p) == period]
    parts = [p for p in same_year if period_key(p)[1] < 9]
    if len(same_year) > 1 and len(parts) == len(same_year):
        return sorted(parts, key=period_key)
    return same_year[:1] if len(same_year) == 1 else [period]


def _across(
    question: Question, query: FactQuery, facts: FactTable, passages: PassageTable, draft: Draft
) -> Answer:
    """An operation over one row's column groups in one period: each group's figure stands
    as a period of one series named by the row ("Operating income": "First Quarter" ...)."""
    row = GROUP.sub("", query.metrics[0])
    held: dict[str, FactRecord] = {}
    for metric in query.metrics:
        group = LAST_GROUP.search(metric)
        for f in facts.series(metric):
            if group and (not query.periods or query.periods[0] in (f.period, year_of(f.period))):
                held[group[1]] = replace(f, metric=f"{row} ({f.period})", period=group[1])
    name = next(iter(held.values())).metric
    across = replace(query, metrics=(name,), periods=())
    done = OPERATIONS[query.operation](across, {name: held}, list(held), facts, draft)
    if isinstance(done, Refusal):
        return _abstain(question, done.text, list(held.values()), passages)
    return _render(question, done, passages)


def _render(question: Question, draft: Draft, passages: PassageTable) -> Answer:
    """Cite the rows (numbered as the draft's markers), then header rows and captions."""
    spans = [Span(source, start, end, 1.0) for source, start, end in draft.rows]
    index = {(start, end, source): n for n, (source, start, end) in enumerate(draft.rows, 1)}

    def cite(source: str, start: int, end: int) -> int:
        key = (start, end, source)
        if key not in index:
            spans.append(Span(source, start, end, 1.0))
            index[key] = len(spans)
        return index[key]

    rows = [draft.marker(f) for f in draft.used]
    extra = []
    for f in draft.used:
        for start, end in ((f.header_start, f.header_end), (f.caption_start, f.caption_end)):
            if start >= 0:
                extra.append(cite(f.source, start, end))
    text = " ".join(draft.parts)
    context = sorted(set(extra) - set(rows))
    if context:
        label = draft.say("periods_and_unit" if len(context) > 1 else "periods")
        text += f" ({label}: {''.join(f'[{n}]' for n in context)})"
    citations = make_citations(spans, passages)
    facts = tuple(
        Fact(f.metric, f.period, f.value, f.unit, f.estimate, rows[i], f.provenance)
        for i, f in enumerate(draft.used)
    )
    return Answer(
        question=question.asked,
        interpreted_as=question.text,
        answer=text,
        kind="fact",
        citations=citations,
        facts=facts,
        calculation="; ".join(draft.calculation) or None,
        value=draft.result,
        language=draft.language,
    )


def _holds_no_period(metric: str, facts: FactTable) -> bool:
    """Whether a row's figures hold no period (a total under years down the side)."""
    return all(not f.period for f in facts.series(metric))


LOSS = re.compile(r"\bloss(?:es)?\b", re.I)


def _largest_loss(
    question: Question, query: FactQuery, series: dict[str, dict[str, FactRecord]]
) -> bool:
    """Whether the question ranks a loss on a row that writes its losses as negative
    figures ("Net (loss) income": the largest loss is the lowest figure)."""
    if query.operation not in ("max", "min") or len(query.metrics) != 1:
        return False
    metric = query.metrics[0]
    held = series[metric].values()
    return bool(
        LOSS.search(question.text) and LOSS.search(metric) and any(f.value < 0 for f in held)
    )


def _abstain(
    question: Question, text: str, rows: list[FactRecord], passages: PassageTable
) -> Answer:
    seen: dict[tuple[str, int, int], Span] = {}
    for f in rows:
        seen.setdefault((f.source, f.passage_start, f.passage_end),
                        Span(f.source, f.passage_start, f.passage_end, 1.0))  # fmt: skip
    return Answer(
        question=question.asked,
        interpreted_as=question.text,
        answer=text,
        kind="abstain",
        related=make_citations(list(seen.values())[:3], passages),
        language=question.language,
    )


def _asks_other_things(question: Question, query: FactQuery) -> bool:
    """Whether "Which <things> ... most?" was read as one row's highest or lowest year, though
    the things asked are not periods ("Which countries supply most of X?")."""
    asked = WHICH_ROW.search(question.text)
    return (
        asked is not None
        and not PERIOD_NOUN.match(asked["noun"])
        and query.operation in ("max", "min")
        and len(query.metrics) == 1
        and not query.across
    )
