import pytest

from assistant.answer.expect import can_answer, expected_kind, names_all, proper_names


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many clinics does Beta run?", "count"),
        ("How much did imports fall?", "amount"),
        ("What share of patients is insured?", "amount"),
        ("When was the institute founded?", "date"),
        ("In which year did sales peak?", "date"),
        ("Who is Ann Smith?", "entity"),
        ("What is the capital of France?", "entity"),
        ("Why do buyers like widgets?", "any"),
    ],
)
def test_expected_kind(question: str, kind: str) -> None:
    assert expected_kind(question) == kind


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
    assert can_answer(question, passage) is answers


def test_a_figure_must_be_of_the_focus_term() -> None:
    question = "How large was the widget market in 2023?"
    assert can_answer(question, "The widget market was US$4 million.", focus=frozenset({"widget"}))
    assert not can_answer(question, "Exports were US$4 million.", focus=frozenset({"widget"}))


def test_proper_names_skip_the_first_word() -> None:
    assert proper_names("Who is Jorge Melendez?") == {"jorg", "melendez"}
    assert names_all("Who is Jorge Melendez?", "says Jorge Melendez, director")
    assert not names_all("Who is the Minister of Health?", "Health systems improve")
    assert not names_all("what is this?", "anything")
