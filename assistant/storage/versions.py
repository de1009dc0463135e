"""Index versions: an ingest builds a new version beside the serving one, then switches.

Layout of the index folder:

    CURRENT              name of the serving version (replaced atomically)
    versions/<name>/     manifest.json, passages.sqlite, facts.sqlite, bm25/, chroma/
    ingest.lock          held by the one ingest that may write (flock: freed if it dies)
    onnx/                the exported encoder, shared by every version

Readers only ever see a complete version: a crash before the switch leaves the previous
one serving, and the next ingest removes the leftovers.
"""

from __future__ import annotations

import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from assistant.errors import IngestBusyError

CURRENT = "CURRENT"
VERSIONS = "versions"
LOCK = "ingest.lock"
REMOVE_ATTEMPTS = 5
REMOVE_PAUSE = 0.2
"""Seconds to wait before checking a removed version stayed removed."""
LEGACY = ("manifest.json", "passages.sqlite", "facts.sqlite", "bm25", "chroma")
"""What an index had at its top level before versions; moved into one on first use."""


class IndexLayout:
    """The versions of one index folder and the pointer to the serving one."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self.versions = index_dir / VERSIONS

    def current_name(self) -> str | None:
        """The serving version's name, or None when there is no complete version yet."""
        try:
            name = (self.index_dir / CURRENT).read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return name if name and (self.versions / name).is_dir() else None

    def current(self) -> Path | None:
        """The serving version's folder, or None."""
        name = self.current_name()
        return self.versions / name if name else None

    def new_version(self) -> Path:
        """A new, empty version folder (not serving until `switch`)."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        folder = self.versions / f"{stamp}-{secrets.token_hex(3)}"
        folder.mkdir(parents=True)
        return folder

    def switch(self, version: Path, *, before_rename: Callable[[], None] = lambda: None) -> None:
        """Make `version` the serving one in one atomic rename."""
        tmp = self.index_dir / (CURRENT + ".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            handle.write(version.name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        before_rename()
        tmp.replace(self.index_dir / CURRENT)
        _fsync_dir(self.index_dir)

    def leftovers(self) -> list[Path]:
        """Version folders that are not serving: earlier versions and crashed ingests."""
        if not self.versions.is_dir():
            return []
        current = self.current_name()
        return sorted(p for p in self.versions.iterdir() if p.name != current)

    def remove(self, version: Path) -> None:
        """Delete a version's folder. A reader that opened it just before can write into
        it for a moment (Chroma's client makes its folders again), so removal looks again
        after a pause and removes what came back; the next ingest removes anything later."""
        for _ in range(REMOVE_ATTEMPTS):
            shutil.rmtree(version, ignore_errors=True)
            time.sleep(REMOVE_PAUSE)
            if not version.exists():
                return

    def migrate_legacy(self) -> None:
        """Move an index built before versions into its first version (no re-embedding)."""
        if (self.index_dir / CURRENT).exists() or not (self.index_dir / LEGACY[0]).exists():
            return
        version = self.versions / "legacy"
        version.mkdir(parents=True, exist_ok=True)
        for name in LEGACY:
            if (self.index_dir / name).exists():
                (self.index_dir / name).rename(version / name)
        self.switch(version)

    def holder(self) -> str | None:
        """Who holds the ingest lock ("pid 4242, started 13:40:02"), or None when it is free.

        Asked without taking the lock: a shared, non-blocking flock on a read-only handle.
        """
        import fcntl

        try:
            fd = os.open(self.index_dir / LOCK, os.O_RDONLY)
        except OSError:
            return None  # no lock file: no ingest has ever run here
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self.index_dir / (LOCK + ".holder")
            try:
                return holder.read_text(encoding="utf-8").strip() or "unknown"
            except OSError:
                return "unknown"
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    @contextmanager
    def lock(self, *, wait: float) -> Iterator[None]:
        """Hold the ingest lock, waiting up to `wait` seconds for another ingest to end.

        Raises:
            IngestBusyError: another process holds the lock after `wait` seconds.
        """
        from filelock import FileLock, Timeout

        self.index_dir.mkdir(parents=True, exist_ok=True)
        holder = self.index_dir / (LOCK + ".holder")
        lock = FileLock(self.index_dir / LOCK)
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            who = holder.read_text(encoding="utf-8").strip() if holder.exists() else "unknown"
            raise IngestBusyError(
                f"another ingest is running on {self.index_dir}/ ({who}); waited {wait:g} s."
                " The serving index is unchanged; run `assistant ingest` again when it ends"
            ) from None
        try:
            started = datetime.now().strftime("%H:%M:%S")
            holder.write_text(f"pid {os.getpid()}, started {started}\n", encoding="utf-8")
            yield
        finally:
            holder.unlink(missing_ok=True)  # a later message never names an ended ingest
            lock.release()


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
