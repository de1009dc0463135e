"""Who wrote a brief, when it was published and by whom: answered from the text that
states it (the byline, the dateline), cited verbatim; `metadata.json` says what to look
for when it has the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.answer.byline import asks_byline, find_field
from assistant.ingest.build import ingest
from assistant.types import Document
from tests.answer.test_figures import briefs_in
from tests.fakes import HashingEmbedder

CLINICS = (
    "Omega clinics: a market note\n"
    "By Ana Ruiz | Trade Analyst\n"
    "Published March 3, 2024 by the Omega Trade Desk\n"
    "Private clinics in Omega grew quickly after 2020. Licences take eight months.\n"
)
GENOMICS = (
    "Sigma genomics report\n"
    "Carlos Vega, Sigma Health News - 07/15/2023\n"
    "Sigma's genomics institute sequences rare disease genomes.\n"
)
PUMPS = "Pump exports\nOmega pump exports rose in 2023 to 40 million units.\n"
METADATA = {
    "sigma.txt": {"title": "Sigma genomics report", "author": "Carlos Vega", "date": "2023-07-15"},
}


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        ("Who wrote the Omega clinics note?", ("author",)),
        ("Who is the author of the genomics report?", ("author",)),
        ("When was the genomics report published?", ("date",)),
        ("What is the publication date of the clinics note?", ("date",)),
        ("what date was the genomics piece published", ("date",)),
        ("When did the clinics note come out?", ("date",)),
        ("Who published the clinics note?", ("publisher",)),
        ("Who wrote the clinics note and when was it published?", ("author", "date")),
        ("When was the clinics note published, and who wrote it?", ("date", "author")),
        ("what is the author's job title and who does he work for", ("role",)),
        (
            "Which organisation is the author of the clinics note with, and her job title?",
            ("role",),
        ),
        ("what company does the author work at", ("role",)),
        ("when was the brief on clinics publshed?", ("date",)),
        ("who is the auhtor of the clinics note", ("author",)),
        ("Which institute is the author of the note from?", ("role",)),
        ("When were clinic licences introduced?", ()),
        ("Who runs the genomics institute?", ()),
    ],
)
def test_asks_byline(question: str, fields: tuple[str, ...]) -> None:
    assert asks_byline(question) == fields


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    base = tmp_path_factory.mktemp("byline")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "clinics.txt").write_text(CLINICS, encoding="utf-8")
    (corpus / "sigma.txt").write_text(GENOMICS, encoding="utf-8")
    (corpus / "pumps.txt").write_text(PUMPS, encoding="utf-8")
    (corpus / "metadata.json").write_text(json.dumps(METADATA), encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=base / "index", multilingual=False)
    embedder = HashingEmbedder()
    ingest(settings, embedder=embedder)
    return Assistant.open(settings, embedder=embedder)


def test_author_and_date_asked_together_are_both_answered(assistant: Assistant) -> None:
    answer = assistant.ask("Who wrote the Omega clinics note and when was it published?")
    assert answer.kind == "passage", answer.answer
    assert "Ana Ruiz" in answer.answer and "March 3, 2024" in answer.answer
    assert [c.text for c in answer.citations] == [
        "By Ana Ruiz | Trade Analyst",
        "Published March 3, 2024 by the Omega Trade Desk",
    ]
    assert answer.answer.count("[1]") == 1 and answer.answer.count("[2]") == 1


@pytest.mark.parametrize(
    ("question", "said", "cited"),
    [
        ("Who wrote the Omega clinics note?", "Ana Ruiz", "By Ana Ruiz | Trade Analyst"),
        ("When was the clinics note published?", "March 3, 2024", "Published March 3, 2024"),
        ("Who published the clinics note?", "Omega Trade Desk", "by the Omega Trade Desk"),
        ("Who is the author of the genomics report?", "Carlos Vega", "Carlos Vega, Sigma"),
        ("When was the genomics report published?", "07/15/2023", "07/15/2023"),
    ],
)
def test_a_byline_question_is_answered_from_the_text_that_states_it(
    assistant: Assistant, question: str, said: str, cited: str
) -> None:
    answer = assistant.ask(question)
    assert answer.kind == "passage", answer.answer
    assert said in answer.answer
    assert answer.value is not None and said in answer.value.text
    (citation,) = answer.citations
    assert cited in citation.text
    text = assistant.source_text(citation.source)
    assert citation.text == text[citation.start : citation.end]


@pytest.mark.parametrize(
    "question", ["When were the new licences issued?", "Who issued the export ban?"]
)
def test_a_question_about_what_a_brief_says_is_not_about_the_brief(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert "March 3, 2024" not in answer.answer and "Omega Trade Desk" not in answer.answer


def test_a_metadata_value_is_found_as_whole_words() -> None:
    document = Document(
        source="a.txt",
        text="İSTANBUL DESK\nReport by Anaïs Roy and Ana Roy\n13/3/2024 and 3/3/2024\n",
        title="A",
        sha256="",
        metadata=(("author", "Ana Roy"), ("date", "2024-03-03")),
    )
    start, end = find_field(document, "author") or (0, 0)
    assert document.text[start:end] == "Ana Roy"
    start, end = find_field(document, "date") or (0, 0)
    assert (start, document.text[start:end]) == (document.text.index(" 3/3") + 1, "3/3/2024")


def test_a_brief_that_states_no_author_is_not_given_one(assistant: Assistant) -> None:
    answer = assistant.ask("Who wrote the pump exports note?")
    assert "Ana Ruiz" not in answer.answer and "Carlos Vega" not in answer.answer


@pytest.mark.parametrize("question", ["Who wrote this breif?", "who is the author of the reprot"])
def test_a_misspelt_brief_is_still_the_brief(tmp_path: Path, question: str) -> None:
    brief = (
        "# Dental imaging in Peru\n\nBy Rosa Quispe, Market Analyst\n\n"
        "Peru's clinics are replacing film with digital sensors.\n"
    )
    answer = briefs_in(tmp_path, {"peru.md": brief}).ask(question)
    assert "Rosa Quispe" in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "What is the author's job title?",
        "who does the author work for",
        "Which organisation is the author of the dental note with, and what's her job title",
    ],
)
def test_the_author_s_role_is_what_the_byline_says_after_the_name(
    tmp_path: Path, question: str
) -> None:
    brief = (
        "# Dental imaging in Peru\n\nBy Rosa Quispe, Market Analyst, Lima Trade Desk\n\n"
        "Peru's clinics are replacing film with digital sensors.\n"
    )
    answer = briefs_in(tmp_path, {"peru.md": brief}).ask(question)
    assert "Market Analyst, Lima Trade Desk" in answer.answer, answer.answer
    (citation,) = answer.citations
    assert citation.text == "By Rosa Quispe, Market Analyst, Lima Trade Desk"
