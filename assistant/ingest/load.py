"""Readers: a corpus file becomes a `Document` whose text citations are sliced from."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import CorpusError, ReadError
from assistant.types import Document

METADATA_FILE = "metadata.json"
METADATA_KEYS = ("title", "author", "publisher", "date")


@dataclass(frozen=True)
class ExtractedText:
    """What a reader gives back: the text, a title if the file names one, PDF page starts."""

    text: str
    title: str | None = None
    page_starts: tuple[int, ...] = ()
    decoded: bool = True
    """False only when the text is the file's bytes as UTF-8, character for character."""


def read_plain(data: bytes) -> ExtractedText:
    """Text and Markdown are used verbatim; a Markdown `# heading` gives the title.

    A file in another encoding that can be told reliably (a UTF-16 or UTF-32 byte order
    mark, or a single-byte encoding such as Latin-1 that charset-normalizer is sure of)
    is decoded; citation offsets then refer to the decoded text kept in the index.
    """
    text, encoding = decode_text(data)
    heading = re.search(r"^#\s+(.+?)\s*$", text, flags=re.MULTILINE)
    return ExtractedText(text, heading.group(1) if heading else None, decoded=encoding != "utf-8")


def read_html(data: bytes) -> ExtractedText:
    """Visible text only: scripts, styles and markup are dropped, table rows become `| a | b |`."""
    from assistant.ingest.html import html_to_text

    text, title = html_to_text(decode_text(data)[0])
    return ExtractedText(text, title)


def read_pdf(data: bytes) -> ExtractedText:
    """Text of each page with pypdf, pages separated by a blank line."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise ReadError("encrypted PDF: save an unencrypted copy to index it")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except DependencyError:  # encrypted with AES: would need the `cryptography` package
        raise ReadError("encrypted PDF: save an unencrypted copy to index it") from None
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ReadError(f"cannot parse PDF ({error})") from None
    pages = _with_tables(data, pages)
    starts, parts, offset = [], [], 0
    for page in pages:
        starts.append(offset)
        parts.append(page.strip("\n"))
        offset += len(parts[-1]) + 2
    return ExtractedText("\n\n".join(parts), title or None, tuple(starts))


def _with_tables(data: bytes, pages: list[str]) -> list[str]:
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


READERS: dict[str, Callable[[bytes], ExtractedText]] = {
    ".txt": read_plain,
    ".md": read_plain,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".csv": read_delimited(","),
    ".tsv": read_delimited("\t"),
    ".xlsx": read_xlsx,
}


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SINGLE_BYTE = re.compile(r"^(cp125\d|latin_1|iso8859_\d+|mac_roman)$")
MAX_CHAOS = 0.1
"""Most "mess" (odd characters) charset-normalizer may find in a guessed decoding."""


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of `data` and its encoding: UTF-8, a byte order mark's, or a sure guess.

    Raises:
        ReadError: binary data, or an encoding that cannot be told reliably.
    """
    for bom, encoding in BOMS:  # UTF-32 LE's mark starts like UTF-16 LE's: test it first
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise ReadError(f"not valid {encoding.upper()} after its byte order mark") from None
    if b"\x00" in data:
        raise ReadError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        failed = error.start
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    unsure = ReadError(
        f"not valid UTF-8 (byte {failed}) and its encoding cannot be told reliably;"
        " save it as UTF-8"
    )
    if best is None or best.chaos > MAX_CHAOS:
        raise unsure
    # Code pages that read the bytes equally well: sure when they agree on the text, or
    # when windows-1252 is among them (the Western default; WHATWG decodes Latin-1 with it).
    tied = [m for m in matches if m.chaos <= best.chaos and SINGLE_BYTE.match(m.encoding)]
    chosen = next((m for m in tied if m.encoding == "cp1252"), None)
    if chosen is None and tied and len({str(m) for m in tied}) == 1:
        chosen = tied[0]
    if chosen is None:
        raise unsure
    return str(chosen), chosen.encoding


