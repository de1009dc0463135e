"""`TableReader`: any table block of `| a | b |` rows read into a `Table`, by its grid.

The reader works on the grid, not on a fixed shape:

- the header is every row above the first row holding a figure (years and dates are keys,
  not figures), so a title row, column groups and a units row all belong to it;
- a column's key is its header cells from top to bottom, a group cell (`Domestic` over
  `2019 | 2018`) spreading over the empty cells to its right when the groups are wider
  than one column; its period is the year, fiscal year or quarter the key names;
- units and scale come from the column's header cells (`2019 €m`, a `%` units row), else
  the caption or a header cell of the label column (`(in thousands)`);
- a column holding only currency symbols is folded into the column to its right; a Notes
  column holds references, not figures;
- an unlabelled row of figures at the bottom is the "Total" row;
- a header printed again in the body over another block of rows (`| | 2018 | |` and its
  column heads) starts a table of its own: `table_parts` cuts a block there.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence

from assistant.text.periods import has_year, year_of
from assistant.text.plain_tables import plain_grid
from assistant.text.tables import (
    CAPTION_UNIT,
    NONE_CELL,
    ONLY_CURRENCY,
    PERIOD,
    SCALE_WORD,
    Cell,
    ColumnKey,
    Table,
    TableRow,
    find_period,
    is_separator,
    is_unit_cell,
    is_units_row,
    parse_number,
    row_cells,
    unit_of,
    unit_words,
)
from assistant.types import Unit


class TableReader:
    """Reads any table block of `| a | b |` rows into a `Table` (see the module docstring).

    Returns None only for a block with no row that has two cells.
    """

    def parse(self, block: Sequence[Unit]) -> Table | None:
        rows = _rows([u for u in block if u.kind == "row" and not is_separator(u.text)])
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


def table_parts(block: Sequence[Unit]) -> list[list[Unit]]:
    """A table block cut where its header is printed again over another block of rows
    (`| | 2018 | | |` then `| | Fixed rate | Floating rate |` over the year's rows): each
    part is read as a table of its own, with the block's caption and note."""
    rows = [u for u in block if u.kind == "row" and not is_separator(u.text)]
    parsed = _rows(rows)
    if len(parsed) < 3:
        return [list(block)]
    body_at = _body_start(parsed, separator_after=_separator_index(block))
    header_words = {c.text for r in parsed[:body_at] for c in r.cells[1:] if c.text}
    cuts, run = [], None
    for index in range(max(body_at, 1), len(parsed)):
        rest = [c.text for c in parsed[index].cells[1:] if c.text]
        if rest and any(_is_figure(t) for t in rest):
            if run is not None:
                cuts.append(run)
            run = None
        elif rest and (any(find_period(t) for t in rest) or set(rest) <= header_words):
            run = index if run is None else run  # a header row printed again
        elif run is not None and not is_units_row(parsed[index]):
            run = None
    if not cuts:
        return [list(block)]
    starts = [rows[i].start for i in cuts]
    others = [u for u in block if u.kind != "row"]
    parts, bounds = [], [-1, *starts, block[-1].end + 1]
    for low, high in itertools.pairwise(bounds):
        own = [u for u in block if u.kind == "row" and low <= u.start < high]
        parts.append(sorted([*others, *own], key=lambda u: u.start))
    return parts


def _rows(units: Sequence[Unit]) -> list[TableRow]:
    """The rows of one table: a plain-text table's cells placed by its columns (a row
    without pipes is cut by `plain_grid`), any other row's cells between its pipes."""
    if units and not any("|" in u.text for u in units):
        grid = plain_grid([u.text for u in units])
        if grid is not None:
            return [
                _row(u, tuple(Cell(u.text[s:e], u.start + s, u.start + e) for s, e in spans))
                for u, spans in zip(units, grid, strict=True)
            ]
    return [_row(u, row_cells(u.text, u.start)) for u in units]


def _row(unit: Unit, cells: tuple[Cell, ...]) -> TableRow:
    """A row and its label: its first text cell, or a year heading it ("| 2021 | $138 |":
    years down the side, measures across)."""
    if (
        cells
        and _is_key(cells[0].text)
        and (any(_is_figure(c.text) for c in cells[1:]) or not any(c.text for c in cells[1:]))
    ):  # a year heading a row of figures, or heading the rows below it (a section)
        return TableRow(unit.start, unit.end, cells, cells[0])
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
    (a section heading). Never above a Markdown separator row; rows of keys or units below
    it (a years row, `(In thousands)`) are header too."""
    keys_seen = False
    for index, row in enumerate(rows):
        rest = [c.text for c in row.cells[1:]]
        below_separator = separator_after is not None and index >= separator_after
        if separator_after is not None and not below_separator:
            # Above the separator is header, even a cell that reads as a figure (`31,` of a
            # split `Years Ended December 31,`); the body may start lower (a years row).
            keys_seen = keys_seen or any(rest)
            continue
        if any(_is_figure(t) for t in rest):
            return index
        if is_units_row(row):
            keys_seen = True  # a units row: `(In thousands) | $ | $`
            continue
        if keys_seen and row.cells and row.cells[0].text and not any(rest):
            return index
        if below_separator and row.cells[0].text and any(NONE_CELL.match(t) for t in rest):
            return index  # a labelled row of dashes under the header: no figures, still body
        if any(rest):
            keys_seen = True
    # A table with no figures (names, roles, dates): the header is what the separator marks,
    # else its first row.
    return separator_after if separator_after else 1


NOTES = re.compile(r"\s*(?:notes?|note\(s\)|ref\.?)\s*", re.I)
"""A Notes column's header: its cells are note numbers, not figures."""
UNFINISHED = re.compile(r"\b(?:of|in|at|for|to|and|or|the|by|from|with|on)$|[&-]$", re.I)
"""How a header cell ends when its words go on in the cell below it."""


def _spread(cells: list[str], first: int, keys: list[str]) -> list[str]:
    """Group cells of an upper header row spread over the empty cells to their right, when
    the groups are wider than one column (or one group stands over all columns), and not
    past a column whose key in the lowest header row (`keys`) is of another kind: a period
    where the group's own column has a word, or a word where it has a period."""
    filled = [i for i in range(first, len(cells)) if cells[i]]
    if not filled:
        return cells
    widths = [b - a for a, b in itertools.pairwise(filled)]
    if len(filled) > 1 and max(widths) < 2:
        return cells
    out = list(cells)
    for a, b in zip(filled, [*filled[1:], len(cells)], strict=True):
        if UNFINISHED.search(cells[a]):
            continue  # `Balance at Beginning of` over `Period (1/1/19)`: one cell split in two
        for i in range(a + 1, b):
            if _is_key(keys[i]) != _is_key(keys[a]):
                break  # `Percent Change` over `Actual | Constant` stops at the `2018` beside them
            out[i] = cells[a]
    return out


def _columns(header: Sequence[TableRow], body: Sequence[TableRow]) -> list[ColumnKey]:
    """A key for every column that holds a figure in some body row."""
    width = max((len(r.cells) for r in [*header, *body]), default=0)
    grid = [[c.text for c in r.cells] + [""] * (width - len(r.cells)) for r in header]
    grid = [_spread(row, 1, grid[-1]) if i < len(grid) - 1 else row for i, row in enumerate(grid)]
    currency_only = {
        j
        for j in range(1, width)
        if any(j < len(r.cells) and ONLY_CURRENCY.match(r.cells[j].text) for r in body)
        and all(
            j >= len(r.cells) or not r.cells[j].text or ONLY_CURRENCY.match(r.cells[j].text)
            for r in body
        )
    }
    references = {j for j in range(1, width) if any(NOTES.fullmatch(g[j]) for g in grid)}
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
        if j not in currency_only | references
        and (not valued or j in valued or any(g[j] for g in grid))
    ]
    keys = [k for k in keys if k.text or k.index in valued]
    if first == 0:
        # Keys stand left of their figures: they are matched to a row's figures by order.
        keys = [dataclasses.replace(k, index=-1) for k in keys if k.text]
    return _with_groups(_shared_unit(keys))


