"""A question worded with other forms of the brief's words, or misspelling them, is
answered from the sentence that says it, as if it used the brief's words; a question
about what the brief never mentions still abstains."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant, Settings

pytestmark = pytest.mark.model

BRIEF = (
    "# Ghana retail pharmacy\n\n"
    "Retail pharmacy chains continue to expand in Accra and Kumasi, driven by salaried "
    "households seeking reliable stock. Imported generics are perceived as affordable but "
    "of uneven quality. The Pharmacy Council licenses every outlet and inspects storage "
    "conditions each year. Independent pharmacies still hold most rural sales, and "
    "intensive care medicines are bought by hospitals directly.\n"
)


@pytest.fixture(scope="module")
def pharmacy(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root: Path = tmp_path_factory.mktemp("pharmacy")
    (root / "corpus").mkdir()
    (root / "corpus" / "ghana.md").write_text(BRIEF, encoding="utf-8")
    return Assistant.open(
        Settings(corpus_dir=root / "corpus", index_dir=root / "index", multilingual=False)
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What is driving the expansion of pharmacy chains?", "salaried households"),
        ("Which organisation issues pharmacy licences?", "Pharmacy Council"),
        ("What is the perception of imported generics?", "affordable"),
        ("How are imported generics percieved?", "affordable"),
    ],
)
def test_other_word_forms_are_answered(pharmacy: Assistant, question: str, said: str) -> None:
    answer = pharmacy.ask(question)
    assert not answer.abstained, answer.answer
    assert said in answer.citations[0].text, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "What tariffs apply to imported generics?",
        "How many interns do pharmacies employ?",
        "How many pharmacists work in Kumasi?",
    ],
)
def test_what_the_brief_never_mentions_still_abstains(pharmacy: Assistant, question: str) -> None:
    assert pharmacy.ask(question).abstained
