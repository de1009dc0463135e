"""The learned evidence judge: its features, its shipped model, and what it decides."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant, Settings
from assistant.answer.judge import FEATURES, MODEL, JudgeModel, JudgeScorer, type_present
from assistant.answer.scorer import BlendScorer
from assistant.answer.verdict import VerdictScorer
from assistant.ingest.build import ingest

BRIEF = (
    "# Omega Institute\n\n"
    "The Omega Institute studies rare diseases across the Andean region. "
    "Its laboratories sequence about 4,000 genomes a year. "
    "Ana Ruiz has directed the Omega Institute since 2019. "
    "The institute was founded in 1987 in Quito.\n"
)


@pytest.mark.parametrize(
    ("question", "text", "present"),
    [
        ("When was the institute founded?", "It was founded in 1987.", True),
        ("When was the institute founded?", "It studies rare diseases.", False),
        ("How many genomes does it sequence?", "About 4,000 genomes a year.", True),
        ("How many genomes does it sequence?", "It sequences genomes.", False),
        ("Who directs the Omega Institute?", "Ana Ruiz directs the Omega Institute.", True),
        ("Where is the Omega Institute?", "The Omega Institute is in San Isidro.", True),
        ("Who directs the Omega Institute?", "The Omega Institute studies diseases.", False),
        ("Why does it study diseases?", "Anything at all.", True),
    ],
)
def test_type_present(question: str, text: str, present: bool) -> None:
    assert type_present(question, text) is present


def test_the_shipped_model_matches_the_features() -> None:
    model = JudgeModel.load()
    assert model.features == FEATURES
    assert model.weights.shape == (len(FEATURES) + (384 if model.product else 0),)
    assert 0.0 < model.threshold < 1.0
    assert not model.product  # the product variant ranked no better (bench/train_judge.py)


def test_a_model_trained_on_other_features_is_refused(tmp_path: Path) -> None:
    raw = json.loads(MODEL.read_text(encoding="utf-8"))
    raw["features"] = raw["features"][:-1]
    path = tmp_path / "judge.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="other features"):
        JudgeModel.load(path)


def test_the_probability_is_the_logistic_of_the_scaled_features() -> None:
    model = JudgeModel.load()
    x = np.vstack([model.mean, model.mean + model.scale])
    p = model.probability(x)
    assert p[0] == pytest.approx(1 / (1 + np.exp(-model.bias)))
    assert p[1] == pytest.approx(1 / (1 + np.exp(-(model.weights.sum() + model.bias))))


@pytest.fixture(scope="module")
def omega(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    base = tmp_path_factory.mktemp("omega")
    (base / "corpus").mkdir()
    (base / "corpus" / "omega.md").write_text(BRIEF, encoding="utf-8")
    settings = Settings(corpus_dir=base / "corpus", index_dir=base / "index", multilingual=False)
    ingest(settings)
    return Assistant.open(settings, scorer=JudgeScorer(settings))


def test_the_setting_chooses_the_scorer(omega: Assistant) -> None:
    assert Settings.from_env({"ASSISTANT_SCORER": "judge"}).scorer == "judge"
    assert isinstance(Assistant(omega.settings.with_(scorer="judge")).scorer, JudgeScorer)
    assert isinstance(Assistant(omega.settings.with_(scorer="blend")).scorer, BlendScorer)
    assert isinstance(Assistant(omega.settings).scorer, VerdictScorer)  # the default


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    [
        "Who leads the Omega Institute?",
        "In which year was the institute established?",
        "How many genomes are sequenced each year?",
        "What is the capital of Peru?",
    ],
)
def test_it_answers_exactly_when_its_best_evidence_clears_its_threshold(
    omega: Assistant, question: str
) -> None:
    scorer = omega.scorer
    assert isinstance(scorer, JudgeScorer)
    evidence = omega.evidence(question)
    probabilities = [e.score for e in evidence]
    assert probabilities == sorted(probabilities, reverse=True)
    assert all(0.0 < p < 1.0 for p in probabilities)
    answer = omega.ask(question)
    assert answer.abstained is (probabilities[0] < scorer.model.threshold)
    if not answer.abstained:
        assert answer.confidence == pytest.approx(probabilities[0])
