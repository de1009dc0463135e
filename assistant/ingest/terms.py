"""Terms of a text for BM25 and term coverage: lower-cased words, stemmed, no stopwords."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*", re.UNICODE)
DF_FILE = "df.json"

# Words that frame a question about the briefs rather than name what it asks for.
FRAMING = frozenset(
    {
        "passage", "passages", "mention", "mentions", "mentioned", "figure", "figures",
        "brief", "briefs", "document", "documents", "list", "lists", "listed", "say", "says",
        "claim", "claims", "come", "comes", "quote", "quoted", "cite", "cited", "citation",
        "much", "many", "large", "big",
    }
)  # fmt: skip


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    return frozenset(STOPWORDS_EN_PLUS)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    """Lower-cased words, numbers kept whole (`10.25`, `U.S`)."""
    return [w.lower() for w in WORD.findall(text)]


def terms(text: str) -> list[str]:
    """Stemmed words without stopwords: the tokens BM25 and term coverage use."""
    stop = _stopwords()
    return list(_stemmer().stemWords([w for w in words(text) if w not in stop]))


def question_terms(question: str) -> list[str]:
    """The terms of a question, without the words that only frame it."""
    return terms(" ".join(w for w in words(question) if w not in FRAMING))


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
