"""Who leads an organisation, asked any usual way ("Who's the head of X?", "Who runs X?"),
is answered with the person a brief names in a role at X, the name marked inside its
cited sentence; a brief that names no one there leaves the question to the passages."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.answer.leaders import asked_organisation, leader_in
from tests.answer.test_figures import briefs_in

BRIEF = (
    "Andean genomics brief\n\n"
    "The Andean Genomics Institute (AGI) sequences 4,000 genomes a year in Quito. "
    "Demand grows fastest in oncology, explains Lucia Paredes Vega, General Director, AGI.\n\n"
    "The Quito Biobank stores samples for the institute. "
    "Dr. Marco Salinas, Head of Sequencing at the Quito Biobank, expects volumes to double.\n\n"
    "The Pacific Device Association (PDA) represents importers of medical devices.\n\n"
    "The National Institute of Cardiology (INCAR) trains surgeons. "
    "Waiting lists are shorter, said Pedro Rojas Soto, General Director, INCAR.\n"
)


@pytest.mark.parametrize(
    ("question", "organisation"),
    [
        ("Who's the head of AGI?", "AGI"),
        ("Who leads the Andean Genomics Institute?", "Andean Genomics Institute"),
        ("who runs the Quito Biobank", "Quito Biobank"),
        ("Who is in charge of the PDA?", "PDA"),
        ("Who is the president of the PDA?", "PDA"),
        ("What does the PDA do?", None),
        ("Who wrote the brief?", None),
    ],
)
def test_the_organisation_a_leadership_question_names(question: str, organisation: str) -> None:
    assert asked_organisation(question) == organisation


def test_the_person_in_a_role_at_the_organisation() -> None:
    sentence = (
        "Demand grows fastest in oncology, explains Lucia Paredes Vega, General Director, AGI."
    )
    assert leader_in(sentence, "AGI") == "Lucia Paredes Vega"
    other = "Dr. Marco Salinas, Head of Sequencing at the Quito Biobank, expects growth."
    assert leader_in(other, "Quito Biobank") == "Marco Salinas"
    assert leader_in(other, "AGI") is None  # not a role at that organisation
    assert leader_in("The PDA represents importers of medical devices.", "PDA") is None


@pytest.fixture(scope="module")
def andean(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return briefs_in(tmp_path_factory.mktemp("andean"), {"andean.md": BRIEF})


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("Who's the head of AGI?", "Lucia Paredes Vega"),
        ("Who leads the Andean Genomics Institute?", "Lucia Paredes Vega"),
        ("Who heads sequencing at the Quito Biobank?", "Marco Salinas"),
        # the name, and the acronym the brief gives it in brackets
        ("Who is the head of the National Institute of Cardiology?", "Pedro Rojas Soto"),
    ],
)
def test_the_leader_is_named_and_cited(andean: Assistant, question: str, person: str) -> None:
    answer = andean.ask(question)
    assert answer.value is not None and answer.value.text == person, answer.answer
    assert person in answer.citations[0].text
    assert answer.kind == "passage"


def test_no_one_named_at_the_organisation_is_not_a_leader(andean: Assistant) -> None:
    answer = andean.ask("Who is the president of the PDA?")
    assert answer.value is None or answer.value.text not in ("Lucia Paredes Vega", "Marco Salinas")