def _opens_without_password(reader: Any) -> bool:
    """Some PDFs are encrypted with an empty user password: readable by anyone."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - pypdf raises several types for unsupported schemes
        return False


def check_file(path: Path, corpus_dir: Path, *, max_bytes: int) -> None:
    """Refuse, before reading a byte, a file ingest must not read.

    Raises:
        ReadError: a link to a file outside the corpus (not followed), or a file over
            `max_bytes` (not read into memory).
    """
    if path.is_symlink() or any(p.is_symlink() for p in path.parents if p != corpus_dir):
        target = path.resolve()
        if not target.is_relative_to(corpus_dir.resolve()):
            raise ReadError(f"a link to {target}, outside the corpus; not followed")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ReadError(f"cannot read file ({error.strerror})") from None
    if size > max_bytes:
        raise ReadError(
            f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:g} MB,"
            " ASSISTANT_MAX_FILE_MB)"
        )


def hash_file(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks (bounded memory)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def list_corpus(corpus_dir: Path) -> list[Path]:
    """Every file under `corpus_dir` except hidden ones and `metadata.json`, sorted."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir}/ does not exist; create it and add briefs")
    files = sorted(
        path
        for path in corpus_dir.rglob("*")
        if (path.is_file() or path.is_symlink())
        and path.name != METADATA_FILE
        and not any(part.startswith(".") for part in path.relative_to(corpus_dir).parts)
    )
    if not any(path.suffix.lower() in READERS for path in files):
        kinds = ", ".join(sorted(READERS))
        raise CorpusError(f"corpus folder {corpus_dir}/ holds no brief ({kinds}); add some")
    return files


def source_name(path: Path, corpus_dir: Path) -> str:
    """The citation `source`: the path relative to the corpus folder."""
    return path.relative_to(corpus_dir).as_posix()


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_metadata(corpus_dir: Path) -> tuple[dict[str, dict[str, str]], str | None]:
    """Per-file metadata from `metadata.json`, and a warning when the file is unusable."""
    path = corpus_dir / METADATA_FILE
    if not path.exists():
        return {}, None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return {}, f"{METADATA_FILE}: ignored, not valid JSON ({error})"
    if not isinstance(raw, dict):
        return {}, f"{METADATA_FILE}: ignored, expected an object of file names"
    return {
        name: {k: str(v) for k, v in entry.items() if k in METADATA_KEYS and v}
        for name, entry in raw.items()
        if isinstance(entry, dict)
    }, None


def load_document(
    path: Path,
    corpus_dir: Path,
    metadata: dict[str, dict[str, str]],
    *,
    max_bytes: int = 25_000_000,
) -> Document:
    """Read one file into a `Document`, or raise `ReadError` saying why it was skipped."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(f"unsupported format {path.suffix or '(none)'}; use {', '.join(READERS)}")
    check_file(path, corpus_dir, max_bytes=max_bytes)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(f"cannot read file ({error.strerror})") from None
    if not data.strip():
        raise ReadError("empty file")
    extracted = reader(data)
    if not extracted.text.strip():
        raise ReadError("no text could be extracted")
    source = source_name(path, corpus_dir)
    meta = metadata.get(source, {})
    title = meta.get("title") or extracted.title or _title_from_name(path)
    return Document(
        source=source,
        text=extracted.text,
        title=title,
        sha256=file_hash(data),
        extracted=extracted.decoded,
        page_starts=extracted.page_starts,
        metadata=tuple(sorted({**meta, "title": title}.items())),
    )


def iter_documents(corpus_dir: Path) -> Iterator[tuple[Path, Document | ReadError]]:
    """Each corpus file with its document, or the error that makes ingest skip it."""
    metadata, _ = load_metadata(corpus_dir)
    for path in list_corpus(corpus_dir):
        try:
            yield path, load_document(path, corpus_dir, metadata)
        except ReadError as error:
            yield path, error


def _title_from_name(path: Path) -> str:
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:]
