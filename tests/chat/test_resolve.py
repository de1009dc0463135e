from __future__ import annotations

from assistant.chat.resolve import TurnState, resolve, state_of
from assistant.text.names import find_names, is_person

LABELS = ["Coffee Exports", "Tea Exports", "Exports to the United Kingdom", "Exchange rate"]


def turn(question: str, metric: str | None = None, cited: tuple[str, ...] = ()) -> TurnState:
    return state_of(question, metric, cited)


def test_a_first_question_is_its_own_standalone() -> None:
    assert (
        resolve("What were tea exports in 2016?", [], LABELS).standalone
        == "What were tea exports in 2016?"
    )


def test_ellipsis_swaps_the_period() -> None:
    history = [turn("What were tea exports in 2016?", "Tea Exports")]
    assert resolve("And in 2017?", history, LABELS).standalone == "What were tea exports in 2017?"
    assert resolve("and from 2015 to 2017?", history, LABELS).standalone == (
        "What were tea exports from 2015 to 2017?"
    )


def test_ellipsis_swaps_or_refines_the_metric() -> None:
    history = [turn("What were tea exports in 2016?", "Tea Exports")]
    assert resolve("what about coffee exports?", history, LABELS).standalone == (
        "What were Coffee Exports in 2016?"
    )
    assert resolve("and the U.K.?", history, LABELS).standalone == (
        "What were Exports to the United Kingdom in 2016?"
    )


def test_comparison_becomes_a_change_question() -> None:
    history = [turn("What were tea exports in 2017?", "Tea Exports")]
    assert resolve("How does that compare with 2015?", history, LABELS).standalone == (
        "How did Tea Exports change from 2015 to 2017?"
    )


def test_pronouns_take_the_names_of_earlier_turns() -> None:
    history = [turn("Who is Ann Lee?", cited=("Ann Lee, director of Acme Labs, said so.",))]
    assert resolve("Where does she work?", history, LABELS).standalone == "Where does Ann Lee work?"
    assert resolve("What is her role?", history, LABELS).standalone == "What is Ann Lee’s role?"
    orgs = [turn("Which clinics opened?", cited=("Clinica Norte and Clinica Sur opened.",))]
    assert resolve("When did they open?", orgs, LABELS).standalone == (
        "When did Clinica Norte and Clinica Sur open?"
    )


def test_demonstratives_and_ambiguity() -> None:
    history = [
        turn("Which groups invest?", cited=("Grupo Alfa, Hospital Norte and Hospital Sur invest.",))
    ]
    ambiguous = resolve("Where is that hospital?", history, LABELS)
    assert ambiguous.options == ("Hospital Norte", "Hospital Sur")
    assert resolve("Where are those hospitals?", history, LABELS).standalone == (
        "Where are Hospital Norte and Hospital Sur?"
    )


def test_a_new_standalone_question_is_not_polluted() -> None:
    history = [turn("What were tea exports in 2016?", "Tea Exports")]
    assert resolve("Who founded Acme Labs?", history, LABELS).standalone == "Who founded Acme Labs?"


def test_names_and_people() -> None:
    assert find_names("says Ann Lee, General Manager, Acme Lab, to the National Institute of Health (NIH).") == [
        "Ann Lee", "General Manager", "Acme Lab", "National Institute of Health", "NIH",
    ]  # fmt: skip
    assert is_person("Ann Lee") and not is_person("Acme Lab") and not is_person("General Manager")
