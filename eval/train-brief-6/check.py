#!/usr/bin/env python3
"""Sanity checks for train-brief-6 questions (stdlib only)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
CATEGORIES = {"text", "figure", "unanswerable"}
KEYS = {"id", "category", "q", "expect", "evidence", "note"}


def load_brief():
    texts = []
    for name in sorted(os.listdir(CORPUS)):
        if name.endswith(".md"):
            with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
                texts.append(f.read())
    return "\n".join(texts)


def main():
    brief = load_brief()
    brief_lower = brief.lower()
    problems = []
    questions = []
    with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                questions.append(json.loads(line))
            except json.JSONDecodeError as e:
                problems.append(f"line {n}: invalid JSON ({e})")

    if len(questions) != 50:
        problems.append(f"expected 50 questions, found {len(questions)}")
    ids = [q.get("id") for q in questions]
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids")
    expected_ids = {"tb6-%02d" % i for i in range(1, 51)}
    if set(ids) != expected_ids:
        problems.append(f"id set mismatch: missing {sorted(expected_ids - set(ids))}, extra {sorted(set(ids) - expected_ids)}")

    counts = {}
    for q in questions:
        qid = q.get("id")
        missing = KEYS - set(q)
        if missing:
            problems.append(f"{qid}: missing keys {sorted(missing)}")
            continue
        cat = q["category"]
        counts[cat] = counts.get(cat, 0) + 1
        if cat not in CATEGORIES:
            problems.append(f"{qid}: invalid category {cat!r}")
        if not isinstance(q["expect"], list):
            problems.append(f"{qid}: expect is not a list")
            continue
        if cat == "unanswerable":
            if q["expect"]:
                problems.append(f"{qid}: unanswerable question has non-empty expect")
            if q["evidence"] is not None:
                problems.append(f"{qid}: unanswerable question has evidence")
        else:
            if not q["expect"]:
                problems.append(f"{qid}: answerable question has empty expect")
            if q["evidence"] is None:
                problems.append(f"{qid}: answerable question has no evidence")
        if cat == "text":
            for s in q["expect"]:
                if s.lower() not in brief_lower:
                    problems.append(f"{qid}: expect string not in brief: {s!r}")
        ev = q["evidence"]
        if ev is not None:
            evs = ev if isinstance(ev, list) else [ev]
            for e in evs:
                if e not in brief:
                    problems.append(f"{qid}: evidence not verbatim in brief: {e[:80]!r}")

    if problems:
        print("PROBLEMS:")
        for p in problems:
            print(" -", p)
        print("counts:", counts)
        sys.exit(1)
    print("OK", counts)


if __name__ == "__main__":
    main()
