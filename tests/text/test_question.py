"""A question is analysed once: its terms, names, periods and the kind of answer it wants."""

import pytest

from assistant.errors import QuestionError
from assistant.text.question import Question, validate_question


def analyse(text: str) -> Question:
    return Question.analyse(text, language="en")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many clinics does Beta run?", "count"),
        ("How much did imports fall?", "amount"),
        # millions of something are an amount, not a count of things
        ("How many million of receivables were sold in 2019?", "amount"),
        ("How many billions of dollars did Beta raise?", "amount"),
        ("What share of patients is insured?", "amount"),
        ("What market share do Chinese brands hold?", "amount"),
        ("What is the agency's registration fee for a class III device?", "amount"),
        ("What was the average price of a dental chair?", "amount"),
        ("What will the agency's dialysis budget be in 2027?", "amount"),
        ("What is the ministry's budget for screening?", "amount"),
        ("What will the budget process look like?", "any"),  # not an amount
        ("What is the tax treatment of leases?", "entity"),  # not an amount
        ("When was the institute founded?", "date"),
        ("In which year did sales peak?", "date"),
        ("deadline for the sterilizer tender?", "date"),
        ("What is the closing date of the tender?", "date"),
        ("Who is Ann Smith?", "entity"),
        ("What is the capital of France?", "entity"),
        ("Why do buyers like widgets?", "any"),
        # a "how much" inside a question that asks who, where or why is not what it asks
        ("Who decides how much clinics are paid for each visit?", "any"),
        ("Where can I see how many units Beta sold?", "any"),
        ("How much did imports fall, and why?", "amount"),
        ("¿Cuántas clínicas tiene Beta?", "count"),
        ("¿Quién es Ann Smith?", "entity"),
    ],
)
def test_expected_kind(question: str, kind: str) -> None:
    assert analyse(question).expected == kind


def test_a_long_subject_is_not_an_entity_question() -> None:
    question = analyse("What is the role of public hospitals in regional genomic testing programs?")
    assert question.expected == "any"
    assert len(question.subject) > 4


def test_the_fields_a_step_reads() -> None:
    question = Question.analyse(
        "And in 2022?", "How much did Acme Lab export in 2021 and 2022?", language="en"
    )
    assert question.asked == "And in 2022?"
    assert question.text == "How much did Acme Lab export in 2021 and 2022?"
    assert question.terms == ("acm", "lab", "export", "2021", "2022")
    assert question.names == {"acm", "lab"}
    assert question.periods == ("2021", "2022")
    assert question.expected == "amount"
    assert not question.relative
    assert analyse("How much did imports fall?").relative


def test_proper_names_skip_the_first_word() -> None:
    assert analyse("Who is Jorge Melendez?").proper_names == {"jorg", "melendez"}
    assert analyse("Who is Jorge Melendez?").names_all("says Jorge Melendez, director")
    assert not analyse("Who is the Minister of Health?").names_all("Health systems improve")
    assert not analyse("what is this?").names_all("anything")


def test_in_language_keeps_everything_else() -> None:
    question = Question.analyse("¿Cuánto exportó Acme?", language="es")
    english = question.in_language("en")
    assert english.language == "en"
    assert (english.terms, english.expected) == (question.terms, question.expected)


@pytest.mark.parametrize(
    ("raw", "message"),
    [("   \u200b ", "empty question"), ("x" * 2001, "question too long (2001 characters")],
)
def test_validation_says_what_is_wrong(raw: str, message: str) -> None:
    with pytest.raises(QuestionError, match=message.replace("(", r"\(")):
        validate_question(raw)


def test_validation_removes_invisible_characters() -> None:
    assert validate_question(" Who\x1b[31m is\u200b  Ann?\n") == "Who[31m is Ann?"


def test_a_fiscal_prefix_and_a_short_month_are_read_plainly() -> None:
    """ "FY2017-FY2019" is the range 2017-2019; "31 Dec 2018" and "Dec 31, 2019" name
    December as a table writes it."""
    assert analyse("Revenue FY2017-FY2019?").text == "Revenue 2017-2019?"
    assert analyse("Cash at 31 Dec 2018 and Dec 31, 2019?").text == (
        "Cash at 31 December 2018 and December 31, 2019?"
    )
    assert analyse("Is the Dec meeting open?").text == "Is the Dec meeting open?"


