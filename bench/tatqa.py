"""TAT-QA dev through the CLI: one corpus per context, the authors' exact match and F1.

Each context becomes one Markdown brief: a title line, the table as a GitHub-style pipe
table (its first row the header row, a `|---|` separator, the cells as given), then the
paragraphs in order. `assistant ask --batch --json` answers its questions (run in this
process through click, so the model is loaded once); the answer's `value` (its number
with scale, or its span) is what is scored. Contexts are split in two fixed halves by a
hash of their id: `dev` is what the table work is developed on, `held-out` is only
reported.

    python tatqa.py                     # both halves, writes docs/tatqa.md and docs/tatqa.png
    python tatqa.py --half dev --limit 40 --show wrong
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from tatqa_metric import score  # noqa: E402

from assistant.cli import main  # noqa: E402
from assistant.facts.extract import extract_facts  # noqa: E402
from assistant.ingest.chunk import split_into_units  # noqa: E402
from assistant.types import Unit  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets" / "tatqa" / "tatqa_dataset_dev.json"
DOCS = ROOT / "docs"
FIGURE = re.compile(r"[-−–$€£(\s]*\d[\d,]*(\.\d+)?\s*\)?\s*%?")
AMOUNT = re.compile(r"\D{0,4}\d[\d,.]*\)?\s?%?(?:\s?[a-z]+)?", re.I)  # "$41.8 million", "RMB77"


def half(context: dict[str, Any]) -> str:
    """`dev` or `held-out`, fixed by the context's id."""
    digest = hashlib.sha256(context["table"]["uid"].encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "held-out"


def render(context: dict[str, Any]) -> str:
    """The context as a Markdown brief, the way it is measured."""
    rows = context["table"]["table"]
    width = max(len(r) for r in rows)

    def line(cells: list[str]) -> str:
        padded = [c.replace("|", "/").replace("\n", " ").strip() for c in cells]
        padded += [""] * (width - len(padded))
        return "| " + " | ".join(padded) + " |"

    table = [line(rows[0]), "|" + "---|" * width, *(line(r) for r in rows[1:])]
    paragraphs = [
        p["text"].strip() for p in sorted(context["paragraphs"], key=lambda p: p["order"])
    ]
    return (
        "# Annual report extract\n\n" + "\n".join(table) + "\n\n" + "\n\n".join(paragraphs) + "\n"
    )


def prediction(answer: dict[str, Any]) -> tuple[str | list[str], str]:
    """What the answer says, for the scorer: its value's number and scale, or its text."""
    value = answer.get("value")
    if not value or answer.get("abstained"):
        return "", ""
    parts = [p.strip() for p in value.get("text", "").split(";") if p.strip()]
    spans = parts if len(parts) > 1 else value.get("text", "")
    if answer.get("kind") == "passage":  # a quote's short answer: its words carry its scale
        several = len(parts) > 1 and all(AMOUNT.fullmatch(p) for p in parts)
        return (parts if several else value.get("text", "")), ""
    if value.get("number") is None:  # a span, or several figures: "a; b"
        return spans, "percent" if value.get("unit") == "%" else value.get("scale", "")
    if value.get("unit") == "%":
        return f"{value['number']}", "percent"
    return f"{value['number']}", value.get("scale", "")


def inside(gold: Any, said: str) -> bool:
    """Whether every gold span is in the answer's text (case, spacing and punctuation aside)."""
    spans = gold if isinstance(gold, list) else [str(gold)]
    flat = " ".join(re.findall(r"\w+", said.lower()))
    return all(" ".join(re.findall(r"\w+", str(g).lower())) in flat for g in spans)


def table_reading(context: dict[str, Any], text: str) -> tuple[bool, int, int]:
    """Whether the table yields facts, and how many of its numeric cells became facts."""
    spans = split_into_units(text)
    units = [
        Unit(id=str(i), chunk_id="c", source="brief.md", start=s.start, end=s.end,
             text=text[s.start:s.end], kind=s.kind, block=s.block)
        for i, s in enumerate(spans)
    ]  # fmt: skip
    facts = [f for f in extract_facts(units) if f.kind == "table"]
    numeric = sum(
        1
        for row in context["table"]["table"][1:]
        for cell in row[1:]
        if FIGURE.fullmatch(cell.strip()) and not re.fullmatch(r"\s*(19|20)\d\d\s*", cell)
    )
    return bool(facts), min(len({f.start for f in facts}), numeric), numeric


def run(contexts: list[dict[str, Any]], workdir: Path, show: str) -> list[dict[str, Any]]:
    runner = CliRunner()
    results = []
    for n, context in enumerate(contexts, 1):
        folder = workdir / context["table"]["uid"]
        corpus = folder / "corpus"
        corpus.mkdir(parents=True)
        text = render(context)
        (corpus / "brief.md").write_text(text, encoding="utf-8")
        questions = folder / "questions.jsonl"
        questions.write_text(
            "".join(json.dumps({"q": q["question"]}) + "\n" for q in context["questions"]),
            encoding="utf-8",
        )
        env = {"ASSISTANT_CORPUS_DIR": str(corpus), "ASSISTANT_INDEX_DIR": str(folder / "index")}
        outcome = runner.invoke(main, ["ask", "--batch", str(questions)], env=env)
        answers = [json.loads(line) for line in outcome.stdout.splitlines() if line.startswith("{")]
        has_facts, read, numeric = table_reading(context, text)
        for q, answer in zip(context["questions"], answers, strict=False):
            predicted, scale = prediction(answer)
            em, f1 = score(q, predicted, scale)
            results.append({
                "context": context["table"]["uid"], "question": q["question"],
                "type": q["answer_type"], "from": q["answer_from"], "gold": q["answer"],
                "gold_scale": q["scale"], "predicted": predicted, "scale": scale,
                "em": em, "f1": f1, "kind": answer.get("kind"), "answer": answer.get("answer", ""),
                "gold_in_answer": inside(q["answer"], answer.get("answer", "")),
                "has_facts": has_facts, "read": read, "numeric": numeric,
            })  # fmt: skip
            if show == "all" or (show == "wrong" and not em):
                print(f"  [{q['answer_type']}/{q['answer_from']}] {q['question']}\n"
                      f"     gold {q['answer']} {q['scale']} | got {predicted!r} {scale}"
                      f" | {answer.get('answer', '')[:160]!r}")  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)
        if n % 10 == 0:
            print(f"{n}/{len(contexts)} contexts", file=sys.stderr)
    return results


