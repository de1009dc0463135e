"""Embedding backends side by side, in one run: torch fp32, ONNX fp32, ONNX int8, torch with
its weights cast to bfloat16, and torch in bfloat16 autocast.

For each: chunk throughput (chunks of the shipped briefs, repeated to 512), one-query
latency, and golden-set accuracy with an index built by that backend. Writes
docs/bench/embedders.json.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from common import GOLDEN, ROOT, Bf16Autocast, chunk_texts, median_time, save

from assistant import Assistant, Settings
from assistant.encoders.registry import make_embedder
from assistant.evaluation import load_golden, run_eval
from assistant.ingest.build import ingest

BACKENDS = (
    "torch",
    "onnx",
    "onnx-int8",
    "torch-bf16",
    "torch, bf16 autocast",
    "onnx, batches not sorted by length",
)


def main() -> None:
    chunks = chunk_texts(ROOT / "corpus")
    texts = (chunks * (512 // len(chunks) + 1))[:512]
    cases = load_golden(GOLDEN)
    results = {}
    work = Path(tempfile.mkdtemp(prefix="bench-embedders-"))
    try:
        for backend in BACKENDS:
            unsorted = backend.startswith("onnx, ")
            settings = Settings(
                corpus_dir=ROOT / "corpus",
                index_dir=work / backend.replace(" ", "-").replace(",", ""),
                embedding_backend=backend.split(",")[0],
            )  # type: ignore[arg-type]
            embedder = Bf16Autocast() if "autocast" in backend else make_embedder(settings)
            if unsorted:
                embedder.by_length = False  # type: ignore[attr-defined]
            embedder.encode(["warm up"])
            seconds = median_time(lambda e=embedder: e.encode(texts), repeats=3)
            query = median_time(
                lambda e=embedder: e.encode(["How much did imports fall?"]), repeats=50
            )
            ingest(settings, embedder=embedder)
            assistant = Assistant.open(settings, embedder=embedder)
            result = run_eval(assistant, cases)
            results[backend] = {
                "chunks_per_second": len(texts) / seconds,
                "query_ms": query * 1000,
                "accuracy": result.accuracy,
                "figure_accuracy": result.figure_accuracy,
                "abstention_recall": result.abstention_recall,
                "abstention_precision": result.abstention_precision,
            }
            print(backend, results[backend], flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base = results["torch"]["chunks_per_second"]
    for values in results.values():
        values["speedup"] = values["chunks_per_second"] / base
    save("embedders", {"chunks": len(texts), "backends": results})


if __name__ == "__main__":
    main()
