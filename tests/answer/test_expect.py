import pytest

from assistant.answer.expect import can_answer
from assistant.text.question import Question


def analyse(text: str) -> Question:
    return Question.analyse(text, language="en")


@pytest.mark.parametrize(
    ("question", "passage", "answers"),
    [
        ("How many clinics does Beta run?", "Beta runs 12 clinics.", True),
        ("How many clinics does Beta run?", "Beta earned US$12 million in 2020.", False),
        ("How many clinics does Beta run?", "Beta covers 40% of clinics.", False),
        ("What is the population of Xland?", "About 40 percent of the population.", False),
        ("What share of the population is insured?", "About 40 percent of the population.", True),
        ("By how much did sales rise?", "Sales rose 12.5% between 2015 and 2020.", True),
        ("When was the institute founded?", "The institute was founded in 1987.", True),
        ("When was the institute founded?", "The institute works on genomics.", False),
        ("Who is Ann Smith?", "Ann Smith, director of Beta, said so.", True),
        ("Who is the mayor of Xland?", "Xland is a large city.", False),
    ],
)
def test_can_answer(question: str, passage: str, answers: bool) -> None:
    assert can_answer(analyse(question), passage) is answers


def test_a_figure_must_be_of_the_focus_term() -> None:
    question = analyse("How large was the widget market in 2023?")
    assert can_answer(question, "The widget market was US$4 million.", focus=frozenset({"widget"}))
    assert not can_answer(question, "Exports were US$4 million.", focus=frozenset({"widget"}))
