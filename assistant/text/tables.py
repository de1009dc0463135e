"""Tables: the `Table` type and the one reader that builds it from a block of table rows.

Every table a brief holds reaches this reader as `| a | b |` rows with their offsets:
Markdown and pipe tables as written, HTML tables, CSV/TSV and spreadsheet sheets as the
readers write them (`ingest/load.py`). Reading a table once gives every reader the same
answers to "which rows are the header, which cell labels a row, what keys a column, what
unit are the figures in": fact extraction, the row check of evidence scoring and the
citations all read a `Table`. `TableParser` is the step to swap; `TableReader` is today's.

The reader works on the grid, not on a fixed shape:

- the header is every row above the first row holding a figure (years and dates are keys,
  not figures), so a title row, column groups and a units row all belong to it;
- a column's key is its header cells from top to bottom, a group cell (`Domestic` over
  `2019 | 2018`) spreading over the empty cells to its right when the groups are wider
  than one column; its period is the year, fiscal year or quarter the key names;
- units and scale come from the column's header cells (`2019 €m`, a `%` units row), else
  the caption or a header cell of the label column (`(in thousands)`);
- a column holding only currency symbols is folded into the column to its right;
- an unlabelled row of figures at the bottom is the "Total" row.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.text.periods import YEAR_PATTERN
from assistant.types import Unit

CURRENCY = r"(?:US\$|USD|EUR|GBP|MX\$|C\$|A\$|R\$|[$€£¥])"
NUMBER = re.compile(
    rf"^(?P<minus>[-−–])?\s*{CURRENCY}?\s*(?P<open>\()?\s*{CURRENCY}?\s*"
    r"(?P<minus2>[-−])?\s*(?P<digits>\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?P<close>\))?\s*"
    r"(?P<percent>%)?\s*(?P<close2>\))?\s*(?:[*†‡]+|\([a-z]\)|\[\d+\])?$",
    re.IGNORECASE,
)
NONE_CELL = re.compile(r"^(?:[-–—−]+|n/?a|nil|none|\*+)$", re.IGNORECASE)
ONLY_CURRENCY = re.compile(rf"^{CURRENCY}$", re.IGNORECASE)
SEPARATOR = re.compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?)?\s*$")
ESTIMATE = r"\((?:est|e|estimate|estimated|proj|projected|forecast|f|p|prelim|preliminary)\.?\)|\*"
PERIOD = re.compile(
    rf"(?P<period>(?:FY\s?|fiscal\s+(?:year\s+)?)?(?P<year>{YEAR_PATTERN})(?:\s?[-/–]\s?(?:19|20)?\d\d\b)?"
    rf"|Q[1-4]\s?(?P<qyear>{YEAR_PATTERN})|(?P<h>H[12])\s?(?P<hyear>{YEAR_PATTERN})"
    r"|\bFY?'?(?P<short>\d\d)\b)"
    rf"\s*(?P<estimate>{ESTIMATE})?",
    re.IGNORECASE,
)
CAPTION_UNIT = re.compile(r"\(([^()]+)\)\s*$")
UNIT_WORDS = re.compile(
    rf"(?:\bin\s+)?(?:{CURRENCY}\s*)?(?:'?000s?|thousands?|millions?|billions?|trillions?|\bmn\b|\bbn\b"
    rf"|(?<=[$€£¥])\s?[mbk]\b|(?<=USD|EUR|GBP)[mbk]\b|%|percent(?:age)?|{CURRENCY})",
    re.IGNORECASE,
)
CURRENCY_CODES = "USD|EUR|GBP|MXN|CAD|JPY|CNY|BRL|INR|ZAR|AUD|CHF"
UNIT_CELL = re.compile(
    rf"(?:{CURRENCY_CODES}|US\$|[$€£¥])?\s*(?:(?i:m|mn|bn|b|k|'?000s?|thousands?|millions?|billions?)|%)?"
)
SCALE_WORD = re.compile(
    r"thousand|million|billion|'?000|\b(?:mn|bn|m|b|k)\b|(?<=[$€£¥])[mbk]\b|(?<=USD|EUR|GBP)[mbk]\b",
    re.IGNORECASE,
)
UNIT_STATEMENT = re.compile(
    r"\(?[^()]{0,12}\bin\s+(?:thousands|millions|billions)\b[^()]*\)?", re.IGNORECASE
)
FOOTNOTE = re.compile(r"\s*(?:\(\d{1,2}\)|\[\d{1,2}\]|[*†‡]+|\(\w\))$")


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
        """The lowest header row (the one nearest the figures)."""
        return self.header_rows[-1]

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
    """Whether a row is a Markdown separator (`|---|:--:|`)."""
    return bool(SEPARATOR.match(line.strip()))


def row_cells(text: str, start: int = 0) -> tuple[Cell, ...]:
    """The cells of a `| a | b |` row, with offsets (from `start`, the row's own offset)."""
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
    """A cell's number, or None: `1,234.5`, `(12)`, `$(5,637)`, `(35,569 )`, `$  17`,
    `-3%`, `12.5%*` are numbers; a dash, `n/a` or words are not."""
    match = NUMBER.match(text.strip())
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
    match = NUMBER.match(text.strip())
    return bool(match and match["percent"])


def clean_label(text: str) -> str:
    """A label without its footnote marker: `Total (1)` -> `Total`, `Revenue*` -> `Revenue`."""
    cleaned = FOOTNOTE.sub("", text).strip().rstrip(":. ").strip()
    return cleaned or text


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
    if match["short"]:
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
    found = [m.group(0).strip() for m in UNIT_WORDS.finditer(text) if m.group(0).strip()]
    return " ".join(found)


class TableReader:
    """Reads any table block of `| a | b |` rows into a `Table` (see the module docstring).

    Returns None only for a block with no row that has two cells.
    """

    def parse(self, block: Sequence[Unit]) -> Table | None:
        rows = [_row(u) for u in block if u.kind == "row" and not is_separator(u.text)]
        if not rows or max(len(r.cells) for r in rows) < 2:
            return None
        caption = next((u for u in block if u.kind == "caption"), None)
        note = next((u for u in block if u.kind == "note"), None)
        body_at = _body_start(rows, separator_after=_separator_index(block))
        header, body = rows[:body_at], rows[body_at:]
        columns = _columns(header, body)
        return Table(
            source=block[0].source,
            caption=_cell(caption),
            header_rows=tuple(header),
            columns=tuple(columns),
            rows=tuple(body),
            unit=_table_unit(caption.text if caption else "", header),
            note=_cell(note),
        )


def _row(unit: Unit) -> TableRow:
    cells = row_cells(unit.text, unit.start)
    label = next((c for c in cells if c.text and parse_number(c.text) is None), None)
    return TableRow(unit.start, unit.end, cells, label)


def _cell(unit: Unit | None) -> Cell | None:
    return Cell(unit.text, unit.start, unit.end) if unit else None


def _separator_index(block: Sequence[Unit]) -> int | None:
    """How many content rows stand above the Markdown separator row, if there is one."""
    seen = 0
    for unit in block:
        if unit.kind != "row":
            continue
        if is_separator(unit.text):
            return seen
        seen += 1
    return None


def _is_figure(text: str) -> bool:
    """A cell holding a figure, not a column key (a bare year or date is a key)."""
    return parse_number(text) is not None and not _is_key(text)


def _body_start(rows: Sequence[TableRow], separator_after: int | None) -> int:
    """The index of the first body row: the first row with a figure after its first cell
    (0: the table has no header), or a row with only a label once column keys were seen
    (a section heading). Never above a Markdown separator row."""
    keys_seen = False
    for index, row in enumerate(rows):
        rest = [c.text for c in row.cells[1:]]
        if any(_is_figure(t) for t in rest):
            return max(index, separator_after or 0)
        if keys_seen and row.cells and row.cells[0].text and not any(rest):
            return max(index, separator_after or 0)
        below_separator = separator_after is not None and index >= separator_after
        if below_separator and row.cells[0].text and any(NONE_CELL.match(t) for t in rest):
            return index  # a labelled row of dashes under the header: no figures, still body
        if any(rest):
            keys_seen = True
    # A table with no figures (names, roles, dates): the header is what the separator marks,
    # else its first row.
    return separator_after if separator_after else 1


def _spread(cells: list[str], first: int) -> list[str]:
    """Group cells of an upper header row spread over the empty cells to their right, when
    the groups are wider than one column (or one group stands over all columns)."""
    filled = [i for i in range(first, len(cells)) if cells[i]]
    if not filled:
        return cells
    widths = [b - a for a, b in itertools.pairwise(filled)]
    if len(filled) > 1 and max(widths) < 2:
        return cells
    out = list(cells)
    for a, b in zip(filled, [*filled[1:], len(cells)], strict=True):
        for i in range(a + 1, b):
            out[i] = cells[a]
    return out


def _columns(header: Sequence[TableRow], body: Sequence[TableRow]) -> list[ColumnKey]:
    """A key for every column that holds a figure in some body row."""
    width = max((len(r.cells) for r in [*header, *body]), default=0)
    grid = [[c.text for c in r.cells] + [""] * (width - len(r.cells)) for r in header]
    grid = [_spread(row, 1) if i < len(grid) - 1 else row for i, row in enumerate(grid)]
    currency_only = {
        j
        for j in range(1, width)
        if any(j < len(r.cells) and ONLY_CURRENCY.match(r.cells[j].text) for r in body)
        and all(
            j >= len(r.cells) or not r.cells[j].text or ONLY_CURRENCY.match(r.cells[j].text)
            for r in body
        )
    }
    valued = {
        j for r in body for j, c in enumerate(r.cells) if j > 0 and parse_number(c.text) is not None
    }
    if not header:
        return [
            ColumnKey(period=f"column {j}", estimate=False, text="", index=j)
            for j in sorted(valued)
        ]
    # A header shifted left of its figures starts with a key, not the label column's cell.
    lowest = [t for t in grid[-1] if t] if grid else []
    first = 0 if lowest and grid[-1][0] and all(_is_key(t) for t in lowest) else 1
    keys = [
        _key(j, grid, body, currency_only)
        for j in range(first, width)
        if j not in currency_only and (not valued or j in valued or any(g[j] for g in grid))
    ]
    keys = [k for k in keys if k.text or k.index in valued]
    if first == 0:
        # Keys stand left of their figures: they are matched to a row's figures by order.
        keys = [dataclasses.replace(k, index=-1) for k in keys if k.text]
    return _with_groups(_shared_unit(keys))


def _shared_unit(keys: list[ColumnKey]) -> list[ColumnKey]:
    """A scale written over some columns only (`(in millions)` over the first year) is every
    column's when it is the only scale the header gives (a bare `$` is not shared)."""
    amounts = {k.unit for k in keys if SCALE_WORD.search(k.unit) and "%" not in k.unit}
    if len(amounts) != 1:
        return keys
    unit = amounts.pop()
    return [k if k.unit else dataclasses.replace(k, unit=unit) for k in keys]


def _key(
    j: int, grid: list[list[str]], body: Sequence[TableRow], currency_only: set[int]
) -> ColumnKey:
    """Column `j`'s key from its header cells (and those over a `$` column left of it)."""
    parts = [g[j] for g in grid if g[j] and not is_unit_cell(g[j])]
    if j - 1 in currency_only:
        # A date or year over a `$` column keys the figures to its right.
        left = [g[j - 1] for g in grid if g[j - 1] and not is_unit_cell(g[j - 1])]
        parts = list(dict.fromkeys([*left, *parts]))
    units_row = [g[j] for g in grid if is_unit_cell(g[j])]
    units = [unit_of(p) for p in [*parts, *units_row] if unit_of(p)]
    if j - 1 in currency_only:
        units.append(_currency_left_of(j, body))  # the `$` column's symbol is theirs
    text = " ".join(dict.fromkeys(parts))
    found = find_period(text)
    own = next((_words(p) for p in reversed(parts) if _words(p)), "")
    period, estimate = found if found else (own or _words(text) or f"column {j}", False)
    unit = " ".join(dict.fromkeys(units))
    return ColumnKey(period=period, estimate=estimate, text=text, unit=unit, index=j)


def _currency_left_of(j: int, body: Sequence[TableRow]) -> str:
    """The symbol a currency column left of column `j` gives its figures."""
    return next(r.cells[j - 1].text for r in body if j - 1 < len(r.cells) and r.cells[j - 1].text)


def _is_key(text: str) -> bool:
    """A header cell that is only a period (`2021`, `2024 (est.)`, `FY2019`)."""
    return PERIOD.fullmatch(text.strip()) is not None


def _words(text: str) -> str:
    """A key's words without its units: what names a column that names no period."""
    return re.sub(r"\s+", " ", UNIT_WORDS.sub(" ", text)).strip(" ,()")


def _with_groups(keys: list[ColumnKey]) -> list[ColumnKey]:
    """Name what tells apart columns of one period ("Domestic" and "International", "Amount"
    and "% of total"): the words of a key that the other keys of its period do not all share."""
    by_period: dict[str, list[ColumnKey]] = {}
    for key in keys:
        by_period.setdefault(key.period, []).append(key)
    out = []
    for key in keys:
        same = by_period[key.period]
        group = ""
        if len(same) > 1:
            shared = set.intersection(*(set(_tokens(k)) for k in same))
            own = [t for t in _tokens(key) if t not in shared]
            group = " ".join(own).strip(" ,()") or key.unit or f"column {key.index}"
        out.append(dataclasses.replace(key, group=group))
    return out


def _tokens(key: ColumnKey) -> list[str]:
    """A key's words without its period."""
    return PERIOD.sub(" ", key.text).split() if find_period(key.text) else key.text.split()


def _table_unit(caption: str, header: Sequence[TableRow]) -> str:
    """The unit the caption names (`Table: X (USD Billions)`), else a label-column header
    cell's (`(in thousands)`, `USDm`), else a title row's."""
    match = CAPTION_UNIT.search(caption)
    if match and unit_of(match.group(1)):
        return match.group(1)
    if caption and unit_of(caption):
        return unit_of(caption)
    for row in header:
        first = row.cells[0].text if row.cells else ""
        if first and unit_of(first):
            return unit_of(first)
    return ""
