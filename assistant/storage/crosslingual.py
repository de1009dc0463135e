"""The multilingual vectors of an index version (SQLite): one per unit and per chunk.

Kept beside the passages in `multilingual.sqlite`, so a question in another language is
matched against English units by the multilingual encoder; the chunk vectors are searched
exactly (numpy), loaded the first time such a question is asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from assistant.storage.sqlite import Database
from assistant.types import Chunk, Vectors

SCHEMA = """
CREATE TABLE IF NOT EXISTS units (id TEXT PRIMARY KEY, source TEXT NOT NULL, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (id TEXT PRIMARY KEY, source TEXT NOT NULL, vector BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS units_by_source ON units(source);
CREATE INDEX IF NOT EXISTS chunks_by_source ON chunks(source);
"""
FILE = "multilingual.sqlite"


class MultilingualVectors:
    """Unit and chunk vectors from the multilingual encoder, replaced per document."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.db = Database(path, SCHEMA, create=create)
        self._matrix: tuple[list[str], Vectors] | None = None

    def close(self) -> None:
        self.db.close()

    def replace_document(self, source: str, chunks: Sequence[Chunk], unit_vectors: Vectors) -> None:
        """Store a document's unit vectors and its chunks' (the normalised mean of theirs)."""
        self.delete_document(source, commit=False)
        units = [u for c in chunks for u in c.units]
        self.db.run_many(
            "INSERT INTO units VALUES (?, ?, ?)",
            [(u.id, source, v.tobytes()) for u, v in zip(units, unit_vectors, strict=True)],
        )
        rows, at = [], 0
        for chunk in chunks:
            mean = unit_vectors[at : at + len(chunk.units)].mean(axis=0)
            at += len(chunk.units)
            rows.append((chunk.id, source, (mean / max(np.linalg.norm(mean), 1e-9)).tobytes()))
        self.db.run_many("INSERT INTO chunks VALUES (?, ?, ?)", rows)
        self.db.commit()
        self._matrix = None

    def delete_document(self, source: str, *, commit: bool = True) -> None:
        for table in ("units", "chunks"):
            self.db.run(f"DELETE FROM {table} WHERE source = ?", (source,))  # noqa: S608
        if commit:
            self.db.commit()
        self._matrix = None

    def count(self) -> int:
        """Chunks with a multilingual vector."""
        return int(self.db.fetchone("SELECT COUNT(*) FROM chunks")[0])

    def search(
        self, vector: Vectors, k: int, *, among: frozenset[str] | None = None
    ) -> list[tuple[str, float]]:
        """The `k` chunks nearest to `vector` (exact cosine), best first; only chunks
        `among` these ids when given."""
        if self._matrix is None:
            rows = self.db.fetchall("SELECT id, vector FROM chunks ORDER BY id")
            matrix = (
                np.stack([np.frombuffer(v, dtype=np.float32) for _, v in rows])
                if rows
                else np.zeros((0, 1), dtype=np.float32)
            )
            self._matrix = ([id_ for id_, _ in rows], matrix)
        ids, matrix = self._matrix
        if not ids:
            return []
        scores = matrix @ vector
        if among is not None:
            outside = np.fromiter((id_ not in among for id_ in ids), bool)
            scores = np.where(outside, -np.inf, scores)
        top = [i for i in np.argsort(-scores)[:k] if np.isfinite(scores[i])]
        return [(ids[i], float(scores[i])) for i in top]

    def unit_vectors(self, unit_ids: Iterable[str]) -> Vectors:
        """The vectors of some units, in the order given."""
        ids = list(unit_ids)
        marks = ",".join("?" * len(ids))
        found = dict(
            self.db.fetchall(f"SELECT id, vector FROM units WHERE id IN ({marks})", ids)  # noqa: S608
        )
        return np.stack([np.frombuffer(found[i], dtype=np.float32) for i in ids])
