from __future__ import annotations

from assistant.facts.extract import extract_facts
from assistant.ingest.chunk import split_into_chunks
from assistant.suggest import starter_questions
from assistant.types import Document

BRIEF = (
    "Coffee in Kenya\n"
    "Exports grew to US$3.5 billion in 2019, says Ann Lee, Director, Coffee Board.\n"
    "Table: Trade (USD Billions)\n"
    "| | 2018 | 2019 |\n"
    "| Coffee Exports | 3.1 | 3.5 |\n"
    "Events\n"
    "- Nairobi Coffee Fair, May 2026\n"
)


def test_starters_come_from_the_corpus_for_each_kind_of_user() -> None:
    doc = Document("k.txt", BRIEF, "K", "2" * 64)
    units = [u for c in split_into_chunks(doc, chunk_size=630) for u in c.units]
    headings = [(u, u.text == "Events") for u in units if u.kind == "heading"]
    sentences = [u.text for u in units if u.kind == "prose"]
    starters = starter_questions(extract_facts(units), headings, sentences)
    assert starters["Exporter"] == [
        "How did Coffee Exports change from 2018 to 2019?",
        "What were Coffee Exports in 2019?",
        "What does the brief list under “Events”?",
    ]
    assert starters["Panel attendee"] == ["Who is Ann Lee?"]  # "Coffee Board": too short a name
    assert starters["Citation check"] == ["Where does the US$3.5 billion figure come from?"]


def test_organisation_starters_use_whole_names_and_never_repeat_one() -> None:
    sentences = [
        "Public care is given by the National Health Care Institute (NHCI), the Institute"
        " for Health Care and Services for Civil Servants (IHCSCS), and the National"
        " Institute of Health Care in rural areas.",
        "The Coffee Growers Federation of Kenya met the Kenya Coffee Growers Federation.",
    ]
    questions = starter_questions([], [], sentences)["Panel attendee"]
    named = [q.removeprefix("What do the briefs say about ").rstrip("?") for q in questions]
    assert "Institute for Health Care" not in named  # cut from a longer name
    assert "Services for Civil Servants" not in named
    assert named[0] == "National Health Care Institute"
    assert "National Institute of Health Care" not in named  # the same words as the first
