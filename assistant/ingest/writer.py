"""The new index version being written: its vectors, passages, facts and multilingual
vectors, one document at a time; and the removal of a version."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.encoders.embed import Embedder
from assistant.encoders.multilingual import UseEmbedder
from assistant.facts.extract import extract_facts
from assistant.ingest.plan import Plan
from assistant.ingest.report import IngestReport, Progress
from assistant.storage.crosslingual import FILE as MULTILINGUAL_FILE
from assistant.storage.crosslingual import MultilingualVectors
from assistant.storage.facts import FactTable
from assistant.storage.manifest import Manifest
from assistant.storage.passages import PassageTable
from assistant.storage.vectors import COLLECTION, ChromaStore, Store, open_store
from assistant.storage.versions import IndexLayout
from assistant.text.tables import TableParser
from assistant.types import Chunk, Document, Vectors


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
        self,
        document: Document,
        chunks: list[Chunk],
        model: Embedder,
        tables: TableParser | None,
        progress: Progress,
    ) -> None:
        """Embed and store one document's chunks, its multilingual vectors and its facts."""
        _index_document(document, chunks, model, self.store, self.passages, progress)
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


def open_writer(plan: Plan, settings: Settings) -> VersionWriter:
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


def remove_version(
    settings: Settings, version: Path, manifest: Manifest | None = None, *, keep: str = ""
) -> None:
    """Delete a version's folder and, on a server, its collection (unless it is `keep`)."""
    manifest = manifest or Manifest.load(version)
    if settings.chroma_url is not None:
        name = manifest.collection if manifest else f"{COLLECTION}-{version.name}"
        if name != keep:
            open_store(settings, version, name).drop()
    IndexLayout(settings.index_dir).remove(version)


def _index_document(
    document: Document,
    chunks: list[Chunk],
    embedder: Embedder,
    store: Store,
    passages: PassageTable,
    progress: Progress,
) -> None:
    # Each text is embedded once: the units (sentences, rows, items); a chunk's vector is
    # the normalised mean of its units' vectors.
    vectors = _encode(embedder, [u.text for c in chunks for u in c.units], document, progress)
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


PROGRESS_EVERY = 1024
"""Units embedded between two progress lines of one long document."""


def _encode(
    embedder: Embedder, texts: list[str], document: Document, progress: Progress
) -> Vectors:
    """The texts' vectors; a long document says how far it got every `PROGRESS_EVERY` units."""
    if len(texts) <= PROGRESS_EVERY:
        return embedder.encode(texts)
    parts = []
    for start in range(0, len(texts), PROGRESS_EVERY):
        parts.append(embedder.encode(texts[start : start + PROGRESS_EVERY]))
        done = min(start + PROGRESS_EVERY, len(texts))
        progress(f"  {document.source}: {done}/{len(texts)} units embedded")
    return np.concatenate(parts)
