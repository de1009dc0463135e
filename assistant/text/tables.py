"""Tables: the `Table` type, the `TableParser` step, and reading one cell or header cell.

Every table a brief holds reaches the table reader as `| a | b |` rows with their offsets:
Markdown and pipe tables as written, HTML tables, CSV/TSV and spreadsheet sheets as the
readers write them (`ingest/load.py`, `ingest/tabular.py`). Reading a table once gives every
reader the same answers to "which rows are the header, which cell labels a row, what keys a
column, what unit are the figures in": fact extraction, the row check of evidence scoring
and the citations all read a `Table`. `TableParser` is the step to swap; `TableReader`
(`text/table_reader.py`) is today's. This module holds what both need: cells and numbers
(`parse_number`), periods (`find_period`) and units (`unit_of`) as header cells write them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.text.periods import YEAR_PATTERN
from assistant.types import Unit

# ISO codes a cell or a units row may write before its figures.
ISO_CODES = (
    "USD|EUR|GBP|MXN|CAD|JPY|CNY|RMB|BRL|INR|ZAR|AUD|CHF|HKD|SGD|NZD|SEK|NOK|DKK|KRW|RUB|TRY"
    "|PLN|IDR|MYR|THB|PHP|ILS|AED|SAR|NGN|KES|EGP|ARS|CLP|COP|PEN|TWD"
)
CURRENCY = rf"(?:\b(?-i:[A-Z]{{1,3}})\$|\b(?-i:{ISO_CODES})(?![A-Za-z])|[$€£¥])"
"""A currency in a header or caption: `US$`, `HK$`, `RMB`, `EUR`, `£` (codes in capitals)."""
# A currency before a cell's number: a symbol, a code (`ZAR`, `RMB`), letters before `$`
# (`HK$`), or `R` (rand) and `Rs` (rupees). Codes are upper case: `Net 30` is not money.
CELL_CURRENCY = rf"(?:(?-i:[A-Z]{{1,3}})\$|(?-i:{ISO_CODES}|R|Rs\.?)(?=\s?[\d(-])|[$€£¥₹₩₽₺₦₱])"
NUMBER = re.compile(
    rf"^(?P<minus>[-−–])?\s*{CELL_CURRENCY}?\s*(?P<open>\()?\s*{CELL_CURRENCY}?\s*"
    r"(?P<minus2>[-−])?\s*(?P<digits>\d[\d,]*(?:\.\d+)?|\.\d+)(?:p|c)?\s*(?P<close>\))?\s*"
    r"(?P<percent>%)?\s*(?P<close2>\))?\s*(?:[*†‡]+|\([a-z]\)|\[\d+\]|(?<=\s)\(\d{1,2}\))?$",
    re.IGNORECASE,
)
NONE_CELL = re.compile(r"^(?:[-–—―−]+|n/?a|nil|none|\*+)$", re.IGNORECASE)
ONLY_CURRENCY = re.compile(rf"^(?:{CURRENCY}|(?-i:{ISO_CODES}|R|Rs\.?))$", re.IGNORECASE)
SEPARATOR = re.compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?)?\s*$")
RULE = re.compile(r"^[-=_]{3,}(?:\s+[-=_]{3,})*$")
"""A plain-text table's rule under its header: `------   ------`."""
PLAIN_CELL = re.compile(r"\S+(?: \S+)*")
"""A plain-text table's cell: words with single spaces; two spaces or a tab end it."""
ESTIMATE = (
    r"\((?:est|e|estimate|estimated|proj|projected|forecast|f|p|prelim|preliminary)\.?\)|\*"
    r"|(?<=\d)[efp]\b"  # "2025e", "2024f", "2023p": written onto the year
)
PERIOD = re.compile(
    rf"(?P<period>(?:FY\s?|fiscal\s+(?:year\s+)?)?(?P<year>{YEAR_PATTERN})(?:\s?[-/–]\s?(?:19|20)?\d\d\b)?"
    rf"|Q[1-4]\s?(?P<qyear>{YEAR_PATTERN})|(?P<h>H[12])\s?(?P<hyear>{YEAR_PATTERN})"
    r"|\bFY?'?(?P<short>\d\d)\b|(?<!\()\b\d{1,2}/\d{1,2}/(?P<dyear>(?:19|20)?\d\d)\b"
    r"|(?<!\w)['’](?P<jyear>\d\d)/\d{1,2}\b)"
    rf"\s*(?P<estimate>{ESTIMATE})?",
    re.IGNORECASE,
)
LIST_ITEM = re.compile(r"([-*•▪–]|\d{1,2}[.)])\s+\S")
"""A list item line: its bullet or number (group 1), then its text."""
THOUSANDS = r"['’]?000['’]?s?"
"""`'000`, `(000s)`, `(1,000)`: figures in thousands (not in a rate: see `unit_words`)."""
RATE = re.compile(r"\bper\s+\d[\d,.]*", re.IGNORECASE)
"""A rate's base ("per 100,000 people"): its zeros are no scale."""
CAPTION_UNIT = re.compile(r"\(([^()]+)\)\s*$")
"""A unit in closing brackets: a caption's ("Trade (USD billions)"), a row label's ("Spending
(EUR million)")."""
UNIT_WORDS = re.compile(
    rf"(?<!non[-‐‑])(?:\bin\s+)?(?:{CURRENCY}\s*)?(?:{THOUSANDS}|thousands?|millions?|billions?|trillions?|\bmn\b|\bbn\b"
    rf"|(?<=[$€£¥])[\s'’]?[mbk]\b|(?<=USD|EUR|GBP)[mbk]\b|%|percent(?:age)?|{CURRENCY})",
    re.IGNORECASE,
)
CURRENCY_CODES = "USD|EUR|GBP|MXN|CAD|JPY|CNY|BRL|INR|ZAR|AUD|CHF"
UNIT_CELL = re.compile(
    rf"(?:{CURRENCY_CODES}|US\$|[$€£¥])?\s*(?:['’]?(?i:m|mn|bn|b|k|000['’]?s?|thousands?|millions?|billions?)|%)?"
)
SCALE_WORD = re.compile(
    rf"thousand|million|billion|{THOUSANDS}|\b(?:mn|bn|m|b|k)\b|(?<=[$€£¥])[mbk]\b|(?<=USD|EUR|GBP)[mbk]\b",
    re.IGNORECASE,
)
UNIT_STATEMENT = re.compile(
    r"\(?[^()]{0,12}\bin\s+(?:thousands|millions|billions)\b[^()]*\)?", re.IGNORECASE
)
FOOTNOTE_MARK = r"\(\d{1,2}\)|\[\d{1,2}\]|\([a-z]\)|[*†‡]+"
"""A footnote's mark: in brackets, "(1)", "[2]", "(a)", or a symbol, "*", "†", "**"."""
MARKS = re.compile(rf"(?:\s*(?:{FOOTNOTE_MARK}))+$")
"""The footnote marks a row label ends with: "Service delivery costs(1)", "Revenue (1)(b)"."""
FOOTNOTE_OPENING = re.compile(rf"^(?P<mark>{FOOTNOTE_MARK})(?:\s|(?<=[*†‡])(?=[A-Z])(?!.*\*$))")
"""How a footnote opens: "(1) Include cost of equipment sold ...", "*Includes ..." (not a
line in italics, "*Source: ...*")."""
FOOTNOTE = re.compile(rf"(?:\s*(?:{FOOTNOTE_MARK}|[*†‡]|\(\w\)))+$")


