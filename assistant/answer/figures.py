"""Figure answers: a fact query computed over the facts table, every cell cited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answer.cite import Span, make_citations
from assistant.facts import compute
from assistant.facts.db import FactTable
from assistant.facts.query import FactQuery, parse_question
from assistant.facts.units import format_number, format_value
from assistant.ingest.passages import PassageTable
from assistant.types import Answer, Fact, FactRecord


@dataclass
class Draft:
    """An answer being written: text with {fact id} placeholders for markers."""

    parts: list[str] = field(default_factory=list)
    used: list[FactRecord] = field(default_factory=list)
    calculation: list[str] = field(default_factory=list)

    def value(self, fact: FactRecord) -> str:
        """The fact's value as written for people, with its row marker to fill in."""
        if fact not in self.used:
            self.used.append(fact)
        estimate = " (estimate)" if fact.estimate else ""
        return f"{display(fact)}{estimate} {{row{self.used.index(fact)}}}"


def display(fact: FactRecord, value: float | None = None) -> str:
    return format_value(
        fact.value if value is None else value,
        currency=fact.currency,
        scale=fact.scale,
        unit=fact.unit,
    )


def answer_figure(
    question: str,
    interpreted_as: str,
    facts: FactTable,
    passages: PassageTable,
    *,
    similarity: Callable[[str], dict[str, float]] | None = None,
) -> Answer | None:
    """The answer from the facts table, or None when the question is not about a table figure."""
    query = parse_question(interpreted_as, facts.labels(), similarity=similarity)
    if query is None:
        return None
    if query.ambiguous:
        rows = [facts.series(m)[0] for m in query.ambiguous]
        text = f"Which one do you mean: {_or(query.ambiguous)}?"
        return _abstain(question, interpreted_as, text, rows, passages)
    series = {m: {f.period: f for f in facts.series(m)} for m in query.metrics}
    wanted = _periods(query, series[query.metrics[0]])
    for metric in query.metrics:
        missing = [p for p in wanted if p not in series[metric]]
        if missing:
            held = list(series[metric])
            text = f"The briefs give {metric} for {_span(held)} only; nothing for {_or(missing)}."
            return _abstain(question, interpreted_as, text, list(series[metric].values()), passages)
    draft = OPERATIONS[query.operation](
        query, series, wanted or list(series[query.metrics[0]]), facts
    )
    if isinstance(draft, str):
        rows = [f for m in query.metrics for f in series[m].values()]
        return _abstain(question, interpreted_as, draft, rows, passages)
    return _render(question, interpreted_as, draft, passages)


def _periods(query: FactQuery, held: dict[str, FactRecord]) -> list[str]:
    if query.is_range and len(query.periods) >= 2:
        first, last = query.periods[0], query.periods[-1]
        inside = [p for p in held if first <= p[:4] <= last]
        return list(dict.fromkeys([first, *inside, last]))
    return list(dict.fromkeys(query.periods))


Series = dict[str, dict[str, FactRecord]]


def _lookup(q: FactQuery, s: Series, periods: list[str], facts: FactTable) -> Draft:
    draft = Draft()
    metric = q.metrics[0]
    values = [f"{p}: {draft.value(s[metric][p])}" for p in periods]
    draft.parts.append(f"{metric} in {'; '.join(values)}.")
    return draft


def _series(q: FactQuery, s: Series, periods: list[str], facts: FactTable) -> Draft:
    draft = Draft()
    metric = q.metrics[0]
    values = "; ".join(f"{p}: {draft.value(s[metric][p])}" for p in periods)
    draft.parts.append(f"{metric}, {_span(periods)}: {values}.")
    return draft


def _two_ends(q: FactQuery, s: Series, periods: list[str]) -> tuple[FactRecord, FactRecord]:
    metric = q.metrics[0]
    return s[metric][periods[0]], s[metric][periods[-1]]


