"""Tables: the `Table` type and the parser that reads one from a block of units.

A table block is what chunking marks as one: a caption line, `| a | b |` rows and a
`Source:`/`Note:` line. Parsing it once gives every reader the same answer to "which row
is the header, which cell is the label, what does the caption say the unit is":
fact extraction, the row check of evidence scoring and the citations read a `Table`.
`TableParser` is the step to swap; `PipeTableParser` is today's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.text.periods import YEAR_PATTERN
from assistant.types import Unit

PERIOD = re.compile(
    rf"^(?P<period>(?:FY\s?)?{YEAR_PATTERN}(?:\s?[-/–]\s?(?:19|20)?\d\d)?|Q[1-4]\s?{YEAR_PATTERN})"
    r"\s*(?P<estimate>\((?:est|e|estimate|estimated|proj|projected|forecast|f|p)\.?\)|\*)?$",
    re.IGNORECASE,
)
NUMBER = re.compile(r"^[-−]?\(?[$€£]?\s?\d[\d,]*(?:\.\d+)?\)?\s?%?$")
CAPTION_UNIT = re.compile(r"\(([^()]+)\)\s*$")


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
    """What a value column is keyed by: a period ("2021"), and whether it is an estimate."""

    period: str
    estimate: bool


@dataclass(frozen=True)
class Table:
    """A parsed table: caption, header row, column keys, labelled rows, unit, source line."""

    source: str
    caption: Cell | None
    header_rows: tuple[TableRow, ...]
    """The rows above the body: column groups, units, and last the row of column keys."""
    columns: tuple[ColumnKey, ...]
    rows: tuple[TableRow, ...]
    """The rows under the header, in order."""
    unit: str
    """What the caption says the figures are in ("USD Billions"), or empty."""
    note: Cell | None
    """The `Source:` or `Note:` line under the table."""

    @property
    def header(self) -> TableRow:
        """The row that keys the value columns (the periods)."""
        return self.header_rows[-1]


class TableParser(Protocol):
    """Reads a `Table` from the units of one table block, or None when it cannot."""

    def parse(self, block: Sequence[Unit]) -> Table | None: ...


def is_table_row(line: str) -> bool:
    """Whether a line is a `| a | b |` table row."""
    return line.startswith("|") and line.count("|") >= 2


def row_cells(text: str, start: int = 0) -> tuple[Cell, ...]:
    """The cells of a `| a | b |` row, with offsets (from `start`, the row's own offset)."""
    cells = []
    parts = text.split("|")
    position = start + len(parts[0]) + 1
    for part in parts[1:-1] if text.endswith("|") else parts[1:]:
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(stripped, position + lead, position + lead + len(stripped)))
        position += len(part) + 1
    return tuple(cells)


def row_label(text: str) -> str:
    """The first non-empty cell of a row: what the row is about."""
    return next((cell.text for cell in row_cells(text) if cell.text), "")


def parse_number(text: str) -> float | None:
    """A cell's number (`1,234.5`, `(12)` and `-3%` are numbers), or None."""
    if not NUMBER.match(text):
        return None
    negative = text.startswith(("-", "−")) or (text.startswith("(") and text.endswith(")"))
    digits = re.sub(r"[^\d.]", "", text)
    try:
        value = float(digits)
    except ValueError:
        return None
    return -value if negative else value


class PipeTableParser:
    """Pipe tables whose header is the first row made only of periods (`2021 | 2022 (est.)`).

    Tolerates a header shifted by one cell or with a trailing empty cell (values are
    aligned to periods by order), a label column without a header, and a caption that ends
    with the unit in parentheses (`Table: X (USD Billions)`).
    """

    def parse(self, block: Sequence[Unit]) -> Table | None:
        rows = [_row(u) for u in block if u.kind == "row"]
        header_index, columns = _header(rows)
        if header_index is None:
            return None
        caption = next((u for u in block if u.kind == "caption"), None)
        note = next((u for u in block if u.kind == "note"), None)
        match = CAPTION_UNIT.search(caption.text) if caption else None
        return Table(
            source=block[0].source,
            caption=_cell(caption),
            header_rows=tuple(rows[: header_index + 1]),
            columns=tuple(columns),
            rows=tuple(rows[header_index + 1 :]),
            unit=match.group(1) if match else "",
            note=_cell(note),
        )


def _row(unit: Unit) -> TableRow:
    cells = row_cells(unit.text, unit.start)
    label = next((c for c in cells if c.text and parse_number(c.text) is None), None)
    return TableRow(unit.start, unit.end, cells, label)


def _cell(unit: Unit | None) -> Cell | None:
    return Cell(unit.text, unit.start, unit.end) if unit else None


def _header(rows: Sequence[TableRow]) -> tuple[int | None, list[ColumnKey]]:
    """The first row whose non-empty cells are all periods, and those periods in order."""
    for index, row in enumerate(rows):
        texts = [c.text for c in row.cells if c.text]
        matches = [PERIOD.match(t) for t in texts]
        if texts and all(matches):
            keys = [
                ColumnKey(re.sub(r"\s+", "", m["period"]), bool(m["estimate"]))
                for m in matches
                if m
            ]
            return index, keys
    return None, []
