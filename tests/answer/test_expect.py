from collections import Counter

import pytest

from assistant.answer.expect import can_answer
from assistant.text.question import Question
from assistant.text.terms import terms
from assistant.text.vocabulary import Vocabulary


def analyse(text: str) -> Question:
    return Question.analyse(text, language="en")


@pytest.mark.parametrize(
    ("question", "passage", "answers"),
    [
        ("How many clinics does Beta run?", "Beta runs 12 clinics.", True),
        ("How many clinics does Beta run?", "Beta earned US$12 million in 2020.", False),
        ("How many clinics does Beta run?", "Beta covers 40% of clinics.", False),
        # the days of a date are not a count
        (
            "How many doctors does Xland have?",
            "- World Health Expo: June 17-19, 2026. Miami.",
            False,
        ),
        ("How many doctors does Xland have?", "Xland had 2,400 doctors on 3 May 2024.", True),
        # money asked is not answered by a count
        (
            "What is the budget of the Beta Access Programme?",
            "The Beta Access Programme aims to equip 1,200 health facilities by 2027.",
            False,
        ),
        (
            "What is the budget of the Beta Access Programme?",
            "The Beta Access Programme has a budget of KES 4.2 billion.",
            True,
        ),
        ("How much did Beta spend on reagents?", "Beta spent 12 million on reagents.", True),
        ("How much did Beta spend on reagents?", "Beta spent $12,000 on reagents.", True),
        # nor are they when the range is written out
        (
            "How much does a ticket to the Beta Fair cost?",
            "The Beta Fair will take place from 17 to 19 September 2025 in Lima.",
            False,
        ),
        (
            "How much does a ticket to the Beta Fair cost?",
            "The Beta Fair runs September 17 through 19, 2025; a ticket costs US$40.",
            True,
        ),
        (
            "What does it cost to exhibit at the Beta Fair?",
            "- Beta Fair: June 17-19, 2026. Lima.",
            False,
        ),
        ("How many markets does Beta serve?", "Beta serves 12 markets across 3 decades.", True),
        # the number must count what is asked
        (
            "How many accredited laboratories are there in Xland?",
            "Registration in Xland typically takes 9 to 14 months.",
            False,
        ),
        (
            "How many HIV tests are done in Xland each year?",
            "Registration takes 9 to 14 months, and tests such as HIV assays need evaluation.",
            False,
        ),
        (
            "How many genomes had the consortium completed?",
            "It had completed 3,850 whole genomes.",
            True,
        ),
        ("How many shares PSUs granted in 2016?", "In 2016, we granted 547,000 PSUs.", True),
        ("What is the budget of Beta?", "Beta treats 1.2 million patients a year.", False),
        ("What is the budget of Beta?", "Beta's budget is 1.2 million pesos.", True),
        ("What is the budget of Beta?", "Beta's budget is 3.5BN a year.", True),
        # a count may leave its noun unsaid, or name it another way; a length of time is no
        # count of what is asked
        ("How many people died in Xland?", "Figures stated that 6,197 were confirmed dead.", True),
        ("About how many times did Ann perform in public?", "She gave some 30 performances.", True),
        ("How many clinics does Beta run?", "Opening a clinic takes 3 months.", False),
        ("How many months does registration take?", "Registration takes 3 months.", True),
        ("How many laboratories does Beta build?", "Beta builds 40 laboratories a year.", True),
        ("How many clinics does Beta run?", "Beta is one of the largest operators.", False),
        (
            "How many cash dividends were declared in 2019?",
            "In 2019, the Board declared four cash dividends of $0.40 per share each.",
            True,
        ),
        ("What is the population of Xland?", "About 40 percent of the population.", False),
        ("What share of the population is insured?", "About 40 percent of the population.", True),
        ("By how much did sales rise?", "Sales rose 12.5% between 2015 and 2020.", True),
        ("When was the institute founded?", "The institute was founded in 1987.", True),
        ("When was the institute founded?", "The institute works on genomics.", False),
        (
            "When is goodwill considered impaired?",
            "Goodwill is impaired if its carrying value exceeds its recoverable amount.",
            True,
        ),
        (
            "When was goodwill considered impaired?",
            "Goodwill is impaired if its carrying value exceeds its recoverable amount.",
            False,
        ),
        ("Who is Ann Smith?", "Ann Smith, director of Beta, said so.", True),
        ("Who is the mayor of Xland?", "Xland is a large city.", False),
        # a superlative names the subject whichever synonym the passage uses
        ("Who is Beta's biggest customer?", "Beta's largest customer is Acme.", True),
        ("Who is Beta's biggest customer?", "Beta's customers include Acme.", False),
        # a figure of other years does not answer a year asked
        (
            "What was the market worth in 2023?",
            "The market is projected to grow from US$44 billion in 2025 to US$175 billion by 2034.",
            False,
        ),
        (
            "What was the market worth in 2023?",
            "The market was worth US$480 million in 2023.",
            True,
        ),
        ("How much was the market worth in 2023?", "The market was worth US$480 million.", True),
        (
            "How much did costs rise from 2018 to 2024?",
            "Costs rose 41.4% between 2018 and 2024.",
            True,
        ),
        # a date must say more than the year the question gives ("the 2026 forum")
        (
            "When is the Coastal Health Forum 2026 taking place?",
            "Hospital financing will be discussed at the Coastal Health Forum 2026.",
            False,
        ),
        (
            "When is the Coastal Health Forum 2026 taking place?",
            "The Coastal Health Forum 2026 takes place in Lima in May 2026.",
            True,
        ),
        ("When was the 2019 audit completed?", "The 2019 audit was completed in 2020.", True),
        ("When was the 2019 audit completed?", "The 2019 audit found no errors.", False),
        (
            "How many million of trade receivables were sold without recourse in 2019?",
            "In 2019, $75 million of trade receivables were sold without recourse.",
            True,
        ),
        # of years the question offers to choose from, one is the answer
        (
            "In which year was revenue higher, 2018 or 2019?",
            "Revenue was higher in 2019 than in 2018.",
            True,
        ),
    ],
)
def test_can_answer(question: str, passage: str, answers: bool) -> None:
    assert can_answer(analyse(question), passage) is answers


