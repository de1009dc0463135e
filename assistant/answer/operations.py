"""The operations a figure question asks for, each written as a sentence with its
calculation: lookup, series, change, percent change, CAGR, share, difference, average,
sum, highest, lowest, currency conversion. `OPERATIONS` is the one registry, keyed by the
`Operation` names the question parser gives. Each value is written with the [n] marker of
its table row, numbered in order of first use."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from assistant.answer.phrases import PhraseKey, say, scale_word
from assistant.facts import compute
from assistant.facts.query import TOTAL, FactQuery, Operation
from assistant.facts.table import NIL
from assistant.facts.units import EXCHANGE_UNIT, currency_codes, format_number, format_value
from assistant.storage.facts import FactTable
from assistant.text.tables import parse_number
from assistant.types import FactRecord, Language, Value

RowSpan = tuple[str, int, int]
"""A table row's source, start and end: what a row citation points at."""


@dataclass
class Draft:
    """An answer being written: its sentences, the facts used and their rows' markers."""

    language: Language = "en"
    parts: list[str] = field(default_factory=list)
    used: list[FactRecord] = field(default_factory=list)
    rows: list[RowSpan] = field(default_factory=list)
    """The rows cited, in order of first use: row i has the marker [i + 1]."""
    calculation: list[str] = field(default_factory=list)
    result: Value | None = None
    """The answer's figure (or span) for programs: set by the operation that wrote it."""
    written: Callable[[FactRecord], str] = lambda fact: ""
    """The fact's number as its brief writes it ("1,095.0"), for showing it the same way."""
    decimals: int | None = None
    """The decimals the question asks its computed figures in ("one decimal please")."""

    def figure(self, fact: FactRecord, value: float | None = None) -> Value:
        """A figure in `fact`'s scale and unit (its own value when `value` is None)."""
        number = fact.value if value is None else value
        unit = fact.currency or fact.unit
        return Value(round(number, 4) + 0.0, fact.scale, unit, self.show(fact, number))  # no -0

    def percent(self, value: float) -> Value:
        return Value(round(value, 4) + 0.0, "", "%", self.pct(value, sign=False))

    def ratio(self, value: float) -> str:
        """A ratio, to four decimals or the decimals asked for."""
        return format_number(value, 4) if self.decimals is None else f"{value:,.{self.decimals}f}"

    def pct(self, value: float, *, sign: bool = True) -> str:
        """A percentage, "+12.5%" (with `sign`), in the decimals asked for."""
        return _pct(value, sign=sign, decimals=self.decimals)

    def value(self, fact: FactRecord) -> str:
        """The fact's value as written for people, with the marker of its row."""
        if fact not in self.used:
            self.used.append(fact)
        nil = self.say("nil")
        if fact.qualifier == NIL and nil not in self.calculation:
            self.calculation.append(nil)  # the cited row shows a dash, not the 0 said
        estimate = say(self.language, "estimate") if fact.estimate else ""
        return f"{self.show(fact)}{estimate} [{self.marker(fact)}]"

    def marker(self, fact: FactRecord) -> int:
        """The citation number of the fact's table row."""
        row = (fact.source, fact.passage_start, fact.passage_end)
        if row not in self.rows:
            self.rows.append(row)
        return self.rows.index(row) + 1

    def show(self, fact: FactRecord, value: float | None = None) -> str:
        """A value in the fact's currency, scale and unit, without a marker."""
        written = self.written(fact) if value is None else ""
        decimals = None if value is None else self.decimals  # a cell is shown as written
        return scale_word(self.language, display(fact, value, written=written, decimals=decimals))

    def say(self, key: PhraseKey, **values: object) -> str:
        return say(self.language, key, **values)


@dataclass(frozen=True)
class Refusal:
    """An operation that cannot be done on these figures, and the sentence that says why."""

    text: str


def display(
    fact: FactRecord, value: float | None = None, *, written: str = "", decimals: int | None = None
) -> str:
    """A value in the fact's currency, scale and unit; the fact's own value (`value` None)
    with the decimals of the number as `written` in its cell or sentence, a computed one
    with `decimals` when given."""
    if value is None and (point := WRITTEN_DECIMALS.search(written)):
        decimals = len(point.group(1))
    return format_value(
        fact.value if value is None else value,
        currency=fact.currency,
        scale=fact.scale,
        unit=fact.unit,
        decimals=decimals,
    )


