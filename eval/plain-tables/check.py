#!/usr/bin/env python3
"""Self-check for the plain-tables test set.

Loads corpus/*.txt and questions.jsonl and checks:
  - ids unique and in the form plain-01 .. plain-40; required keys present;
  - exactly one of "number" / "text" / "abstain" per question;
  - every cell string appears verbatim in the question's brief;
  - every computed number equals what the cells give (formula printed);
  - highest_row / which_year answers match the max (or min) of the listed values;
  - counts by kind (and by file);
  - a few properties of the briefs themselves (word counts, tab table,
    two-space sentence break, n/a or "-" cell, negative figure).
Prints "N problems" and exits non-zero if N > 0.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
QFILE = HERE / "questions.jsonl"

KINDS = {"lookup", "change", "percent_change", "average", "sum", "share",
         "difference_of_rows", "highest_row", "which_year", "prose_figure",
         "unanswerable"}
LOW_WORDS = ("lowest", "smallest", "least", "fewest", "minimum")

problems = []


def problem(msg):
    problems.append(msg)
    print("  PROBLEM:", msg)


def parse(cell):
    """Number from a cell string: '1,263.8' -> 1263.8, '(14.2)' -> -14.2,
    '-6.6' -> -6.6, '58 per cent' -> 58."""
    s = cell.strip().replace(",", "")
    neg = False
    m = re.fullmatch(r"\((.*)\)", s)
    if m:
        s, neg = m.group(1), True
    m = re.search(r"[-\u2212]?\d+(?:\.\d+)?", s)
    if not m:
        raise ValueError(f"no number in cell {cell!r}")
    v = float(m.group(0).replace("\u2212", "-"))
    return -v if neg else v


def decimals(x):
    r = repr(x)
    return len(r.split(".")[1]) if "." in r else 0


def fmt(x):
    return f"{x:g}"


def compute(kind, vals):
    """Return (value, formula string)."""
    if kind in ("lookup", "prose_figure"):
        if len(vals) != 1:
            raise ValueError(f"{kind} needs exactly 1 cell")
        return vals[0], f"{fmt(vals[0])}"
    if kind in ("change", "percent_change", "share", "difference_of_rows"):
        if len(vals) != 2:
            raise ValueError(f"{kind} needs exactly 2 cells")
        a, b = vals
        if kind == "change":
            return b - a, f"later - earlier = {fmt(b)} - {fmt(a)}"
        if kind == "percent_change":
            return (b - a) / a * 100, f"(later - earlier) / earlier * 100 = ({fmt(b)} - {fmt(a)}) / {fmt(a)} * 100"
        if kind == "share":
            return a / b * 100, f"part / whole * 100 = {fmt(a)} / {fmt(b)} * 100"
        return a - b, f"row A - row B = {fmt(a)} - {fmt(b)}"
    if kind == "average":
        return sum(vals) / len(vals), f"({' + '.join(fmt(v) for v in vals)}) / {len(vals)}"
    if kind == "sum":
        return sum(vals), " + ".join(fmt(v) for v in vals)
    raise ValueError(f"no numeric formula for kind {kind}")


def main():
    briefs = {p.name: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}
    print(f"Briefs: {len(briefs)}")
    for name, text in briefs.items():
        words = len(text.split())
        print(f"  {name}: {words} words, tabs={'yes' if chr(9) in text else 'no'}")
        if not 400 <= words <= 900:
            problem(f"{name}: {words} words, outside 400-900")
    allt = "\n".join(briefs.values())
    if "\t" not in allt:
        problem("no brief contains a tab-separated table")
    if not re.search(r"[.?!]  [A-Z]", allt):
        problem("no prose with two sentences separated by two spaces")
    if not re.search(r"(\bn/a\b)|(\s-\s)", allt):
        problem("no 'n/a' or '-' cell")
    if not re.search(r"(\(\d[\d,.]*\))|(\s-\d)", allt):
        problem("no negative figure")
    if not re.search(r"^\s+-{3,}\s+-{3,}", allt, re.M):
        problem("no dashed underline under an indented header")

    qs = []
    for n, line in enumerate(QFILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            qs.append(json.loads(line))
        except json.JSONDecodeError as e:
            problem(f"line {n}: bad JSON: {e}")
    print(f"Questions: {len(qs)}\n")

    ids = [q.get("id") for q in qs]
    for i, c in Counter(ids).items():
        if c > 1:
            problem(f"duplicate id {i}")
    expected_ids = [f"plain-{i:02d}" for i in range(1, len(qs) + 1)]
    if ids != expected_ids:
        problem("ids are not plain-01..plain-NN in order")

    for q in qs:
        qid = q.get("id")
        kind = q.get("kind")
        print(f"{qid} [{kind}] {q.get('q')}")
        for key in ("id", "q", "file", "cells", "kind"):
            if key not in q:
                problem(f"{qid}: missing key {key}")
        answers = [k for k in ("number", "text", "abstain") if k in q]
        if len(answers) != 1:
            problem(f"{qid}: needs exactly one of number/text/abstain, has {answers}")
            continue
        if kind not in KINDS:
            problem(f"{qid}: unknown kind {kind}")
            continue
        text = briefs.get(q.get("file"))
        if text is None:
            problem(f"{qid}: file {q.get('file')} not in corpus")
            continue
        cells = q.get("cells", [])
        for c in cells:
            if c not in text:
                problem(f"{qid}: cell {c!r} not found verbatim in {q['file']}")

        if kind == "unanswerable":
            if q.get("abstain") is not True:
                problem(f"{qid}: unanswerable must have abstain: true")
            if cells:
                problem(f"{qid}: unanswerable must have cells []")
            print("    expect abstention")
            continue
        if "abstain" in q:
            problem(f"{qid}: abstain used with kind {kind}")
            continue

        if kind in ("highest_row", "which_year"):
            if "text" not in q:
                problem(f"{qid}: {kind} expects a text answer")
                continue
            label, vals = cells[0], [parse(c) for c in cells[1:]]
            low = any(w in q["q"].lower() for w in LOW_WORDS)
            best = min(vals) if low else max(vals)
            func = "min" if low else "max"
            print(f"    {func}({', '.join(fmt(v) for v in vals)}) = {fmt(best)} -> {label!r}")
            if vals[0] != best or vals.count(best) != 1:
                problem(f"{qid}: first value {fmt(vals[0])} is not the unique {func}")
            if q["text"] != label:
                problem(f"{qid}: text {q['text']!r} != label cell {label!r}")
            if q["text"] not in text:
                problem(f"{qid}: text answer not in brief")
            continue

        if "number" not in q:
            problem(f"{qid}: kind {kind} expects a number")
            continue
        try:
            vals = [parse(c) for c in cells]
            value, formula = compute(kind, vals)
        except ValueError as e:
            problem(f"{qid}: {e}")
            continue
        exp = q["number"]
        if kind == "lookup":
            ok = value == exp
        else:
            tol = 0.5 * 10 ** (-decimals(exp)) + 1e-9
            ok = abs(value - exp) <= tol
        print(f"    {formula} = {value:.4f}  (expected {exp})")
        if not ok:
            problem(f"{qid}: computed {value} but expected {exp}")

    print("\nCounts by kind:")
    for k, c in sorted(Counter(q.get("kind") for q in qs).items()):
        print(f"  {k:20s} {c}")
    print("Counts by file:")
    for k, c in sorted(Counter(q.get("file") for q in qs).items()):
        print(f"  {k:35s} {c}")
    print(f"\n{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