def test_a_figure_must_be_of_the_focus_term() -> None:
    question = analyse("How large was the widget market in 2023?")
    assert can_answer(question, "The widget market was US$4 million.", focus=frozenset({"widget"}))
    assert not can_answer(question, "Exports were US$4 million.", focus=frozenset({"widget"}))


def test_words_naming_the_operation_are_not_what_the_figure_must_be_of() -> None:
    """ "the percentage decrease in NAV": NAV is what the figure is of; "percentage" and
    "decrease" say what was done to it (the sentence says "declined by 26.1%")."""
    question = analyse("What was the percentage decrease in NAV in 2019?")
    focus = frozenset(terms("percentage decrease NAV"))
    declined = "For 2019, NAV did not meet the hurdle rate, and declined by 26.1%."
    assert can_answer(question, declined, focus=focus)
    assert not can_answer(question, "For 2019, revenue declined by 26.1%.", focus=focus)
    # held, an operation word still counts for the passage; "total" names a row and is asked
    question = analyse("What was the total gross receivables for ratings 1 to 4 in 2019?")
    focus = frozenset(terms("total gross receivables ratings"))
    header = "Gross receivables by internal credit risk rating, 2019: 1 to 4"
    assert can_answer(question, "| Total | $5,984 |", context=header, focus=focus)
    assert not can_answer(
        question, "| Loan receivables | 3,367 |", context="Ratings: 1 to 4", focus=focus
    )


def test_a_figure_of_an_unqualified_subject_does_not_answer_a_qualified_one() -> None:
    """ "the global market" is not answered by a sentence about one country's market; the
    qualifier must be a word the briefs use (the focus), and a possessive is an owner."""
    passage = "In Xland, the widget market was valued at US$480 million in 2023."
    focus = frozenset({"global", "widget", "market", "xland"})
    asked = analyse("What was the global widget market worth in 2023?")
    assert not can_answer(asked, passage, focus=focus)
    assert can_answer(
        analyse("What was Xland's widget market worth in 2023?"), passage, focus=focus
    )
    assert can_answer(
        analyse("How much was the widget market worth in 2023?"), passage, focus=focus
    )


