"""Fakes for unit tests: a hashing embedder that needs no model, and a small brief."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from assistant.text.terms import words
from assistant.types import Vectors


class HashingEmbedder:
    """Bag of hashed words, unit length: texts sharing words are similar. Counts its calls."""

    identity = "hashing-fake"

    def __init__(self, dimension: int = 64) -> None:
        self.dimension = dimension
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.encoded.extend(texts)
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in words(text):
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                vectors[row, int.from_bytes(digest, "big") % self.dimension] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


def widget_brief(exports: float = 14) -> str:
    """A brief with sentences and a table, whose 2021 widget exports are `exports`."""
    return (
        "Widgets in Lima\n"
        "The widget council meets every March in Lima.\n"
        "Ann Lee chairs the widget council since 2019.\n"
        "Table: Widget Trade (USD Millions)\n"
        "| | 2020 | 2021 |\n"
        f"| Widget Exports | 12.5 | {exports:g} |\n"
        "Source: Widget Board\n"
    )
