"""Terms of a text for BM25 and term coverage: lower-cased words, stemmed, no stopwords."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

WORD = re.compile(r"(?:non[-‐‑])?[^\W_]+(?:[.'’][^\W_]+)*", re.UNICODE | re.IGNORECASE)
"""A word, with a negating `non-` joined to it: "non-current" is one word, "noncurrent",
and not the word "current" (of which it is the opposite)."""
NON = re.compile(r"^non[-‐‑]")

# Words that frame a question about the briefs rather than name what it asks for ("the
# definition of X" asks what X is; "the respective figures" says how to give them).
FRAMING = frozenset(
    {
        "passage", "passages", "mention", "mentions", "mentioned", "figure", "figures",
        "brief", "briefs", "document", "documents", "list", "lists", "listed", "say", "says",
        "claim", "claims", "come", "comes", "quote", "quoted", "cite", "cited", "citation",
        "much", "many", "large", "big", "definition", "meaning", "respective", "respectively",
        "author", "authors",
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
    """Lower-cased words without accents ("Hernández" -> hernandez: users type both), a
    curly apostrophe written straight ("Mexico’s" is "Mexico's"), numbers kept whole
    (`10.25`, `U.S`)."""
    return [NON.sub("non", _plain(w.lower().replace("’", "'"))) for w in WORD.findall(text)]


def _plain(word: str) -> str:
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def stems(tokens: list[str]) -> list[str]:
    """Each word stemmed, stopwords kept."""
    return list(_stemmer().stemWords(tokens))


CONTRACTION = re.compile(r"^(?P<word>\w+)'(?:s|re|ve|ll|d|m|t)$")
"""A word with a contracted verb: "what's", "they're" (a stopword's contraction is one too;
`words` has already made a curly apostrophe straight)."""


def _stopword(word: str, stop: frozenset[str]) -> bool:
    contracted = CONTRACTION.match(word)
    return word in stop or (contracted is not None and contracted["word"] in stop)


def terms(text: str) -> list[str]:
    """Stemmed words without stopwords ("what's" is one): the tokens BM25 and term
    coverage use."""
    stop = _stopwords()
    return list(_stemmer().stemWords([w for w in words(text) if not _stopword(w, stop)]))


CLAIM_CHECK = re.compile(
    r"^\W*(?:is it|is this|is that|it is) (?:true|correct|accurate|right)\b(?:,?\s*that\b)?"
    r"|^\W*true or false\b\W*",
    re.IGNORECASE,
)
"""A question that asks whether a claim holds: its words before the claim frame it."""


QUOTED_TERM = re.compile(
    r"\b(?:the )?(?:term|word|phrase|expression)s?\s+(?=[\"“‘'])", re.IGNORECASE
)
"""'the term "X"': the words that say X is quoted, not what is asked."""


def question_terms(question: str) -> list[str]:
    """The terms of a question, without the words that only frame it."""
    claim = QUOTED_TERM.sub("", CLAIM_CHECK.sub("", question))
    return terms(" ".join(w for w in words(claim) if w not in FRAMING))
