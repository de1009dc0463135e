"""Facts from a parsed `Table`: one per figure cell, keyed by its row and column.

The metric is the row's label (an unlabelled row of figures is a "Total"; a label used
twice in one table is told apart by the section row above it) and, when columns of one
period differ by a group ("Domestic", "%"), that group in parentheses. The subject is what
the header says over the label column. A cell's unit is its column's when the header gives
one, else the table's; a rate row keeps its own.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from assistant.facts.units import PER, RATE_LABEL, Quantity, parse_unit, row_unit
from assistant.text.periods import MONTHS, NEW_YEAR, has_year, year_of
from assistant.text.tables import (
    CAPTION_UNIT,
    CELL_CURRENCY,
    ESTIMATE,
    Table,
    TableRow,
    clean_label,
    find_period,
    is_percent,
    is_unit_cell,
    parse_number,
    unit_of,
)
from assistant.text.terms import terms
from assistant.types import FactRecord

YEAR_CELL = re.compile(r"(?:19|20)\d\d")
YEAR_COLUMN = re.compile(r"\b(?:years?|dates?)\b", re.I)
"""A column of years ("Year of expiration"): its cells are years, not amounts."""
CURRENCY_BEFORE = re.compile(rf"\s*[-−–]?\s*\(?\s*({CELL_CURRENCY})")
UNLABELLED = "Total"
NIL_CELL = re.compile(r"[-–—―−]+")
"""A dash in a row that holds figures: a report's way of writing nothing, that is 0."""
NIL = "nil"
"""The qualifier of a fact read from a dash: its answers say the dash was read as 0."""
"""What a row of figures without a label is called: in a report, the sum line."""


def extract_table_facts(table: Table, *, in_blocks: bool = False) -> list[FactRecord]:
    """Facts of one table, each with its cell, row, header row and caption spans.
    `in_blocks`: the table is one of several printed under one another, a header repeated
    over each (a year in its label column's header cell then dates its rows)."""
    table_unit = parse_unit(table.unit) if table.unit else Quantity()
    provenance = table.note.text if table.note else ""
    caption, header = table.caption, (table.header if table.header_rows else None)
    labels, sections = _labels(table.rows, table)
    dated = _dated_rows(table, in_blocks=in_blocks)
    # years down the side ("2024 | $ 3,113 | $ 429"): the rows below them are the measures'
    down_the_side = any(name == period for name, period in dated.values())
    over = _label_head(table)
    written = _written_currency(table)
    summed = _summed_as(table)
    facts = []
    for row in table.rows:
        label = labels.get(row.start)
        if label is None:
            continue
        if row.start in dated:
            label, row_period = dated[row.start]
        cells = table.values(row)
        figures = any(parse_number(c.text) is not None for _, c in cells)
        for column, cell in cells:
            value = parse_number(cell.text)
            nil = value is None and figures and NIL_CELL.fullmatch(cell.text) is not None
            if nil:
                value = 0.0
            if value is None:
                continue
            unit = parse_unit(column.unit) if column.unit else table_unit
            if not column.unit and (own := label_unit(label)):
                unit = own  # "Spending (EUR million)" in a table of rows of several units
            merged = bool(column.unit) and not unit.scale and bool(table_unit.scale)
            if merged and "%" not in unit.label:
                # A `$` over the column, "(In thousands)" for the table: both say the unit.
                unit = parse_unit(f"{column.unit} {table.unit}")
            if is_percent(cell.text):
                unit = Quantity(label="%")
            elif YEAR_CELL.fullmatch(cell.text.strip()) and YEAR_COLUMN.search(column.text):
                unit = Quantity(label="year")  # "Last Fiscal Year of Expiration": 2027
            elif unit.label != "%" and not (column.unit and column.unit.strip() == "%"):
                # The table's unit is not a rate row's ("Margin", "per share")
                named = f"{label} {sections.get(row.start, '')}"  # "Basic" under "Per share:"
                # a scale over the column is the table's too ("(in thousands)" over it)
                scaled = unit is table_unit or merged or bool(unit.scale)
                unit = row_unit(named, unit) if scaled else unit
                # a column of one measure: a group's, or a measure's beside dated rows
                spread = (column.group or row.start in dated) and column.index in written
                if not unit.currency and spread and not RATE_LABEL.search(named):
                    # "$ 59.45" on some rows of a group's column ("Price"): the column's currency
                    scale = f"{unit.scale}s" if unit.scale else ""
                    unit = parse_unit(f"{written[column.index]} {scale}")
            metric = f"{label} ({column.group})" if column.group else label
            period = column.period
            if row.start in dated:  # the row names the date, the column the measure
                measure = _measure(column.text) or column.period  # a blank header: "column 2"
                metric = f"{label} ({measure})" if label != row_period else measure
                period = row_period
            elif down_the_side and not has_year(column.period):
                # a total under the years: a row of the column's measure, of no one year
                metric, period = f"{label} ({_measure(column.text) or column.period})", ""
            facts.append(
                FactRecord(
                    source=table.source,
                    metric=metric,
                    subject=" ".join(
                        p for p in (over, sections.get(row.start, ""), summed.get(row.start)) if p
                    ),
                    period=period,
                    value=value,
                    unit=unit.label,
                    currency=unit.currency,
                    scale=unit.scale,
                    qualifier=NIL if nil else "",
                    estimate=column.estimate or (row.start in dated and _estimated(row)),
                    kind="table",
                    start=cell.start,
                    end=cell.end,
                    passage_start=row.start,
                    passage_end=row.end,
                    header_start=header.start if header else -1,
                    header_end=header.end if header else -1,
                    caption_start=caption.start if caption else -1,
                    caption_end=caption.end if caption else -1,
                    provenance=provenance,
                )
            )
    return facts