WRITTEN_DECIMALS = re.compile(r"\d\.(\d+)(?!.*\d)")
"""The decimals of the last number written in a cell ("$1,095.0" -> "0")."""


Series = dict[str, dict[str, FactRecord]]
Step = Callable[[FactQuery, Series, list[str], FactTable, Draft], Draft | Refusal]


def _lookup(q: FactQuery, s: Series, periods: list[str], facts: FactTable, draft: Draft) -> Draft:
    metric = q.metrics[0]
    values = [f"{p}: {draft.value(s[metric][p])}" for p in periods]
    draft.parts.append(draft.say("lookup", metric=metric, values="; ".join(values)))
    draft.result = _listed(q, draft, [s[metric][p] for p in periods])
    return draft


def _listed(q: FactQuery, draft: Draft, facts: list[FactRecord]) -> Value:
    """One figure; several as a list ("2019: a; 2018: b" -> text "a; b"); or, when the
    question asks which periods, the periods."""
    if q.which_period:
        return Value(text="; ".join(f.period for f in facts))
    if len(facts) == 1:
        return draft.figure(facts[0])
    first = facts[0]
    text = "; ".join(_as_written(draft, f) for f in facts)
    return Value(None, first.scale, first.currency or first.unit, text)


def _as_written(draft: Draft, fact: FactRecord) -> str:
    """A cell's figure as its table writes it ("(1,081.9)"), else the number."""
    written = " ".join(draft.written(fact).split())
    return written if parse_number(written) is not None else format_number(fact.value)


def _series(q: FactQuery, s: Series, periods: list[str], facts: FactTable, draft: Draft) -> Draft:
    metric = q.metrics[0]
    values = "; ".join(f"{p}: {draft.value(s[metric][p])}" for p in periods)
    draft.parts.append(draft.say("series", metric=metric, span=span_of(periods), values=values))
    draft.result = _listed(q, draft, [s[metric][p] for p in periods])
    return draft


def _two_ends(q: FactQuery, s: Series, periods: list[str]) -> tuple[FactRecord, FactRecord]:
    metric = q.metrics[0]
    return s[metric][periods[0]], s[metric][periods[-1]]


def _change(
    q: FactQuery, s: Series, periods: list[str], facts: FactTable, draft: Draft
) -> Draft | Refusal:
    if not _two_periods(periods):
        return Refusal(draft.say("needs_two"))
    first, last = _two_ends(q, s, periods)
    if q.size:
        return _size_change(q, first, last, draft)
    delta = compute.change(first, last)
    draft.calculation.append(delta.formula)
    relative = draft.say("from_zero")  # no percent change from a nil
    if first.value:
        pct = compute.percent_change(first, last)
        draft.calculation.append(pct.formula)
        relative = draft.pct(pct.value)
    draft.result = draft.figure(first, delta.value)
    direction = draft.say("rose" if delta.value > 0 else "fell" if delta.value < 0 else "same")
    amount = draft.show(first, abs(delta.value))
    draft.parts.append(
        draft.say(
            "change",
            metric=first.metric,
            direction=direction,
            a=draft.value(first),
            pa=first.period,
            b=draft.value(last),
            pb=last.period,
            delta=_signed(delta.value, amount),
            pct=relative,
        )
    )
    return draft


def _size_change(q: FactQuery, first: FactRecord, last: FactRecord, draft: Draft) -> Draft:
    """By how much a figure's size grew or shrank: "the loss widened by 19.0"."""
    size = compute.size_change(first, last, narrow=q.size == "narrow")
    draft.calculation.append(size.formula)
    draft.result = draft.figure(first, size.value)
    verb = draft.say("widened" if q.size == "widen" else "narrowed")
    amount = draft.show(first, abs(size.value))
    draft.parts.append(
        draft.say(
            "size_change",
            metric=first.metric,
            direction=verb,
            delta=amount if size.value >= 0 else _signed(size.value, amount),
            a=draft.value(first),
            pa=first.period,
            b=draft.value(last),
            pb=last.period,
        )
    )
    return draft


