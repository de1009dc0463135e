"""A question's word the briefs never use is read as the briefs' word of the same family
("expansion" of "expand", "driving" of "driven") or as the briefs' word it misspells
("percieved" of "perceived"); a word with no such relative stays unseen."""

from __future__ import annotations

import pytest

from assistant.text.question import Question
from assistant.text.terms import terms
from assistant.text.vocabulary import Vocabulary

BRIEF = (
    "Retail pharmacy chains continue to expand in Accra, driven by salaried households. "
    "Imported generics are perceived as affordable. The Pharmacy Council licenses every "
    "outlet, and intensive care medicines are bought by hospitals directly."
)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    words = terms(BRIEF)
    return Vocabulary({t: words.count(t) for t in words})


@pytest.mark.parametrize(
    ("asked", "brief"),
    [
        ("expansion", "expand"),  # a noun of the brief's verb
        ("driving", "driven"),  # another form the stemmer leaves apart
        ("licences", "licenses"),  # British spelling
        ("perception", "perceived"),
        ("percieved", "perceived"),  # a typo: two letters swapped
        ("genrics", "generics"),  # a typo: a letter left out
    ],
)
def test_a_relative_of_a_brief_word_is_read_as_it(
    vocabulary: Vocabulary, asked: str, brief: str
) -> None:
    [term] = terms(asked)
    [wanted] = terms(brief)
    assert vocabulary.spelling(term) == wanted


@pytest.mark.parametrize(
    "asked",
    [
        "tariffs",  # no relative in the brief
        "interns",  # shares only "inte" with "intensive"
        "Accra",  # a word the brief uses is itself
        "cost",  # too short to tell a relative from another word
    ],
)
def test_other_words_are_left_as_they_are(vocabulary: Vocabulary, asked: str) -> None:
    [term] = terms(asked)
    assert vocabulary.spelling(term) is None


def test_a_short_word_one_letter_from_a_brief_word_is_another_word() -> None:
    assert Vocabulary({"world": 3}).spelling("would") is None


def test_a_short_word_with_two_letters_swapped_is_a_typo() -> None:
    vocabulary = Vocabulary({"brief": 2, "world": 3})
    assert vocabulary.spelling("breif") == "brief"
    assert vocabulary.spelling("wrold") == "world"
    assert vocabulary.spelling("worle") is None  # a letter changed: another word as often


def test_a_name_is_read_as_a_brief_name_only_when_misspelled() -> None:
    vocabulary = Vocabulary({t: 1 for t in terms("Ministry Melendez")})
    [minister, typo] = terms("Minister Melendex")
    assert vocabulary.spelling(minister, family=False) is None  # Minister is not Ministry
    assert vocabulary.spelling(typo, family=False) == "melendez"
    question = Question.analyse("Who is the Minister of Health?", language="en")
    assert question.spelled(vocabulary).spelling == ()


def test_a_question_reads_its_terms_in_the_briefs_spelling(vocabulary: Vocabulary) -> None:
    question = Question.analyse("What is driving the expansion of pharmacy chains?", language="en")
    spelled = question.spelled(vocabulary)
    assert set(spelled.terms) == set(terms("driven expand pharmacy chains"))
    assert set(spelled.subject) == set(spelled.terms)  # "What is X?" reads X the same way
    assert question.spelled(vocabulary).asked == question.asked  # the user's words are kept
