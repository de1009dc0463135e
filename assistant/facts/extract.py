"""All facts of a document: each table block (through a `TableParser`) and each sentence."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from itertools import groupby

from assistant.facts.prose import extract_prose_facts
from assistant.facts.table import extract_table_facts
from assistant.facts.units import RATE_LABEL
from assistant.text.table_reader import TableReader, table_parts
from assistant.text.tables import Table, TableParser
from assistant.text.terms import terms
from assistant.types import FactRecord, Unit

TABLE_PARTS = ("row", "caption", "note")
# A document's own statement of the scale its figures are in: "(in thousands)",
# "amounts in millions", "$ in millions, except per share data".
# Not a statement scoped to one kind of figure ("shares in thousands").
STATED_SCALE = re.compile(
    r"(?:\b(?:amounts|figures|dollars|expressed|tables?|data)\s+in|(?<![a-z] )\bin)\s+"
    r"(thousands|millions|billions|(?-i:[A-Z]{2,3}\s?)?\$?\s?['’]?000['’]?s?(?!\d))",
    re.I,
)


def extract_facts(units: Sequence[Unit], *, tables: TableParser | None = None) -> list[FactRecord]:
    """Facts from the units of one document, tables by block, sentences one by one."""
    parser = tables or TableReader()
    facts: list[FactRecord] = []
    table_facts: list[FactRecord] = []
    for _, group in groupby(units, key=lambda u: (u.block, u.kind in TABLE_PARTS)):
        block = list(group)
        if any(u.kind == "row" for u in block):
            first: Table | None = None
            parts = table_parts(block)
            for part in parts:
                table = parser.parse(part)
                if table is None:
                    continue
                if first is not None and not table.unit:  # a header printed again, no units
                    table = dataclasses.replace(table, unit=first.unit)
                first = first or table
                table_facts.extend(extract_table_facts(table, in_blocks=len(parts) > 1))
        else:
            for unit in block:
                if unit.kind in ("prose", "item"):
                    facts.extend(extract_prose_facts(unit))
    scaled = _with_scoped_scale(_with_stated_scale(table_facts, units), units)
    return _with_quoted_scale(scaled, facts) + facts


def _with_stated_scale(facts: list[FactRecord], units: Sequence[Unit]) -> list[FactRecord]:
    """Table amounts with no scale (no unit, or only a currency: `$14,694`) take the scale
    the document states in its prose, when it states one ("All amounts in thousands"); of
    several, the one a sentence introducing a table states ("as follows (in thousands):").
    Rows naming a rate ("per share", "margin %") keep theirs."""
    statements = [
        (_scale_word(m.group(1)), u.text.rstrip().endswith(":"))
        for u in units
        if u.kind not in TABLE_PARTS
        for m in STATED_SCALE.finditer(u.text)
    ]
    stated = {scale for scale, _ in statements}
    if len(stated) > 1:
        stated = {scale for scale, introduces in statements if introduces}
    if len(stated) != 1:
        return facts
    scale = stated.pop()
    return [
        dataclasses.replace(f, scale=scale, unit=f.unit or f"{scale}s") if _unscaled(f) else f
        for f in facts
    ]


# A scale stated for one kind of figure: "(shares in thousands, except per share data)".
SCOPED_SCALE = re.compile(
    r"\b([a-z]+s)\s+in\s+(thousands|millions|billions|['’]?000['’]?s?)\b", re.I
)


def _with_scoped_scale(facts: list[FactRecord], units: Sequence[Unit]) -> list[FactRecord]:
    """Rows naming the kind of figure a scoped statement is about ("shares in thousands":
    "Weighted average shares outstanding") take its scale, when they carry no currency and
    name no rate; other rows keep theirs."""
    scoped = {
        stem: _scale_word(m.group(2))
        for u in units
        if u.kind not in TABLE_PARTS
        for m in SCOPED_SCALE.finditer(u.text)
        for stem in terms(m.group(1))
        if m.group(1).lower() not in ("amounts", "figures", "dollars")
    }
    if not scoped:
        return facts
    out = []
    for f in facts:
        named = [scoped[t] for t in terms(f.metric) if t in scoped]
        amount = not f.currency and f.unit not in ("%", "year") and not _names_a_rate(f)
        if len(set(named)) == 1 and amount:
            f = dataclasses.replace(f, scale=named[0], unit=f"{named[0]}s")
        out.append(f)
    return out


def _scale_word(stated: str) -> str:
    """`thousands`, `000's`, `$000s` -> thousand; `millions` -> million."""
    return "thousand" if "000" in stated else stated.lower().rstrip("s")


def _with_quoted_scale(table_facts: list[FactRecord], prose: list[FactRecord]) -> list[FactRecord]:
    """A table's amounts with no scale take the one its document's prose gives them when it
    quotes them: the cell `$24.9` and "fell to $24.9 million" put the table in millions.
    Only when the quoted figures of a table agree on one scale (a table is told by its
    header row)."""
    quoted = {(round(abs(f.value), 6), f.scale) for f in prose if f.scale and f.unit != "%"}
    by_table: dict[int, set[str]] = {}
    for f in table_facts:
        if _unscaled(f) and f.header_start >= 0 and abs(f.value) >= 1:
            found = {scale for value, scale in quoted if value == round(abs(f.value), 6)}
            by_table.setdefault(f.header_start, set()).update(found)
    scales = {table: found.pop() for table, found in by_table.items() if len(found) == 1}
    return [
        dataclasses.replace(
            f, scale=scales[f.header_start], unit=f.unit or f"{scales[f.header_start]}s"
        )
        if _unscaled(f) and f.header_start in scales
        else f
        for f in table_facts
    ]


def _unscaled(fact: FactRecord) -> bool:
    """An amount with no scale: no unit or only a currency, and not a rate row's."""
    return not fact.scale and fact.unit in ("", fact.currency) and not _names_a_rate(fact)


def _names_a_rate(fact: FactRecord) -> bool:
    """A rate row, or a row under a rate's section ("Basic" under "Per share:")."""
    return RATE_LABEL.search(f"{fact.metric} {fact.subject}") is not None
