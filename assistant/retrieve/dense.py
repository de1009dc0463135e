"""Dense retrieval: the query's embedding against the chunk vectors in the store."""

from __future__ import annotations

from functools import lru_cache

from assistant.encoders.embed import Embedder
from assistant.storage.vectors import Store
from assistant.types import Vectors

RECENT_QUESTIONS = 1
"""Question vectors kept: the one being answered, which figures (a metric matched by
meaning) and passages may both ask for. With several threads answering, one may find
another's question there and encode its own again: correct, only a little slower."""


class DenseRetriever:
    """Ranks chunks by cosine similarity to the question."""

    def __init__(self, store: Store, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder
        # lru_cache is thread-safe: concurrent answers share it without a lock of ours.
        self.embed = lru_cache(maxsize=RECENT_QUESTIONS)(self._encode)

    def _encode(self, question: str) -> Vectors:
        """The question's vector (read-only: it is shared through the cache)."""
        vector: Vectors = self.embedder.encode([question])[0]
        vector.setflags(write=False)
        return vector

    def search(
        self, vector: Vectors, k: int, *, sources: frozenset[str] = frozenset()
    ) -> list[tuple[str, float]]:
        return self.store.query(vector, k, sources=sources)
