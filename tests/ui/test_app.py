"""The Streamlit app's flows, run in-process with Streamlit's AppTest over the real index."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import streamlit as st
from streamlit.runtime.scriptrunner import magic
from streamlit.testing.v1 import AppTest

from assistant import MAX_QUESTION_CHARS, Assistant, Settings
from assistant.answer.render import render_text
from assistant.feedback import FeedbackLog
from tests.conftest import ROOT

pytestmark = pytest.mark.model

APP = str(ROOT / "ui" / "app.py")


@pytest.fixture
def app(real_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(real_settings.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(real_settings.index_dir))
    st.cache_resource.clear()  # the app's shared assistant is per process: start afresh
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert not at.exception
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_text_answer_with_highlighted_sources(app: AppTest) -> None:
    ask(app, "Which institutions are already applying personalized immunotherapy treatments?")
    text = markdown(app)
    assert "Hospital Universitario UANL" in text and "\\[1\\]" in text
    assert ":orange-background[Institutions such as" in text  # the passage, highlighted
    assert any(b.label == "Open document" for b in app.button)
    assert not any(re.fullmatch(r"\d+ ms", c.value) for c in app.caption)  # not what one waited


def test_the_briefs_searched_are_chosen_in_the_sidebar(app: AppTest) -> None:
    chooser = app.sidebar.multiselect[0]
    assert set(chooser.value) == {
        "mexico-healthcare-market-trade.txt", "personalized-medicine-mexico.txt"
    }  # fmt: skip
    chooser.set_value(["personalized-medicine-mexico.txt"]).run()
    ask(app, "What were total exports in 2021?")
    assert "Only these briefs were searched" in app.warning[0].value
    assert any(c.value.startswith("Searched: Personalized") for c in app.caption)
    app.sidebar.multiselect[0].set_value([]).run()
    ask(app, "Who is Jorge Melendez?")
    assert app.error[0].value.startswith("no brief chosen")


def test_the_short_answer_is_marked_in_the_answer(app: AppTest) -> None:
    ask(app, "When is the World Health Expo?")
    assert "**June 17\\-19, 2026**" in markdown(app)


def test_follow_up_shows_what_it_was_interpreted_as(app: AppTest) -> None:
    ask(app, "What were total exports in 2021?")
    ask(app, "And in 2022?")
    assert "Interpreted as: What were total exports in 2022?" in [c.value for c in app.caption]


def chart_spec(at: AppTest) -> dict[str, object]:
    return json.loads(at.get("vega_lite_chart")[0].proto.spec)


def test_figure_answer_has_table_chart_and_calculation(app: AppTest) -> None:
    ask(app, "How much did imports fall from 2020 to 2022?")
    frame = app.table[0].value
    assert list(frame["period"]) == ["2020", "2022"]
    assert list(frame["value"]) == ["12.1 USD billions", "10.25 USD billions"]
    assert list(frame.columns) == ["period", "value", "row"]  # narrow: it fits a phone
    assert app.code[0].value == "10.25 - 12.1 = -1.85; (10.25 - 12.1) / 12.1 x 100 = -15.29%"
    spec = chart_spec(app)
    assert spec["mark"]["type"] == "bar"  # a two-year change: a pair of bars
    assert any("Secretaría de Economía" in c.value for c in app.caption)  # provenance line


def test_a_rate_series_is_one_line_with_its_estimate_marked(app: AppTest) -> None:
    ask(app, "What were the exchange rates from 2020 to 2024?")
    spec = chart_spec(app)
    line, points = spec["layer"]
    assert line["mark"]["type"] == "line" and "color" not in line["encoding"]  # one line
    assert points["encoding"]["shape"]["field"] == "kind"  # 2024 (est.) marked on it
    y, x = line["encoding"]["y"], line["encoding"]["x"]
    assert y["scale"]["zero"] is False and y["title"] == "per USD"
    assert spec["title"] == "Exchange Rates"
    assert x["axis"]["labelAngle"] == 0
    assert "2024 (est.)" in list(app.table[0].value["period"])


def test_abstention_is_shown_as_such_with_related_passages(app: AppTest) -> None:
    ask(app, "What is the capital of France?")
    assert app.warning[0].value.startswith("The briefs do not contain an answer")
    assert any(e.label.startswith("Related passages") for e in app.expander)


def test_a_blank_question_makes_no_bubble_and_a_long_one_is_kept(app: AppTest) -> None:
    ask(app, "   ")
    assert len(app.chat_message) == 0 and len(app.error) == 0
    assert app.toast[0].value.startswith("Type a question")
    # A question over the limit (pasted whole) is not asked and not lost: it is kept in a
    # box to shorten, with the limit said.
    long = "Who is Héctor Barillas? " + "Tell me everything. " * 120
    assert len(long) > MAX_QUESTION_CHARS
    ask(app, long)
    assert len(app.chat_message) == 0 and len(app.error) == 0
    assert f"up to {MAX_QUESTION_CHARS:,}" in app.warning[0].value
    kept = next(t for t in app.text_area if t.key == "shortened")
    assert kept.value == long
    longer = long + "And the rest. " * 10  # a second long one: the box shows it, not the first
    ask(app, longer)
    kept = next(t for t in app.text_area if t.key == "shortened")
    assert kept.value == longer and f"{len(longer.strip()):,} characters" in app.warning[0].value
    kept.set_value("Who is Héctor Barillas?").run()
    next(b for b in app.button if b.label == "Ask this question").click().run()
    assert not app.exception and len(app.chat_message) == 2  # asked, and answered
    assert "Wiener Lab" in markdown(app) and len(app.warning) == 0


def test_html_in_a_question_is_shown_as_text(app: AppTest) -> None:
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    ask(app, payload)
    shown = [m.value for m in app.chat_message[0].markdown]
    assert (
        shown[0]
        == '\\<script\\>alert\\(1\\)\\</script\\>\\<img src\\=x onerror\\="alert\\(2\\)"\\>'
    )


def test_reingest_and_starters_and_export(app: AppTest) -> None:
    starters = [b for b in app.sidebar.button if b.label.startswith("Who is ")]
    assert starters, "starter questions come from the corpus"
    starters[0].click().run()
    assert app.chat_message and not app.exception
    assert any(b.label == "Download conversation (.md)" for b in app.get("download_button"))
    next(b for b in app.sidebar.button if b.label == "Re-ingest the corpus").click().run()
    assert not app.exception
    deadline = time.monotonic() + 120  # it runs in the background; the panel shows the outcome
    while not app.success and time.monotonic() < deadline:
        time.sleep(0.2)
        app.run()
    assert "Index is up to date: no change" in app.success[0].value.replace("\\", "")
    assert any("Up to date with the corpus." in c.value for c in app.sidebar.caption)


def test_conversation_markdown_has_the_citations(real_settings: Settings) -> None:
    from assistant import Assistant, render_conversation

    session = Assistant.open(real_settings).session()
    answers = [
        session.ask("Who is Héctor Barillas?"),
        session.ask("Which company does he work for?"),
    ]
    text = render_conversation(answers)
    assert "*Interpreted as: Which company does Héctor Barillas work for?*" in text
    assert "1. Personalized Medicine\\: A Potential Ally of Mexico’s Health System" in text


def test_html_in_a_brief_is_shown_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.md").write_text(
        "Widget makers met in Lima.\n"
        'The widget council said <script>alert(1)</script> and <img src=x onerror="alert(2)"> loudly.\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    st.cache_resource.clear()  # the app's shared assistant is per process: start afresh
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    ask(at, "What did the widget council say?")
    quoted = markdown(at)
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in quoted
    assert re.search(r"(?<!\\)<", quoted) is None  # every "<" escaped: Markdown shows it as text


def test_a_missing_corpus_folder_is_named_in_the_sidebar(
    real_settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path / "nonexistent"))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(real_settings.index_dir))
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert not at.exception
    said = " ".join(e.value for e in at.sidebar.error).replace("\\", "")
    assert f"corpus folder {tmp_path / 'nonexistent'}/ does not exist" in said
    assert "Answers come from the index built" in said
    ask(at, "Who is Jorge Melendez?")
    assert "General Director, INMEGEN" in markdown(at)


def test_feedback_is_kept_and_the_conversation_survives_a_reload(
    real_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(real_settings.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(real_settings.index_dir))
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    ask(at, "Who is Héctor Barillas?")
    conversation = at.query_params["c"]
    assert conversation
    at.feedback[0].set_value(0).run()  # thumbs down
    at.text_input[0].set_value("wrong title").run()
    assert not at.exception
    log = FeedbackLog(real_settings.index_dir / "feedback.sqlite")
    kept = [line for line in log.lines() if line["q"] == "Who is Héctor Barillas?"]
    assert kept and kept[-1]["rating"] == "down" and kept[-1]["note"] == "wrong title"
    # the answer as the terminal prints it, sources included, in the Copy popover
    said = render_text(Assistant.open(real_settings).ask("Who is Héctor Barillas?"))
    assert "Wiener Lab" in said and said in [c.value for c in at.code]
    # A reload: a new session opened on the same link finds the conversation.
    again = AppTest.from_file(APP, default_timeout=180)
    again.query_params["c"] = conversation
    again.run()
    assert "Who is Héctor Barillas?" in markdown(again) and "Wiener Lab" in markdown(again)
    ask(again, "Which company does he work for?")  # a follow-up reads the kept turn
    assert any("Héctor Barillas" in c.value for c in again.caption), markdown(again)


def test_a_citation_link_opens_the_passage_highlighted_in_place(
    app: AppTest, real_settings: Settings
) -> None:
    ask(app, "Who is Jorge Melendez?")
    links = [c.value for c in app.code if "doc=" in c.value]
    assert links, "a Copy link beside each citation"
    query = parse_qs(urlsplit(links[0]).query)
    source, start, end = query["doc"][0], int(query["start"][0]), int(query["end"][0])
    text = (real_settings.corpus_dir / source).read_text(encoding="utf-8")
    assert "Melendez" in text[start:end]  # the link names the cited passage
    st.cache_resource.clear()
    opened = AppTest.from_file(APP, default_timeout=180)
    opened.query_params.update({"doc": source, "start": str(start), "end": str(end)})
    opened.run()
    assert not opened.exception
    first = next(m.value for m in opened.markdown if ":orange-background[" in m.value)
    assert "Melendez" in first and len(first) < 12000  # the passage's surroundings, not the brief
    assert any(t.label == "Show the whole document" for t in opened.toggle)
    bad = AppTest.from_file(APP, default_timeout=180)
    bad.query_params.update({"doc": source, "start": "5", "end": str(10**7)})
    bad.run()
    assert "is not in" in bad.error[0].value


def test_a_script_run_parses_no_python_source(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streamlit's "magic" re-parses the script with ast.parse on each run, and CPython 3.11
    before 3.11.8 keeps ast.parse's recursion count per process, not per thread (gh-106905):
    a run beside the background ingest, whose numpy loads parse array headers, failed with
    "SystemError: AST constructor recursion depth mismatch". The app needs no magic
    (`.streamlit/config.toml`, read from the folder the app is started in)."""
    parsed: list[str] = []
    add_magic = magic.add_magic
    monkeypatch.setattr(
        magic, "add_magic", lambda code, path: parsed.append(path) or add_magic(code, path)
    )
    ask(app, "What were total exports in 2021?")
    assert parsed == []


