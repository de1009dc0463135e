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

    @classmethod
    def load(cls, index_dir: Path) -> Manifest | None:
        """The manifest of the index at `index_dir`, or None when there is no index."""
        path = index_dir / MANIFEST_FILE
        if not path.exists():
            return None
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(raw["fingerprint"], dict(raw["files"]), raw.get("built_at", ""))
        except (json.JSONDecodeError, KeyError, TypeError):
            return None  # a damaged manifest means a full rebuild

    def save(self, index_dir: Path) -> None:
        """Write atomically: the manifest is the last thing an ingest changes."""
        self.built_at = datetime.now(UTC).isoformat(timespec="seconds")
        path = index_dir / MANIFEST_FILE
        tmp = path.with_suffix(".tmp")
        payload = {"fingerprint": self.fingerprint, "files": self.files, "built_at": self.built_at}
        tmp.write_text(json.dumps(payload, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(path)
