"""Dense retrieval: the query's embedding against the chunk vectors in the store."""

from __future__ import annotations

from assistant.ingest.embed import Embedder, Vectors
from assistant.ingest.store import Store


class DenseRetriever:
    """Ranks chunks by cosine similarity to the question."""

    def __init__(self, store: Store, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder

    def embed(self, question: str) -> Vectors:
        vector: Vectors = self.embedder.encode([question])[0]
        return vector

    def search(self, vector: Vectors, k: int) -> list[tuple[str, float]]:
        return self.store.query(vector, k)
