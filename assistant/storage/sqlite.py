"""An SQLite file that threads share: every statement and its fetch run under one lock.

The index's tables (passages, facts, multilingual vectors) are read by every thread that
answers, through one shared connection, so each statement runs under the lock here, not
under a lock the caller must remember. Writes come from the one ingest that builds a new
version, which no reader sees until it is switched to; a sequence of writes is not a
transaction against other writers.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from assistant.errors import VersionGoneError

Params = Sequence[Any]


class Database:
    """One SQLite connection, safe to share between threads by construction."""

    def __init__(self, path: Path, schema: str, *, create: bool = True) -> None:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(path, check_same_thread=False)
        else:  # a reader never makes a file (or a removed version's folder) again
            try:
                self._connection = sqlite3.connect(
                    f"{path.resolve().as_uri()}?mode=rw", uri=True, check_same_thread=False
                )
            except sqlite3.OperationalError:
                raise VersionGoneError(
                    f"no {path.name} at {path.parent} (its index version was removed)"
                ) from None
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
