"""Atomic, versioned ingest: crashes, concurrent ingests and queries, damaged indexes.

Ingests that must die or run beside the test run in a child process
(tests/ingest/ingest_child.py) with the fake embedder; every store is real Chroma,
embedded or a real `chroma run` server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.errors import IngestBusyError
from assistant.ingest.build import STEPS, ingest
from assistant.storage.manifest import Manifest
from assistant.storage.vectors import open_store
from assistant.storage.versions import CURRENT, IndexLayout
from tests.conftest import ROOT, serving
from tests.fakes import HashingEmbedder

ALPHA = "Alpha is a hospital group in Lima. Alpha runs 12 clinics across Peru.\n"
BETA = "Beta sells insulin pumps in Chile. Beta employs 40 nurses.\n"
GAMMA = "Gamma builds dental chairs in Bogota. Gamma ships 300 chairs a year.\n"


def child(
    settings: Settings, *options: str, wait: bool = True
) -> subprocess.Popen[str] | subprocess.CompletedProcess[str]:
    """Run (or, with wait=False, start) an ingest of `settings` in another process."""
    command = [
        sys.executable,
        "-m",
        "tests.ingest.ingest_child",
        str(settings.corpus_dir),
        str(settings.index_dir),
        *options,
        *(["--chroma-url", settings.chroma_url] if settings.chroma_url else []),
        *(["--multilingual"] if settings.multilingual else []),
    ]
    if not wait:
        return subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def ask(settings: Settings, question: str) -> str:
    answer = Assistant.open(settings, embedder=HashingEmbedder()).ask(question)
    return " ".join(c.text for c in answer.citations)


@pytest.fixture(params=["embedded", "server"])
def settings(request: pytest.FixtureRequest, tmp_settings: Settings) -> Settings:
    """An index with alpha.txt ingested, in the embedded store or on a Chroma server."""
    chosen = tmp_settings.with_(
        scorer="blend", abstain_below=0.0
    )  # the fake's scores are not the model's
    if request.param == "server":
        chosen = chosen.with_(chroma_url=request.getfixturevalue("chroma_url"))
    (chosen.corpus_dir / "alpha.txt").write_text(ALPHA, encoding="utf-8")
    ingest(chosen, embedder=HashingEmbedder())
    return chosen


def versions(settings: Settings) -> list[str]:
    return sorted(p.name for p in (settings.index_dir / "versions").iterdir())


def test_an_update_builds_a_new_version_and_removes_the_old_one(settings: Settings) -> None:
    first = serving(settings).name
    assert not ingest(settings, embedder=HashingEmbedder()).changed_anything
    assert versions(settings) == [first]  # no change, no new version

    (settings.corpus_dir / "beta.txt").write_text(BETA, encoding="utf-8")
    embedder = HashingEmbedder()
    assert ingest(settings, embedder=embedder).added == ["beta.txt"]
    second = serving(settings).name
    assert second != first and versions(settings) == [second]
    assert not any("Alpha" in text for text in embedder.encoded)  # copied, not re-embedded
    assistant = Assistant.open(settings, embedder=HashingEmbedder())
    assert assistant.check() == []
    assert assistant.status().chunks == 2
    if settings.chroma_url:  # the old version's collection is gone from the server
        names = {c.name for c in assistant.snapshot.store.client.list_collections()}  # type: ignore[attr-defined]
        assert f"brief-chunks-{first}" not in names
        assert f"brief-chunks-{second}" in names


@pytest.mark.parametrize("step", STEPS)
def test_a_killed_ingest_leaves_the_previous_version_serving(settings: Settings, step: str) -> None:
    before = serving(settings).name
    (settings.corpus_dir / "beta.txt").write_text(BETA, encoding="utf-8")
    (settings.corpus_dir / "alpha.txt").write_text(ALPHA + GAMMA, encoding="utf-8")

    died = child(settings, "--die-at", step)
    assert died.returncode == -9, died.stderr  # killed by SIGKILL at the step

    switched = step == "switched"  # killed after the switch: the new version serves
    assert (serving(settings).name != before) is switched
    assert (
        "Gamma ships 300 chairs a year." in ask(settings, "How many chairs does Gamma ship?")
    ) is switched
    assert "Alpha runs 12 clinics across Peru." in ask(settings, "How many clinics does Alpha run?")

    report = ingest(settings, embedder=HashingEmbedder())  # the next ingest completes the work
    assert report.changed_anything is not switched
    assert len(versions(settings)) == 1  # leftovers removed
    assert not (settings.index_dir / (CURRENT + ".tmp")).exists()
    manifest = Manifest.load(serving(settings))
    assert manifest is not None and sorted(manifest.files) == ["alpha.txt", "beta.txt"]
    assert Assistant.open(settings, embedder=HashingEmbedder()).check() == []
    assert "Beta employs 40 nurses." in ask(settings, "How many nurses does Beta employ?")


def test_a_second_ingest_waits_for_the_lock_then_gives_up_with_a_clear_message(
    settings: Settings,
) -> None:
    (settings.corpus_dir / "beta.txt").write_text(BETA, encoding="utf-8")
    first = child(settings, "--pause-at", "embedding", wait=False)
    assert isinstance(first, subprocess.Popen) and first.stdout is not None
    assert first.stdout.readline().strip() == "paused"  # holds the lock for 3 s from here

    began = time.monotonic()
    with pytest.raises(IngestBusyError, match=r"another ingest is running on .* \(pid \d+"):
        ingest(settings.with_(lock_wait=0.5), embedder=HashingEmbedder())
    assert time.monotonic() - began < 3  # refused after the wait, not after the other ingest

    waiting = child(settings, "--lock-wait", "30")  # serialised: runs once the first ends
    assert first.wait(timeout=60) == 0
    assert waiting.returncode == 0, waiting.stderr
    assert waiting.stdout.startswith("Index is up to date")  # the first did the work
    assert Assistant.open(settings, embedder=HashingEmbedder()).check() == []


def test_the_cli_reports_a_busy_index_in_one_line(settings: Settings) -> None:
    (settings.corpus_dir / "beta.txt").write_text(BETA, encoding="utf-8")
    first = child(settings, "--pause-at", "embedding", wait=False)
    assert isinstance(first, subprocess.Popen) and first.stdout is not None
    assert first.stdout.readline().strip() == "paused"
    env = {
        **os.environ,
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "ASSISTANT_CHROMA_URL": settings.chroma_url or "",
        "ASSISTANT_LOCK_WAIT": "0.2",
        "ASSISTANT_MULTILINGUAL": "1" if settings.multilingual else "0",
    }
    refused = subprocess.run(
        [sys.executable, "-m", "assistant", "ingest"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1, refused.stderr
    assert refused.stderr.startswith("error: another ingest is running on ")
    assert first.wait(timeout=60) == 0


def test_queries_keep_answering_while_another_process_ingests(settings: Settings) -> None:
    assistant = Assistant.open(settings, embedder=HashingEmbedder())
    first = assistant.snapshot.version.name
    corpus = settings.corpus_dir
    failures: list[str] = []
    answered = 0
    for round_ in range(4):
        # Each round adds or removes a file, so each ingest writes and switches a version.
        if round_ % 2 == 0:
            (corpus / "beta.txt").write_text(BETA, encoding="utf-8")
        else:
            (corpus / "beta.txt").unlink()
        running = child(settings, wait=False)
        assert isinstance(running, subprocess.Popen)
        deadline = time.monotonic() + 60
        while running.poll() is None and time.monotonic() < deadline:
            try:
                answer = assistant.ask("How many clinics does Alpha run?")
                assert answer.citations[0].text == "Alpha runs 12 clinics across Peru."
                answered += 1
            except Exception as error:  # noqa: BLE001 - every failure is counted
                failures.append(repr(error))
        assert running.wait(timeout=5) == 0
    assert failures == []
    assert answered > 4
    assert assistant.ask("How many clinics does Alpha run?").citations
    assert assistant.snapshot.version.name != first  # it moved to the newest version


def drop_one_vector(settings: Settings) -> Path:
    """Delete one chunk's vector from the serving version's store; returns the version."""
    version = serving(settings)
    manifest = Manifest.load(version)
    assert manifest is not None
    store = open_store(settings, version, manifest.collection)
    store.delete([id_ for id_, _ in store.query(HashingEmbedder().encode(["Alpha"])[0], 1)])
    return version


def test_a_damaged_index_is_named_and_rebuilt_on_open(settings: Settings) -> None:
    version = drop_one_vector(settings)
    shutil.rmtree(version / "bm25")
    lines: list[str] = []

    assistant = Assistant.open(settings, embedder=HashingEmbedder(), progress=lines.append)
    assert lines[0] == "The index is damaged (bm25 is missing): rebuilding it"
    assert lines[-1].startswith("Rebuilt the index")
    assert assistant.check() == []
    assert assistant.ask("How many clinics does Alpha run?").citations


def test_an_ask_waits_for_the_ingest_that_repairs_and_does_not_rebuild_again(
    settings: Settings,
) -> None:
    drop_one_vector(settings)
    repairing = child(settings, "--rebuild", "--pause-at", "embedding", wait=False)
    assert isinstance(repairing, subprocess.Popen) and repairing.stdout is not None
    assert repairing.stdout.readline().strip() == "paused"  # holds the lock for 3 s from here
    lines: list[str] = []

    assistant = Assistant.open(settings, embedder=HashingEmbedder(), progress=lines.append)
    assert repairing.wait(timeout=60) == 0
    assert lines[0].startswith("The index is damaged (the vector store holds 0 vectors")
    assert "another ingest is running on" in lines[0]
    assert lines[0].endswith("waiting for it (up to 10 s)")
    assert lines[1] == "The index is whole: another ingest had already rebuilt or updated it."
    assert len(lines) == 2  # no second rebuild
    assert assistant.check() == []


def test_the_vector_count_is_checked_against_the_passages(settings: Settings) -> None:
    drop_one_vector(settings)
    assistant = Assistant(settings, embedder=HashingEmbedder())
    assert assistant.check() == ["the vector store holds 0 vectors for 1 chunks"]


def test_an_index_built_before_versions_is_moved_not_rebuilt(tmp_settings: Settings) -> None:
    (tmp_settings.corpus_dir / "alpha.txt").write_text(ALPHA, encoding="utf-8")
    ingest(tmp_settings, embedder=HashingEmbedder())
    index = tmp_settings.index_dir
    for path in serving(tmp_settings).iterdir():  # the layout before versions
        path.rename(index / path.name)
    shutil.rmtree(index / "versions")
    (index / CURRENT).unlink()
    assert IndexLayout(index).current() is None

    embedder = HashingEmbedder()
    assert not ingest(tmp_settings, embedder=embedder).changed_anything
    assert embedder.encoded == []
    assert serving(tmp_settings).name == "legacy"
    assistant = Assistant.open(
        tmp_settings.with_(scorer="blend", abstain_below=0.0), embedder=HashingEmbedder()
    )
    assert assistant.check() == []
    assert assistant.ask("How many clinics does Alpha run?").citations


def test_a_reader_never_makes_a_removed_version_again(tmp_path: Path) -> None:
    """Opening a version to answer from, just as an ingest removes it, is a
    VersionGoneError and writes nothing: the removed folder stays removed."""
    from assistant.errors import VersionGoneError
    from assistant.storage.facts import FactTable
    from assistant.storage.passages import PassageTable

    gone = tmp_path / "versions" / "20260101T000000-abcdef"
    with pytest.raises(VersionGoneError):
        PassageTable(gone / "passages.sqlite", create=False)
    with pytest.raises(VersionGoneError):
        FactTable(gone / "facts.sqlite", create=False)
    with pytest.raises(VersionGoneError):
        open_store(Settings(index_dir=tmp_path), gone, "passages", create=False)
    assert not gone.exists()


def test_removing_a_version_outlasts_a_reader_that_writes_into_it(tmp_path: Path) -> None:
    """A reader writing into a version for a moment while it is removed (as Chroma's
    client makes its database file) does not leave the folder behind."""
    import threading

    layout = IndexLayout(tmp_path)
    version = layout.new_version()
    started = threading.Event()

    def reader() -> None:  # keeps recreating the folder for 0.15 s
        until = time.monotonic() + 0.15
        while time.monotonic() < until:
            version.mkdir(parents=True, exist_ok=True)
            (version / "chroma.sqlite3").write_text("x", encoding="utf-8")
            started.set()
            time.sleep(0.005)

    racing = threading.Thread(target=reader)
    racing.start()
    started.wait(timeout=5)
    layout.remove(version)
    racing.join()
    assert not version.exists()
