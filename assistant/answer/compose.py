"""Extractive answers: the best evidence quoted verbatim, each quote with its [n] marker."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.answer.abstain import abstention
from assistant.answer.cite import Span, make_citations
from assistant.answer.enumeration import REACH, enumerated, named_in
from assistant.answer.expect import can_answer
from assistant.answer.phrases import say
from assistant.answer.scorer import Evidence, EvidenceScorer, answers
from assistant.answer.settle import names_only_qualifiers
from assistant.answer.shape import Worked, quoted_arithmetic, short_answer
from assistant.config import Settings
from assistant.facts.table import TOTAL_ROW
from assistant.retrieve.hybrid import Candidates
from assistant.storage.passages import PassageTable
from assistant.text.intents import ANNOUNCES_CAUSE, ASKS_CAUSE, CAUSE
from assistant.text.question import Question
from assistant.text.tables import (
    FOOTNOTE_MARK,
    FOOTNOTE_OPENING,
    LIST_ITEM,
    MARKS,
    TableParser,
    clean_label,
    row_label,
)
from assistant.text.terms import terms
from assistant.types import Answer, Citation, Unit, Value


def compose_answer(
    question: Question,
    candidates: Candidates,
    evidence: list[Evidence],
    scorer: EvidenceScorer,
    passages: PassageTable,
    settings: Settings,
    *,
    tables: TableParser,
) -> Answer:
    """Quote the best one to `max_sentences` units, or abstain when they do not answer.

    In another language than English the quotes are framed in it and marked as quotes.
    """
    # A table's caption and a heading over no list name a subject: they answer nothing.
    usable = [
        e
        for e in evidence
        if _stands_alone(e.unit, passages)
        and _can_answer(question, e, passages, candidates.focus, tables)
    ]
    # A list under a heading the question names ("What resources are listed?") comes first,
    # if retrieval read it as the section meant; its items count as the heading's words (a
    # name the question gives, "U.S.", may be in them).
    wanted = set(question.terms)
    named = {
        e.unit.id
        for e in usable
        if e.unit.chunk_id in candidates.sections and _names_section(e.unit, wanted, passages)
    }
    usable = [_with_its_list(e, passages) if e.unit.id in named else e for e in usable]
    usable.sort(key=lambda e: e.unit.id not in named)
    # A passage that names the people or organisations the question names comes first.
    if question.names:
        usable.sort(key=lambda e: not question.names <= set(terms(e.unit.searchable)))
    if ASKS_SAYING.search(question.text):
        # "What did the head of X say about Y?": their words, if a quotation answers at all
        usable.sort(key=lambda e: not (_is_quotation(e.unit) and answers(scorer, question, e)))
    chosen = choose_evidence(usable, settings)
    if not chosen or not answers(scorer, question, chosen[0]):
        return abstention(question, evidence, passages)
    after = _next_in_block(chosen[0].unit, candidates.units)
    chosen = chosen[:1] + [
        e for e in chosen[1:] if e.unit.id == after or answers(scorer, question, e)
    ]
    if note := _footnote_of(chosen[0].unit, passages):
        # a row marked "(1)" with the note under its table: the row and its note answer
        chosen = [chosen[0], replace(chosen[0], unit=note)]
    elif _is_footnote(chosen[0].unit):
        # a note answers with the row it explains, not with the notes of other rows
        chosen = chosen[:1] + [e for e in chosen[1:] if not _is_footnote(e.unit)]
    elif (speaker := _speaker_of(chosen[0].unit, passages)) is not None:
        # a quotation carried on from the sentence that says who spoke: that sentence too
        chosen = [replace(chosen[0], unit=speaker), *[e for e in chosen if e.unit.id != speaker.id]]
    elif ASKS_CAUSE.search(question.text) and not any(CAUSE.search(e.unit.text) for e in chosen):
        # "Why did X rise?" of "X rose by 14%." followed by "The increase was driven by ..."
        cause = _explained_by(chosen[0].unit, passages)
        if cause is not None and all(e.unit.id != cause.id for e in chosen):
            chosen = [chosen[0], replace(chosen[0], unit=cause), *chosen[1:]]
    citations = make_citations(_with_context(chosen, passages, tables), passages)
    quote_as = quote if question.language == "en" else _marked_quote
    best = chosen[0].unit
    first = next(
        (c for c in citations if c.start <= best.start < c.end and c.source == best.source),
        citations[0],
    )
    worked = quoted_arithmetic(question, first.text)
    if worked is not None:  # "the total X in 2019 and 2018" of a sentence giving both
        return _worked_out(question, worked, replace(first, n=1), quote_as)
    return Answer(
        question=question.asked,
        interpreted_as=question.text,
        answer=say(question.language, "quotes")
        + "\n".join(quote_as(c.text, c.n) for c in citations),
        kind="passage",
        citations=citations,
        value=_listed(best, passages, tables) or short_answer(question, first.text),
        language=question.language,
        confidence=scorer.confidence(question, chosen[0]),
    )


def _worked_out(
    question: Question, worked: Worked, cited: Citation, quote: Callable[[str, int], str]
) -> Answer:
    """A sum or average of the figures one quoted sentence gives, with its calculation."""
    text = say(question.language, worked.phrase, formula=worked.formula, result=worked.value.text)
    return Answer(
        question=question.asked,
        interpreted_as=question.text,
        answer=f"{text}\n{quote(cited.text, cited.n)}",
        kind="fact",
        citations=(cited,),
        calculation=worked.formula,
        value=worked.value,
        language=question.language,
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


def _explained_by(unit: Unit, passages: PassageTable) -> Unit | None:
    """The sentence after `unit` in its paragraph, when it gives a cause (`CAUSE`): a report
    states a change, then explains it; or when `unit` says a reason follows ("She explained
    why the rates changed.")."""
    block = passages.block_units(unit.source, unit.block)
    after = next((u for u in block if u.start >= unit.end), None)
    if after is None or after.kind != "prose":
        return None
    if not (CAUSE.search(after.text) or ANNOUNCES_CAUSE.search(unit.text)):
        return None
    return after


NOTE_REACH = 6
"""How many blocks after its table a row's footnote may stand (its lead-in, other notes)."""


def _footnote_of(unit: Unit, passages: PassageTable) -> Unit | None:
    """The footnote that explains a row marked "(1)": the first paragraph after its table,
    before any other table, that opens with the row's mark (a lead-in or another note may
    stand between)."""
    if unit.kind != "row":
        return None
    found = MARKS.search(row_label(unit.text))
    if found is None:
        return None
    marks = re.findall(FOOTNOTE_MARK, found.group())
    for block in range(unit.block + 1, unit.block + 1 + NOTE_REACH):
        units = passages.block_units(unit.source, block)
        if any(u.kind == "row" for u in units):
            return None
        for note in units:
            opening = FOOTNOTE_OPENING.match(note.text)
            if _is_footnote(note) and opening is not None and opening["mark"] in marks:
                return note
    return None


def _is_footnote(unit: Unit) -> bool:
    """Whether the unit opens like a footnote: "(1) Included in ..."."""
    return unit.kind == "prose" and FOOTNOTE_OPENING.match(unit.text) is not None


def _next_in_block(unit: Unit, units: list[Unit]) -> str | None:
    """The id of the unit after `unit` in its paragraph, list or table, if retrieval read
    it (`units` in document order): a unit it did not read is no candidate to quote.

    A further passage is quoted only when it answers too, by the scorer's own rule, or when
    it is this one: it goes on from the best ("The approach can improve ...")."""
    at = next((i for i, u in enumerate(units) if u.id == unit.id), len(units))
    following = units[at + 1] if at + 1 < len(units) else None
    same_block = following is not None and (following.source, following.block) == (
        unit.source,
        unit.block,
    )
    return following.id if following is not None and same_block else None


def _can_answer(
    question: Question,
    evidence: Evidence,
    passages: PassageTable,
    focus: frozenset[str],
    tables: TableParser,
) -> bool:
    """Whether the unit, with the list a heading or the table a sentence introduces, holds
    the kind of answer asked."""
    unit = evidence.unit
    text = unit.text
    english = question.language == "en"
    if unit.kind == "row" and english and names_only_qualifiers(question, row_label(unit.text)):
        return False  # "exports to Chile" of the row "Imports from Chile"
    if unit.kind == "heading":
        text = "\n".join([text] + [u.text for u in _list_after(unit, passages)])
    elif rows := _table_after(unit, passages, tables):
        text = "\n".join([text] + [label for label, _ in rows])
    return can_answer(question, text, context=unit.context, focus=focus)


ITEM_NAME = re.compile(r"^([^:]+?)\s*:\s")


def _enumerated(unit: Unit, passages: PassageTable) -> list[Unit]:
    """The sentences naming the things a sentence announces ("The first is ...")."""
    after = [u for u in passages.block_units(unit.source, unit.block) if u.start > unit.start]
    block = unit.block + 1
    while len(after) < REACH and (more := passages.block_units(unit.source, block)):
        after += more
        block += 1
    return enumerated(unit, after)


BARE_QUOTE = re.compile(r"^[\"“]")
SAID = re.compile(
    r"\b(?:said|says|say|told|added|noted|explained|argued|warned|according to|dijo|afirm[oó])\b",
    re.IGNORECASE,
)
"""How a brief attributes a quotation: "... ," said Dr. Ana Ruiz, director of ..."""


ASKS_SAYING = re.compile(
    r"\bwhat (?:did|does|do|has|have|had) [^?]{1,80}?\b(?:say|said|says|tell|told|think|argue"
    r"|warn|add|note|explain)\b",
    re.IGNORECASE,
)
"""A question asking what someone said ("What did the director say about tenders?")."""


def _is_quotation(unit: Unit) -> bool:
    """A sentence in quotation marks, or one attributing a quotation ("..., said X")."""
    return unit.kind == "prose" and (
        BARE_QUOTE.match(unit.text) is not None
        or (QUOTE_MARK.search(unit.text) is not None and SAID.search(unit.text) is not None)
    )


QUOTE_MARK = re.compile(r"[\"“”]")


def _speaker_of(unit: Unit, passages: PassageTable) -> Unit | None:
    """The sentence that says who spoke, for a quotation that does not (the second sentence
    of a quote: "“Our aim is fewer, larger agreements.”" after "“...,” said Corina Vlad"):
    the sentence before it in its paragraph, when that one attributes a quotation."""
    if unit.kind != "prose" or not BARE_QUOTE.match(unit.text) or SAID.search(unit.text):
        return None
    before = [u for u in passages.block_units(unit.source, unit.block) if u.end <= unit.start]
    if before and BARE_QUOTE.match(before[-1].text) and SAID.search(before[-1].text):
        return before[-1]
    return None


ANNOUNCES_SOME = re.compile(
    r"\b(?:several|various|numerous|multiple|a number of|a few|a series of)\s+"
    r"(?:[\w-]+\s+){0,2}[\w-]+s"
    # what they are behind or for, with no verb after: "several causes behind the growth."
    r"(?:\s+(?:behind|for|of|in|to|driving|affecting|facing)\b"
    r"(?:(?!\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might)\b)[^.:])*)?"
    r"\s*[.:]?\s*$",
    re.IGNORECASE,
)
"""A sentence that announces things it does not count ("Suppliers should weigh several
risks.", "Clinicians point to several causes behind the growth."): the rest of its
paragraph names them."""


def _rest_of_paragraph(unit: Unit, passages: PassageTable) -> list[Unit]:
    """The sentences after one that announces uncounted things, to its paragraph's end."""
    if not ANNOUNCES_SOME.search(unit.text):
        return []
    return [
        u
        for u in passages.block_units(unit.source, unit.block)
        if u.start > unit.start and u.kind == "prose"
    ]


def _listed(best: Unit, passages: PassageTable, tables: TableParser) -> Value | None:
    """A heading's list as the answer's value: each item's name (before a colon, else the
    item), without its bullet, "; " between them. The things a sentence announces, each
    as the sentence naming it names it; the rows of the table a sentence introduces."""
    if best.kind == "prose" and (announced := _enumerated(best, passages)):
        return Value(text="; ".join(named_in(u.text) for u in announced))
    if rows := _table_after(best, passages, tables):
        return Value(text="; ".join(label for label, _ in rows))
    items = _list_after(best, passages) if best.kind == "heading" else []
    if not items:
        return None
    names = []
    for item in items:
        bullet = LIST_ITEM.match(item.text)
        text = (item.text[bullet.end(1) :] if bullet else item.text).strip()
        named = ITEM_NAME.match(text)
        names.append((named.group(1) if named else text).rstrip("."))
    return Value(text="; ".join(names))


def _stands_alone(unit: Unit, passages: PassageTable) -> bool:
    """Whether a unit can be quoted as an answer: not a caption, not a bare heading."""
    if unit.kind == "caption":
        return False
    return unit.kind != "heading" or bool(_list_after(unit, passages))


def _names_section(unit: Unit, wanted: set[str], passages: PassageTable) -> bool:
    """Whether `unit` is a heading made only of the question's words, over a list."""
    if unit.kind != "heading":
        return False
    words = set(terms(unit.own_line))
    return bool(words) and words <= wanted and bool(_list_after(unit, passages))


def _with_its_list(evidence: Evidence, passages: PassageTable) -> Evidence:
    """A section heading whose context also holds its list's items: the names they give
    count as the heading's when names are matched."""
    heading = evidence.unit
    items = "\n".join(u.text for u in _list_after(heading, passages))
    return replace(evidence, unit=replace(heading, context=f"{heading.context}\n{items}"))


LEAD_IN = re.compile(r":\s*$")
"""How a sentence introducing what follows ends: "... allocated as follows:"."""
FOLLOWING = re.compile(r"\b(?:table|following|follows)\b", re.IGNORECASE)
"""A lead-in that announces a table or what follows ("as follows:"), not "are these:"."""


def _table_after(unit: Unit, passages: PassageTable, tables: TableParser) -> list[tuple[str, Unit]]:
    """The rows of the table a sentence introduces, each with its label (footnote marks
    left out), as the table parser reads them: the things the table lists, not its header
    rows or its totals. A short lead-in ("Revenue by segment:") is the table's caption
    and is not quoted alone; this is for a sentence before the table."""
    if unit.kind != "prose" or not LEAD_IN.search(unit.text):
        return []
    block = passages.block_units(unit.source, unit.block + 1)
    if FOLLOWING.search(unit.text) and (not block or block[0].kind in ("prose", "heading")):
        # "... were as follows:" with no table or list after it: a table set apart from
        # its text (a PDF's, a report extract's) is the brief's only table, if it has one
        apart = passages.table_blocks(unit.source)
        block = passages.block_units(unit.source, apart[0]) if len(apart) == 1 else []
    table = tables.parse(block) if block and block[0].kind in ("row", "caption") else None
    if table is None:
        return []
    at = {u.start: u for u in block}
    labels = [(clean_label(row.label.text), at.get(row.start)) for row in table.rows if row.label]
    return [(label, u) for label, u in labels if u is not None and not TOTAL_ROW.match(label)]


def _list_after(heading: Unit, passages: PassageTable) -> list[Unit]:
    """The items of the list right after a heading or a lead-in sentence, if one follows."""
    following = passages.block_units(heading.source, heading.block + 1)
    return following if following and following[0].kind == "item" else []


def _with_context(
    chosen: list[Evidence], passages: PassageTable, tables: TableParser
) -> list[Span]:
    """Spans to cite: a table row with its caption and header row, a heading with its list."""
    spans: list[Span] = []
    for evidence in chosen:
        unit = evidence.unit
        if unit.kind == "row":
            spans.extend(
                Span(unit.source, start, end, evidence.score)
                for start, end in _table_context(unit, passages, tables)
                if (start, end) != (unit.start, unit.end)
            )
        if unit.kind == "heading" and (items := _list_after(unit, passages)):
            # the heading, then every item of its list, each cited on its own
            spans.extend(_span(u, evidence.score) for u in [unit, *items])
            continue
        if rows := _table_after(unit, passages, tables):  # "... as follows:", then its rows
            spans.extend(_span(u, evidence.score) for u in [unit, *(u for _, u in rows)])
            continue
        if (
            unit.kind == "prose"
            and LEAD_IN.search(unit.text)
            and (items := _list_after(unit, passages))
        ):
            # "... typically follows these steps:", then every step, each cited on its own
            spans.extend(_span(u, evidence.score) for u in [unit, *items])
            continue
        spans.append(_span(unit, evidence.score))
        if unit.kind == "prose":  # "three main obstacles": then the sentences naming each
            named = _enumerated(unit, passages) or _rest_of_paragraph(unit, passages)
            spans.extend(_span(u, evidence.score) for u in named)
    unique: dict[tuple[str, int, int], Span] = {}
    for span in spans:
        unique.setdefault((span.source, span.start, span.end), span)
    return list(unique.values())


def _table_context(row: Unit, passages: PassageTable, tables: TableParser) -> list[tuple[int, int]]:
    """The caption and header rows of a row's table, as the table parser reads them (a table
    it cannot read: its captions and first row)."""
    block = passages.block_units(row.source, row.block)
    table = tables.parse(block)
    if table is None:
        captions = [u for u in block if u.kind == "caption"]
        first = [u for u in block if u.kind == "row"][:1]
        return [(u.start, u.end) for u in captions + first]
    spans = [(table.caption.start, table.caption.end)] if table.caption else []
    return spans + [(header.start, header.end) for header in table.header_rows]


def _span(unit: Unit, score: float) -> Span:
    return Span(unit.source, unit.start, unit.end, score)


BRIEF_MARKER = re.compile(r"\[(\d+)\]")


def _marked_quote(text: str, n: int) -> str:
    """The passage inside quotation marks (it stays in its own language), then its marker."""
    shown = BRIEF_MARKER.sub(r"(\1)", text)
    return f"“{shown}” [{n}]"


def quote(text: str, n: int) -> str:
    """The passage with its marker, placed before a final full stop when there is one.

    A bracketed number of the brief itself (a footnote, or a citation the brief fakes) is
    shown as "(3)": every [n] in an answer is one of the assistant's citations.
    """
    text = BRIEF_MARKER.sub(r"(\1)", text)
    if text.endswith((".", "!", "?")) and not text.endswith("..."):
        return f"{text[:-1]} [{n}]{text[-1]}"
    return f"{text} [{n}]"
