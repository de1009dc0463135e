"""All facts of a document: each table block and each prose sentence."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from assistant.facts.prose import extract_prose_facts
from assistant.facts.table import extract_table_facts
from assistant.types import FactRecord, Unit


def extract_facts(units: Sequence[Unit]) -> list[FactRecord]:
    """Facts from the units of one document, tables by block, sentences one by one."""
    facts: list[FactRecord] = []
    for _, group in groupby(units, key=lambda u: (u.block, u.kind in ("row", "caption", "note"))):
        block = list(group)
        if any(u.kind == "row" for u in block):
            facts.extend(extract_table_facts(block))
        else:
            for unit in block:
                if unit.kind in ("prose", "item"):
                    facts.extend(extract_prose_facts(unit))
    return facts
