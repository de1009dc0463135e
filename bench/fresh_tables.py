"""A question set nobody tuned for: briefs and questions written without reading the code.

`eval/fresh-tables/` holds briefs with tables (and their questions, `questions.jsonl`)
written by a session that never saw the code or an answer. This script only measures: it
builds an index of those briefs, asks every question once and writes
`docs/fresh-tables.md` (beside the first measurement, if one is stored). An answer is right
when its `value` is the expected number (to 0.1%, or 0.01 for small numbers) or the
expected text (case, spacing and punctuation aside; contained in the value for a span),
or when it abstains on a question the briefs cannot answer; its citations must be
verbatim and hold the cells used.

    python bench/fresh_tables.py
    python bench/fresh_tables.py --set plain-tables --held-out --label "before"

`--held-out` is for a set nobody may learn from (`eval/plain-tables/`): only its totals
are printed and kept, in `docs/bench/<set>-held-out.json` under the label given, never
a question's answer, so its misses cannot steer the code.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant import Assistant, Settings
from assistant.types import Answer

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def right(case: dict[str, Any], answer: Answer) -> bool:
    if case.get("abstain"):
        return answer.abstained
    value = answer.value
    if answer.abstained or value is None:
        return False
    if "number" in case:
        expected = float(case["number"])
        numbers = [value.number] if value.number is not None else []
        numbers += [float(n.replace(",", "")) for n in re.findall(r"-?\d[\d,]*\.?\d*", value.text)]
        return any(abs(n - expected) <= max(0.01, 1e-3 * abs(expected)) for n in numbers)
    return bool(words(case["text"])) and words(case["text"]) in words(value.text)


def cites_cells(case: dict[str, Any], answer: Answer) -> bool:
    quoted = " ".join(c.text for c in answer.citations)
    return all(cell in quoted for cell in case.get("cells", []))


def measure(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every question of the set in `folder`, asked once of an index of its briefs."""
    cases = [json.loads(line) for line in (folder / "questions.jsonl").read_text().splitlines()]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(folder / "corpus", corpus)
        settings = Settings(corpus_dir=corpus, index_dir=Path(tmp) / "index", multilingual=False)
        assistant = Assistant.open(settings)
        rows = []
        for case in cases:
            answer = assistant.ask(case["q"])
            passages = assistant.snapshot.passages
            verbatim = all(
                passages.text(c.source)[c.start : c.end] == c.text
                for c in (*answer.citations, *answer.related)
            )
            rows.append(
                {
                    "id": case["id"],
                    "kind": case.get("kind", ""),
                    "q": case["q"],
                    "right": right(case, answer),
                    "cells": case.get("abstain", False) or cites_cells(case, answer),
                    "verbatim": verbatim,
                    "got": answer.value.text if answer.value else "",
                    "answer": answer.answer[:160],
                }
            )
    return cases, rows


