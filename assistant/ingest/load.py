"""Readers: a corpus file becomes a `Document` whose text citations are sliced from."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

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


def read_plain(data: bytes) -> ExtractedText:
    """Text and Markdown are used verbatim; a Markdown `# heading` gives the title."""
    text = _decode(data)
    heading = re.search(r"^#\s+(.+?)\s*$", text, flags=re.MULTILINE)
    return ExtractedText(text, heading.group(1) if heading else None)


def read_html(data: bytes) -> ExtractedText:
    """Visible text only: scripts, styles and markup are dropped, table rows become `| a | b |`."""
    from assistant.ingest.html import html_to_text

    text, title = html_to_text(_decode(data))
    return ExtractedText(text, title)


def read_pdf(data: bytes) -> ExtractedText:
    """Text of each page with pypdf, pages separated by a blank line."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ReadError(f"cannot parse PDF ({error})") from None
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
}


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReadError(f"not valid UTF-8 (byte {error.start})") from None


def list_corpus(corpus_dir: Path) -> list[Path]:
    """Every file under `corpus_dir` except hidden ones and `metadata.json`, sorted."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir}/ does not exist; create it and add briefs")
    files = sorted(
        path
        for path in corpus_dir.rglob("*")
        if path.is_file()
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


def load_document(path: Path, corpus_dir: Path, metadata: dict[str, dict[str, str]]) -> Document:
    """Read one file into a `Document`, or raise `ReadError` saying why it was skipped."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(f"unsupported format {path.suffix or '(none)'}; use {', '.join(READERS)}")
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
        extracted=reader is not read_plain,
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
