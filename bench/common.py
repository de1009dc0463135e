"""Helpers shared by the benchmarks: timing, results files, the golden set."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "bench"
GOLDEN = ROOT / "tests" / "golden" / "questions.jsonl"


def median_time(fn: Callable[[], Any], *, repeats: int) -> float:
    """Median wall time of `repeats` calls, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def save(name: str, data: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=1), encoding="utf-8")


def load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def chunk_texts(corpus: Path, *, size: int = 630) -> list[str]:
    """The chunk texts of a corpus folder, as ingest makes them."""
    from assistant.ingest.chunk import split_into_chunks
    from assistant.ingest.load import iter_documents
    from assistant.types import Document

    texts = []
    for _, document in iter_documents(corpus):
        if isinstance(document, Document):
            texts += [c.text for c in split_into_chunks(document, chunk_size=size)]
    return texts
