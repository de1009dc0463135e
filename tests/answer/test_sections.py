"""A question that names a section gets the section's list, even among many texts that
share its words (the distractor case that cost an answer at 10,000 chunks)."""

from __future__ import annotations

from assistant import Assistant, Settings
from assistant.build import ingest
from tests.fakes import HashingEmbedder

BRIEF = (
    "Omega trade brief.\n"
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
    for n in range(40):
        (corpus / f"noise-{n:02d}.txt").write_text(f"Note {n}. " + NOISE, encoding="utf-8")
    settings = tmp_settings.with_(abstain_below=0.0)
    ingest(settings, embedder=HashingEmbedder())
    answer = Assistant.open(settings, embedder=HashingEmbedder()).ask(
        "What resources are listed for exporters?"
    )
    assert answer.citations[0].text == "Resources\n- Agencia Federal de Salud\n- Instituto Nacional"


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