@pytest.mark.parametrize(
    ("question", "passage", "answers"),
    [
        # words that name what is asked ("amount", "the company") are seldom in the
        # sentence that answers: a passage may lack them, not the other words of X
        (
            "What was the depreciation amount in 2019?",
            "Total depreciation expense on property and equipment was $2.5 million, $2.6"
            " million, and $2.4 million during fiscal 2019, 2018 and 2017, respectively.",
            True,
        ),
        (
            "What was the depreciation amount in 2019?",
            "Total amortization expense on capitalized software was $2.5 million, $1.8 million"
            " and $1.4 million during fiscal 2019, 2018 and 2017, respectively.",
            False,
        ),
        (
            "What is the company's ongoing involvement limited to?",
            "Our ongoing involvement is limited to the remittance of customer payments.",
            True,
        ),
        pytest.param(
            "What is excluded when calculating revenue?",
            "Sales taxes collected on behalf of customers are excluded from revenue.",
            True,
            marks=pytest.mark.xfail(
                strict=True,
                reason="the answer does not repeat a word of the question, 'calculating'",
            ),
        ),
        # the thing asked about must be there, unless it is a word that names what is
        # asked ("role", "amount"): one seldom in the sentence that answers
        (
            "Who are the speakers on the personalized medicine panel?",
            "These issues will be discussed at the Personalized Medicine panel of the summit.",
            False,
        ),
        (
            "What is Beta Lab's revenue in Xland?",
            "In Xland, Beta Lab sees this trend gaining momentum.",
            False,
        ),
        (
            "What is Ann Smith's role?",
            "Ann Smith, director of the Beta Institute, said so.",
            True,
        ),
        # "Who is X?": every word of X describes the one sought
        ("Who is the current head of BETA?", "- BETA Beta Institute of Clinics", False),
        # a word qualifying one the passage has is another metric
        (
            "What was the net income of the clinics in 2023?",
            "Clinics: operating income was 355 in 2023.",
            False,
        ),
        # the words of the subject still must be there, all of them when each could name
        # what is asked
        ("What is personalized medicine?", "Xland's healthcare sector is growing.", False),
        ("Who is the mayor of Xland?", "Xland is a large city.", False),
        ("What is the Beta Institute?", "The Gamma Institute runs 12 clinics.", False),
        # a figure quoted with its scale is named by its number ("$480M": "US$480 million")
        (
            "Who is the source of the figure that Beta's market was worth $480M in 2023?",
            "Beta's market was valued at US$480 million in 2023, explains Ann Lee, director.",
            True,
        ),
        (
            "Who is the source of the figure that Beta's market was worth $480M in 2023?",
            "Beta's market was valued at US$510 million in 2023, explains Ann Lee, director.",
            False,
        ),
    ],
)
def test_a_word_that_names_what_is_asked_may_be_missing(
    question: str, passage: str, answers: bool
) -> None:
    assert can_answer(analyse(question), passage) is answers


def test_a_prior_year_in_brackets_and_a_verbs_subject_do_not_refuse() -> None:
    comparative = "Guarantees amounting to US$261,518 (2018: US$283,752) were provided."
    assert can_answer(analyse("How much were the guarantees in 2019?"), comparative)
    held = "The deposits held at 31 December 2019 were £3.5 million (2018: £3.1 million)."
    assert can_answer(analyse("How much were the deposits held at 31 December 2018?"), held)
    estimate = (
        "We estimate that we will make payments of $14.2 million over the next twelve months"
        " to fund our pension plans."
    )
    question = analyse("How much does the company estimate to fund its pension plans?")
    focus = frozenset({"compani", "estim", "fund", "pension", "plan"})
    assert can_answer(question, estimate, focus=focus)


@pytest.mark.parametrize(
    ("question", "passage", "answers"),
    [
        # the days of a date and a year are not an amount
        (
            "How much is a ticket to the Expo?",
            "- World Health Expo: June 17-19, 2026. Miami.",
            False,
        ),
        ("How much is a ticket to the Expo?", "Tickets to the Expo cost US$120.", True),
        (
            "How much were exchange gains in 2019?",
            "Exchange gains were RMB77 million in 2019.",
            True,
        ),
        # a range asked is answered by a passage giving both its years, not another range
        (
            "How much did costs rise between 2018 and 2020?",
            "Costs rose 41.4% between 2018 and 2024.",
            False,
        ),
        (
            "How much did costs rise between 2018 and 2024?",
            "Costs rose 41.4% between 2018 and 2024.",
            True,
        ),
        (
            "How much did costs go up between 2018 and 2024?",
            "Costs rose 41.4% between 2018 and 2024.",
            True,
        ),
        # "exactly when" wants a day
        ("When exactly is the Beta Summit 2025?", "The panel is at the Beta Summit 2025.", False),
        (
            "When exactly is the Beta Summit 2025?",
            "The Beta Summit 2025 opens on 3 May 2025.",
            True,
        ),
        # "how long" wants a length of time
        (
            "How long does it take to register a device?",
            "Registration is handled by the national regulator.",
            False,
        ),
        (
            "How long does it take to register a device?",
            "Registration takes 12 to 18 months.",
            True,
        ),
        ("How long has Ann Lee led the firm?", "Ann Lee, Chief Executive since May 2017.", True),
        (
            "How long does the agency take to review implant files?",
            "The agency's target review time for these files is 120 working days.",
            True,
        ),
        # "how old" wants an age
        (
            "How old is Dr. Ann Lee?",
            '"Demand is rising," said Dr. Ann Lee, President of Beta.',
            False,
        ),
        ("How old is Dr. Ann Lee?", "Dr. Ann Lee, 54, has led Beta since 2019.", True),
        ("How long has Ann Lee led the firm?", "Ann Lee, Chief Executive of the firm.", False),
        # "on what date" wants a day, not a year
        (
            "On what date is the Beta Summit 2025 held?",
            "The panel takes place at the Beta Summit 2025.",
            False,
        ),
        (
            "On what date is the Beta Summit 2025 held?",
            "The Beta Summit 2025 is held on June 17, 2025 in Lima.",
            True,
        ),
        (
            "What are the dates of the Beta Summit?",
            "- Beta Summit: 3-5 May 2026. Lima.",
            True,
        ),
        # a phone number, an email address, a website
        ("What is Ann Lee's phone number?", "Contact: Ann Lee (ann.lee@beta.example).", False),
        ("What is Ann Lee's phone number?", "Contact Ann Lee at +52 55 1234 5678.", True),
        ("What is Ann Lee's email address?", "Contact: Ann Lee (ann.lee@beta.example).", True),
        ("What is Ann Lee's email address?", "Ann Lee leads the healthcare team.", False),
        ("What is the website of the Beta Summit?", "See https://beta.example for details.", True),
        ("What is the website of the Beta Summit?", "The Beta Summit is held yearly.", False),
        # an agency, a body, an organisation: a name of one, or an acronym
        (
            "Which agency regulates medical devices in Peru?",
            "Peru is the largest device importer in the Andes, mostly from the United States.",
            False,
        ),
        ("Which agency regulates medical devices in Peru?", "- DIGEMID Dirección General", True),
        (
            "What organization does Ana Ruiz lead?",
            "Ana Ruiz, Director of the Andean Device Association, spoke first.",
            True,
        ),
        ("Which body oversees health risks?", "Health risks are rising in Lima.", False),
        # a venue: a named building or ground, not the city the question names already
        (
            "which convention centre in Cusco is hosting the dental expo?",
            "The Andean Dental Expo 2027 will take place from 9 to 11 March 2027 in Cusco,"
            " organised by the Peruvian Dental Association.",
            False,
        ),
        ("Which venue in Lima hosts the Beta Summit?", "- Beta Summit: 3-5 May 2026. Lima.", False),
        (
            "Which venue in Lima hosts the Beta Summit?",
            "The Beta Summit is held at the Lima Convention Center on 3-5 May 2026.",
            True,
        ),
        (
            "What venue is the forum at?",
            "The forum meets at the Hotel Cordillera, Santiago, on 12 May.",
            True,
        ),
    ],
)
def test_a_question_for_a_length_of_time_a_day_or_a_contact_needs_one(
    question: str, passage: str, answers: bool
) -> None:
    assert can_answer(analyse(question), passage) is answers


