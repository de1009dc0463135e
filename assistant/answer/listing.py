"""Questions about what a table lists, answered with its own row labels or column keys.

"What are the components of total revenue?" is answered with the rows a total row adds
up (those above it, back to the previous total or section heading); "What are the items
under deferred tax liabilities?" with the rows under that section heading; "Which years
does the table show?" with its year columns; "Which segment had the highest revenue in
2019?" with the label of the row whose figure in that column is highest; "What does the
table show?" with the sentence introducing it (or its caption). Each item is cited by its
row (the years by the header row), verbatim.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from assistant.answer.cite import Span, make_citations
from assistant.answer.expect import BRACKETED
from assistant.answer.phrases import PhraseKey, say
from assistant.answer.settle import ESTIMATE_WORDS, HEAD_ENDS, table_intro
from assistant.facts.query import CONDITION, find_operation, parse_condition
from assistant.facts.table import NIL_CELL, sum_rows
from assistant.facts.units import CANONICAL_SCALE
from assistant.storage.facts import FactTable
from assistant.storage.passages import PassageTable
from assistant.text.intents import (
    ASKS_HOW_MANY_ITEMS,
    ASKS_ITEMS,
    ASKS_TABLE_ABOUT,
    ASKS_TABLE_ROWS,
    ASKS_TABLE_SOURCE,
    ASKS_TABLE_UNIT,
    ASKS_YEARS,
    PERIOD_NOUN,
    WHICH_ROW,
)
from assistant.text.periods import MONTHS, has_year, year_of
from assistant.text.question import Question
from assistant.text.table_reader import table_parts
from assistant.text.tables import (
    NONE_CELL,
    Cell,
    ColumnKey,
    Table,
    TableParser,
    TableRow,
    clean_label,
    find_period,
    parse_number,
)
from assistant.text.terms import terms, words
from assistant.types import Answer, Citation, Unit, Value

# Words that ask for a list, not name what it is a list of.
LIST_WORDS = frozenset(
    terms(
        "component components item items element elements type types category categories"
        " segment segments region regions country countries kind kinds part parts line table"
        " financial listed list shown show consist consists comprise comprises made make"
        " making up included include under year years period periods"
    )
)
TOTAL = re.compile(r"^\s*total\b", re.IGNORECASE)
LOWEST = ("lowest", "smallest", "least", "fewest", "weakest", "worst")
MIN_ITEMS = 2
MAX_DESCRIBED = 5
"""Tables described at most, when a question names none of several."""
UNIT_WORDS = frozenset(terms("unit units currency currencies figures numbers data values amounts"))


@dataclass(frozen=True)
class Listed:
    """Items of one table to answer with, the row (or header) each is cited by."""

    source: str
    heading: str
    items: list[tuple[str, TableRow]]
    figure: str = ""
    """For the row with the highest or lowest figure: that figure and its column."""
    years: bool = False
    """The items are the table's years (said as such, not as rows)."""
    estimates: bool = False
    """The years are those the table marks as estimates."""


