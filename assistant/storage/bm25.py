"""The BM25 index of one version (bm25s) and its term statistics (ids, document frequencies)."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.text.terms import terms

DF_FILE = "df.json"


def build_bm25(directory: Path, ids: Sequence[str], texts: Sequence[str]) -> None:
    """Index chunk texts with bm25s and save it with the ids and document frequencies."""
    import bm25s

    directory.mkdir(parents=True, exist_ok=True)
    tokenized = [terms(text) or ["<empty>"] for text in texts]
    retriever = bm25s.BM25()
    retriever.index(tokenized, show_progress=False)
    retriever.save(str(directory), show_progress=False)
    df = Counter(term for tokens in tokenized for term in set(tokens))
    payload = {"ids": list(ids), "n": len(ids), "df": df}
    (directory / DF_FILE).write_text(json.dumps(payload), encoding="utf-8")


@dataclass(frozen=True)
class TermStats:
    """Chunk ids of the BM25 index and each term's inverse document frequency."""

    ids: list[str]
    n: int
    df: dict[str, int]

    @classmethod
    def load(cls, directory: Path) -> TermStats:
        raw = json.loads((directory / DF_FILE).read_text(encoding="utf-8"))
        return cls(ids=raw["ids"], n=raw["n"], df=raw["df"])

    def idf(self, term: str) -> float:
        """BM25's idf, log(1 + (n - df + 0.5) / (df + 0.5)); unseen terms get the highest."""
        df = self.df.get(term, 0)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))