def test_briefs_are_uploaded_and_removed_in_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kenya.md").write_text(
        "Kenya clinics brief\n\nThe Nairobi Clinic Board licenses new clinics.\n", encoding="utf-8"
    )
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("ASSISTANT_MULTILINGUAL", "0")
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    peru = b"Peru pharmacies brief\n\nThe Lima Pharmacy Council inspects pharmacies.\n"
    at.sidebar.file_uploader[0].set_value(
        [
            ("peru.md", peru, "text/markdown"),
            ("notes.md", b"   ", "text/markdown"),
            ("broken.pdf", b"%PDF-1.7 not really a pdf", "application/pdf"),
        ]
    ).run()
    next(b for b in at.sidebar.button if b.label == "Add to the corpus").click().run()
    assert not at.exception
    assert "Added peru.md" in at.sidebar.success[0].value.replace("\\", "")
    assert any("notes.md: the file is empty" in e.value.replace("\\", "") for e in at.sidebar.error)
    assert (corpus / "peru.md").read_bytes() == peru and not (corpus / "notes.md").exists()
    for _ in range(120):  # the background ingest, as the sidebar's watcher sees it
        time.sleep(0.5)
        at.run()
        errors = [e.value.replace("\\", "") for e in at.sidebar.error]
        if any(line.startswith("skipped broken.pdf") for line in errors):
            break  # the ingest's outcome is shown
    assert "peru.md" in at.sidebar.multiselect[0].value  # a new brief is searched too
    # the file the ingest could not read is named with its reason; the others are read
    skipped = [e.value.replace("\\", "") for e in at.sidebar.error]
    assert any(line.startswith("skipped broken.pdf: ") for line in skipped), skipped
    at.sidebar.multiselect[0].set_value(["peru.md"]).run()
    ask(at, "Who inspects pharmacies?")
    assert "Lima Pharmacy Council" in markdown(at)
    at.sidebar.selectbox[0].set_value("peru.md").run()
    next(b for b in at.sidebar.button if b.label == "Remove…").click().run()
    next(b for b in at.button if b.label == "Remove").click().run()
    assert not (corpus / "peru.md").exists() and (corpus / "kenya.md").exists()
    for _ in range(120):  # the index follows, in the background
        time.sleep(0.5)
        at.run()
        if not any("peru.md" in shown for shown in at.sidebar.multiselect[0].options):
            break
    assert [o for o in at.sidebar.multiselect[0].options if "kenya.md" in o] == list(
        at.sidebar.multiselect[0].options
    )
    index = Assistant.open(Settings(corpus_dir=corpus, index_dir=tmp_path / "index"))
    assert list(index.titles()) == ["kenya.md"]  # the index holds the remaining brief only
    at.sidebar.multiselect[0].set_value(["kenya.md"]).run()
    ask(at, "Who inspects pharmacies?")
    last = "\n".join(
        str(e.value) for e in at.chat_message[-1].children.values() if hasattr(e, "value")
    )
    assert "The briefs do not contain" in last and "Lima" not in last, last