class ListingAnswerer:
    """Answers "what are the components of X" and "which years does the table show"."""

    def __init__(
        self,
        passages: PassageTable,
        facts: FactTable,
        tables: TableParser,
        units: Callable[[Question], list[Unit]],
    ) -> None:
        self.passages = passages
        self.facts = facts
        self.tables = tables
        self.units = units
        """The units that share most words with a question (BM25): where its table is."""

    def answer(self, question: Question) -> Answer | None:
        if question.language != "en":
            return None
        if ASKS_TABLE_UNIT.search(question.text):
            return self._unit(question)
        if ASKS_TABLE_ABOUT.match(question.text) and not question.periods:
            return self._about(question)
        if ASKS_TABLE_SOURCE.search(question.text):
            return self._source(question)
        if ASKS_A_CELL.match(question.text) and (
            cell := _words_cell(question, self._tables(question))
        ):
            return self._cell(question, cell)
        if (extreme := WHICH_ROW.search(question.text)) and not PERIOD_NOUN.match(extreme["noun"]):
            found = _extreme_row(question, self._tables(question), extreme, self.row_units)
            return self._render(question, found) if found else None
        filtered = (  # tables are read only for a question of that form
            _filtered(question, self._tables(question), self.row_units)
            if FILTER.match(question.text)
            else None
        )
        if filtered is not None:
            counted = re.match(r"\s*(?:in\s+)?how many\b", question.text, re.I) is not None
            return self._render(question, filtered, counted=counted)
        years = ASKS_YEARS.search(question.text) is not None
        counted = ASKS_HOW_MANY_ITEMS.search(question.text) is not None
        whole = ASKS_TABLE_ROWS.search(question.text) is not None
        if not years and not counted and not whole and not ASKS_ITEMS.search(question.text):
            return None
        if not years and (question.periods or find_operation(question.text)[0] is not None):
            return None  # "total costs across all cost items in 2024": a figure question
        tables = self._tables(question)
        listed = _years(question, tables) if years else _items(question, tables, whole=whole)
        if listed is None and whole and not years:
            # "What are the assumptions shown in the table?" of the briefs' only table: its
            # noun names what the rows are, not words they hold
            only = self._tables_of(self._only_table(question.sources))
            listed = _items(question, only, whole=True, only=True) if len(only) == 1 else None
        if listed is None:
            return None
        return self._render(question, listed, counted=counted and not years)

    def _about(self, question: Question) -> Answer | None:
        """ "What does the table show?": for the table the question names (each table, if it
        names none), the sentence introducing it (else its caption), quoted, then its rows
        and its columns, cited by the rows and the header row."""
        spans: list[Span] = []
        said: list[tuple[Span, str, list[Span], str, list[Span]]] = []
        for table in self._named_tables(question):
            intro = self._introduction(table)
            if intro is None:
                continue
            rows = [r for r in table.rows if r.label and table.values(r)]
            items = "; ".join(clean_label(r.label.text) for r in rows if r.label)
            header = [table.header] if table.header_rows and table.columns else []
            columns = ", ".join(dict.fromkeys(k.text for k in table.columns if k.text))
            row_spans = [Span(table.source, r.start, r.end, 1.0) for r in rows]
            head_spans = [Span(table.source, r.start, r.end, 1.0) for r in header]
            said.append((intro, items, row_spans, columns, head_spans))
            spans += [intro, *head_spans, *row_spans]
        if not said:
            return None
        citations = make_citations(spans, self.passages)
        cited = {(c.source, c.start): c for c in citations}

        def marks(group: list[Span]) -> str:
            return "".join(f"[{cited[s.source, s.start].n}]" for s in group)

        lines = []
        for intro, items, row_spans, columns, head_spans in said:
            lines.append(f"{cited[intro.source, intro.start].text} {marks([intro])}")
            if items:
                lines.append(say("en", "table_rows", items=items, marks=marks(row_spans)))
            if columns and head_spans:
                lines.append(say("en", "table_columns", columns=columns, marks=marks(head_spans)))
        return _passage(question, "\n".join(lines), citations, Value(text=citations[0].text))

    def _unit(self, question: Question) -> Answer | None:
        """ "What unit are the table's figures in?": the unit the table's caption or header
        says (rows of another unit named), cited where it says it; a table that says none,
        that (the answer abstains when none does). With several tables and none named, each
        table's."""
        tables = self._named_tables(question)
        where = ((t, self._unit_said(t) if t.unit else self._introduction(t)) for t in tables)
        said = [(t, span) for t, span in where if span is not None]
        if not said:
            return None
        citations = make_citations([span for _, span in said], self.passages)
        lines = []
        for (table, _), cited in zip(said, citations, strict=True):
            name = f"“{cited.text}” [{cited.n}]"
            if not table.unit:
                lines.append(say("en", "table_no_unit", table=name))
                continue
            text = say("en", "table_unit", unit=table.unit)
            if len(said) > 1:
                text = say("en", "table_unit_of", table=f"“{cited.text}”", unit=table.unit)
            if others := self._other_units(table):
                text += " " + say("en", "table_unit_except", rows=others)
            lines.append(f"{text}\n{cited.text} [{cited.n}]")
        units = [t.unit for t, _ in said if t.unit]
        if not units:
            return Answer(
                question=question.asked,
                interpreted_as=question.text,
                answer="\n".join(lines),
                kind="abstain",
                related=citations,
                language=question.language,
            )
        return _passage(question, "\n".join(lines), citations, Value(text="; ".join(units)))

    def _unit_said(self, table: Table) -> Span:
        """Where a table says its unit: its caption, else the header row that gives it."""
        if table.caption and table.unit in table.caption.text:
            return Span(table.source, table.caption.start, table.caption.end, 1.0)
        saying = (r for r in table.header_rows if any(table.unit in c.text for c in r.cells))
        row = next(saying, table.header)
        return Span(table.source, row.start, row.end, 1.0)

    def _other_units(self, table: Table) -> str:
        """The rows read in another unit than most of the table's ("Exchange Rates: per
        USD"), "; " between them; empty when there are none."""
        own = self._row_units(table)
        if not own:
            return ""
        most = Counter(own.values()).most_common(1)[0][0]
        return "; ".join(f"{label}: {unit}" for label, unit in own.items() if unit != most)

    def _row_units(self, table: Table) -> dict[str, str]:
        """Each row's unit as its figures were read (a rate row under a table of amounts)."""
        starts = {r.start: clean_label(r.label.text) for r in table.rows if r.label}
        units: dict[str, str] = {}
        for fact in self.facts.scoped(frozenset({table.source})).all():
            if fact.kind == "table" and fact.passage_start in starts:
                units.setdefault(starts[fact.passage_start], fact.unit)
        return units

    def _named_tables(self, question: Question) -> list[Table]:
        """The tables in the question's briefs whose caption, header and rows name most of
        its words (besides words that ask for a list or a table); all of them when it names
        none of any, up to `MAX_DESCRIBED`."""
        sources = sorted(question.sources) or list(self.passages.titles())
        tables = self._tables_of(
            [(s, block) for s in sources for block in self.passages.table_blocks(s)]
        )
        asked = set(question.terms) - LIST_WORDS - UNIT_WORDS
        named = {id(t): len(asked & _table_terms(t)) for t in tables}
        best = max(named.values(), default=0)
        return [t for t in tables if named[id(t)] == best][:MAX_DESCRIBED]

    def _source(self, question: Question) -> Answer | None:
        """ "Where do the table's figures come from?": the source line of the table whose
        caption, header and rows name most of the question, quoted."""
        asked = set(question.terms)
        tables = sorted(
            (t for t in self._tables(question) if t.note is not None),
            key=lambda t: len(asked & _table_terms(t)),
            reverse=True,
        )
        if not tables or (len(tables) > 1 and not asked & _table_terms(tables[0])):
            return None  # several tables, and the question names none of them
        note = tables[0].note
        assert note is not None  # chosen among tables with a source line
        return self._quoted(question, Span(tables[0].source, note.start, note.end, 1.0))

    def _quoted(self, question: Question, span: Span) -> Answer:
        """One passage quoted whole as the answer."""
        citations = make_citations([span], self.passages)
        return _passage(
            question, f"{citations[0].text} [1]", citations, Value(text=citations[0].text)
        )

    def _cell(self, question: Question, found: Found) -> Answer:
        """A words cell, cited by its row, then the header row over it."""
        table, row, key, cell = found
        spans = [Span(table.source, row.start, row.end, 1.0)]
        spans += [Span(table.source, table.header.start, table.header.end, 1.0)]
        label = row.label.text if row.label else ""
        text = say("en", "cell", column=clean_label(key.text), row=label, value=cell.text)
        return self._answer(question, text, spans, Value(text=cell.text))

    def _answer(self, question: Question, text: str, spans: list[Span], value: Value) -> Answer:
        """An answer read from a table, its cited rows in `spans`."""
        return Answer(
            question=question.asked,
            interpreted_as=question.text,
            answer=text,
            kind="fact",
            citations=make_citations(spans, self.passages),
            value=value,
            language=question.language,
        )

    def _introduction(self, table: Table) -> Span | None:
        """The sentence introducing a table, else its caption, else None."""
        first = next((r for r in table.rows if r.label), None)
        row = self.passages.unit_at(table.source, first.start, first.end) if first else None
        # the nearest introducing sentence, one before the table first
        intro = sorted(
            table_intro(self.passages, row) if row else [],
            key=lambda u: (abs(u.block - row.block), u.block > row.block) if row else (0, False),
        )
        if intro:
            return Span(table.source, intro[0].start, intro[0].end, 1.0)
        if table.caption:
            return Span(table.source, table.caption.start, table.caption.end, 1.0)
        return None

    def _tables(self, question: Question) -> list[Table]:
        """The tables of the rows that share most words with the question, best first."""
        blocks = [(u.source, u.block) for u in self.units(question) if u.kind == "row"]
        return self._tables_of(blocks or self._only_table(question.sources))

    def _tables_of(self, blocks: list[tuple[str, int]]) -> list[Table]:
        """The tables of these blocks (by source and block), each block once."""
        parsed = (
            self.tables.parse(part)
            for s, b in dict.fromkeys(blocks)
            for part in table_parts(self.passages.block_units(s, b))
        )
        return [table for table in parsed if table is not None]

    @cached_property
    def row_units(self) -> dict[tuple[str, int], str]:
        """The unit of each table row's figures (currency, scale and unit), by its start;
        read once, not on every "which row is highest" question."""
        units: dict[tuple[str, int], str] = {}
        for f in self.facts.all():  # a row's first figure: its amount, not a "% change" beside it
            if f.kind == "table":
                units.setdefault((f.source, f.passage_start), f"{f.currency} {f.scale} {f.unit}")
        return units

    def _only_table(self, sources: frozenset[str]) -> list[tuple[str, int]]:
        """ "The table", when the briefs searched have one table only."""
        facts = self.facts.scoped(sources).all()
        rows = {(f.source, f.header_start): f for f in facts if f.kind == "table"}
        if len(rows) != 1:
            return []
        fact = next(iter(rows.values()))
        row = self.passages.unit_at(fact.source, fact.passage_start, fact.passage_end)
        return [(row.source, row.block)] if row else []

    def _render(self, question: Question, listed: Listed, *, counted: bool = False) -> Answer:
        rows = list(dict.fromkeys(row for _, row in listed.items))
        spans = [Span(listed.source, row.start, row.end, 1.0) for row in rows]
        marker = {row: n for n, row in enumerate(rows, 1)}
        shown = "; ".join(f"{text} [{marker[row]}]" for text, row in listed.items)
        key: PhraseKey = "years_estimated" if listed.estimates else "years_listed"
        text = say("en", key if listed.years else "listed", heading=listed.heading, items=shown)
        value = Value(text="; ".join(text for text, _ in listed.items))
        if listed.figure:
            text = say(
                "en", "extreme_row", heading=listed.heading, item=shown, figure=listed.figure
            )
        if counted:  # "how many components ...": the number, and every row counted, cited
            count = len(listed.items)
            text = say("en", "counted", heading=listed.heading, count=count, items=shown)
            value = Value(float(count), "", "", str(count))
        return self._answer(question, text, spans, value)


