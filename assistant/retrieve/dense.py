"""Dense retrieval: the query's embedding against the chunk vectors in the store."""

from __future__ import annotations

from assistant.ingest.embed import Embedder, Vectors
from assistant.ingest.store import Store


class DenseRetriever:
    """Ranks chunks by cosine similarity to the question."""

    def __init__(self, store: Store, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder
        self._last: tuple[str, Vectors] | None = None

    def embed(self, question: str) -> Vectors:
        """The question's vector; the last one is kept, as facts and passages may both ask."""
        last = self._last  # one read: another thread may replace it meanwhile
        if last is None or last[0] != question:
            last = (question, self.embedder.encode([question])[0])
            self._last = last
        return last[1]

    def search(self, vector: Vectors, k: int) -> list[tuple[str, float]]:
        return self.store.query(vector, k)
