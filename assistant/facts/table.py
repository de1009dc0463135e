"""Facts from a parsed `Table`: one per labelled row and period column.

Rows whose own unit differs from the caption's (rates, shares) keep their own; a row
whose values cannot be matched to the periods one to one says nothing.
"""

from __future__ import annotations

from assistant.facts.units import Quantity, parse_unit, row_unit
from assistant.text.tables import Table, parse_number
from assistant.types import FactRecord


def extract_table_facts(table: Table) -> list[FactRecord]:
    """Facts of one table, each with its cell, row, header row and caption spans."""
    table_unit = parse_unit(table.unit) if table.unit else Quantity()
    provenance = table.note.text if table.note else ""
    caption, header = table.caption, table.header
    facts = []
    for row in table.rows:
        label = row.label
        if label is None:
            continue
        values = [c for c in row.cells[row.cells.index(label) + 1 :] if c.text]
        if len(values) != len(table.columns):
            continue  # cannot tell which value belongs to which period: say nothing
        unit = row_unit(label.text, table_unit)
        for column, cell in zip(table.columns, values, strict=True):
            value = parse_number(cell.text)
            if value is None:
                continue
            facts.append(
                FactRecord(
                    source=table.source,
                    metric=label.text,
                    subject="",
                    period=column.period,
                    value=value,
                    unit=unit.label,
                    currency=unit.currency,
                    scale=unit.scale,
                    qualifier="",
                    estimate=column.estimate,
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