def _passage(
    question: Question, text: str, citations: tuple[Citation, ...], value: Value
) -> Answer:
    """An answer that quotes the briefs (a table's caption, unit or source line)."""
    return Answer(
        question=question.asked,
        interpreted_as=question.text,
        answer=text,
        kind="passage",
        citations=citations,
        value=value,
        language=question.language,
    )


Found = tuple[Table, TableRow, ColumnKey, Cell]
"""A table, one of its rows, a column and the cell where they meet."""
ASKS_A_CELL = re.compile(r"^\s*(?:which|what|who)\b", re.IGNORECASE)


def _words_cell(question: Question, tables: list[Table]) -> Found | None:
    """The one cell of a words column ("Main supplier": "Germany", "China") whose column
    heading and row the question both name (the row by its label's words, or its year),
    or None. A column with a figure in it is the figure steps' to read."""
    asked = set(question.terms)
    found: list[Found] = []
    for table in tables:
        for key in table.columns:
            cells = [r.cells[key.index] for r in table.rows if 0 <= key.index < len(r.cells)]
            texts = [c.text for c in cells if c.text and not NONE_CELL.match(c.text)]
            if not texts or any(parse_number(t) is not None for t in texts):
                continue
            heading = set(terms(clean_label(key.text)))
            if not heading or not heading <= asked:
                continue
            found += [
                (table, row, key, row.cells[key.index])
                for row in table.rows
                if row.label is not None
                and key.index < len(row.cells)
                and row.cells[key.index].text
                and _row_asked(row.label.text, question, asked)
            ]
    return found[0] if len(found) == 1 else None


