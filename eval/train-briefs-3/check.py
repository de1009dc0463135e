"""Check questions.jsonl against the two briefs: expect strings in evidence, evidence verbatim in a brief."""
import json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "corpus")
BRIEFS = ["mexico-healthcare-market-trade.txt", "personalized-medicine-mexico.txt"]
texts = [open(os.path.join(CORPUS, b), encoding="utf-8").read() for b in BRIEFS]
problems, ids, counts = [], set(), {}
rows = [json.loads(l) for l in open(os.path.join(HERE, "questions.jsonl"), encoding="utf-8") if l.strip()]
for r in rows:
    i = r.get("id")
    if i in ids: problems.append(f"{i}: duplicate id")
    ids.add(i)
    if set(r) != {"id", "category", "q", "expect", "evidence"}: problems.append(f"{i}: bad keys {sorted(r)}")
    counts[r["category"]] = counts.get(r["category"], 0) + 1
    if r["category"] == "text":
        ev = r["evidence"]
        if not (1 <= len(r["expect"]) <= 4): problems.append(f"{i}: expect count {len(r['expect'])}")
        if not any(ev in t for t in texts): problems.append(f"{i}: evidence not verbatim in a brief")
        for e in r["expect"]:
            if e.lower() not in ev.lower(): problems.append(f"{i}: expect {e!r} not in evidence")
            if len(e.split()) > 4: problems.append(f"{i}: expect {e!r} longer than 4 words")
    elif r["category"] == "unanswerable":
        if r["expect"] != [] or r["evidence"] != "": problems.append(f"{i}: unanswerable must have [] and ''")
    else:
        problems.append(f"{i}: bad category {r['category']}")
exp_ids = {f"t3-{n:02d}" for n in range(1, 81)}
if ids != exp_ids: problems.append(f"id set mismatch: missing {sorted(exp_ids - ids)} extra {sorted(ids - exp_ids)}")
for p in problems: print(p)
print(f"{len(rows)} rows, {counts}, {len(problems)} problems")
sys.exit(1 if problems else 0)
