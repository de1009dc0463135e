"""The assistant in a llama-index pipeline: `BriefRetriever` (a `BaseRetriever`) and
`BriefQueryEngine` (a `BaseQueryEngine`).

Every node is a verbatim passage whose metadata holds `source`, `title`, `start` and `end`
(`document[start:end] == node.text`); its id is `source:start-end`, so the same passage
is the same node in every query. The query engine's `Response` is the assistant's answer,
its citations the `source_nodes` and the whole answer contract in `metadata["answer"]`.

    from assistant import Assistant
    from assistant.llama import BriefQueryEngine, BriefRetriever

    assistant = Assistant.open()
    nodes = BriefRetriever(assistant, top_k=3).retrieve("Who is Jorge Melendez?")
    print(BriefQueryEngine(assistant).query("What were total exports in 2021?"))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_index.core.base.base_query_engine import BaseQueryEngine
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.response.schema import Response
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from assistant.api import Assistant
from assistant.types import Citation


def node_id(source: str, start: int, end: int) -> str:
    """A passage's node id: the same passage is the same node in every query."""
    return f"{source}:{start}-{end}"


def passage_node(source: str, title: str, start: int, end: int, text: str) -> TextNode:
    metadata = {"source": source, "title": title, "start": start, "end": end}
    return TextNode(
        id_=node_id(source, start, end),
        text=text,
        metadata=metadata,
        excluded_embed_metadata_keys=list(metadata),
        excluded_llm_metadata_keys=["start", "end"],
    )


class BriefRetriever(BaseRetriever):
    """The passages the assistant's retrieval and evidence scorer rank best for a query."""

    def __init__(self, assistant: Assistant, *, top_k: int = 5, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.assistant = assistant
        self.top_k = top_k

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        titles = self.assistant.titles()
        evidence = self.assistant.evidence(query_bundle.query_str)[: self.top_k]
        return [
            NodeWithScore(
                node=passage_node(u.source, titles.get(u.source, ""), u.start, u.end, u.text),
                score=e.score,
            )
            for e, u in ((e, e.unit) for e in evidence)
        ]


class BriefQueryEngine(BaseQueryEngine):
    """The assistant's answer as a llama-index `Response`: a quoted or computed answer, or
    an abstention (then `source_nodes` are the related passages, and `metadata["answer"]
    ["abstained"]` is true); `sources` limits the briefs searched."""

    def __init__(self, assistant: Assistant, *, sources: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(callback_manager=kwargs.pop("callback_manager", None))
        self.assistant = assistant
        self.sources = tuple(sources)

    def _query(self, query_bundle: QueryBundle) -> Response:
        answer = self.assistant.ask(query_bundle.query_str, sources=self.sources)
        cited: Sequence[Citation] = answer.citations or answer.related
        nodes = [
            NodeWithScore(
                node=passage_node(c.source, c.title, c.start, c.end, c.text), score=c.score
            )
            for c in cited
        ]
        return Response(
            response=answer.answer, source_nodes=nodes, metadata={"answer": answer.to_dict()}
        )

    async def _aquery(self, query_bundle: QueryBundle) -> Response:
        return self._query(query_bundle)

    def _get_prompt_modules(self) -> dict[str, Any]:
        return {}


def expected_nodes(assistant: Assistant, evidence: str) -> list[str]:
    """The ids of the passages holding `evidence` (a golden case's quote), for llama-index's
    `RetrieverEvaluator`: what a retriever should return for the case's question."""
    wanted = " ".join(evidence.split()).casefold()
    ids = []
    for source in assistant.titles():
        units, _ = assistant.snapshot.passages.document_units(source)
        ids += [
            node_id(u.source, u.start, u.end)
            for u in units
            if wanted in " ".join(u.text.split()).casefold()
        ]
    return ids
