"""Ingest throughput: the whole pipeline against the raw encoder on the same chunks, in one
run, and the pipeline's peak memory. Writes docs/bench/ingest.json.

The corpus is real English text (bench/distractors.py), about `--chunks` chunks.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, chunk_texts, save
from distractors import write_distractors

from assistant import Settings
from assistant.build import ingest
from assistant.ingest.embed import SentenceTransformerEmbedder
from assistant.ingest.models import make_embedder


def pipeline(corpus: Path, index: Path, backend: str, multilingual: bool) -> None:
    """Run in a child process: ingest, then print seconds, chunks and peak memory."""
    settings = Settings(
        corpus_dir=corpus,
        index_dir=index,
        embedding_backend=backend,
        multilingual=multilingual,  # type: ignore[arg-type]
    )
    embedder = make_embedder(settings)
    embedder.encode(["warm up"])  # the model load is not ingest work
    start = time.perf_counter()
    report = ingest(settings, embedder=embedder)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
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
        texts = chunk_texts(corpus)
        raw = {}
        for name, embedder in (
            ("onnx", make_embedder(Settings(index_dir=work / "onnx-export"))),
            ("torch", SentenceTransformerEmbedder()),
        ):
            embedder.encode(["warm up"])
            start = time.perf_counter()
            embedder.encode(texts)
            raw[name] = len(texts) / (time.perf_counter() - start)
        runs = {}
        # English only (as the raw encoders), then with the multilingual vectors (default).
        for name, backend, multilingual in (
            ("onnx", "onnx", "0"),
            ("torch", "torch", "0"),
            ("multilingual", "onnx", "1"),
        ):
            index = work / f"index-{name}"
            if backend == "onnx":
                shutil.copytree(work / "onnx-export" / "onnx", index / "onnx")
            child = subprocess.run(
                [sys.executable, __file__, "--child", str(corpus), str(index), backend, multilingual],
                check=True, capture_output=True, text=True, cwd=ROOT / "bench",
            )  # fmt: skip
            runs[name] = json.loads(child.stdout.strip().splitlines()[-1])
        measured = runs["onnx"]
        rate = measured["chunks"] / measured["seconds"]
        torch_rate = runs["torch"]["chunks"] / runs["torch"]["seconds"]
        result = {
            "chunks": measured["chunks"],
            "pipeline_chunks_per_second": rate,
            "pipeline_torch_chunks_per_second": torch_rate,
            "pipeline_onnx_over_pipeline_torch": rate / torch_rate,
            "raw_onnx_chunks_per_second": raw["onnx"],
            "raw_torch_chunks_per_second": raw["torch"],
            "pipeline_over_raw_encoder": rate / raw["onnx"],
            "pipeline_over_torch_fp32": rate / raw["torch"],
            "peak_memory_mb": measured["peak_mb"],
            "pipeline_multilingual_chunks_per_second": runs["multilingual"]["chunks"]
            / runs["multilingual"]["seconds"],
            "multilingual_peak_memory_mb": runs["multilingual"]["peak_mb"],
        }
        print(result)
        save("ingest", result)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