def _shared_unit(keys: list[ColumnKey]) -> list[ColumnKey]:
    """A scale written over some columns only (`(in millions)` over the first year) is every
    column's of the same kind (dated, or not) when it is the only scale the header gives (a
    bare `$` is not shared): "Public hospitals" beside "Spending 2024 (EUR million)" keeps
    its count."""
    amounts = {
        (k.unit, has_year(k.period))
        for k in keys
        if SCALE_WORD.search(k.unit) and "%" not in k.unit
    }
    if len({unit for unit, _ in amounts}) != 1:
        return keys
    unit = next(iter(amounts))[0]
    dated = {year for _, year in amounts}
    return [
        k if k.unit or has_year(k.period) not in dated else dataclasses.replace(k, unit=unit)
        for k in keys
    ]


def _key(
    j: int, grid: list[list[str]], body: Sequence[TableRow], currency_only: set[int]
) -> ColumnKey:
    """Column `j`'s key from its header cells (and those over a `$` column left of it)."""
    parts = [_unnoted(g[j]) for g in grid if g[j] and not is_unit_cell(g[j])]
    if j - 1 in currency_only:
        # A date or year over a `$` column keys the figures to its right.
        left = [_unnoted(g[j - 1]) for g in grid if g[j - 1] and not is_unit_cell(g[j - 1])]
        parts = list(dict.fromkeys([*left, *parts]))
    units_row = [g[j] for g in grid if is_unit_cell(g[j])]
    units = [unit_of(p) for p in [*parts, *units_row] if unit_of(p)]
    if j - 1 in currency_only:
        units.append(_currency_left_of(j, body))  # the `$` column's symbol is theirs
    text = " ".join(dict.fromkeys(parts))
    found = find_period(text)
    if found and CHANGE_HEADER.search(text) and (later := RANGE_END.search(found[0])):
        # "Change 2023-24 (%)": the row's change, a measure of the later year, not a period
        found = (year_of(found[0])[:2] + later[1][-2:], found[1])
    own = next((_words(p) for p in reversed(parts) if _words(p)), "")
    period, estimate = found if found else (own or _words(text) or f"column {j}", False)
    unit = " ".join(dict.fromkeys(units))
    return ColumnKey(period=period, estimate=estimate, text=text, unit=unit, index=j)


