"""Helpers shared by the benchmarks: timing, results files, the golden set."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.encoders.embed import SentenceTransformerEmbedder
from assistant.types import Vectors

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


def chunk_texts(corpus: Path, *, size: int = 630, units: bool = False) -> list[str]:
    """The chunk texts of a corpus folder as ingest makes them, or with `units` the texts
    ingest embeds (the sentences, rows and items of those chunks)."""
    from assistant.ingest.chunk import split_into_chunks
    from assistant.ingest.load import iter_documents
    from assistant.types import Document

    texts = []
    for _, document in iter_documents(corpus):
        if isinstance(document, Document):
            for chunk in split_into_chunks(document, chunk_size=size):
                texts += [u.text for u in chunk.units] if units else [chunk.text]
    return texts


class Bf16Autocast(SentenceTransformerEmbedder):
    """The float32 model under torch's bfloat16 autocast: products in bfloat16, sums,
    LayerNorm and softmax in float32 (the alternative to casting the weights)."""

    def encode(self, texts: Sequence[str]) -> Vectors:
        import torch

        with torch.autocast("cpu", dtype=torch.bfloat16):
            vectors = self.model.encode(
                list(texts), batch_size=self.batch_size, normalize_embeddings=True
            )
        return np.asarray(vectors, dtype=np.float32)
