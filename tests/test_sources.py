"""Choosing which briefs a question searches: `sources=` in the Python API, `--source` in
the CLI (`tests/test_cli.py`). Figures and passages both obey it; answers and abstentions say what was searched."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant, QuestionError
from tests.answer.test_figures import briefs_in

KENYA = (
    "Kenya clinics brief\n\n"
    "Kenya's private clinics employ 4,000 nurses. The Nairobi Clinic Board licenses new "
    "clinics.\n\n"
    "Clinic revenue (USD million):\n\n"
    "| Metric | 2021 | 2022 |\n|---|---|---|\n| Clinic revenue | 120 | 135 |\n"
)
PERU = (
    "Peru pharmacies brief\n\n"
    "Peru's pharmacies number 25,000. The Lima Pharmacy Council inspects pharmacies.\n\n"
    "Pharmacy revenue (USD million):\n\n"
    "| Metric | 2021 | 2022 |\n|---|---|---|\n| Clinic revenue | 80 | 95 |\n"
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sources")


@pytest.fixture(scope="module")
def two(root: Path) -> Assistant:
    return briefs_in(root, {"kenya.md": KENYA, "peru.md": PERU})


def sources_of(answer: object) -> set[str]:
    cited = getattr(answer, "citations", ()) + getattr(answer, "related", ())
    return {c.source for c in cited}


def test_a_figure_comes_from_the_briefs_chosen(two: Assistant) -> None:
    question = "What was clinic revenue in 2022?"
    kenya = two.ask(question, sources=["kenya.md"])
    peru = two.ask(question, sources=["peru.md"])
    assert kenya.value is not None and kenya.value.number == 135, kenya.answer
    assert peru.value is not None and peru.value.number == 95, peru.answer
    assert sources_of(kenya) == {"kenya.md"} and sources_of(peru) == {"peru.md"}
    assert kenya.searched == ("kenya.md",) and peru.searched == ("peru.md",)


def test_passages_come_from_the_briefs_chosen(two: Assistant) -> None:
    answer = two.ask("Who inspects pharmacies?", sources=["peru.md"])
    assert answer.kind == "passage" and "Lima Pharmacy Council" in answer.answer
    assert sources_of(answer) == {"peru.md"}


def test_an_answer_only_in_another_brief_is_refused_and_says_what_was_searched(
    two: Assistant,
) -> None:
    answer = two.ask("Who inspects pharmacies?", sources=["kenya.md"])
    assert answer.abstained, answer.answer
    assert "searched: “Kenya” (kenya.md)" in answer.answer  # the brief searched, by its title
    assert sources_of(answer) <= {"kenya.md"}
    figure = two.ask("What was pharmacy revenue in 2022?", sources=["kenya.md"])
    assert figure.value is None or figure.value.number != 95, figure.answer


def test_no_choice_searches_every_brief(two: Assistant) -> None:
    answer = two.ask("Who licenses new clinics?")
    assert answer.searched == ("kenya.md", "peru.md")
    assert answer.to_dict()["searched"] == ["kenya.md", "peru.md"]


def test_an_unknown_brief_is_a_one_line_error_naming_the_briefs(two: Assistant) -> None:
    with pytest.raises(QuestionError, match=r"chile\.md.*kenya\.md, peru\.md"):
        two.ask("Who licenses new clinics?", sources=["chile.md"])


def test_a_conversation_keeps_its_choice_for_follow_ups(two: Assistant) -> None:
    session = two.session(sources=["peru.md"])
    first = session.ask("What was clinic revenue in 2021?")
    follow = session.ask("And in 2022?")
    assert first.value is not None and first.value.number == 80, first.answer
    assert follow.value is not None and follow.value.number == 95, follow.answer
