"""The package's folders are layers: imports flow one way, and nothing that answers a
question imports the ingest readers. Read from the code's own import statements."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"

LAYERS: dict[str, int] = {
    "types": 0,
    "errors": 0,
    "config": 1,
    "text": 2,
    "storage": 3,
    "encoders": 3,
    "retrieve": 4,
    "facts": 4,
    "feedback": 4,
    "answer": 5,
    "suggest": 5,
    "ingest": 5,
    "chat": 6,
    "snapshot": 7,
    "opening": 7,
    "api": 8,
    "evaluation": 9,
    "server": 9,
    "mcp_server": 9,
    "llama": 9,
    "cli": 10,
    "__main__": 11,
    "__init__": 11,
}
"""Each top-level module or folder of `assistant/` and its floor: a module imports only from
floors below its own (or from its own folder)."""

QUESTION_TIME = (
    "text", "storage", "encoders", "retrieve", "facts", "answer", "suggest", "chat", "snapshot",
)  # fmt: skip
"""What runs when a question is answered: none of it may import `ingest/`."""


def part_of(path: Path) -> str:
    """The layer a module file belongs to: its folder under `assistant/`, or its own name."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def import_graph() -> dict[str, set[str]]:
    """For each layer, the other layers its modules import from."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in sorted(PACKAGE.rglob("*.py")):
        source = part_of(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] != "assistant":
                    continue
                target = parts[1] if len(parts) > 1 else "__init__"
                if target != source:
                    graph[source].add(target)
    return graph


def test_every_module_has_a_floor() -> None:
    parts = {part_of(path) for path in PACKAGE.rglob("*.py")}
    assert parts <= set(LAYERS), f"give these a floor in LAYERS: {sorted(parts - set(LAYERS))}"


def test_imports_only_flow_down() -> None:
    upward = [
        f"{source} (floor {LAYERS[source]}) imports {target} (floor {LAYERS[target]})"
        for source, targets in import_graph().items()
        for target in targets
        if LAYERS[target] >= LAYERS[source]
    ]
    assert upward == []


def test_question_time_code_never_imports_ingest() -> None:
    graph = import_graph()
    assert [part for part in QUESTION_TIME if "ingest" in graph[part]] == []


def test_the_graph_is_read_from_the_code() -> None:
    graph = import_graph()
    assert "ingest" in graph["api"]  # the public API runs an ingest when there is no index
    assert {"storage", "text"} <= graph["retrieve"]
