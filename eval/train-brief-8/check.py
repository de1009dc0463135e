#!/usr/bin/env python3
"""Check questions.jsonl against the brief (stdlib only)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CATS = {"text", "figure", "unanswerable"}
KEYS = {"id", "category", "q", "expect", "evidence", "note"}


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
            if not isinstance(exp, list):
                problems.append("%s: expect is not a list" % qid)
                continue
            exp = exp[0] if len(exp) == 1 else None if not exp else exp
            if cat == "text":
                if not exp or exp.lower() not in low:
                    problems.append("%s: expect %r not in brief" % (qid, exp))
            elif cat == "figure":
                if not exp:
                    problems.append("%s: figure without expect" % qid)
                else:
                    try:
                        float(exp)
                    except ValueError:
                        problems.append("%s: figure expect %r is not a number" % (qid, exp))
                if not q.get("note"):
                    problems.append("%s: figure without note" % qid)
            elif cat in CATS:
                if exp is not None:
                    problems.append("%s: unanswerable with expect %r" % (qid, exp))
                if not q["note"].startswith(("near miss", "never addressed")):
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
    want = ["tb8-%02d" % i for i in range(1, 51)]
    if sorted(i for i in ids if i) != want:
        problems.append("ids are not tb8-01 .. tb8-50")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
