from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Settings
from assistant.errors import CorpusError
from assistant.ingest.build import ingest
from assistant.storage.manifest import Manifest
from assistant.storage.passages import PassageTable
from assistant.storage.vectors import open_store
from tests.conftest import serving
from tests.fakes import HashingEmbedder

ALPHA = "Alpha exports rose in 2020. Alpha imports fell.\n"
BETA = "Beta is a hospital group. It runs ten clinics.\n"


def counts(settings: Settings) -> tuple[int, dict[str, int]]:
    version = serving(settings)
    manifest = Manifest.load(version)
    assert manifest is not None
    passages = PassageTable(version / "passages.sqlite")
    try:
        return open_store(settings, version, manifest.collection).count(), passages.counts()
    finally:
        passages.close()


def test_ingest_adds_then_does_nothing_the_second_time(
    tmp_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    (tmp_settings.corpus_dir / "alpha.txt").write_text(ALPHA)
    (tmp_settings.corpus_dir / "beta.txt").write_text(BETA)
    lines: list[str] = []
    first = ingest(tmp_settings, embedder=fake_embedder, progress=lines.append)
    assert first.added == ["alpha.txt", "beta.txt"]
    assert any(line.startswith("[2/2] beta.txt: 1 chunks") for line in lines)
    assert counts(tmp_settings) == (2, {"documents": 2, "chunks": 2, "units": 4})
    embedded = len(fake_embedder.encoded)

    second = ingest(tmp_settings, embedder=fake_embedder)
    assert not second.changed_anything
    assert second.summary().startswith("Index is up to date: no change")
    assert len(fake_embedder.encoded) == embedded  # nothing embedded again


def test_ingest_adds_changes_and_removes_single_files(
    tmp_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    corpus = tmp_settings.corpus_dir
    (corpus / "alpha.txt").write_text(ALPHA)
    (corpus / "beta.txt").write_text(BETA)
    ingest(tmp_settings, embedder=fake_embedder)

    (corpus / "gamma.md").write_text("# Gamma\nGamma sells widgets.\n")
    (corpus / "alpha.txt").write_text(ALPHA + "Alpha also grew.\n")
    (corpus / "beta.txt").unlink()
    fake_embedder.encoded.clear()
    report = ingest(tmp_settings, embedder=fake_embedder)

    assert (report.added, report.changed, report.removed) == (
        ["gamma.md"],
        ["alpha.txt"],
        ["beta.txt"],
    )
    assert not any(
        "Beta" in text for text in fake_embedder.encoded
    )  # unchanged text not re-embedded
    manifest = Manifest.load(serving(tmp_settings))
    assert manifest is not None and sorted(manifest.files) == ["alpha.txt", "gamma.md"]
    store_count, table = counts(tmp_settings)
    assert store_count == table["chunks"] == 2
    passages = PassageTable(serving(tmp_settings) / "passages.sqlite")
    assert passages.text("alpha.txt") == (corpus / "alpha.txt").read_text()
    assert passages.text("beta.txt") == ""


def test_new_chunk_settings_rebuild_everything(
    tmp_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    (tmp_settings.corpus_dir / "alpha.txt").write_text(ALPHA)
    ingest(tmp_settings, embedder=fake_embedder)
    report = ingest(tmp_settings.with_(chunk_size=20), embedder=fake_embedder)
    assert report.rebuilt
    assert report.summary().startswith("Rebuilt")
    assert counts(tmp_settings) == (2, {"documents": 1, "chunks": 2, "units": 2})


def test_a_new_model_rebuilds_everything(tmp_settings: Settings) -> None:
    (tmp_settings.corpus_dir / "alpha.txt").write_text(ALPHA)
    ingest(tmp_settings, embedder=HashingEmbedder(64))
    other = HashingEmbedder(64)
    other.identity = "another-model"  # type: ignore[misc]
    assert ingest(tmp_settings, embedder=other).rebuilt


def test_bad_files_are_skipped_with_their_reason_and_the_rest_ingested(
    tmp_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    corpus = tmp_settings.corpus_dir
    (corpus / "alpha.txt").write_text(ALPHA)
    (corpus / "latin.txt").write_bytes(b"caf\xe9")
    (corpus / "empty.md").write_bytes(b"")
    lines: list[str] = []
    report = ingest(tmp_settings, embedder=fake_embedder, progress=lines.append)
    assert report.added == ["alpha.txt"]
    unsure = "not valid UTF-8 (byte 3) and its encoding cannot be told reliably; save it as UTF-8"
    assert report.skipped == [("empty.md", "empty file"), ("latin.txt", unsure)]
    assert f"warning: skipped latin.txt: {unsure}" in lines

    again = ingest(tmp_settings, embedder=fake_embedder)  # unchanged bad files: no new version
    assert not again.changed_anything
    assert again.skipped == report.skipped


def test_a_file_that_turns_bad_is_removed_not_left_stale(
    tmp_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    corpus = tmp_settings.corpus_dir
    (corpus / "alpha.txt").write_text(ALPHA)
    (corpus / "beta.txt").write_text(BETA)
    ingest(tmp_settings, embedder=fake_embedder)
    (corpus / "beta.txt").write_bytes(b"\xff\xfe")
    report = ingest(tmp_settings, embedder=fake_embedder)
    assert report.removed == ["beta.txt"]
    assert counts(tmp_settings)[1]["documents"] == 1


def test_empty_corpus_is_a_clear_error(
    tmp_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    with pytest.raises(CorpusError, match="holds no brief"):
        ingest(tmp_settings, embedder=fake_embedder)


def test_offsets_of_stored_units_match_the_files(
    tmp_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    (tmp_settings.corpus_dir / "alpha.txt").write_text(ALPHA)
    ingest(tmp_settings, embedder=fake_embedder)
    passages = PassageTable(serving(tmp_settings) / "passages.sqlite")
    ids = [id_ for id_, _ in passages.all_chunks()]
    units, vectors = passages.units_of(ids)
    assert [u.text for u in units] == ["Alpha exports rose in 2020.", "Alpha imports fell."]
    assert vectors.shape == (2, 64)
    text = Path(tmp_settings.corpus_dir / "alpha.txt").read_text()
    assert all(text[u.start : u.end] == u.text for u in units)


def test_two_copies_of_a_brief_are_both_indexed(
    tmp_settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    (tmp_settings.corpus_dir / "alpha.txt").write_text(ALPHA)
    (tmp_settings.corpus_dir / "alpha-copy.txt").write_text(ALPHA)
    assert ingest(tmp_settings, embedder=fake_embedder).added == ["alpha-copy.txt", "alpha.txt"]
    assert counts(tmp_settings) == (2, {"documents": 2, "chunks": 2, "units": 4})