def _change(q: FactQuery, s: Series, periods: list[str], facts: FactTable) -> Draft | str:
    if len(periods) < 2:
        return "A change needs two periods; name a start and an end year."
    first, last = _two_ends(q, s, periods)
    delta, pct = compute.change(first, last), compute.percent_change(first, last)
    draft = Draft(calculation=[delta.formula, pct.formula])
    direction = "rose" if delta.value > 0 else "fell" if delta.value < 0 else "did not change"
    amount = display(first, abs(delta.value))
    draft.parts.append(
        f"{first.metric} {direction} from {draft.value(first)} in {first.period} to "
        f"{draft.value(last)} in {last.period}: a change of {_signed(delta.value, amount)} "
        f"({_pct(pct.value)})."
    )
    return draft


def _percent_change(q: FactQuery, s: Series, periods: list[str], facts: FactTable) -> Draft | str:
    if len(periods) < 2:
        return "A percent change needs two periods; name a start and an end year."
    first, last = _two_ends(q, s, periods)
    pct = compute.percent_change(first, last)
    draft = Draft(calculation=[pct.formula])
    draft.parts.append(
        f"{first.metric} changed by {_pct(pct.value)} from {first.period} "
        f"({draft.value(first)}) to {last.period} ({draft.value(last)})."
    )
    return draft


def _cagr(q: FactQuery, s: Series, periods: list[str], facts: FactTable) -> Draft | str:
    if len(periods) < 2 or periods[0][:4] == periods[-1][:4]:
        return "A compound annual growth rate needs two different years."
    first, last = _two_ends(q, s, periods)
    rate = compute.cagr(first, last)
    draft = Draft(calculation=[rate.formula])
    draft.parts.append(
        f"{first.metric} grew at a compound annual rate of {_pct(rate.value)} from "
        f"{first.period} ({draft.value(first)}) to {last.period} ({draft.value(last)})."
    )
    return draft


def _pairwise(
    name: str,
    fn: Callable[[FactRecord, FactRecord], compute.Result],
    sentence: Callable[[Draft, FactRecord, FactRecord, compute.Result], str],
) -> Callable[[FactQuery, Series, list[str], FactTable], Draft | str]:
    """An operation on two metrics in each period: a share, a difference."""

    def run(q: FactQuery, s: Series, periods: list[str], facts: FactTable) -> Draft | str:
        if len(q.metrics) < 2:
            return f"A {name} needs two figures; the briefs' figures are: {_or(facts.labels())}."
        first, second = q.metrics
        draft = Draft()
        sentences = []
        for p in periods:
            result = fn(s[first][p], s[second][p])
            draft.calculation.append(f"{p}: {result.formula}")
            sentences.append(f"in {p}, " + sentence(draft, s[first][p], s[second][p], result))
        draft.parts.append(_capital("; ".join(sentences)) + ".")
        return draft

    return run


def _share_sentence(d: Draft, part: FactRecord, whole: FactRecord, r: compute.Result) -> str:
    return (
        f"{part.metric} ({d.value(part)}) were {_pct(r.value, sign=False)} "
        f"of {whole.metric} ({d.value(whole)})"
    )


def _difference_sentence(d: Draft, a: FactRecord, b: FactRecord, r: compute.Result) -> str:
    return f"{a.metric} ({d.value(a)}) minus {b.metric} ({d.value(b)}) is {display(a, r.value)}"


def _aggregate(
    name: str, fn: Callable[[list[FactRecord]], compute.Result]
) -> Callable[[FactQuery, Series, list[str], FactTable], Draft]:
    def run(q: FactQuery, s: Series, periods: list[str], facts: FactTable) -> Draft:
        metric = q.metrics[0]
        chosen = [s[metric][p] for p in periods]
        result = fn(chosen)
        draft = Draft(calculation=[result.formula])
        inputs = "; ".join(f"{f.period}: {draft.value(f)}" for f in chosen)
        if result.at is not None:
            draft.parts.append(
                f"The {name} {metric} over {_span(periods)} was {display(result.at)}"
                f"{' (estimate)' if result.at.estimate else ''} in {result.at.period} ({inputs})."
            )
        else:
            draft.parts.append(
                f"The {name} of {metric} over {_span(periods)} is "
                f"{display(chosen[0], result.value)} ({inputs})."
            )
        return draft

    return run


