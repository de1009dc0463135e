"""Facts from tables: `| label | v1 | v2 |` rows under a header row of periods.

Handles the mess real briefs have: a header row shifted by one cell or with a trailing
empty cell (periods are aligned to values by order), a label column without a header,
periods marked `(est.)`, a caption that gives the unit (`Table: X (USD Billions)`),
rows whose own unit differs from the caption's (rates, shares), and a `Source:` line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.facts.units import Quantity, parse_unit, row_unit
from assistant.types import FactRecord, Unit

PERIOD = re.compile(
    r"^(?P<period>(?:FY\s?)?(?:19|20)\d\d(?:\s?[-/–]\s?(?:19|20)?\d\d)?|Q[1-4]\s?(?:19|20)\d\d)"
    r"\s*(?P<estimate>\((?:est|e|estimate|estimated|proj|projected|forecast|f|p)\.?\)|\*)?$",
    re.IGNORECASE,
)
NUMBER = re.compile(r"^[-−]?\(?[$€£]?\s?\d[\d,]*(?:\.\d+)?\)?\s?%?$")
CAPTION_UNIT = re.compile(r"\(([^()]+)\)\s*$")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


def split_cells(row: Unit) -> list[Cell]:
    """The cells of a `| a | b |` row with their offsets in the document."""
    cells = []
    position = row.start
    parts = row.text.split("|")
    position += len(parts[0]) + 1
    for part in parts[1:-1] if row.text.endswith("|") else parts[1:]:
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(stripped, position + lead, position + lead + len(stripped)))
        position += len(part) + 1
    return cells


def parse_number(text: str) -> float | None:
    if not NUMBER.match(text):
        return None
    negative = text.startswith(("-", "−")) or (text.startswith("(") and text.endswith(")"))
    digits = re.sub(r"[^\d.]", "", text)
    try:
        value = float(digits)
    except ValueError:
        return None
    return -value if negative else value


def extract_table_facts(block: Sequence[Unit]) -> list[FactRecord]:
    """Facts of one table block (caption, rows, note), each with its cell and row spans."""
    rows = [u for u in block if u.kind == "row"]
    caption = next((u for u in block if u.kind == "caption"), None)
    note = next((u for u in block if u.kind == "note"), None)
    header_index, periods = _header(rows)
    if header_index is None:
        return []
    header = rows[header_index]
    table_unit = _caption_unit(caption)
    provenance = note.text if note else ""
    facts = []
    for row in rows[header_index + 1 :]:
        cells = split_cells(row)
        label = next((c for c in cells if c.text and parse_number(c.text) is None), None)
        if label is None:
            continue
        values = [c for c in cells[cells.index(label) + 1 :] if c.text]
        if len(values) != len(periods):
            continue  # cannot tell which value belongs to which period: say nothing
        unit = row_unit(label.text, table_unit)
        for (period, estimate), cell in zip(periods, values, strict=True):
            value = parse_number(cell.text)
            if value is None:
                continue
            facts.append(
                FactRecord(
                    source=row.source,
                    metric=label.text,
                    subject="",
                    period=period,
                    value=value,
                    unit=unit.label,
                    currency=unit.currency,
                    scale=unit.scale,
                    qualifier="",
                    estimate=estimate,
                    kind="table",
                    start=cell.start,
                    end=cell.end,
                    passage_start=row.start,
                    passage_end=row.end,
                    header_start=header.start,
                    header_end=header.end,
                    caption_start=caption.start if caption else -1,
                    caption_end=caption.end if caption else -1,
                    provenance=provenance,
                )
            )
    return facts


def _header(rows: Sequence[Unit]) -> tuple[int | None, list[tuple[str, bool]]]:
    """The first row whose non-empty cells are all periods, and those periods in order."""
    for index, row in enumerate(rows):
        texts = [c.text for c in split_cells(row) if c.text]
        matches = [PERIOD.match(t) for t in texts]
        if texts and all(matches):
            periods = [(re.sub(r"\s+", "", m["period"]), bool(m["estimate"])) for m in matches if m]
            return index, periods
    return None, []


def _caption_unit(caption: Unit | None) -> Quantity:
    if caption is None:
        return Quantity()
    match = CAPTION_UNIT.search(caption.text)
    return parse_unit(match.group(1)) if match else Quantity()
