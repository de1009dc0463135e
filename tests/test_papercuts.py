"""Rough edges a first session with the CLI turned up (issue 18's papercuts), each gone."""

from __future__ import annotations

from click.testing import CliRunner

from assistant.chat.session import Session
from assistant.cli import CHAT_HELP, _chat_command, main
from assistant.evaluation import EvalResult, GoldenCase, Outcome
from assistant.types import Answer


def test_help_shows_every_command_summary_whole() -> None:
    result = CliRunner().invoke(main, ["--help"], terminal_width=80)
    commands = result.output.split("Commands:")[1]
    assert "..." not in commands
    assert len(commands.strip().splitlines()) == len(main.commands)  # one line each


def test_an_unknown_chat_command_is_called_unknown() -> None:
    session = Session(answerer=None)  # type: ignore[arg-type] - no command here asks
    said = _chat_command("/foo", "", None, session)  # type: ignore[arg-type]
    assert said.startswith("Unknown command /foo.") and CHAT_HELP in said
    assert _chat_command("/help", "", None, session) == CHAT_HELP  # type: ignore[arg-type]


def test_the_eval_table_is_aligned_whatever_the_category_names() -> None:
    def outcome(category: str, correct: bool) -> Outcome:
        case = GoldenCase(id=category, category=category, question="q")
        answer = Answer(question="q", interpreted_as="q", answer="a", kind="passage")
        return Outcome(case, answer, correct, True, 0, 0)

    result = EvalResult([outcome("text", True), outcome("spanish-unanswerable", False)])
    table = result.report().split("\n\n")[0].splitlines()
    assert len({len(line) for line in table}) == 1, table  # rows as wide as the header
    assert len({line.rindex("%") for line in table[1:]}) == 1, table


def test_a_url_in_an_echoed_question_is_delimited_from_the_closing_quote() -> None:
    from assistant.answer.abstain import echoed

    assert echoed("What is https://example.com/a?b=1?") == "What is <https://example.com/a?b=1>?"
    assert echoed("Is www.example.org, or not?") == "Is <www.example.org>, or not?"
    assert echoed("No link here.") == "No link here."
