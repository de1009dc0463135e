"""Figure answers over a brief with another table: other metrics, units and years."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.ingest.build import ingest
from tests.fakes import HashingEmbedder

BRIEF = (
    "Coffee and tea in Kenya\n"
    "Table: Beverage Trade (EUR Millions)\n"
    "| 2015 | 2016 | 2017 (est.) | |\n"
    "| Coffee Exports | 310.5 | 1,204 | 95 |\n"
    "| Tea Exports | 20 | 30 | 40 |\n"
    "| Exchange rate | 110 | 112 | 115 |\n"
    "Source: Beverage Board\n"
)


def open_briefs(settings: Settings, briefs: dict[str, str]) -> Assistant:
    """An assistant over these briefs (file name -> text), with the fast fake embedder."""
    for name, text in briefs.items():
        (settings.corpus_dir / name).write_text(text, encoding="utf-8")
    embedder = HashingEmbedder()
    ingest(settings, embedder=embedder)
    return Assistant.open(settings, embedder=embedder)


def briefs_in(root: Path, briefs: dict[str, str]) -> Assistant:
    """An assistant over these briefs with its corpus and index under `root` (English only,
    the fast fake embedder): for module-scoped fixtures and one-off briefs."""
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", multilingual=False)
    settings.corpus_dir.mkdir(parents=True)
    return open_briefs(settings, briefs)


def briefs_read_by_the_model(root: Path, briefs: dict[str, str]) -> Assistant:
    """As `briefs_in`, with the real embedding model: where a test needs the ranking the
    product has (mark the test `model`)."""
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", multilingual=False)
    settings.corpus_dir.mkdir(parents=True)
    for name, text in briefs.items():
        (settings.corpus_dir / name).write_text(text, encoding="utf-8")
    return Assistant.open(settings)


@pytest.fixture
def assistant(tmp_settings: Settings) -> Assistant:
    return open_briefs(tmp_settings, {"kenya.md": BRIEF})


def verbatim(answer_citations: tuple, text: str) -> bool:
    return all(text[c.start : c.end] == c.text for c in answer_citations)


def test_change_cites_the_row_the_header_and_the_caption(assistant: Assistant) -> None:
    answer = assistant.ask("How did coffee exports change from 2015 to 2016?")
    assert answer.kind == "fact"
    assert answer.answer == (
        "Coffee Exports rose from €310.5 million [1] in 2015 to €1,204 million [1] in 2016: "
        "a change of +€893.5 million (+287.76%). (periods and unit: [2][3])"
    )
    assert answer.calculation == "1,204 - 310.5 = 893.5; (1,204 - 310.5) / 310.5 x 100 = 287.76%"
    assert [c.text for c in answer.citations] == [
        "| Coffee Exports | 310.5 | 1,204 | 95 |",
        "| 2015 | 2016 | 2017 (est.) | |",
        "Table: Beverage Trade (EUR Millions)",
    ]
    assert verbatim(answer.citations, BRIEF)
    assert [(f.period, f.value, f.citation) for f in answer.facts] == [
        ("2015", 310.5, 1),
        ("2016", 1204.0, 1),
    ]


def test_estimates_are_flagged(assistant: Assistant) -> None:
    answer = assistant.ask("What were tea exports in 2017?")
    assert "€40 million (estimate) [1]" in answer.answer
    assert answer.facts[0].estimate


@pytest.mark.parametrize(
    "question",
    [
        "What are the estimated tea exports for 2017?",
        "what were projected tea exports in 2017",
        "What is the forecast for tea exports in 2017?",
    ],
)
def test_an_estimate_asked_is_the_estimate_held(assistant: Assistant, question: str) -> None:
    """The table marks 2017 an estimate: "estimated" names no other kind of figure."""
    answer = assistant.ask(question)
    assert answer.kind == "fact" and "€40 million (estimate) [1]" in answer.answer, answer.answer


def test_a_period_the_briefs_lack_says_what_they_hold(assistant: Assistant) -> None:
    answer = assistant.ask("What were tea exports in 2012?")
    assert answer.abstained
    assert answer.answer == "The briefs give Tea Exports for 2015-2017 only; nothing for 2012."
    assert answer.citations == () and answer.related[0].text == "| Tea Exports | 20 | 30 | 40 |"


def test_an_ambiguous_metric_lists_the_candidates(assistant: Assistant) -> None:
    answer = assistant.ask("What were exports in 2016?")
    assert answer.abstained
    assert answer.answer == "Which one do you mean: Coffee Exports or Tea Exports?"


def test_share_and_conversion_use_the_same_period(assistant: Assistant) -> None:
    share = assistant.ask("What share of coffee exports were tea exports in 2016?")
    assert share.calculation == "2016: 30 / 1,204 x 100 = 2.49%"
    converted = assistant.ask("What were tea exports in 2016 in dollars?")
    assert converted.calculation == "2016: 30 x 112 = 3,360"
    assert converted.answer.startswith(
        "Tea Exports in 2016: €30 million [1] at 112 per EUR [2] (Exchange rate) is 3,360 million dollars."
    )


TRADE = (
    "Pump trade in Ruritania\n"
    "Table: Pump Trade (USD Millions)\n"
    "| | 2021 | 2022 |\n"
    "| Total Imports | 120 | 130 |\n"
    "| Total Exports | 80 | 90 |\n"
    "| Imports from Freedonia | 30 | 35 |\n"
)


@pytest.mark.parametrize(
    "question",
    [
        "What is Ruritania's total health expenditure as a share of GDP?",
        "What were total pump sales as a percentage of GDP in 2022?",
    ],
)
def test_a_share_of_what_no_table_holds_is_not_computed_from_other_rows(
    tmp_settings: Settings, question: str
) -> None:
    # "total" names both Total rows, "GDP" neither: dividing imports by exports answers
    # another question.
    answer = open_briefs(tmp_settings, {"pumps.md": TRADE}).ask(question)
    assert answer.kind != "fact" and answer.calculation is None, answer.answer


def test_a_share_of_a_total_named_by_its_own_word_is_still_computed(
    tmp_settings: Settings,
) -> None:
    answer = open_briefs(tmp_settings, {"pumps.md": TRADE}).ask(
        "What share of imports came from Freedonia in 2022?"
    )
    assert answer.kind == "fact" and answer.calculation == "2022: 35 / 130 x 100 = 26.92%"


@pytest.mark.parametrize(
    ("question", "calculation"),
    [
        ("How many times larger were total imports than total exports in 2022?", "130 / 90"),
        ("By what factor did imports exceed exports in 2021?", "120 / 80"),
        ("How many times bigger were total exports in 2022 than in 2021?", "90 / 80 = 1.125"),
    ],
)
def test_how_many_times_is_a_ratio_not_a_difference(
    tmp_settings: Settings, question: str, calculation: str
) -> None:
    answer = open_briefs(tmp_settings, {"pumps.md": TRADE}).ask(question)
    assert answer.kind == "fact" and calculation in (answer.calculation or ""), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Is it true that total exports were 90 million in 2022?",
        "is it true total exports reached 90 million in 2022",
        "True or false: total exports were 90 million in 2022.",
    ],
)
def test_a_claim_to_check_is_answered_with_its_figure(
    tmp_settings: Settings, question: str
) -> None:
    # "true" is no word of a row's name: the claim is what is asked about
    answer = open_briefs(tmp_settings, {"pumps.md": TRADE}).ask(question)
    assert (not answer.abstained and "| Total Exports | 80 | 90 |" in answer.answer) or (
        answer.kind == "fact" and "90" in answer.answer
    ), answer.answer
    assert "true" not in answer.answer.lower()


def test_a_figure_asked_in_its_own_currency_is_read_not_converted(assistant: Assistant) -> None:
    answer = assistant.ask("What were tea exports in 2016 in euros?")
    assert answer.kind == "fact" and answer.calculation is None
    assert answer.value is not None and answer.value.number == 30


def test_every_operation_the_parser_names_has_one_step() -> None:
    from typing import get_args

    from assistant.answer.operations import OPERATIONS
    from assistant.facts.query import OPERATION_CUES, Operation

    assert set(OPERATIONS) == set(get_args(Operation))
    assert {name for name, _ in OPERATION_CUES} <= set(OPERATIONS)


def test_every_phrase_is_said_in_every_language() -> None:
    from typing import get_args

    from assistant.answer.phrases import PHRASES, PhraseKey

    for phrases in PHRASES.values():
        assert set(phrases) == set(get_args(PhraseKey))


@pytest.mark.parametrize(
    ("question", "number", "text"),
    [
        ("What was the change in tea exports in 2016 from 2015?", 10, "€10 million"),
        ("What is the difference in tea exports between 2017 and 2015?", 20, "€20 million"),
        ("What is the ratio of coffee exports to tea exports in 2016?", 40.1333, "40.1333"),
        ("How many years did tea exports exceed 25?", 2, ""),
        ("In which years were tea exports less than 35?", None, "2015; 2016"),
        ("Which year had higher coffee exports, 2015 or 2016?", None, "2016"),
        ("What was the change in tea exports in 2016?", 10, "€10 million"),
        ("What was the sum of coffee exports and tea exports in 2016?", 1234, "€1,234 million"),
        ("What is the difference in coffee exports from 2016 to 2017?", -1109, "-€1,109 million"),
    ],
)
def test_report_operations_give_their_value(
    assistant: Assistant, question: str, number: float | None, text: str
) -> None:
    answer = assistant.ask(question)
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None
    if number is None:
        assert answer.value.number is None
    else:
        assert answer.value.number == pytest.approx(number)
    if text:
        assert answer.value.text == text
    assert answer.calculation or number is None


def test_a_metric_two_briefs_hold_is_read_from_the_brief_the_question_names(
    tmp_settings: Settings,
) -> None:
    for country, values in (("Chile", ("10", "11")), ("Peru", ("20", "22"))):
        (tmp_settings.corpus_dir / f"{country.lower()}.md").write_text(
            f"# Health in {country}\n\nTable: Spending (USD billions)\n"
            f"| Metric | 2020 | 2021 |\n|---|---|---|\n| Health spending | {values[0]} | {values[1]} |\n",
            encoding="utf-8",
        )
    embedder = HashingEmbedder()
    ingest(tmp_settings, embedder=embedder)
    assistant = Assistant.open(tmp_settings, embedder=embedder)
    peru = assistant.ask("What was health spending in Peru in 2021?")
    assert peru.value is not None and peru.value.number == 22
    assert all(c.source == "peru.md" for c in peru.citations)
    either = assistant.ask("What was health spending in 2021?")
    assert (
        either.abstained
        and "Health in Chile" in either.answer
        and "Health in Peru" in either.answer
    )


GROUPED = (
    "Group balances\n"
    "|  | Fiscal years ended June 30, |  |  |  |  |\n|---|---|---|---|---|---|\n"
    "|  | 2024 |  | 2023 |  | Change |\n"
    "|  | Amount | % of revenue | Amount | % of revenue | ($) |\n"
    "| (In thousands) |  |  |  |  |  |\n"
    "| Amounts owed by members | 1,200 | 12% | 1,000 | 11% | 200 |\n"
    "| Amounts owed to members | 300 | 3% | 450 | 5% | (150) |\n"
    "| Total other | 90 | 1% | 80 | 1% | 10 |\n"
    "| Total | 1,590 | 16% | 1,530 | 17% | 60 |\n"
    "\nAmounts owed by members of R 5.5 million were written off in fiscal 2024.\n"
)


@pytest.fixture
def grouped(tmp_settings: Settings) -> Assistant:
    return open_briefs(tmp_settings, {"grouped.md": GROUPED})


@pytest.mark.parametrize(
    ("question", "number"),
    [
        # the row's words match its "($)" Change column best; the years asked are in "Amount"
        ("What was the average of amounts owed to members in 2023 and 2024?", 375),
        # "by" and "to" tell two rows apart only as written
        ("What were amounts owed by members in 2023?", 1000),
        ("How did total other change from 2023 to 2024?", 10),
        # a share asked of a row already in % is read, not divided by itself
        ("What share of revenue were amounts owed to members in 2023?", 5),
    ],
)
def test_column_groups_and_rows_written_out(
    grouped: Assistant, question: str, number: float
) -> None:
    answer = grouped.ask(question)
    assert answer.kind == "fact", answer.answer
    assert answer.value is not None and answer.value.number == pytest.approx(number), answer.answer


def test_a_sentence_that_says_more_than_the_row_answers(grouped: Assistant) -> None:
    answer = grouped.ask("How much in amounts owed by members was written off?")
    assert answer.kind == "passage", answer.answer
    assert answer.value is not None and answer.value.text == "R 5.5 million"


LISTED = (
    "Deferred taxes\n"
    "| | 2024 | 2023 |\n|---|---|---|\n"
    "| Deferred tax assets: | | |\n| Tax losses | 120 | 100 |\n| Provisions | 30 | 25 |\n"
    "| Total deferred tax assets | 150 | 125 |\n"
    "| Deferred tax liabilities: | | |\n| Intangible assets | (40) | (38) |\n"
    "| Property and equipment | (12) | (9) |\n| Total deferred tax liabilities | (52) | (47) |\n"
)


@pytest.fixture
def listed(tmp_settings: Settings) -> Assistant:
    return open_briefs(tmp_settings, {"taxes.md": LISTED})


@pytest.mark.parametrize(
    ("question", "items"),
    [
        ("What are the items under deferred tax liabilities?",
         "Intangible assets; Property and equipment"),
        ("What are the components of total deferred tax assets?", "Tax losses; Provisions"),
        ("Which years does the table show?", "2024; 2023"),
        ("Which lines make up total deferred tax assets?", "Tax losses; Provisions"),
        ("Which asset line was the weakest in 2024?", "Provisions"),
    ],
)  # fmt: skip
def test_what_a_table_lists_is_answered_with_its_rows(
    listed: Assistant, question: str, items: str
) -> None:
    answer = listed.ask(question)
    assert answer.value is not None and answer.value.text == items, answer.answer
    assert verbatim(answer.citations, LISTED)
    assert all(item in " ".join(c.text for c in answer.citations) for item in items.split("; "))


def test_an_average_in_one_year_is_of_its_opening_and_closing_figures(grouped: Assistant) -> None:
    answer = grouped.ask("What was the 2024 average of amounts owed by members?")
    assert answer.value is not None and answer.value.number == pytest.approx(1100), answer.answer


def test_two_figures_from_two_briefs_are_refused_not_a_crash(tmp_settings: Settings) -> None:
    briefs = {
        "a.md": "Imports brief\n| | 2022 | 2023 |\n|---|---|---|\n| Device imports | 10 | 12 |\n",
        "b.md": "Exports brief\n| | 2022 | 2023 |\n|---|---|---|\n| Device exports | 7 | 9 |\n",
    }
    answer = open_briefs(tmp_settings, briefs).ask(
        "What share of device imports were device exports in 2023?"
    )
    assert answer.abstained
    assert answer.answer == "No single brief gives Device exports and Device imports together."


def test_another_briefs_subject_or_another_metric_is_refused(tmp_settings: Settings) -> None:
    clinics = (
        "Norvale Clinics annual report\nNorvale Clinics runs 40 clinics.\n\n"
        "| | 2022 | 2023 |\n|---|---|---|\n| Operating income | 310 | 355 |\n"
    )
    regions = (
        "Regional device sales\n\n| Region | 2022 | 2023 |\n|---|---|---|\n"
        "| Asia-Pacific | 874 | 910 |\n| Western Europe | 700 | 720 |\n"
    )
    assistant = open_briefs(tmp_settings, {"clinics.md": clinics, "regions.md": regions})
    other_brief = assistant.ask("How much did Norvale Clinics earn in Asia-Pacific in 2023?")
    assert other_brief.abstained, other_brief.answer
    assert "does not mention Norvale Clinics" in other_brief.answer
    # another metric: left to the passages, which do not say it either
    other_metric = assistant.ask("What was the net income of the clinics in 2023?")
    assert other_metric.abstained and "355" not in other_metric.answer, other_metric.answer
    assert assistant.ask("What was operating income in 2023?").value.number == 355  # type: ignore[union-attr]
    possessive = assistant.ask("What were Western Europe's sales in 2023?")  # this brief's name
    assert possessive.value is not None and possessive.value.number == 720, possessive.answer


def test_a_place_no_brief_names_is_refused_and_a_date_is_not(tmp_settings: Settings) -> None:
    brief = (
        "Chilean genomics market\nFigures for Chile, at year end.\n\n"
        "| | 2024 | 2025 |\n|---|---|---|\n| Market size | 196.8 | 224.0 |\n"
    )
    assistant = open_briefs(tmp_settings, {"chile.md": brief})
    elsewhere = assistant.ask("What was Argentina's genomics market size in 2025?")
    assert elsewhere.abstained and "224.0" not in elsewhere.answer, elsewhere.answer
    assert "does not mention Argentina" in elsewhere.answer
    dated = assistant.ask("What was the market size as at December 31, 2025?")
    assert dated.value is not None and dated.value.number == 224.0, dated.answer


def test_a_place_the_brief_names_but_its_table_does_not_break_down_is_not_answered(
    tmp_settings: Settings,
) -> None:
    brief = (
        "Kenya dental imports\n\nClinics in Nairobi and Mombasa buy most chairs.\n\n"
        "| | 2022 | 2023 |\n|---|---|---|\n| Dental chairs | 455 | 498 |\n"
    )
    assistant = open_briefs(tmp_settings, {"kenya.md": brief})
    part = assistant.ask("What were dental chair imports in Mombasa in 2022?")
    assert "455" not in part.answer, part.answer
    whole = assistant.ask("What were dental chair imports in Kenya in 2022?")
    assert whole.value is not None and whole.value.number == 455, whole.answer


CLINICS = (
    "Harbourside Clinics: network report\n\n"
    "Harbourside runs walk-in clinics along the coast. Figures are at 31 December.\n\n"
    "| | 2025 | 2024 | 2023 |\n|---|---|---|---|\n"
    "| Clinics open | 42 | 37 | 29 |\n| Patient visits (thousands) | 810 | 702 | 655 |\n"
    "| Staff physicians | 120 | 104 | 96 |\n\n"
    "The network plans to open six more clinics in 2026.\n"
)


@pytest.fixture
def clinics(tmp_settings: Settings) -> Assistant:
    return open_briefs(tmp_settings, {"clinics.md": CLINICS})


@pytest.mark.parametrize(
    "question",
    [
        "In which years was the number of clinics open calculated?",
        "For which years is the count of staff physicians provided?",
        "What are the years included in the table?",
        "Which years does the table show?",
        "What years are patient visits given for?",
        "Staff physicians are reported for which years?",
        "What are the fiscal years included in the table?",
        "Which financial years are listed in the table?",
        "Which financial year's figures does the table show?",
        "Which fiscal years' information is shown in the table?",
    ],
)
def test_which_years_a_table_covers_is_its_year_columns(clinics: Assistant, question: str) -> None:
    answer = clinics.ask(question)
    assert answer.value is not None and answer.value.text == "2025; 2024; 2023", answer.answer
    assert verbatim(answer.citations, CLINICS)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("In which year were the most clinics open?", "2025"),  # an extreme: one year
        ("In which years were fewer than 40 clinics open?", "2024; 2023"),  # a condition
    ],
)
def test_which_years_with_a_comparison_are_not_the_whole_table(
    clinics: Assistant, question: str, expected: str
) -> None:
    answer = clinics.ask(question)
    assert answer.value is not None, answer.answer
    assert sorted(answer.value.text.split("; ")) == sorted(expected.split("; ")), answer.answer


RECEIVABLES = (
    "Receivables by date\n\n"
    "| | Gross | Allowance | Net |\n|---|---|---|---|\n"
    "| June 30, 2025 | | | |\n| Trade | 410 | (12) | 398 |\n| Other | 55 | — | 55 |\n"
    "| June 30, 2024 | | | |\n| Trade | 380 | (10) | 370 |\n| Other | 41 | — | 41 |\n\n"
    "Sales by market\n\n"
    "| Market | 2025 | 2024 |\n|---|---|---|\n| Chile | 120 | 100 |\n| Peru | 80 | 85 |\n"
    "| Colombia | 60 | 52 |\n| Total | 260 | 237 |\n"
)


@pytest.mark.parametrize(
    ("question", "items"),
    [
        ("Which years does the receivables table show?", "2025; 2024"),  # years as sections
        ("Which countries are shown in the table of sales by market?", "Chile; Peru; Colombia"),
        ("What markets are listed in the sales table?", "Chile; Peru; Colombia"),
    ],
)
def test_a_tables_years_and_rows_are_listed_as_written(
    tmp_settings: Settings, question: str, items: str
) -> None:
    answer = open_briefs(tmp_settings, {"receivables.md": RECEIVABLES}).ask(question)
    assert answer.value is not None and answer.value.text == items, answer.answer
    assert verbatim(answer.citations, RECEIVABLES)


def test_a_figure_asked_in_the_table_is_not_a_listing(tmp_settings: Settings) -> None:
    answer = open_briefs(tmp_settings, {"receivables.md": RECEIVABLES}).ask(
        "What is the total of sales in the table for 2025?"
    )
    assert answer.value is not None and answer.value.number == 260, answer.answer


MIXED_UNITS = (
    "Device trade (USD billions; exchange rate in MXN per USD)\n\n"
    "| | 2023 | 2024 |\n|---|---|---|\n| Device imports | 10.9 | 10.5 |\n"
    "| Device exports | 8.9 | 9.5 |\n| Exchange rate (MXN per USD) | 18.4 | 17.5 |\n"
)


def test_the_highest_row_is_never_one_of_another_unit(tmp_settings: Settings) -> None:
    """Rows of other units are not ranked together: an exchange rate is not the
    "highest" among trade figures, and a question no row answers is not given one."""
    assistant = open_briefs(tmp_settings, {"trade.md": MIXED_UNITS})
    ranked = assistant.ask("Which trade flow was the highest in 2024?")
    assert ranked.value is not None and ranked.value.text == "Device imports", ranked.answer
    for question in (
        "Which U.S. states export the most medical devices?",
        "Which pharmaceutical companies have the biggest market share?",
    ):
        answer = assistant.ask(question)
        # no row is given: an abstention, which may name the figures the tables hold
        assert answer.abstained and answer.value is None, answer.answer


def test_a_rate_naming_its_currency_converts_into_that_one_only(tmp_settings: Settings) -> None:
    assistant = open_briefs(tmp_settings, {"trade.md": MIXED_UNITS})
    pesos = assistant.ask("What were device exports in 2024 in pesos?")
    assert "is 166.25 billion pesos" in pesos.answer, pesos.answer
    assert "9.5" in (pesos.calculation or "") and "17.5" in (pesos.calculation or "")
    euros = assistant.ask("What were device exports in 2024 in euros?")
    assert euros.abstained and "no exchange rate" in euros.answer, euros.answer


def test_pesos_may_be_another_countrys_and_a_plain_amount_is_no_rate(
    tmp_settings: Settings,
) -> None:
    brief = (
        "Colombian device trade (USD billions)\n\n"
        "| | 2023 | 2024 |\n|---|---|---|\n| Device imports | 2.1 | 2.3 |\n"
        "| Exchange rate (COP per USD) | 4,325 | 4,070 |\n\n"
        "Average device price (US$)\n\n| | 2024 |\n|---|---|\n| Average price | 59.45 |\n"
    )
    assistant = open_briefs(tmp_settings, {"colombia.md": brief})
    pesos = assistant.ask("What were device imports in 2024 in pesos?")
    assert "4,070" in (pesos.calculation or "") or "4070" in (pesos.calculation or ""), pesos.answer
    euros = assistant.ask("What were device imports in 2024 in euros?")
    assert euros.abstained and "59.45" not in (euros.calculation or ""), euros.answer


def test_a_place_no_brief_names_is_refused_not_answered_with_another(
    tmp_settings: Settings,
) -> None:
    brief = (
        "Device trade of Xland (USD billions)\n\n"
        "| | 2023 | 2024 |\n|---|---|---|\n| Total imports | 10.9 | 10.5 |\n"
        "| Imports from the United States | 2.7 | 2.8 |\n"
    )
    assistant = open_briefs(tmp_settings, {"trade.md": brief})
    answer = assistant.ask("How much did Xland import from China in 2023?")
    assert answer.abstained and "2.7" not in answer.answer, answer.answer
    assert "China" in answer.answer
    kept = assistant.ask("How much did Xland import from the United States in 2023?")
    assert kept.value is not None and kept.value.number == 2.7, kept.answer


REVENUE_SHARES = (
    "Revenue by country\n\n"
    "| | Years ended | | | |\n|---|---|---|---|---|\n"
    "| | December 31, 2025 | | December 31, 2024 | |\n| | $ | % | $ | % |\n"
    "| Chile | 96,168 | 6.1% | 70,774 | 6.6% |\n| Peru | 1,079,520 | 93.9% | 755,454 | 93.4% |\n"
    "| | 1,175,688 | 100.0% | 826,228 | 100.0% |\n\n"
    "The following table presents total external revenues by geographic location.\n"
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What were the total external revenues from Chile in 2025?", "US$96,168"),
        ("Which year had higher total external revenue in Chile?", "2025"),
        ("What percentage of revenue came from Chile in 2024?", "6.6%"),
    ],
)
def test_an_amount_and_its_share_in_column_groups(
    tmp_settings: Settings, question: str, expected: str
) -> None:
    """Words no label has ("external revenues") do not let similarity pick the % group."""
    answer = open_briefs(tmp_settings, {"revenue.md": REVENUE_SHARES}).ask(question)
    assert answer.value is not None and answer.value.text == expected, answer.answer


INTRODUCED = (
    "Harbourside Clinics: staff\n\n"
    "| | 2025 | 2024 |\n|---|---|---|\n| Staff physicians | 120 | 104 |\n| Nurses | 310 | 290 |\n\n"
    "The following table sets forth the clinical staff employed at the end of each year.\n"
)


@pytest.mark.parametrize(
    "question",
    [
        "What does the table show?",
        "What information does the table present?",
        "Can you tell me what the table presents?",
        "What does the table represent?",
        "What does this table detail?",
    ],
)
def test_what_a_table_shows_is_the_sentence_introducing_it(
    tmp_settings: Settings, question: str
) -> None:
    answer = open_briefs(tmp_settings, {"staff.md": INTRODUCED}).ask(question)
    assert not answer.abstained, answer.answer
    assert answer.citations[0].text.startswith("The following table sets forth"), answer.answer
    assert verbatim(answer.citations, INTRODUCED)


def test_the_items_of_a_briefs_only_table_are_its_rows(tmp_settings: Settings) -> None:
    """ "What financial items are listed in the table?": every word is a listing word; the
    brief has one table, so its rows."""
    brief = (
        "Pension costs\n\n| | 2025 | 2024 |\n|---|---|---|\n| Defined contribution | 12 | 10 |\n"
    )
    brief += "| Defined benefit | 30 | 28 |\n| Total | 42 | 38 |\n"
    answer = open_briefs(tmp_settings, {"pensions.md": brief}).ask(
        "What financial items are listed in the table?"
    )
    assert answer.value is not None, answer.answer
    assert answer.value.text == "Defined contribution; Defined benefit", answer.answer


VESTED = (
    "Restricted stock\n\n"
    "| | Number of Shares | | Weighted Average Grant Price | |\n|---|---|---|---|---|\n"
    "| | 2025 | 2024 | 2025 | 2024 |\n"
    "| Shares vested | 180,000 | 220,000 | $12.50 | $11.00 |\n"
    "| Shares forfeited | 20,000 | 35,000 | $12.10 | $10.80 |\n"
)


def test_a_rows_two_groups_are_chosen_by_name_or_asked_about(tmp_settings: Settings) -> None:
    """Two groups of one row (a count, a price): the question naming one gets it; one that
    names neither is asked about, never answered with a guess."""
    assistant = open_briefs(tmp_settings, {"vested.md": VESTED})
    named = assistant.ask("What was the average grant price of shares vested in 2025?")
    assert named.value is not None and named.value.number == pytest.approx(12.5), named.answer
    unnamed = assistant.ask("What is the average shares vested between 2024 and 2025?")
    assert unnamed.abstained and unnamed.answer.startswith("Which one do you mean"), unnamed.answer


PSUS = (
    "Performance share units\n\n"
    "|  | Number of Shares (thousands) |  | Weighted-Average Remaining Vesting Term (years) |\n"
    "|---|---|---|---|\n"
    "| Nonvested as of December 31, 2025 | 5,974 | $6.51 |  |\n| Granted | 3,288 | $6.74 |  |\n"
    "| Released | (1,774) | $6.60 |  |\n| Nonvested as of December 31, 2026 | 6,148 | $6.59 | 1.81 |\n\n"
    "In February 2026, we granted 547,000 PSUs with financial and operational targets.\n"
)


def test_a_sentence_that_says_more_answers_before_two_groups_are_asked_about(
    tmp_settings: Settings,
) -> None:
    answer = open_briefs(tmp_settings, {"psus.md": PSUS}).ask(
        "How many PSUs were granted in February 2026?"
    )
    assert answer.kind == "passage" and not answer.abstained, answer.answer
    assert answer.value is not None and answer.value.number == 547000, answer.answer
    assert verbatim(answer.citations, PSUS)


def test_which_years_something_happened_is_not_the_tables_years(clinics: Assistant) -> None:
    answer = clinics.ask("In which years did patient visits increase?")
    assert not answer.answer.startswith("The years the table gives"), answer.answer


def test_a_cell_is_shown_with_the_decimals_it_is_written_with(tmp_path: Path) -> None:
    """ "1,095.0" and "$2.70" are shown as the table writes them, not as 1,095 and 2.7: a
    reader checking the figure against the table finds the same digits. Computed figures
    keep their own rounding."""
    brief = (
        "Results (in millions)\n\n| | 2019 | 2018 |\n|---|---|---|\n"
        "| Revenues | $1,073.3 | $1,095.0 |\n| Earnings per share | $2.41 | $2.70 |\n"
    )
    assistant = briefs_in(tmp_path, {"results.md": brief})
    answer = assistant.ask("What were the revenues in 2019 and 2018?")
    assert "1,095.0" in answer.answer and "1,073.3" in answer.answer, answer.answer
    per_share = assistant.ask("What was the earnings per share in 2018?")
    assert "2.70" in per_share.answer, per_share.answer
    assert per_share.value is not None and per_share.value.number == pytest.approx(2.7)
    change = assistant.ask("What was the change in revenues from 2018 to 2019?")
    assert change.value is not None and change.value.text.startswith("-21.7 "), change.answer
