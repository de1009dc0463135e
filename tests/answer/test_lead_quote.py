"""A known miss, kept as a strict xfail: the verdict judges only the blend's best sentence,
which may be on the subject and lack what was asked, while the next one answers. Letting
the first close candidate that answers lead was measured (learned briefs sets: 4 more
answered right, 4 fewer abstentions; TAT-QA dev spans 87.1 -> 87.4) and not adopted: the
threshold was calibrated for the best sentence alone. Trained and thresholded for it (each
close candidate graded alone), it was level on the learned briefs sets and lost
abstentions (docs/judge.md). With the real model, whose ranking this is about."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.ingest.build import ingest

pytestmark = pytest.mark.model

REPORT = (
    "Northline Telecom annual report\n\n"
    "| | 2019 | 2018 |\n|---|---|---|\n"
    "| Cost of revenue | 1,210 | 1,105 |\n| Research and development | 2,480 | 2,301 |\n\n"
    "The following table shows a summary of share-based compensation expense included in"
    " the consolidated statements of operations:\n\n"
    "As of September 27, 2019, the total unrecognized compensation costs related to"
    " outstanding stock options, restricted stock awards and units was $47.0 million, which"
    " we expect to recognize over a weighted-average period of 2.9 years.\n"
)


@pytest.mark.xfail(strict=True, reason="the verdict judges only the blend's best sentence")
def test_the_first_close_candidate_that_answers_leads(tmp_path: Path) -> None:
    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    settings.corpus_dir.mkdir()
    (settings.corpus_dir / "northline.md").write_text(REPORT, encoding="utf-8")
    ingest(settings)
    answer = Assistant.open(settings).ask("Over what period would the expense be recognized?")
    assert not answer.abstained, answer.answer
    assert "2.9 years" in answer.citations[0].text, answer.answer
