"""Write docs/eval.md: `assistant eval` and `assistant eval --calibrate` on the golden set."""

from __future__ import annotations

from pathlib import Path

from assistant import Assistant, Settings
from assistant.evaluation import calibrate, load_golden, run_eval

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    assistant = Assistant.open(Settings(corpus_dir=ROOT / "corpus", index_dir=ROOT / "index"))
    cases = load_golden(ROOT / "tests/golden/questions.jsonl")
    result = run_eval(assistant, cases)
    misses = [o for o in result.outcomes if not o.correct]
    lines = [
        "# Evaluation on the golden set",
        "",
        f"`assistant eval` over `tests/golden/questions.jsonl`: {len(cases)} questions written by",
        "the team over the two shipped briefs (facts in the text, paraphrases that share few",
        "words with it, table figures and computations, citation look-ups, and questions the",
        "briefs cannot answer, which must be abstained). Written by `bench/eval_report.py`.",
        "",
        "```",
        result.report(),
        "```",
        "",
        "Misses:" if misses else "No misses.",
        *[f"- `{o.case.id}` {o.case.question} -> {o.answer.answer[:140]!r}" for o in misses],
        "",
        "## Calibration",
        "",
        "`assistant eval --calibrate` answers every case once without an abstention threshold,",
        "for each lexical weight and sentence margin, and takes the middle of the band of",
        "thresholds that gets the most cases right, for the English questions and, with a",
        "threshold of its own, for the Spanish ones. The defaults in `assistant/config.py`",
        "come from these tables:",
        "",
        "```",
        calibrate(assistant, cases).report(),
        "",
        calibrate(assistant, cases, spanish=True).report(),
        "```",
        "",
    ]
    (ROOT / "docs" / "eval.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