@dataclass(frozen=True)
class Cell:
    """A cell's text (stripped) and its span in the document."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TableRow:
    """One row: its span, its cells and the cell that labels it (the first that is text)."""

    start: int
    end: int
    cells: tuple[Cell, ...]
    label: Cell | None


@dataclass(frozen=True)
class ColumnKey:
    """What a value column is keyed by.

    `text` is the column's header cells, top to bottom ("Domestic 2019"); `period` the
    year, fiscal year or quarter it names ("2019", "FY2019", "Q1 2019"), or its text when
    it names none ("High"); `group` what else tells it from a column of the same period
    ("Domestic", "%"), empty when nothing does; `unit` what its figures are in ("€m", "%").
    """

    period: str
    estimate: bool
    text: str = ""
    group: str = ""
    unit: str = ""
    index: int = -1
    """The column's place in the row's cells; -1 when values are aligned by order."""


@dataclass(frozen=True)
class Table:
    """A parsed table: caption, header rows, column keys, body rows, unit, source line."""

    source: str
    caption: Cell | None
    header_rows: tuple[TableRow, ...]
    """The rows above the body: a title, column groups, units, and the column keys."""
    columns: tuple[ColumnKey, ...]
    rows: tuple[TableRow, ...]
    """The rows under the header, in order (separator rows left out)."""
    unit: str
    """What the caption or a label-column header cell says the figures are in, or empty."""
    note: Cell | None
    """The `Source:` or `Note:` line under the table."""

    @property
    def header(self) -> TableRow:
        """The lowest header row that is not only units (the column keys nearest the
        figures: the years, not a `(In thousands)` row under them)."""
        keyed = (r for r in reversed(self.header_rows) if not is_units_row(r))
        return next(keyed, self.header_rows[-1])

    def values(self, row: TableRow) -> list[tuple[ColumnKey, Cell]]:
        """The row's cells under each column key: by position, or by order when the row's
        cells are shifted against the header (as many values as keys, not under them)."""
        after = row.cells.index(row.label) + 1 if row.label in row.cells else 0
        by_index = [
            (key, row.cells[key.index])
            for key in self.columns
            if 0 <= key.index < len(row.cells) and key.index >= after
        ]
        filled = [c for c in row.cells[after:] if c.text and not ONLY_CURRENCY.match(c.text)]
        if any(key.index < 0 for key in self.columns):
            # Keys matched by order: a row with more or fewer figures says nothing.
            return (
                list(zip(self.columns, filled, strict=True))
                if len(filled) == len(self.columns)
                else []
            )
        if sum(1 for _, c in by_index if c.text) == len(filled):
            return [(k, c) for k, c in by_index if c.text]
        if len(filled) == len(self.columns):
            return list(zip(self.columns, filled, strict=True))
        return [(k, c) for k, c in by_index if c.text]


class TableParser(Protocol):
    """Reads a `Table` from the units of one table block, or None when it cannot."""

    def parse(self, block: Sequence[Unit]) -> Table | None: ...


def is_table_row(line: str) -> bool:
    """Whether a line is a `| a | b |` table row (a Markdown separator row included)."""
    return line.startswith("|") and line.count("|") >= 2


def bare_table_lines(lines: Sequence[str]) -> set[int]:
    """The lines of Markdown tables written without outer pipes (`a | b`, then `--- | ---`):
    runs of lines with a `|` around a separator row, the header row just above it."""
    marked: set[int] = set()
    for i, line in enumerate(lines):
        if "|" not in line or not is_separator(line) or i == 0 or "|" not in lines[i - 1]:
            continue
        marked.update((i - 1, i))
        j = i + 1
        while j < len(lines) and "|" in lines[j] and not is_table_row(lines[j]):
            marked.add(j)
            j += 1
    return marked


def is_separator(line: str) -> bool:
    """Whether a row is a Markdown separator (`|---|:--:|`) or a plain table's rule."""
    return bool(SEPARATOR.match(line.strip()) or RULE.match(line.strip()))