def _rate(
    key: PhraseKey,
    needs: PhraseKey,
    fn: Callable[[FactRecord, FactRecord], compute.Result],
    enough: Callable[[list[str]], bool],
) -> Step:
    """A rate from the first period to the last: a percent change, a CAGR."""

    def run(
        q: FactQuery, s: Series, periods: list[str], facts: FactTable, draft: Draft
    ) -> Draft | Refusal:
        if not enough(periods):
            return Refusal(draft.say(needs))
        first, last = _two_ends(q, s, periods)
        result = fn(first, last)
        draft.calculation.append(result.formula)
        draft.result = draft.percent(result.value)
        draft.parts.append(_from_to(draft, key, draft.pct(result.value), first, last))
        return draft

    return run


def _two_periods(periods: list[str]) -> bool:
    return len(periods) >= 2


def _two_years(periods: list[str]) -> bool:
    return len(periods) >= 2 and periods[0][:4] != periods[-1][:4]


def _from_to(draft: Draft, key: PhraseKey, pct: str, first: FactRecord, last: FactRecord) -> str:
    """A rate between two periods, with both values cited."""
    return draft.say(
        key,
        metric=first.metric,
        pct=pct,
        pa=first.period,
        a=draft.value(first),
        pb=last.period,
        b=draft.value(last),
    )


def _pairwise(
    name: PhraseKey,
    fn: Callable[[FactRecord, FactRecord], compute.Result],
    sentence: Callable[[Draft, FactRecord, FactRecord, compute.Result], str],
    *,
    unit: str | None = None,
) -> Step:
    """An operation on two metrics in each period: a share, a difference. `unit` is the
    result's own unit ("%" for a share, "" for a ratio); None keeps the figures' unit (a
    difference)."""

    def run(
        q: FactQuery, s: Series, periods: list[str], facts: FactTable, draft: Draft
    ) -> Draft | Refusal:
        pairs = _pairs(q, s, periods, facts, whole_total=unit is not None)
        if not pairs:
            labels = one_of(facts.labels(), draft.language)
            return Refusal(draft.say("pair_needs_two", name=draft.say(name), labels=labels))
        sentences = []
        results = []
        for p, (a, b) in pairs.items():
            result = fn(a, b)
            results.append((p, result.value))
            draft.calculation.append(f"{p}: {result.formula}")
            if len(pairs) == 1:
                draft.result = (
                    draft.figure(a, result.value)
                    if unit is None
                    else draft.percent(result.value)
                    if unit == "%"
                    else Value(round(result.value, 4), "", unit, draft.ratio(result.value))
                )
            sentences.append(
                (draft.say("in_period", period=p) if p else "") + sentence(draft, a, b, result)
            )
        draft.parts.append(_capital("; ".join(sentences)) + ".")
        if q.share_change and unit == "%" and len(results) == 2:
            (pa, first), (pb, last) = results
            delta = last - first  # "the change in X as a percentage of Y": in points
            draft.calculation.append(
                f"{format_number(last, 2)} - {format_number(first, 2)} = {format_number(delta, 2)}"
            )
            draft.result = draft.percent(delta)
            draft.parts.append(draft.say("share_change", delta=draft.pct(delta)[:-1], pa=pa, pb=pb))
        return draft

    return run


