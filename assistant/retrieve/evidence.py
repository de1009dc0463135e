"""Evidence selection: score the units of the retrieved chunks against the question."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.ingest.embed import Vectors
from assistant.ingest.terms import TermStats, terms
from assistant.types import Unit


@dataclass(frozen=True)
class Evidence:
    """A unit with how well it answers the question."""

    unit: Unit
    score: float
    similarity: float
    """Cosine similarity of the unit's embedding to the question's."""
    coverage: float
    """Share of the question's term weight (idf) that the unit contains."""


def select_evidence(
    question_terms: Sequence[str],
    question_vector: Vectors,
    units: Sequence[Unit],
    vectors: Vectors,
    stats: TermStats,
    *,
    lexical_weight: float,
) -> list[Evidence]:
    """Units ranked by a blend of embedding similarity and idf-weighted term coverage."""
    if not units:
        return []
    similarities = vectors @ question_vector
    wanted = {t: stats.idf(t) for t in set(question_terms)}
    total = sum(wanted.values())
    ranked = []
    for unit, similarity in zip(units, similarities, strict=True):
        if unit.kind == "row" and not _names_row(unit, wanted):
            continue
        present = set(terms(unit.searchable))
        coverage = sum(w for t, w in wanted.items() if t in present) / total if total else 0.0
        score = (1 - lexical_weight) * float(similarity) + lexical_weight * coverage
        ranked.append(Evidence(unit, score, float(similarity), coverage))
    ranked.sort(key=lambda e: (-e.score, e.unit.source, e.unit.start))
    return ranked


def _names_row(unit: Unit, wanted: dict[str, float]) -> bool:
    """A table row can answer only a question that names its label (its first cell)."""
    cells = [cell.strip() for cell in unit.text.strip("|").split("|")]
    label = next((cell for cell in cells if cell), "")
    return bool(set(terms(label)) & set(wanted))
