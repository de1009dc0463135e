"""The CLI: contract output, batch, bad input as one line and an exit code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant import Settings
from assistant.cli import main
from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.model


@pytest.fixture
def env(real_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(real_settings.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(real_settings.index_dir))
    return real_settings


def test_ask_prints_the_answer_with_its_sources(env: Settings) -> None:
    result = CliRunner().invoke(main, ["ask", "Who is Jorge Melendez?"])
    assert result.exit_code == 0, result.output
    assert "General Director, INMEGEN [1]." in result.output
    assert "Sources:" in result.output and "personalized-medicine-mexico.txt" in result.output


def test_ask_json_is_the_contract(env: Settings) -> None:
    result = CliRunner().invoke(main, ["ask", "When is the World Health Expo?", "--json"])
    data = json.loads(result.stdout)
    assert data["kind"] == "passage" and "June 17-19, 2026" in data["answer"]
    citation = data["citations"][0]
    text = (env.corpus_dir / citation["source"]).read_text(encoding="utf-8")
    assert text[citation["start"] : citation["end"]] == citation["text"]


def test_batch_answers_each_line_in_order(env: Settings, tmp_path: Path) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        json.dumps({"q": "Who is Héctor Barillas?"}) + "\n"
        + "not json\n"
        + json.dumps({"q": "What is the capital of France?", "history": ["Who is Jorge Melendez?"]})
        + "\n"
        + json.dumps({"q": "   "}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    result = CliRunner().invoke(main, ["ask", "--batch", str(batch)])
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["kind"] for a in answers] == ["passage", "abstain", "abstain", "abstain"]
    assert "Wiener Lab" in answers[0]["answer"]
    assert "line 2 is not" in answers[1]["answer"]
    assert answers[2]["related"]
    assert answers[3]["answer"].startswith("empty question")


@pytest.mark.parametrize("question", ["", "   \n\t"])
def test_empty_question_is_one_line_and_exit_2(env: Settings, question: str) -> None:
    result = CliRunner().invoke(main, ["ask", question])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: empty question")


def test_ingest_again_says_no_change(env: Settings) -> None:
    result = CliRunner().invoke(main, ["ingest"])
    assert result.exit_code == 0
    assert "no change" in result.stdout


def test_missing_index_is_built_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    result = CliRunner().invoke(main, ["ask", "Who wrote the article?"])
    assert result.exit_code == 0
    assert "No index at" in result.stderr and "Ingested: 2 added" in result.stderr
    assert "Sofía Garduño" in result.stdout


def run_cli(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        cwd=cwd,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_first_ingest_says_each_step_and_no_library_noise(tmp_path: Path) -> None:
    env = {"ASSISTANT_CORPUS_DIR": str(CORPUS), "ASSISTANT_INDEX_DIR": str(tmp_path / "ix")}
    result = run_cli("ingest", cwd=tmp_path, env=env)  # a new index: the model is converted
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[:2] == ["loading the embedding model…", lines[1]]
    assert lines[1].startswith("embedding model ready (")
    assert all(line.startswith("[") for line in lines[2:]), lines  # one line a file
    assert "Warning" not in result.stderr and "Loading weights" not in result.stderr


def test_empty_corpus_folder_is_one_line_naming_it(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    env = {
        "ASSISTANT_CORPUS_DIR": str(tmp_path / "empty"),
        "ASSISTANT_INDEX_DIR": str(tmp_path / "ix"),
    }
    result = run_cli("ask", "anything?", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: corpus folder {tmp_path / 'empty'}/ holds no brief"
        " (.csv, .htm, .html, .md, .pdf, .tsv, .txt, .xlsx); add some"
    )
    assert "Traceback" not in result.stderr


def test_bad_setting_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    result = run_cli("ingest", cwd=tmp_path, env={"ASSISTANT_CHUNK_SIZE": "big"})
    assert result.returncode == 1
    assert result.stderr == "error: ASSISTANT_CHUNK_SIZE='big' is not a valid int\n"


def test_python_dash_m_and_help_work(tmp_path: Path) -> None:
    result = run_cli("--help", cwd=tmp_path, env={})
    assert result.returncode == 0
    for command in ("ingest", "ask", "chat", "eval"):
        assert command in result.stdout


def test_chat_answers_resets_and_quits(env: Settings) -> None:
    result = CliRunner().invoke(main, ["chat"], input="Who is Jorge Melendez?\n\n/reset\n/quit\n")
    assert result.exit_code == 0
    assert "General Director, INMEGEN" in result.output
    assert "Started a new conversation." in result.output


def test_chat_searches_only_the_briefs_chosen(env: Settings) -> None:
    script = "What were total exports in 2021?\nWho is Jorge Melendez?\n/quit\n"
    chosen = ["chat", "--source", "personalized-medicine-mexico.txt"]
    result = CliRunner().invoke(main, chosen, input=script)
    assert result.exit_code == 0, result.output
    assert "searching personalized-medicine-mexico.txt only" in result.output
    assert "Only these briefs were searched" in result.output  # the trade brief's figure: no
    assert "General Director, INMEGEN" in result.output  # the chosen brief answers
    assert result.output.count("Searched: personalized-medicine-mexico.txt") == 2
    unknown = CliRunner().invoke(main, ["chat", "--source", "chile.md"], input="/quit\n")
    assert unknown.exit_code == 2 and "no brief named chile.md" in unknown.output


def test_chat_resolves_follow_ups_and_exports(env: Settings, tmp_path: Path) -> None:
    export = tmp_path / "talk.md"
    script = f"Who is Héctor Barillas?\nWhich company does he work for?\n/sources 1\n/export {export}\n/quit\n"
    result = CliRunner().invoke(main, ["chat"], input=script)
    assert result.exit_code == 0
    assert "Interpreted as: Which company does Héctor Barillas work for?" in result.output
    assert "»“In Mexico, this trend is gaining momentum" in result.output  # the quote in context
    saved = export.read_text(encoding="utf-8")
    assert saved.startswith("# Conversation with Brief Assistant")
    assert "*Interpreted as: Which company does Héctor Barillas work for?*" in saved
    assert "Wiener Lab" in saved


def test_batch_goes_on_after_a_question_that_fails(
    env: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.chat.session import Session

    real_ask = Session.ask

    def failing(self: Session, question: str) -> object:
        if "boom" in question:
            raise KeyError("2019")
        return real_ask(self, question)

    monkeypatch.setattr(Session, "ask", failing)
    batch = tmp_path / "q.jsonl"
    lines = ["boom", "When is the World Health Expo?"]
    batch.write_text("".join(json.dumps({"q": q}) + "\n" for q in lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["ask", "--batch", str(batch)])
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["kind"] for a in answers] == ["abstain", "passage"]
    assert answers[0]["answer"] == "error: unexpected KeyError: '2019'"


def test_batch_history_replays_the_conversation(env: Settings, tmp_path: Path) -> None:
    batch = tmp_path / "c.jsonl"
    lines = [{"q": "And in 2022?", "history": ["What were total exports in 2021?"]}]
    batch.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    (answer,) = [
        json.loads(x)
        for x in CliRunner().invoke(main, ["ask", "--batch", str(batch)]).stdout.splitlines()
    ]
    assert answer["interpreted_as"] == "What were total exports in 2022?"
    assert answer["kind"] == "fact" and answer["facts"][0]["value"] == 8.4


def test_a_missing_corpus_folder_is_named_beside_the_answer(
    real_settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "nonexistent"
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(missing))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(real_settings.index_dir))
    result = CliRunner().invoke(main, ["ask", "Who is Jorge Melendez?"])
    assert result.exit_code == 0, result.output
    assert "General Director, INMEGEN [1]." in result.stdout
    assert f"warning: corpus folder {missing}/ does not exist" in result.stderr
    assert "Answers come from the index built" in result.stderr


def test_source_chooses_the_briefs_searched(env: Settings) -> None:
    question = "What were total exports in 2021?"
    trade = CliRunner().invoke(
        main, ["ask", question, "--source", "mexico-healthcare-market-trade.txt", "--json"]
    )
    data = json.loads(trade.stdout)
    assert data["kind"] == "fact" and data["searched"] == ["mexico-healthcare-market-trade.txt"]
    other = CliRunner().invoke(
        main, ["ask", question, "--source", "personalized-medicine-mexico.txt"]
    )
    assert other.exit_code == 0, other.output
    assert "Only these briefs were searched" in other.output
    assert "Searched: personalized-medicine-mexico.txt" in other.output
    both = CliRunner().invoke(
        main,
        ["ask", question, "--json", "--source", "personalized-medicine-mexico.txt",
         "--source", "mexico-healthcare-market-trade.txt"],
    )  # fmt: skip
    assert len(json.loads(both.stdout)["searched"]) == 2
    bad = CliRunner().invoke(main, ["ask", question, "--source", "chile.md"])
    assert bad.exit_code == 2 and "no brief named chile.md" in bad.output
    assert "Traceback" not in bad.output
