"""The facts table (SQLite, `index/facts.sqlite`)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from pathlib import Path

import numpy as np

from assistant.storage.sqlite import Database
from assistant.types import FactRecord, Vectors

COLUMNS = [f.name for f in fields(FactRecord)]
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS facts ({", ".join(COLUMNS)});
CREATE INDEX IF NOT EXISTS facts_by_source ON facts(source);
CREATE INDEX IF NOT EXISTS facts_by_metric ON facts(metric);
CREATE TABLE IF NOT EXISTS labels (metric TEXT PRIMARY KEY, vector BLOB NOT NULL);
"""


class FactTable:
    """Every figure of the corpus, replaced per document like the passages."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.db = Database(path, SCHEMA, create=create)
        self._all: list[FactRecord] | None = None
        self._sources: frozenset[str] = frozenset()
        """The documents this table is read for (see `scoped`); empty: every one."""
        self._views: dict[frozenset[str], FactTable] = {}
        self._subjects: tuple[list[FactRecord], dict[str, str]] | None = None
        self._tables: tuple[list[FactRecord], list[list[str]]] | None = None
        self._index: (
            tuple[
                list[FactRecord],
                dict[str, list[FactRecord]],
                dict[tuple[str, int], list[FactRecord]],
            ]
            | None
        ) = None

    def close(self) -> None:
        self.db.close()

    def scoped(self, sources: frozenset[str]) -> FactTable:
        """The same table read as if it held only these documents' facts (all when empty).
        Shares the connection; its caches are its own."""
        if not sources:
            return self
        view = self._views.get(sources)
        if view is None:
            view = copy.copy(self)
            view._all, view._subjects, view._tables, view._index = None, None, None, None
            view._sources, view._views = sources, {}
            self._views[sources] = view
        return view

    def replace_document(self, source: str, facts: Sequence[FactRecord]) -> None:
        self.db.run("DELETE FROM facts WHERE source = ?", (source,))
        marks = ", ".join("?" * len(COLUMNS))
        self.db.run_many(
            f"INSERT INTO facts VALUES ({marks})",  # noqa: S608
            [tuple(getattr(f, c) for c in COLUMNS) for f in facts],
        )
        self.db.commit()
        self._all = None

    def delete_document(self, source: str) -> None:
        self.replace_document(source, [])

    def reset(self) -> None:
        self.db.run("DELETE FROM facts")
        self.db.commit()
        self._all = None

    def all(self) -> list[FactRecord]:
        """Every fact, in document order; cached until the table changes."""
        if self._all is None:
            rows = self.db.fetchall(
                f"SELECT {', '.join(COLUMNS)} FROM facts"  # noqa: S608
                " ORDER BY source, passage_start, start"
            )
            records = [FactRecord(**dict(zip(COLUMNS, row, strict=True))) for row in rows]
            if self._sources:
                records = [f for f in records if f.source in self._sources]
            self._all = [replace(f, estimate=bool(f.estimate)) for f in records]
            self._views.clear()
        return self._all

    def labels(self) -> list[str]:
        """Metric labels of table facts: what figure questions are matched against."""
        return list(dict.fromkeys(f.metric for f in self.all() if f.kind == "table"))

    def tables(self) -> list[list[str]]:
        """Each table's metric labels, in document order; worked out once per load of the
        facts (every English figure question asks, for a margin's top line)."""
        facts = self.all()
        if self._tables is None or self._tables[0] is not facts:
            by_table: dict[tuple[str, int], list[str]] = {}
            for f in facts:
                if f.kind == "table":
                    by_table.setdefault((f.source, f.header_start), []).append(f.metric)
            self._tables = (facts, [list(dict.fromkeys(x)) for x in by_table.values()])
        return self._tables[1]

    def subjects(self) -> dict[str, str]:
        """What stands over each table label (its table's label-column head), where known;
        worked out once per load of the facts (every figure question asks)."""
        facts = self.all()
        if self._subjects is None or self._subjects[0] is not facts:
            subjects = {f.metric: f.subject for f in facts if f.kind == "table" and f.subject}
            self._subjects = (facts, subjects)
        return self._subjects[1]

    def series(self, metric: str) -> list[FactRecord]:
        """The table facts of one metric, by period."""
        return list(self._indexes()[0].get(metric, ()))

    def in_row(self, source: str, passage_start: int) -> list[FactRecord]:
        """The table facts of one row (every column group of it), in column order."""
        return list(self._indexes()[1].get((source, passage_start), ()))

    def _indexes(
        self,
    ) -> tuple[dict[str, list[FactRecord]], dict[tuple[str, int], list[FactRecord]]]:
        """Table facts by metric (sorted by period) and by row; once per load of the facts."""
        facts = self.all()
        if self._index is None or self._index[0] is not facts:
            by_metric: dict[str, list[FactRecord]] = {}
            by_row: dict[tuple[str, int], list[FactRecord]] = {}
            for f in facts:
                if f.kind == "table":
                    by_metric.setdefault(f.metric, []).append(f)
                    by_row.setdefault((f.source, f.passage_start), []).append(f)
            for series in by_metric.values():
                series.sort(key=lambda f: f.period)
            self._index = (facts, by_metric, by_row)
        return self._index[1], self._index[2]

    def count(self) -> int:
        if self._sources:
            return len(self.all())
        return int(self.db.fetchone("SELECT COUNT(*) FROM facts")[0])

    def embed_labels(self, encode: Callable[[list[str]], Vectors]) -> None:
        """Store a vector per label (for matching by meaning); only new labels are encoded."""
        labels = self.labels()
        known = {row[0] for row in self.db.fetchall("SELECT metric FROM labels")}
        self.db.run(
            f"DELETE FROM labels WHERE metric NOT IN ({', '.join('?' * len(labels))})",  # noqa: S608
            labels,
        )
        new = [label for label in labels if label not in known]
        if new:
            vectors = encode(new)
            self.db.run_many(
                "INSERT INTO labels VALUES (?, ?)",
                [(label, v.tobytes()) for label, v in zip(new, vectors, strict=True)],
            )
        self.db.commit()

    def label_vectors(self) -> tuple[list[str], Vectors]:
        rows = self.db.fetchall("SELECT metric, vector FROM labels")
        if self._sources:
            held = set(self.labels())
            rows = [r for r in rows if r[0] in held]
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [r[0] for r in rows], np.stack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
