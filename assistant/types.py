"""The typed values that cross module boundaries (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

UnitKind = Literal["prose", "heading", "item", "row", "caption", "note"]
AnswerKind = Literal["fact", "passage", "abstain"]
Vectors = npt.NDArray[np.float32]
"""Rows of unit-length float32 embeddings."""
Language = Literal["en", "es"]
"""Languages a question can be asked in (passages are quoted in their own)."""


@dataclass(frozen=True)
class Document:
    """One brief as text: verbatim for .txt/.md, extracted for .html/.pdf/.csv/.tsv/.xlsx."""

    source: str
    """Path relative to the corpus folder, with forward slashes."""
    text: str
    title: str
    sha256: str
    """Hash of the file's bytes; the manifest compares it to decide what to re-ingest."""
    extracted: bool = False
    """True when `text` was extracted (html, pdf) and so is kept in the index."""
    page_starts: tuple[int, ...] = ()
    """Offset in `text` where each PDF page starts; empty for other formats."""
    metadata: tuple[tuple[str, str], ...] = ()
    """Title, author, publisher, date: what `metadata.json` states for this file."""

    def page_at(self, offset: int) -> int | None:
        """1-based PDF page holding `offset`, or None for other formats."""
        if not self.page_starts:
            return None
        return sum(1 for start in self.page_starts if start <= offset) or 1


@dataclass(frozen=True)
class Unit:
    """The smallest quotable passage: a sentence, a heading, a list item or a table row."""

    id: str
    chunk_id: str
    source: str
    start: int
    end: int
    text: str
    kind: UnitKind
    block: int
    """Units of one table, list or paragraph share a block number."""
    context: str = ""
    """Where the unit stands (document title, section heading, table caption and header);
    its terms count as the unit's, so a row or list item is found by its heading."""

    @property
    def searchable(self) -> str:
        """The text the unit is term-matched as: its context and itself."""
        return f"{self.context}\n{self.text}" if self.context else self.text

    @property
    def own_line(self) -> str:
        """Its first line: a heading without the lead-in read with it ("... openings:")."""
        return self.text.split("\n", 1)[0]


@dataclass(frozen=True)
class Chunk:
    """A retrieval unit: consecutive units of one document, with offsets into its text."""

    id: str
    source: str
    title: str
    start: int
    end: int
    text: str
    units: tuple[Unit, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Citation:
    """A verbatim passage: `text == document text[start:end]`."""

    n: int
    source: str
    title: str
    start: int
    end: int
    text: str
    score: float
    page: int | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Citation:
        return cls(**{k: data[k] for k in data if k in CITATION_FIELDS})

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "n": self.n,
            "source": self.source,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(self.score, 4),
        }
        if self.page is not None:
            data["page"] = self.page
        return data


CITATION_FIELDS = frozenset(("n", "source", "title", "start", "end", "text", "score", "page"))


@dataclass(frozen=True)
class FactRecord:
    """A figure as stored at ingest: what it measures, its value and where it is written."""

    source: str
    metric: str
    """Row label or the noun phrase a sentence gives the figure ("Total Exports")."""
    subject: str
    """Who or what it is about, when the sentence says ("Mexico"); for a table cell, what the
    header says over the label column ("Revenue by country"), or empty."""
    period: str
    """"2021", "2018-2024", or empty when none is stated."""
    value: float
    unit: str
    """For people: "USD billions", "%", "per USD", "rank"."""
    currency: str
    scale: str
    qualifier: str
    """"approximately", "more than", "could exceed", "projected", ... or empty."""
    estimate: bool
    kind: Literal["table", "prose"]
    start: int
    """Span of the number as written (the cell, or the figure in the sentence)."""
    end: int
    passage_start: int
    """Span of the passage to cite: the table row's exact text, or the sentence."""
    passage_end: int
    header_start: int = -1
    """Span of the table's header row (the periods), -1 for prose."""
    header_end: int = -1
    caption_start: int = -1
    """Span of the table's caption (the unit), -1 when there is none."""
    caption_end: int = -1
    provenance: str = ""
    """The table's `Source:` line."""


@dataclass(frozen=True)
class Fact:
    """One figure from a table cell or a sentence, with the citation it comes from."""

    metric: str
    period: str
    value: float
    unit: str
    estimate: bool
    citation: int
    provenance: str = ""
    """Where the table says its figures come from (its `Source:` line), if it says."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "period": self.period,
            "value": self.value,
            "unit": self.unit,
            "estimate": self.estimate,
            "citation": self.citation,
            "provenance": self.provenance,
        }


@dataclass(frozen=True)
class Value:
    """The answer itself, for programs: a figure with its scale and unit, or a span's text.

    A figure answer's `number` is the looked-up or computed figure in the scale its cells are
    written in (`7.93`, scale "billion", unit "USD"; a percentage has unit "%"), and `text`
    is how the answer writes it ("US$7.93 billion"). A span answer (the period a "which year"
    question asks for) or several figures (a series: "7.38; 7.93", with their scale and unit)
    have no number, only `text`, items separated by "; ".
    """

    number: float | None = None
    scale: str = ""
    unit: str = ""
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "scale": self.scale, "unit": self.unit, "text": self.text}


@dataclass(frozen=True)
class Answer:
    """What the assistant says to one question; `to_dict()` is the JSON contract."""

    question: str
    interpreted_as: str
    answer: str
    kind: AnswerKind
    citations: tuple[Citation, ...] = ()
    facts: tuple[Fact, ...] = ()
    calculation: str | None = None
    related: tuple[Citation, ...] = ()
    value: Value | None = None
    """The figure or span the answer gives, for programs; None for quoted passages."""
    language: Language = "en"
    """The question's language: the answer's own words are in it."""
    searched: tuple[str, ...] = ()
    """The briefs (source names) the answer was looked for in."""
    confidence: float | None = field(default=None, compare=False)
    """For a passage answer, the evidence scorer's confidence in its best quote (what
    calibration sweeps the threshold over); not part of the JSON contract."""

    @property
    def abstained(self) -> bool:
        return self.kind == "abstain"

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, language: Language = "en") -> Answer:
        """The answer `to_dict()` wrote (its `language` is not in the contract: give it)."""
        value = data.get("value")
        return cls(
            question=data["question"],
            interpreted_as=data["interpreted_as"],
            answer=data["answer"],
            kind=data["kind"],
            citations=tuple(Citation.from_dict(c) for c in data.get("citations", ())),
            facts=tuple(Fact(**f) for f in data.get("facts", ())),
            calculation=data.get("calculation"),
            related=tuple(Citation.from_dict(c) for c in data.get("related", ())),
            value=Value(**value) if value else None,
            language=language,
            searched=tuple(data.get("searched", ())),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "interpreted_as": self.interpreted_as,
            "answer": self.answer,
            "abstained": self.abstained,
            "kind": self.kind,
            "citations": [c.to_dict() for c in self.citations],
            "facts": [f.to_dict() for f in self.facts],
            "calculation": self.calculation,
            "value": self.value.to_dict() if self.value else None,
            "related": [c.to_dict() for c in self.related],
            "searched": list(self.searched),
        }
