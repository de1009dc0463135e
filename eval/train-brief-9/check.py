#!/usr/bin/env python3
"""Check questions.jsonl against the brief (stdlib only)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CATS = {"text", "figure", "unanswerable"}
KEYS = {"id", "category", "q", "expect", "evidence", "note"}
PREFIX = "tb9"


def main():
    corpus = os.path.join(HERE, "corpus")
    docs = [f for f in os.listdir(corpus) if f.endswith(".md")]
    problems = []
    if len(docs) != 1:
        problems.append("expected exactly one .md in corpus/, found %d" % len(docs))
    brief = "".join(open(os.path.join(corpus, d), encoding="utf-8").read() for d in docs)
    low = brief.lower()
    ids = []
    with open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                q = json.loads(line)
            except ValueError as e:
                problems.append("line %d: bad JSON (%s)" % (n, e))
                continue
            qid = q.get("id", "line %d" % n)
            if set(q) != KEYS:
                problems.append("%s: keys %s" % (qid, sorted(q)))
            ids.append(q.get("id"))
            cat = q.get("category")
            if cat not in CATS:
                problems.append("%s: bad category %r" % (qid, cat))
            if not q.get("q"):
                problems.append("%s: empty question" % qid)
            exp, ev = q.get("expect"), q.get("evidence")
            if not isinstance(exp, list) or not all(isinstance(x, str) for x in exp):
                problems.append("%s: expect is not a list of strings" % qid)
                continue
            if cat == "text":
                if not exp:
                    problems.append("%s: text without expect" % qid)
                for x in exp:
                    if not x or x.lower() not in low:
                        problems.append("%s: expect %r not in brief" % (qid, x))
            elif cat == "figure":
                if len(exp) != 1:
                    problems.append("%s: figure needs exactly one expect" % qid)
                for x in exp:
                    try:
                        float(x)
                    except ValueError:
                        problems.append("%s: figure expect %r is not a number" % (qid, x))
                if not q.get("note"):
                    problems.append("%s: figure without note" % qid)
            elif cat == "unanswerable":
                if exp:
                    problems.append("%s: unanswerable with expect %r" % (qid, exp))
                if not str(q.get("note") or "").startswith(("near miss", "never addressed")):
                    problems.append("%s: unanswerable note does not say its kind" % qid)
                if ev is not None:
                    problems.append("%s: unanswerable with evidence" % qid)
            if ev is not None and ev not in brief:
                problems.append("%s: evidence not verbatim in brief: %r" % (qid, ev))
            if cat in ("text", "figure") and ev is None:
                problems.append("%s: answerable question without evidence" % qid)
    if len(ids) != 50:
        problems.append("expected 50 questions, found %d" % len(ids))
    if len(set(ids)) != len(ids):
        problems.append("duplicate ids")
    want = ["%s-%02d" % (PREFIX, i) for i in range(1, 51)]
    if sorted(i for i in ids if i) != want:
        problems.append("ids are not %s-01 .. %s-50" % (PREFIX, PREFIX))
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