DATE_WORDS = re.compile(
    rf"\s*(?:(?:as\s+)?(?:of|at)\s+)?(?:(?:{MONTHS})\.?\s+\d{{1,2}},?\s+|\d{{1,2}}\s+(?:{MONTHS})"
    rf"\.?,?\s+)?(?:FY\s?|fiscal\s+(?:year\s+)?)?(?:19|20)\d\d(?:\s*(?:{ESTIMATE}))?(?!\w)",
    re.IGNORECASE,
)


def _dated_rows(table: Table, *, in_blocks: bool) -> dict[int, tuple[str, str]]:
    """When no column names a year: rows whose label names a date ("Nonvested as of
    December 31, 2019"), the movements between two of them ("Granted", in the later one's
    year), or rows under a section row naming a date ("As at 31 December 2019", a bare
    "2019") or, in a table of blocks, under a header whose label cell names one, by the
    row's start: the label without its date, and the year."""
    if any(has_year(c.period) for c in table.columns):
        return {}
    dated: dict[int, tuple[str, str]] = {}
    moves: list[tuple[int, str]] = []  # undated rows between dated ones, and their label
    section_year = _head_year(table) if in_blocks else ""
    section = ""
    for row in table.rows:
        if row.label is None:
            continue
        label = clean_label(row.label.text)
        found = find_period(label)
        has_values = any(parse_number(c.text) is not None for _, c in table.values(row))
        if not has_values:
            section_year = year_of(found[0]) if found else ""
            section = "" if found else label.rstrip(": ")
            continue
        if LATER.fullmatch(label):  # "2026 and thereafter": a period of its own
            dated[row.start] = (label, label)
            continue
        if found and has_year(found[0]):
            # "At 31 December 2018" under "Cost": the cost; with no section, the balance
            base = DATE_WORDS.sub("", label).strip(" ,:-")
            if base.lower() in BARE_DATE_WORDS:  # a bare year ("2025e": an estimate) names it
                bare = found == (label, False) or ESTIMATED_YEAR.fullmatch(label)
                base = found[0] if bare else section or BALANCE
            if opening := NEW_YEAR.search(label):  # not the closing balance of that year
                base = f"{base} at {opening.group(0)[: -len(opening['year'])].strip(' ,')}"
            dated[row.start] = (base, year_of(found[0]))
            # A roll-forward: the movements above a closing balance happened in its year.
            dated.update((start, (name, year_of(found[0]))) for start, name in moves)
            moves = []
        elif section_year:
            dated[row.start] = (label, section_year)
        elif dated:
            moves.append((row.start, label))
    if all(LATER.fullmatch(name) for name, _ in dated.values()):
        return {}  # only a "Thereafter" row: no years down the side
    return dated


LATER = re.compile(
    r"(?:(?:19|20)\d\d\s*(?:and|&)\s*(?:thereafter|later|beyond)|thereafter|later years"
    r"|after\s+(?:19|20)\d\d|beyond\s+(?:19|20)\d\d)",
    re.I,
)
"""A row of the years after the ones listed ("2026 and thereafter", "Thereafter")."""
ESTIMATED_YEAR = re.compile(rf"(?:19|20)\d\d\s*(?:{ESTIMATE})", re.IGNORECASE)
"""A year marked as an estimate or forecast where it is written ("2025e", "2024 (f)")."""
BARE_DATE_WORDS = frozenset({"", "at", "as at", "as of", "balance", "balance at", "balance as of"})
"""What is left of a balance row's label without its date when it names no measure."""
BALANCE = "Balance"
"""The name of a dated balance row that names no measure and stands under no section."""