def row_cells(text: str, start: int = 0) -> tuple[Cell, ...]:
    """The cells of a `| a | b |` row, with offsets (from `start`, the row's own offset).

    A row without pipes (a plain-text table's) is cut at runs of spaces and at tabs; its
    cells in their columns come from `plain_tables.plain_grid`, which sees the whole table.
    """
    if "|" not in text:
        return tuple(
            Cell(m.group(), start + m.start(), start + m.end()) for m in PLAIN_CELL.finditer(text)
        )
    cells = []
    parts = text.split("|")
    if not text.startswith("|"):  # a row without outer pipes: its first cell leads
        parts = ["", *parts]
        start -= 1
    position = start + len(parts[0]) + 1
    for part in parts[1:-1] if text.endswith("|") else parts[1:]:
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(stripped, position + lead, position + lead + len(stripped)))
        position += len(part) + 1
    return tuple(cells)


def row_label(text: str) -> str:
    """The first cell of a row that is text, not a figure: what the row is about."""
    cells = row_cells(text)
    return next((c.text for c in cells if c.text and parse_number(c.text) is None), "")


def parse_number(text: str) -> float | None:
    """A cell's number, or None: `1,234.5`, `(12)`, `$(5,637)`, `(35,569 )`, `$  17`, `26.8p`,
    `-3%`, `12.5%*` are numbers; a dash, `n/a` or words are not."""
    match = NUMBER.match(" ".join(text.split()))  # one space at most: no runaway matching
    if not match:
        return None
    try:
        value = float(match["digits"].replace(",", ""))
    except ValueError:
        return None
    negative = bool(match["minus"] or match["minus2"]) or bool(
        match["open"] and (match["close"] or match["close2"])
    )
    return -value if negative else value


