"""The manifest: which file contents the index holds and which settings built it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

MANIFEST_FILE = "manifest.json"


@dataclass
class Manifest:
    """Content hash of every ingested file, and the fingerprint of the build settings."""

    fingerprint: str = ""
    files: dict[str, str] = field(default_factory=dict)
    built_at: str = ""
    chunks: dict[str, int] = field(default_factory=dict)
    """Chunks of each file: what the store, passages and BM25 must hold to be complete."""
    facts: int | None = None
    """Rows of the facts table (None in an index built before this was recorded)."""
    collection: str = "brief-chunks"
    """The Chroma collection holding this version's vectors."""
    multilingual: bool = False
    """Whether the version holds multilingual vectors (`multilingual.sqlite`)."""
    skipped: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Files that could not be read: content hash and reason, so an unchanged one is not
    read again (and not taken for a change)."""

    def expected_hashes(self) -> dict[str, str]:
        """What `corpus_hashes` gives for the corpus this version was built from."""
        return {**{k: v[0] for k, v in self.skipped.items()}, **self.files}

    @classmethod
    def load(cls, folder: Path | None) -> Manifest | None:
        """The manifest of the index version in `folder`, or None when there is none."""
        path = folder / MANIFEST_FILE if folder else None
        if path is None or not path.exists():
            return None
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                raw["fingerprint"],
                dict(raw["files"]),
                raw.get("built_at", ""),
                dict(raw.get("chunks", {})),
                raw.get("facts"),
                raw.get("collection", "brief-chunks"),
                bool(raw.get("multilingual", False)),
                {k: (v[0], v[1]) for k, v in raw.get("skipped", {}).items()},
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError):
            return None  # a damaged manifest means a full rebuild

    def save(self, folder: Path) -> None:
        """Write atomically: the manifest is the last thing an ingest writes in a version."""
        self.built_at = datetime.now(UTC).isoformat(timespec="seconds")
        path = folder / MANIFEST_FILE
        tmp = path.with_suffix(".tmp")
        payload = {
            "fingerprint": self.fingerprint,
            "files": self.files,
            "built_at": self.built_at,
            "chunks": self.chunks,
            "facts": self.facts,
            "collection": self.collection,
            "multilingual": self.multilingual,
            "skipped": self.skipped,
        }
        tmp.write_text(json.dumps(payload, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(path)
