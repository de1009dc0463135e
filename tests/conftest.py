"""Shared fixtures: temporary corpora and indexes, the real corpus, the real model, and a
real Chroma server (`chroma run` on 127.0.0.1, started once per test session)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.ingest.build import ingest
from assistant.storage.versions import IndexLayout
from tests.fakes import HashingEmbedder

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def tmp_settings(tmp_path: Path) -> Settings:
    """Settings for an empty corpus folder and index folder under tmp_path (English only:
    the multilingual encoder has tests of its own)."""
    (tmp_path / "corpus").mkdir()
    return Settings(
        corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", multilingual=False
    )


@pytest.fixture
def fake_embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shipped corpus, copied, indexed once with the real model."""
    base = tmp_path_factory.mktemp("real")
    shutil.copytree(CORPUS, base / "corpus")
    settings = Settings(corpus_dir=base / "corpus", index_dir=base / "index")
    ingest(settings)
    return settings


@pytest.fixture(scope="session")
def real_assistant(real_settings: Settings) -> Assistant:
    return Assistant.open(real_settings)


def serving(settings: Settings) -> Path:
    """The folder of the index version that answers questions now."""
    version = IndexLayout(settings.index_dir).current()
    assert version is not None, "no index version is serving"
    return version


CHROMA = shutil.which("chroma") or str(
    Path(__file__).resolve().parents[1] / ".venv" / "bin" / "chroma"
)


@pytest.fixture(scope="session")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    server = subprocess.Popen(
        [CHROMA, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False", "CHROMA_ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/api/v2/heartbeat", seconds=60, what="chroma run")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_until_up(url: str, *, seconds: float, what: str) -> None:
    """Poll `url` until it answers 200, or fail the test saying what did not start."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{what} did not start within {seconds:g} s")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshot",
        action="store_true",
        help="rewrite tests/golden/snapshot.jsonl from the answers given now",
    )
