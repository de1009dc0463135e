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
from assistant.encoders.embed import Embedder
from assistant.encoders.multilingual import UseEmbedder
from assistant.encoders.registry import ingest_backend, make_embedder
from assistant.errors import CorpusError, IngestError, ReadError, SettingsError
from assistant.facts.extract import extract_facts
from assistant.ingest.chunk import split_into_chunks
from assistant.ingest.load import (
    check_file,
    hash_file,
    list_corpus,
    load_document,
    load_metadata,
    source_name,
)
from assistant.storage.bm25 import build_bm25
from assistant.storage.crosslingual import FILE as MULTILINGUAL_FILE
from assistant.storage.crosslingual import MultilingualVectors
from assistant.storage.facts import FactTable
from assistant.storage.integrity import check_version
from assistant.storage.manifest import Manifest
from assistant.storage.passages import PassageTable
from assistant.storage.vectors import COLLECTION, ChromaStore, Store, open_store
from assistant.storage.versions import IndexLayout
from assistant.text.tables import TableParser
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


def ingest(
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    tables: TableParser | None = None,
    progress: Progress = lambda line: None,
    on_step: Step = lambda step: None,
    rebuild: bool = False,
) -> IngestReport:
    """Bring the index in line with the corpus: a new version, verified, then switched to.

    Add new files, replace changed ones, remove deleted ones, all files again when the
    settings changed or `rebuild` is set. The serving version is never written to.
    `tables` reads the tables that facts are extracted from (default: pipe tables).

    Raises:
        IngestBusyError: another ingest holds the lock for longer than `settings.lock_wait`.
        IngestError: the new version failed its check (the serving one is unchanged).
    """
    layout = IndexLayout(settings.index_dir)
    with layout.lock(wait=settings.lock_wait):
        layout.migrate_legacy()
        for leftover in layout.leftovers():  # earlier versions, crashed ingests
            _remove_version(settings, leftover)
        began = time.perf_counter()
        report = IngestReport()
        identity = (embedder or make_embedder(settings)).identity  # what queries will meet
        plan = _plan(layout, settings, identity, report, progress, rebuild=rebuild)
        if plan.has_work:
            _build_version(plan, settings, embedder, tables, report, progress, on_step, began)
        report.seconds = time.perf_counter() - began
        return report


@dataclass
class Plan:
    """What an ingest must do: the files to (re)index, to remove and to forget."""

    serving: Path | None
    old: Manifest | None
    manifest: Manifest
    """The new version's manifest, starting from the serving one unless `fresh`."""
    fresh: bool
    """Every file is indexed again (settings changed, or a rebuild was asked for)."""
    identity: str
    pending: list[tuple[Path, str, str]] = field(default_factory=list)
    """(path, source, sha256) of each new or changed file."""
    gone: list[str] = field(default_factory=list)
    forgotten: list[str] = field(default_factory=list)
    """Unreadable files remembered earlier that are no longer in the corpus."""
    metadata: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def has_work(self) -> bool:
        return bool(self.fresh or self.pending or self.gone or self.forgotten)


def _plan(
    layout: IndexLayout,
    settings: Settings,
    identity: str,
    report: IngestReport,
    progress: Progress,
    *,
    rebuild: bool,
) -> Plan:
    """Compare the corpus with the serving version's manifest."""
    files = list_corpus(settings.corpus_dir)
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
    plan = Plan(serving, old, manifest, fresh, identity, metadata=metadata)
    max_bytes = int(settings.max_file_mb * 1e6)
    seen: set[str] = set()
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
            plan.pending.append((path, source, digest))
    plan.gone = sorted(set(manifest.files) - seen)
    pending = {source for _, source, _ in plan.pending}
    plan.forgotten = sorted(set(manifest.skipped) - seen - pending)
    return plan


@dataclass
class VersionWriter:
    """The parts of a new version being written, and what has gone into them."""

    version: Path
    manifest: Manifest
    store: ChromaStore
    passages: PassageTable
    facts: FactTable
    multilingual: MultilingualVectors | None
    """The units' multilingual vectors, when the settings ask for them."""

    def remove(self, source: str, report: IngestReport) -> None:
        """Take a file out of every part of the new version and out of the manifest."""
        self.store.delete(self.passages.delete_document(source))
        self.facts.delete_document(source)
        if self.multilingual:
            self.multilingual.delete_document(source)
        del self.manifest.files[source]
        self.manifest.chunks.pop(source, None)
        report.removed.append(source)

    def add(
        self, document: Document, chunks: list[Chunk], model: Embedder, tables: TableParser | None
    ) -> None:
        """Embed and store one document's chunks, its multilingual vectors and its facts."""
        _index_document(document, chunks, model, self.store, self.passages)
        units = [u for c in chunks for u in c.units]
        if self.multilingual:
            vectors = UseEmbedder().encode([u.text for u in units])
            self.multilingual.replace_document(document.source, chunks, vectors)
        self.facts.replace_document(document.source, extract_facts(units, tables=tables))
        self.manifest.files[document.source] = document.sha256
        self.manifest.chunks[document.source] = len(chunks)

    def close(self) -> None:
        self.passages.close()
        self.facts.close()
        if self.multilingual:
            self.multilingual.close()


