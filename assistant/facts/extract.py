"""All facts of a document: each table block (through a `TableParser`) and each sentence."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from assistant.facts.prose import extract_prose_facts
from assistant.facts.table import extract_table_facts
from assistant.text.tables import TableParser, TableReader
from assistant.types import FactRecord, Unit

TABLE_PARTS = ("row", "caption", "note")


def extract_facts(units: Sequence[Unit], *, tables: TableParser | None = None) -> list[FactRecord]:
    """Facts from the units of one document, tables by block, sentences one by one."""
    parser = tables or TableReader()
    facts: list[FactRecord] = []
    for _, group in groupby(units, key=lambda u: (u.block, u.kind in TABLE_PARTS)):
        block = list(group)
        if any(u.kind == "row" for u in block):
            table = parser.parse(block)
            if table is not None:
                facts.extend(extract_table_facts(table))
        else:
            for unit in block:
                if unit.kind in ("prose", "item"):
                    facts.extend(extract_prose_facts(unit))
    return facts
