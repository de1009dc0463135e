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
from assistant.errors import CorpusError, IngestError, ReadError, SettingsError
from assistant.facts.db import FactTable
from assistant.facts.extract import extract_facts
from assistant.ingest.chunk import split_into_chunks
from assistant.ingest.crosslingual import FILE as MULTILINGUAL_FILE
from assistant.ingest.crosslingual import MultilingualVectors
from assistant.ingest.embed import Embedder
from assistant.ingest.load import (
    check_file,
    hash_file,
    list_corpus,
    load_document,
    load_metadata,
    source_name,
)
from assistant.ingest.manifest import Manifest
from assistant.ingest.models import ingest_backend, make_embedder
from assistant.ingest.multilingual import UseEmbedder
from assistant.ingest.passages import PassageTable
from assistant.ingest.store import COLLECTION, ChromaStore, Store
from assistant.ingest.terms import build_bm25
from assistant.ingest.versions import IndexLayout
from assistant.integrity import check_version
from assistant.types import Chunk, Document

# Bump when chunking or extraction changes in a way the settings do not show: it forces
# a rebuild.
INDEX_VERSION = 15

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
    backend: str = ""
    """The encoder that embedded them (`ingest_backend` resolved), when one was needed."""

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.rebuilt)

    def summary(self) -> str:
        if not self.changed_anything:
            return f"Index is up to date: no change ({self.seconds:.1f} s)."
        if self.rebuilt:
            return (
                f"Rebuilt the index (model or chunking changed): {len(self.added)} files,"
                f" {self.chunks} chunks embedded in {self.seconds:.1f} s{self._by}."
            )
        kinds = {"added": self.added, "changed": self.changed, "removed": self.removed}
        files = ", ".join(f"{len(v)} {k}" for k, v in kinds.items() if v)
        took = f"{self.chunks} chunks embedded in {self.seconds:.1f} s{self._by}"
        return f"Ingested: {files}; {took}."

    @property
    def _by(self) -> str:
        return f" ({self.backend})" if self.backend and self.chunks else ""


