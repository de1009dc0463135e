"""Quality side by side, in one run, on the golden set: this assistant against
(a) llama-index's default VectorStoreIndex retriever with the same embedding model, its top
chunk taken as the answer; (b) BM25 alone over the same chunks; (c) dense alone.

Baselines never abstain and have no conversation: a follow-up is passed as typed.
Writes docs/bench/baselines.json.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from common import GOLDEN, ROOT, save

from assistant import Answer, Assistant, Citation, Settings
from assistant.evaluation import GoldenCase, ask_case, load_golden
from assistant.text.terms import question_terms

System = Callable[[GoldenCase], Answer]


def top_chunk_answer(case: GoldenCase, source: str, start: int, end: int, text: str) -> Answer:
    citation = Citation(1, source, source, start, end, text, 1.0)
    return Answer(case.question, case.question, text, "passage", (citation,))


def bm25_system(assistant: Assistant) -> System:
    def answer(case: GoldenCase) -> Answer:
        hits = assistant.snapshot.sparse.search(question_terms(case.question), 1)
        return _chunk(assistant, case, hits[0][0] if hits else None)

    return answer


def dense_system(assistant: Assistant) -> System:
    def answer(case: GoldenCase) -> Answer:
        dense = assistant.snapshot.retriever.dense
        hits = dense.search(dense.embed(case.question), 1)
        return _chunk(assistant, case, hits[0][0] if hits else None)

    return answer


def _chunk(assistant: Assistant, case: GoldenCase, chunk_id: str | None) -> Answer:
    if chunk_id is None:
        return Answer(case.question, case.question, "", "abstain")
    units, _ = assistant.snapshot.passages.units_of([chunk_id])
    source, start, end = units[0].source, units[0].start, units[-1].end
    return top_chunk_answer(case, source, start, end, assistant.source_text(source)[start:end])


def llama_index_system(assistant: Assistant) -> System:
    """llama-index's VectorStoreIndex over the same files, its models passed explicitly."""
    from llama_index.core import Document, VectorStoreIndex
    from llama_index.core.embeddings import BaseEmbedding
    from llama_index.core.node_parser import SentenceSplitter

    embedder = assistant.snapshot.encoders.english

    class SameModel(BaseEmbedding):
        def _get_query_embedding(self, query: str) -> list[float]:
            return [float(x) for x in embedder.encode([query])[0]]

        def _get_text_embedding(self, text: str) -> list[float]:
            return [float(x) for x in embedder.encode([text])[0]]

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return [[float(x) for x in row] for row in embedder.encode(texts)]

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

    documents = [
        Document(text=d.text, metadata={"source": d.source}) for d in assistant.documents()
    ]
    index = VectorStoreIndex.from_documents(
        documents, embed_model=SameModel(), transformations=[SentenceSplitter()]
    )
    retriever = index.as_retriever(similarity_top_k=1)

    def answer(case: GoldenCase) -> Answer:
        node = retriever.retrieve(case.question)[0].node
        text: Any = node.get_content()
        source = node.metadata["source"]
        start = node.start_char_idx if node.start_char_idx is not None else -1
        end = node.end_char_idx if node.end_char_idx is not None else -1
        return top_chunk_answer(case, source, start, end, text)

    return answer


def score(system: System, cases: list[GoldenCase], assistant: Assistant) -> dict[str, Any]:
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    cited = verbatim = citations = abstained_right = abstained = 0
    lengths = []
    for case in cases:
        answer = system(case)
        text = _norm(answer.answer)
        if case.answerable:
            right = not answer.abstained and all(_norm(e) in text for e in case.expect)
            if case.evidence and any(
                _norm(case.evidence) in _norm(c.text) for c in answer.citations
            ):
                cited += 1
        else:
            right = answer.abstained and all(_norm(e) in text for e in case.expect)
        abstained += answer.abstained
        abstained_right += answer.abstained and not case.answerable
        by_category[case.category][0] += right
        by_category[case.category][1] += 1
        for c in answer.citations:
            citations += 1
            verbatim += c.start >= 0 and assistant.source_text(c.source)[c.start : c.end] == c.text
        if answer.citations:
            lengths.append(sum(len(c.text) for c in answer.citations))
    answerable = [c for c in cases if c.answerable]
    unanswerable = len(cases) - len(answerable)
    correct_answerable = sum(by_category[c][0] for c in {x.category for x in answerable})
    return {
        "by_category": {k: v[0] / v[1] for k, v in sorted(by_category.items())},
        "accuracy": correct_answerable / len(answerable),
        "citation_precision": cited / len(answerable),
        "verbatim": verbatim / citations if citations else 1.0,
        "abstention_precision": abstained_right / abstained if abstained else 0.0,
        "abstention_recall": abstained_right / unanswerable if unanswerable else 1.0,
        "passage_chars": statistics.median(lengths) if lengths else 0,
    }


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def main() -> None:
    assistant = Assistant.open(Settings(corpus_dir=ROOT / "corpus", index_dir=ROOT / "index"))
    cases = load_golden(GOLDEN)
    systems: dict[str, System] = {
        "brief-assistant": lambda case: ask_case(assistant, case),
        "llama-index VectorStoreIndex": llama_index_system(assistant),
        "BM25 alone": bm25_system(assistant),
        "dense alone": dense_system(assistant),
    }
    results = {name: score(system, cases, assistant) for name, system in systems.items()}
    for name, values in results.items():
        print(name, {k: v for k, v in values.items() if k != "by_category"})
    save("baselines", {"questions": len(cases), "systems": results})


if __name__ == "__main__":
    main()
