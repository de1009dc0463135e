"""All facts of a document: each table block (through a `TableParser`) and each sentence."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from itertools import groupby

from assistant.facts.prose import extract_prose_facts
from assistant.facts.table import extract_table_facts
from assistant.text.table_reader import TableReader
from assistant.text.tables import TableParser
from assistant.types import FactRecord, Unit

TABLE_PARTS = ("row", "caption", "note")
# A document's own statement of the scale its figures are in: "(in thousands)",
# "amounts in millions", "$ in millions, except per share data".
STATED_SCALE = re.compile(
    r"\b(?:in|amounts in|figures in|expressed in)\s+(thousands|millions|billions)\b", re.I
)


def extract_facts(units: Sequence[Unit], *, tables: TableParser | None = None) -> list[FactRecord]:
    """Facts from the units of one document, tables by block, sentences one by one."""
    parser = tables or TableReader()
    facts: list[FactRecord] = []
    table_facts: list[FactRecord] = []
    for _, group in groupby(units, key=lambda u: (u.block, u.kind in TABLE_PARTS)):
        block = list(group)
        if any(u.kind == "row" for u in block):
            table = parser.parse(block)
            if table is not None:
                table_facts.extend(extract_table_facts(table))
        else:
            for unit in block:
                if unit.kind in ("prose", "item"):
                    facts.extend(extract_prose_facts(unit))
    return _with_stated_scale(table_facts, units) + facts


def _with_stated_scale(facts: list[FactRecord], units: Sequence[Unit]) -> list[FactRecord]:
    """Table figures with no unit take the scale the document states in its prose, when it
    states exactly one ("All amounts in thousands")."""
    stated = {
        m.group(1).lower().rstrip("s")
        for u in units
        if u.kind not in TABLE_PARTS
        for m in STATED_SCALE.finditer(u.text)
    }
    if len(stated) != 1:
        return facts
    scale = stated.pop()
    return [
        dataclasses.replace(f, scale=scale, unit=f"{scale}s")
        if not f.scale and not f.currency and not f.unit
        else f
        for f in facts
    ]
