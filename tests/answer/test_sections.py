"""A question that names a section gets the section's list, even among many texts that
share its words (the distractor case that cost an answer at 10,000 chunks)."""

from __future__ import annotations

from assistant import Assistant, Settings
from assistant.ingest.build import ingest
from assistant.text.question import Question
from assistant.types import Vectors
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
EACH_ITEM = ["Resources", "- Agencia Federal de Salud", "- Instituto Nacional"]
"""A list answer: its heading, then every item, each cited on its own."""
NOISE = (
    "The exporter MUST release resources it holds; exporters track resources and"
    " other exporters share resources with each exporter in a chain.\n"
)


def test_a_named_section_list_is_found_among_texts_sharing_its_words(
    tmp_settings: Settings,
) -> None:
    # Forty notes in two long files.
    noise = {
        f"noise-{p}.txt": "".join(f"Note {p}-{n}. " + NOISE for n in range(20)) for p in (0, 1)
    }
    assistant = _assistant(tmp_settings, {"omega.txt": BRIEF, **noise})
    answer = assistant.ask("What resources are listed for exporters?")
    assert [c.text for c in answer.citations[:3]] == EACH_ITEM


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
    manuals = {f"manual-{n:02d}.txt": MANUAL.format(n=n) for n in range(40)}
    assistant = _assistant(tmp_settings, {"omega.txt": LONG_BRIEF, **manuals})
    question = "What resources are listed for exporters?"
    headed = assistant.snapshot.retriever._headed({"resourc", "export"}, _vector(question))
    assert [unit.source for unit in assistant.snapshot.passages.units_of(headed)[0]] == [
        "omega.txt"
    ] * 3
    answer = assistant.ask(question)
    assert [c.text for c in answer.citations[:3]] == EACH_ITEM


def test_a_heading_in_a_document_far_from_the_question_is_not_the_section_it_means(
    tmp_settings: Settings,
) -> None:
    """ "Genomics" over a list in three manuals: the question about the genomics market is
    answered from the brief (the 100,000-distractor miss of the golden question)."""
    brief = (
        "Omega health brief.\n"
        "The global genomics market is projected to reach US$94.9 billion by 2034.\n"
    )
    manuals = {
        f"manual-{n}.txt": f"Cloud tool {n}.\nGenomics\n- Defaults to https://g.example/{n}\n- v{n}\n"
        for n in range(3)
    }
    assistant = _assistant(tmp_settings, {"brief.txt": brief, **manuals})
    answer = assistant.ask("What is the global genomics market projected to reach by 2034?")
    assert answer.citations[0].source == "brief.txt"
    assert "US$94.9 billion" in answer.citations[0].text


def _assistant(settings: Settings, files: dict[str, str]) -> Assistant:
    """An assistant over `files` (name: text), indexed with the hashing embedder."""
    for name, text in files.items():
        (settings.corpus_dir / name).write_text(text, encoding="utf-8")
    settings = settings.with_(scorer="blend", abstain_below=0.0)
    ingest(settings, embedder=HashingEmbedder())
    return Assistant.open(settings, embedder=HashingEmbedder())


def _vector(text: str) -> Vectors:
    return HashingEmbedder().encode([text])[0]


def test_a_heading_over_prose_gets_no_precedence(tmp_settings: Settings) -> None:
    brief = "Resources\nOmega keeps its resources in Lima.\nOmega exporters list 12 resources.\n"
    answer = _assistant(tmp_settings, {"omega.txt": brief}).ask(
        "How many resources do Omega exporters list?"
    )
    assert answer.citations[0].text == "Omega exporters list 12 resources."


def test_a_list_answer_cites_every_item_and_its_value_names_them(tmp_settings: Settings) -> None:
    answer = _assistant(tmp_settings, {"omega.txt": BRIEF}).ask("Which events are listed?")
    assert [c.text for c in answer.citations][:2] == ["Events", "- Pump Expo: May 2, 2026. Lima."]
    assert answer.answer.splitlines()[:2] == ["Events [1]", "- Pump Expo: May 2, 2026. Lima [2]."]
    resources = _assistant_again(tmp_settings).ask("What resources are listed for exporters?")
    assert resources.value is not None
    assert resources.value.text == "Agencia Federal de Salud; Instituto Nacional"


def _assistant_again(settings: Settings) -> Assistant:
    return Assistant.open(
        settings.with_(scorer="blend", abstain_below=0.0), embedder=HashingEmbedder()
    )


OPPORTUNITIES = (
    "Norland device market brief\n"
    "Norland buys most of its medical devices abroad, and U.S. firms face long approvals.\n"
    "Opportunities\n"
    "- Supply Chain Diversification: nearshoring to reduce dependency on Asia\n"
    "- Foreign Investment: Norland firms investing in the U.S. health sector\n"
    "- Digital Health Integration: adoption of U.S. platforms for hospital IT\n"
    "Resources\n"
    "- Norland Device Agency\n"
)


def test_a_named_section_answers_although_the_question_names_more(
    tmp_settings: Settings,
) -> None:
    """ "What opportunities does the brief list for U.S. companies?": the whole list under
    "Opportunities", whose items name the U.S., not one item that names it."""
    assistant = _assistant(tmp_settings, {"norland.txt": OPPORTUNITIES})
    answer = assistant.ask("What opportunities does the brief list for U.S. companies?")
    cited = [c.text for c in answer.citations]
    assert cited[:1] == ["Opportunities"], answer.answer
    assert all(any(item in c for c in cited) for item in ("Supply Chain", "Foreign", "Digital"))


LEAD_IN = (
    "# Peru's lab market\n\n"
    "Peru's labs import most of their reagents.\n\n"
    "## Market overview\n\n"
    "Spending on diagnostics in Peru flows through three main channels: hospitals, clinics"
    " and private laboratories.\n\n"
    "## Openings for foreign suppliers\n\n"
    "Industry participants point to several openings:\n\n"
    "- Point-of-care analysers for rural clinics\n"
    "- Reagent-rental partnerships with hospitals\n"
)


def test_a_heading_read_with_its_lead_in_is_named_by_its_own_line(
    tmp_settings: Settings,
) -> None:
    """ "## Openings for foreign suppliers" then "Industry participants point to several
    openings:" over a list: the question names the heading, not the lead-in."""
    assistant = _assistant(tmp_settings, {"peru.md": LEAD_IN})
    asked = "what are the main openings for foreign diagnostics suppliers in peru?"
    candidates = assistant.snapshot.retriever.retrieve(Question.analyse(asked, language="en"))
    assert candidates.sections, "the section the question names is read"
    answer = assistant.ask(asked)
    assert "Point-of-care analysers" in answer.answer, answer.answer
    assert "Reagent-rental partnerships" in answer.answer