CHANGE_HEADER = re.compile(
    r"\b(?:change|growth|cagr|increase|decrease|var(?:iation)?|y/y|yoy)\b|%\s*chg|Δ", re.I
)
"""A header over a change from one period to another ("Change 2023-24 (%)", "CAGR 2021-24")."""
RANGE_END = re.compile(r"[-/–]\s?((?:19|20)?\d\d)$")
"""The later end of a period range ("2023-24" -> "24")."""


def _currency_left_of(j: int, body: Sequence[TableRow]) -> str:
    """The symbol a currency column left of column `j` gives its figures."""
    return next(r.cells[j - 1].text for r in body if j - 1 < len(r.cells) and r.cells[j - 1].text)


def _is_key(text: str) -> bool:
    """A header cell that is only a period (`2021`, `2024 (est.)`, `FY2019`, `2018 (4)`)."""
    return PERIOD.fullmatch(_unnoted(text.strip())) is not None


def _words(text: str) -> str:
    """A key's words without its units: what names a column that names no period."""
    for match in reversed(unit_words(text)):
        text = f"{text[: match.start()]} {text[match.end() :]}"
    return re.sub(r"\s+", " ", text).strip(" ,()")


def _with_groups(keys: list[ColumnKey]) -> list[ColumnKey]:
    """Name what tells apart columns of one period ("Domestic" and "International", "Amount"
    and "% of total"): the words of a key that the other keys of its period do not all share."""
    by_period: dict[str, list[ColumnKey]] = {}
    for key in keys:
        by_period.setdefault(key.period, []).append(key)
    # the unit of the periods printed once: a column of another year in it is that series'
    single = {same[0].unit for same in by_period.values() if len(same) == 1}
    out = []
    for key in keys:
        same = by_period[key.period]
        group = ""
        if len(same) > 1:
            shared = set.intersection(*(set(_tokens(k)) for k in same))
            own = [t for t in _tokens(key) if t not in shared]
            group = _unwrapped(" ".join(own).strip(" ,")) or key.unit or f"column {key.index}"
            main = [k for k in same if k.unit in single]
            if not _words(" ".join(own)) and len(single) == 1 and main == [key]:
                group = ""  # `2019 RMB'000` beside `2019 US$'000`, the years before in RMB
        out.append(dataclasses.replace(key, group=group))
    return out


NOTE_NUMBERS = re.compile(r"(?:\s*(?:\(\d{1,2}\)|\[\d{1,2}\]))+$")


def _unnoted(text: str) -> str:
    """A header cell without its numbered notes (`August 31, 2018 (1)`, `% of sales(2)(3)`);
    a preliminary mark (`2023*`) stays, it says the column is an estimate."""
    return NOTE_NUMBERS.sub("", text).strip() or text


def _unwrapped(text: str) -> str:
    """`($)` -> `$`: a group written in parentheses, without them (`Net (losses)` stays)."""
    if text.startswith("(") and text.endswith(")") and "(" not in text[1:-1]:
        return text[1:-1].strip()
    return text


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