def _pairs(
    q: FactQuery, s: Series, periods: list[str], facts: FactTable, *, whole_total: bool
) -> dict[str, tuple[FactRecord, FactRecord]]:
    """The two figures of a pairwise operation, by period: two metrics in each period; one
    metric in two columns ("current net receivables out of total net receivables": the
    total column is the whole); or, for a share or ratio of one row, the row over its
    table's one total row in each period ("what proportion of level 2 is money market
    funds"). Empty when the question does not give two figures."""
    if len(q.metrics) >= 2:
        first, second = q.metrics[:2]
        pairs = {
            p: (s[first][p], s[second][p]) for p in periods if p in s[first] and p in s[second]
        }
        if q.operation == "share":
            pairs = {
                p: (part, _whole_beside(part, whole, facts)) for p, (part, whole) in pairs.items()
            }
        return pairs
    held = s[q.metrics[0]]
    if len(periods) == 2 and whole_total and all(p in held for p in periods):
        part, whole = periods
        if TOTAL.search(part) and not TOTAL.search(whole):
            part, whole = whole, part
        named = (_in_column(held[part]), _in_column(held[whole]))
        return {"": named}
    totals = _total_rows(held[periods[0]], facts) if whole_total and periods else []
    if len(totals) != 1:
        return {}
    total = {f.period: f for f in facts.in_row(totals[0].source, totals[0].passage_start)}
    return {p: (held[p], total[p]) for p in periods if p in total}


def _whole_beside(part: FactRecord, whole: FactRecord, facts: FactTable) -> FactRecord:
    """A share's whole from another table than its part's ("share of revenue from Canada"
    matched "Deferred revenue" elsewhere) is the part's own table's one total row, when
    it has one."""
    if (whole.source, whole.header_start) == (part.source, part.header_start):
        return whole
    totals = _total_rows(part, facts)
    return totals[0] if len(totals) == 1 else whole


def _in_column(fact: FactRecord) -> FactRecord:
    """A figure named with its column, for a sentence comparing two columns of one row."""
    return replace(fact, metric=f"{fact.metric} ({fact.period})")


def _total_rows(fact: FactRecord, facts: FactTable) -> list[FactRecord]:
    """The total rows of a fact's table (one fact each, in its column), other than its own."""
    return [
        f
        for f in facts.all()
        if f.kind == "table"
        and f.source == fact.source
        and f.header_start == fact.header_start
        and f.period == fact.period
        and f.passage_start != fact.passage_start
        and TOTAL.match(f.metric)
    ]


def _compare(
    q: FactQuery, s: Series, periods: list[str], facts: FactTable, draft: Draft
) -> Draft | Refusal:
    """Two metrics the question names side by side in each period, and how far apart they
    are when they are in one unit ("exports and imports in 2021")."""
    first, second = q.metrics
    sentences = []
    for p in periods:
        a, b = s[first][p], s[second][p]
        same_unit = (a.unit, a.currency, a.scale) == (b.unit, b.currency, b.scale)
        values = {"a": a.metric, "av": draft.value(a), "b": b.metric, "bv": draft.value(b)}
        if same_unit:
            result = compute.gap(a, b)
            draft.calculation.append(
                f"{p}: {result.formula}" if len(periods) > 1 else result.formula
            )
            higher = a.metric if a.value >= b.value else b.metric
            said = draft.say("compare", higher=higher, result=draft.show(a, result.value), **values)
        else:
            said = draft.say("compare_units", **values)
        sentences.append(draft.say("in_period", period=p) + said)
        if len(periods) == 1:
            draft.result = Value(None, "", "", f"{draft.show(a)}; {draft.show(b)}")
    draft.parts.append(_capital("; ".join(sentences)) + ".")
    return draft


def _share_sentence(d: Draft, part: FactRecord, whole: FactRecord, r: compute.Result) -> str:
    pct = d.pct(r.value, sign=False)
    return d.say(
        "share", part=part.metric, pv=d.value(part), pct=pct, whole=whole.metric, wv=d.value(whole)
    )


def _plus_sentence(d: Draft, a: FactRecord, b: FactRecord, r: compute.Result) -> str:
    return d.say(
        "plus", a=a.metric, av=d.value(a), b=b.metric, bv=d.value(b), result=d.show(a, r.value)
    )


def _ratio_sentence(d: Draft, a: FactRecord, b: FactRecord, r: compute.Result) -> str:
    return d.say(
        "ratio",
        a=a.metric,
        av=d.value(a),
        b=b.metric,
        bv=d.value(b),
        result=d.ratio(r.value),
    )


def _difference_sentence(d: Draft, a: FactRecord, b: FactRecord, r: compute.Result) -> str:
    return d.say(
        "difference",
        a=a.metric,
        av=d.value(a),
        b=b.metric,
        bv=d.value(b),
        result=d.show(a, r.value),
    )


