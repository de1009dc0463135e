"""A question that names a section gets the section's list, even among many texts that
share its words (the distractor case that cost an answer at 10,000 chunks)."""

from __future__ import annotations

from assistant import Assistant, Settings
from assistant.build import ingest
from assistant.ingest.embed import Vectors
from tests.fakes import HashingEmbedder

BRIEF = (
    "Omega trade brief: what exporters are listed for, and resources for exporters.\n"
    "Omega exporters sell pumps to Chile and exporters in Omega grew in 2024.\n"
    "Resources\n"
    "- Agencia Federal de Salud\n"
    "- Instituto Nacional\n"
    "Events\n"
    "- Pump Expo: May 2, 2026. Lima.\n"
)
NOISE = (
    "The exporter MUST release resources it holds; exporters track resources and"
    " other exporters share resources with each exporter in a chain.\n"
)


def test_a_named_section_list_is_found_among_texts_sharing_its_words(
    tmp_settings: Settings,
) -> None:
    corpus = tmp_settings.corpus_dir
    (corpus / "omega.txt").write_text(BRIEF, encoding="utf-8")
    for part in range(2):  # forty notes in two long files
        notes = "".join(f"Note {part}-{n}. " + NOISE for n in range(20))
        (corpus / f"noise-{part}.txt").write_text(notes, encoding="utf-8")
    settings = tmp_settings.with_(abstain_below=0.0)
    ingest(settings, embedder=HashingEmbedder())
    answer = Assistant.open(settings, embedder=HashingEmbedder()).ask(
        "What resources are listed for exporters?"
    )
    assert answer.citations[0].text == "Resources\n- Agencia Federal de Salud\n- Instituto Nacional"


LONG_BRIEF = (
    "Omega trade brief for exporters.\n"
    + "".join(
        f"Omega exporters listed {n} resources for the pumps they sold to Chile in 20{n:02d}.\n"
        for n in range(10, 22)
    )
    + "Resources\n- Agencia Federal de Salud\n- Instituto Nacional\n"
)
MANUAL = (
    "Cluster manual, part {n}.\n"
    "Export\nSend cluster snapshot {n} to a bucket of the cloud.\n"
    "Resources\n- cluster {n}\n- bucket {n}\n"
)


def test_a_named_section_is_read_in_the_document_nearest_the_question(
    tmp_settings: Settings,
) -> None:
    """Forty manuals with "Export" and "Resources" headings: only the sections of the
    document nearest the question (the brief) are read and preferred."""
    corpus = tmp_settings.corpus_dir
    (corpus / "omega.txt").write_text(LONG_BRIEF, encoding="utf-8")
    for n in range(40):
        (corpus / f"manual-{n:02d}.txt").write_text(MANUAL.format(n=n), encoding="utf-8")
    settings = tmp_settings.with_(abstain_below=0.0)
    ingest(settings, embedder=HashingEmbedder())
    assistant = Assistant.open(settings, embedder=HashingEmbedder())
    question = "What resources are listed for exporters?"
    headed = assistant.retriever._headed({"resourc", "export"}, _vector(question))
    assert [unit.source for unit in assistant.passages.units_of(headed)[0]] == ["omega.txt"] * 3
    answer = assistant.ask(question)
    assert answer.citations[0].text == "Resources\n- Agencia Federal de Salud\n- Instituto Nacional"


def test_a_heading_in_a_document_far_from_the_question_is_not_the_section_it_means(
    tmp_settings: Settings,
) -> None:
    """ "Genomics" over a list in three manuals: the question about the genomics market is
    answered from the brief (the 100,000-distractor miss of the golden question)."""
    corpus = tmp_settings.corpus_dir
    (corpus / "brief.txt").write_text(
        "Omega health brief.\n"
        "The global genomics market is projected to reach US$94.9 billion by 2034.\n",
        encoding="utf-8",
    )
    for n in range(3):
        (corpus / f"manual-{n}.txt").write_text(
            f"Cloud tool {n}.\nGenomics\n- Defaults to https://genomics.example/{n}\n- v{n}\n",
            encoding="utf-8",
        )
    settings = tmp_settings.with_(abstain_below=0.0)
    ingest(settings, embedder=HashingEmbedder())
    answer = Assistant.open(settings, embedder=HashingEmbedder()).ask(
        "What is the global genomics market projected to reach by 2034?"
    )
    assert answer.citations[0].source == "brief.txt"
    assert "US$94.9 billion" in answer.citations[0].text


def _vector(text: str) -> Vectors:
    return HashingEmbedder().encode([text])[0]


def test_a_heading_over_prose_gets_no_precedence(tmp_settings: Settings) -> None:
    (tmp_settings.corpus_dir / "omega.txt").write_text(
        "Resources\nOmega keeps its resources in Lima.\nOmega exporters list 12 resources.\n",
        encoding="utf-8",
    )
    settings = tmp_settings.with_(abstain_below=0.0)
    ingest(settings, embedder=HashingEmbedder())
    answer = Assistant.open(settings, embedder=HashingEmbedder()).ask(
        "How many resources do Omega exporters list?"
    )
    assert answer.citations[0].text == "Omega exporters list 12 resources."
