"""The HTTP API against a real uvicorn on 127.0.0.1, driven with httpx: every endpoint,
the error statuses, the token rule, many questions at once, and every citation checked
against the document slice the API serves."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from assistant import Assistant, Settings
from assistant.server import MAX_BODY, create_app
from assistant.storage.versions import IndexLayout
from tests.answer.test_figures import briefs_in
from tests.conftest import ROOT, free_port, wait_until_up

KENYA = (
    "Kenya clinics brief\n\n"
    "The Nairobi Clinic Board licenses new clinics. Dr. Amina Otieno chairs the board.\n\n"
    "Clinic revenue (USD million):\n\n"
    "| Metric | 2021 | 2022 |\n|---|---|---|\n| Clinic revenue | 120 | 135 |\n"
)
PERU = "Peru pharmacies brief\n\nThe Lima Pharmacy Council inspects pharmacies.\n"


@contextmanager
def running(assistant: Assistant, *, token: str | None = None) -> Iterator[str]:
    """uvicorn serving the API on a free port of 127.0.0.1, in a thread."""
    port = free_port()
    config = uvicorn.Config(
        create_app(assistant, token=token), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("api"), {"kenya.md": KENYA, "peru.md": PERU})


@pytest.fixture(scope="module")
def url(assistant: Assistant) -> Iterator[str]:
    with running(assistant) as address:
        yield address


def test_ask_returns_the_contract_and_every_citation_is_the_served_slice(url: str) -> None:
    answer = httpx.post(f"{url}/ask", json={"question": "Who chairs the board?"}).json()
    assert answer["kind"] == "passage" and "Amina Otieno" in answer["answer"]
    figure = httpx.post(f"{url}/ask", json={"question": "What was clinic revenue in 2022?"})
    assert figure.status_code == 200 and figure.json()["value"]["number"] == 135
    for cited in answer["citations"] + figure.json()["citations"]:
        served = httpx.get(
            f"{url}/documents/{cited['source']}",
            params={"start": cited["start"], "end": cited["end"]},
        ).json()
        assert served["text"] == cited["text"]


def test_ask_takes_a_history_and_sources(url: str) -> None:
    follow = httpx.post(
        f"{url}/ask",
        json={"question": "And in 2021?", "history": ["What was clinic revenue in 2022?"]},
    ).json()
    assert follow["value"]["number"] == 120 and follow["interpreted_as"] != "And in 2021?"
    scoped = httpx.post(
        f"{url}/ask", json={"question": "Who inspects pharmacies?", "sources": ["kenya.md"]}
    ).json()
    assert scoped["abstained"] and scoped["searched"] == ["kenya.md"]


def test_documents_facts_and_health(url: str) -> None:
    listed = httpx.get(f"{url}/documents").json()
    assert [d["source"] for d in listed] == ["kenya.md", "peru.md"]
    assert listed[1]["characters"] == len(PERU)
    whole = httpx.get(f"{url}/documents/peru.md").json()
    assert whole["text"] == PERU and whole["start"] == 0 and whole["end"] == len(PERU)
    facts = httpx.get(f"{url}/facts", params={"metric": "revenue"}).json()
    assert {(f["period"], f["value"]) for f in facts} == {("2021", 120.0), ("2022", 135.0)}
    assert httpx.get(f"{url}/facts", params={"source": "peru.md"}).json() == []
    health = httpx.get(f"{url}/health").json()
    assert health["status"] == "ok" and health["documents"] == 2
    assert httpx.get(f"{url}/openapi.json").json()["info"]["title"] == "Brief Assistant"
    assert httpx.get(f"{url}/docs").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "said"),
    [
        ("post", "/ask", {"question": "   "}, 422, "empty question"),
        ("post", "/ask", {"question": "x" * 2001}, 422, "too long"),
        ("post", "/ask", {"nothing": 1}, 422, "question"),
        ("post", "/ask", {"question": "Who?", "sources": ["chile.md"]}, 422, "chile.md"),
        ("get", "/documents/chile.md", None, 404, "no brief named chile.md"),
        ("get", "/documents/peru.md?start=5&end=100000", None, 422, "not within"),
        ("get", "/ingest/nope", None, 404, "no ingest nope"),
        ("get", "/nowhere", None, 404, "Not Found"),
    ],
)
def test_errors_are_one_line_json_with_their_status(
    url: str, method: str, path: str, body: object, status: int, said: str
) -> None:
    response = httpx.request(method.upper(), f"{url}{path}", json=body)
    assert response.status_code == status
    error = response.json()["error"]
    assert said in error and "\n" not in error


def test_a_body_over_the_limit_is_refused_before_it_is_read(url: str) -> None:
    response = httpx.post(f"{url}/ask", content=b"{" + b" " * MAX_BODY + b"}",
                          headers={"content-type": "application/json"})  # fmt: skip
    assert response.status_code == 413 and "over" in response.json()["error"]


def test_a_chunked_body_over_the_limit_is_refused_too(url: str) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: sent with chunked encoding
        yield b'{"question": "'
        for _ in range(MAX_BODY // 1000 + 1):
            yield b"a" * 1000
        yield b'"}'

    response = httpx.post(f"{url}/ask", content=chunks(),
                          headers={"content-type": "application/json"})  # fmt: skip
    assert response.status_code == 413 and "over" in response.json()["error"]
    head, tail = b'{"question": "', b'"}'
    exact = head + b"a" * (MAX_BODY - len(head) - len(tail)) + tail
    at_limit = httpx.post(f"{url}/ask", content=iter([exact]),
                          headers={"content-type": "application/json"})  # fmt: skip
    assert len(exact) == MAX_BODY and at_limit.status_code == 422  # read: a question too long
    small = httpx.post(f"{url}/ask", content=iter([b'{"question": ', b'"Who chairs the board?"}']),
                       headers={"content-type": "application/json"})  # fmt: skip
    assert small.status_code == 200 and "Amina Otieno" in small.json()["answer"]


def test_twenty_questions_at_once_all_answered(url: str) -> None:
    questions = ["Who chairs the board?", "What was clinic revenue in 2022?",
                 "Who inspects pharmacies?", "What is the capital of France?"] * 5  # fmt: skip

    def ask(question: str) -> httpx.Response:
        return httpx.post(f"{url}/ask", json={"question": question}, timeout=60)

    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(ask, questions))
    assert [r.status_code for r in responses] == [200] * 20
    assert len({r.json()["answer"] for r in responses}) == 4  # each question, its one answer


def test_ingest_runs_in_the_background_and_refuses_a_second(
    assistant: Assistant, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (assistant.settings.corpus_dir / "chile.md").write_text(
        "Chile clinics brief\n\nThe Santiago Health Board audits clinics.\n", encoding="utf-8"
    )
    go = threading.Event()  # holds the ingest until the second request was refused
    reingest = assistant.reingest

    def held(**kwargs: object) -> object:
        go.wait(timeout=30)
        return reingest(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(assistant, "reingest", held)
    started = httpx.post(f"{url}/ingest")
    assert started.status_code == 202 and started.json()["status"] == "running"
    second = httpx.post(f"{url}/ingest")
    assert second.status_code == 409 and "another ingest" in second.json()["error"]
    go.set()
    run = started.json()["id"]
    for _ in range(300):
        status = httpx.get(f"{url}/ingest/{run}").json()
        if status["status"] != "running":
            break
        time.sleep(0.1)
    assert status["status"] == "done" and status["report"]["added"] == ["chile.md"]
    assert any("chile.md" in line for line in status["progress"])
    answer = httpx.post(f"{url}/ask", json={"question": "Who audits clinics?"}).json()
    assert "Santiago Health Board" in answer["answer"]
    (assistant.settings.corpus_dir / "chile.md").unlink()
    reingest()


def test_an_ingest_running_elsewhere_is_refused_with_409(assistant: Assistant, url: str) -> None:
    """An ingest another process runs (the CLI, the app) holds the index's lock."""
    with IndexLayout(assistant.settings.index_dir).lock(wait=0):
        refused = httpx.post(f"{url}/ingest")
    assert refused.status_code == 409 and "another ingest" in refused.json()["error"]
    assert "pid" in refused.json()["error"]  # who holds it


