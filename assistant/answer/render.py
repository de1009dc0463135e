"""Answers as readable text (CLI) and Markdown (export)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from assistant.answer.phrases import PhraseKey, say
from assistant.types import Answer, Citation

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")
"""What makes Markdown links, images, HTML, code, emphasis, tables, headings or lists, and
Streamlit's `:color[...]` and `:emoji:` directives: the one escaper serves export and app."""


def render_text(answer: Answer) -> str:
    """The answer, then its sources (or, for an abstention, the related passages)."""
    lines = []
    language = answer.language
    if answer.interpreted_as != answer.question.strip():
        lines.append(say(language, "interpreted", text=answer.interpreted_as))
    lines.append(answer.answer)
    if answer.calculation:
        lines.append(say(language, "calculation", text=answer.calculation))
    if answer.citations:
        lines += ["", "Sources:"] + [_source_line(c) for c in answer.citations]
    if answer.related:
        lines += ["", "Related:"] + [_source_line(c) for c in answer.related]
    return visible("\n".join(lines))


def visible(text: str) -> str:
    """Text safe to print on a terminal: control characters (an escape sequence in a brief)
    shown as their symbols (ESC as ␛), never acted on; line breaks kept."""
    return CONTROL.sub(
        lambda m: chr(0x2400 + ord(m.group())) if m.group() < " " else "\ufffd", text
    )


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written: no link, image, HTML or emphasis is made."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def marked_markdown(answer: Answer) -> str:
    """The answer as Markdown, its short answer (the value: a name, a date, an amount) in
    bold where the answer says it, once; an answer that is only its value is left plain."""
    value = answer.value.text if answer.value and not answer.abstained else ""
    at = answer.answer.find(value) if value else -1
    if at < 0 or len(value) >= len(answer.answer.rstrip(" .[]0123456789")):
        return escape_markdown(answer.answer)
    end = at + len(value)
    before, said, after = answer.answer[:at], answer.answer[at:end], answer.answer[end:]
    return f"{escape_markdown(before)}**{escape_markdown(said)}**{escape_markdown(after)}"


def locator(citation: Citation) -> str:
    """Where a citation is: its document, page (PDF) and character offsets."""
    page = f", page {citation.page}" if citation.page is not None else ""
    return f"{citation.source}{page}, characters {citation.start}-{citation.end}"


def render_markdown(answer: Answer) -> str:
    """One question and answer as Markdown, with its citations as a numbered list."""
    md = escape_markdown
    language = answer.language
    lines = [f"**Q:** {md(answer.question)}", ""]
    if answer.interpreted_as != answer.question.strip():
        lines += [f"*{say(language, 'interpreted', text=md(answer.interpreted_as))}*", ""]
    lines += [marked_markdown(answer).replace("\n", "  \n"), ""]  # its lines stay lines
    if answer.calculation:
        lines += [say(language, "calculation", text=md(answer.calculation)), ""]
    if answer.facts:
        lines += [*_facts_table(answer), ""]
    for c in answer.citations:
        # A quote of several lines (a list, a table row under its header) stays inside its
        # numbered item: a blockquote indented under it, one line per line.
        quoted = [f"   > {md(line)}  " if line.strip() else "   >" for line in c.text.splitlines()]
        quoted[-1:] = [q.rstrip() for q in quoted[-1:]]  # two spaces: a break, not a run-on
        lines += [f"{c.n}. {md(_locator(c))}:", "", *quoted, ""]
    return "\n".join(lines).rstrip() + "\n"


def _facts_table(answer: Answer) -> list[str]:
    """The facts an answer used as a Markdown table, then each table's `Source:` line."""
    md = escape_markdown  # it escapes "|" too: a cell never splits
    rows = ["| Metric | Period | Value | Unit | Estimate | Row |", "|---|---|---:|---|---|---|"]
    for f in answer.facts:
        estimate = "yes" if f.estimate else ""
        cells = (
            md(f.metric),
            md(f.period),
            f"{f.value:g}",
            md(f.unit),
            estimate,
            f"\\[{f.citation}\\]",
        )
        rows.append("| " + " | ".join(cells) + " |")
    provenance = dict.fromkeys(f.provenance for f in answer.facts if f.provenance)
    return [*rows, "", *(md(line) for line in provenance)] if provenance else rows


