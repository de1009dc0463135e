"""The TAT-QA exact match and F1, ported from the authors' `tatqa_metric.py` and
`tatqa_utils.py` (github.com/NExTplusplus/TAT-QA, CC BY 4.0): DROP-style bags of words
after normalising numbers, the scale required to match for numbers, F1 equal to exact
match for arithmetic and count answers. Only `score()` is new: one question at a time.
"""

from __future__ import annotations

import re
import string
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

EXCLUDE_IN_NUM = "'\"\\$€£¥%(),[]"
PUNCTUATION = set(string.punctuation)


def scale_to_num(scale: str) -> float:
    scale = scale.lower()
    if "hundred" in scale:
        return 100
    if "thousand" in scale:
        return 1000
    if "million" in scale:
        return 1000000
    if "billion" in scale:
        return 1000000000
    if "percent" in scale:
        return 0.01
    return 1


def _clean_num(text: str) -> str:
    return "".join(ch for ch in str(text) if ch not in EXCLUDE_IN_NUM)


def extract_one_num_from_str(s: str) -> float | int | None:
    groups = re.findall(r"([+-]?\d+(\.\d+)?)|([+-]?\.\d+)", _clean_num(s))
    if not groups or groups[0][0] == "":
        return None
    number = groups[0][0]
    return float(number) if "." in number else int(number)


def is_number(text: str) -> bool:
    try:
        words = " ".join(_clean_num(w) for w in text.split()).split()
        if not words:
            return False
        number = float(words[0])
        if np.isnan(number):
            return False
        return not (len(words) >= 2 and scale_to_num(words[1]) == 1)
    except ValueError:
        return False


def to_number(text: str) -> float | None:
    number = extract_one_num_from_str(text)
    scale = next(
        (scale_to_num(m.group(0).lower()) for m in re.finditer(r"([\d.]+\s?[a-zA-Z]+)", text)), 1
    )
    negative = -1 if re.findall(r"(\([\d.\s]+\))", text.strip()) else 1
    percent = 0.01 if re.findall(r"([\d.\s]+%)", text.strip()) else 1
    if number is None:
        return None
    return round(number * scale * negative * percent, 4)


def _normalize_token(token: str) -> str:
    token = token.lower()
    if not is_number(token):
        token = "".join(ch for ch in token if ch not in PUNCTUATION)
    if is_number(token):
        token = str(to_number(token))
    token = re.sub(r"\b(a|an|the)\b", " ", token)
    return " ".join(token.split())


def normalize_answer(text: str) -> str:
    parts = [_normalize_token(token) for token in re.split(" ", text)]
    return " ".join(part for part in parts if part.strip()).strip()


def _bags(answer: str | list[str]) -> tuple[list[str], list[set[str]]]:
    spans = answer if isinstance(answer, list | tuple) else [answer]
    normalized = [normalize_answer(span) for span in spans]
    return normalized, [set(span.split()) for span in normalized]


def _f1(predicted: set[str], gold: set[str]) -> float:
    common = len(gold & predicted)
    precision = common / len(predicted) if predicted else 1.0
    recall = common / len(gold) if gold else 1.0
    return 0.0 if precision == recall == 0.0 else 2 * precision * recall / (precision + recall)


def get_metrics(predicted: str | list[str], gold: str | list[str]) -> tuple[float, float]:
    predicted_bags, gold_bags = _bags(predicted), _bags(gold)
    exact = float(
        set(predicted_bags[0]) == set(gold_bags[0]) and len(predicted_bags[0]) == len(gold_bags[0])
    )
    scores = np.zeros([len(gold_bags[1]), len(predicted_bags[1])])
    for i, g in enumerate(gold_bags[1]):
        for j, p in enumerate(predicted_bags[1]):
            scores[i, j] = _f1(p, g)
    rows, cols = linear_sum_assignment(-scores)
    best = np.zeros([max(len(gold_bags[1]), len(predicted_bags[1]))])
    for r, c in zip(rows, cols, strict=True):
        best[r] = max(best[r], scores[r, c])
    return exact, round(float(np.mean(best)), 2)


def answer_strings(answers: list[Any], scale: str) -> list[str]:
    """`get_answer_str`: numbers times their scale to four places, spans with the scale."""
    out = []
    for answer in sorted(answers, key=str):
        text = str(answer)
        if is_number(text):
            number = to_number(text)
            if number is None:
                text = f"{text} {scale}" if scale else text
            elif "%" in text:
                text = f"{number:.4f}"
            else:
                text = "%.4f" % (round(number, 2) * scale_to_num(scale))
        elif scale:
            text = f"{text} {scale}"
        out.append(text)
    return [" ".join(out)]


def gold_answers(question: dict[str, Any]) -> list[str]:
    kind, content = question["answer_type"], question["answer"]
    if kind in ("span", "multi-span"):
        return list(content)
    if kind == "count":
        return [str(int(content))]
    return [str(content)]


def score(
    question: dict[str, Any], prediction: str | list[str], pred_scale: str
) -> tuple[float, float]:
    """Exact match and F1 of one prediction, as `TaTQAEmAndF1.__call__` computes them."""
    if not prediction:
        return 0.0, 0.0
    gold = answer_strings(gold_answers(question), question["scale"])
    predicted_list = prediction if isinstance(prediction, list) else [prediction]
    predicted = answer_strings(predicted_list, pred_scale)
    only = str(predicted_list[0])
    if len(predicted_list) == 1 and not pred_scale and "%" not in only and is_number(only):
        number = to_number(only)
        if number is not None:
            predicted.append(f"{number:.4f}")
    exact, f1 = max(get_metrics(p, g) for p in predicted for g in gold)
    if question["answer_type"] in ("arithmetic", "count"):
        f1 = exact
    return exact, f1
