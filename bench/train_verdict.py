"""Train the verdict (`assistant/answer/verdict.py`) and write `verdict.json`.

The examples are questions of the sets that are learned from (`SETS`): the golden set's
calibration part (`assistant.evaluation.golden_part`), `eval/dev-briefs/`,
`eval/new-briefs/`, `eval/train-briefs/`, `eval/train-briefs-2/`, `eval/train-briefs-3/`
and `eval/train-brief/` to `eval/train-brief-6/` (each with its own brief), and the
TAT-QA dev split's `dev` half (its questions answered from text, each context a brief of
its own). Never the golden held-out part,
`eval/fresh-briefs/`, `eval/held-briefs/`, `eval/new-brief/`, TAT-QA's held-out half or
SQuAD's "Normans": those are what it is measured on (`bench/eval_report.py`).

Each question is asked through the real pipeline (a temporary index of `corpus/`) with the
verdict switched off, so every question with usable evidence is answered; the signals of
the evidence the answer turned on are its features. An English question answered from a
passage is an example: positive when it is answerable and the answer is right (a TAT-QA
question by that benchmark's own rule, `bench/tatqa.py`), negative otherwise (an
unanswerable question, or a wrong passage). Figures and questions without
usable evidence never reach the verdict and are not examples.

The regularisation and the abstention threshold are chosen on predictions for each set by
a model fitted on the others (the threshold that makes the most right decisions: answer a
question answered right, abstain on an unanswerable one); the shipped model is then
fitted on all of them.

First, how often each question word is absent from the sentence that answers it, read
from public reading-comprehension data (SQuAD 2.0 train articles, `--squad FILE`; the
TAT-QA dev split's `dev` half, its questions answered from text): "name", "year", "date"
ask for what the sentence gives and are seldom in it; "tariffs" or "exporter" are. The
verdict weighs a missing or unseen word by how surprising its absence is
(`assistant/answer/absence.json`). The file used is the first ten SQuAD 2.0 train
articles as published at github.com/PhongNTDo/guide_train_MRC_transformers
(train-v2.0.json, CC BY-SA 4.0); the dev article "Normans" is refused.

    python bench/train_verdict.py --squad /path/to/train-v2.0.json
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from assistant import Assistant, Settings
from assistant.answer.scorer import Evidence, Lexicon
from assistant.answer.verdict import (
    ABSENCE,
    FEATURES,
    MODEL,
    Absence,
    VerdictModel,
    VerdictScorer,
    signals,
)
from assistant.evaluation import SPANISH, GoldenCase, ask_case, golden_part, judge, load_golden
from assistant.text.question import Question
from assistant.text.terms import question_terms, terms

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from tatqa import DATA as TATQA  # noqa: E402
from tatqa import half, inside, render  # noqa: E402

HELD_APART = "Normans"
"""The SQuAD article `bench/squad.py` measures: never read here."""
SEEN_AT_LEAST = 3
"""Words asked fewer times keep the rate of all words."""
BRIEFS = ROOT / "corpus"
SETS = {
    "golden, calibration part": (ROOT / "tests/golden/questions.jsonl", "calibration", BRIEFS),
    "eval/dev-briefs": (ROOT / "eval/dev-briefs/questions.jsonl", None, BRIEFS),
    "eval/new-briefs": (ROOT / "eval/new-briefs/questions.jsonl", None, BRIEFS),
    "eval/train-briefs": (ROOT / "eval/train-briefs/questions.jsonl", None, BRIEFS),
    "eval/train-briefs-2": (ROOT / "eval/train-briefs-2/questions.jsonl", None, BRIEFS),
    "eval/train-briefs-3": (ROOT / "eval/train-briefs-3/questions.jsonl", None, BRIEFS),
    **{
        f"eval/{name}": (ROOT / f"eval/{name}/questions.jsonl", None, ROOT / f"eval/{name}/corpus")
        for name in (
            "train-brief",
            "train-brief-2",
            "train-brief-3",
            "train-brief-4",
            "train-brief-5",
            "train-brief-6",
        )
    },
}
"""Each set: its questions, the golden part it keeps (None: all), the briefs it is about."""
REPORTS = "TAT-QA dev split, `dev` half"
"""Report briefs: each context one brief, its questions answered from text (all answerable)."""
STRENGTHS = (0.1, 1.0)
ALWAYS = VerdictModel(
    weights=(0.0,) * len(FEATURES),
    bias=0.0,
    mean=(0.0,) * len(FEATURES),
    scale=(1.0,) * len(FEATURES),
    threshold=-math.inf,
)
"""A verdict that answers every question: the examples' answers are what it decides on."""
IDF = Absence(rates={}, prior=0.0)
"""No word expected absent: the lexicon's weights are the plain idf, re-weighted later."""


