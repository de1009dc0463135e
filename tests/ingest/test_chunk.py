from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.ingest.chunk import split_into_chunks, split_into_units
from assistant.ingest.load import iter_documents
from assistant.types import Document
from tests.conftest import CORPUS

BRIEF = (
    "Annual Report\n"
    "Widget sales rose sharply. Prices fell by 3% in 2019.\n"
    "Table: Widget output (tonnes)\n"
    "| | 2019 | 2020 |\n"
    "| Widgets | 4.5 | 5.1 |\n"
    "Source: Ministry of Widgets\n"
    "- first item\n"
    "- second item\n"
)


def document(text: str, source: str = "brief.txt") -> Document:
    return Document(source=source, text=text, title="T", sha256="0" * 64)


def test_units_have_exact_kinds_and_spans() -> None:
    units = [(BRIEF[u.start : u.end], u.kind, u.block) for u in split_into_units(BRIEF)]
    assert units == [
        ("Annual Report", "heading", 0),
        ("Widget sales rose sharply.", "prose", 1),
        ("Prices fell by 3% in 2019.", "prose", 1),
        ("Table: Widget output (tonnes)", "caption", 2),
        ("| | 2019 | 2020 |", "row", 2),
        ("| Widgets | 4.5 | 5.1 |", "row", 2),
        ("Source: Ministry of Widgets", "note", 2),
        ("- first item", "item", 3),
        ("- second item", "item", 3),
    ]


def test_a_table_is_never_split_even_when_larger_than_a_chunk() -> None:
    chunks = split_into_chunks(document(BRIEF), chunk_size=40)
    tables = [c for c in chunks if any(u.kind == "row" for u in c.units)]
    assert len(tables) == 1
    assert [u.kind for u in tables[0].units] == ["caption", "row", "row", "note"]


def test_chunks_respect_the_size_between_sentences() -> None:
    chunks = split_into_chunks(document(BRIEF), chunk_size=60)
    assert [c.text for c in chunks][:2] == [
        "Annual Report\nWidget sales rose sharply.",
        "Prices fell by 3% in 2019.",
    ]


def test_rows_carry_caption_and_header_as_context() -> None:
    chunks = split_into_chunks(document(BRIEF), chunk_size=630)
    row = next(u for c in chunks for u in c.units if u.text.startswith("| Widgets"))
    assert row.context == "T\nAnnual Report\nTable: Widget output (tonnes)\n| | 2019 | 2020 |"


def test_every_chunk_and_unit_of_the_corpus_is_verbatim() -> None:
    for path, doc in iter_documents(CORPUS):
        assert isinstance(doc, Document), path
        assert doc.text == Path(path).read_bytes().decode("utf-8")
        chunks = split_into_chunks(doc, chunk_size=630)
        assert chunks
        for chunk in chunks:
            assert chunk.text == doc.text[chunk.start : chunk.end]
            for unit in chunk.units:
                assert unit.text == doc.text[unit.start : unit.end]
                assert chunk.start <= unit.start < unit.end <= chunk.end


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_offsets_stay_verbatim_for_arbitrary_text(text: str) -> None:
    chunks = split_into_chunks(document(text), chunk_size=80)
    previous_end = 0
    for chunk in chunks:
        assert chunk.text == text[chunk.start : chunk.end]
        assert chunk.start >= previous_end
        previous_end = chunk.end
        for unit in chunk.units:
            assert unit.text == text[unit.start : unit.end]
            assert unit.text.strip() == unit.text != ""


def test_hard_wrapped_lines_join_into_sentences() -> None:
    text = (
        "NAME\n"
        "The tool reads a configuration file from the directory given by the\n"
        "environment and writes a report. It stops\n"
        "when done.\n"
        "\n"
        "Short heading\n"
        "- an item that is long enough to be wrapped by the formatter at some\n"
        "Next Heading\n"
    )
    units = [(text[u.start : u.end], u.kind) for u in split_into_units(text)]
    assert units == [
        ("NAME", "heading"),
        (
            "The tool reads a configuration file from the directory given by the\n"
            "environment and writes a report.",
            "prose",
        ),
        ("It stops\nwhen done.", "prose"),
        ("Short heading", "heading"),
        ("- an item that is long enough to be wrapped by the formatter at some", "item"),
        ("Next Heading", "heading"),
    ]


def test_tables_one_after_another_are_separate_blocks() -> None:
    text = (
        "| | 2019 |\n|---|---|\n| Sales | 1 |\n\n"  # a blank line ends a Markdown table
        "| | 2018 |\n|---|---|\n| Costs | 2 |\n"
        "Costs by region (in millions):\n"  # a caption opens the next one
        "| | 2017 |\n|---|---|\n| Canada | 3 |\n"
        "Source: statistics office\n"
    )
    blocks = [(u.kind, u.block) for u in split_into_units(text)]
    first, second, third = (blocks[0][1], blocks[3][1], blocks[6][1])
    assert len({first, second, third}) == 3
    assert blocks[6] == ("caption", third) and blocks[-1] == ("note", third)


def test_a_sentence_with_lettered_parts_is_one_sentence() -> None:
    # The segmenter cuts before "(a)" and "(b)": a piece that ends without a full stop
    # goes on into the next.
    text = (
        "The results have been divided into (a) our interests in two listed subsidiaries"
        " and (b) the parent company. Segments follow.\n"
    )
    quoted = [text[s.start : s.end] for s in split_into_units(text)]
    assert quoted == [
        "The results have been divided into (a) our interests in two listed subsidiaries"
        " and (b) the parent company.",
        "Segments follow.",
    ]