def fingerprint(settings: Settings, model: str) -> str:
    """What the index depends on besides the files: the model's identity, chunking."""
    payload = {
        "model": model,
        "chunk_size": settings.chunk_size,
        "version": INDEX_VERSION,
        **({"multilingual": UseEmbedder().identity} if settings.multilingual else {}),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def corpus_hashes(settings: Settings) -> dict[str, str]:
    """Content hash of every corpus file ingest would read, by source name."""
    corpus_dir = settings.corpus_dir
    try:
        files = list_corpus(corpus_dir)
    except CorpusError:
        return {}
    hashes = {}
    for path in files:
        try:
            check_file(path, corpus_dir, max_bytes=int(settings.max_file_mb * 1e6))
            hashes[source_name(path, corpus_dir)] = hash_file(path)
        except (ReadError, OSError):
            continue
    return hashes


Step = Callable[[str], None]
STEPS = ("copied", "embedding", "written", "switch", "switched")
"""Named points of an ingest, passed to `on_step`; fault-injection tests die at each."""


def open_store(settings: Settings, version: Path, collection: str) -> ChromaStore:
    """The vectors of one index version: in its folder, or on the server when one is set."""
    return ChromaStore.open(path=version / "chroma", url=settings.chroma_url, collection=collection)


def ingest(
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    progress: Progress = lambda line: None,
    on_step: Step = lambda step: None,
    rebuild: bool = False,
) -> IngestReport:
    """Bring the index in line with the corpus: a new version, verified, then switched to.

    Add new files, replace changed ones, remove deleted ones, all files again when the
    settings changed or `rebuild` is set. The serving version is never written to.

    Raises:
        IngestBusyError: another ingest holds the lock for longer than `settings.lock_wait`.
        IngestError: the new version failed its check (the serving one is unchanged).
    """
    layout = IndexLayout(settings.index_dir)
    with layout.lock(wait=settings.lock_wait):
        layout.migrate_legacy()
        for leftover in layout.leftovers():  # earlier versions, crashed ingests
            _remove_version(settings, leftover)
        return _ingest(layout, settings, embedder, progress, on_step, rebuild=rebuild)


def _ingest(
    layout: IndexLayout,
    settings: Settings,
    embedder: Embedder | None,
    progress: Progress,
    on_step: Step,
    *,
    rebuild: bool,
) -> IngestReport:
    began = time.perf_counter()
    report = IngestReport()
    files = list_corpus(settings.corpus_dir)
    identity = (embedder or make_embedder(settings)).identity  # the vectors queries will meet
    wanted = fingerprint(settings, identity)
    serving = layout.current()
    old = Manifest.load(serving)
    fresh = rebuild or old is None or old.fingerprint != wanted
    report.rebuilt = fresh and old is not None
    manifest = Manifest(fingerprint=wanted)
    if old is not None and not fresh:
        manifest = Manifest(
            wanted, dict(old.files), chunks=dict(old.chunks), skipped=dict(old.skipped)
        )
    metadata, warning = load_metadata(settings.corpus_dir)
    if warning:
        progress(f"warning: {warning}")

    max_bytes = int(settings.max_file_mb * 1e6)
    seen: set[str] = set()
    pending: list[tuple[Path, str, str]] = []
    for path in files:
        source = source_name(path, settings.corpus_dir)
        try:
            check_file(path, settings.corpus_dir, max_bytes=max_bytes)
            digest = hash_file(path)
        except ReadError as error:
            _skip(report, progress, source, str(error))
            continue
        except OSError as error:
            _skip(report, progress, source, f"cannot read file ({error.strerror})")
            continue
        seen.add(source)  # a file skipped here leaves the index, like one that cannot be read
        if source in manifest.skipped and manifest.skipped[source][0] == digest:
            report.skipped.append((source, manifest.skipped[source][1]))  # still unreadable
        elif manifest.files.get(source) != digest:
            pending.append((path, source, digest))
    gone = sorted(set(manifest.files) - seen)
    forgotten = sorted(set(manifest.skipped) - seen - {source for _, source, _ in pending})
    if not (fresh or pending or gone or forgotten):
        report.seconds = time.perf_counter() - began
        return report

    # Loads lazily: the model is read only if a text is embedded.
    backend = ingest_backend(settings, sum(_size(path) for path, _, _ in pending))
    model = embedder or make_embedder(settings.with_(embedding_backend=backend))
    report.backend = "" if embedder else backend
    if model.identity != identity:
        raise SettingsError(
            f"ASSISTANT_INGEST_BACKEND={settings.ingest_backend} makes other vectors than"
            f" ASSISTANT_EMBEDDING_BACKEND={settings.embedding_backend}, which queries use"
        )
    version = layout.new_version()
    if fresh or settings.chroma_url:
        manifest.collection = f"{COLLECTION}-{version.name}"
    elif old is not None:
        manifest.collection = old.collection  # its folder is copied with the vectors
    store = _start_version(settings, version, None if fresh else serving, old, manifest)
    passages = PassageTable(version / "passages.sqlite")
    facts = FactTable(version / "facts.sqlite")
    manifest.multilingual = settings.multilingual
    crosslingual = (
        (MultilingualVectors(version / MULTILINGUAL_FILE), UseEmbedder())
        if settings.multilingual
        else None
    )
    on_step("copied")

    def remove(source: str) -> None:
        """Take a file out of every part of the new version and out of the manifest."""
        store.delete(passages.delete_document(source))
        facts.delete_document(source)
        if crosslingual:
            crosslingual[0].delete_document(source)
        del manifest.files[source]
        manifest.chunks.pop(source, None)
        report.removed.append(source)

    for source in gone:
        remove(source)
        progress(f"removed {source}")

    for source in forgotten:
        del manifest.skipped[source]
    for number, (path, source, digest) in enumerate(pending, 1):
        known = source in manifest.files
        manifest.skipped.pop(source, None)
        try:
            document = load_document(path, settings.corpus_dir, metadata, max_bytes=max_bytes)
        except Exception as error:  # noqa: BLE001 - any reader failure skips only this file
            _skip(report, progress, source, str(error))
            manifest.skipped[source] = (digest, str(error))
            if known:
                remove(source)
            continue
        chunks = split_into_chunks(document, chunk_size=settings.chunk_size)
        _index_document(document, chunks, model, store, passages)
        if crosslingual:
            vectors, encoder = crosslingual
            units = [u.text for c in chunks for u in c.units]
            vectors.replace_document(source, chunks, encoder.encode(units))
        facts.replace_document(source, extract_facts([u for c in chunks for u in c.units]))
        manifest.files[source] = document.sha256
        manifest.chunks[source] = len(chunks)
        (report.changed if known else report.added).append(source)
        report.chunks += len(chunks)
        elapsed = time.perf_counter() - began
        progress(f"[{number}/{len(pending)}] {source}: {len(chunks)} chunks ({elapsed:.1f} s)")
        on_step("embedding")

    facts.embed_labels(model.encode)
    ids, texts = zip(*passages.all_chunks(), strict=True) if manifest.files else ((), ())
    build_bm25(version / "bm25", list(ids), list(texts))
    manifest.facts = facts.count()
    passages.close()
    facts.close()
    if crosslingual:
        crosslingual[0].close()
    on_step("written")

    problems = check_version(version, manifest, store)
    if problems:
        _remove_version(settings, version, manifest)
        raise IngestError(
            "the new index version failed its check (" + "; ".join(problems) + ");"
            " the serving index is unchanged"
        )
    manifest.save(version)
    layout.switch(version, before_rename=lambda: on_step("switch"))
    on_step("switched")
    if serving is not None:
        _remove_version(settings, serving, old, keep=manifest.collection)
    report.seconds = time.perf_counter() - began
    return report


def _start_version(
    settings: Settings,
    version: Path,
    serving: Path | None,
    old: Manifest | None,
    manifest: Manifest,
) -> ChromaStore:
    """The new version's store: empty, or a copy of the serving version to update."""
    if serving is None or old is None:
        return open_store(settings, version, manifest.collection)
    if settings.chroma_url is None:  # embedded: the files are the whole version
        shutil.copytree(serving, version, dirs_exist_ok=True)
        return open_store(settings, version, manifest.collection)
    for name in ("passages.sqlite", "facts.sqlite", MULTILINGUAL_FILE):
        if (serving / name).exists():
            shutil.copy2(serving / name, version / name)
    store = open_store(settings, version, manifest.collection)
    store.copy_from(open_store(settings, serving, old.collection))
    return store


def _remove_version(
    settings: Settings, version: Path, manifest: Manifest | None = None, *, keep: str = ""
) -> None:
    """Delete a version's folder and, on a server, its collection (unless it is `keep`)."""
    manifest = manifest or Manifest.load(version)
    if settings.chroma_url is not None:
        name = manifest.collection if manifest else f"{COLLECTION}-{version.name}"
        if name != keep:
            open_store(settings, version, name).drop()
    IndexLayout(settings.index_dir).remove(version)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # gone since it was listed: loading it will say so


def _skip(report: IngestReport, progress: Progress, source: str, reason: str) -> None:
    report.skipped.append((source, reason))
    progress(f"warning: skipped {source}: {reason}")


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
    # The document's vector, the same way from its chunks: what the whole brief is about.
    document_vector = chunk_vectors.sum(axis=0)
    document_vector /= max(float(np.linalg.norm(document_vector)), 1e-9)
    store.delete(passages.delete_document(document.source))
    store.add(chunks, chunk_vectors)
    passages.replace_document(document, chunks, vectors, document_vector)
