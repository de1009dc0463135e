"""Ingest: bring the index (vectors, passages, BM25, facts) in line with the corpus."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.errors import CorpusError
from assistant.facts.db import FactTable
from assistant.facts.extract import extract_facts
from assistant.ingest.chunk import split_into_chunks
from assistant.ingest.embed import Embedder
from assistant.ingest.load import (
    READERS,
    file_hash,
    list_corpus,
    load_document,
    load_metadata,
    source_name,
)
from assistant.ingest.manifest import Manifest
from assistant.ingest.models import make_embedder
from assistant.ingest.passages import PassageTable
from assistant.ingest.store import ChromaStore, Store
from assistant.ingest.terms import build_bm25
from assistant.types import Chunk, Document

# Bump when chunking or extraction changes in a way the settings do not show: it forces
# a rebuild.
INDEX_VERSION = 13

Progress = Callable[[str], None]


@dataclass
class IngestReport:
    """What one ingest did."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(source, reason) of each file that could not be read."""
    chunks: int = 0
    """Chunks embedded in this run."""
    rebuilt: bool = False
    seconds: float = 0.0

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.rebuilt)

    def summary(self) -> str:
        if not self.changed_anything:
            return f"Index is up to date: no change ({self.seconds:.1f} s)."
        if self.rebuilt:
            return (
                f"Rebuilt the index (model or chunking changed): {len(self.added)} files,"
                f" {self.chunks} chunks embedded in {self.seconds:.1f} s."
            )
        kinds = {"added": self.added, "changed": self.changed, "removed": self.removed}
        files = ", ".join(f"{len(v)} {k}" for k, v in kinds.items() if v)
        return f"Ingested: {files}; {self.chunks} chunks embedded in {self.seconds:.1f} s."


def fingerprint(settings: Settings, model: str) -> str:
    """What the index depends on besides the files: the model's identity, chunking."""
    payload = {
        "model": model,
        "chunk_size": settings.chunk_size,
        "version": INDEX_VERSION,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def corpus_hashes(corpus_dir: Path) -> dict[str, str]:
    """Content hash of every readable-format file in the corpus, by source name."""
    try:
        files = list_corpus(corpus_dir)
    except CorpusError:
        return {}
    hashes = {}
    for path in files:
        if path.suffix.lower() in READERS:
            try:
                hashes[source_name(path, corpus_dir)] = file_hash(path.read_bytes())
            except OSError:
                continue
    return hashes


def open_store(settings: Settings) -> Store:
    return ChromaStore.open(path=settings.index_dir / "chroma", url=settings.chroma_url)


def ingest(
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    store: Store | None = None,
    progress: Progress = lambda line: None,
) -> IngestReport:
    """Add new files, replace changed ones, remove deleted ones; rebuild all on new settings."""
    began = time.perf_counter()
    report = IngestReport()
    files = list_corpus(settings.corpus_dir)
    index_dir = settings.index_dir
    index_dir.mkdir(parents=True, exist_ok=True)
    model = embedder or make_embedder(settings)  # loads lazily: only if something changed
    wanted = fingerprint(settings, model.identity)
    manifest = Manifest.load(index_dir)
    if manifest is None or manifest.fingerprint != wanted:
        report.rebuilt = manifest is not None
        manifest = Manifest(fingerprint=wanted)
        _wipe(index_dir)
    store = store or open_store(settings)
    passages = PassageTable(index_dir / "passages.sqlite")
    facts = FactTable(index_dir / "facts.sqlite")
    if report.rebuilt or not manifest.files:
        store.reset()
        passages.reset()
        facts.reset()
    metadata, warning = load_metadata(settings.corpus_dir)
    if warning:
        progress(f"warning: {warning}")

    seen: set[str] = set()
    pending: list[tuple[Path, str]] = []
    for path in files:
        source = source_name(path, settings.corpus_dir)
        seen.add(source)
        try:
            digest = file_hash(path.read_bytes())
        except OSError as error:
            report.skipped.append((source, f"cannot read file ({error.strerror})"))
            continue
        if manifest.files.get(source) != digest:
            pending.append((path, source))

    for source in sorted(set(manifest.files) - seen):
        store.delete(passages.delete_document(source))
        facts.delete_document(source)
        del manifest.files[source]
        report.removed.append(source)
        progress(f"removed {source}")

    for number, (path, source) in enumerate(pending, 1):
        known = source in manifest.files
        try:
            document = load_document(path, settings.corpus_dir, metadata)
        except Exception as error:  # noqa: BLE001 - any reader failure skips only this file
            report.skipped.append((source, str(error)))
            progress(f"warning: skipped {source}: {error}")
            if known:
                store.delete(passages.delete_document(source))
                facts.delete_document(source)
                del manifest.files[source]
                report.removed.append(source)
            continue
        chunks = split_into_chunks(document, chunk_size=settings.chunk_size)
        _index_document(document, chunks, model, store, passages)
        facts.replace_document(source, extract_facts([u for c in chunks for u in c.units]))
        manifest.files[source] = document.sha256
        (report.changed if known else report.added).append(source)
        report.chunks += len(chunks)
        elapsed = time.perf_counter() - began
        progress(f"[{number}/{len(pending)}] {source}: {len(chunks)} chunks ({elapsed:.1f} s)")

    if report.changed_anything or not (index_dir / "bm25").exists():
        facts.embed_labels(model.encode)
        ids, texts = zip(*passages.all_chunks(), strict=True) if manifest.files else ((), ())
        build_bm25(index_dir / "bm25", list(ids), list(texts))
        manifest.save(index_dir)
    passages.close()
    facts.close()
    report.seconds = time.perf_counter() - began
    return report


def _index_document(
    document: Document,
    chunks: list[Chunk],
    embedder: Embedder,
    store: Store,
    passages: PassageTable,
) -> None:
    # Each text is embedded once: the units (sentences, rows, items); a chunk's vector is
    # the normalised mean of its units' vectors.
    vectors = embedder.encode([u.text for c in chunks for u in c.units])
    chunk_vectors = np.zeros((len(chunks), vectors.shape[1]), dtype=np.float32)
    at = 0
    for row, chunk in enumerate(chunks):
        chunk_vectors[row] = vectors[at : at + len(chunk.units)].mean(axis=0)
        at += len(chunk.units)
    chunk_vectors /= np.linalg.norm(chunk_vectors, axis=1, keepdims=True).clip(min=1e-9)
    store.delete(passages.delete_document(document.source))
    store.add(chunks, chunk_vectors)
    passages.replace_document(document, chunks, vectors)


def _wipe(index_dir: Path) -> None:
    """Remove the derived files of an index that no longer matches the settings."""
    for name in ("bm25", "passages.sqlite", "facts.sqlite"):
        path = index_dir / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