def paraphrased(data: list[dict[str, Any]], lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The contexts of a paraphrase set, each asking the original and the paraphrase of
    every question of the set (`eval/tatqa-paraphrases/`)."""
    by_uid = {c["table"]["uid"]: c for c in data}
    contexts = []
    for uid in dict.fromkeys(line["uid"] for line in lines):
        original = {q["question"]: q for q in by_uid[uid]["questions"]}
        asked = []
        for line in (x for x in lines if x["uid"] == uid):
            gold = original[line["original"]]
            asked += [gold, gold | {"question": line["question"]}]
        contexts.append(by_uid[uid] | {"questions": asked})
    return contexts


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    def mean(rows: list[dict[str, Any]], key: str) -> float:
        return round(100 * sum(r[key] for r in rows) / len(rows), 1) if rows else 0.0

    by: dict[str, dict[str, list[dict[str, Any]]]] = {
        "type": defaultdict(list),
        "from": defaultdict(list),
    }
    for r in results:
        by["type"][r["type"]].append(r)
        by["from"][r["from"]].append(r)
    contexts = {r["context"]: r for r in results}
    spans = [r for r in results if r["type"] in ("span", "multi-span")]
    return {
        "questions": len(results),
        "contexts": len(contexts),
        "em": mean(results, "em"),
        "f1": mean(results, "f1"),
        "by_type": {
            k: {"n": len(v), "em": mean(v, "em"), "f1": mean(v, "f1")}
            for k, v in sorted(by["type"].items())
        },
        "by_source": {
            k: {"n": len(v), "em": mean(v, "em"), "f1": mean(v, "f1")}
            for k, v in sorted(by["from"].items())
        },
        "tables_with_facts": round(
            100 * sum(r["has_facts"] for r in contexts.values()) / len(contexts), 1
        ),
        "numeric_cells_read": round(
            100
            * sum(r["read"] for r in contexts.values())
            / max(1, sum(r["numeric"] for r in contexts.values())),
            1,
        ),
        "gold_in_answer": mean(spans, "gold_in_answer"),
        "gold_in_answer_by_type": {
            kind: mean([r for r in spans if r["type"] == kind], "gold_in_answer")
            for kind in ("span", "multi-span")
        },
        "gold_in_answer_from_text": mean(
            [r for r in spans if r["from"] == "text"], "gold_in_answer"
        ),
        "answer_kinds": dict(Counter(r["kind"] for r in results)),
    }


PARAPHRASE_SETS = ("arithmetic-1", "spans", "arithmetic-2", "spans-2", "arithmetic-3")
"""The sets of eval/tatqa-paraphrases/, in the order they were written."""


def paraphrase_lines() -> list[str]:
    """The paraphrase sets' section of docs/tatqa.md, from their saved results: each run
    as docs/bench/tatqa-paraphrases-SET[-CODE].json, CODE naming the code measured."""
    rows = []
    for name in PARAPHRASE_SETS:
        for path in sorted((DOCS / "bench").glob(f"tatqa-paraphrases-{name}*.json")):
            longer = (other for other in PARAPHRASE_SETS if other.startswith(f"{name}-"))
            if any(path.stem.startswith(f"tatqa-paraphrases-{other}") for other in longer):
                continue  # "spans-2" is a set of its own, not a run of "spans"
            run = json.loads(path.read_text(encoding="utf-8"))
            code = path.stem.removeprefix(f"tatqa-paraphrases-{name}").lstrip("-") or "now"
            cells = []
            for wording in ("original", "paraphrased"):
                inside = run[wording].get("gold_in_answer")
                cells.append(f"{run[wording]['em']}" + (f" ({inside})" if inside else ""))
            rows.append((name, run.get("code", code), *cells))
    if not rows:
        return []
    lines = [
        "## The same questions, worded another way",
        "",
        "`eval/tatqa-paraphrases/`: questions of the `dev` half, each rewritten by a session",
        "that never read the code, with the same gold answer",
        "(`python bench/tatqa.py --paraphrases eval/tatqa-paraphrases/SET.jsonl`). The gap",
        "between the two wordings is what rests on the wording the rules were written",
        "against. Each set was measured before its misses were read; a set measured at code",
        "that learned only from the sets before it is a held-out measure of that code.",
        "For spans, the gold text inside the answer is in brackets.",
        "",
        "| set | code | original wording, EM | paraphrased, EM |",
        "|---|---|---:|---:|",
    ]
    lines += [f"| {name} | {code} | {a} | {b} |" for name, code, a, b in rows]
    return [*lines, ""]


NEW_SETS = {
    "tatqa-new": (
        "New report tables (`eval/tatqa-new/`)",
        "48 contexts of real report tables (SEC filings; UK, European and Asian annual",
        "reports) with 376 questions in TAT-QA's style, written by two sessions that never",
    ),
    "tatqa-new2": (
        "More new report tables (`eval/tatqa-new2/`)",
        "48 more contexts (roll-forwards, balance sheets and cash flows, lease and debt",
        "schedules, EPS and tax tables, five-year summaries, interim and non-US reports) with",
        "381 questions, written the same way by two more sessions that never",
    ),
}


def new_set_lines(name: str = "tatqa-new") -> list[str]:
    """The section on one of the new sets (`NEW_SETS`): each half when first measured and now."""
    runs = {}
    for when in ("-first", ""):
        for half_name in ("dev", "held-out"):
            path = DOCS / "bench" / f"{name}{when}-{half_name}.json"
            if path.exists():
                saved = json.loads(path.read_text(encoding="utf-8"))
                runs[f"{half_name}, {'first' if when else 'now'}"] = saved[half_name] | {
                    "code": saved.get("code", "")
                }
    if not runs:
        return []
    title, *about = NEW_SETS[name]
    shown = list(runs)
    lines = [
        "",
        f"## {title}",
        "",
        *about,
        "read the code (see its README), split by the same hash: the `dev` half was read and",
        "learned from, the `held-out` half only measured. *First* is the code before anything",
        "of the set was read; *now* is today's code.",
        "",
        "| | " + " | ".join(shown) + " |",
        "|---|" + "---:|" * len(shown),
        "| code | " + " | ".join(str(runs[r]["code"]) for r in shown) + " |",
        "| questions | " + " | ".join(str(runs[r]["questions"]) for r in shown) + " |",
        "| exact match | " + " | ".join(str(runs[r]["em"]) for r in shown) + " |",
        "| F1 | " + " | ".join(str(runs[r]["f1"]) for r in shown) + " |",
    ]
    for t in sorted({t for r in runs.values() for t in r["by_type"]}):
        cells = [
            f"{runs[r]['by_type'][t]['em']} (n={runs[r]['by_type'][t]['n']})"
            if t in runs[r]["by_type"]
            else ""
            for r in shown
        ]
        lines.append(f"| EM, {t} | " + " | ".join(cells) + " |")
    return lines


def report() -> None:
    """docs/tatqa.md and docs/tatqa.png from the results of each half in docs/bench/."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    halves = {}
    for name in ("dev", "held-out"):
        for when in ("-previous", "-before", ""):
            path = DOCS / "bench" / f"tatqa-{name}{when}.json"
            if path.exists():
                halves[f"{name}{when}"] = json.loads(path.read_text(encoding="utf-8"))[name]
    order = (
        "dev-previous",
        "dev-before",
        "dev",
        "held-out-previous",
        "held-out-before",
        "held-out",
    )
    shown = [h for h in order if h in halves]
    lines = [
        "# TAT-QA dev through the CLI",
        "",
        "`bench/tatqa.py`: one corpus per context (a Markdown brief: title line, the table as a",
        "pipe table with a `|---|` separator, the paragraphs), `assistant ask --batch`, the",
        "answer's `value` scored with the authors' exact match and F1 (`bench/tatqa_metric.py`,",
        "a port tested on their own cases). Contexts are split in two fixed halves by a hash of",
        "their id: `dev` is what the table work was developed on; `held-out` was only measured.",
        "A quoted passage's value is the short answer inside its quote (`answer/shape.py`).",
        "`-previous` columns are the first measurement (`docs/bench/tatqa-*-previous.json`,",
        "commit cb103af, when a passage's value was empty); `-before` columns are the code before",
        "the latest round of work (`docs/bench/tatqa-*-before.json`, the code at ba3a3ca).",
        "For scale: the authors' TagOp gets",
        "50.1 EM on the test split; their sample predictions for dev score 45.9 EM / 58.9 F1",
        'under this port. "Gold inside the answer" is the share of span and multi-span',
        "questions whose every gold span is in the answer's text (issue 17's measure).",
        "",
        "| | " + " | ".join(shown) + " |",
        "|---|" + "---:|" * len(shown),
    ]
    rows = [
        ("contexts", "contexts"),
        ("questions", "questions"),
        ("exact match", "em"),
        ("F1", "f1"),
        ("tables yielding facts (%)", "tables_with_facts"),
        ("numeric cells read (%)", "numeric_cells_read"),
        ("gold inside the answer, spans (%)", "gold_in_answer"),
    ]
    for title, key in rows:
        lines.append(
            f"| {title} | " + " | ".join(str(halves[h].get(key, "")) for h in shown) + " |"
        )
    for group, title in (("by_type", "EM, {}"), ("by_source", "EM, from {}")):
        for t in sorted({t for h in halves.values() for t in h[group]}):
            cells = [
                f"{halves[h][group][t]['em']} (n={halves[h][group][t]['n']})"
                if t in halves[h][group]
                else ""
                for h in shown
            ]
            lines.append(f"| {title.format(t)} | " + " | ".join(cells) + " |")
    lines += ["", "![EM by answer type, dev and held-out](tatqa.png)", ""]
    lines += paraphrase_lines()
    lines += new_set_lines("tatqa-new")
    lines += new_set_lines("tatqa-new2")
    (DOCS / "tatqa.md").write_text("\n".join(lines), encoding="utf-8")
    types = sorted({t for h in halves.values() for t in h["by_type"]})
    fig, ax = plt.subplots(figsize=(8, 3.8))
    width = 0.8 / max(1, len(shown))
    for i, name in enumerate(shown):
        ems = [halves[name]["by_type"].get(t, {}).get("em", 0) for t in types]
        ax.bar([x + i * width for x in range(len(types))], ems, width, label=name)
    ax.set_xticks([x + width * (len(shown) - 1) / 2 for x in range(len(types))], types)
    ax.set_ylabel("exact match (%)")
    ax.set_title("TAT-QA dev, one corpus per context")
    ax.legend()
    fig.tight_layout()
    fig.savefig(DOCS / "tatqa.png", dpi=120)


def main_() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=["dev", "held-out", "both"], default="both")
    parser.add_argument(
        "--limit", type=int, default=0, help="Only the first N contexts of each half."
    )
    parser.add_argument("--show", choices=["none", "wrong", "all"], default="none")
    parser.add_argument(
        "--out", default="", help="Results files docs/bench/OUT-HALF.json (default tatqa-HALF)."
    )
    parser.add_argument(
        "--dump", default="", help="Also write every question's result to this JSONL file."
    )
    parser.add_argument(
        "--data",
        default=str(DATA),
        help="Another set in TAT-QA's format (e.g. eval/tatqa-new/), split in the same halves.",
    )
    parser.add_argument(
        "--report", action="store_true", help="Only write docs/tatqa.md from saved results."
    )
    parser.add_argument(
        "--paraphrases",
        default="",
        help="Ask a paraphrase set's questions both ways (docs/bench/OUT.json, "
        "default tatqa-paraphrases).",
    )
    args = parser.parse_args()
    if args.report:
        report()
        return
    data = json.loads(Path(args.data).read_text(encoding="utf-8"))
    os.environ.setdefault("ASSISTANT_MULTILINGUAL", "false")
    if args.paraphrases:
        lines = [json.loads(x) for x in Path(args.paraphrases).read_text().splitlines() if x]
        with tempfile.TemporaryDirectory() as tmp:
            results = run(paraphrased(data, lines), Path(tmp), args.show)
        reworded = {line["question"] for line in lines}
        if args.dump:
            with Path(args.dump).open("w", encoding="utf-8") as dump:
                dump.writelines(
                    json.dumps(r | {"paraphrase": r["question"] in reworded}) + "\n"
                    for r in results
                )
        summary = {
            "original": summarise([r for r in results if r["question"] not in reworded]),
            "paraphrased": summarise([r for r in results if r["question"] in reworded]),
        }
        print(json.dumps(summary, indent=1))
        default = f"tatqa-paraphrases-{Path(args.paraphrases).stem}"
        out = DOCS / "bench" / f"{args.out or default}.json"
        out.write_text(json.dumps(summary, indent=1), encoding="utf-8")
        report()
        return
    halves = ["dev", "held-out"] if args.half == "both" else [args.half]
    results_of: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in halves:
            contexts = [c for c in data if half(c) == name]
            if args.limit:
                contexts = contexts[: args.limit]
            started = time.perf_counter()
            results = run(contexts, Path(tmp), args.show)
            if args.dump:
                mode = "w" if name == halves[0] else "a"
                with Path(args.dump).open(mode, encoding="utf-8") as dump:
                    dump.writelines(json.dumps(r | {"half": name}) + "\n" for r in results)
            results_of[name] = summarise(results) | {
                "seconds": round(time.perf_counter() - started)
            }
            print(name, json.dumps(results_of[name], indent=1))
            (DOCS / "bench").mkdir(parents=True, exist_ok=True)
            out = f"{args.out}-{name}" if args.out else f"tatqa-{name}"
            (DOCS / "bench" / f"{out}.json").write_text(
                json.dumps({name: results_of[name]}, indent=1), encoding="utf-8"
            )
    report()


if __name__ == "__main__":
    main_()