def _row_asked(label: str, question: Question, asked: set[str]) -> bool:
    """Whether the question names a row: its year, or every word of its label."""
    period = find_period(label)
    if period is not None and period[0] == label.strip():
        return year_of(period[0]) in question.periods
    words = set(terms(clean_label(label)))
    return bool(words) and words <= asked


def _asked(question: Question) -> set[str]:
    return {t for t in question.terms if t not in LIST_WORDS}


def _years(question: Question, tables: list[Table]) -> Listed | None:
    """The year columns of the table the question names most (the first, if none)."""
    asked = _asked(question)
    table = max(tables, key=lambda t: len(asked & _table_terms(t)), default=None)
    if table is None:
        return None
    # a year the table marks an estimate as it marks it ("2025 (est.)"); asked which years
    # are estimates, those only
    written = {c.period: c.text.strip() if c.estimate else year_of(c.period) for c in table.columns}
    periods = [p for p in written if has_year(p)]
    estimates = [p for p in periods if any(c.estimate for c in table.columns if c.period == p)]
    if asked & ESTIMATE_WORDS and estimates:
        listed = [(written[p], table.header) for p in estimates]
        return Listed(table.source, "", listed, years=True, estimates=True)
    if len(periods) >= MIN_ITEMS:
        header = table.header
        return Listed(table.source, "", [(written[p], header) for p in periods], years=True)
    # years as section rows ("December 31, 2019" over its rows), each cited by its row
    sections = [r for r in table.rows if r.label and not _has_figures(r) and has_year(r.label.text)]
    dated: dict[str, TableRow] = {}
    for row in sections:
        if row.label:
            dated.setdefault(year_of(row.label.text), row)
    if len(dated) < MIN_ITEMS:
        return None
    return Listed(table.source, "", list(dated.items()), years=True)