TOTAL_OF = re.compile(r"^\s*total\s+(?P<what>.+)$", re.I)


def label_unit(label: str) -> Quantity | None:
    """The unit a row's label states in its closing brackets (a currency, a scale or a
    percentage), or None ("Imports (Mexico)", "Index (2021 = 100)" state none)."""
    found = CAPTION_UNIT.search(label)  # "Spending (EUR million)", as a caption writes it
    said = found.group(1) if found else ""
    if not unit_of(said) or PER.search(said) or "/" in said:
        return None  # a rate ("MXN per USD") is read by `row_unit`
    unit = parse_unit(said)
    return unit if unit.currency or unit.scale or unit.label == "%" else None


def _estimated(row: TableRow) -> bool:
    """Whether a dated row's label marks its date an estimate ("2025e | 151.7")."""
    found = find_period(row.label.text) if row.label else None
    return bool(found and found[1])


def _summed_as(table: Table) -> dict[int, str]:
    """What a "Total X" row says the rows it adds up are ("Total commitments" under
    "Operating leases"), by those rows' start: the rows above it back to the previous total
    or section heading, when there are several."""
    summed: dict[int, str] = {}
    members: list[int] = []
    for row in table.rows:
        label = clean_label(row.label.text) if row.label else ""
        figures = any(parse_number(c.text) is not None for _, c in table.values(row))
        total = TOTAL_OF.match(label)
        if total and figures:
            if len(members) > 1:  # one row above a total is not what it adds up
                summed.update((start, total["what"]) for start in members)
            members = []
        elif not figures or not label:
            members = []  # a section heading, or an unlabelled total: a new run of rows
        else:
            members.append(row.start)
    return summed


def _written_currency(table: Table) -> dict[int, str]:
    """The one currency the cells of each column write before their figures ("$ 59.45" on
    its first and total rows), by column index."""
    seen: dict[int, set[str]] = {}
    for row in table.rows:
        for column, cell in table.values(row):
            found = CURRENCY_BEFORE.match(cell.text)
            if found and parse_number(cell.text) is not None:
                seen.setdefault(column.index, set()).add(found.group(1))
    return {index: symbols.pop() for index, symbols in seen.items() if len(symbols) == 1}


def _head_year(table: Table) -> str:
    """The year a header cell over the label column names ("Fiscal Year Ended December 29,
    2019" over quarter columns): the year of the rows above the first section row."""
    for row in table.header_rows:
        found = find_period(row.cells[0].text) if row.cells else None
        if found and has_year(found[0]):
            return year_of(found[0])
    return ""


def _measure(key: str) -> str:
    """A column's words as a measure's name, without a units note (`Shares (thousands)`)."""
    bare = re.sub(r"\s*\(([^()]*)\)$", lambda m: "" if unit_of(m[1]) else m[0], key)
    return bare.strip() or key


def _label_head(table: Table) -> str:
    """What the header says over the label column ("Revenue by country" over "UK"): its
    cells that are neither units nor periods."""
    if any(key.index < 0 for key in table.columns):
        return ""  # the header is shifted over the figures: no cell stands over the labels
    cells = [r.cells[0].text for r in table.header_rows if r.cells and r.cells[0].text]
    return " ".join(c for c in cells if not is_unit_cell(c) and find_period(c) is None)


def _labels(rows: tuple[TableRow, ...], table: Table) -> tuple[dict[int, str], dict[int, str]]:
    """Each figure row's name (by the row's start): its label without footnote marks, "Total"
    for an unlabelled one, and "label (section)" where a label repeats in the table; and
    the section row each stands under ("Earnings per share:" over "Basic"). A sum line
    names what it adds up ("Total Bank loans", where several sum lines are "Total") and
    closes that section (`_Run`)."""
    named: dict[int, tuple[str, str]] = {}
    sums: set[int] = set()  # the sum lines whose figures add up a section's rows
    shares: set[int] = set()  # the rows all of whose figures are percentages
    run = _Run()
    for row in rows:
        cells = table.values(row)
        if not any(parse_number(cell.text) is not None for _, cell in cells):
            if row.label is not None:
                run.open(clean_label(row.label.text))
            continue
        figures = {key.index: _figure(cell.text) for key, cell in cells if cell.text.strip()}
        label = clean_label(row.label.text) if row.label is not None else UNLABELLED
        if label == UNLABELLED or TOTAL_ROW.fullmatch(label):
            summed = run.summed(figures)  # "Total" of the rows its figures add up
            named[row.start] = (label, run.section if summed is None else summed)
            if summed:
                sums.add(row.start)
        elif TOTAL_ROW.match(label):  # "Total deposits": closes "Deposits:" when it names it
            named[row.start] = (label, run.section)
            run.total(figures, label)
        else:
            named[row.start] = (label, run.section)
            run.rows.append(figures)
            if all(is_percent(cell.text) for _, cell in cells if cell.text.strip()):
                shares.add(row.start)
    counts = Counter(label for label, _ in named.values())

    def name(start: int, label: str, section: str) -> str:
        """A label that repeats in the table, told apart by its section or its unit."""
        if counts[label] < 2:
            return label
        if not section:  # the rows printed again as percentages are the shares
            return f"{label} (%)" if start in shares else label
        return f"{UNLABELLED} {section}" if start in sums else f"{label} ({section})"

    labels = {start: name(start, label, section) for start, (label, section) in named.items()}
    sections = {start: section.rstrip(": ") for start, (_, section) in named.items() if section}
    return labels, sections