def test_a_contracted_question_word_is_read_in_full() -> None:
    """ "What's the revenue?" asks an amount as "What is the revenue?" does."""
    assert analyse("What's the revenue of Beta in 2020?").expected == "amount"
    assert analyse("what's the source of the figure?").text == "what is the source of the figure?"
    assert analyse("Who's the CFO?").expected == "entity"
    assert analyse("whats AIMED").text == "what is AIMED"
    assert analyse("Whats the revenue of Beta?").expected == "amount"


def test_accents_do_not_keep_a_name_from_matching() -> None:
    """Users type "Jesus Hernandez" for "Jesús Hernández": the same terms."""
    from assistant.text.terms import terms

    assert terms("Jesús Hernández, genómica") == terms("Jesus Hernandez, genomica")


def test_a_passage_giving_the_figure_a_question_quotes_is_about_it() -> None:
    """ "Where does the 41.4% rise come from?" is about the one sentence giving 41.4%."""
    question = analyse("What is the source for the 41.4% rise in spending?")
    assert question.quotes_figures("Spending rose 41.4% between 2018 and 2024, says INEGI.")
    assert not question.quotes_figures("Spending rose 41% between 2018 and 2024.")
    assert not analyse("What was the rise in 2024?").quotes_figures("It rose 5% in 2024.")
    assert analyse("Where does the US$44.21 billion figure come from?").quotes_figures(
        "valued at US$44.21 billion in 2025"
    )


def test_a_curly_apostrophe_is_a_straight_one() -> None:
    from assistant.text.terms import terms

    assert terms("Mexico’s health system") == terms("Mexico's health system")


def test_a_word_starting_a_later_sentence_is_no_name() -> None:
    # Users give context first: "Roughly" opens the question proper, it names nothing.
    asked = analyse(
        "I'm an exporter looking at Peru. Roughly what share is public? Which Lima body?"
    )
    assert asked.proper_names == {"peru", "lima"}
    # an abbreviation's full stop ends no sentence
    assert "embassi" in analyse("What does the U.S. Embassy offer?").proper_names
    assert "inc" in analyse("Who runs Acme Co. Inc. today?").proper_names
    assert "samsung" in analyse("How does Apple vs. Samsung compare?").proper_names


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What does it cost to exhibit at the fair?", "amount"),
        ("What does a test cost?", "amount"),
        ("What does the brief say about cost overruns?", "any"),
    ],
)
def test_cost_asks_an_amount_only_as_a_verb(question: str, expected: str) -> None:
    assert analyse(question).expected == expected


@pytest.mark.parametrize(
    ("asked", "answered", "decimals"),
    [
        ("Exports in 2021, in USD million?", "Exports in 2021?", None),
        ("growth 2021-2023 (in millions of USD)", "growth 2021-2023", None),
        ("What was the growth? one decimal please", "What was the growth?", 1),
        ("Average of X, rounded to two decimal places", "Average of X", 2),
        ("Average of X to the nearest whole number", "Average of X", 0),
        ("What were exports in 2021 in pesos?", "What were exports in 2021 in pesos?", None),
        ("How much is one decimal?", "How much is one decimal?", None),
    ],
)
def test_a_request_for_how_the_answer_is_written_is_not_asked(
    asked: str, answered: str, decimals: int | None
) -> None:
    question = Question.analyse(asked, language="en")
    assert question.text == answered
    assert question.asked == asked
    assert question.decimals == decimals


@pytest.mark.parametrize(
    ("asked", "answered"),
    [
        ("avrage yearly imports over 2022-2024", "average yearly imports over 2022-2024"),
        ("diffrence betwen 2022 and 2023", "difference between 2022 and 2023"),
        ("what is the chance of approval?", "what is the chance of approval?"),  # a word
    ],
)
def test_a_slip_in_an_operation_word_is_read_as_the_word(asked: str, answered: str) -> None:
    assert Question.analyse(asked, language="en").text == answered


def test_the_author_frames_a_question_as_the_brief_does() -> None:
    # "What does the author expect?" of "We expect imports to grow ...": the brief's writer
    # says "we", never "the author"
    assert "author" not in analyse("What import growth does the author expect?").terms
