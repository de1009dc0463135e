#!/usr/bin/env python3
"""Sanity checks for train-brief-7 questions (stdlib only)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
CATEGORIES = {"text", "figure", "unanswerable"}
KEYS = {"id", "category", "q", "expect", "evidence", "note"}


def load_brief():
    parts = []
    for name in sorted(os.listdir(CORPUS)):
        if name.endswith((".md", ".txt")):
            with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
                parts.append(f.read())
    return "\n".join(parts)


def main():
    brief = load_brief()
    low = brief.lower()
    problems = []
    questions = []
    with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                questions.append(json.loads(line))
            except json.JSONDecodeError as e:
                problems.append(f"line {n}: bad JSON ({e})")

    ids = [q.get("id") for q in questions]
    if len(questions) != 50:
        problems.append(f"expected 50 questions, found {len(questions)}")
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1})))
    wanted = {f"tb7-{i:02d}" for i in range(1, 51)}
    if set(ids) != wanted:
        problems.append(f"ids mismatch: missing {sorted(wanted - set(ids))}, extra {sorted(set(ids) - wanted)}")

    counts = {}
    for q in questions:
        qid = q.get("id", "?")
        missing = KEYS - set(q)
        if missing:
            problems.append(f"{qid}: missing keys {sorted(missing)}")
        cat = q.get("category")
        counts[cat] = counts.get(cat, 0) + 1
        if cat not in CATEGORIES:
            problems.append(f"{qid}: invalid category {cat!r}")
        expect = q.get("expect", [])
        if not isinstance(expect, list):
            problems.append(f"{qid}: expect is not a list")
            expect = []
        if cat == "unanswerable":
            if expect:
                problems.append(f"{qid}: unanswerable question has non-empty expect")
            if q.get("evidence") is not None:
                problems.append(f"{qid}: unanswerable question has evidence")
        else:
            if not expect:
                problems.append(f"{qid}: answerable question has empty expect")
            if q.get("evidence") is None:
                problems.append(f"{qid}: answerable question has no evidence")
        if cat == "text":
            for s in expect:
                if s.lower() not in low:
                    problems.append(f"{qid}: expect string not in brief: {s!r}")
        ev = q.get("evidence")
        if ev is not None and ev not in brief:
            problems.append(f"{qid}: evidence not verbatim in brief: {ev!r}")

    if problems:
        print("PROBLEMS:")
        for p in problems:
            print(" -", p)
        print("counts:", counts)
        sys.exit(1)
    print("OK", counts)


if __name__ == "__main__":
    main()