@pytest.mark.parametrize(
    ("question", "passage", "answers"),
    [
        (
            "Who is driving the growth of private clinics in cities?",
            "Private care keeps growing in urban areas, driven by high-income families.",
            True,
        ),
        (
            "Who is moderating the pricing panel at the forum?",
            "Pricing will be discussed at the forum's panel on hospital finance.",
            False,
        ),
        (
            "Who founded the laboratory association?",
            "The laboratory association is led by its president, Prof. Lan Do.",
            False,
        ),
        (
            "Who founded the laboratory association?",
            "The association was founded in 1998 by three hospital pathologists.",
            True,
        ),
    ],
)
def test_who_is_doing_x_asks_for_the_doing_however_the_doer_is_described(
    question: str, passage: str, answers: bool
) -> None:
    # "Who is driving X?" asks who drives X: the passage must say the doing ("driven"),
    # not every word of X; the question read in the brief's words, as answering reads it
    vocabulary = Vocabulary(Counter(terms(passage)))
    assert can_answer(analyse(question).spelled(vocabulary), passage) is answers


@pytest.mark.parametrize(
    ("passage", "answers"),
    [
        # the question's market is Chile's; the passage's is another one
        ("The global genomics market was worth US$44 billion in 2025.", False),
        ("Brazil's genomics market was worth US$9 billion in 2025.", False),
        # the country left unsaid, as a brief about it does, or said
        ("The genomics market was worth US$44 million in 2025.", True),
        ("In Chile, the genomics market was worth US$44 million in 2025.", True),
        ("Chile's genomics market was worth US$44 million in 2025.", True),
    ],
)
def test_a_figure_of_a_market_another_place_or_scope_qualifies_does_not_answer(
    passage: str, answers: bool
) -> None:
    question = analyse("What was Chile's genomics market worth in 2025?")
    focus = frozenset(terms("genomics market"))
    assert can_answer(question, passage, focus=focus) is answers


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        ("What share of sessions did private operators deliver in 2024?", False),
        ("What share of sessions did private operators deliver in 2025?", True),
        ("What share of sessions did private operators deliver?", True),
    ],
)
def test_a_year_alone_in_brackets_dates_the_figure(question: str, answers: bool) -> None:
    # "(2025)" after a key fact is the year its figure is of, not a comparative year
    fact = "- Share of sessions delivered by private operators: 62% (2025)"
    assert can_answer(analyse(question), fact) is answers
    assert can_answer(analyse(question), fact.replace("(2025)", "(mid-2025)")) is answers
