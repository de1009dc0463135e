"""Draw the package's layers and the imports between them: docs/layers.png.

Read from the code's own import statements (the same reading as tests/test_layers.py,
which fails when an import runs upward or question-time code imports `ingest/`).

    .venv/bin/python bench/layers.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_layers import LAYERS, QUESTION_TIME, import_graph  # noqa: E402

SHOWN = {name: floor for name, floor in LAYERS.items() if name not in ("__main__", "__init__")}


def main() -> None:
    graph = import_graph()
    floors: dict[int, list[str]] = defaultdict(list)
    # ingest/ last on its floor, so the one arrow into it (from api.py) stays clear of chat/.
    for name, floor in sorted(SHOWN.items(), key=lambda item: (item[0] == "ingest", item[0])):
        floors[floor].append(name)
    place: dict[str, tuple[float, float]] = {}
    for floor, names in floors.items():
        for i, name in enumerate(names):
            place[name] = ((i + 1) / (len(names) + 1), floor)

    figure, axes = plt.subplots(figsize=(9, 9))
    for source, targets in graph.items():
        for target in targets:
            if source not in place or target not in place:
                continue
            (x0, y0), (x1, y1) = place[source], place[target]
            color = "tab:red" if target == "ingest" else "0.75"
            axes.annotate(
                "",
                xy=(x1, y1 + 0.18),
                xytext=(x0, y0 - 0.18),
                arrowprops={"arrowstyle": "->", "color": color, "lw": 0.8},
            )
    for name, (x, y) in place.items():
        folder = (ROOT / "assistant" / name).is_dir()
        face = "#dbe9f6" if name in QUESTION_TIME else "#f3e3c3" if name == "ingest" else "white"
        label = f"{name}/" if folder else f"{name}.py"
        axes.text(
            x,
            y,
            label,
            ha="center",
            va="center",
            fontsize=10,
            bbox={"boxstyle": "round", "facecolor": face, "edgecolor": "0.3"},
        )
    axes.set_ylim(-0.7, max(SHOWN.values()) + 0.7)
    axes.set_xlim(0, 1)
    axes.set_yticks(sorted(floors))
    axes.set_ylabel("floor (imports only point down)")
    axes.set_xticks([])
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    axes.set_title(
        "assistant/: layers and imports (blue: runs at question time; red arrow: imports ingest/)"
    )
    figure.tight_layout()
    target = ROOT / "docs" / "layers.png"
    figure.savefig(target, dpi=110)
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
