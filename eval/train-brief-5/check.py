#!/usr/bin/env python3
"""Sanity checks for train-brief-5/questions.jsonl (stdlib only)."""
import glob
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
CATS = {"text", "figure", "unanswerable"}


def main():
    problems = []
    briefs = sorted(glob.glob(os.path.join(HERE, "corpus", "*.md")))
    if not briefs:
        print("PROBLEM: no brief found in corpus/")
        return
    brief = "\n".join(open(p, encoding="utf-8").read() for p in briefs)
    brief_lower = brief.lower()

    rows = []
    with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                problems.append(f"line {n}: bad JSON ({e})")

    if len(rows) != 50:
        problems.append(f"expected 50 questions, found {len(rows)}")
    ids = [r.get("id") for r in rows]
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids")
    if set(ids) != {f"tb5-{i:02d}" for i in range(1, 51)}:
        problems.append("ids are not exactly tb5-01..tb5-50")

    counts = {}
    for r in rows:
        rid = r.get("id")
        for key in ("id", "category", "q", "expect", "evidence", "note"):
            if key not in r:
                problems.append(f"{rid}: missing key {key}")
        cat = r.get("category")
        counts[cat] = counts.get(cat, 0) + 1
        if cat not in CATS:
            problems.append(f"{rid}: invalid category {cat!r}")
        expect = r.get("expect", [])
        if not isinstance(expect, list):
            problems.append(f"{rid}: expect is not a list")
            expect = []
        if cat == "unanswerable":
            if expect:
                problems.append(f"{rid}: unanswerable must have empty expect")
            if r.get("evidence") is not None:
                problems.append(f"{rid}: unanswerable must have null evidence")
        else:
            if not expect:
                problems.append(f"{rid}: answerable question has empty expect")
        if cat == "text":
            for e in expect:
                if e.lower() not in brief_lower:
                    problems.append(f"{rid}: expect {e!r} not in brief")
        ev = r.get("evidence")
        if ev is not None and ev not in brief:
            problems.append(f"{rid}: evidence not verbatim in brief: {ev[:60]!r}")

    print("counts:", counts)
    if problems:
        for p in problems:
            print("PROBLEM:", p)
    else:
        print("OK")


if __name__ == "__main__":
    main()
