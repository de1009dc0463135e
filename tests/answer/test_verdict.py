"""The verdict: whether the best evidence answers, learned over what the blend ranked."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.answer.scorer import BlendScorer, Evidence, Lexicon
from assistant.answer.verdict import (
    FEATURES,
    MODEL,
    Absence,
    VerdictModel,
    VerdictScorer,
    signals,
)
from assistant.ingest.build import ingest
from assistant.storage.bm25 import TermStats
from assistant.text.question import Question
from assistant.types import Unit

STATS = TermStats(
    ids=[f"c{i}" for i in range(6)],
    n=6,
    df={"peru": 5, "lima": 1, "clinic": 2, "budget": 3, "grow": 2},
)
"""Six chunks of a brief about Peru."""


def unit(text: str, context: str = "") -> Unit:
    return Unit(
        id="u",
        chunk_id="c0",
        source="peru.md",
        start=0,
        end=len(text),
        text=text,
        kind="prose",
        block=0,
        context=context,
    )


def test_the_briefs_vocabulary_of_a_question() -> None:
    lexicon = Lexicon.of(Question.analyse("How many clinics does Peru have?", language="en"), STATS)
    assert lexicon.known == frozenset({"clinic", "peru"})
    assert lexicon.weights["clinic"] == pytest.approx(STATS.idf("clinic"))


def test_a_word_that_names_what_is_asked_weighs_less() -> None:
    question = Question.analyse("What is the full name of the clinic?", language="en")
    absence = Absence(rates={"name": 0.9, "full": 0.8}, prior=0.4)
    lexicon = Lexicon.of(question, STATS, absence)
    assert lexicon.weights["name"] == pytest.approx(STATS.idf("name") * 0.1)
    assert lexicon.weights["clinic"] == pytest.approx(STATS.idf("clinic") * 0.6)  # the prior
    unseen, _ = lexicon.shares("Clinica Andina de Lima (CAL) opened in 2020.")
    plain = Lexicon.of(question, STATS).shares("Clinica Andina de Lima (CAL) opened in 2020.")
    assert unseen < plain[0]  # "full name" is missing, as such words mostly are


def test_the_shares_of_unseen_and_missing_term_weight() -> None:
    question = Question.analyse("Did the clinic budget grow with tariffs?", language="en")
    lexicon = Lexicon.of(question, STATS)
    weights = lexicon.weights
    total = sum(weights.values())
    unseen, missing = lexicon.shares("The clinic budget rose.")
    assert unseen == pytest.approx(weights["tariff"] / total)  # no brief says "tariffs"
    assert missing == pytest.approx(weights["grow"] / total)  # a brief does, not this one
    assert lexicon.shares("The clinic budget grows.") == (pytest.approx(unseen), 0.0)


def test_the_signals() -> None:
    question = Question.analyse("Did the clinic budget grow by 12.5% with tariffs?", language="en")
    lexicon = Lexicon.of(question, STATS)
    evidence = Evidence(unit("The clinic budget grows by 12.5%."), 0.6, 0.6, 0.6)
    figures, unseen, missing, unknown_name = signals(question, evidence, lexicon)
    assert figures == 1.0
    assert (unseen, missing) == lexicon.shares(evidence.unit.searchable)
    assert unseen > 0.0 and missing == 0.0
    assert unknown_name == 0.0  # "tariffs" is no name


def test_a_word_the_paragraph_gave_before_the_sentence_is_not_missing() -> None:
    question = Question.analyse("How many clinics had the Lima network opened?", language="en")
    lexicon = Lexicon.of(question, STATS)
    alone = Evidence(unit("By 2024 the network had opened 12 clinics."), 0.6, 0.6, 0.6)
    told = replace(alone, before="The Lima network runs clinics.")
    missing_alone = signals(question, alone, lexicon)[2]
    missing_told = signals(question, told, lexicon)[2]
    assert missing_told < missing_alone


@pytest.mark.parametrize(
    ("asked", "unknown"),
    [
        ("How many clinics does Bolivia have?", True),  # no brief names Bolivia
        ("How many clinics does Peru have?", False),
        ("How many clinics does Lima have, and Bolivia?", True),
        ("How many clinics are there?", False),  # no name at all
        ("Clinics in Peru: how many?", False),  # a capitalised first word is no name
    ],
)
def test_a_name_no_brief_uses(asked: str, unknown: bool) -> None:
    lexicon = Lexicon.of(Question.analyse(asked, language="en"), STATS)
    assert lexicon.names_unseen(Question.analyse(asked, language="en").proper_names) is unknown


def test_the_shipped_model_reads_its_signals_the_right_way() -> None:
    model = VerdictModel.load()
    weight = dict(zip(FEATURES, model.weights, strict=True))
    assert 0.0 < model.threshold < 1.0
    assert weight["figures"] > 0
    assert weight["unseen"] < 0 and weight["missing"] < 0
    assert weight["unknown_name"] < 0


def test_the_shipped_absence_rates() -> None:
    absence = Absence.load()
    assert 0.0 < absence.prior < 1.0
    # a word naming what is asked is missing from the answer more often than the subject
    assert absence("name") > absence.prior > absence("export")


def test_a_model_trained_on_other_features_is_refused(tmp_path: Path) -> None:
    raw = json.loads(MODEL.read_text(encoding="utf-8"))
    raw["features"] = raw["features"][:-1]
    path = tmp_path / "verdict.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="other features"):
        VerdictModel.load(path)


def test_the_probability_is_the_logistic_of_the_scaled_signals() -> None:
    model = VerdictModel.load()
    assert model.probability(list(model.mean)) == pytest.approx(1 / (1 + math.exp(-model.bias)))
    shifted = [m + s for m, s in zip(model.mean, model.scale, strict=True)]
    z = sum(model.weights) + model.bias
    assert model.probability(shifted) == pytest.approx(1 / (1 + math.exp(-z)))


BRIEF = (
    "# Omega Institute\n\n"
    "The Omega Institute studies rare diseases across the Andean region. "
    "Its laboratories sequence about 4,000 genomes a year. "
    "Ana Ruiz has directed the Omega Institute since 2019. "
    "The institute was founded in 1987 in Quito.\n\n"
    "## Funding\n\n"
    "Most of its budget comes from public research grants. "
    "Private donors gave US$2 million in 2023.\n"
)


@pytest.fixture(scope="module")
def omega(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    base = tmp_path_factory.mktemp("omega-verdict")
    (base / "corpus").mkdir()
    (base / "corpus" / "omega.md").write_text(BRIEF, encoding="utf-8")
    settings = Settings(corpus_dir=base / "corpus", index_dir=base / "index", multilingual=False)
    ingest(settings)
    return settings


@pytest.mark.model
def test_naming_the_subject_no_longer_makes_any_sentence_an_answer(omega: Settings) -> None:
    question = "What tariffs does the Omega Institute pay on imported sequencers?"
    blend = Assistant.open(omega, scorer=BlendScorer(omega)).ask(question)
    assert not blend.abstained  # the old rule: every name of the question is there
    verdict = Assistant.open(omega, scorer=VerdictScorer(omega)).ask(question)
    assert verdict.abstained


@pytest.mark.model
def test_a_question_about_a_place_no_brief_names_is_not_answered_with_another(
    omega: Settings,
) -> None:
    assistant = Assistant.open(omega, scorer=VerdictScorer(omega))
    assert assistant.ask("How many genomes does the Omega Institute sequence a year?").citations
    elsewhere = assistant.ask("How many genomes does the Lima Institute sequence a year?")
    assert elsewhere.abstained


@pytest.mark.model
def test_it_answers_with_the_sentence_that_answers_alone(omega: Settings) -> None:
    scorer = VerdictScorer(omega)
    assistant = Assistant.open(omega, scorer=scorer)
    answer = assistant.ask("Who has directed the Omega Institute since 2019?")
    assert [c.text for c in answer.citations] == [
        "Ana Ruiz has directed the Omega Institute since 2019."
    ]
    assert answer.confidence is not None and answer.confidence >= scorer.model.threshold
