#!/usr/bin/env python3
"""Consistency checks for train-brief-4 (stdlib only)."""
import ast
import glob
import json
import operator
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
problems = []


def problem(msg):
    problems.append(msg)
    print("PROBLEM:", msg)


briefs = glob.glob(os.path.join(HERE, "corpus", "*.md"))
if len(briefs) != 1:
    problem("expected exactly one brief in corpus/, found %d" % len(briefs))
    sys.exit(1)
brief = open(briefs[0], encoding="utf-8").read()

# ---------- safe arithmetic ----------
OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
       ast.Div: operator.truediv, ast.USub: operator.neg, ast.UAdd: operator.pos}


def safe_eval(expr):
    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in OPS:
            return OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in OPS:
            return OPS[type(node.op)](ev(node.operand))
        raise ValueError("disallowed syntax: %s" % ast.dump(node))
    return ev(ast.parse(expr, mode="eval"))


# ---------- questions ----------
rows = []
with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            problem("line %d: bad JSON (%s)" % (n, e))

KEYS = {"id", "category", "q", "expect", "evidence", "note"}
expected_ids = ["tb4-%02d" % i for i in range(1, 51)]
ids = [r.get("id") for r in rows]
if ids != expected_ids:
    problem("ids not tb4-01..tb4-50 in order: %s" % ids)
if len(set(ids)) != len(ids):
    problem("duplicate ids")

counts = {"text": 0, "figure": 0, "unanswerable": 0}
for r in rows:
    rid = r.get("id")
    if set(r) != KEYS:
        problem("%s: keys %s" % (rid, sorted(r)))
        continue
    cat = r["category"]
    if cat not in counts:
        problem("%s: bad category %r" % (rid, cat))
        continue
    counts[cat] += 1
    num = int(rid.split("-")[1])
    want = "text" if num <= 18 else "figure" if num <= 25 else "unanswerable"
    if cat != want:
        problem("%s: category %s, expected %s by id range" % (rid, cat, want))
    if not isinstance(r["expect"], list) or not all(isinstance(e, str) and e for e in r["expect"]):
        problem("%s: expect must be a list of non-empty strings" % rid)
        continue
    if not r["q"].strip():
        problem("%s: empty question" % rid)
    if cat == "unanswerable":
        if r["expect"] != [] or r["evidence"] != "":
            problem("%s: unanswerable must have expect [] and evidence ''" % rid)
        continue
    if not 1 <= len(r["expect"]) <= 3:
        problem("%s: expect should have 1-3 strings" % rid)
    ev = r["evidence"]
    if not ev or ev not in brief:
        problem("%s: evidence not found verbatim in brief: %r" % (rid, ev))
    note = r["note"]
    if note.startswith("computed: "):
        expr = note[len("computed: "):]
        try:
            val = safe_eval(expr)
        except Exception as e:  # noqa: BLE001
            problem("%s: cannot evaluate %r (%s)" % (rid, expr, e))
            continue
        exp = r["expect"][0]
        decimals = len(exp.split(".")[1]) if "." in exp else 0
        got = "%.*f" % (decimals, val)
        if got != exp:
            problem("%s: computed %s -> %s, expect %s" % (rid, expr, got, exp))
    else:
        for e in r["expect"]:
            if e.lower() not in ev.lower():
                problem("%s: expect %r not in evidence" % (rid, e))

for cat, n in (("text", 18), ("figure", 7), ("unanswerable", 25)):
    if counts[cat] != n:
        problem("category %s: %d questions, expected %d" % (cat, counts[cat], n))

# ---------- tables ----------
tables, cur = [], []
for line in brief.splitlines():
    if line.startswith("|"):
        cur.append([c.strip() for c in line.strip().strip("|").split("|")])
    elif cur:
        tables.append(cur)
        cur = []
if cur:
    tables.append(cur)


def num(x):
    return float(x.replace(",", ""))


main = [t for t in tables if "Total" in t[0][-1]]
shares = [t for t in tables if "Share" in t[0][-1]]
if len(main) != 1 or len(shares) != 1:
    problem("expected one totals table and one shares table, found %d and %d" % (len(main), len(shares)))
for t in main:
    body = [row for row in t[1:] if not set("".join(row)) <= set("-: ")]
    if len(body) != 5:
        problem("totals table: %d data rows, expected 5" % len(body))
    for row in body:
        parts = [num(c) for c in row[1:-1]]
        total = num(row[-1])
        if round(sum(parts), 6) != round(total, 6):
            problem("totals table %s: parts sum %.4f != total %.4f" % (row[0], sum(parts), total))
for t in shares:
    body = [row for row in t[1:] if not set("".join(row)) <= set("-: ")]
    s = sum(num(row[-1]) for row in body)
    if round(s, 6) != 100:
        problem("shares table sums to %s, not 100" % s)

# source line under the totals table
if not re.search(r"\|\n\nSource: ", brief):
    problem("no 'Source:' line directly under a table")

print("counts:", counts)
print("%d problems" % len(problems))
sys.exit(1 if problems else 0)