def test_a_token_is_required_when_set(assistant: Assistant) -> None:
    with running(assistant, token="s3cret") as address:
        assert httpx.get(f"{address}/health").status_code == 401
        wrong = httpx.get(f"{address}/health", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and "token" in wrong.json()["error"]
        right = httpx.get(f"{address}/health", headers={"Authorization": "Bearer s3cret"})
        assert right.status_code == 200


def test_binding_beyond_loopback_needs_a_token(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from assistant.cli import main

    result = CliRunner(env={"ASSISTANT_API_TOKEN": ""}).invoke(
        main, ["serve", "--host", "0.0.0.0", "--port", "1"]
    )
    assert result.exit_code == 1
    assert "set ASSISTANT_API_TOKEN" in result.output and "Traceback" not in result.output


@pytest.mark.model
def test_assistant_serve_answers_over_the_shipped_briefs(real_settings: Settings) -> None:
    port = free_port()
    env = {
        **os.environ,
        "ASSISTANT_CORPUS_DIR": str(real_settings.corpus_dir),
        "ASSISTANT_INDEX_DIR": str(real_settings.index_dir),
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", seconds=120, what="assistant serve")
        answer = httpx.post(
            f"http://127.0.0.1:{port}/ask", json={"question": "Who is Jorge Melendez?"}, timeout=60
        ).json()
        assert "General Director, INMEGEN" in answer["answer"]
    finally:
        server.terminate()
        server.wait(timeout=20)
