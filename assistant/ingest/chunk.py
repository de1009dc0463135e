"""Split a document into quotable units and pack them into chunks, keeping offsets.

Lines are classified first (table row, list item, heading, prose); a table is a Markdown
one or a plain-text one (columns set apart by spaces or tabs, `text/plain_tables.py`).
Prose is split into sentences with pysbd. A table (its caption, rows and `Source:`/`Note:` line)
is one atom that is never split across chunks.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assistant.text.plain_tables import plain_table_lines
from assistant.text.tables import (
    FOOTNOTE_MARK,
    FOOTNOTE_OPENING,
    LIST_ITEM,
    MARKS,
    bare_table_lines,
    is_table_row,
    row_cells,
)
from assistant.types import Chunk, Document, Unit, UnitKind

NOTE = re.compile(r"(sources?|notes?)\s*:", re.IGNORECASE)
SENTENCE_END = tuple(".!?;,”\"'")
FINAL = tuple('.!?:”"')
SENTENCE_CLOSE = tuple(".!?:;…)]”\"'’")
"""How a sentence ends; the segmenter's piece that ends otherwise was cut short."""
WRAPPABLE = ("prose", "heading", "item")
WRAPPED_LINE = 60  # a line this long without a full stop was wrapped, not ended


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: UnitKind
    block: int


def split_into_units(text: str) -> list[_Span]:
    """Every quotable span of `text`, in order, stripped of surrounding whitespace."""
    lines = list(_lines(text))
    kinds = [_line_kind(text[s:e]) for s, e in lines]
    for i in bare_table_lines([text[s:e] for s, e in lines]):
        kinds[i] = "row"
    plain = plain_table_lines(text)
    for i, (start, end) in enumerate(lines):
        line_start = text.rfind("\n", 0, start) + 1
        if line_start in plain:
            # A plain table's row keeps its indentation: it places the row's cells.
            kinds[i], lines[i] = "row", (line_start, end)
    lines, kinds = _join_wrapped(text, lines, kinds)
    _mark_table_edges(text, lines, kinds)
    spans: list[_Span] = []
    block = -1
    for i, ((start, end), kind) in enumerate(zip(lines, kinds, strict=True)):
        # A caption opens a table, and a blank line between two rows ends one (Markdown):
        # two tables in a row are two blocks.
        table_like = kind in ("note", "row") and not (
            kind == "row" and kinds[i - 1] == "row" and _blank_between(text, lines[i - 1], start)
        )
        same_block = i > 0 and (
            (table_like and kinds[i - 1] in ("row", "caption", "note"))
            or (kind in ("item", "heading") and kinds[i - 1] == kind)
        )
        if not same_block:
            block += 1
        if kind == "prose":
            spans.extend(_Span(s, e, "prose", block) for s, e in _sentences(text, start, end))
        elif kind == "heading" and same_block:
            # A run of heading lines (title, byline, date) is quoted as one unit.
            spans[-1] = _Span(spans[-1].start, end, kind, block)
        else:
            spans.append(_Span(start, end, kind, block))
    return spans


def split_into_chunks(document: Document, *, chunk_size: int) -> list[Chunk]:
    """Pack units into chunks of about `chunk_size` characters; a table stays whole."""
    text = document.text
    spans = split_into_units(text)
    atoms: list[list[_Span]] = []
    for span in spans:
        in_table = span.kind in ("row", "caption", "note")
        if atoms and in_table and atoms[-1][-1].block == span.block:
            atoms[-1].append(span)
        else:
            atoms.append([span])
    groups: list[list[_Span]] = []
    for atom in atoms:
        if groups:
            length = atom[-1].end - groups[-1][0].start
            heading_breaks = atom[0].kind == "heading" and _length(groups[-1]) > chunk_size // 2
            if length <= chunk_size and not heading_breaks:
                groups[-1].extend(atom)
                continue
        groups.append(list(atom))
    contexts = _contexts(text, spans, document.title)
    # Ids depend on the file's name and content: two copies of a brief do not collide.
    prefix = hashlib.sha256(f"{document.source}\0{document.sha256}".encode()).hexdigest()[:12]
    chunks = []
    for n, group in enumerate(groups):
        chunk_id = f"{prefix}-{n:04d}"
        units = tuple(
            Unit(
                id=f"{chunk_id}-{i:03d}",
                chunk_id=chunk_id,
                source=document.source,
                start=span.start,
                end=span.end,
                text=text[span.start : span.end],
                kind=span.kind,
                block=span.block,
                context=contexts[span],
            )
            for i, span in enumerate(group)
        )
        start, end = group[0].start, group[-1].end
        chunks.append(
            Chunk(chunk_id, document.source, document.title, start, end, text[start:end], units)
        )
    return chunks


def _contexts(text: str, spans: list[_Span], title: str) -> dict[_Span, str]:
    """Each unit's context: the document title, the heading above it, a row's caption and
    header. A paragraph that opens with a footnote mark ("(1) Include ...") below a table,
    in the same section, also has the labels of the table's rows that carry the mark."""
    contexts: dict[_Span, str] = {}
    heading = ""
    table: dict[str, str] = {}  # the current table's caption and header row
    marked: dict[str, list[str]] = {}  # the last table's labels with a footnote mark, by mark
    footnote: tuple[int, str] = (-1, "")  # the block a footnote opens, and its rows' labels
    opened: set[int] = set()  # the blocks whose first unit was seen
    for span in spans:
        own = text[span.start : span.end]
        first = span.block not in opened
        opened.add(span.block)
        if span.kind in ("caption", "row") and table.get("block") != str(span.block):
            table, marked = {"block": str(span.block)}, {}
        if span.kind in ("caption", "row"):
            table.setdefault(span.kind, own)
        if span.kind == "row":
            _collect_marks(own, marked)
        elif span.kind == "heading":
            marked = {}  # a footnote explains a table of its own section
        elif first and (mark := FOOTNOTE_OPENING.match(own)) and mark["mark"] in marked:
            footnote = (span.block, "\n".join(marked[mark["mark"]]))
        parts = [title, heading]
        if span.kind == "row":
            parts += [table.get("caption", ""), table.get("row", "")]
        if span.kind == "note":
            parts.append(table.get("caption", ""))
        if span.kind == "prose" and span.block == footnote[0]:
            parts.append(footnote[1])
        contexts[span] = "\n".join(p for p in dict.fromkeys(parts) if p and p != own)
        if span.kind == "heading":
            heading = own
    return contexts