def _items(
    question: Question, tables: list[Table], *, whole: bool = False, only: bool = False
) -> Listed | None:
    """The rows a total adds up, or those under a section heading, that the question names;
    with `whole` ("which countries are shown in the table"), else every row of the table
    the question names most but its totals (`only`: the briefs' one table, named or not)."""
    asked = _asked(question)
    found = _named_rows(asked, tables) if asked else None
    if found is not None or not whole:
        return found
    table = max(tables, key=lambda t: len(asked & _table_terms(t)), default=None)
    if (
        table is None
        or (asked and not asked & _table_terms(table) and not only)
        or (not asked and len(tables) > 1)
    ):
        return None  # a table the question names, or with no name the only one
    rows = [r for r in table.rows if r.label and _has_figures(r) and not _is_total(r, table)]
    if len(rows) < MIN_ITEMS:
        return None
    heading = clean_label(table.caption.text) if table.caption else "the table"
    return Listed(table.source, heading, [(clean_label(r.label.text), r) for r in rows if r.label])


def _named_rows(asked: set[str], tables: list[Table]) -> Listed | None:
    """The rows a total adds up, or those under a section heading, that `asked` names."""
    best: tuple[float, Listed] | None = None
    for table in tables:
        rows = list(table.rows)
        for i, row in enumerate(rows):
            if row.label is None:
                continue
            label = clean_label(row.label.text)
            named = asked & set(terms(label))
            if not named:
                continue
            score = len(named) - 0.5 * len(set(terms(label)) - asked)
            members = [m for m in _members(table, i) if m.label]
            if len(members) >= MIN_ITEMS and (best is None or score > best[0]):
                items = [(clean_label(m.label.text), m) for m in members if m.label]
                best = (score, Listed(table.source, label, items))
    return best[1] if best else None


