"""The vector store: Chroma, embedded in the index folder or on a server."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

from assistant.config import Settings
from assistant.errors import StoreError, StoreUnreachableError, VersionGoneError
from assistant.types import Chunk, Vectors

COLLECTION = "brief-chunks"
HNSW = {"space": "cosine", "max_neighbors": 32, "ef_construction": 200, "ef_search": 1000}
"""Question vectors sit far from every chunk, which is hard for HNSW. Chroma's defaults (16
neighbours, ef 100) found the true nearest chunk for 77 of the 95 golden questions among
11,411 chunks (recall@20 0.875). Among 116,352 chunks, ef_search 400 found it for 91% of the
English golden questions (recall@20 0.90) and 1000 for 95-96% (0.92), at ~3.7 ms a query
instead of ~2.5 ms (bench/scale.py). The last vectors added (under Chroma's sync threshold of
1,000) are inserted again at every load, in parallel, so results can differ between loads."""


class Store(Protocol):
    """Holds one vector per chunk and finds the nearest to a query."""

    def add(self, chunks: Sequence[Chunk], vectors: Vectors) -> None: ...

    def delete(self, ids: Sequence[str]) -> None: ...

    def query(
        self, vector: Vectors, k: int, *, sources: frozenset[str] = frozenset()
    ) -> list[tuple[str, float]]: ...

    def count(self) -> int: ...

    def drop(self) -> None: ...


class ChromaStore:
    """Chunk vectors in a Chroma collection (cosine space); telemetry off."""

    def __init__(self, client: Any, name: str = COLLECTION, *, create: bool = True) -> None:
        self.client = client
        self.name = name
        self.collection = self._collection(create=create)

    @classmethod
    def open(
        cls,
        *,
        path: Path,
        url: str | None = None,
        collection: str = COLLECTION,
        create: bool = True,
    ) -> ChromaStore:
        """Collection `collection` of the embedded store at `path`, or of the server at `url`.

        With `create` false (reading a version to answer from) a missing store or collection
        is a `StoreError`, never an empty store made in its place.
        """
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        settings = ChromaSettings(anonymized_telemetry=False)
        if url is None:
            if not create and not path.is_dir():
                raise VersionGoneError(f"no vector store at {path} (its index version was removed)")
            if create:
                path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(path), settings=settings)
            return cls(client, collection, create=create)
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise StoreError(f"ASSISTANT_CHROMA_URL={url!r} is not an http://host:port address")
        try:
            client = chromadb.HttpClient(
                host=parsed.hostname,
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=settings,
            )
            client.heartbeat()
        except Exception as error:  # noqa: BLE001 - chromadb raises several types for one cause
            raise StoreUnreachableError(
                f"cannot reach the Chroma server at {url} ({error})"
            ) from None
        return cls(client, collection, create=create)

    def _collection(self, *, create: bool) -> Any:
        if create:
            collection = self.client.get_or_create_collection(
                self.name, configuration={"hnsw": dict(HNSW)}, embedding_function=None
            )
        else:
            try:
                collection = self.client.get_collection(self.name, embedding_function=None)
            except Exception as error:  # noqa: BLE001 - chromadb raises several types for it
                raise VersionGoneError(f"the collection {self.name} is gone ({error})") from None
        # ef_search is a query-time setting: an index built with another one takes ours.
        if (collection.configuration.get("hnsw") or {}).get("ef_search") != HNSW["ef_search"]:
            collection.modify(configuration={"hnsw": {"ef_search": HNSW["ef_search"]}})
        return collection

    def add(self, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        batch = 2048  # Chroma caps the size of one write
        for i in range(0, len(chunks), batch):
            part = chunks[i : i + batch]
            self.collection.add(
                ids=[c.id for c in part],
                embeddings=vectors[i : i + batch],
                documents=[c.text for c in part],
                metadatas=[{"source": c.source, "start": c.start, "end": c.end} for c in part],
            )

    def delete(self, ids: Sequence[str]) -> None:
        if ids:
            self.collection.delete(ids=list(ids))

    def query(
        self, vector: Vectors, k: int, *, sources: frozenset[str] = frozenset()
    ) -> list[tuple[str, float]]:
        """The `k` nearest chunk ids with their cosine similarity; only these documents'
        chunks when `sources` is given."""
        k = min(k, self.count())
        if k == 0:
            return []
        where = {"source": {"$in": sorted(sources)}} if sources else None
        result = self.collection.query(
            query_embeddings=[vector], n_results=k, where=where, include=["distances"]
        )
        return [
            (id_, 1.0 - float(distance))
            for id_, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def count(self) -> int:
        return int(self.collection.count())

    def copy_from(self, other: ChromaStore, *, batch: int = 2048) -> None:
        """Add every vector of `other` (a server-side copy of the previous version)."""
        for offset in range(0, other.count(), batch):
            part = other.collection.get(
                offset=offset, limit=batch, include=["embeddings", "documents", "metadatas"]
            )
            self.collection.add(
                ids=part["ids"],
                embeddings=part["embeddings"],
                documents=part["documents"],
                metadatas=part["metadatas"],
            )

    def drop(self) -> None:
        """Delete the collection and its vectors."""
        # Already gone is what we want; chromadb raises several types for it.
        with contextlib.suppress(Exception):
            self.client.delete_collection(self.name)


def open_store(
    settings: Settings, version: Path, collection: str, *, create: bool = True
) -> ChromaStore:
    """The vectors of one index version: in its folder, or on the server when one is set."""
    return ChromaStore.open(
        path=version / "chroma", url=settings.chroma_url, collection=collection, create=create
    )