def _source_line(citation: Citation) -> str:
    return f"  [{citation.n}] {_locator(citation)}\n      {_quoted(citation.text)}"


OPENING_QUOTES = ("“", '"', "«", "‘", "'", "„")


def _quoted(text: str) -> str:
    """The text between quotation marks, unless it opens with one of its own."""
    return text if text.startswith(OPENING_QUOTES) else f"“{text}”"


def _locator(citation: Citation) -> str:
    return f"{citation.title} ({locator(citation)})"


def passage_context(citation: Citation, text: str, *, width: int = 300) -> tuple[str, str]:
    """The text of the paragraph before and after a citation, at most `width` characters
    each, cut between words ("…" where the paragraph goes on)."""
    paragraph = text.rfind("\n", 0, citation.start) + 1
    start = max(paragraph, citation.start - width)
    if start > paragraph:
        start = _word_start(text, start, citation.start)  # not inside a word
    stop = text.find("\n", citation.end)
    stop = len(text) if stop < 0 else stop
    end = min(stop, citation.end + width)
    if end < stop:
        end = _word_end(text, end, citation.end)  # up to the last whole word
    before = ("…" if start > paragraph else "") + text[start : citation.start]
    return before, text[citation.end : end] + ("…" if end < stop else "")


def passage_window(
    text: str, start: int, end: int, *, before: int = 1500, after: int = 3000
) -> tuple[str, str, str]:
    """The text before a passage, the passage, and the text after, to show it in place in a
    long document: from a paragraph's start at most `before` characters up to a paragraph's
    end at most `after` down (else cut between words), "…" where the document goes on."""
    low = max(0, start - before)
    if low > 0:
        paragraph = text.find("\n\n", low, start)
        low = paragraph + 2 if paragraph >= 0 else _word_start(text, low, start)
    high = min(len(text), end + after)
    if high < len(text):
        paragraph = text.rfind("\n\n", end, high)
        high = paragraph if paragraph >= 0 else _word_end(text, high, end)
    head = "…\n\n" if low > 0 else ""
    tail = "\n\n…" if high < len(text) else ""
    return head + text[low:start], text[start:end], text[end:high] + tail


def _word_start(text: str, at: int, limit: int) -> int:
    while at < limit and not text[at - 1].isspace():
        at += 1
    return at


def _word_end(text: str, at: int, limit: int) -> int:
    while at > limit and not text[at].isspace():
        at -= 1
    return at


def citation_link(citation: Citation, base_url: str) -> str:
    """A link that opens the app on the citation's passage, highlighted in its document."""
    query = urlencode({"doc": citation.source, "start": citation.start, "end": citation.end})
    return f"{base_url.split('?')[0]}?{query}"


def render_in_context(citation: Citation, text: str, *, width: int = 300) -> str:
    """The cited passage inside its paragraph, marked »«, under its locator and line."""
    before, after = passage_context(citation, text, width=width)
    line = text.count("\n", 0, citation.start) + 1
    return f"[{citation.n}] {_locator(citation)}, line {line}\n{before}»{citation.text}«{after}"


def answer_label(answer: Answer, key: PhraseKey, text: str) -> str:
    """A label of the answer ("interpreted", "calculation") in the answer's language."""
    return say(answer.language, key, text=text)


def citation_reference(citation: Citation) -> str:
    """A citation in a standard form: title, document, position, quoted text."""
    page = f", p. {citation.page}" if citation.page is not None else ""
    return (
        f"{citation.title}. {citation.source}{page}, characters {citation.start}-{citation.end}."
        f" “{citation.text}”"
    )


def render_conversation(answers: list[Answer]) -> str:
    """A whole conversation as Markdown, each answer with its citations."""
    parts = ["# Conversation with Brief Assistant", ""]
    parts += [render_markdown(a) for a in answers]
    return "\n".join(parts)