def _members(table: Table, at: int) -> list[TableRow]:
    """The rows under a section heading at `at` (to the next heading or total), or the rows
    a total at `at` adds up (back to the previous heading or total)."""
    rows = list(table.rows)
    row = rows[at]
    if not _has_figures(row):
        members = []
        for below in rows[at + 1 :]:
            if not _has_figures(below) or _is_total(below, table):
                break
            members.append(below)
        return members
    if not _is_total(row, table):
        return []
    members = []
    for above in reversed(rows[:at]):
        if not _has_figures(above) or _is_total(above, table):
            break
        members.append(above)
    return list(reversed(members))


def _has_figures(row: TableRow) -> bool:
    """Whether a row gives figures (a dash or "Nil" among them), not only a label: a row of
    the table, not a section heading."""
    return any(
        parse_number(c.text) is not None
        or NIL_CELL.fullmatch(c.text.strip()) is not None
        or NIL_WORDS.fullmatch(c.text.strip()) is not None
        for c in row.cells[1:]
    )


def _row_named(rows: list[TableRow], asked: set[str], question: str) -> bool:
    """Whether the question names one of the rows by all its words ("Other revenues" is not
    named by "revenues")."""
    said = set(words(question.lower()))
    return any(
        (own := set(terms(label)))
        and own <= asked
        and (OTHER not in words(label.lower()) or OTHER in said)
        for r in rows
        if r.label and (label := clean_label(r.label.text))
    )


OTHER = "other"
"""The word of a row of what the others leave out: never named by the others' words."""


def _is_total(row: TableRow, table: Table) -> bool:
    """A sum line: unlabelled, labelled "Total", or adding up the rows above it."""
    return (
        row.label is None or TOTAL.match(row.label.text) is not None or row.start in sum_rows(table)
    )


def _table_terms(table: Table) -> set[str]:
    texts = [r.label.text for r in table.rows if r.label]
    texts += [c.text for r in table.header_rows for c in r.cells]
    if table.caption:
        texts.append(table.caption.text)
    return set(terms(" ".join(texts)))


def _label_head(table: Table) -> set[str]:
    """The words heading a table's label column ("Indicator", "Region"), less units: what
    its rows are. A date or period over it ("December 31, 2019", "Fiscal year") says when,
    not what."""
    heads = [r.cells[0].text for r in table.header_rows if r.cells]
    kinds = [h for h in heads if not (has_year(h) or WHEN_HEAD.search(h))]
    return {t for t in terms(BRACKETED.sub(" ", " ".join(kinds))) if t.isalpha()}


WHEN_HEAD = re.compile(rf"\b(?:{MONTHS}|years?|fiscal|quarters?|periods?|ended|ending)\b", re.I)


