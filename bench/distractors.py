"""Real English text available offline, for distractor chunks: Python's documentation
sources (Debian's python3-doc) and the system's manual pages (roff markup stripped).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

PYTHON_DOCS = Path("/usr/share/doc/python3.11/html/_sources")
MAN_PAGES = Path("/usr/share/man")
ROFF_ESCAPE = re.compile(
    r"\\f[BIRPC]|\\f\(..|\\f\[[^\]]*\]|\\\(..|\\\[[^\]]*\]|\\[&|^%:e]|\\s[-+]?\d"
)


def python_docs() -> Iterator[str]:
    for path in sorted(PYTHON_DOCS.rglob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")


def man_pages() -> Iterator[str]:
    for path in sorted(MAN_PAGES.glob("man*/*.gz")):
        try:
            raw = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        except (OSError, EOFError):
            continue
        lines = []
        for line in raw.splitlines():
            if line.startswith((".", "'")):
                if line[:3] in (".PP", ".SH", ".SS", ".TP", ".LP", ".P ", ".IP"):
                    lines.append("")
                continue
            lines.append(ROFF_ESCAPE.sub("", line).replace("\\-", "-").replace("\\", ""))
        text = "\n".join(lines)
        if len(text) > 200:
            yield text


def write_distractors(folder: Path, characters: int, *, file_size: int = 200_000) -> int:
    """Write about `characters` of real text into .txt files in `folder`; returns files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written, number, buffer = 0, 0, []
    for text in (*python_docs(), *man_pages()):
        buffer.append(text)
        if sum(map(len, buffer)) >= file_size:
            body = "\n\n".join(buffer)
            (folder / f"distractor-{number:05d}.txt").write_text(body, encoding="utf-8")
            written += len(body)
            number += 1
            buffer = []
            if written >= characters:
                break
    return number
