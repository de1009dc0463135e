"""Integrity check: an index version's manifest, passages, vectors, BM25 and facts agree."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from assistant.config import Settings
from assistant.facts.db import FactTable
from assistant.ingest.crosslingual import FILE, MultilingualVectors
from assistant.ingest.manifest import Manifest
from assistant.ingest.passages import PassageTable
from assistant.ingest.store import ChromaStore, Store
from assistant.ingest.terms import TermStats
from assistant.ingest.versions import IndexLayout


def check_serving(settings: Settings) -> list[str]:
    """What is off in the index version serving now (nothing when there is none yet)."""
    version = IndexLayout(settings.index_dir).current()
    if version is None:
        return []
    manifest = Manifest.load(version)
    if manifest is None:
        return ["the manifest is missing or damaged"]
    store = ChromaStore.open(
        path=version / "chroma", url=settings.chroma_url, collection=manifest.collection
    )
    return check_version(version, manifest, store)


def check_version(folder: Path, manifest: Manifest, store: Store) -> list[str]:
    """What is off in the version at `folder`, one line each; empty when all agree."""
    for name in ("passages.sqlite", "facts.sqlite", "bm25"):
        if not (folder / name).exists():
            return [f"{name} is missing"]
    try:
        with closing(PassageTable(folder / "passages.sqlite")) as passages:
            counts = passages.counts()
        with closing(FactTable(folder / "facts.sqlite")) as table:
            facts = table.count()
        bm25 = TermStats.load(folder / "bm25").n
    except (sqlite3.Error, OSError, json.JSONDecodeError, KeyError) as error:
        return [f"the index files cannot be read ({error})"]
    problems = []
    if counts["documents"] != len(manifest.files):
        problems.append(
            f"the manifest lists {len(manifest.files)} files but the passages hold"
            f" {counts['documents']}"
        )
    chunks = counts["chunks"]
    if manifest.chunks and sum(manifest.chunks.values()) != chunks:
        problems.append(
            f"the manifest counts {sum(manifest.chunks.values())} chunks but the passages"
            f" hold {chunks}"
        )
    try:
        vectors = store.count()
    except Exception as error:  # noqa: BLE001 - a missing collection raises its own type
        problems.append(f"the vector store cannot be read ({error})")
    else:
        if vectors != chunks:
            problems.append(f"the vector store holds {vectors} vectors for {chunks} chunks")
    if bm25 != chunks:
        problems.append(f"the BM25 index holds {bm25} chunks of {chunks}")
    if manifest.multilingual:
        multilingual = 0
        if (folder / FILE).exists():
            with closing(MultilingualVectors(folder / FILE)) as crossed:
                multilingual = crossed.count()
        if multilingual != chunks:
            problems.append(f"the multilingual vectors cover {multilingual} chunks of {chunks}")
    if manifest.facts is not None and facts != manifest.facts:
        problems.append(f"the facts table holds {facts} facts, the manifest {manifest.facts}")
    return problems
