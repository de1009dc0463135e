"""`assistant mcp` as a subprocess, driven through the official SDK's stdio client: each
tool called, its citations verbatim and locatable."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from typing import Any

import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from assistant import Settings
from tests.conftest import ROOT

pytestmark = pytest.mark.model
PM = "personalized-medicine-mexico.txt"


def call_tools(
    settings: Settings, calls: list[tuple[str, dict[str, Any]]]
) -> tuple[list[str], list[Any]]:
    """The server's tool names, and each call's result (JSON decoded, or the error text)."""
    server = StdioServerParameters(
        command=sys.executable,
        args=["-m", "assistant", "mcp"],
        env={**os.environ, "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
             "ASSISTANT_INDEX_DIR": str(settings.index_dir), "PYTHONPATH": str(ROOT)},
    )  # fmt: skip

    async def run() -> tuple[list[str], list[Any]]:
        async with stdio_client(server) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            tools = [tool.name for tool in (await session.list_tools()).tools]
            results = []
            for name, arguments in calls:
                result = await session.call_tool(name, arguments)
                text = "".join(getattr(c, "text", "") for c in result.content)
                results.append(("error", text) if result.is_error else json.loads(text))
            return tools, results

    return asyncio.run(run())


def test_every_tool_through_the_stdio_client(real_settings: Settings) -> None:
    tools, (asked, found, context, listed, unknown) = call_tools(
        real_settings,
        [
            ("ask", {"question": "Who is Jorge Melendez?"}),
            ("search_passages", {"query": "personalized immunotherapy institutions", "k": 3}),
            ("get_citation_context", {"source": PM, "start": 66, "end": 82}),
            ("list_facts", {"metric": "exports"}),
            ("get_citation_context", {"source": "chile.md", "start": 0, "end": 5}),
        ],
    )
    assert sorted(tools) == ["ask", "get_citation_context", "list_facts", "search_passages"]
    passages, facts = found["passages"], listed["facts"]
    assert "General Director, INMEGEN" in asked["answer"]
    texts = {s: (real_settings.corpus_dir / s).read_text(encoding="utf-8")
             for s in ("personalized-medicine-mexico.txt", "mexico-healthcare-market-trade.txt")}  # fmt: skip
    for cited in asked["citations"] + passages:
        assert texts[cited["source"]][cited["start"] : cited["end"]] == cited["text"]
    assert len(passages) == 3 and any("immunotherapy" in p["text"] for p in passages)
    assert context["text"] == "By Sofía Garduño" and context["after"].startswith(" | Journalist")
    assert {f["period"] for f in facts} >= {"2020", "2021"}
    assert all("Exports" in f["metric"] for f in facts)
    for fact in facts:  # each figure's cell and its row, at their offsets
        text = texts[fact["source"]]
        assert float(text[fact["start"] : fact["end"]]) == fact["value"]
        assert fact["metric"] in text[fact["passage_start"] : fact["passage_end"]]
    assert unknown[0] == "error" and "no brief named chile.md" in unknown[1]
