"""The Chroma collection's search settings: a query-time one follows the code, not the index."""

from __future__ import annotations

from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings

from assistant.storage.vectors import HNSW, ChromaStore


def test_an_index_built_with_another_ef_search_is_searched_with_ours(tmp_path: Path) -> None:
    client = chromadb.PersistentClient(
        path=str(tmp_path), settings=ChromaSettings(anonymized_telemetry=False)
    )
    older = {**HNSW, "ef_search": 100}
    client.create_collection("chunks", configuration={"hnsw": older}, embedding_function=None)
    store = ChromaStore(client, "chunks")
    assert store.collection.configuration["hnsw"]["ef_search"] == HNSW["ef_search"] != 100
    reopened = ChromaStore.open(path=tmp_path, collection="chunks").collection
    assert reopened.configuration["hnsw"]["ef_search"] == HNSW["ef_search"]
    assert reopened.configuration["hnsw"]["max_neighbors"] == HNSW["max_neighbors"]