def _extreme_row(
    question: Question,
    tables: list[Table],
    extreme: re.Match[str],
    units: dict[tuple[str, int], str],
) -> Listed | None:
    """The row with the highest (lowest) figure in the column the question names (its year,
    and its group's words), among the rows of a section or total it names, else all rows
    but totals. Only rows of one unit are ranked (`units`: each row's, by its start): those
    of the unit most rows share; none when two units are as common."""
    noun = set(terms(extreme["noun"]))
    asked = set(terms(question.text)) - LIST_WORDS - noun  # "total" names a column here
    named_years = set(year_of(y) for y in question.periods)
    words_asked = {t for t in asked if not t.isdigit()}
    shared = any(words_asked & _table_terms(table) for table in tables)
    if words_asked and not shared and not any(noun & _table_terms(t) for t in tables):
        return None  # "Which companies have the biggest market share?": no table's words

    def head_terms(table: Table) -> set[str]:
        return set(terms(" ".join(r.cells[0].text for r in table.header_rows if r.cells)))

    def named(table: Table) -> int:
        """How much of the question the table names: its words, and the noun as the head of
        its label column ("Which province ..." over a "Province" column) counting double."""
        return len(asked & _table_terms(table)) + 2 * len(noun & head_terms(table))

    ranked = sorted(tables, key=named, reverse=True)
    for table in ranked:
        if named(table) < named(ranked[0]):
            break  # the table that names the question best has no such column: no other
        if noun and (head := _label_head(table)) and not noun & (head | _table_terms(table)):
            continue  # "Which company ...?" of rows headed "Indicator": rows of another kind
        if shared and not words_asked & _table_terms(table):
            continue  # another table holds the question's words, this one none of them
        column = _column_asked(table, named_years, asked)
        if column is None:
            continue
        rows = [r for r in table.rows if r.label and _has_figures(r) and not _is_total(r, table)]
        beside = asked - set(terms(column.text))  # "grant" of "Grant Date Fair Value"
        if _row_named(rows, beside, question.text) and not set(terms(column.group)) & asked:
            return None  # "Which segment had the highest capital expenditures?": that row's columns
        headings = [i for i, r in enumerate(table.rows) if r.label and not _has_figures(r)]
        by_noun = [i for i in headings if noun & set(terms(_label_text(table.rows[i])))]
        section = _items(question, [table])
        if by_noun:  # "Which region ...": the rows under "Net revenues by geographical region"
            rows = [r for r in _members(table, by_noun[0]) if r.label]
        elif len(headings) > 1 and noun and not noun & head_terms(table):
            continue  # rows in several sections, none of them what the question asks about
        elif section is not None:
            rows = [row for _, row in section.items]
        valued = [(v, r) for r in rows if (v := _value_in(table, r, column)) is not None]
        valued = _of_one_unit(valued, table.source, units)
        if len(valued) < MIN_ITEMS:
            continue
        lowest = extreme["most"].lower() in LOWEST
        _, best = (min if lowest else max)(valued, key=lambda vr: vr[0])
        assert best.label is not None
        cell = next(c for k, c in table.values(best) if k == column)
        return Listed(
            table.source,
            "lowest" if lowest else "highest",
            [(clean_label(best.label.text), best)],
            figure=f"{cell.text} under “{column.text}”",
        )
    return None


FILTER = re.compile(
    r"^\s*(?:in\s+)?(?:which|what|how many)\s+(?:of\s+the\s+)?"
    r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?"
    r"(?P<noun>[a-z][\w\s,-]{0,40}?)\s+"
    r"(?P<rest>(?:had|have|has|were|was|are|is|did|do|does|saw|showed|recorded|exceed\w*"
    r"|increas\w*|decreas\w*|r[io]se|fell|grew|declin\w*|dropp\w*)\b.*)$",
    re.I,
)
"""Rows asked for by what their figures do: "Which items were nil in 2017?", "How many
items exceeded 10% in 2017?", "Which items increased from 2016 to 2017?", "In how many of
the eight end markets did net sales decline from 2018 to 2019?"."""
SCALE_NAMES = frozenset(CANONICAL_SCALE.values())
NIL_WORDS = re.compile(r"\b(?:nil|zero|none)\b", re.I)
FELL = re.compile(r"\b(?:decreas\w*|declin\w*|fell|fall\w*|drop\w*|lower|less|smaller)\b", re.I)
ROSE = re.compile(r"\b(?:increas\w*|r[io]se|grew|grow\w*|higher|more|larger|greater)\b", re.I)