def totals(cases: list[dict[str, Any]], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A held-out run's totals: answerable right, unanswerable abstained, right per kind."""
    answerable = [r for c, r in zip(cases, rows, strict=True) if not c.get("abstain")]
    unanswerable = [r for c, r in zip(cases, rows, strict=True) if c.get("abstain")]
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        kinds[row["kind"]][0] += row["right"]
        kinds[row["kind"]][1] += 1
    return {
        "answerable_right": [sum(r["right"] for r in answerable), len(answerable)],
        "unanswerable_abstained": [sum(r["right"] for r in unanswerable), len(unanswerable)],
        "right_citing_every_cell": sum(r["right"] and r["cells"] for r in answerable),
        "verbatim": [sum(r["verbatim"] for r in rows), len(rows)],
        "by_kind": dict(sorted(kinds.items())),
    }


def held_out(name: str, label: str) -> None:
    """Measure a held-out set and keep only its totals, under `label`."""
    cases, rows = measure(ROOT / "eval" / name)
    path = DOCS / "bench" / f"{name}-held-out.json"
    runs = json.loads(path.read_text()) if path.exists() else {}
    runs[label] = totals(cases, rows)
    path.write_text(json.dumps(runs, indent=1), encoding="utf-8")
    (DOCS / f"{name}.md").write_text(held_out_report(name, runs), encoding="utf-8")
    print(json.dumps({label: runs[label]}, indent=1))


def held_out_report(name: str, runs: dict[str, Any]) -> str:
    """A held-out set's runs, totals only, one column a run."""

    def share(pair: list[int]) -> str:
        return f"{pair[0]}/{pair[1]} ({100 * pair[0] / pair[1]:.1f}%)" if pair[1] else ""

    labels = list(runs)
    kinds = sorted({k for run in runs.values() for k in run["by_kind"]})
    rows = [
        ("answerable answered right", [share(r["answerable_right"]) for r in runs.values()]),
        ("unanswerable abstained", [share(r["unanswerable_abstained"]) for r in runs.values()]),
        ("right and citing every cell", [str(r["right_citing_every_cell"]) for r in runs.values()]),
        ("verbatim citations", [share(r["verbatim"]) for r in runs.values()]),
        *(
            (f"kind: {k}", [share(r["by_kind"].get(k, [0, 0])) for r in runs.values()])
            for k in kinds
        ),
    ]
    return "\n".join(
        [
            f"# `eval/{name}/`, held out",
            "",
            f"`bench/fresh_tables.py --set {name} --held-out --label LABEL`: the set's briefs and",
            "questions were written by a session that did not read the code (see its README).",
            "Only totals are kept, never a question's answer, so its misses cannot steer the",
            "code. Each column is one run, named by the code it measured.",
            "",
            "| | " + " | ".join(labels) + " |",
            "|---|" + "---:|" * len(labels),
            *(f"| {what} | " + " | ".join(cells) + " |" for what, cells in rows),
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--set", default="fresh-tables", help="a folder under eval/")
    parser.add_argument("--held-out", action="store_true", help="keep only the totals")
    parser.add_argument("--label", default="now", help="the run's name in a held-out file")
    args = parser.parse_args()
    if args.held_out:
        held_out(args.set, args.label)
        return
    cases, rows = measure(ROOT / "eval" / args.set)
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)

    def pct(items: list[dict[str, Any]], key: str) -> str:
        return f"{100 * sum(r[key] for r in items) / len(items):.1f}" if items else ""

    first_path = DOCS / "bench" / "fresh-tables-first.json"
    first = json.loads(first_path.read_text()) if first_path.exists() else rows
    answerable = [i for i, c in enumerate(cases) if not c.get("abstain")]
    unanswerable = [i for i, c in enumerate(cases) if c.get("abstain")]

    def share(results: list[dict[str, Any]], picked: list[int], key: str = "right") -> str:
        return pct([results[i] for i in picked], key)

    right_now = [i for i in answerable if rows[i]["right"]]
    lines = [
        "# A table question set nobody tuned for",
        "",
        "`bench/fresh_tables.py` over `eval/fresh-tables/` (briefs and questions written by a",
        "session that did not read the code or see an answer; see its README). The first",
        "measurement (`docs/bench/fresh-tables-first.json`) is the held-out one: it was taken",
        "before anything was changed for this set. Its failures then led to general fixes, so",
        "the set is now a development set, and the second column is not held out.",
        "",
        "| | first (held out) | now (developed on) |",
        "|---|---:|---:|",
        f"| answerable right (%, of {len(answerable)}) | {share(first, answerable)} "
        f"| {share(rows, answerable)} |",
        f"| unanswerable abstained (%, of {len(unanswerable)}) | {share(first, unanswerable)} "
        f"| {share(rows, unanswerable)} |",
        f"| verbatim citations (%) | {pct(first, 'verbatim')} | {pct(rows, 'verbatim')} |",
        "",
        f"Right answers now that cite every cell used: {share(rows, right_now, 'cells')}%.",
        "",
        "| kind | n | first right (%) | now right (%) |",
        "|---|---:|---:|---:|",
        *(
            f"| {k} | {len(v)} | {pct([first[rows.index(r)] for r in v], 'right')} "
            f"| {pct(v, 'right')} |"
            for k, v in sorted(by_kind.items())
        ),
        "",
        "Wrong:",
        "",
        *(
            f"- `{r['id']}` {r['q']} -> {r['got'][:80]!r} ({r['answer'][:100]!r})"
            for r in rows
            if not r["right"]
        ),
        "",
    ]
    (DOCS / "fresh-tables.md").write_text("\n".join(lines), encoding="utf-8")
    (DOCS / "bench").mkdir(exist_ok=True)
    (DOCS / "bench" / "fresh-tables.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