def _build_version(
    plan: Plan,
    settings: Settings,
    embedder: Embedder | None,
    tables: TableParser | None,
    report: IngestReport,
    progress: Progress,
    on_step: Step,
    began: float,
) -> None:
    """Write a new version with the plan carried out, check it, and switch to it."""
    # Loads lazily: the model is read only if a text is embedded.
    backend = ingest_backend(settings, sum(_size(path) for path, _, _ in plan.pending))
    model = embedder or make_embedder(settings.with_(embedding_backend=backend))
    report.backend = "" if embedder else backend
    if model.identity != plan.identity:
        raise SettingsError(
            f"ASSISTANT_INGEST_BACKEND={settings.ingest_backend} makes other vectors than"
            f" ASSISTANT_EMBEDDING_BACKEND={settings.embedding_backend}, which queries use"
        )
    writer = _open_writer(plan, settings)
    on_step("copied")
    for source in plan.gone:
        writer.remove(source, report)
        progress(f"removed {source}")
    for source in plan.forgotten:
        del writer.manifest.skipped[source]
    for number, (path, source, digest) in enumerate(plan.pending, 1):
        chunks = _index_file(
            writer, path, source, digest, settings, model, tables, plan, report, progress
        )
        if chunks is not None:
            elapsed = time.perf_counter() - began
            progress(f"[{number}/{len(plan.pending)}] {source}: {chunks} chunks ({elapsed:.1f} s)")
            on_step("embedding")
    _finish_version(writer, plan, settings, model, on_step)


def _open_writer(plan: Plan, settings: Settings) -> VersionWriter:
    layout = IndexLayout(settings.index_dir)
    version = layout.new_version()
    manifest = plan.manifest
    if plan.fresh or settings.chroma_url:
        manifest.collection = f"{COLLECTION}-{version.name}"
    elif plan.old is not None:
        manifest.collection = plan.old.collection  # its folder is copied with the vectors
    serving = None if plan.fresh else plan.serving
    store = _start_version(settings, version, serving, plan.old, manifest)
    manifest.multilingual = settings.multilingual
    multilingual = (
        MultilingualVectors(version / MULTILINGUAL_FILE) if settings.multilingual else None
    )
    return VersionWriter(
        version,
        manifest,
        store,
        PassageTable(version / "passages.sqlite"),
        FactTable(version / "facts.sqlite"),
        multilingual,
    )


def _index_file(
    writer: VersionWriter,
    path: Path,
    source: str,
    digest: str,
    settings: Settings,
    model: Embedder,
    tables: TableParser | None,
    plan: Plan,
    report: IngestReport,
    progress: Progress,
) -> int | None:
    """Read, chunk and index one new or changed file; its chunk count, or None when it
    could not be read (it is then skipped, named, and remembered as unreadable)."""
    manifest = writer.manifest
    known = source in manifest.files
    manifest.skipped.pop(source, None)
    max_bytes = int(settings.max_file_mb * 1e6)
    try:
        document = load_document(path, settings.corpus_dir, plan.metadata, max_bytes=max_bytes)
    except Exception as error:  # noqa: BLE001 - any reader failure skips only this file
        _skip(report, progress, source, str(error))
        manifest.skipped[source] = (digest, str(error))
        if known:
            writer.remove(source, report)
        return None
    chunks = split_into_chunks(document, chunk_size=settings.chunk_size)
    writer.add(document, chunks, model, tables)
    (report.changed if known else report.added).append(source)
    report.chunks += len(chunks)
    return len(chunks)


def _finish_version(
    writer: VersionWriter, plan: Plan, settings: Settings, model: Embedder, on_step: Step
) -> None:
    """Label vectors and BM25 for the whole version, the check, then the atomic switch."""
    manifest, version = writer.manifest, writer.version
    writer.facts.embed_labels(model.encode)
    ids, texts = zip(*writer.passages.all_chunks(), strict=True) if manifest.files else ((), ())
    build_bm25(version / "bm25", list(ids), list(texts))
    manifest.facts = writer.facts.count()
    writer.close()
    on_step("written")

    problems = check_version(version, manifest, writer.store)
    if problems:
        _remove_version(settings, version, manifest)
        raise IngestError(
            "the new index version failed its check (" + "; ".join(problems) + ");"
            " the serving index is unchanged"
        )
    manifest.save(version)
    layout = IndexLayout(settings.index_dir)
    layout.switch(version, before_rename=lambda: on_step("switch"))
    on_step("switched")
    if plan.serving is not None:
        _remove_version(settings, plan.serving, plan.old, keep=manifest.collection)


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
