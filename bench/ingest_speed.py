"""Ingest throughput, in one run on the same chunks: the whole pipeline with each encoder
(torch fp32, ONNX fp32, torch in bfloat16, and bfloat16 autocast) against the raw encoders, and each
pipeline's peak memory. Writes docs/bench/ingest.json.

The corpus is real English text (bench/distractors.py), about `--chunks` chunks.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, Bf16Autocast, chunk_texts, save
from distractors import write_distractors

from assistant import Settings
from assistant.encoders.registry import make_embedder
from assistant.ingest.build import ingest

PIPELINES = {  # name: (backend, multilingual vectors)
    "torch fp32": ("torch", False),
    "onnx fp32": ("onnx", False),
    "torch bf16": ("torch-bf16", False),
    "torch bf16 autocast (not adopted)": ("bf16-autocast", False),
    "torch bf16 + multilingual": ("torch-bf16", True),
}
ADOPTED = "torch bf16"
"""What `ASSISTANT_INGEST_BACKEND=auto` picks for a large ingest on a CPU with bfloat16."""


def pipeline(corpus: Path, index: Path, backend: str, multilingual: bool) -> None:
    """Run in a child process: ingest, then print seconds, chunks and peak memory."""
    settings = Settings(
        corpus_dir=corpus,
        index_dir=index,
        embedding_backend="torch" if backend == "bf16-autocast" else backend,
        multilingual=multilingual,  # type: ignore[arg-type]
    )
    embedder = Bf16Autocast() if backend == "bf16-autocast" else make_embedder(settings)
    embedder.encode(["warm up"])  # the model load is not ingest work
    start = time.perf_counter()
    report = ingest(settings, embedder=embedder)
    seconds = time.perf_counter() - start
    # VmHWM: this process's own peak (ru_maxrss would start from the parent's at fork).
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
    print(json.dumps({"seconds": seconds, "chunks": report.chunks, "peak_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=1500)
    parser.add_argument("--child", nargs=4)
    args = parser.parse_args()
    if args.child:
        pipeline(Path(args.child[0]), Path(args.child[1]), args.child[2], args.child[3] == "1")
        return
    work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        corpus = work / "corpus"
        write_distractors(corpus, args.chunks * 560, file_size=100_000)
        texts, units = chunk_texts(corpus), chunk_texts(corpus, units=True)
        raw, raw_units = {}, {}
        for backend in ("onnx", "torch", "torch-bf16", "bf16-autocast"):
            settings = Settings(index_dir=work / "onnx-export", embedding_backend=backend)  # type: ignore[arg-type]
            embedder = Bf16Autocast() if backend == "bf16-autocast" else make_embedder(settings)
            embedder.encode(["warm up"])
            start = time.perf_counter()
            embedder.encode(texts)
            raw[backend] = len(texts) / (time.perf_counter() - start)
            start = time.perf_counter()
            embedder.encode(units)  # the texts the pipeline embeds
            raw_units[backend] = len(units) / (time.perf_counter() - start)
        runs = {}
        for name, (backend, multilingual) in PIPELINES.items():
            index = work / f"index-{backend}-{int(multilingual)}"
            if backend == "onnx":
                shutil.copytree(work / "onnx-export" / "onnx", index / "onnx")
            child = subprocess.run(
                [sys.executable, __file__, "--child", str(corpus), str(index), backend,
                 str(int(multilingual))],
                check=True, capture_output=True, text=True, cwd=ROOT / "bench",
            )  # fmt: skip
            run = json.loads(child.stdout.strip().splitlines()[-1])
            runs[name] = {
                "backend": backend,
                "multilingual": multilingual,
                "chunks_per_second": run["chunks"] / run["seconds"],
                "peak_memory_mb": run["peak_mb"],
                # Of the pipeline's time, the share its encoder needs for the same units.
                "encoder_share": len(units) / raw_units[backend] / run["seconds"],
            }
            print(name, runs[name], flush=True)
        adopted = runs[ADOPTED]["chunks_per_second"]
        result = {
            "chunks": len(texts),
            "adopted": ADOPTED,
            "units": len(units),
            "raw_chunks_per_second": raw,
            "raw_units_per_second": raw_units,
            "pipelines": runs,
            "pipeline_over_torch_fp32": adopted / runs["torch fp32"]["chunks_per_second"],
        }
        print(result)
        save("ingest", result)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
