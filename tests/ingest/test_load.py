from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import CorpusError, ReadError
from assistant.ingest.load import list_corpus, load_document, load_metadata
from tests.pdf import make_pdf


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_text_is_kept_verbatim_with_its_line_endings(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Line one.\r\nLine two — ünïcode.\n\n")
    doc = load_document(path, tmp_path, {})
    assert doc.text == "Line one.\r\nLine two — ünïcode.\n\n"
    assert not doc.extracted
    assert doc.title == "A"


def test_markdown_title_comes_from_its_first_heading(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.md", "Intro\n# Market notes\nText.")
    assert load_document(path, tmp_path, {}).title == "Market notes"


def test_metadata_file_gives_title_and_author(tmp_path: Path) -> None:
    write(tmp_path, "metadata.json", json.dumps({"a.txt": {"title": "A brief", "author": "Ann"}}))
    path = write(tmp_path, "a.txt", "Text.")
    metadata, warning = load_metadata(tmp_path)
    doc = load_document(path, tmp_path, metadata)
    assert warning is None
    assert doc.title == "A brief"
    assert dict(doc.metadata) == {"title": "A brief", "author": "Ann"}


def test_broken_metadata_file_is_reported_not_fatal(tmp_path: Path) -> None:
    write(tmp_path, "metadata.json", "{not json")
    metadata, warning = load_metadata(tmp_path)
    assert metadata == {}
    assert warning is not None and "metadata.json" in warning


def test_html_keeps_visible_text_only(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Page</title><style>p {}</style></head><body>"
        "<h1>Head</h1><p>Some <b>bold</b> text.</p><script>alert(1)</script>"
        "<table><tr><th></th><th>2020</th></tr><tr><td>Exports</td><td>1.5</td></tr></table>"
        "<ul><li>one</li></ul></body></html>"
    )
    doc = load_document(write(tmp_path, "p.html", html), tmp_path, {})
    assert doc.text == "Head\nSome bold text.\n| | 2020 |\n| Exports | 1.5 |\n- one"
    assert doc.title == "Page"
    assert doc.extracted


def test_pdf_text_is_extracted_with_page_starts(tmp_path: Path) -> None:
    path = write(tmp_path, "r.pdf", make_pdf(["First page text.", "Second page text."]))
    doc = load_document(path, tmp_path, {})
    assert doc.text == "First page text.\n\nSecond page text."
    assert doc.page_starts == (0, 18)
    assert doc.page_at(doc.text.index("Second")) == 2
    assert doc.page_at(0) == 1


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bad.txt", b"caf\xe9 latin-1", "not valid UTF-8 (byte 3)"),
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\t\n", "empty file"),
        ("broken.pdf", b"%PDF-1.4 garbage", "cannot parse PDF"),
        ("notes.docx", b"PK..", "unsupported format .docx"),
    ],
)
def test_unreadable_files_raise_a_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    with pytest.raises(ReadError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        load_document(write(tmp_path, name, data), tmp_path, {})


def test_empty_corpus_folder_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=f"{tmp_path}/ holds no brief"):
        list_corpus(tmp_path)
    with pytest.raises(CorpusError, match="does not exist"):
        list_corpus(tmp_path / "missing")


def test_listing_skips_hidden_files_and_metadata(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "B.")
    write(tmp_path, ".hidden.txt", "H.")
    write(tmp_path, "metadata.json", "{}")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.md", "A.")
    assert [p.relative_to(tmp_path).as_posix() for p in list_corpus(tmp_path)] == [
        "b.txt",
        "sub/a.md",
    ]
