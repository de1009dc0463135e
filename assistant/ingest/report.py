"""What one ingest did, as the CLI and the app report it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[str], None]
"""Takes one line of progress to show."""


@dataclass
class IngestReport:
    """What one ingest did."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(source, reason) of each file that could not be read."""
    chunks: int = 0
    """Chunks embedded in this run."""
    rebuilt: bool = False
    whole: bool = False
    """Asked to repair, it found the serving version whole (another ingest had mended it)."""
    repaired: bool = False
    """It rebuilt a damaged index (rather than one whose model or chunking changed)."""
    seconds: float = 0.0
    backend: str = ""
    """The encoder that embedded them (`ingest_backend` resolved), when one was needed."""

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.rebuilt)

    def summary(self) -> str:
        if self.whole:
            return "The index is whole: another ingest had already rebuilt or updated it."
        if not self.changed_anything:
            return f"Index is up to date: no change ({self.seconds:.1f} s)."
        if self.rebuilt:
            why = "it was damaged" if self.repaired else "model, chunking or table reader changed"
            return (
                f"Rebuilt the index ({why}): {len(self.added)} files,"
                f" {self.chunks} chunks embedded in {self.seconds:.1f} s{self._by}."
            )
        kinds = {"added": self.added, "changed": self.changed, "removed": self.removed}
        files = ", ".join(f"{len(v)} {k}" for k, v in kinds.items() if v)
        took = f"{self.chunks} chunks embedded in {self.seconds:.1f} s{self._by}"
        return f"Ingested: {files}; {took}."

    def skip(self, source: str, reason: str, progress: Progress) -> None:
        """Note a file that could not be read, and say so."""
        self.skipped.append((source, reason))
        progress(f"warning: skipped {source}: {reason}")

    @property
    def _by(self) -> str:
        return f" ({self.backend})" if self.backend and self.chunks else ""