TOTAL_ROW = re.compile(r"(?:sub-?)?totals?\b:?", re.I)
"""A sum line's label ("Total", "Total current assets"); an unlabelled row is one too."""


class _Run:
    """The figure rows a later sum line may add up (a sum line stands for the rows it adds
    up), and the sections open over them, each with how many rows came before it."""

    def __init__(self) -> None:
        self.rows: list[dict[int, float]] = []
        self.opened: list[tuple[int, str]] = []

    def open(self, section: str) -> None:
        self.opened.append((len(self.rows), section))

    @property
    def section(self) -> str:
        return self.opened[-1][1].rstrip(": ") if self.opened else ""

    def summed(self, line: dict[int, float]) -> str | None:
        """The section an unnamed sum line totals, "" for none, and close it: the rows
        back to where its figures add up start under it. A sum over rows of several
        sections (bank loans short- and long-term) is the section over them all; over one
        section's rows, that section's. None when no run of rows adds up to it."""
        first = self._first_summed(line)
        if first is None:
            return None
        if any(first < at < len(self.rows) for at, _ in self.opened):
            # over several sections: the one they are printed under ("Bank loans" over
            # "Short-term" and "Long-term"), else none: the sum of siblings is the table's
            over = [i for i, (at, _) in enumerate(self.opened) if at == first]
            over = over[:1] if len(over) > 1 else []
        else:
            over = [i for i, (at, _) in enumerate(self.opened) if at <= first][-1:]
        name = self.opened[over[0]][1].rstrip(": ") if over else ""
        name = "" if find_period(name) else name  # "As at 31 December 2019": a date, no name
        self.opened = self.opened[: over[0]] if over else [o for o in self.opened if o[0] < first]
        self.rows[first:] = [line]
        return name

    def total(self, line: dict[int, float], label: str) -> None:
        """A named total: it stands for the rows it adds up, and closes the section it
        names ("Total deposits" under "Deposits:")."""
        first = self._first_summed(line)
        if first is not None:
            self.rows[first:] = [line]
            self.opened = [o for o in self.opened if o[0] <= first]
        if self.opened and set(terms(self.section)) <= set(terms(label)):
            self.opened.pop()

    def _first_summed(self, line: dict[int, float]) -> int | None:
        """The first of the last rows whose figures add up to the line's, in its first
        column; None when no run of them does."""
        return _adds_up(self.rows, dict([next(iter(line.items()))]))


@lru_cache(maxsize=1024)
def sum_rows(table: Table) -> frozenset[int]:
    """The rows (by start) whose figures, in every column, add up the two or more rows right
    above them (a sum line standing for the rows it adds up): totals, labelled so or not
    ("Gross deferred tax assets" under its items)."""
    found: set[int] = set()
    run: list[dict[int, float]] = []
    for row in table.rows:
        cells = table.values(row)
        if not any(parse_number(cell.text) is not None for _, cell in cells):
            continue
        line = {key.index: _figure(cell.text) for key, cell in cells if cell.text.strip()}
        first = _adds_up(run, line)
        if first is not None and first <= len(run) - 2:
            found.add(row.start)
            run[first:] = [line]
        else:
            run.append(line)
    return frozenset(found)


def _adds_up(run: list[dict[int, float]], line: dict[int, float]) -> int | None:
    """Where the last rows of `run` that add up to `line` in every column start, or None."""
    totals = dict.fromkeys(line, 0.0)
    for i in range(len(run) - 1, -1, -1):
        for column in totals:
            totals[column] += run[i].get(column, 0.0)
        if all(abs(totals[c] - v) <= 1e-6 * max(1.0, abs(v)) for c, v in line.items()):
            return i
    return None


def _figure(text: str) -> float:
    """A cell's figure in a row of figures: a dash, or words, count 0."""
    value = parse_number(text)
    return 0.0 if value is None else value
