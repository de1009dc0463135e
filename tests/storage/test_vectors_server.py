"""The same ingest and answers against a real Chroma server (`chroma run` on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.errors import StoreError
from assistant.ingest.build import ingest
from assistant.storage.vectors import ChromaStore
from tests.conftest import free_port
from tests.fakes import HashingEmbedder


def test_ingest_and_answer_through_a_chroma_server(tmp_settings: Settings, chroma_url: str) -> None:
    # The fake embedder's scores are not the model's: no abstention threshold here.
    settings = tmp_settings.with_(chroma_url=chroma_url, scorer="blend", abstain_below=0.0)
    (settings.corpus_dir / "beta.txt").write_text(
        "Beta is a hospital group in Lima. Beta runs 12 clinics across Peru.\n",
        encoding="utf-8",
    )
    embedder = HashingEmbedder()
    assert ingest(settings, embedder=embedder).added == ["beta.txt"]
    assert not ingest(settings, embedder=embedder).changed_anything
    answer = Assistant.open(settings, embedder=embedder).ask("How many clinics does Beta run?")
    assert answer.kind == "passage"
    assert answer.citations[0].text == "Beta runs 12 clinics across Peru."


def test_an_unreachable_server_is_one_clear_error(tmp_path: Path) -> None:
    port = free_port()
    with pytest.raises(
        StoreError, match=f"cannot reach the Chroma server at http://127.0.0.1:{port}"
    ):
        ChromaStore.open(path=tmp_path, url=f"http://127.0.0.1:{port}")
    with pytest.raises(StoreError, match="is not an http://host:port address"):
        ChromaStore.open(path=tmp_path, url="127.0.0.1:8000")


def test_a_chosen_brief_is_searched_on_the_server_too(
    tmp_settings: Settings, chroma_url: str
) -> None:
    settings = tmp_settings.with_(chroma_url=chroma_url, scorer="blend", abstain_below=0.0)
    (settings.corpus_dir / "beta.txt").write_text(
        "Beta is a hospital group in Lima. Beta runs 12 clinics across Peru.\n", encoding="utf-8"
    )
    (settings.corpus_dir / "gamma.txt").write_text(
        "Gamma is a hospital group in Quito. Gamma runs 30 clinics across Ecuador.\n",
        encoding="utf-8",
    )
    embedder = HashingEmbedder()
    ingest(settings, embedder=embedder)
    assistant = Assistant.open(settings, embedder=embedder)
    store = assistant.snapshot.store
    vector = embedder.encode(["How many clinics does the group run?"])[0]
    found = store.query(vector, 10, sources=frozenset({"gamma.txt"}))
    chunks = assistant.snapshot.passages.chunks_of(frozenset({"gamma.txt"}))
    assert found and {chunk for chunk, _ in found} <= chunks  # the server's where-filter
    answer = assistant.ask("How many clinics does the group run?", sources=["gamma.txt"])
    assert {c.source for c in answer.citations + answer.related} == {"gamma.txt"}
