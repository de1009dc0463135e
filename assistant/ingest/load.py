"""Readers: a corpus file becomes a `Document` whose text citations are sliced from."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from assistant.errors import CorpusError, ReadError
from assistant.ingest.extracted import ExtractedText, decode_text
from assistant.ingest.tabular import read_delimited, read_xlsx, with_pdf_tables
from assistant.types import Document

METADATA_FILE = "metadata.json"
METADATA_KEYS = ("title", "author", "publisher", "date")


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
    pages = with_pdf_tables(data, pages)
    starts, parts, offset = [], [], 0
    for page in pages:
        starts.append(offset)
        parts.append(page.strip("\n"))
        offset += len(parts[-1]) + 2
    return ExtractedText("\n\n".join(parts), title or None, tuple(starts))


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
