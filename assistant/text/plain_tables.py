"""Plain-text tables: columns set apart by runs of spaces or by tabs, with no pipes.

People paste tables into `.txt` briefs as text laid out in columns:

                                 2021      2022      2023
                               ------    ------    ------
    Dental chairs                 412       455       498
    Trade balance              -1,651    -1,779    -1,883

`plain_table_lines` finds such tables in a document (the chunker marks their lines as
table rows) and `plain_grid` cuts a table's lines into cells by its columns, so that the
table reader reads them like any other table.

A column is where the figure rows have text: the union of their cells' spans. A number
right-aligned under a wider one, or a text column left-aligned, stays one column; a header
cell, or a row with an empty cell, is placed by where it stands, not by its order. So a
row's cells keep their place when its first cell (the header's top-left corner) is empty.
Tab-separated lines are cut at their tabs, in order: a tab says nothing about position.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.text.tables import NONE_CELL, PLAIN_CELL, RULE, parse_number

Span = tuple[int, int]

MIN_FIGURE_ROWS = 2
"""A table has at least two rows of figures: one aligned line could be anything."""
LONGEST_CELL = 60
"""A longer run of words between two gaps is a sentence, not a cell."""
SENTENCE_END = (".", "!", "?", ";", ":")


def plain_table_lines(text: str) -> dict[int, int]:
    """Where plain-text tables stand in `text`: each of their lines' start offset mapped to
    its end (trailing space left out). A line starts at its indentation, which places its
    cells. Lines with pipes are Markdown's, not this reader's."""
    found: dict[int, int] = {}
    run: list[tuple[int, str]] = []
    offset = 0
    for raw in [*text.splitlines(keepends=True), ""]:
        line = raw.rstrip("\r\n")
        if _may_be_row(line):
            run.append((offset, line.rstrip()))
        else:
            found.update(_table_in(run))
            run = []
        offset += len(raw)
    return found


def plain_grid(lines: Sequence[str]) -> list[list[Span]] | None:
    """Each line's cells as spans of the line, one per column, an empty span where a row
    has no cell in a column; None when the lines do not share columns."""
    if any("\t" in line for line in lines):
        return _by_order(lines)
    cut = [[m.span() for m in PLAIN_CELL.finditer(line)] for line in lines]
    figure_rows = [
        spans for line, spans in zip(lines, cut, strict=True) if _has_figures(line, spans)
    ]
    columns = _columns(figure_rows)
    if columns is None:
        return None
    return [_place(spans, columns, len(line)) for line, spans in zip(lines, cut, strict=True)]


def _may_be_row(line: str) -> bool:
    """A line that could belong to a plain table: two cells or more (or a rule), none of
    them a sentence; or one short cell (a section label, a title above the figures)."""
    stripped = line.strip()
    if not stripped or "|" in stripped or stripped.startswith("#"):
        return False
    if RULE.match(stripped):
        return True
    cells = PLAIN_CELL.findall(line)
    if any(len(c) > LONGEST_CELL for c in cells) or stripped.endswith(SENTENCE_END):
        return False
    return len(cells) >= 2 or len(stripped) <= LONGEST_CELL // 2


def _table_in(run: list[tuple[int, str]]) -> dict[int, int]:
    """The table a run of adjacent candidate lines forms, as {line start: line end}: the run
    without the one-cell lines at its edges (a title, a caption), when at least two of its
    rows hold figures and its lines share columns."""
    while run and _one_cell(run[0][1]):
        run = run[1:]
    while run and _one_cell(run[-1][1]):
        run = run[:-1]
    lines = [line for _, line in run if not RULE.match(line.strip())]
    figure_rows = [
        line for line in lines if _has_figures(line, [m.span() for m in PLAIN_CELL.finditer(line)])
    ]
    if len(figure_rows) < MIN_FIGURE_ROWS or plain_grid(lines) is None:
        return {}
    return {start: start + len(line) for start, line in run}


def _one_cell(line: str) -> bool:
    return len(PLAIN_CELL.findall(line)) < 2 and not RULE.match(line.strip())


def _has_figures(line: str, spans: Sequence[Span]) -> bool:
    """A row with a figure (or an `n/a`) after its first cell."""
    rest = [line[s:e] for s, e in spans[1:]]
    return any(parse_number(t) is not None or NONE_CELL.match(t) for t in rest)


def _columns(rows: Sequence[Sequence[Span]]) -> list[Span] | None:
    """The columns the figure rows share: their cells' spans merged where they overlap.
    None when a row has two cells in one column (its lines are not aligned)."""
    merged: list[Span] = []
    for start, end in sorted(span for row in rows for span in row):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    for row in rows:
        homes = [_home(span, merged) for span in row]
        if len(set(homes)) < len(homes):
            return None
    return merged if len(merged) >= 2 else None


def _home(span: Span, columns: Sequence[Span]) -> int:
    """The column a cell stands in: the one it overlaps most, else the nearest."""

    def overlap(column: Span) -> int:
        return min(span[1], column[1]) - max(span[0], column[0])

    return max(range(len(columns)), key=lambda i: (overlap(columns[i]), -i))


def _place(spans: Sequence[Span], columns: Sequence[Span], length: int) -> list[Span]:
    """A row's cells by column: a cell where the row has one (two in one column, such as
    a header's words set wide, joined), an empty span at the column's start otherwise."""
    placed: list[Span | None] = [None] * len(columns)
    for span in spans:
        home = _home(span, columns)
        held = placed[home]
        placed[home] = (held[0], span[1]) if held else span
    return [
        p or (min(c[0], length), min(c[0], length)) for p, c in zip(placed, columns, strict=True)
    ]


def _by_order(lines: Sequence[str]) -> list[list[Span]]:
    """Tab-separated lines: cells between tabs, in order; a line that starts with a tab
    (the top-left corner) has an empty first cell."""
    rows = []
    for line in lines:
        spans: list[Span] = []
        at = 0
        for part in line.split("\t"):
            lead = len(part) - len(part.lstrip())
            spans.append((at + lead, at + lead + len(part.strip())))
            at += len(part) + 1
        rows.append(spans)
    return rows
