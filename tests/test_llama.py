"""The llama-index retriever and query engine over the shipped briefs: verbatim nodes with
their offsets, the answer as a `Response`, and llama-index's own `RetrieverEvaluator` (hit
rate, MRR) over the golden questions (`bench/llama_retriever.py` writes the numbers to
docs/)."""

from __future__ import annotations

import asyncio

import pytest
from llama_index.core.evaluation import RetrieverEvaluator

from assistant import Assistant, Settings
from assistant.evaluation import golden_part, load_golden
from assistant.llama import BriefQueryEngine, BriefRetriever, expected_nodes
from tests.conftest import ROOT

pytestmark = pytest.mark.model


def test_retrieved_nodes_are_verbatim_passages_with_offsets(
    real_assistant: Assistant, real_settings: Settings
) -> None:
    nodes = BriefRetriever(real_assistant, top_k=3).retrieve("Who is Jorge Melendez?")
    assert len(nodes) == 3 and "Jorge Melendez" in nodes[0].node.get_content()
    for found in nodes:
        meta = found.node.metadata
        text = (real_settings.corpus_dir / meta["source"]).read_text(encoding="utf-8")
        assert text[meta["start"] : meta["end"]] == found.node.get_content()
        assert found.node.node_id == f"{meta['source']}:{meta['start']}-{meta['end']}"


def test_the_query_engine_answers_with_its_citations_as_source_nodes(
    real_assistant: Assistant,
) -> None:
    response = BriefQueryEngine(real_assistant).query(
        "How much did imports fall from 2020 to 2022?"
    )
    assert "-US$1.85 billion" in str(response)
    answer = response.metadata["answer"]  # type: ignore[index]
    assert answer["calculation"].startswith("10.25 - 12.1 = -1.85")
    assert [n.node.get_content() for n in response.source_nodes] == [
        c["text"] for c in answer["citations"]
    ]
    refused = BriefQueryEngine(real_assistant).query("What is the capital of France?")
    assert refused.metadata["answer"]["abstained"]  # type: ignore[index]


def test_retriever_evaluator_over_the_golden_questions(real_assistant: Assistant) -> None:
    evaluator = RetrieverEvaluator.from_metric_names(
        ["hit_rate", "mrr"], retriever=BriefRetriever(real_assistant, top_k=5)
    )
    cases = [c for c in load_golden(ROOT / "tests/golden/questions.jsonl")
             if c.evidence and not c.history and c.category != "spanish"]  # fmt: skip
    scores: dict[str, list[float]] = {"hit_rate": [], "mrr": []}
    for case in cases:
        expected = expected_nodes(real_assistant, case.evidence or "")
        if not expected:
            continue
        result = asyncio.run(evaluator.aevaluate(case.question, expected_ids=expected))
        for name, value in result.metric_vals_dict.items():
            scores[name].append(value)
    hit_rate = sum(scores["hit_rate"]) / len(scores["hit_rate"])
    mrr = sum(scores["mrr"]) / len(scores["mrr"])
    assert len(scores["hit_rate"]) >= 40
    assert hit_rate >= 0.8 and mrr >= 0.6, (hit_rate, mrr)  # docs/llama-retriever.md has them
    assert {golden_part(c.id) for c in cases} == {"calibration", "held-out"}
