"""`assistant mcp`: the briefs as Model Context Protocol tools over stdio (the official
`mcp` SDK), so a desktop assistant quotes them instead of paraphrasing.

Tools: `ask` (the answer contract), `search_passages` (ranked passages, verbatim, with
offsets), `get_citation_context` (a cited span and the text around it, checked against the
document) and `list_facts`. Every passage carries `source`, `start` and `end`:
`document[start:end] == text`. The index is loaded on the first call; nothing is written
to stdout but the protocol.
"""

from __future__ import annotations

import threading
from typing import Any

from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

from assistant.answer.render import passage_context
from assistant.api import Assistant
from assistant.errors import AssistantError

INSTRUCTIONS = (
    "Answers and passages from a folder of briefs. Quote the `text` of citations verbatim;"
    " cite them by source and offsets. When `abstained` is true the briefs do not hold the"
    " answer: say so rather than answering from elsewhere."
)


def create_server(open_assistant: Any = Assistant.open) -> MCPServer:
    """The MCP server; `open_assistant()` gives the assistant on first use."""
    server = MCPServer("brief-assistant", instructions=INSTRUCTIONS)
    loaded: list[Assistant] = []
    lock = threading.Lock()

    def assistant() -> Assistant:
        with lock:
            if not loaded:
                loaded.append(open_assistant())
            return loaded[0]

    @server.tool()
    def ask(
        question: str, history: list[str] | None = None, sources: list[str] | None = None
    ) -> dict[str, Any]:
        """Answer a question from the briefs: the JSON answer contract (answer text with [n]
        markers, verbatim citations with source/start/end, facts, calculation, value).
        `history` holds the conversation's earlier questions; `sources` limits the briefs
        searched (file names, as list_facts or the citations name them)."""
        session = assistant().session(sources=sources or ())
        try:
            for earlier in history or ():
                session.ask(earlier)
            return session.ask(question).to_dict()
        except AssistantError as error:
            raise ToolError(str(error)) from error

    @server.tool()
    def search_passages(query: str, k: int = 5) -> dict[str, list[dict[str, Any]]]:
        """The passages that best match `query`, best first, each verbatim with its source,
        start, end and score (what `ask` quotes from, without the answer's judgement)."""
        try:
            evidence = assistant().evidence(query)
        except AssistantError as error:
            raise ToolError(str(error)) from error
        titles = assistant().titles()
        return {"passages": [
            {"source": e.unit.source, "title": titles.get(e.unit.source, ""),
             "start": e.unit.start, "end": e.unit.end, "text": e.unit.text,
             "score": round(e.score, 4)}
            for e in evidence[: max(1, min(k, 50))]
        ]}  # fmt: skip

    @server.tool()
    def get_citation_context(source: str, start: int, end: int, width: int = 300) -> dict[str, Any]:
        """The cited text `document[start:end]` of a brief, with up to `width` characters of
        its paragraph before and after: to check a citation or read around it."""
        try:
            cited = assistant().span(source, start, end)
        except AssistantError as error:
            raise ToolError(str(error)) from error
        text = assistant().source_text(source)
        before, after = passage_context(cited, text, width=max(0, min(width, 2000)))
        return {"source": source, "title": cited.title, "start": start, "end": end,
                "text": cited.text, "before": before, "after": after}  # fmt: skip

    @server.tool()
    def list_facts(
        metric: str | None = None, source: str | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        """The figures the briefs state (tables and sentences): metric, period, value, unit,
        currency, scale, and the offsets of the cell or sentence that states each."""
        found = assistant().list_facts(metric=metric)
        keys = ("source", "metric", "period", "value", "unit", "currency", "scale", "estimate",
                "kind", "start", "end", "passage_start", "passage_end")  # fmt: skip
        return {
            "facts": [
                {key: getattr(f, key) for key in keys}
                for f in found
                if source is None or f.source == source
            ]
        }

    return server


def run_stdio() -> None:
    """Serve over stdin/stdout until the client closes them."""
    create_server().run(transport="stdio")
