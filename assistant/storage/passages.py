"""The passage table (SQLite): documents' texts, chunks, units and unit vectors."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from assistant.storage.sqlite import Database
from assistant.text.terms import terms
from assistant.types import Chunk, Document, Unit, UnitKind, Vectors

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    source TEXT PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL,
    extracted INTEGER NOT NULL, page_starts TEXT NOT NULL, metadata TEXT NOT NULL,
    vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_by_source ON chunks(source);
CREATE TABLE IF NOT EXISTS units (
    id TEXT PRIMARY KEY, chunk_id TEXT NOT NULL, source TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, kind TEXT NOT NULL, block INTEGER NOT NULL,
    context TEXT NOT NULL, vector BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS units_by_chunk ON units(chunk_id);
CREATE INDEX IF NOT EXISTS units_by_block ON units(source, block);
"""


class PassageTable:
    """Everything needed to quote a passage: texts are stored once, spans point into them."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.db = Database(path, SCHEMA, create=create)
        self._texts: dict[str, str] = {}
        self._terms: dict[str, frozenset[str]] = {}
        self._documents: dict[str, Document] | None = None
        self._titles: dict[str, str] | None = None
        self._chunks_of: dict[frozenset[str], frozenset[str]] = {}

    def close(self) -> None:
        self.db.close()

    def replace_document(
        self,
        document: Document,
        chunks: Sequence[Chunk],
        unit_vectors: Vectors,
        document_vector: Vectors,
    ) -> None:
        """Store a document with its chunks and units, replacing an earlier version;
        `document_vector` stands for the whole document (the mean of its chunk vectors)."""
        self.delete_document(document.source, commit=False)
        self.db.run(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                document.source,
                document.title,
                document.text,
                int(document.extracted),
                json.dumps(document.page_starts),
                json.dumps(dict(document.metadata)),
                np.asarray(document_vector, dtype=np.float32).tobytes(),
            ),
        )
        self.db.run_many(
            "INSERT INTO chunks VALUES (?, ?, ?, ?)",
            [(c.id, c.source, c.start, c.end) for c in chunks],
        )
        units = [u for c in chunks for u in c.units]
        self.db.run_many(
            "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    u.id,
                    u.chunk_id,
                    u.source,
                    u.start,
                    u.end,
                    u.kind,
                    u.block,
                    u.context,
                    v.tobytes(),
                )
                for u, v in zip(units, unit_vectors, strict=True)
            ],
        )
        self.db.commit()
        self._texts.pop(document.source, None)
        self._terms.pop(document.source, None)
        self._documents = self._titles = None
        self._chunks_of = {}

    def delete_document(self, source: str, *, commit: bool = True) -> list[str]:
        """Remove a document; returns the ids of the chunks it had."""
        ids = [
            row[0] for row in self.db.fetchall("SELECT id FROM chunks WHERE source = ?", (source,))
        ]
        for table in ("documents", "chunks", "units"):
            self.db.run(f"DELETE FROM {table} WHERE source = ?", (source,))  # noqa: S608
        if commit:
            self.db.commit()
        self._texts.pop(source, None)
        self._terms.pop(source, None)
        self._documents = self._titles = None
        self._chunks_of = {}
        return ids

    def reset(self) -> None:
        for table in ("documents", "chunks", "units"):
            self.db.run(f"DELETE FROM {table}")  # noqa: S608
        self.db.commit()
        self._texts.clear()
        self._terms.clear()
        self._documents = self._titles = None
        self._chunks_of = {}

    def text(self, source: str) -> str:
        """The text a document's offsets refer to."""
        if source not in self._texts:
            row = self.db.fetchone("SELECT text FROM documents WHERE source = ?", (source,))
            self._texts[source] = row[0] if row else ""
        return self._texts[source]

    def terms(self, source: str) -> frozenset[str]:
        """The terms a document uses (its vocabulary), read once."""
        if source not in self._terms:
            self._terms[source] = frozenset(terms(self.text(source)))
        return self._terms[source]

    def documents(self) -> list[Document]:
        rows = self.db.fetchall(
            "SELECT source, title, text, extracted, page_starts, metadata FROM documents"
            " ORDER BY source"
        )
        return [
            Document(
                source=source,
                text=text,
                title=title,
                sha256="",
                extracted=bool(extracted),
                page_starts=tuple(json.loads(pages)),
                metadata=tuple(sorted(json.loads(metadata).items())),
            )
            for source, title, text, extracted, pages, metadata in rows
        ]

    def titles(self) -> dict[str, str]:
        """Every document's title by source, in source order, without reading the texts
        (asked for each answer: which briefs were searched); read once."""
        if self._titles is None:
            rows = self.db.fetchall("SELECT source, title FROM documents ORDER BY source")
            self._titles = {source: title for source, title in rows}
        return self._titles

    def document(self, source: str) -> Document | None:
        if self._documents is None:
            self._documents = {d.source: d for d in self.documents()}
        return self._documents.get(source)

    def document_vectors(self) -> tuple[list[str], Vectors]:
        """The source and vector of every document with text (rows in the same order)."""
        rows = self.db.fetchall(
            "SELECT source, vector FROM documents WHERE length(vector) > 0 ORDER BY source"
        )  # a document with no text has no vector
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        vectors = np.stack([np.frombuffer(vector, dtype=np.float32) for _, vector in rows])
        return [source for source, _ in rows], vectors

    def chunks_of(self, sources: frozenset[str]) -> frozenset[str]:
        """The ids of these documents' chunks (what a search scoped to them may return);
        read once per choice of documents (a question's retrieval and figures both ask)."""
        if sources not in self._chunks_of:
            names = sorted(sources)
            marks = ",".join("?" * len(names))
            rows = self.db.fetchall(
                f"SELECT id FROM chunks WHERE source IN ({marks})",  # noqa: S608
                names,
            )
            self._chunks_of[sources] = frozenset(row[0] for row in rows)
        return self._chunks_of[sources]

    def all_chunks(self) -> list[tuple[str, str]]:
        """(id, text) of every chunk, in a stable order (for the BM25 index)."""
        rows = self.db.fetchall('SELECT id, source, start, "end" FROM chunks ORDER BY id')
        return [(id_, self.text(source)[start:end]) for id_, source, start, end in rows]

    def chunk_texts(self, chunk_ids: Iterable[str]) -> list[tuple[str, str]]:
        """(id, text) of some chunks."""
        ids = list(chunk_ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.db.fetchall(
            f'SELECT id, source, start, "end" FROM chunks WHERE id IN ({marks})',  # noqa: S608
            ids,
        )
        return [(id_, self.text(source)[start:end]) for id_, source, start, end in rows]

    def units_of(self, chunk_ids: Iterable[str]) -> tuple[list[Unit], Vectors]:
        """The units of some chunks, in document order, with their vectors."""
        ids = list(chunk_ids)
        if not ids:
            return [], np.zeros((0, 0), dtype=np.float32)
        marks = ",".join("?" * len(ids))
        rows = self.db.fetchall(
            f'SELECT id, chunk_id, source, start, "end", kind, block, context, vector FROM units'  # noqa: S608
            f" WHERE chunk_id IN ({marks}) ORDER BY id",
            ids,
        )
        units = [
            Unit(id_, chunk_id, src, start, end, self.text(src)[start:end], kind, block, context)
            for id_, chunk_id, src, start, end, kind, block, context, _ in rows
        ]
        vectors = np.stack([np.frombuffer(row[8], dtype=np.float32) for row in rows])
        return units, vectors

    def document_units(self, source: str) -> tuple[list[Unit], Vectors]:
        """Every unit of one document, in order, with their vectors."""
        chunks = self.db.fetchall("SELECT id FROM chunks WHERE source = ? ORDER BY id", (source,))
        units, vectors = self.units_of(row[0] for row in chunks)
        order = sorted(range(len(units)), key=lambda i: units[i].start)
        return [units[i] for i in order], vectors[order] if order else vectors

    def units_of_kind(self, kind: UnitKind, *, limit: int = 2000) -> list[Unit]:
        """Units of one kind ("heading", "prose", ...) in document order; `limit` -1 for all."""
        return self._units("kind = ? ORDER BY source, start LIMIT ?", (kind, limit))

    def row_units(self) -> list[Unit]:
        """Every table row of every brief, in one read."""
        return self._units("kind = 'row' ORDER BY source, start", ())

    def block_units(self, source: str, block: int) -> list[Unit]:
        """Every unit of one table, list or paragraph."""
        return self._units("source = ? AND block = ? ORDER BY start", (source, block))

    def table_blocks(self, source: str) -> list[int]:
        """The blocks of one brief that are tables, in document order."""
        rows = self.db.fetchall(
            "SELECT DISTINCT block FROM units WHERE source = ? AND kind = 'row' ORDER BY block",
            (source,),
        )
        return [int(block) for (block,) in rows]

    def unit_at(self, source: str, start: int, end: int) -> Unit | None:
        """The unit written at exactly `source[start:end]` (a fact's row or sentence)."""
        found = self._units('source = ? AND start = ? AND "end" = ?', (source, start, end))
        return found[0] if found else None

    def _units(self, where: str, params: tuple[object, ...]) -> list[Unit]:
        """Units matching `where`, one of the constant clauses of the methods above."""
        query = f'SELECT id, chunk_id, source, start, "end", kind, block, context FROM units WHERE {where}'  # noqa: S608, E501
        rows = self.db.fetchall(query, params)
        return [
            Unit(id_, chunk_id, src, start, end, self.text(src)[start:end], kind, blk, ctx)
            for id_, chunk_id, src, start, end, kind, blk, ctx in rows
        ]

    def counts(self) -> dict[str, int]:
        return {
            table: int(self.db.fetchone(f"SELECT COUNT(*) FROM {table}")[0])  # noqa: S608
            for table in ("documents", "chunks", "units")
        }
