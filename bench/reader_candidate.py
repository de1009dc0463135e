"""Measure a candidate judge that reads question and sentence together: a cross-encoder.

Issue 17 names a small fine-tuned cross-encoder as a candidate evidence judge. This
script builds one and measures it beside the verdict (`assistant/answer/verdict.py`) on
the verdict's own examples and splits (`bench/train_verdict.py`); it ships nothing. The
result goes to `docs/bench/reader-candidate.json` and `docs/judge.md`.

1. **Reading comprehension.** The packaged all-MiniLM-L6-v2 starts a cross-encoder (one
   logit: "this sentence answers the question"; its word embeddings frozen). It is
   trained on SQuAD 2.0 train articles (`--squad FILE`, never "Normans"): for an
   answered question, the sentence holding the answer is positive and the two other
   sentences of its paragraph sharing most words with the question are negative; for an
   unanswerable question, the two sentences sharing most words are negative. A fifth of
   the questions (by a hash of their id) is kept apart to measure it.
2. **As a verdict signal.** Its logit for each example's evidence is added to the
   verdict's features, and right decisions are counted held apart as the verdict's are
   (each set predicted by a model fitted on the others).
3. **Fine-tuned on the briefs.** For each set, the cross-encoder is fine-tuned on the
   other sets' examples (right or not) and scores that set's; then as in 2.

About 20 minutes on two cores (18.5 measured).

    python bench/reader_candidate.py --squad /path/to/train-v2.0.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import train_verdict as tv  # noqa: E402

RESULTS = ROOT / "docs/bench/reader-candidate.json"
SEED = 0
MAX_LENGTH = 128
READING = {"epochs": 2, "batch": 32, "lr": 5e-5}
FINE_TUNING = {"epochs": 2, "batch": 16, "lr": 3e-5}
NEGATIVES = 2
"""Negative sentences per question: those sharing most words with it."""

Pair = tuple[str, str, float]


def squad_pairs(path: Path) -> tuple[list[Pair], list[Pair], list[bool]]:
    """(question, sentence, label) pairs to fit on and to measure on, and for each pair
    measured on whether it is from an answerable question."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    fitting: list[Pair] = []
    measuring: list[Pair] = []
    answerable: list[bool] = []
    for article in json.loads(path.read_text(encoding="utf-8"))["data"]:
        if article["title"] == tv.HELD_APART:
            raise SystemExit(f"{path}: holds the held-apart article {tv.HELD_APART!r}")
        for paragraph in article["paragraphs"]:
            sentences = [s for s in segmenter.segment(paragraph["context"]) if s.sent.strip()]
            for qa in paragraph["qas"]:
                words = _words(qa["question"])
                closest = sorted(sentences, key=lambda s: -len(words & _words(s.sent)))
                asked = not qa.get("is_impossible") and bool(qa["answers"])
                if not asked:
                    pairs = [(qa["question"], s.sent.strip(), 0.0) for s in closest[:NEGATIVES]]
                else:
                    start = qa["answers"][0]["answer_start"]
                    held = [s for s in sentences if s.start <= start < s.end][:1]
                    others = [s for s in closest if s not in held][:NEGATIVES]
                    pairs = [(qa["question"], s.sent.strip(), 1.0) for s in held]
                    pairs += [(qa["question"], s.sent.strip(), 0.0) for s in others]
                if int(hashlib.md5(qa["id"].encode()).hexdigest(), 16) % 5:
                    fitting += pairs
                else:
                    measuring += pairs
                    answerable += [asked] * len(pairs)
    return fitting, measuring, answerable


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def train(start: Path, pairs: list[Pair], epochs: int, batch: int, lr: float) -> Any:
    """A cross-encoder from `start`, fitted to `pairs` (binary cross-entropy)."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(SEED)
    shuffled = random.Random(SEED)
    tokenizer = AutoTokenizer.from_pretrained(str(start), local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        str(start), num_labels=1, local_files_only=True
    )
    for parameter in model.bert.embeddings.parameters():
        parameter.requires_grad = False
    trained = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trained, lr=lr, weight_decay=0.01)
    steps = epochs * max(1, len(pairs) // batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / (0.1 * steps), (steps - step) / (0.9 * steps))
    )
    loss = torch.nn.BCEWithLogitsLoss()
    model.train()
    order = list(pairs)
    for _ in range(epochs):
        shuffled.shuffle(order)
        for i in range(0, len(order) - batch + 1, batch):
            some = order[i : i + batch]
            logits = model(**_encode(tokenizer, some)).logits[:, 0]
            loss(logits, torch.tensor([p[2] for p in some])).backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
    return model.eval(), tokenizer


def _encode(tokenizer: Any, pairs: list[Pair]) -> Any:
    return tokenizer(
        [p[0] for p in pairs],
        [p[1] for p in pairs],
        truncation=True,
        max_length=MAX_LENGTH,
        padding=True,
        return_tensors="pt",
    )


def logits(model: Any, tokenizer: Any, pairs: list[Pair]) -> np.ndarray:
    import torch

    out: list[float] = []
    with torch.no_grad():
        for i in range(0, len(pairs), 64):
            out += model(**_encode(tokenizer, pairs[i : i + 64])).logits[:, 0].tolist()
    return np.asarray(out)


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(labels, scores)), 3)


def main() -> None:
    from assistant.encoders.embed import packaged_model_dir

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--squad", type=Path, required=True, help="SQuAD 2.0 train JSON")
    args = parser.parse_args()
    began = time.monotonic()
    fitting, measuring, answerable = squad_pairs(args.squad)
    model, tokenizer = train(packaged_model_dir(), fitting, **READING)
    labels = np.asarray([p[2] for p in measuring])
    scored = logits(model, tokenizer, measuring)
    near = (labels == 1) | ~np.asarray(answerable)
    reading = {
        "pairs_fitted": len(fitting),
        "pairs_measured": len(measuring),
        "auc": auc(labels, scored),
        "auc_answer_vs_unanswerable": auc(labels[near], scored[near]),
    }
    print(f"reading comprehension: {reading}", flush=True)

    public = tv.answered_in(args.squad)
    data = tv.examples()
    examples: list[Pair] = [(r["question"], r["text"], float(r["right"])) for r in data]
    source = np.asarray([r["source"] for r in data])
    right = np.asarray([r["right"] for r in data])
    with tempfile.TemporaryDirectory() as folder:
        model.save_pretrained(folder)
        tokenizer.save_pretrained(folder)
        read = logits(model, tokenizer, examples)
        tuned = np.zeros(len(data))
        for name in [*tv.SETS, tv.REPORTS]:
            others = [e for e, s in zip(examples, source, strict=True) if s != name]
            fold, _ = train(Path(folder), others, **FINE_TUNING)
            mine = [e for e, s in zip(examples, source, strict=True) if s == name]
            tuned[source == name] = logits(fold, tokenizer, mine)
            print(f"fine-tuned without {name}", flush=True)

    rows = {}
    for label, extra in (("verdict", None), ("+ cross-encoder", read), ("+ fine-tuned", tuned)):
        rows[label] = _held_apart(data, public, extra)
    rows["cross-encoder alone"] = {"auc": _aucs(right, read, source)}
    rows["fine-tuned alone"] = {"auc": _aucs(right, tuned, source)}
    result = {
        "reading": reading,
        "examples": len(data),
        "candidates": rows,
        "minutes": round((time.monotonic() - began) / 60, 1),
    }
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


def _held_apart(
    data: list[dict[str, Any]], public: dict[str, list[tuple[str, str]]], extra: Any
) -> dict[str, Any]:
    """Right decisions, each set predicted by a model fitted on the others (C = 1)."""
    y = np.asarray([r["right"] for r in data])
    answerable = np.asarray([r["answerable"] for r in data])
    source = np.asarray([r["source"] for r in data])
    p = tv.held_apart(data, public, 1.0, extra)
    t = tv.best_threshold(p, y, answerable)
    per_set = {
        name: tv.right_decisions(
            p[source == name], t, y[source == name], answerable[source == name]
        )
        for name in [*tv.SETS, tv.REPORTS]
    }
    briefs = source != tv.REPORTS
    return {
        "right_decisions": tv.right_decisions(p, t, y, answerable),
        "briefs_right_decisions": int(sum(v for k, v in per_set.items() if k != tv.REPORTS)),
        "briefs_examples": int(briefs.sum()),
        "per_set": per_set,
        "auc": _aucs(y, p, source),
    }


def _aucs(y: np.ndarray, p: np.ndarray, source: np.ndarray) -> dict[str, float]:
    briefs = source != tv.REPORTS
    return {
        "briefs": auc(y[briefs], p[briefs]),
        "new brief (eval/train-brief)": auc(
            y[source == "eval/train-brief"], p[source == "eval/train-brief"]
        ),
        tv.REPORTS: auc(y[~briefs], p[~briefs]),
    }


if __name__ == "__main__":
    main()
