"""Answer latency with 1, 4 and 8 sessions asking at once, as the app's sessions do.

The app serves every browser session from one `Assistant` in one process, each session a
thread with its own `Session`. Here each simulated session is such a thread, asking the
golden questions (standalone ones, shuffled per session) with no pause between them; no
lock is held across an answer. Several runs; the median over runs of each statistic.
Writes docs/concurrency.md, docs/concurrency.png and docs/bench/concurrency.json.

    .venv/bin/python bench/concurrency.py --runs 3 --questions 40
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import threading
import time
from pathlib import Path

from common import save

from assistant import Assistant, Settings
from assistant.evaluation import load_golden

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SESSIONS = (1, 4, 8)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def one_run(
    assistant: Assistant, questions: list[str], sessions: int, seed: int
) -> tuple[list[float], float]:
    """Seconds per answer, every session asking every question once, all at once; and the
    wall-clock seconds the whole run took."""
    times: list[float] = []
    start = threading.Barrier(sessions)

    def session(number: int) -> None:
        mine = questions[:]
        random.Random(seed * 100 + number).shuffle(mine)
        conversation = assistant.session()
        start.wait()
        for question in mine:
            began = time.perf_counter()
            conversation.ask(question)
            times.append(time.perf_counter() - began)
            conversation.reset()  # standalone questions: no follow-up resolution

    threads = [threading.Thread(target=session, args=(n,)) for n in range(sessions)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--questions", type=int, default=40)
    args = parser.parse_args()

    assistant = Assistant.open(Settings(corpus_dir=ROOT / "corpus", index_dir=ROOT / "index"))
    cases = load_golden(ROOT / "tests" / "golden" / "questions.jsonl")
    questions = [c.question for c in cases if not c.history][: args.questions]
    one_run(assistant, questions, 1, seed=0)  # warm-up: model, caches
    results: dict[str, dict[str, float]] = {}
    for sessions in SESSIONS:
        runs = [one_run(assistant, questions, sessions, seed=run) for run in range(args.runs)]
        results[str(sessions)] = {
            "p50_ms": statistics.median(percentile(t, 0.5) for t, _ in runs) * 1000,
            "p95_ms": statistics.median(percentile(t, 0.95) for t, _ in runs) * 1000,
            "max_ms": statistics.median(max(t) for t, _ in runs) * 1000,
            "answers_per_s": statistics.median(len(t) / wall for t, wall in runs),
        }
        print(sessions, results[str(sessions)], flush=True)
    report = {
        "cores": os.cpu_count() or 0,
        "questions": len(questions),
        "runs": args.runs,
        "sessions": results,
    }
    save("concurrency", report)
    write_markdown(report)
    write_plot(results)


def write_markdown(report: dict[str, object]) -> None:
    sessions = report["sessions"]
    assert isinstance(sessions, dict)
    lines = [
        "# Answers with several sessions at once",
        "",
        f"`bench/concurrency.py`: one assistant, N sessions (threads, as the app's) each asking"
        f" {report['questions']} golden questions at once with no pause, {report['runs']} runs,"
        f" median over runs; {report['cores']} CPU cores.",
        "",
        "| sessions | p50 ms | p95 ms | max ms | answers/s (all sessions) |",
        "|---|---|---|---|---|",
    ]
    for count, row in sessions.items():
        lines.append(
            f"| {count} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['max_ms']:.1f}"
            f" | {row['answers_per_s']:.0f} |"
        )
    lines += ["", "![](concurrency.png)", ""]
    (DOCS / "concurrency.md").write_text("\n".join(lines), encoding="utf-8")


def write_plot(results: dict[str, dict[str, float]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    counts = [int(c) for c in results]
    figure, axes = plt.subplots(figsize=(6, 3.2))
    for key, label in (("p50_ms", "p50"), ("p95_ms", "p95")):
        axes.plot(counts, [results[str(c)][key] for c in counts], marker="o", label=label)
    axes.set_xticks(counts)
    axes.set_xlabel(f"sessions asking at once ({os.cpu_count()} cores)")
    axes.set_ylabel("milliseconds per answer")
    axes.set_ylim(bottom=0)
    axes.legend()
    axes.set_title("Answer latency under concurrent sessions")
    figure.tight_layout()
    figure.savefig(DOCS / "concurrency.png", dpi=120)


if __name__ == "__main__":
    main()
