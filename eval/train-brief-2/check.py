#!/usr/bin/env python3
"""Consistency check for eval/train-brief-2 (stdlib only).

- every non-computed expect string occurs (case-insensitive) in its evidence
- every evidence string occurs verbatim in the brief
- computed figure answers (note starts with "computed:") are recomputed from the table
- for each unanswerable question, the chosen patterns (regex, case-insensitive) do not occur in the brief
Prints each problem and a final count; exit code 1 if any problem.
"""
import json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BRIEF = (HERE / "corpus" / "kenya-diagnostics-import-market.md").read_text(encoding="utf-8")
QUESTIONS = [json.loads(l) for l in (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]

# regex patterns that must NOT occur in the brief, per unanswerable question
ABSENT = ABSENT = {
 "tb2-26": [
  "2019"
 ],
 "tb2-27": [
  "2018"
 ],
 "tb2-28": [
  "2026",
  "forecast",
  "projected"
 ],
 "tb2-29": [
  "Tanzania"
 ],
 "tb2-30": [
  "Uganda"
 ],
 "tb2-31": [
  "budget of",
  "\\bbillion\\b",
  "allocat",
  "NDAP.{0,40}USD"
 ],
 "tb2-32": [
  "Savanna BioTest.{0,120}(revenue|sales|USD)",
  "turnover",
  "annual sales"
 ],
 "tb2-33": [
  "ticket",
  "\\bfees?\\b",
  "admission",
  "\\bKES\\b"
 ],
 "tb2-34": [
  "\\bvenue\\b",
  "convention",
  "hotel",
  "exhibition cent"
 ],
 "tb2-35": [
  "speaker",
  "keynote",
  "panellist", "panel discussion"
 ],
 "tb2-36": [
  "private-sector (procurement|imports|spending)",
  "private (share|laborator(y|ies) accounted)"
 ],
 "tb2-37": [
  "chief executive of the National Health",
  "NHCA (chief|head|director-general)",
  "director-general"
 ],
 "tb2-38": [
  "cabinet secretary",
  "\\bminister\\b"
 ],
 "tb2-39": [
  "\\bVAT\\b",
  "value.added"
 ],
 "tb2-40": [
  "accredit"
 ],
 "tb2-41": [
  "market share",
  "leading supplier",
  "market leader"
 ],
 "tb2-42": [
  "molecular (diagnostics )?(market|segment)",
  "molecular.{0,40}USD"
 ],
 "tb2-43": [
  "per test",
  "shillings? per",
  "price of a"
 ],
 "tb2-44": [
  "technician",
  "technologist",
  "workforce",
  "staff shortage"
 ],
 "tb2-45": [
  "incentive",
  "tax holiday",
  "tax break"
 ],
 "tb2-46": [
  "million tests",
  "tests (per|a|each) year"
 ],
 "tb2-47": [
  "donor",
  "Global Fund",
  "PEPFAR"
 ],
 "tb2-48": [
  "portal",
  "e-procurement",
  "online"
 ],
 "tb2-49": [
  "spends the most",
  "highest (spending|spend)",
  "largest county"
 ],
 "tb2-50": [
  "authori[sz]ed representative",
  "local agent",
  "local representative"
 ]
}

def table():
    rows = {}
    for line in BRIEF.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 6 and all(c.replace(",", "").isdigit() for c in cells[1:]) and cells[0] != "Indicator":
            rows[cells[0]] = [float(c) for c in cells[1:]]
    return rows

YEARS = [2020, 2021, 2022, 2023, 2024]
T = table()
def v(row, year):
    return T[row][YEARS.index(year)]

COMPUTED = {
    "tb2-21": v("Total IVD market", 2023) - v("Total IVD market", 2021),
    "tb2-22": (v("Imports of analysers and laboratory equipment", 2023) - v("Imports of analysers and laboratory equipment", 2020)) / v("Imports of analysers and laboratory equipment", 2020) * 100,
    "tb2-23": v("Imports of reagents and test kits", 2022) + v("Imports of analysers and laboratory equipment", 2022),
    "tb2-24": (v("Public-sector procurement (NHCA and counties)", 2024) - v("Public-sector procurement (NHCA and counties)", 2022)) / v("Public-sector procurement (NHCA and counties)", 2022) * 100,
}

def main():
    problems = []
    ids = [q["id"] for q in QUESTIONS]
    if ids != [f"tb2-{i:02d}" for i in range(1, 51)]:
        problems.append("ids are not tb2-01..tb2-50 in order")
    want = {"text": 18, "figure": 7, "unanswerable": 25}
    for cat, n in want.items():
        got = sum(q["category"] == cat for q in QUESTIONS)
        if got != n:
            problems.append(f"category {cat}: {got} questions, want {n}")
    if len(T) != 4:
        problems.append(f"table parse found {len(T)} rows, want 4")
    for q in QUESTIONS:
        qid, ev, exp = q["id"], q["evidence"], q["expect"]
        for k in ("id", "category", "q", "expect", "evidence"):
            if k not in q:
                problems.append(f"{qid}: missing field {k}")
        if q["category"] == "unanswerable":
            if exp != [] or ev != "":
                problems.append(f"{qid}: unanswerable must have expect [] and evidence \"\"")
            pats = ABSENT.get(qid)
            if not pats:
                problems.append(f"{qid}: no absence patterns")
            for p in pats or []:
                m = re.search(p, BRIEF, re.I)
                if m:
                    problems.append(f"{qid}: pattern {p!r} occurs in brief: {m.group(0)!r}")
            continue
        if not (1 <= len(exp) <= 4):
            problems.append(f"{qid}: expect has {len(exp)} items")
        if ev not in BRIEF:
            problems.append(f"{qid}: evidence not verbatim in brief: {ev[:70]!r}")
        computed = q.get("note", "").startswith("computed:")
        if computed:
            if qid not in COMPUTED:
                problems.append(f"{qid}: computed answer without recomputation")
            elif f"{round(COMPUTED[qid] + 1e-9, 2):g}" != exp[0]:
                problems.append(f"{qid}: expect {exp[0]} but table gives {COMPUTED[qid]:.4f}")
            continue
        for e in exp:
            if e.lower() not in ev.lower():
                problems.append(f"{qid}: expect {e!r} not in evidence")
    for p in problems:
        print("PROBLEM", p)
    print(f"{len(QUESTIONS)} questions checked, {len(problems)} problems")
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main())
