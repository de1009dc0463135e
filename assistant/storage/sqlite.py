"""An SQLite file that any thread may read and write: every statement runs under one lock.

The index's tables (passages, facts, multilingual vectors) are read by every thread that
answers; a connection is shared, so each statement and its fetch run under the lock here,
not under a lock the caller must remember.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

Params = Sequence[Any]


class Database:
    """One SQLite connection, safe to share between threads by construction."""

    def __init__(self, path: Path, schema: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(path, check_same_thread=False)
        self._lock = threading.RLock()
        with self._lock:
            self._connection.executescript(schema)

    def fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        """Every row a query returns."""
        with self._lock:
            return self._connection.execute(sql, params).fetchall()

    def fetchone(self, sql: str, params: Params = ()) -> Any:
        """The first row a query returns, or None."""
        with self._lock:
            return self._connection.execute(sql, params).fetchone()

    def run(self, sql: str, params: Params = ()) -> None:
        """A statement that changes the file (commit with `commit`)."""
        with self._lock:
            self._connection.execute(sql, params)

    def run_many(self, sql: str, rows: Iterable[Params]) -> None:
        with self._lock:
            self._connection.executemany(sql, rows)

    def commit(self) -> None:
        with self._lock:
            self._connection.commit()

    def close(self) -> None:
        with self._lock:
            self._connection.close()
