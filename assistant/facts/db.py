"""The facts table (SQLite, `index/facts.sqlite`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path

from assistant.types import FactRecord

COLUMNS = [f.name for f in fields(FactRecord)]
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS facts ({", ".join(COLUMNS)});
CREATE INDEX IF NOT EXISTS facts_by_source ON facts(source);
CREATE INDEX IF NOT EXISTS facts_by_metric ON facts(metric);
"""


class FactTable:
    """Every figure of the corpus, replaced per document like the passages."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.executescript(SCHEMA)
        self._all: list[FactRecord] | None = None

    def close(self) -> None:
        self.db.close()

    def replace_document(self, source: str, facts: Sequence[FactRecord]) -> None:
        self.db.execute("DELETE FROM facts WHERE source = ?", (source,))
        marks = ", ".join("?" * len(COLUMNS))
        self.db.executemany(
            f"INSERT INTO facts VALUES ({marks})",  # noqa: S608
            [tuple(getattr(f, c) for c in COLUMNS) for f in facts],
        )
        self.db.commit()
        self._all = None

    def delete_document(self, source: str) -> None:
        self.replace_document(source, [])

    def reset(self) -> None:
        self.db.execute("DELETE FROM facts")
        self.db.commit()
        self._all = None

    def all(self) -> list[FactRecord]:
        """Every fact, in document order; cached until the table changes."""
        if self._all is None:
            rows = self.db.execute(
                f"SELECT {', '.join(COLUMNS)} FROM facts ORDER BY source, passage_start, start"  # noqa: S608
            )
            self._all = [
                FactRecord(**dict(zip(COLUMNS, row, strict=True))) for row in rows.fetchall()
            ]
            self._all = [
                f if isinstance(f.estimate, bool) else _with_bool(f) for f in self._all
            ]
        return self._all

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM facts").fetchone()[0])


def _with_bool(fact: FactRecord) -> FactRecord:
    from dataclasses import replace

    return replace(fact, estimate=bool(fact.estimate))