def _filtered(
    question: Question, tables: list[Table], units: dict[tuple[str, int], str]
) -> Listed | None:
    """The rows of the table (or of the section) the question names whose figures meet
    what it asks: above or below a bound, nil, or higher or lower in the later year named."""
    found = FILTER.match(question.text)
    nouns = found["noun"].split() if found else []
    if found is None or any(PERIOD_NOUN.match(n) for n in (nouns[0], nouns[-1])):
        return None
    rest = found["rest"]
    named_years = sorted({year_of(y) for y in question.periods})
    condition = parse_condition(question.text) if CONDITION.search(rest) else None
    change = FELL.search(rest) or ROSE.search(rest)
    if condition is not None or NIL_WORDS.search(rest):
        if len(named_years) != 1:
            return None
    elif change is None or len(named_years) != 2:
        return None
    asked = _asked(question)
    for table in sorted(tables, key=lambda t: len(asked & _table_terms(t)), reverse=True):
        columns = [_column_asked(table, {y}, asked) for y in named_years]
        if any(c is None for c in columns):
            continue
        section = _named_rows(asked, [table])
        rows = (
            [row for _, row in section.items]
            if section is not None
            else [r for r in table.rows if r.label and _has_figures(r) and not _is_total(r, table)]
        )
        meeting = []
        for row in rows:
            cells = [_cell_in(table, row, c) for c in columns if c is not None]
            values = [parse_number(c) if c is not None else None for c in cells]
            if condition is not None:
                scale = units.get((table.source, row.start), "").split()
                held = values[0] is not None and condition.holds(
                    values[0], next((w for w in scale if w in SCALE_NAMES), "")
                )
            elif change is None:  # nil: a dash or a 0
                held = cells[0] is not None and (values[0] == 0 or bool(NONE_CELL.match(cells[0])))
            else:
                before, after = values
                held = (
                    before is not None
                    and after is not None
                    and (after < before if FELL.search(rest) else after > before)
                )
            if held and row.label:
                meeting.append((clean_label(row.label.text), row))
        heading = section.heading if section is not None else found["noun"]
        return Listed(table.source, heading, meeting)
    return None


def _label_text(row: TableRow) -> str:
    return row.label.text if row.label else ""


def _cell_in(table: Table, row: TableRow, column: ColumnKey) -> str | None:
    return next((cell.text for key, cell in table.values(row) if key == column), None)


def _of_one_unit(
    valued: list[tuple[float, TableRow]], source: str, units: dict[tuple[str, int], str]
) -> list[tuple[float, TableRow]]:
    """The rows of the unit most of them share (none when two units are as common)."""
    counts = Counter(units.get((source, row.start), "") for _, row in valued)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return []
    return [(v, row) for v, row in valued if units.get((source, row.start), "") == ranked[0][0]]


def _column_asked(table: Table, named_years: set[str], asked: set[str]) -> ColumnKey | None:
    """The column of the year named (the one whose words the question shares most, when
    groups repeat the year); with no year named, the column the question names by its
    words ("the highest total value"), else the first dated one, else the only one."""
    columns = [c for c in table.columns if not named_years or year_of(c.period) in named_years]
    if named_years and not columns:
        return None
    held: dict[str, int] = {}
    for c in columns:
        for t in set(terms(c.text)):
            held[t] = held.get(t, 0) + 1

    def named(column: ColumnKey) -> float:
        """The question's words that tell this column from the others it could be: each
        counts by how few columns share it (a word every column has counts nothing)."""
        own = asked & set(terms(column.text))
        return sum(1 / held[t] for t in own if len(columns) == 1 or held[t] < len(columns))

    if not named_years:
        best = max((named(c) for c in columns), default=0)
        by_words = [c for c in columns if best and named(c) == best]
        if len(by_words) > 1:  # "spends the most": "Spending 2024", not "Share of spending"
            headed = [c for c in by_words if asked & set(terms(HEAD_ENDS.split(c.text, 1)[0]))]
            by_words = headed or by_words
        dated = [c for c in columns if has_year(c.period)]
        columns = by_words or dated[:1] or columns
        if len(columns) != 1:
            return None
    return max(columns, key=named)


def _value_in(table: Table, row: TableRow, column: ColumnKey) -> float | None:
    for key, cell in table.values(row):
        if key == column:
            return parse_number(cell.text)
    return None