_pair_difference = _pairwise("difference_name", compute.difference, _difference_sentence)
_pair_ratio = _pairwise("ratio_name", compute.ratio, _ratio_sentence, unit="")


def _ratio(
    q: FactQuery, s: Series, periods: list[str], facts: FactTable, draft: Draft
) -> Draft | Refusal:
    """Two figures' ratio in each period (the first named over the second), or one figure's
    in two periods, the period named first over the other ("how many times bigger was X in
    2024 than in 2020")."""
    if len(q.metrics) > 1 or len(periods) != 2:
        return _pair_ratio(q, s, periods, facts, draft)
    named = [p for p in q.periods if p in periods] or periods
    first, second = named[0], next(p for p in periods if p != named[0])
    a, b = s[q.metrics[0]][first], s[q.metrics[0]][second]
    if not b.value:
        return Refusal(draft.say("by_zero"))
    result = compute.ratio(a, b)
    draft.calculation.append(result.formula)
    draft.result = Value(round(result.value, 4), "", "", draft.ratio(result.value))
    return _in_two_periods(draft, "period_ratio", a, b, draft.ratio(result.value))


def _in_two_periods(
    draft: Draft, phrase: PhraseKey, a: FactRecord, b: FactRecord, result: str
) -> Draft:
    """The sentence of one figure compared in two periods: "X in A (a) ... in B (b)"."""
    draft.parts.append(
        draft.say(
            phrase, metric=a.metric, pa=a.period, a=draft.value(a), pb=b.period,
            b=draft.value(b), result=result,
        )
    )  # fmt: skip
    return draft


def _difference(
    q: FactQuery, s: Series, periods: list[str], facts: FactTable, draft: Draft
) -> Draft | Refusal:
    """Two figures' difference in each period (the first named minus the second), or how far
    apart one figure is in two periods ("the difference in X between 2018 and 2019": the
    larger minus the smaller; a signed change is asked "from 2018 to 2019")."""
    if len(q.metrics) > 1 or len(periods) < 2:
        return _pair_difference(q, s, periods, facts, draft)
    a, b = s[q.metrics[0]][periods[0]], s[q.metrics[0]][periods[-1]]
    result = compute.gap(a, b)
    draft.calculation.append(result.formula)
    draft.result = draft.figure(a, result.value)
    return _in_two_periods(draft, "period_difference", a, b, draft.show(a, result.value))


def _count(
    q: FactQuery, s: Series, periods: list[str], facts: FactTable, draft: Draft
) -> Draft | Refusal:
    """How many periods (or which) a figure meets a condition in: every period cited."""
    if q.condition is None:
        return Refusal(draft.say("needs_condition"))
    metric = q.metrics[0]
    chosen = [s[metric][p] for p in periods]
    meeting = [f for f in chosen if q.condition.holds(f.value, f.scale)]
    inputs = "; ".join(f"{f.period}: {draft.value(f)}" for f in chosen)
    draft.calculation.append(
        f"{q.condition.text}: {', '.join(f.period for f in meeting) or '-'} = {len(meeting)}"
    )
    listed = "; ".join(f.period for f in meeting)
    draft.result = Value(text=listed) if q.which_period else Value(float(len(meeting)))
    draft.parts.append(
        draft.say(
            "count",
            metric=metric,
            condition=q.condition.text,
            count=len(meeting),
            total=len(chosen),
            periods=listed or "-",
            inputs=inputs,
        )
    )
    return draft


def _aggregate(name: PhraseKey, fn: Callable[[list[FactRecord]], compute.Result]) -> Step:
    def run(q: FactQuery, s: Series, periods: list[str], facts: FactTable, draft: Draft) -> Draft:
        metric = q.metrics[0]
        chosen = [s[metric][p] for p in periods]
        result = fn(chosen)
        draft.calculation.append(result.formula)
        inputs = "; ".join(f"{f.period}: {draft.value(f)}" for f in chosen)
        named = draft.say(name)
        if result.at is not None:
            draft.result = (
                Value(text=result.at.period) if q.which_period else draft.figure(result.at)
            )
            estimate = draft.say("estimate") if result.at.estimate else ""
            draft.parts.append(
                draft.say(
                    "extreme",
                    name=named,
                    metric=metric,
                    span=span_of(periods),
                    value=draft.show(result.at),
                    estimate=estimate,
                    period=result.at.period,
                    inputs=inputs,
                )
            )
        else:
            draft.result = draft.figure(chosen[0], result.value)
            value = draft.show(chosen[0], result.value)
            draft.parts.append(
                draft.say(
                    "aggregate",
                    name=named,
                    metric=metric,
                    span=span_of(periods),
                    value=value,
                    inputs=inputs,
                )
            )
        return draft

    return run


