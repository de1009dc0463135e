"""Ingest: bring the index (vectors, passages, BM25, facts) in line with the corpus.

plan (ingest/plan.py) -> write a new version, one file at a time (ingest/writer.py) ->
finish it (labels, BM25, the check) -> switch to it atomically.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from assistant.config import Settings
from assistant.encoders.embed import Embedder
from assistant.encoders.registry import ingest_backend, make_embedder
from assistant.errors import AssistantError, IngestError, SettingsError
from assistant.ingest.chunk import split_into_chunks
from assistant.ingest.load import load_document
from assistant.ingest.plan import (
    INDEX_VERSION,
    Plan,
    corpus_hashes,
    corpus_problem,
    file_size,
    fingerprint,
    plan_ingest,
)
from assistant.ingest.report import IngestReport, Progress
from assistant.ingest.writer import VersionWriter, open_writer, remove_version
from assistant.storage.bm25 import build_bm25
from assistant.storage.integrity import check_version
from assistant.storage.manifest import Manifest
from assistant.storage.vectors import open_store
from assistant.storage.versions import IndexLayout
from assistant.text.table_reader import TableReader
from assistant.text.tables import TableParser

__all__ = [
    "INDEX_VERSION",
    "IngestReport",
    "corpus_hashes",
    "corpus_problem",
    "fingerprint",
    "ingest",
]


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
    repair: bool = False,
) -> IngestReport:
    """Bring the index in line with the corpus: a new version, verified, then switched to.

    Add new files, replace changed ones, remove deleted ones, all files again when the
    settings changed or `rebuild` is set. The serving version is never written to.
    `tables` reads the tables that facts are extracted from (default: pipe tables).
    `repair` rebuilds everything, unless the serving version is whole once the lock is
    held (another ingest repaired or replaced it meanwhile).

    Raises:
        IngestBusyError: another ingest holds the lock for longer than `settings.lock_wait`.
        IngestError: the new version failed its check (the serving one is unchanged).
    """
    layout = IndexLayout(settings.index_dir)
    with layout.lock(wait=settings.lock_wait):
        layout.migrate_legacy()
        for leftover in layout.leftovers():  # earlier versions, crashed ingests
            remove_version(settings, leftover)
        began = time.perf_counter()
        report = IngestReport()
        if repair and _whole(settings, layout.current()):
            report.whole = True
            return report
        report.repaired = repair
        rebuild = rebuild or repair
        identity = (embedder or make_embedder(settings)).identity  # what queries will meet
        tables = tables or TableReader()
        reader = type(tables).__name__
        plan = plan_ingest(layout, settings, identity, reader, report, progress, rebuild=rebuild)
        if plan.has_work:
            _build_version(plan, settings, embedder, tables, report, progress, on_step, began)
        report.seconds = time.perf_counter() - began
        return report


def _whole(settings: Settings, version: Path | None) -> bool:
    """Whether a version's parts agree with its manifest."""
    manifest = Manifest.load(version)
    if version is None or manifest is None:
        return False
    try:
        store = open_store(settings, version, manifest.collection, create=False)
    except AssistantError:
        return False
    return not check_version(version, manifest, store)


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
    backend = ingest_backend(settings, sum(file_size(path) for path, _, _ in plan.pending))
    model = embedder or make_embedder(settings.with_(embedding_backend=backend))
    report.backend = "" if embedder else backend
    if model.identity != plan.identity:
        raise SettingsError(
            f"ASSISTANT_INGEST_BACKEND={settings.ingest_backend} makes other vectors than"
            f" ASSISTANT_EMBEDDING_BACKEND={settings.embedding_backend}, which queries use"
        )
    if plan.pending and embedder is None:
        # Loading (and, the first time, converting) the model takes seconds: say so.
        progress("loading the embedding model…")
        loading = time.perf_counter()
        model.encode(["warm up"])
        progress(f"embedding model ready ({time.perf_counter() - loading:.1f} s)")
    writer = open_writer(plan, settings)
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
        report.skip(source, str(error), progress)
        manifest.skipped[source] = (digest, str(error))
        if known:
            writer.remove(source, report)
        return None
    chunks = split_into_chunks(document, chunk_size=settings.chunk_size)
    writer.add(document, chunks, model, tables, progress)
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
        remove_version(settings, version, manifest)
        raise IngestError(
            "the new index version failed its check (" + "; ".join(problems) + ");"
            " the serving index is unchanged"
        )
    manifest.save(version)
    layout = IndexLayout(settings.index_dir)
    layout.switch(version, before_rename=lambda: on_step("switch"))
    on_step("switched")
    if plan.serving is not None:
        remove_version(settings, plan.serving, plan.old, keep=manifest.collection)
