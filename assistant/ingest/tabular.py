"""Readers of tables: CSV and TSV files, spreadsheets, and ruled tables on PDF pages.

Each writes its tables as `| a | b |` rows, one row a line, so that the one table reader
(`text/table_reader.py`) reads them like a Markdown table; a `|` inside a cell is written
`/`. Citations then point into this extracted text, kept in the index.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.errors import ReadError
from assistant.ingest.extracted import ExtractedText, decode_text


def with_pdf_tables(data: bytes, pages: list[str]) -> list[str]:
    """Pages on which pdfplumber finds a ruled table are read again: the text above, between
    and below the tables, and each table as `| a | b |` rows, so its cells stay in columns."""
    import io

    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages):
                tables = page.find_tables()
                if tables and number < len(pages):
                    pages[number] = _page_with_tables(page, tables)
    except Exception:  # noqa: BLE001 - pdfminer raises many types; pypdf's text stands
        return pages
    return pages


def _page_with_tables(page: Any, tables: list[Any]) -> str:
    left, top, right, bottom = page.bbox
    parts, cursor = [], top
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        if table.bbox[1] > cursor:
            parts.append(page.crop((left, cursor, right, table.bbox[1])).extract_text() or "")
        parts.append("\n".join(_pipe_row(row) for row in table.extract()))
        cursor = max(cursor, table.bbox[3])
    if cursor < bottom:
        parts.append(page.crop((left, cursor, right, bottom)).extract_text() or "")
    return "\n".join(part.strip("\n") for part in parts if part.strip())


def _pipe_row(cells: list[Any]) -> str:
    """A table row as `| a | b |`: cells on one line, a `|` inside a cell written `/`."""
    return "| " + " | ".join(" ".join(str(c or "").split()).replace("|", "/") for c in cells) + " |"


def read_xlsx(data: bytes) -> ExtractedText:
    """Each sheet of a workbook as a table: its name as the caption line, then its rows.
    Numbers are written as stored (`1200.5`), percentages as formatted (`12.5%`), dates as
    ISO dates; empty rows and columns are left out."""
    import io
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ReadError(f"cannot open spreadsheet ({error})") from None
    blocks = []
    for sheet in book.worksheets:
        rows = [[_sheet_cell(c) for c in row] for row in sheet.iter_rows()]
        rows = [r for r in rows if any(r)]
        if not rows:
            continue
        width = max(max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows)
        lines = [_pipe_row(r[:width] + [""] * (width - len(r))) for r in rows]
        blocks.append(f"{sheet.title}\n" + "\n".join(lines))
    title = book.properties.title if book.properties else None
    book.close()
    if not blocks:
        raise ReadError("no cells with values")
    return ExtractedText("\n\n".join(blocks) + "\n", title or None)


def _sheet_cell(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        if "%" in (cell.number_format or ""):
            return f"{format(value * 100, 'g')}%"
        return str(int(value)) if float(value).is_integer() else format(value, "g")
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value)


def read_delimited(delimiter: str) -> Callable[[bytes], ExtractedText]:
    """A CSV or TSV file as one table: each record a `| a | b |` row (the first record is
    the header), cells as written, so facts and citations read it like any other table."""

    def read(data: bytes) -> ExtractedText:
        import csv
        import io

        text, _ = decode_text(data)
        try:
            records = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(r)]
        except csv.Error as error:
            raise ReadError(
                f"cannot parse {'TSV' if delimiter == chr(9) else 'CSV'} ({error})"
            ) from None
        if not records:
            raise ReadError("no rows")
        return ExtractedText("\n".join(_pipe_row(record) for record in records) + "\n")

    return read