def cases(name: str) -> list[GoldenCase]:
    """A set's English questions (the part of the golden set it keeps)."""
    path, part, _ = SETS[name]
    return [
        c
        for c in load_golden(path)
        if part in (None, golden_part(c.id)) and c.category not in SPANISH
    ]


class Recording(VerdictScorer):
    """Keeps what the verdict's signals are made of, for the last evidence it judged."""

    last: dict[str, Any] | None = None

    def confidence(self, question: Question, best: Evidence) -> float:
        if best.lexicon is not None:
            figures, *_ = signals(question, best, best.lexicon)
            self.last = {
                "figures": figures,
                "names": sorted(question.proper_names),
                "idf": dict(best.lexicon.weights),
                "known": sorted(best.lexicon.known),
                "spelled": sorted(best.lexicon.spelled),
                "text": best.unit.searchable,
                "before": best.before,
                "blend": self.blend.confidence(question, best),
            }
        return super().confidence(question, best)


def examples() -> list[dict[str, Any]]:
    """One example per English question answered from a passage, each set in an index of
    its own briefs."""
    rows = []
    for corpus_dir in dict.fromkeys(corpus for *_, corpus in SETS.values()):
        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "corpus"
            shutil.copytree(corpus_dir, corpus)
            settings = Settings(corpus_dir=corpus, index_dir=Path(folder) / "index")
            settings = settings.with_(abstain_below_multilingual=-math.inf)
            scorer = Recording(settings, ALWAYS, IDF)
            assistant = Assistant.open(settings, scorer=scorer)
            for name, (*_, own) in SETS.items():
                if own == corpus_dir:
                    for case in cases(name):
                        rows.extend(_example(assistant, scorer, case, name))
    return rows + report_examples()


def report_examples() -> list[dict[str, Any]]:
    rows = []
    for context in json.loads(TATQA.read_text(encoding="utf-8")):
        asked = [
            GoldenCase(q["uid"], "text", q["question"], expect=tuple(q["answer"]))
            for q in context["questions"]
            if half(context) == "dev"
            and q["answer_from"] == "text"
            and q["answer_type"] in ("span", "multi-span")
        ]
        if not asked:
            continue
        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "corpus"
            corpus.mkdir()
            (corpus / "brief.md").write_text(render(context), encoding="utf-8")
            settings = Settings(corpus_dir=corpus, index_dir=Path(folder) / "index")
            settings = settings.with_(multilingual=False)
            scorer = Recording(settings, ALWAYS, IDF)
            assistant = Assistant.open(settings, scorer=scorer)
            for case in asked:
                rows.extend(_example(assistant, scorer, case, REPORTS))
    return rows


def _example(
    assistant: Assistant, scorer: Recording, case: GoldenCase, source: str
) -> list[dict[str, Any]]:
    scorer.last = None
    answer = ask_case(assistant, case)
    if answer.kind != "passage" or answer.confidence is None or scorer.last is None:
        return []
    if source == REPORTS:
        # TAT-QA's own rule (bench/tatqa.py): every gold span in the answer, punctuation
        # aside; a gold sentence's full stop is not after the answer's citation mark.
        right = inside(list(case.expect), answer.answer)
    else:
        right = case.answerable and judge(case, answer, assistant).correct
    return [
        scorer.last
        | {
            "id": case.id,
            "question": case.question,
            "source": source,
            "answerable": case.answerable,
            "right": right,
        }
    ]


