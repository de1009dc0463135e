"""Summaries: "summarize the brief", "give me an overview", "key points" get an extractive
summary, one central sentence per section in document order, each cited verbatim."""

from __future__ import annotations

import pytest

from assistant import Assistant, Settings
from assistant.answer.summary import asks_summary
from assistant.ingest.build import ingest
from tests.fakes import HashingEmbedder

OMEGA = (
    "# Omega clinics brief\n\n"
    "## Market\n\n"
    "Omega's private clinics grew quickly after 2020. "
    "Private clinics in Omega now serve a third of city patients. "
    "Clinic growth is strongest in the capital.\n\n"
    "## Regulation\n\n"
    "Clinic licences in Omega take eight months to approve. "
    "The licence office reviews clinic staffing and equipment. "
    "Licences must be renewed every five years.\n\n"
    "## Contacts\n\n"
    "Write to the Omega trade desk for clinic introductions.\n"
)
SIGMA = (
    "# Sigma genomics note\n\n"
    "Sigma's genomics institute sequences rare disease genomes. "
    "Genome sequencing in Sigma is paid by the state for children. "
    "The institute shares genome data with two hospitals.\n"
)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Summarize the Omega clinics brief", True),
        ("Can you give me an overview of the briefs?", True),
        ("What are the key points of the genomics note?", True),
        ("Resume el informe de Omega", True),
        ("How long do clinic licences take?", False),
        ("What does the summary table show for 2021?", False),
        ("When did exports resume after the strike?", False),
    ],
)
def test_asks_summary(question: str, asks: bool) -> None:
    assert asks_summary(question) is asks


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    base = tmp_path_factory.mktemp("summary")
    (base / "corpus").mkdir()
    (base / "corpus" / "omega.md").write_text(OMEGA, encoding="utf-8")
    (base / "corpus" / "sigma.md").write_text(SIGMA, encoding="utf-8")
    settings = Settings(corpus_dir=base / "corpus", index_dir=base / "index", multilingual=False)
    embedder = HashingEmbedder()
    ingest(settings, embedder=embedder)
    return Assistant.open(settings, embedder=embedder)


def test_a_named_brief_is_summarised_one_sentence_per_section(assistant: Assistant) -> None:
    answer = assistant.ask("Summarize the Omega clinics brief")
    assert answer.kind == "passage"
    assert {c.source for c in answer.citations} == {"omega.md"}
    assert len(answer.citations) == 3  # Market, Regulation, Contacts
    starts = [c.start for c in answer.citations]
    assert starts == sorted(starts)  # in document order
    text = assistant.source_text("omega.md")
    for citation in answer.citations:
        assert citation.text == text[citation.start : citation.end]
        assert f"[{citation.n}]" in answer.answer
    assert "Omega clinics brief" in answer.answer


def test_an_overview_of_all_briefs_summarises_each(assistant: Assistant) -> None:
    answer = assistant.ask("Give me an overview of the briefs")
    assert {c.source for c in answer.citations} == {"omega.md", "sigma.md"}
    assert "Sigma genomics note" in answer.answer


def test_key_points_of_a_topic_are_not_a_summary_of_the_briefs(assistant: Assistant) -> None:
    answer = assistant.ask("What are the key points of disagreement on licences?")
    assert not answer.answer.startswith("Summary of")


def test_a_question_that_is_not_a_summary_is_answered_as_before(assistant: Assistant) -> None:
    answer = assistant.ask("How long does a clinic licence take to approve in Omega?")
    assert "eight months" in answer.citations[0].text


# What a brief says about a topic: a summary of that, not of the whole brief.


def test_a_summary_about_a_section_topic_quotes_that_section(assistant: Assistant) -> None:
    answer = assistant.ask("Can you summarise what the Omega brief says about regulation?")
    assert answer.kind == "passage"
    assert answer.citations, answer.answer
    text = assistant.source_text("omega.md")
    regulation = text.index("## Regulation"), text.index("## Contacts")
    for citation in answer.citations:
        assert regulation[0] < citation.start < regulation[1], citation.text
        assert citation.text == text[citation.start : citation.end]
    assert len(answer.citations) >= 2  # more than one sentence of the section
    assert "regulation" in answer.answer.splitlines()[0].lower()


def test_a_summary_about_a_topic_quotes_the_sentences_naming_it(assistant: Assistant) -> None:
    answer = assistant.ask("Give me an overview of what the briefs say on data sharing")
    assert [c.text for c in answer.citations] == [
        "The institute shares genome data with two hospitals."
    ], answer.answer


def test_a_summary_about_a_topic_no_brief_names_is_no_summary(assistant: Assistant) -> None:
    answer = assistant.ask("Summarize what the briefs say about tariffs")
    assert answer.abstained
    assert not answer.answer.startswith("Summary of")


@pytest.mark.parametrize(
    "question",
    [
        "Summarize the Omega clinics brief in a few sentences",
        "Give me an overview of the Omega clinics brief",
        "Summarize the brief on Omega clinics",
    ],
)
def test_a_summary_whose_words_name_the_brief_summarises_it_all(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question)
    assert len(answer.citations) == 3, answer.answer  # Market, Regulation, Contacts
