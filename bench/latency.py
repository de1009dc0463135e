"""Warm answer latency as a ratio to one query embedding, measured in the same process.

Several runs; each run interleaves the golden questions and one bare query encode per
question, so machine noise hits both alike. Reports each run's p50/p95 and the median
over runs, and writes docs/latency.md, docs/latency.json and docs/latency.png.

    .venv/bin/python bench/latency.py --runs 5 --repeats 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from assistant import Assistant, Settings
from assistant.encoders.embed import SentenceTransformerEmbedder
from assistant.evaluation import GoldenCase, load_golden

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# golden category -> kind; the rest: text (English). Spanish questions are their own kind.
KINDS = {
    "table": "figure",
    "figure": "figure",
    "spanish": "spanish",
    "spanish-unanswerable": "spanish",
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def one_run(
    floor_model: SentenceTransformerEmbedder,
    assistant: Assistant,
    questions: list[tuple[str, str]],
    conversations: list[GoldenCase],
    repeats: int,
) -> dict[str, float]:
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeats):
        for kind, question in questions:
            start = time.perf_counter()
            floor_model.encode([question])
            times["encode"].append(time.perf_counter() - start)
            start = time.perf_counter()
            assistant.session().ask(question)
            times[kind].append(time.perf_counter() - start)
        # Follow-ups first, then the same questions standalone in a second pass, so the
        # last-question vector cache helps neither.
        resolved = {}
        for case in conversations:
            session = assistant.session()
            for earlier in case.history:
                session.ask(earlier)
            start = time.perf_counter()
            resolved[case.id] = session.ask(case.question).interpreted_as
            times["followup"].append(time.perf_counter() - start)
        for case in conversations:
            start = time.perf_counter()
            assistant.session().ask(resolved[case.id])
            times["standalone"].append(time.perf_counter() - start)
    pair_ratios = [f / s for f, s in zip(times["followup"], times["standalone"], strict=True)]
    floor = statistics.median(times["encode"])
    result = {"encode_p50_ms": floor * 1000}
    if pair_ratios:
        result |= {
            "followup_p50_ms": statistics.median(times["followup"]) * 1000,
            "standalone_p50_ms": statistics.median(times["standalone"]) * 1000,
            "followup_over_standalone": statistics.median(times["followup"])
            / statistics.median(times["standalone"]),
            "followup_pair_ratio_p50": statistics.median(pair_ratios),
        }
    for kind in ("text", "figure", "spanish"):
        if times[kind]:
            p50, p95 = percentile(times[kind], 0.5), percentile(times[kind], 0.95)
            result |= {
                f"{kind}_p50_ms": p50 * 1000,
                f"{kind}_p95_ms": p95 * 1000,
                f"{kind}_p50_ratio": p50 / floor,
                f"{kind}_p95_ratio": p95 / floor,
            }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--golden", type=Path, default=ROOT / "tests/golden/questions.jsonl")
    args = parser.parse_args()

    assistant = Assistant.open(Settings(corpus_dir=ROOT / "corpus", index_dir=ROOT / "index"))
    cases = load_golden(args.golden)
    questions = [(KINDS.get(c.category, "text"), c.question) for c in cases if not c.history]
    conversations = [c for c in cases if c.history and c.category == "followup"]
    floor_model = SentenceTransformerEmbedder()  # the yardstick: one sentence-transformers encode
    one_run(floor_model, assistant, questions, conversations, 1)  # warm-up
    runs = [
        one_run(floor_model, assistant, questions, conversations, args.repeats)
        for _ in range(args.runs)
    ]
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    report = {"runs": runs, "median": median, "questions": len(questions), "repeats": args.repeats}
    DOCS.mkdir(exist_ok=True)
    (DOCS / "latency.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    write_markdown(report)
    write_plot(runs)
    print((DOCS / "latency.md").read_text(encoding="utf-8"))


def write_markdown(report: dict[str, object]) -> None:
    median = report["median"]
    assert isinstance(median, dict)
    lines = [
        "# Warm answer latency",
        "",
        f"{report['questions']} golden questions x {report['repeats']} repeats, "
        f"{len(report['runs'])} runs (`bench/latency.py`); median over runs. "  # type: ignore[arg-type]
        "Ratios are to one sentence-transformers query encode measured in the same run.",
        "",
        "| question | p50 ms | p95 ms | p50 / encode | p95 / encode | target |",
        "|---|---|---|---|---|---|",
    ]
    targets = {
        "text": "p50 <= 2x, p95 <= 3x",
        "figure": "p50 <= 1x",
        "spanish": "(no target; USE v3 in numpy)",
    }
    for kind in ("text", "figure", "spanish"):
        lines.append(
            f"| {kind} | {median[f'{kind}_p50_ms']:.1f} | {median[f'{kind}_p95_ms']:.1f} "
            f"| {median[f'{kind}_p50_ratio']:.2f}x | {median[f'{kind}_p95_ratio']:.2f}x "
            f"| {targets[kind]} |"
        )
    lines += [
        "",
        f"One query encode (p50): {median['encode_p50_ms']:.1f} ms.",
        "",
        "Follow-ups (golden conversations, history replayed untimed) against the same",
        "question asked standalone (its `interpreted_as`) in the same run:",
        "",
        "| follow-up p50 ms | standalone p50 ms | ratio of p50s | median per-question ratio"
        " | target |",
        "|---|---|---|---|---|",
        f"| {median['followup_p50_ms']:.2f} | {median['standalone_p50_ms']:.2f} "
        f"| {median['followup_over_standalone']:.2f} | {median['followup_pair_ratio_p50']:.2f} "
        "| within 10% (<= 1.10) |",
        "",
        "![](latency.png)",
        "",
    ]
    (DOCS / "latency.md").write_text("\n".join(lines), encoding="utf-8")


def write_plot(runs: list[dict[str, float]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.2))
    labels = ["encode", "text p50", "text p95", "figure p50", "figure p95", "Spanish p50"]
    keys = [
        "encode_p50_ms",
        "text_p50_ms",
        "text_p95_ms",
        "figure_p50_ms",
        "figure_p95_ms",
        "spanish_p50_ms",
    ]
    for i, key in enumerate(keys):
        values = [run[key] for run in runs]
        ax.scatter([i] * len(values), values, color="tab:blue", alpha=0.6)
        ax.hlines(statistics.median(values), i - 0.25, i + 0.25, color="tab:red")
    ax.set_xticks(range(len(labels)), labels)
    ax.set_ylabel("milliseconds")
    ax.set_title("Warm latency per run (red: median over runs)")
    ax.set_ylim(bottom=0)
    fig.tight_layout()
    fig.savefig(DOCS / "latency.png", dpi=120)


if __name__ == "__main__":
    main()