def features(data: list[dict[str, Any]], absence: Absence) -> np.ndarray:
    """The `FEATURES` of each example, its words weighed by `absence`."""
    rows = []
    for r in data:
        weights = {t: w * (1 - absence(t)) for t, w in r["idf"].items()}
        lexicon = Lexicon(weights, frozenset(r["known"]), frozenset(r["spelled"]))
        rows.append(
            [
                r["figures"],
                *lexicon.shares(f"{r['text']}\n{r['before']}"),
                float(lexicon.names_unseen(r["names"])),
            ]
        )
    return np.asarray(rows)


def answered_in(path: Path) -> dict[str, list[tuple[str, str]]]:
    """(question, the sentence that answers it) from SQuAD 2.0 train articles and from the
    TAT-QA `dev` half's questions answered from text, by source."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    pairs: list[tuple[str, str]] = []
    for article in json.loads(path.read_text(encoding="utf-8"))["data"]:
        if article["title"] == HELD_APART:
            raise SystemExit(f"{path}: holds the held-apart article {HELD_APART!r}")
        for paragraph in article["paragraphs"]:
            sentences = segmenter.segment(paragraph["context"])
            for qa in paragraph["qas"]:
                if qa.get("is_impossible") or not qa["answers"]:
                    continue
                start = qa["answers"][0]["answer_start"]
                pairs += [(qa["question"], s.sent) for s in sentences if s.start <= start < s.end]
    reports: list[tuple[str, str]] = []
    for context in json.loads(TATQA.read_text(encoding="utf-8")):
        if half(context) != "dev":
            continue
        for q in context["questions"]:
            if q["answer_from"] != "text" or q["answer_type"] != "span":
                continue
            for paragraph in context["paragraphs"]:
                reports += [
                    (q["question"], s.sent)
                    for s in segmenter.segment(paragraph["text"])
                    if q["answer"][0] in s.sent
                ][:1]
    return {"SQuAD 2.0 train": pairs, REPORTS: reports}


def evidence_of(name: str) -> list[tuple[str, str]]:
    """(question, the evidence its writer gave) for a set's answerable questions."""
    return [(c.question, c.evidence) for c in cases(name) if c.answerable and c.evidence]