def _convert(q: FactQuery, s: Series, periods: list[str], facts: FactTable) -> Draft | str:
    metric = q.metrics[0]
    rates = {
        lb: {f.period: f for f in facts.series(lb)}
        for lb in facts.labels()
        if s[metric]
        and facts.series(lb)[0].unit == f"per {next(iter(s[metric].values())).currency}"
    }
    if not rates:
        return f"The briefs give no exchange rate to convert {metric} into {q.currency_word}."
    rate_label, by_period = next(iter(rates.items()))
    draft = Draft()
    sentences = []
    for p in periods:
        amount = s[metric][p]
        if p not in by_period:
            return f"The briefs give no {rate_label} for {p}."
        result = compute.convert(amount, by_period[p])
        draft.calculation.append(f"{p}: {result.formula}")
        converted = f"{format_number(result.value)} {amount.scale} {q.currency_word}".replace(
            "  ", " "
        )
        sentences.append(
            f"{metric} in {p}: {draft.value(amount)} at {draft.value(by_period[p])} "
            f"({rate_label}) is {converted}"
        )
    draft.parts.append("; ".join(sentences) + ".")
    return draft


OPERATIONS: dict[str, Callable[[FactQuery, Series, list[str], FactTable], Draft | str]] = {
    "lookup": _lookup,
    "series": _series,
    "change": _change,
    "percent_change": _percent_change,
    "cagr": _cagr,
    "share": _pairwise("share", compute.share, _share_sentence),
    "difference": _pairwise("difference", compute.difference, _difference_sentence),
    "average": _aggregate("average", compute.average),
    "sum": _aggregate("sum", compute.total),
    "max": _aggregate("highest", compute.maximum),
    "min": _aggregate("lowest", compute.minimum),
    "convert": _convert,
}


def _render(question: str, interpreted_as: str, draft: Draft, passages: PassageTable) -> Answer:
    """Number the rows, then the header rows and captions, and fill in the markers."""
    spans: list[Span] = []
    index: dict[tuple[int, int, str], int] = {}

    def cite(source: str, start: int, end: int) -> int:
        key = (start, end, source)
        if key not in index:
            spans.append(Span(source, start, end, 1.0))
            index[key] = len(spans)
        return index[key]

    rows = [cite(f.source, f.passage_start, f.passage_end) for f in draft.used]
    extra = []
    for f in draft.used:
        for start, end in ((f.header_start, f.header_end), (f.caption_start, f.caption_end)):
            if start >= 0:
                extra.append(cite(f.source, start, end))
    text = " ".join(draft.parts)
    for i, n in enumerate(rows):
        text = text.replace(f" {{row{i}}}", f" [{n}]")
    context = sorted(set(extra) - set(rows))
    if context:
        label = "periods and unit" if len(context) > 1 else "periods"
        text += f" ({label}: {''.join(f'[{n}]' for n in context)})"
    citations = make_citations(spans, passages)
    facts = tuple(
        Fact(f.metric, f.period, f.value, f.unit, f.estimate, rows[i], f.provenance)
        for i, f in enumerate(draft.used)
    )
    return Answer(
        question=question,
        interpreted_as=interpreted_as,
        answer=text,
        kind="fact",
        citations=citations,
        facts=facts,
        calculation="; ".join(draft.calculation) or None,
    )


def _abstain(
    question: str, interpreted_as: str, text: str, rows: list[FactRecord], passages: PassageTable
) -> Answer:
    seen: dict[tuple[str, int, int], Span] = {}
    for f in rows:
        seen.setdefault((f.source, f.passage_start, f.passage_end),
                        Span(f.source, f.passage_start, f.passage_end, 1.0))  # fmt: skip
    return Answer(
        question=question,
        interpreted_as=interpreted_as,
        answer=text,
        kind="abstain",
        related=make_citations(list(seen.values())[:3], passages),
    )


def _span(periods: list[str]) -> str:
    return periods[0] if len(periods) == 1 else f"{periods[0]}-{periods[-1]}"


def _or(items: tuple[str, ...] | list[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _pct(value: float, *, sign: bool = True) -> str:
    text = format_number(value)
    return f"+{text}%" if sign and value > 0 else f"{text}%"


def _signed(value: float, amount: str) -> str:
    return f"-{amount}" if value < 0 else f"+{amount}" if value > 0 else amount


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
