"""Cold start: the first answer of `assistant ask` in a fresh process, as a ratio to the bare
`import sentence_transformers` time measured in the same run (median of several runs).
Writes docs/bench/cold_start.json.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from common import ROOT, save

QUESTIONS = {
    "text": "Who is Héctor Barillas?",
    "figure": "How much did imports fall from 2020 to 2022?",
}


def wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main(runs: int = 5) -> None:
    subprocess.run([sys.executable, "-m", "assistant", "ingest"], cwd=ROOT, check=True)
    bare, asks = [], {kind: [] for kind in QUESTIONS}
    for _ in range(runs):  # interleaved, so machine noise hits all alike
        bare.append(wall([sys.executable, "-c", "import sentence_transformers"]))
        for kind, question in QUESTIONS.items():
            asks[kind].append(wall([sys.executable, "-m", "assistant", "ask", question]))
    floor = statistics.median(bare)
    result = {"import_sentence_transformers_s": floor, "runs": runs}
    for kind, times in asks.items():
        result[f"{kind}_first_answer_s"] = statistics.median(times)
        result[f"{kind}_ratio"] = statistics.median(times) / floor
    print(result)
    save("cold_start", result)


if __name__ == "__main__":
    main()
