from pathlib import Path

from assistant.retrieve.sparse import SparseRetriever
from assistant.storage.bm25 import build_bm25
from assistant.text.terms import question_terms, terms


def test_bm25_ranks_the_chunk_with_the_rare_terms_first(tmp_path: Path) -> None:
    texts = [
        "Total exports rose to 7.9 billion.",
        "Imports from the United States fell.",
        "Hospitals expand in urban areas.",
    ]
    build_bm25(tmp_path, ["c1", "c2", "c3"], texts)
    sparse = SparseRetriever.load(tmp_path)
    assert [id_ for id_, _ in sparse.search(terms("imports from the United States"), 3)] == ["c2"]
    # One term each: the shorter chunk wins (BM25 length normalisation).
    assert [id_ for id_, _ in sparse.search(terms("exports hospitals"), 3)] == ["c3", "c1"]
    assert sparse.search(terms("weather"), 3) == []
    assert sparse.stats.df["export"] == 1


def test_terms_are_stemmed_without_stopwords_and_keep_numbers() -> None:
    assert terms("What were the total Exports in 2021, US$7.93?") == [
        "total",
        "export",
        "2021",
        "us",
        "7.93",
    ]


def test_question_framing_words_are_dropped() -> None:
    assert question_terms("Which passage mentions the figure of US$1.4 billion?") == [
        "us",
        "1.4",
        "billion",
    ]