def absence_rates(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Per question term, the share of answering sentences without it, smoothed toward
    the share over all terms."""
    asked: Counter[str] = Counter()
    absent: Counter[str] = Counter()
    for question, sentence in pairs:
        held = set(terms(sentence))
        for term in set(question_terms(question)):
            asked[term] += 1
            absent[term] += term not in held
    prior = sum(absent.values()) / sum(asked.values())
    rates = {
        t: round((absent[t] + 2 * prior) / (asked[t] + 2), 3)
        for t in sorted(asked)
        if asked[t] >= SEEN_AT_LEAST
    }
    return {"questions": len(pairs), "prior": round(prior, 3), "rates": rates}


def absence_without(public: dict[str, list[tuple[str, str]]], left_out: str | None) -> Absence:
    """Absence rates from every source's pairs but `left_out`'s."""
    pairs = [p for name, some in public.items() if name != left_out for p in some]
    pairs += [p for name in SETS if name != left_out for p in evidence_of(name)]
    raw = absence_rates(pairs)
    return Absence(rates=raw["rates"], prior=raw["prior"])


def fit(x: np.ndarray, y: np.ndarray, c: float) -> tuple[Any, np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    model = LogisticRegression(C=c, max_iter=3000).fit((x - mean) / scale, y)
    return model, mean, scale


def right_decisions(p: np.ndarray, t: float, y: np.ndarray, answerable: np.ndarray) -> int:
    """Answered right, or abstained on an unanswerable question."""
    return int((((p >= t) & y) | ((p < t) & ~answerable)).sum())


def best_threshold(p: np.ndarray, y: np.ndarray, answerable: np.ndarray) -> float:
    """Midway between two observed probabilities; among the best, the middle one."""
    seen = sorted(set(np.round(p, 4).tolist()))
    grid = [(a + b) / 2 for a, b in pairwise(seen)] or [0.5]
    top = max(right_decisions(p, t, y, answerable) for t in grid)
    winners = [t for t in grid if right_decisions(p, t, y, answerable) == top]
    return winners[len(winners) // 2]


def held_apart(
    data: list[dict[str, Any]],
    public: dict[str, list[tuple[str, str]]],
    c: float,
    extra: np.ndarray | None = None,
) -> np.ndarray:
    """Each set's probabilities from a model fitted on the other sets, its words weighed by
    absence rates that did not read its evidence either; `extra`, a further feature of
    each example (a candidate signal, `bench/reader_candidate.py`)."""
    y = np.asarray([r["right"] for r in data])
    source = np.asarray([r["source"] for r in data])
    p = np.zeros(len(data))
    for name in [*SETS, REPORTS]:
        x = features(data, absence_without(public, name))
        if extra is not None:
            x = np.column_stack([x, extra])
        rest = source != name
        model, mean, scale = fit(x[rest], y[rest], c)
        p[~rest] = model.predict_proba((x[~rest] - mean) / scale)[:, 1]
    return p


def blend_held_apart(data: list[dict[str, Any]]) -> int:
    """Right decisions of the blend's rule, its threshold chosen on the other sets."""
    y = np.asarray([r["right"] for r in data])
    answerable = np.asarray([r["answerable"] for r in data])
    confidence = np.asarray([r["blend"] for r in data])
    finite = np.where(np.isfinite(confidence), confidence, 1e9)
    source = np.asarray([r["source"] for r in data])
    right = 0
    for name in [*SETS, REPORTS]:
        rest = source != name
        t = best_threshold(finite[rest], y[rest], answerable[rest])
        right += right_decisions(finite[~rest], t, y[~rest], answerable[~rest])
    return right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--squad", type=Path, required=True, help="SQuAD 2.0 train JSON")
    args = parser.parse_args()
    public = answered_in(args.squad)
    data = examples()
    y = np.asarray([r["right"] for r in data])
    answerable = np.asarray([r["answerable"] for r in data])
    print(f"blend: {blend_held_apart(data)}/{len(data)} right decisions held apart")
    trials = {}
    for c in STRENGTHS:
        p = held_apart(data, public, c)
        t = best_threshold(p, y, answerable)
        trials[c] = (right_decisions(p, t, y, answerable), t, p)
        print(f"C={c}: {trials[c][0]}/{len(data)} right decisions held apart, threshold {t:.3f}")
    c = max(STRENGTHS, key=lambda s: (trials[s][0], -s))
    _, threshold, p = trials[c]
    every = [p for some in public.values() for p in some]
    absence = absence_rates(every + [p for name in SETS for p in evidence_of(name)])
    ABSENCE.write_text(json.dumps(absence, indent=0) + "\n", encoding="utf-8")
    x = features(data, Absence(rates=absence["rates"], prior=absence["prior"]))
    model, mean, scale = fit(x, y, c)
    source = np.asarray([r["source"] for r in data])
    table = {
        name: {
            "examples": int((source == name).sum()),
            "unanswerable": int(((source == name) & ~answerable).sum()),
            "right_decisions_held_apart": right_decisions(
                p[source == name], threshold, y[source == name], answerable[source == name]
            ),
        }
        for name in [*SETS, REPORTS]
    }
    result = {
        "features": list(FEATURES),
        "weights": model.coef_[0].round(6).tolist(),
        "bias": round(float(model.intercept_[0]), 6),
        "mean": mean.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "threshold": round(threshold, 4),
        "c": c,
        "absence_questions": absence["questions"],
        "held_apart": table,
    }
    MODEL.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: result[k] for k in ("weights", "threshold", "c", "held_apart")}))


if __name__ == "__main__":
    main()
