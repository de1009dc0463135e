"""Deep links to a citation and the window a long document is opened at: the passage in
the first screen, not some 93,000 px down."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from assistant import Citation, citation_link, passage_window

LONG = "\n\n".join(
    f"Paragraph {n} says something about clinics in region {n}." for n in range(4000)
)


def test_a_link_names_the_document_and_the_passage() -> None:
    citation = Citation(1, "briefs/a b.md", "A", 10, 42, "x" * 32, 1.0)
    link = citation_link(citation, "http://127.0.0.1:8501/?c=abc")
    parts = urlsplit(link)
    assert parts.netloc == "127.0.0.1:8501"
    assert parse_qs(parts.query) == {"doc": ["briefs/a b.md"], "start": ["10"], "end": ["42"]}


def test_a_passage_deep_in_a_long_document_opens_near_the_top() -> None:
    start = LONG.index("Paragraph 3000 says")
    end = LONG.index("\n\n", start)
    before, passage, after = passage_window(LONG, start, end)
    assert passage == LONG[start:end]
    assert len(before) <= 1500 + 3 and len(after) <= 3000 + 3  # a screen or two, not 250 KB
    assert before.startswith("…\n\nParagraph ") and after.endswith("\n\n…")
    assert LONG[start - len(before) + 3 : start] == before[3:]  # verbatim, whole paragraphs


def test_a_short_document_is_shown_whole() -> None:
    text = "One.\n\nTwo is the passage.\n\nThree."
    start = text.index("Two")
    assert passage_window(text, start, start + 3) == (
        "One.\n\n",
        "Two",
        " is the passage.\n\nThree.",
    )
