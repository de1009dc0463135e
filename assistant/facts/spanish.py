"""Figure questions asked in Spanish: the same operations, metrics named by meaning.

The operation words are Spanish (generic, like the English ones in `query`); a metric is
the label nearest, by the multilingual encoder, to a phrase of the question, so no label
of any brief is ever translated by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.facts.query import (
    BALANCE,
    FactQuery,
    Operation,
    find_operation,
    label_size,
    pair_metrics,
)
from assistant.facts.units import CURRENCIES
from assistant.text.periods import YEAR_PATTERN, years
from assistant.types import Vectors

OPERATIONS_ES: list[tuple[Operation, re.Pattern[str]]] = [
    (
        "convert",
        re.compile(
            r"\ben (?P<currency>"
            + "|".join(re.escape(c) for c in CURRENCIES if c.isalpha())
            + r")\b",
            re.I,
        ),
    ),
    (
        "cagr",
        re.compile(
            r"\b(tcac|tasa (de crecimiento )?anual compuesta|crecimiento anual compuesto)", re.I
        ),
    ),
    ("share", re.compile(r"\b(proporci[oó]n|qu[eé] parte|participaci[oó]n|porcentaje de)\b", re.I)),
    (
        "difference",
        re.compile(
            r"\b(balanza|diferencia entre|brecha entre|super[aá]vit|d[eé]ficit|saldo)\b", re.I
        ),
    ),
    (
        "percent_change",
        re.compile(
            r"\b(cambio|variaci[oó]n|aumento|disminuci[oó]n|crecimiento|ca[ií]da) porcentual"
            r"|\ben qu[eé] porcentaje|\bqu[eé] porcentaje (crec|cay|baj|sub|aument|disminu|cambi)",
            re.I,
        ),
    ),
    (
        "change",
        re.compile(
            r"\b(cambi\w*|ca[yí]\w*|baj\w*|disminu\w*|descend\w*|sub(i|e|ió)\w*|aument\w*"
            r"|crec\w*|variaci[oó]n)\b",
            re.I,
        ),
    ),
    ("average", re.compile(r"\b(promedio|media)\b", re.I)),
    ("sum", re.compile(r"\b(suma|combinad\w*|acumulad\w*|en total|en conjunto)\b", re.I)),
    ("max", re.compile(r"\b(m[aá]s alt[oa]s?|m[aá]xim[oa]s?|mayor(es)?|pico)\b", re.I)),
    ("min", re.compile(r"\b(m[aá]s baj[oa]s?|m[ií]nim[oa]s?|menor(es)?)\b", re.I)),
]
RANGE_ES = re.compile(rf"\b({YEAR_PATTERN})\s*(?:-|–|a|y|hasta)\s*({YEAR_PATTERN})\b", re.I)
FIGURE_CUE_ES = re.compile(
    r"\b(cu[aá]nt[oa]s?|cu[aá]l(es)? (fue|fueron|es|son|era|eran)|valor|cifra|monto)\b", re.I
)
MEANING_FLOOR = 0.55
"""Similarity (multilingual encoder) a phrase of a question needs to name a metric."""
MEANING_TIE = 0.02
"""Labels this close to the best are all candidates: the question cannot tell them apart."""


def parse_spanish_question(
    question: str, labels: Sequence[str], similarity: Callable[[str], dict[str, float]] | None
) -> FactQuery | None:
    """The fact query a Spanish question asks, or None when it is not about a figure.

    `similarity` gives each label's best similarity to a phrase of the question (see
    `phrase_similarity`): in Spanish, meaning is the only way a metric is named.
    """
    operation, match = find_operation(question, OPERATIONS_ES)
    periods = years(question)
    cue = operation is not None or periods or FIGURE_CUE_ES.search(question)
    if similarity is None or not cue:
        return None
    meanings = similarity(question)
    ranked = sorted(((lb, meanings.get(lb, 0.0)) for lb in labels), key=lambda item: -item[1])
    balance = operation == "difference" and BALANCE.search(question) is not None
    if not ranked or (ranked[0][1] < MEANING_FLOOR and not balance):
        return None
    if operation is None:
        operation = "series" if len(periods) != 1 else "lookup"
    if operation == "change" and len(periods) < 2:
        operation = "lookup" if periods else "series"
    best, score = ranked[0]
    metrics: tuple[str, ...] = (best,)
    if operation == "difference" and BALANCE.search(question):
        metrics = pair_metrics(question, operation, ranked)
    elif operation in ("share", "difference"):
        named = [label for label, s in ranked[:2] if s >= MEANING_FLOOR]
        # A share's whole is the more general label (fewer words): "Total Imports".
        metrics = tuple(sorted(named, key=label_size, reverse=operation == "share"))
    if operation in ("lookup", "series") and periods:
        named_two = _two_meant(question, labels, similarity)
        if named_two:  # "las exportaciones totales y las importaciones totales en 2021"
            operation, metrics = "compare", named_two
    ambiguous = tuple(label for label, s in ranked[:3] if s >= score - MEANING_TIE)
    currency_word = match["currency"].lower() if operation == "convert" and match else ""
    return FactQuery(
        operation=operation,
        metrics=metrics,
        periods=periods,
        is_range=bool(RANGE_ES.search(question)),
        currency=CURRENCIES.get(currency_word, ""),
        currency_word=currency_word,
        ambiguous=ambiguous if len(ambiguous) > 1 and len(metrics) == 1 else (),
    )


JOINT_ES = re.compile(r"\s+(?:y|e|frente a|versus|vs\.?|comparad[oa]s? con)\s+", re.I)
"""What joins two figures named side by side in Spanish."""


def _two_meant(
    question: str, labels: Sequence[str], similarity: Callable[[str], dict[str, float]]
) -> tuple[str, str] | None:
    """Two rows meant on either side of "y" ("las exportaciones totales y las importaciones
    totales"), each clearly the closest in meaning to its side; None when a side means no
    row or could mean two ("de Estados Unidos y Canadá")."""
    for joint in JOINT_ES.finditer(question):
        best = []
        for side in (question[: joint.start()], question[joint.end() :]):
            meanings = similarity(side)
            ranked = sorted(labels, key=lambda lb: -meanings.get(lb, 0.0))
            scores = [meanings.get(lb, 0.0) for lb in ranked[:2]]
            if not scores or scores[0] < MEANING_FLOOR:
                break
            if len(scores) > 1 and scores[0] - scores[1] < MEANING_TIE:
                break
            best.append(ranked[0])
        if len(best) == 2 and best[0] != best[1]:
            return best[0], best[1]
    return None


def phrase_similarity(
    labels: Sequence[str],
    label_vectors: Vectors,
    embed_many: Callable[[list[str]], Vectors],
    *,
    longest: int = 5,
) -> Callable[[str], dict[str, float]]:
    """Each label's best similarity to a run of 1 to `longest` words of the question.

    A whole question ("¿Cuáles fueron las exportaciones totales en 2022?") is far from any
    label; its phrase "exportaciones totales" is next to "Total Exports".
    """

    def similarity(question: str) -> dict[str, float]:
        tokens = [w for w in re.findall(r"[^\W\d_]+", question)]
        phrases = list(
            dict.fromkeys(
                " ".join(tokens[i : i + n])
                for n in range(1, longest + 1)
                for i in range(len(tokens) - n + 1)
            )
        )
        if not phrases or len(labels) == 0:
            return {}
        best = (embed_many(phrases) @ label_vectors.T).max(axis=0)
        return {label: float(s) for label, s in zip(labels, best, strict=True)}

    return similarity
