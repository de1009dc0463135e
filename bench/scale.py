"""Scale: the briefs plus 10,000 and then 100,000 distractor chunks of real English text.

At each size, in its own folder (work/<size>/corpus and work/<size>/index): ingest time, chunks, index size on disk, warm p50 of the golden questions as a ratio to one
sentence-transformers query encode, and golden-set accuracy. Writes docs/bench/scale.json
after each size.

    .venv/bin/python bench/scale.py --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from common import GOLDEN, ROOT, load, save
from distractors import write_distractors

from assistant import Assistant, Settings
from assistant.encoders.embed import SentenceTransformerEmbedder
from assistant.encoders.registry import make_embedder
from assistant.evaluation import SPANISH, load_golden, run_eval
from assistant.ingest.build import ingest

CHARS_PER_CHUNK = 560  # measured on the distractor text: chunks are ~560 characters


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def dense_recall(assistant: Assistant, questions: list[str], k: int = 20) -> dict[str, float]:
    """Chroma's top `k` (HNSW) against the exact top `k` (every chunk vector, numpy), for
    the golden questions: mean recall@k, and the share whose true nearest chunk is found."""
    collection = assistant.snapshot.store.collection  # type: ignore[attr-defined]
    ids, rows = [], []
    for offset in range(0, collection.count(), 5000):
        part = collection.get(offset=offset, limit=5000, include=["embeddings"])
        ids += part["ids"]
        rows.append(np.asarray(part["embeddings"], dtype=np.float32))
    matrix = np.concatenate(rows)
    recalls, nearest = [], []
    for question in questions:
        vector = assistant.snapshot.encoders.english.encode([question])[0]
        exact = [ids[i] for i in np.argsort(-(matrix @ vector))[:k]]
        found = {id_ for id_, _ in assistant.snapshot.store.query(vector, k)}
        recalls.append(len(found & set(exact)) / k)
        nearest.append(exact[0] in found)
    return {"recall": statistics.mean(recalls), "nearest_found": statistics.mean(nearest)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    floor_model = SentenceTransformerEmbedder()
    floor_model.encode(["warm up"])
    cases = [c for c in load_golden(GOLDEN) if c.category not in SPANISH]
    # Ingest times of an earlier run, for sizes whose index is reused (--work): read before
    # this run overwrites the file.
    earlier = {r["distractor_target"]: r for r in (load("scale") or {}).get("rows", [])}
    rows = []
    for size in args.sizes:
        corpus = work / str(size) / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        for path in (ROOT / "corpus").iterdir():
            shutil.copy(path, corpus / path.name)
        # English questions only, and no multilingual vectors: the scale test is about
        # the English golden set among English distractors.
        settings = Settings(
            corpus_dir=corpus, index_dir=work / str(size) / "index", multilingual=False
        )
        embedder = make_embedder(settings)
        write_distractors(corpus / "distractors", size * CHARS_PER_CHUNK)
        start = time.perf_counter()
        # The encoder ingest chooses by itself (`ingest_backend` auto), as `make run` would.
        report = ingest(settings, progress=lambda line: None)
        seconds = time.perf_counter() - start
        assistant = Assistant.open(settings, embedder=embedder)
        status = assistant.status()
        result = run_eval(assistant, cases)
        questions = [c.question for c in cases if not c.history]
        times, floors = [], []
        for _ in range(3):
            for question in questions:
                t = time.perf_counter()
                floor_model.encode([question])
                floors.append(time.perf_counter() - t)
                t = time.perf_counter()
                assistant.session().ask(question)
                times.append(time.perf_counter() - t)
        floor = statistics.median(floors)
        recall = dense_recall(assistant, questions)
        ingest_note = "this run"
        backend = report.backend
        if not report.changed_anything and size in earlier:  # --work reused
            seconds, ingest_note = earlier[size]["ingest_seconds"], "an earlier run"
            backend = earlier[size].get("ingest_backend", "")
        rows.append(
            {
                "distractor_target": size,
                "ingest_measured_in": ingest_note,
                "chunks": status.chunks,
                "units": status.units,
                "ingest_seconds": seconds,
                "chunks_embedded": report.chunks,
                "ingest_backend": backend,
                "index_mb": size_of(settings.index_dir) / 1e6,
                "warm_p50_ms": statistics.median(times) * 1000,
                "warm_p50_ratio": statistics.median(times) / floor,
                "encode_ms": floor * 1000,
                "accuracy": result.accuracy,
                "figure_accuracy": result.figure_accuracy,
                "abstention_recall": result.abstention_recall,
                "abstention_precision": result.abstention_precision,
                "verbatim": result.verbatim_rate,
                "dense_recall_at_20": recall["recall"],
                "dense_nearest_found": recall["nearest_found"],
            }
        )
        print(rows[-1], flush=True)
        save("scale", {"rows": rows})


if __name__ == "__main__":
    main()