def is_percent(text: str) -> bool:
    """Whether a number cell is written as a percentage (`12.5%`)."""
    match = NUMBER.match(" ".join(text.split()))
    return bool(match and match["percent"])


def clean_label(text: str) -> str:
    """A label without its footnote marker: `Total (1)` -> `Total`, `Revenue*` -> `Revenue`."""
    cleaned = FOOTNOTE.sub("", text).strip().rstrip(":. ").strip()
    return cleaned or text


def is_units_row(row: TableRow) -> bool:
    """A row that only states units: `(In thousands)`, `USDm | $ | $`."""
    texts = [c.text for c in row.cells if c.text]
    return bool(texts) and all(is_unit_cell(t) for t in texts)


def is_unit_cell(text: str) -> bool:
    """A cell that only says a unit (`ZAR m`, `$`, `%`, `€m`, `(In thousands, except per
    share data)`): a units row's cell, not part of a column's key."""
    stripped = text.strip()
    return bool(stripped) and (
        UNIT_CELL.fullmatch(stripped) is not None or UNIT_STATEMENT.fullmatch(stripped) is not None
    )


def find_period(text: str) -> tuple[str, bool] | None:
    """The period a header cell names ("2019", "FY2019", "Q1 2019") and whether it is an
    estimate, or None. A date names its year (`December 27, 2019` -> "2019")."""
    match = PERIOD.search(text)
    if not match or len(PERIOD.findall(text)) > 1:
        return None  # no period, or a comparison of two ("2019 over 2018")
    period = re.sub(r"\s+", "", match["period"])
    if match["dyear"]:
        period = match["dyear"] if len(match["dyear"]) == 4 else "20" + match["dyear"]  # 12/30/20
    elif match["jyear"]:
        period = "20" + match["jyear"]  # "'24/3": the fiscal year ended March 2024
    elif match["short"]:
        period = "20" + match["short"]  # "F19", "FY19": the year as questions name it
    elif period.lower().startswith("fiscal"):
        period = match["year"] or period
    elif match["qyear"]:
        period = f"{period[:2].upper()} {match['qyear']}"
    elif match["hyear"]:
        period = f"{match['h'].upper()} {match['hyear']}"
    estimate = bool(match["estimate"]) or bool(re.search(r"\b(est|prelim|forecast)", text, re.I))
    return period, estimate


def unit_of(text: str) -> str:
    """The unit words of a header cell or caption (`€m`, `in thousands`, `%`), or empty."""
    if is_unit_cell(text):
        return text.strip()
    return " ".join(m.group(0).strip() for m in unit_words(text) if m.group(0).strip())


def unit_words(text: str) -> list[re.Match[str]]:
    """The unit words of a text, but for those inside a rate's base ("per 1,000 people")."""
    rates = [m.span() for m in RATE.finditer(text)]
    return [
        m
        for m in UNIT_WORDS.finditer(text)
        if not any(start <= m.start() < end for start, end in rates)
    ]
