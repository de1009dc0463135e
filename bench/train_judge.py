"""Train the evidence judge (`assistant/answer/judge.py`) and write `judge.json`.

Examples are (question, candidate unit) pairs from the real retrieval pipeline: each
corpus is ingested into a temporary index, each question retrieved, every candidate unit
featurised; a unit is a positive when it holds the answer. Sources, none of which the
judge is evaluated on:

- SQuAD 2.0 train articles (crowd questions on Wikipedia, some adversarially
  unanswerable; CC BY-SA 4.0), one article per corpus. `--squad FILE`: a SQuAD 2.0 JSON
  file; the one used is the first ten train articles, as published at
  github.com/PhongNTDo/guide_train_MRC_transformers (train-v2.0.json). The dev article
  "Normans" is what `bench/squad.py` measures and is refused here.
- TAT-QA dev, the `dev` half only (`bench/tatqa.py`): its span questions answered from text.
- The golden set's calibration part (`assistant.evaluation.golden_part`), English
  questions without history.

Questions are split by a hash of their id: 80% fit the model, 20% choose the abstention
threshold (the one that makes the most balanced right decisions: answer with a right
unit on answerable questions, abstain on unanswerable ones).

    python train_judge.py --squad /path/to/train-v2.0.json            # features + fit
    python train_judge.py --refit                                      # fit from the cache
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from tatqa import DATA as TATQA  # noqa: E402
from tatqa import half, render  # noqa: E402

from assistant.answer.judge import FEATURES, MODEL, features  # noqa: E402
from assistant.answer.scorer import BlendScorer, may_answer  # noqa: E402
from assistant.api import Assistant  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.evaluation import golden_part, load_golden  # noqa: E402
from assistant.ingest.build import ingest  # noqa: E402
from assistant.text.question import Question  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "judge-features.npz"
VARIANTS = (False,)
"""With the elementwise product of the question's and the unit's vectors after the features
(True) or not. Measured: it ranks no better (70.2 against 70.0% right first unit on the
calibration questions) and ties the judge to one embedding model, so it is off."""
STRENGTHS = (0.1, 1.0)
"""Inverse regularisation strengths tried (sklearn's C)."""
GOLDEN = ROOT / "tests" / "golden"
HELD_APART = "Normans"


@dataclass(frozen=True)
class Case:
    """One question of a corpus; `answers` are texts a right unit contains (none: no
    answer), `at` the answers' offsets in the corpus file when the source gives them."""

    id: str
    question: str
    answers: tuple[str, ...]
    at: tuple[int, ...] = ()


@dataclass(frozen=True)
class Corpus:
    source: str
    files: dict[str, str]
    cases: list[Case]


def squad(path: Path) -> Iterator[Corpus]:
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    for article in data:
        if article["title"] == HELD_APART:
            raise SystemExit(f"{path}: holds {HELD_APART}, the evaluation article")
        text = f"# {article['title'].replace('_', ' ')}\n\n"
        cases = []
        for paragraph in article["paragraphs"]:
            offset = len(text)
            text += paragraph["context"].strip() + "\n\n"
            for qa in paragraph["qas"]:
                answers = [] if qa.get("is_impossible") else qa["answers"]
                cases.append(
                    Case(
                        qa["id"],
                        qa["question"],
                        tuple(a["text"] for a in answers),
                        tuple(offset + a["answer_start"] for a in answers),
                    )
                )
        yield Corpus("squad", {"article.md": text}, cases)


def tatqa() -> Iterator[Corpus]:
    for context in json.loads(TATQA.read_text(encoding="utf-8")):
        if half(context) != "dev":
            continue
        cases = [
            Case(q["uid"], q["question"], tuple(q["answer"]))
            for q in context["questions"]
            if q["answer_from"] == "text" and q["answer_type"] in ("span", "multi-span")
        ]
        if cases:
            yield Corpus("tatqa", {"brief.md": render(context)}, cases)


def golden() -> Iterator[Corpus]:
    files = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").iterdir()}
    cases = [
        Case(c.id, c.question, (c.evidence,) if c.evidence and c.answerable else ())
        for c in load_golden(GOLDEN / "questions.jsonl")
        if golden_part(c.id) == "calibration" and not c.history
        and c.category not in ("spanish", "spanish-unanswerable")
        and (c.evidence or not c.answerable)
    ]  # fmt: skip
    yield Corpus("golden", files, cases)


def featurise(
    corpus: Corpus, workdir: Path
) -> Iterator[tuple[str, str, np.ndarray, np.ndarray, list[str], np.ndarray]]:
    """(source, case id, features, labels, pair texts) for each case of the corpus."""
    folder = Path(tempfile.mkdtemp(dir=workdir))
    (folder / "corpus").mkdir()
    for name, text in corpus.files.items():
        (folder / "corpus" / name).write_text(text, encoding="utf-8")
    settings = Settings(
        corpus_dir=folder / "corpus", index_dir=folder / "index", multilingual=False
    )
    ingest(settings)
    snapshot = Assistant.open(settings, scorer=BlendScorer(settings)).snapshot  # not the judge
    for case in corpus.cases:
        question = Question.analyse(case.question, language="en")
        candidates = snapshot.retriever.retrieve(question)
        units = [u for u in candidates.units if may_answer(u, question.terms)]
        if not units:
            continue
        x = features(question, candidates, units)
        y = np.asarray([holds(case, u.text, u.start, u.end) for u in units], dtype=np.int8)
        index = {unit.id: i for i, unit in enumerate(candidates.units)}
        product = candidates.vectors[[index[u.id] for u in units]] * candidates.query
        yield corpus.source, case.id, x, y, [u.text for u in units], product


def holds(case: Case, text: str, start: int, end: int) -> bool:
    if case.at:
        return any(start <= at < end for at in case.at)
    return any(_squash(answer) in _squash(text) for answer in case.answers if answer)


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def collect(squad_file: Path | None) -> None:
    sources: list[Iterator[Corpus]] = [golden(), tatqa()]
    if squad_file:
        sources.append(squad(squad_file))
    xs, ys, groups, origin, answerable, texts, questions, products = [], [], [], [], [], [], [], []
    with tempfile.TemporaryDirectory() as workdir:
        for source in sources:
            for corpus in source:
                asked = {c.id: c.question for c in corpus.cases}
                for name, case_id, x, y, pairs, product in featurise(corpus, Path(workdir)):
                    texts += pairs
                    products.append(product.astype(np.float16))
                    questions += [asked[case_id]] * len(y)
                    xs.append(x)
                    ys.append(y)
                    groups += [case_id] * len(y)
                    origin += [name] * len(y)
                    answerable += [
                        bool(next(c for c in corpus.cases if c.id == case_id).answers)
                    ] * len(y)
                print(f"{corpus.source}: {len(groups)} pairs", file=sys.stderr)
    np.savez(
        CACHE, x=np.concatenate(xs), y=np.concatenate(ys), group=np.asarray(groups),
        origin=np.asarray(origin), answerable=np.asarray(answerable),
        text=np.asarray(texts), question=np.asarray(questions),
        product=np.concatenate(products),
    )  # fmt: skip


def fit_part(case_id: str) -> str:
    """`fit` (the model learns on it) or `calibrate` (the variant and the abstention
    threshold are chosen on it), by a hash of the question's id."""
    return "calibrate" if hashlib.sha256(case_id.encode()).digest()[0] < 52 else "fit"


def fit(data: Any, *, product: bool, c: float) -> dict[str, Any]:
    """A logistic model on the `fit` questions; its threshold chosen on `calibrate`."""
    from sklearn.linear_model import LogisticRegression

    x = np.column_stack([data["x"], data["product"]]) if product else data["x"]
    y, group, answerable, origin = data["y"], data["group"], data["answerable"], data["origin"]
    # The golden calibration part only calibrates: the model learns from the public sets.
    part = np.asarray(
        ["calibrate" if o == "golden" else fit_part(g) for g, o in zip(group, origin, strict=True)]
    )
    train = part == "fit"
    mean, scale = x[train].mean(axis=0), x[train].std(axis=0) + 1e-9
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit((x[train] - mean) / scale, y[train])
    p = model.predict_proba((x - mean) / scale)[:, 1]
    threshold, table = choose_threshold(p, y, group, answerable, origin, part == "calibrate")
    return {
        "features": list(FEATURES),
        "product": product,
        "weights": model.coef_[0].round(6).tolist(),
        "bias": round(float(model.intercept_[0]), 6),
        "mean": mean.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "threshold": threshold,
        "c": c,
        "pairs": {
            f"{o}/{pt}": int(((origin == o) & (part == pt)).sum())
            for o in np.unique(origin) for pt in ("fit", "calibrate")
        },
        "calibration": table,
    }  # fmt: skip


def choose_threshold(
    p: np.ndarray,
    y: np.ndarray,
    group: np.ndarray,
    answerable: np.ndarray,
    origin: np.ndarray,
    mask: np.ndarray,
) -> tuple[float, dict[str, Any]]:
    """The threshold with the best balanced decisions over the calibration questions, each
    source counting alike: per source, the mean of (answerable questions answered with a
    right unit first) and (unanswerable questions abstained), where it has both."""
    best: dict[str, list[tuple[float, bool, bool]]] = {}
    for g in np.unique(group[mask]):
        rows = np.flatnonzero(group == g)
        top = rows[np.argmax(p[rows])]
        best.setdefault(str(origin[top]), []).append(
            (float(p[top]), bool(y[top]), bool(answerable[top]))
        )

    def rates(source: str, t: float) -> tuple[float | None, float | None]:
        scores, right, has_answer = (np.asarray(v) for v in zip(*best[source], strict=True))
        answered = ((scores >= t) & right & has_answer).sum() / has_answer.sum()
        abstained = (
            ((scores < t) & ~has_answer).sum() / (~has_answer).sum()
            if (~has_answer).any()
            else None
        )
        return float(answered), None if abstained is None else float(abstained)

    def balanced(t: float) -> float:
        means = []
        for source in best:
            a, u = rates(source, t)
            means.append(a if u is None else (a + u) / 2)
        return float(np.mean(means))

    grid = [round(float(t), 2) for t in np.arange(0.02, 0.98, 0.01)]
    threshold = max(grid, key=balanced)
    table: dict[str, Any] = {"balanced": round(balanced(threshold), 3)}
    for source, rows in best.items():
        a, u = rates(source, threshold)
        table[source] = {
            "questions": len(rows),
            "unanswerable": sum(not r[2] for r in rows),
            "right_first_unit": round(float(np.mean([r[1] for r in rows if r[2]])), 3),
            "answered_right": round(a, 3),
            "abstained_unanswerable": None if u is None else round(u, 3),
        }
    return threshold, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--squad", type=Path, help="SQuAD 2.0 JSON file to train on too")
    parser.add_argument("--refit", action="store_true", help="fit from the cached features")
    args = parser.parse_args()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if not args.refit:
        collect(args.squad)
    data = dict(np.load(CACHE))
    variants = [fit(data, product=product, c=c) for product in VARIANTS for c in STRENGTHS]
    for v in variants:
        print(f"product={v['product']!s:<5} C={v['c']:<5} {json.dumps(v['calibration'])}")
    model = max(variants, key=lambda v: v["calibration"]["balanced"])
    MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: model[k] for k in ("threshold", "pairs", "calibration")}, indent=1))
    for name, weight in zip(FEATURES, model["weights"], strict=False):
        print(f"  {name:<24} {weight:+.3f}")


if __name__ == "__main__":
    main()
