"""llama-index's `RetrieverEvaluator` (hit rate, MRR at top 5) over the golden questions
with `assistant.llama.BriefRetriever`, by golden part (calibration / held-out: nothing is
tuned on the held-out part). A question's expected nodes are the passages holding its
`evidence`. Writes docs/bench/llama_retriever.json and docs/llama-retriever.md.
"""

from __future__ import annotations

import asyncio

from common import GOLDEN, ROOT, save
from llama_index.core.evaluation import RetrieverEvaluator

from assistant import Assistant, Settings
from assistant.evaluation import golden_part, load_golden
from assistant.llama import BriefRetriever, expected_nodes

TOP_K = 5


def main() -> None:
    assistant = Assistant.open(Settings(corpus_dir=ROOT / "corpus", index_dir=ROOT / "index"))
    evaluator = RetrieverEvaluator.from_metric_names(
        ["hit_rate", "mrr"], retriever=BriefRetriever(assistant, top_k=TOP_K)
    )
    parts: dict[str, dict[str, list[float]]] = {}
    for case in load_golden(GOLDEN):
        if not case.evidence or case.history or case.category == "spanish":
            continue  # no passage to find, a follow-up, or a question in another language
        expected = expected_nodes(assistant, case.evidence)
        if not expected:
            continue
        result = asyncio.run(evaluator.aevaluate(case.question, expected_ids=expected))
        for part in (golden_part(case.id), "all"):
            scores = parts.setdefault(part, {"hit_rate": [], "mrr": []})
            for name, value in result.metric_vals_dict.items():
                scores[name].append(value)
    summary = {
        part: {"questions": len(s["mrr"]), "hit_rate": sum(s["hit_rate"]) / len(s["hit_rate"]),
               "mrr": sum(s["mrr"]) / len(s["mrr"])}
        for part, s in sorted(parts.items())
    }  # fmt: skip
    save("llama_retriever", {"top_k": TOP_K, "parts": summary})
    rows = [f"| {part} | {s['questions']} | {s['hit_rate']:.3f} | {s['mrr']:.3f} |"
            for part, s in summary.items()]  # fmt: skip
    (ROOT / "docs" / "llama-retriever.md").write_text(
        "# The llama-index retriever on the golden questions\n\n"
        "`bench/llama_retriever.py`: llama-index's own `RetrieverEvaluator` with"
        f" `assistant.llama.BriefRetriever` (top {TOP_K}) over the golden questions that name"
        " the passage they need (`evidence`), English, not follow-ups. Expected nodes: the"
        " passages (sentences, list items, table rows) holding the evidence text. The"
        " held-out part is the one nothing is tuned on.\n\n"
        "| golden part | questions | hit rate | MRR |\n|---|---:|---:|---:|\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
