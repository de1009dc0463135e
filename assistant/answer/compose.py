"""Extractive answers: the best evidence quoted verbatim, each quote with its [n] marker."""

from __future__ import annotations

import re

from assistant.answer.abstain import abstention
from assistant.answer.cite import Span, make_citations
from assistant.answer.expect import can_answer, names_all
from assistant.answer.language import Language
from assistant.answer.phrases import say
from assistant.config import Settings
from assistant.ingest.entities import find_names
from assistant.ingest.passages import PassageTable
from assistant.ingest.terms import question_terms, terms
from assistant.retrieve.evidence import Evidence
from assistant.retrieve.hybrid import Retrieval
from assistant.types import Answer, Unit


def compose_answer(
    question: str,
    interpreted_as: str,
    retrieval: Retrieval,
    passages: PassageTable,
    settings: Settings,
    *,
    language: Language = "en",
) -> Answer:
    """Quote the best one to `max_sentences` units, or abstain when they do not answer.

    In another language than English the quotes are framed in it and marked as quotes;
    its scores come from the multilingual encoder, with a threshold of their own.
    """
    focus = retrieval.focus
    usable = [e for e in retrieval.evidence if _can_answer(interpreted_as, e, passages, focus)]
    # A list under a heading the question names ("What resources are listed?") comes first,
    # if retrieval read it as the section meant.
    wanted = set(question_terms(interpreted_as))
    usable.sort(
        key=lambda e: (
            not (e.unit.chunk_id in retrieval.sections and _names_section(e.unit, wanted, passages))
        )
    )
    # A passage that names the people or organisations the question names comes first.
    named = {t for name in find_names(interpreted_as) for t in terms(name)}
    if named:
        usable.sort(key=lambda e: not named <= set(terms(e.unit.searchable)))
    chosen = choose_evidence(usable, settings)
    floor = settings.abstain_below if language == "en" else settings.abstain_below_multilingual
    if not chosen or (
        chosen[0].score < floor and not names_all(interpreted_as, chosen[0].unit.searchable)
    ):
        return abstention(question, interpreted_as, retrieval.evidence, passages, language=language)
    citations = make_citations(_with_context(chosen, passages), passages)
    quote = _quote if language == "en" else _marked_quote
    return Answer(
        question=question,
        interpreted_as=interpreted_as,
        answer=say(language, "quotes") + "\n".join(quote(c.text, c.n) for c in citations),
        kind="passage",
        citations=citations,
        language=language,
    )


def choose_evidence(evidence: list[Evidence], settings: Settings) -> list[Evidence]:
    """The best unit and those close enough to it, best first."""
    if not evidence:
        return []
    # Further sentences must be close to the best, and sentences, items or rows: a lone
    # heading adds nothing to an answer.
    floor = evidence[0].score * settings.sentence_margin
    extra = [e for e in evidence[1:] if e.unit.kind in ("prose", "item", "row")]
    return evidence[:1] + [e for e in extra[: settings.max_sentences - 1] if e.score >= floor]


def _can_answer(
    question: str, evidence: Evidence, passages: PassageTable, focus: frozenset[str]
) -> bool:
    """Whether the unit, with the list a heading introduces, holds the kind of answer asked."""
    unit = evidence.unit
    text = unit.text
    if unit.kind == "heading":
        text = "\n".join([text] + [u.text for u in _list_after(unit, passages)])
    return can_answer(question, text, context=unit.context, focus=focus)


def _names_section(unit: Unit, wanted: set[str], passages: PassageTable) -> bool:
    """Whether `unit` is a heading made only of the question's words, over a list."""
    if unit.kind != "heading":
        return False
    words = set(terms(unit.text))
    return bool(words) and words <= wanted and bool(_list_after(unit, passages))


def _list_after(heading: Unit, passages: PassageTable) -> list[Unit]:
    following = passages.block_units(heading.source, heading.block + 1)
    return following if following and following[0].kind == "item" else []


def _with_context(chosen: list[Evidence], passages: PassageTable) -> list[Span]:
    """Spans to cite: a table row with its caption and header row, a heading with its list."""
    spans: list[Span] = []
    for evidence in chosen:
        unit = evidence.unit
        if unit.kind == "row":
            block = passages.block_units(unit.source, unit.block)
            context = [u for u in block if u.kind == "caption"] + [
                u for u in block if u.kind == "row"
            ][:1]
            spans.extend(_span(u, evidence.score) for u in context if u.id != unit.id)
        if unit.kind == "heading" and (items := _list_after(unit, passages)):
            spans.append(Span(unit.source, unit.start, items[-1].end, evidence.score))
            continue
        spans.append(_span(unit, evidence.score))
    unique: dict[tuple[str, int, int], Span] = {}
    for span in spans:
        unique.setdefault((span.source, span.start, span.end), span)
    return list(unique.values())


def _span(unit: Unit, score: float) -> Span:
    return Span(unit.source, unit.start, unit.end, score)


BRIEF_MARKER = re.compile(r"\[(\d+)\]")


def _marked_quote(text: str, n: int) -> str:
    """The passage inside quotation marks (it stays in its own language), then its marker."""
    shown = BRIEF_MARKER.sub(r"(\1)", text)
    return f"“{shown}” [{n}]"


def _quote(text: str, n: int) -> str:
    """The passage with its marker, placed before a final full stop when there is one.

    A bracketed number of the brief itself (a footnote, or a citation the brief fakes) is
    shown as "(3)": every [n] in an answer is one of the assistant's citations.
    """
    text = BRIEF_MARKER.sub(r"(\1)", text)
    if text.endswith((".", "!", "?")) and not text.endswith("..."):
        return f"{text[:-1]} [{n}]{text[-1]}"
    return f"{text} [{n}]"
