"""Adding and removing briefs from a program or the app: the type and size are checked
before a byte is written, a bad file is named with its reason and nothing else is lost,
and the index follows a re-ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant, BriefError
from tests.answer.test_figures import briefs_in

KENYA = "Kenya clinics brief\n\nThe Nairobi Clinic Board licenses new clinics.\n"
PERU = "Peru pharmacies brief\n\nThe Lima Pharmacy Council inspects pharmacies.\n"


@pytest.fixture
def kenya(tmp_path: Path) -> Assistant:
    return briefs_in(tmp_path, {"kenya.md": KENYA})


def test_an_added_brief_is_answered_from_after_a_reingest(kenya: Assistant) -> None:
    path = kenya.add_brief("peru.md", PERU.encode())
    assert path == kenya.settings.corpus_dir / "peru.md" and path.read_text() == PERU
    report = kenya.reingest()
    assert report.added == ["peru.md"]
    answer = kenya.ask("Who inspects pharmacies?", sources=["peru.md"])
    assert "Lima Pharmacy Council" in answer.answer
    assert kenya.corpus_files() == ["kenya.md", "peru.md"]


def test_a_removed_brief_leaves_the_index(kenya: Assistant) -> None:
    kenya.add_brief("peru.md", PERU.encode())
    kenya.reingest()
    kenya.remove_brief("peru.md")
    assert not (kenya.settings.corpus_dir / "peru.md").exists()
    assert kenya.reingest().removed == ["peru.md"]
    assert [d.source for d in kenya.documents()] == ["kenya.md"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("notes.exe", b"MZ", "not a brief type"),
        ("big.md", b"x" * 2_000_001, "too large"),
        ("../escape.md", b"text", "not a plain file name"),
        (".hidden.md", b"text", "not a plain file name"),
        ("metadata.json", b"{}", "not a brief type"),
        ("kenya.md", b"again", "already"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_a_refused_file_writes_nothing_and_says_why(
    kenya: Assistant, name: str, data: bytes, reason: str
) -> None:
    before = sorted(p.name for p in kenya.settings.corpus_dir.iterdir())
    with pytest.raises(BriefError, match=reason) as refused:
        kenya.with_settings(max_file_mb=2.0).add_brief(name, data)
    assert Path(name).name in str(refused.value) or name in str(refused.value)
    assert sorted(p.name for p in kenya.settings.corpus_dir.iterdir()) == before
    assert (kenya.settings.corpus_dir / "kenya.md").read_text() == KENYA


def test_a_file_that_cannot_be_read_is_skipped_with_its_reason_and_nothing_else_lost(
    kenya: Assistant,
) -> None:
    kenya.add_brief("broken.pdf", b"%PDF-1.7 not really a pdf")
    kenya.add_brief("peru.md", PERU.encode())
    report = kenya.reingest()
    assert report.added == ["peru.md"]
    assert [source for source, _ in report.skipped] == ["broken.pdf"]
    assert [d.source for d in kenya.documents()] == ["kenya.md", "peru.md"]
    kenya.remove_brief("broken.pdf")  # a skipped file can be removed too
    assert "broken.pdf" not in kenya.corpus_files()


def test_removing_an_unknown_brief_is_a_one_line_error(kenya: Assistant) -> None:
    with pytest.raises(BriefError, match=r"no brief named chile\.md"):
        kenya.remove_brief("chile.md")
