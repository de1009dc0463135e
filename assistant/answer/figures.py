"""Figure answers: a fact query computed over the facts table, every cell cited."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.answer.cite import Span, make_citations
from assistant.answer.operations import OPERATIONS, Draft, Refusal, one_of, span_of
from assistant.answer.phrases import PhraseKey
from assistant.facts.query import (
    GROUP,
    OPERATION_WORDS,
    FactQuery,
    asks_an_operation,
    parse_question,
)
from assistant.facts.spanish import parse_spanish_question
from assistant.storage.facts import FactTable
from assistant.storage.passages import PassageTable
from assistant.text.periods import has_year, year_of, years
from assistant.text.question import Question
from assistant.text.terms import terms, words
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


@dataclass(frozen=True)
class Refused:
    """A figure question that cannot be answered as asked: what to say, and the table rows
    to show as related."""

    text: str
    rows: list[FactRecord]


def answer_figure(
    question: Question,
    facts: FactTable,
    passages: PassageTable,
    *,
    similarity: Callable[[str], dict[str, float]] | None = None,
    known: Callable[[str], bool] = lambda term: True,
    prose: Callable[[Question], list[Unit]] | None = None,
) -> Answer | None:
    """The answer from the facts table, or None when the question is not about a table figure.

    The parsed query is settled step by step (each may refuse): a word no brief uses
    (`known` tells whether a term occurs anywhere in the briefs), which of two matching
    rows, which brief's table, which columns; then its operation runs. A figure read as
    it stands is left to the passages when a sentence of the brief (`prose` finds the
    candidates) names more of the question than the row does."""
    language = question.language
    query = PARSERS[language](question.text, facts.labels(), similarity, facts.subjects())
    if query is None:
        return None
    draft = Draft(language)
    for settle in (_refuse_unheard, _settle_metric, _settle_row_group, _settle_brief):
        settled = settle(question, query, facts, passages, draft, known)
        if isinstance(settled, Refused):
            return _abstain(question, settled.text, settled.rows, passages)
        query = settled
    series = {
        m: {f.period: f for f in facts.series(m) if f.source == query.source} for m in query.metrics
    }
    if _is_share_read(query, series):
        query = replace(query, operation="lookup", metrics=query.metrics[:1])
    if prose is not None and _sentence_says_more(question, query, facts, passages, prose):
        return None  # "How much in lease payments was deferred?": a sentence's figure
    query = _columns_named(question, query, series[query.metrics[0]])
    wanted = _periods(query, series[query.metrics[0]])
    for metric in query.metrics:
        missing = [p for p in wanted if p not in series[metric]]
        if missing:
            held = list(series[metric])
            text = draft.say(
                "held_only", metric=metric, held=span_of(held), missing=one_of(missing, language)
            )
            return _abstain(question, text, list(series[metric].values()), passages)
    done = OPERATIONS[query.operation](
        query, series, wanted or list(series[query.metrics[0]]), facts, draft
    )
    if isinstance(done, Refusal):
        rows = [f for m in query.metrics for f in series[m].values()]
        return _abstain(question, done.text, rows, passages)
    return _render(question, done, passages)


READ_AS_IS = ("lookup", "series")
HAS_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
YEAR = re.compile(r"(?:19|20)\d\d")


def _sentence_says_more(
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


def _is_share_read(query: FactQuery, series: dict[str, dict[str, FactRecord]]) -> bool:
    """A share whose part is itself a percentage ("what share of revenue were courier
    costs" over a "% of revenue" column): read, not divided again."""
    if query.operation != "share":
        return False
    held = series[query.metrics[0]].values()
    return bool(held) and all(f.unit == "%" for f in held)


def _refuse_unheard(
    question: Question,
    query: FactQuery,
    facts: FactTable,
    passages: PassageTable,
    draft: Draft,
    known: Callable[[str], bool],
) -> FactQuery | Refused:
    """Refuse a metric qualified by a word no brief uses, naming the figures held (English
    only: the vocabulary is the briefs' English terms)."""
    unheard = _unheard_qualifiers(question, known) if question.language == "en" else []
    if not unheard:
        return query
    labels = facts.labels()
    shown = ", ".join(labels[:MAX_LISTED]) + (", …" if len(labels) > MAX_LISTED else "")
    text = draft.say("no_metric", words=" ".join(unheard), labels=shown)
    return Refused(text, [facts.series(m)[0] for m in query.metrics])


def _settle_metric(
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
        return query
    options = query.ambiguous
    for choose in (_by_phrase, _by_periods, _by_group, _by_unit):
        chosen = choose(question, options, facts)
        if len(chosen) == 1:
            return replace(query, metrics=chosen, ambiguous=())
        options = chosen or options
    text = draft.say("which", options=one_of(options, draft.language))
    return Refused(text, [facts.series(m)[0] for m in options])


def _settle_row_group(
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


def _settle_brief(
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
    key: PhraseKey = "which_brief" if titles else "one_brief"
    metrics = draft.say("and").join(query.metrics)
    text = draft.say(key, options=one_of(titles, draft.language), metrics=metrics)
    return Refused(text, [facts.series(m)[0] for m in query.metrics])


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
    use ("dental clinic visits"; not the question's first word, which may be a verb: "Show
    ..."): what the question asks about that the tables do not hold."""
    asked = words(question.text)
    unheard = []
    for word, following in itertools.pairwise(asked[1:]):
        own = terms(word)  # a possessive ("company's") names an owner, not a kind of figure
        if not own or not word.isalpha() or len(word) < 4 or known(own[0]):
            continue
        if own[0] in OPERATION_WORDS or asks_an_operation(word):
            continue  # "lowest exchange rate": the operation, not the metric
        if PERIOD_WORD.match(following):
            continue  # "fiscal years", "calendar 2019": how the period is named
        if any(known(t) and not t[:1].isdigit() for t in terms(following)):
            unheard.append(word)
    return unheard


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
    asked = f" {question.text.lower()} "
    groups = {m: re.search(r"\(([^()]+)\)$", m) for m in metrics}
    return tuple(m for m, g in groups.items() if g and f" {g.group(1).lower()} " in asked)


def _by_unit(question: Question, metrics: tuple[str, ...], facts: FactTable) -> tuple[str, ...]:
    """Of metrics a question could mean, those whose unit it asks for: rows in % when it
    says "percent" or "share", the others when it does not."""
    wants_percent = PERCENT_WORDS.search(question.text) is not None
    return tuple(m for m in metrics if (facts.series(m)[0].unit == "%") == wants_percent)


def _columns_named(question: Question, query: FactQuery, held: dict[str, FactRecord]) -> FactQuery:
    """The periods a question means when it names fewer than an operation needs: a change
    "in 2019" is from the year before, and so is an average "in 2019" (of the year's opening
    and closing figures); with no year, a change is between the two years the table holds,
    and a column may be named by its words ("as reported")."""
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
    if not named:
        return query
    operation = "lookup" if query.operation == "series" and len(named) == 1 else query.operation
    return replace(query, periods=tuple(named), operation=operation)


CHRONOLOGICAL = ("change", "percent_change", "cagr")
"""Operations read from the earlier period to the later, however the question orders them
("the change in X in 2019 from 2018" is 2019 minus 2018)."""


def _periods(query: FactQuery, held: dict[str, FactRecord]) -> list[str]:
    """The held periods a question names: a range with the periods inside it; a year also
    names the one held period of that year written otherwise ("FY2019", "2019 (est.)")."""
    if query.is_range and len(query.periods) >= 2:
        first, last = query.periods[0], query.periods[-1]
        low, high = sorted((first, last))
        inside = sorted((p for p in held if low <= year_of(p) <= high), reverse=first > last)
        wanted = list(dict.fromkeys([first, *inside, last]))
    else:
        wanted = list(dict.fromkeys(query.periods))
    wanted = [_held_as(p, held) for p in wanted]
    if query.operation in CHRONOLOGICAL:
        wanted.sort(key=year_of)
    return wanted


def _held_as(period: str, held: dict[str, FactRecord]) -> str:
    if period in held:
        return period
    same_year = [p for p in held if year_of(p) == period]
    return same_year[0] if len(same_year) == 1 else period


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
