"""The Markdown export as a reader sees it, rendered by a CommonMark parser: every quote
inside its numbered source (a list quoted item by item, a multi-line quote), the facts
table and the table's `Source:` line kept, no escape characters shown; and the terminal's
sources and context as people read them."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from assistant import Assistant, render_conversation, render_markdown, render_text
from assistant.answer.render import passage_context
from assistant.types import Answer, Citation
from tests.answer.test_figures import briefs_in

BRIEF = (
    "# Clinic market brief\n\n"
    "## Resources for exporters\n\n"
    "- ProMéxico (trade promotion): www.promexico.example\n"
    "- COFEPRIS, the health regulator [sic]\n"
    "- CANIFARMA (pharmaceutical industry chamber)\n\n"
    "## Market\n\n"
    "“In Mexico, clinics grew 4.5% a year*,” the ministry said. Spending was US$1.2 billion.\n\n"
    "Clinic spending (USD billion):\n\n"
    "| Metric | 2021 | 2022 |\n|---|---|---|\n| Clinic spending | 1.1 | 1.2 |\n\n"
    "Source: Ministry of Health, clinic survey (2023)\n"
)


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> tuple[Assistant, Path]:
    root = tmp_path_factory.mktemp("export")
    return briefs_in(root, {"clinics.md": BRIEF}), root / "corpus"


def rendered(markdown: str) -> tuple[str, list[str]]:
    """The HTML a CommonMark reader shows, and its tokens' types."""
    parser = MarkdownIt("commonmark").enable("table")
    return parser.render(markdown), [t.type for t in parser.parse(markdown)]


def test_a_list_quoted_item_by_item_stays_inside_its_numbered_sources(
    brief: tuple[Assistant, Path],
) -> None:
    answer = brief[0].ask("What resources are listed for exporters?")
    assert len(answer.citations) >= 3, answer.answer
    html, tokens = rendered(render_markdown(answer))
    assert sum(t == "ordered_list_open" for t in tokens) == 1  # one list, never restarted
    assert sum(t == "list_item_open" for t in tokens) == len(answer.citations)
    assert "ProMéxico (trade promotion): www.promexico.example" in html
    assert html.split("<ol>")[0].count("<br />") >= 3  # the answer's items, one a line
    assert "\\" not in html  # no escape character shown


def test_a_quote_of_several_lines_keeps_its_lines() -> None:
    lines = "| Metric | 2021 | 2022 |\n| Clinic spending | 1.1 | 1.2 |"
    quote = Citation(1, "clinics.md", "Clinics", 10, 10 + len(lines), lines, 1.0)
    answer = Answer("Q?", "Q?", "Clinic spending [1].", "passage", citations=(quote,))
    html, _ = rendered(render_markdown(answer))
    inside = html.split("<blockquote>")[1].split("</blockquote>")[0]
    assert "| Metric | 2021 | 2022 |<br />" in inside  # a line break, not one run-on line


def test_a_figure_export_keeps_its_facts_and_the_tables_source(
    brief: tuple[Assistant, Path],
) -> None:
    answer = brief[0].ask("How much did clinic spending rise from 2021 to 2022?")
    assert answer.facts, answer.answer
    html, _ = rendered(render_markdown(answer))
    assert "<table>" in html and "<td>Clinic spending</td>" in html and "<td>2022</td>" in html
    assert "Source: Ministry of Health, clinic survey (2023)" in html
    assert "1.2 - 1.1 = 0.1" in html and "\\" not in html


def test_a_conversation_renders_every_answer_without_escapes(
    brief: tuple[Assistant, Path],
) -> None:
    session = brief[0].session()
    answers = [
        session.ask("What resources are listed for exporters?"),
        session.ask("What was clinic spending in 2022?"),
        session.ask("What did the ministry say about clinics?"),
    ]
    html, tokens = rendered(render_conversation(answers))
    assert sum(t == "ordered_list_open" for t in tokens) == 3
    assert "\\" not in html and "[sic]" in html and "4.5% a year*" in html


def test_a_source_starting_with_a_quote_mark_is_not_quoted_twice(
    brief: tuple[Assistant, Path],
) -> None:
    answer = brief[0].ask("What did the ministry say about clinics?")
    text = render_text(answer)
    assert "““" not in text and "“In Mexico" in text, text
    assert "““" not in render_markdown(answer)


def test_context_is_never_cut_inside_a_word(brief: tuple[Assistant, Path]) -> None:
    assistant, _ = brief
    answer = assistant.ask("What did the ministry say about clinics?")
    citation = answer.citations[0]
    text = assistant.source_text(citation.source)
    for width in range(5, 60):
        before, after = passage_context(citation, text, width=width)
        bare_before, bare_after = before.lstrip("…"), after.rstrip("…")
        if bare_before:
            start = citation.start - len(bare_before)
            assert start == 0 or not text[start - 1].isalnum() or not text[start].isalnum()
        if bare_after:
            end = citation.end + len(bare_after)
            assert end == len(text) or not text[end].isalnum() or not text[end - 1].isalnum()
