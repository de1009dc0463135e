"""`POST /ask` latency of `assistant serve` with 1 and 8 clients asking at once, beside the
same questions answered in process (`Assistant.ask`), in one run.

The server is `python -m assistant serve` on 127.0.0.1 over the shipped index; each client
is a thread with its own httpx connection asking the golden set's standalone English
questions (shuffled per client) with no pause. Several runs; the median over runs of each
statistic. Writes docs/api-latency.md, docs/api-latency.png, docs/bench/api_latency.json.

    .venv/bin/python bench/api_latency.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time

import httpx
from common import GOLDEN, ROOT, save
from concurrency import percentile

from assistant import Assistant, Settings
from assistant.evaluation import load_golden

DOCS = ROOT / "docs"
CLIENTS = (1, 8)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def over_http(url: str, questions: list[str], clients: int, seed: int) -> list[float]:
    """Seconds per `/ask`, every client asking every question once, all at once; a request
    that fails is counted in `FAILED`, never dropped."""
    times: list[float] = []
    start = threading.Barrier(clients)

    def client(number: int) -> None:
        mine = questions[:]
        random.Random(seed * 100 + number).shuffle(mine)
        with httpx.Client(base_url=url, timeout=120) as http:
            start.wait()
            for question in mine:
                began = time.perf_counter()
                try:
                    response = http.post("/ask", json={"question": question})
                except httpx.HTTPError as error:
                    FAILED.append(f"{question}: {error}")
                    continue
                if response.status_code != 200:
                    FAILED.append(f"{question}: HTTP {response.status_code}")
                    continue
                times.append(time.perf_counter() - began)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


FAILED: list[str] = []
"""Requests that failed, over every run: the page says how many."""


def in_process(assistant: Assistant, questions: list[str]) -> list[float]:
    times = []
    for question in questions:
        began = time.perf_counter()
        assistant.ask(question)
        times.append(time.perf_counter() - began)
    return times


def main(runs: int) -> None:
    cases = load_golden(GOLDEN)
    questions = [
        c.question for c in cases if not c.history and not c.category.startswith("spanish")
    ]
    settings = Settings(corpus_dir=ROOT / "corpus", index_dir=ROOT / "index")
    assistant = Assistant.open(settings)
    port = free_port()
    env = {**os.environ, "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
           "ASSISTANT_INDEX_DIR": str(settings.index_dir)}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        over_http(url, questions, 1, seed=0)  # warm: caches filled on both sides
        in_process(assistant, questions)
        results: dict[str, list[tuple[float, float]]] = {"in process": []}
        for clients in CLIENTS:
            results[f"HTTP, {clients} client{'s' if clients > 1 else ''}"] = []
        for run in range(runs):  # interleaved, so machine noise hits all alike
            local = in_process(assistant, questions)
            results["in process"].append((percentile(local, 0.5), percentile(local, 0.95)))
            for clients in CLIENTS:
                times = over_http(url, questions, clients, seed=run + 1)
                key = f"HTTP, {clients} client{'s' if clients > 1 else ''}"
                results[key].append((percentile(times, 0.5), percentile(times, 0.95)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    summary = {
        key: {"p50_ms": 1000 * statistics.median(p50 for p50, _ in rows),
              "p95_ms": 1000 * statistics.median(p95 for _, p95 in rows)}
        for key, rows in results.items()
    }  # fmt: skip
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    requests = (runs * sum(CLIENTS) + 1) * len(questions)  # and the warm-up round
    save("api_latency", {"runs": runs, "questions": len(questions), "results": summary,
                         "cpus": os.cpu_count(), "commit": commit, "requests": requests,
                         "failed": len(FAILED)})  # fmt: skip
    plot(summary)
    base = summary["in process"]["p50_ms"]
    rows = [f"| {key} | {s['p50_ms']:.1f} | {s['p95_ms']:.1f} | {s['p50_ms'] / base:.2f}x |"
            for key, s in summary.items()]  # fmt: skip
    (DOCS / "api-latency.md").write_text(
        "# `POST /ask` latency\n\n"
        "`bench/api_latency.py`: `assistant serve` on 127.0.0.1 over the shipped index, the"
        f" golden set's {len(questions)} standalone English questions per client, shuffled,"
        f" no pause; the same questions answered in process in the same run. Median of"
        f" {runs} runs of each statistic, on {os.cpu_count()} CPUs, at commit {commit};"
        f" {len(FAILED)} of the {requests:,} requests (the warm-up round included) failed."
        " With 8 clients each"
        " answer waits for the others' (the machine's cores are shared), so its latency is"
        " the price of throughput, not of HTTP.\n\n"
        "| way in | p50 ms | p95 ms | p50 vs in process |\n|---|---:|---:|---:|\n"
        + "\n".join(rows)
        + "\n\n![](api-latency.png)\n",
        encoding="utf-8",
    )
    print("\n".join(rows))


def plot(summary: dict[str, dict[str, float]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = list(summary)
    fig, ax = plt.subplots(figsize=(6, 3))
    x = range(len(keys))
    ax.bar([i - 0.2 for i in x], [summary[k]["p50_ms"] for k in keys], 0.4, label="p50")
    ax.bar([i + 0.2 for i in x], [summary[k]["p95_ms"] for k in keys], 0.4, label="p95")
    ax.set_xticks(list(x), keys)
    ax.set_ylabel("ms per answer")
    ax.legend()
    fig.tight_layout()
    fig.savefig(DOCS / "api-latency.png", dpi=120)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    main(parser.parse_args().runs)
