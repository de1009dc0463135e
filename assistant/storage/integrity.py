"""Integrity check: an index version's manifest, passages, vectors, BM25 and facts agree.

One comparison (`compare`) of what the parts hold against the manifest: an ingest feeds it
counts read from the new version's files (`check_version`); an open assistant feeds it the
counts of what it has already loaded, so nothing is read twice.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from assistant.storage.bm25 import TermStats
from assistant.storage.crosslingual import FILE, MultilingualVectors
from assistant.storage.facts import FactTable
from assistant.storage.manifest import Manifest
from assistant.storage.passages import PassageTable
from assistant.storage.vectors import Store

REQUIRED = ("passages.sqlite", "facts.sqlite", "bm25")
READ_ERRORS = (sqlite3.Error, OSError, json.JSONDecodeError, KeyError)
"""What reading a damaged index file raises."""


@dataclass(frozen=True)
class IndexCounts:
    """What each part of a version holds, and what could not be counted."""

    documents: int
    chunks: int
    vectors: int
    bm25: int
    facts: int
    multilingual: int
    problems: tuple[str, ...] = ()
    """Parts that could not be read, one line each (their count is then 0)."""


def missing_files(folder: Path) -> list[str]:
    """The version's files that are not there, as problems."""
    return [f"{name} is missing" for name in REQUIRED if not (folder / name).exists()][:1]


def check_version(folder: Path, manifest: Manifest, store: Store) -> list[str]:
    """What is off in the version at `folder`, one line each; empty when all agree."""
    missing = missing_files(folder)
    if missing:
        return missing
    try:
        with closing(PassageTable(folder / "passages.sqlite")) as passages:
            counts = passages.counts()
        with closing(FactTable(folder / "facts.sqlite")) as table:
            facts = table.count()
        bm25 = TermStats.load(folder / "bm25").n
    except READ_ERRORS as error:
        return [f"the index files cannot be read ({error})"]
    multilingual = 0
    if manifest.multilingual and (folder / FILE).exists():
        with closing(MultilingualVectors(folder / FILE)) as crossed:
            multilingual = crossed.count()
    vectors, problems = count_vectors(store)
    found = IndexCounts(
        counts["documents"], counts["chunks"], vectors, bm25, facts, multilingual, problems
    )
    return compare(manifest, found)


def count_vectors(store: Store) -> tuple[int, tuple[str, ...]]:
    """The store's vector count, and why it cannot be read when it cannot (count 0)."""
    try:
        return store.count(), ()
    except Exception as error:  # noqa: BLE001 - a missing collection raises its own type
        return 0, (f"the vector store cannot be read ({error})",)


def compare(manifest: Manifest, found: IndexCounts) -> list[str]:
    """What disagrees between the manifest and the parts' counts, one line each."""
    problems = list(found.problems)
    chunks = found.chunks
    if found.documents != len(manifest.files):
        problems.append(
            f"the manifest lists {len(manifest.files)} files but the passages hold"
            f" {found.documents}"
        )
    if manifest.chunks and sum(manifest.chunks.values()) != chunks:
        problems.append(
            f"the manifest counts {sum(manifest.chunks.values())} chunks but the passages"
            f" hold {chunks}"
        )
    if not found.problems and found.vectors != chunks:
        problems.append(f"the vector store holds {found.vectors} vectors for {chunks} chunks")
    if found.bm25 != chunks:
        problems.append(f"the BM25 index holds {found.bm25} chunks of {chunks}")
    if manifest.multilingual and found.multilingual != chunks:
        problems.append(f"the multilingual vectors cover {found.multilingual} chunks of {chunks}")
    if manifest.facts is not None and found.facts != manifest.facts:
        problems.append(f"the facts table holds {found.facts} facts, the manifest {manifest.facts}")
    return problems
