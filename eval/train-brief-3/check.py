#!/usr/bin/env python3
"""Consistency check for eval/train-brief-3 (stdlib only).

Checks:
  * ids are tb3-01 .. tb3-50, in order, unique; only known keys are used
  * category counts: 18 text, 7 figure, 25 unanswerable
  * unanswerable: expect == [] and evidence == ""
  * text/figure: 1-4 expect strings; evidence occurs verbatim in the brief
  * every non-computed expect string occurs (case-insensitive) in its evidence
  * computed figure answers (note starts with "computed:"): the expression in the
    note is evaluated safely, must equal the expect value at its printed precision,
    and every number in the expression must occur in the evidence row
  * the brief's table: Total row equals the sum of the other rows for every year
"""
import ast
import json
import operator
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED_COUNTS = {"text": 18, "figure": 7, "unanswerable": 25}
ALLOWED_KEYS = {"id", "category", "q", "expect", "evidence", "note"}
problems = []


def problem(msg):
    problems.append(msg)


def safe_eval(expr):
    ops = {ast.Add: operator.add, ast.Sub: operator.sub,
           ast.Mult: operator.mul, ast.Div: operator.truediv}

    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in ops:
            return ops[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -ev(node.operand)
        raise ValueError("unsupported expression element: %r" % node)

    return ev(ast.parse(expr, mode="eval"))


# ---- load brief
corpus_dir = os.path.join(HERE, "corpus")
briefs = sorted(f for f in os.listdir(corpus_dir) if f.endswith(".md"))
if len(briefs) != 1:
    problem("expected exactly one .md file in corpus/, found %d" % len(briefs))
brief = open(os.path.join(corpus_dir, briefs[0]), encoding="utf-8").read() if briefs else ""

# ---- table consistency
rows = {}
for line in brief.splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if line.startswith("|") and len(cells) > 1 and all(
            re.fullmatch(r"-?\d+\.\d+", c) for c in cells[1:]):
        rows[cells[0]] = [float(c) for c in cells[1:]]
total_key = [k for k in rows if k.lower().startswith("total")]
if len(total_key) != 1:
    problem("table: expected exactly one Total row, found %d" % len(total_key))
else:
    parts = [v for k, v in rows.items() if k != total_key[0]]
    for i, tot in enumerate(rows[total_key[0]]):
        s = round(sum(p[i] for p in parts), 1)
        if abs(s - tot) > 0.05:
            problem("table: column %d total %s != sum of rows %s" % (i + 1, tot, s))

# ---- questions
qs = []
with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            qs.append(json.loads(line))
        except json.JSONDecodeError as e:
            problem("line %d: invalid JSON (%s)" % (n, e))

ids = [q.get("id") for q in qs]
want_ids = ["tb3-%02d" % i for i in range(1, 51)]
if ids != want_ids:
    problem("ids are not exactly tb3-01..tb3-50 in order")
if len(set(ids)) != len(ids):
    problem("duplicate ids")

counts = {}
for q in qs:
    qid = q.get("id")
    extra = set(q) - ALLOWED_KEYS
    missing = {"id", "category", "q", "expect", "evidence"} - set(q)
    if extra:
        problem("%s: unknown keys %s" % (qid, sorted(extra)))
    if missing:
        problem("%s: missing keys %s" % (qid, sorted(missing)))
        continue
    cat = q["category"]
    counts[cat] = counts.get(cat, 0) + 1
    expect, ev, note = q["expect"], q["evidence"], q.get("note", "")
    if not isinstance(expect, list) or not all(isinstance(e, str) and e for e in expect):
        problem("%s: expect must be a list of non-empty strings" % qid)
        continue
    if not q["q"].strip():
        problem("%s: empty question" % qid)
    if cat == "unanswerable":
        if expect != [] or ev != "":
            problem("%s: unanswerable must have expect [] and evidence \"\"" % qid)
        continue
    if cat not in ("text", "figure"):
        problem("%s: unknown category %r" % (qid, cat))
        continue
    if not 1 <= len(expect) <= 4:
        problem("%s: expect must hold 1-4 strings" % qid)
    if not ev or ev not in brief:
        problem("%s: evidence not found verbatim in brief" % qid)
    computed = cat == "figure" and note.lower().startswith("computed:")
    if computed:
        m = re.match(r"computed:\s*(.+?)\s*=\s*(-?[\d.]+)", note, re.I)
        if not m:
            problem("%s: cannot parse computed note" % qid)
            continue
        expr, stated = m.group(1), m.group(2)
        try:
            val = safe_eval(expr)
        except Exception as e:  # noqa: BLE001
            problem("%s: bad expression %r (%s)" % (qid, expr, e))
            continue
        ans = expect[0]
        decimals = len(ans.split(".")[1]) if "." in ans else 0
        if "%.*f" % (decimals, val) != ans or stated != ans:
            problem("%s: computed %.4f does not match expect %s / note %s" % (qid, val, ans, stated))
        for num in re.findall(r"\d+(?:\.\d+)?", expr):
            if num in ("100", "2", "3", "4", "5"):
                continue  # constants (percent factor, divisor for averages)
            if not re.search(r"(?<![\d.])" + re.escape(num) + r"(?![\d])", ev):
                problem("%s: operand %s not in evidence" % (qid, num))
    else:
        for e in expect:
            if e.lower() not in ev.lower():
                problem("%s: expect %r not in evidence" % (qid, e))

for cat, n in EXPECTED_COUNTS.items():
    if counts.get(cat, 0) != n:
        problem("category %s: %d questions, expected %d" % (cat, counts.get(cat, 0), n))
if len(qs) != 50:
    problem("expected 50 questions, found %d" % len(qs))

for p in problems:
    print("PROBLEM:", p)
print("%d questions (%s); %d problems" % (
    len(qs), ", ".join("%s=%d" % (k, counts.get(k, 0)) for k in EXPECTED_COUNTS), len(problems)))
sys.exit(1 if problems else 0)
