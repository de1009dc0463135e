"""Fine-tune the packaged all-MiniLM-L6-v2 as a cross-encoder for the evidence judge.

Reads the (question, unit, label) pairs `bench/train_judge.py` cached, trains on the `fit`
questions (each question's positives and its hardest negatives by the blend score), and
reports, on the `calibrate` questions, how often the right unit comes first among each
question's shortlist, beside the blend score on the same shortlists. The model reads
`question [SEP] unit text`, mean-pools the last layer and maps it to one logit.

    python train_cross.py --steps 1500 --out /tmp/cross    # then compare; nothing shipped

Measured (docs/judge.md): 1,500 steps of 32 pairs (30 minutes on 2 cores), loss 0.55 ->
0.30; right unit first on the calibrate questions' shortlists 79.8% against the blend's
78.0%; as one more feature of the judge it did not help. Not shipped.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_judge import CACHE, fit_part

SHORTLIST = 8
NEGATIVES = 3
LEXICAL_WEIGHT = 0.3


def groups(group: np.ndarray) -> dict[str, np.ndarray]:
    order = np.argsort(group, kind="stable")
    names, starts = np.unique(group[order], return_index=True)
    ends = [*starts[1:], len(order)]
    return {str(n): order[a:b] for n, a, b in zip(names, starts, ends, strict=True)}


def blend(x: np.ndarray) -> np.ndarray:
    return (1 - LEXICAL_WEIGHT) * x[:, 0] + LEXICAL_WEIGHT * x[:, 2]


def model_parts(frozen_layers: int) -> tuple[Any, Any, Any]:
    import torch
    from transformers import AutoModel, AutoTokenizer

    from assistant.encoders.embed import packaged_model_dir

    directory = str(packaged_model_dir())
    tokenizer = AutoTokenizer.from_pretrained(directory, local_files_only=True)
    base = AutoModel.from_pretrained(directory, local_files_only=True)
    for parameter in base.embeddings.parameters():
        parameter.requires_grad = False
    for layer in base.encoder.layer[:frozen_layers]:
        for parameter in layer.parameters():
            parameter.requires_grad = False
    head = torch.nn.Linear(base.config.hidden_size, 1)
    return tokenizer, base, head


def logits(base: Any, head: Any, encoded: Any) -> Any:
    hidden = base(**encoded).last_hidden_state
    mask = encoded["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    return head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)


def main() -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--frozen-layers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("/tmp/cross"))
    args = parser.parse_args()
    torch.manual_seed(0)
    data = np.load(CACHE)
    x, y, group = data["x"], data["y"], data["group"]
    question, text = data["question"], data["text"]
    by_question = groups(group)
    rng = np.random.default_rng(0)
    pairs = []
    for name, rows in by_question.items():
        if fit_part(name) != "fit":
            continue
        negatives = rows[y[rows] == 0]
        negatives = negatives[np.argsort(-blend(x[negatives]))[:NEGATIVES]]
        pairs += [*rows[y[rows] == 1], *negatives]
    pairs_array = rng.permutation(np.asarray(pairs))
    print(f"{len(pairs_array)} training pairs, positives {y[pairs_array].mean():.2f}", flush=True)
    tokenizer, base, head = model_parts(args.frozen_layers)
    trained = [p for p in [*base.parameters(), *head.parameters()] if p.requires_grad]
    optimiser = torch.optim.AdamW(trained, lr=args.lr, weight_decay=0.01)
    warmup = max(1, args.steps // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda s: min(1.0, (s + 1) / warmup) * max(0.0, 1 - s / args.steps),
    )
    base.train()
    started, losses = time.time(), []
    for step in range(args.steps):
        at = (step * args.batch) % len(pairs_array)
        batch = pairs_array[at : at + args.batch]
        encoded = tokenizer(
            [str(q) for q in question[batch]],
            [str(t) for t in text[batch]],
            truncation="only_second",
            max_length=args.max_tokens,
            padding=True,
            return_tensors="pt",
        )
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            logits(base, head, encoded), torch.tensor(y[batch], dtype=torch.float32)
        )
        loss.backward()
        optimiser.step()
        schedule.step()
        optimiser.zero_grad()
        losses.append(loss.item())
        if (step + 1) % 100 == 0:
            print(
                f"step {step + 1}/{args.steps} loss {np.mean(losses[-100:]):.3f}"
                f" {time.time() - started:.0f}s",
                flush=True,
            )
    base.eval()
    args.out.mkdir(parents=True, exist_ok=True)
    torch.save({"base": base.state_dict(), "head": head.state_dict()}, args.out / "cross.pt")
    right, right_blend = [], []
    with torch.no_grad():
        for name, rows in by_question.items():
            if fit_part(name) != "calibrate" or not y[rows].any():
                continue
            rows = rows[np.argsort(-blend(x[rows]))[:SHORTLIST]]
            if not y[rows].any():
                continue
            encoded = tokenizer(
                [str(question[rows[0]])] * len(rows),
                [str(t) for t in text[rows]],
                truncation="only_second",
                max_length=128,
                padding=True,
                return_tensors="pt",
            )
            scores = logits(base, head, encoded).numpy()
            right.append(y[rows[np.argmax(scores)]])
            right_blend.append(y[rows[np.argmax(blend(x[rows]))]])
    print(
        f"right first (calibrate, {len(right)} questions with a right unit in the shortlist):"
        f" cross-encoder {np.mean(right):.3f}, blend {np.mean(right_blend):.3f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