def _collect_marks(row: str, marked: dict[str, list[str]]) -> None:
    """Add the row's label under each footnote mark it ends with."""
    cells = row_cells(row)
    label = cells[0].text.strip() if cells else ""
    if found := MARKS.search(label):
        for mark in re.findall(FOOTNOTE_MARK, found.group()):
            marked.setdefault(mark, []).append(label[: found.start()].strip())


def _length(group: list[_Span]) -> int:
    return group[-1].end - group[0].start


def _blank_between(text: str, previous: tuple[int, int], start: int) -> bool:
    """Whether a blank line stands between the line `previous` and the one at `start`."""
    return text.count("\n", previous[1], start) >= 2


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Non-blank lines as (start, end), stripped of surrounding whitespace."""
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            yield match.start() + lead, match.start() + len(line.rstrip())


def _line_kind(line: str) -> UnitKind:
    if is_table_row(line):
        return "row"
    if LIST_ITEM.match(line):
        return "item"
    if line.startswith("#"):
        return "heading"
    if FOOTNOTE_OPENING.match(line):
        return "prose"  # a short footnote ("(1) Excluding one-off items") is no heading
    if len(line) <= 80 and len(line.split()) <= 10 and not line.endswith(SENTENCE_END):
        return "heading"
    return "prose"


def _join_wrapped(
    text: str, lines: list[tuple[int, int]], kinds: list[UnitKind]
) -> tuple[list[tuple[int, int]], list[UnitKind]]:
    """Join hard-wrapped lines (man pages, extracted PDF text) into their paragraph.

    A line continues the one before it when no blank line separates them and either it
    starts in lower case or the line before is a long prose line that ends mid-sentence.
    One paragraph a line, titles and headings are left alone.
    """
    out_lines: list[tuple[int, int]] = []
    out_kinds: list[UnitKind] = []
    for (start, end), kind in zip(lines, kinds, strict=True):
        if out_lines and kind in ("prose", "heading") and out_kinds[-1] in WRAPPABLE:
            prev_start, prev_end = out_lines[-1]
            adjacent = text.count("\n", prev_end, start) == 1
            previous_line = text[text.rfind("\n", 0, prev_end) + 1 : prev_end]
            wrapped = (
                out_kinds[-1] == "prose" and kind == "prose" and len(previous_line) >= WRAPPED_LINE
            )
            continues = text[start].islower() or (wrapped and not previous_line.endswith(FINAL))
            if adjacent and continues:
                out_lines[-1] = (prev_start, end)
                out_kinds[-1] = "item" if out_kinds[-1] == "item" else "prose"
                continue
        out_lines.append((start, end))
        out_kinds.append(kind)
    return out_lines, out_kinds


TABLE_TITLE = re.compile(r"(?:Table|Exhibit|Chart)\s+[\dA-Z]{1,3}\b[.:\-–—]?\s", re.IGNORECASE)
"""How a table's title opens: "Table 1:", "Table A.", "Exhibit 3 –"."""


def _mark_table_edges(text: str, lines: list[tuple[int, int]], kinds: list[UnitKind]) -> None:
    """The line before a table that names it is its caption; a `Source:` line after is its note."""
    for i, kind in enumerate(kinds):
        if kind != "row":
            continue
        if i > 0 and (
            kinds[i - 1] == "heading"
            or (kinds[i - 1] == "prose" and TABLE_TITLE.match(text[slice(*lines[i - 1])]))
        ):
            kinds[i - 1] = "caption"  # a long one too: "Table A. Key indicators of ..., 2021-2024"
        if i + 1 < len(kinds) and kinds[i + 1] != "row":
            start, end = lines[i + 1]
            if NOTE.match(text[start:end]):
                kinds[i + 1] = "note"


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans of `text[start:end]` (pysbd), checked to be verbatim."""
    # Newlines inside a joined paragraph become spaces for the segmenter (same length, so
    # offsets still point into the original text).
    line = text[start:end].replace("\r", " ").replace("\n", " ")
    cursor = 0
    open_at = None  # where a sentence the segmenter cut short began
    for piece in _segmenter().segment(line):
        sentence = piece.sent.strip()
        if not sentence:
            continue
        at = piece.start + (len(piece.sent) - len(piece.sent.lstrip()))
        if line[at : at + len(sentence)] != sentence:
            # pysbd's char_span can drift on repeated text; find the sentence again.
            at = line.find(sentence, cursor)
            if at < 0:
                continue
        cursor = at + len(sentence)
        begun = at if open_at is None else open_at
        if sentence.endswith(SENTENCE_CLOSE):
            yield start + begun, start + cursor
            open_at = None
        else:  # "divided into" before "(a) ...": the sentence goes on
            open_at = begun
    if open_at is not None:
        yield start + open_at, start + cursor
    if cursor == 0:
        yield start, end


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)
