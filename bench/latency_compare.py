"""Warm latency of two versions of the code, from `bench/latency.py` runs of each.

Used for issue 14 (the reshape must keep warm p50 within 10% of before): `latency.py` ran
alternately in a checkout of the commit before the reshape and in this one, two rounds
of 3 runs x 3 repeats each, nothing else running; their docs/latency.json files were kept
as docs/bench/latency-reshape-{before,after}{1,2}.json. This writes
docs/latency-reshape.md and docs/latency-reshape.png from them.

    .venv/bin/python bench/latency_compare.py
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

DOCS = Path(__file__).resolve().parent.parent / "docs"
KEYS = {
    "text p50": "text_p50_ms",
    "text p95": "text_p95_ms",
    "figure p50": "figure_p50_ms",
    "figure p95": "figure_p95_ms",
    "Spanish p50": "spanish_p50_ms",
    "one encode": "encode_p50_ms",
}


def load(side: str) -> list[dict[str, float]]:
    files = sorted((DOCS / "bench").glob(f"latency-reshape-{side}*.json"))
    return [json.loads(f.read_text(encoding="utf-8"))["median"] for f in files]


def main() -> None:
    before, after = load("before"), load("after")
    lines = [
        "# Warm latency before and after the reshape (issue 14)",
        "",
        "`bench/latency.py` (100 golden questions, 3 runs x 3 repeats, median over runs) run",
        f"alternately before and after, {len(before)} rounds each, on the same 2-core machine",
        "with nothing else running. The value of each side is the median over its rounds.",
        "",
        "| | before ms | after ms | after / before | rounds before | rounds after |",
        "|---|---|---|---|---|---|",
    ]
    for label, key in KEYS.items():
        b = statistics.median(r[key] for r in before)
        a = statistics.median(r[key] for r in after)
        each_b = ", ".join(f"{r[key]:.2f}" for r in before)
        each_a = ", ".join(f"{r[key]:.2f}" for r in after)
        lines.append(f"| {label} | {b:.2f} | {a:.2f} | {a / b:.2f} | {each_b} | {each_a} |")
    lines += ["", "![](latency-reshape.png)", ""]
    (DOCS / "latency-reshape.md").write_text("\n".join(lines), encoding="utf-8")

    figure, axes = plt.subplots(figsize=(7, 3.2))
    labels = list(KEYS)[:5]
    for i, label in enumerate(labels):
        key = KEYS[label]
        axes.scatter([i - 0.12] * len(before), [r[key] for r in before], color="tab:gray")
        axes.scatter([i + 0.12] * len(after), [r[key] for r in after], color="tab:blue")
    axes.set_xticks(range(len(labels)), labels)
    axes.set_ylabel("milliseconds")
    axes.set_ylim(bottom=0)
    axes.set_title("Warm latency per round: before (gray) and after (blue) the reshape")
    figure.tight_layout()
    figure.savefig(DOCS / "latency-reshape.png", dpi=120)
    print((DOCS / "latency-reshape.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