def _rate_into(unit: str, base: str, asked: str) -> bool:
    """Whether a rate of `unit` ("per USD", "MXN per USD") converts `base` into the
    currency word `asked` ("pesos", "MXN"): per the base, and in a currency the word may
    name when the rate names one. Any other unit ("USD", "%") is no rate."""
    rate = EXCHANGE_UNIT.fullmatch(unit)
    if rate is None or rate["base"] != base:
        return False
    return rate["priced"] is None or rate["priced"] in currency_codes(asked)


def _convert(
    q: FactQuery, s: Series, periods: list[str], facts: FactTable, draft: Draft
) -> Draft | Refusal:
    metric = q.metrics[0]
    held = list(s[metric].values())
    if held and q.currency and all(f.currency == q.currency for f in held):
        # "in USD millions" of a figure already in USD: read, not converted
        return OPERATIONS["lookup" if len(periods) == 1 else "series"](q, s, periods, facts, draft)
    rates = {
        lb: {f.period: f for f in facts.series(lb)}
        for lb in facts.labels()
        if s[metric] and _rate_into(facts.series(lb)[0].unit, held[0].currency, q.currency_word)
    }
    if not rates:
        return Refusal(draft.say("no_rate", metric=metric, currency=q.currency_word))
    rate_label, by_period = next(iter(rates.items()))
    sentences = []
    for p in periods:
        amount = s[metric][p]
        if p not in by_period:
            return Refusal(draft.say("no_rate_for", rate=rate_label, period=p))
        result = compute.convert(amount, by_period[p])
        draft.calculation.append(f"{p}: {result.formula}")
        converted = f"{format_number(result.value)} {amount.scale} {q.currency_word}".replace(
            "  ", " "
        )
        sentences.append(
            draft.say(
                "convert",
                metric=metric,
                period=p,
                amount=draft.value(amount),
                rate_value=draft.value(by_period[p]),
                rate=rate_label,
                converted=scale_word(draft.language, converted),
            )
        )
    draft.parts.append("; ".join(sentences) + ".")
    return draft


OPERATIONS: dict[Operation, Step] = {
    "lookup": _lookup,
    "series": _series,
    "change": _change,
    "percent_change": _rate("percent", "percent_needs_two", compute.percent_change, _two_periods),
    "cagr": _rate("cagr", "cagr_needs_two", compute.cagr, _two_years),
    "share": _pairwise("share_name", compute.share, _share_sentence, unit="%"),
    "ratio": _ratio,
    "difference": _difference,
    "plus": _pairwise("plus_name", compute.plus, _plus_sentence),
    "compare": _compare,
    "average": _aggregate("average_name", compute.average),
    "sum": _aggregate("sum_name", compute.total),
    "max": _aggregate("highest_name", compute.maximum),
    "min": _aggregate("lowest_name", compute.minimum),
    "convert": _convert,
    "count": _count,
}


def span_of(periods: list[str]) -> str:
    return periods[0] if len(periods) == 1 else f"{periods[0]}-{periods[-1]}"


def one_of(items: tuple[str, ...] | list[str], language: Language = "en") -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + say(language, "or") + items[-1]


def _pct(value: float, *, sign: bool = True, decimals: int | None = None) -> str:
    text = format_number(value) if decimals is None else f"{value:,.{decimals}f}"
    return f"+{text}%" if sign and value > 0 else f"{text}%"


def _signed(value: float, amount: str) -> str:
    return f"-{amount}" if value < 0 else f"+{amount}" if value > 0 else amount


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
