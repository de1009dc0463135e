"""`assistant ingest | ask | chat | eval`: a thin CLI over the public API."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any, TextIO

import click

from assistant.answer.render import (
    render_conversation,
    render_in_context,
    render_text,
    visible,
)
from assistant.api import Assistant, check_sources, run_ingest
from assistant.chat.session import Session
from assistant.config import Settings
from assistant.errors import AssistantError, QuestionError
from assistant.feedback import FEEDBACK, FeedbackLog
from assistant.types import Answer


def _echo_err(line: str) -> None:
    click.echo(visible(line), err=True)


def _handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Errors become one line on stderr: exit 2 for a bad question, 1 otherwise."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except QuestionError as error:
            _echo_err(f"error: {error}")
            sys.exit(2)
        except AssistantError as error:
            _echo_err(f"error: {error}")
            sys.exit(1)
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as error:  # noqa: BLE001 - the CLI never shows a traceback
            _echo_err(f"error: unexpected {type(error).__name__}: {error}")
            sys.exit(1)

    return wrapper


def _open() -> Assistant:
    """The assistant, after saying on stderr what is wrong with the corpus folder, if anything."""
    assistant = Assistant.open(Settings.from_env(), progress=_echo_err)
    problem = assistant.corpus_problem()
    if problem:
        _echo_err(f"warning: {problem}")
    return assistant


@click.group()
@click.version_option(package_name="brief-assistant")
def main() -> None:
    """Grounded answers with verbatim citations from the briefs in corpus/.

    \b
    Examples:
      assistant ingest
      assistant ask "Which institutions apply personalized immunotherapy?"
      assistant ask "What were total exports in 2021?" --json
      assistant ask --batch questions.jsonl
      assistant chat
      assistant eval
    """


@main.command(short_help="Index the corpus: only the files that changed.")
@_handle_errors
def ingest() -> None:
    """Index the corpus: add new files, replace changed ones, drop deleted ones."""
    report = run_ingest(Settings.from_env(), progress=_echo_err)
    for source, reason in report.skipped:
        _echo_err(f"skipped {source}: {reason}")
    click.echo(report.summary())


SOURCE = click.option(
    "--source",
    multiple=True,
    metavar="NAME",
    help="Search only this brief (its file name, as `assistant facts` and the app list it); "
    "repeat for several.",
)


@main.command(short_help="Answer a question from the briefs, with its sources.")
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
@click.option(
    "--batch",
    type=click.File("r", encoding="utf-8"),
    help='JSONL file of {"q": ..., "history": [...]}; prints one JSON answer a line.',
)
@SOURCE
@_handle_errors
def ask(question: str | None, as_json: bool, batch: TextIO | None, source: tuple[str, ...]) -> None:
    """Answer QUESTION from the briefs, with its sources.

    \b
    Examples:
      assistant ask "Who is Héctor Barillas?"
      assistant ask "How much did out-of-pocket expenses rise?" --json
      assistant ask "What were total exports in 2021?" --source mexico-healthcare-market-trade.txt
      assistant ask --batch conversation.jsonl
    """
    if batch is not None:
        assistant = _open()
        for answer in _answer_batch(assistant, batch, source):
            click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        return
    if question is None or not question.strip():
        raise QuestionError('empty question: give a question, e.g. assistant ask "Who is ...?"')
    answer = _open().session(sources=source).ask(question)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(answer) + _searched_line(answer, source))


def _searched_line(answer: Answer, chosen: tuple[str, ...]) -> str:
    """ "Searched: a.md, b.md" under an answer from some briefs only."""
    return f"\nSearched: {', '.join(answer.searched)}" if chosen else ""


def _answer_batch(
    assistant: Assistant, lines: TextIO, sources: tuple[str, ...] = ()
) -> Iterator[Answer]:
    """One answer per line; a bad line gets an abstention that says what is wrong with it."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            question, history = str(item["q"]), [str(h) for h in item.get("history", [])]
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
            yield _refusal(
                line.strip(), f'line {number} is not {{"q": ..., "history": [...]}} ({error})'
            )
            continue
        session = assistant.session(sources=sources)
        try:
            for earlier in history:
                session.ask(earlier)
            yield session.ask(question)
        except QuestionError as error:
            yield _refusal(question, str(error))
        except Exception as error:  # noqa: BLE001 - one question's fault loses no other answer
            yield _refusal(question, f"error: unexpected {type(error).__name__}: {error}")


def _refusal(question: str, message: str) -> Answer:
    return Answer(question=question, interpreted_as=question, answer=message, kind="abstain")


CHAT_HELP = """Commands:
  /sources N      show citation N of the last answer in its context
  /export FILE.md save the conversation with its citations
  /reset          start a new conversation
  /help           this list
  /quit           leave"""


@main.command(short_help="A conversation: follow-ups read the earlier turns.")
@SOURCE
@_handle_errors
def chat(source: tuple[str, ...]) -> None:
    """Ask questions one after another; follow-ups ("And in 2022?") use the conversation.

    \b
    Examples:
      assistant chat
      printf 'Who is Héctor Barillas?\\nWhich company does he work for?\\n' | assistant chat
    """
    import readline  # noqa: F401 - line editing and history for input()

    assistant = _open()
    check_sources(source, assistant.titles())
    session = assistant.session(sources=source)
    scope = f" (searching {', '.join(sorted(source))} only)" if source else ""
    click.echo(f"Ask about the briefs{scope}. /help lists the commands.")
    while True:
        try:
            line = click.prompt("you", prompt_suffix="> ", default="", show_default=False)
        except (EOFError, click.Abort):
            click.echo()
            return
        command, _, argument = line.strip().partition(" ")
        if command in ("/quit", "/exit"):
            return
        if command.startswith("/"):
            click.echo(visible(_chat_command(command, argument.strip(), assistant, session)))
            continue
        if not command:
            continue
        try:
            click.echo(render_text(answer := session.ask(line)) + _searched_line(answer, source))
            click.echo()
        except QuestionError as error:
            click.echo(visible(f"error: {error}"))


def _chat_command(command: str, argument: str, assistant: Assistant, session: Session) -> str:
    answers = [turn.answer for turn in session.turns]
    if command == "/reset":
        session.reset()
        return "Started a new conversation."
    if command == "/sources":
        if not answers:
            return "No answer yet."
        passages = answers[-1].citations or answers[-1].related
        chosen = [c for c in passages if argument in ("", str(c.n))]
        if not chosen:
            return f"The last answer has no citation {argument}; it has 1-{len(passages)}."
        return "\n\n".join(render_in_context(c, assistant.source_text(c.source)) for c in chosen)
    if command == "/export":
        if not argument:
            return "Give a file name: /export conversation.md"
        path = Path(argument)
        try:
            path.write_text(render_conversation(answers), encoding="utf-8")
        except OSError as error:
            return f"Cannot write {path}: {error.strerror}"
        return f"Saved {len(answers)} answers to {path}."
    if command == "/help":
        return CHAT_HELP
    return f"Unknown command {command}.\n{CHAT_HELP}"


@main.command(short_help="The HTTP API: /ask, /documents, /facts and more.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@_handle_errors
def serve(host: str, port: int) -> None:
    """Serve the answer contract over HTTP until interrupted; OpenAPI docs at /docs.

    Bound to anything but loopback it needs ASSISTANT_API_TOKEN (a bearer token every
    request then sends as "Authorization: Bearer TOKEN").

    \b
    Examples:
      assistant serve
      curl -s localhost:8000/ask -H 'content-type: application/json' \\
           -d '{"question": "Who is Jorge Melendez?"}'
    """
    from assistant.server import TOKEN_VARIABLE, check_binding
    from assistant.server import serve as run_server

    token = os.environ.get(TOKEN_VARIABLE) or None
    check_binding(host, token)  # before the model is loaded: a refusal comes at once
    assistant = _open()
    _echo_err(f"serving on http://{host}:{port} (docs at /docs); Ctrl-C stops")
    run_server(assistant, host=host, port=port, token=token)


@main.command(name="mcp", short_help="A Model Context Protocol server over stdio.")
@_handle_errors
def mcp_server() -> None:
    """Serve the briefs as MCP tools over stdio (ask, search_passages,
    get_citation_context, list_facts) for a desktop assistant; see the README for a
    client configuration.
    """
    from assistant.mcp_server import run_stdio

    run_stdio()


@main.command(short_help="The app's thumbs up/down; export them to review.")
@click.option(
    "--export",
    "export",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the feedback as golden-set question lines (JSONL) to review.",
)
@_handle_errors
def feedback(export: Path | None) -> None:
    """Feedback given in the app (thumbs up or down, notes): how much, and its export.

    \b
    Examples:
      assistant feedback
      assistant feedback --export feedback.jsonl
    """
    log = FeedbackLog(Settings.from_env().index_dir / FEEDBACK)
    click.echo(log.summary())
    if export is not None:
        try:
            written = log.export(export)
        except OSError as error:
            raise AssistantError(f"cannot write {export}: {error.strerror}") from error
        click.echo(f"Wrote {written} question lines to {export}; review them before adding "
                   "them to tests/golden/questions.jsonl.")  # fmt: skip


@main.command(short_help="List the figures the assistant knows.")
@click.option("--metric", help="Only metrics containing this text (any case).")
@_handle_errors
def facts(metric: str | None) -> None:
    """List the figures the assistant knows: metric, period, value, unit, where written.

    \b
    Examples:
      assistant facts
      assistant facts --metric exports
    """
    from assistant.facts.units import format_value

    rows = _open().list_facts(metric=metric)
    if not rows:
        click.echo("No facts" + (f" for metrics containing {metric!r}." if metric else "."))
        return
    for f in rows:
        value = format_value(f.value, currency=f.currency, scale=f.scale, unit=f.unit)
        flags = ", ".join(x for x in (f.qualifier, "estimate" if f.estimate else "") if x)
        click.echo(
            visible(
                f"{f.metric} | {f.period or '-'} | {value}{f' ({flags})' if flags else ''}"
                f" | {f.source}:{f.start}-{f.end}" + (f" | {f.provenance}" if f.provenance else "")
            )
        )


@main.command(name="eval", short_help="Score the golden set; exit 1 below the bar.")
@click.option(
    "--golden",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=Path("tests/golden/questions.jsonl"),
    show_default=True,
    help="Golden questions, one JSON object a line.",
)
@click.option(
    "--calibrate", is_flag=True, help="Sweep the abstention threshold and report the best."
)
@click.option(
    "--part",
    type=click.Choice(["all", "calibration", "held-out"]),
    default="all",
    show_default=True,
    help="Only the cases of one part of the golden split (held-out: nothing is tuned on it).",
)
@click.option("--verbose", "-v", is_flag=True, help="Print every question that was wrong.")
@_handle_errors
def evaluate(golden: Path, calibrate: bool, part: str, verbose: bool) -> None:
    """Score the assistant on the golden set; exit 1 below the quality thresholds.

    \b
    Examples:
      assistant eval
      assistant eval --part held-out
      assistant eval --calibrate --part calibration
    """
    from assistant.answer.judge import JudgeScorer
    from assistant.answer.verdict import VerdictScorer
    from assistant.evaluation import calibrate as run_calibration
    from assistant.evaluation import golden_part, load_golden, run_eval

    assistant = _open()
    cases = [c for c in load_golden(golden) if part in ("all", golden_part(c.id))]
    if calibrate:
        if isinstance(assistant.scorer, JudgeScorer | VerdictScorer):
            trainer = "judge" if isinstance(assistant.scorer, JudgeScorer) else "verdict"
            click.echo(
                f"English questions: the {trainer} abstains under its own threshold,"
                f" {assistant.scorer.model.threshold:.2f}, learned by bench/train_{trainer}.py"
                " on data apart from the golden set's held-out part."
            )
        else:
            click.echo(run_calibration(assistant, cases).report())
        if any(c.category.startswith("spanish") for c in cases):
            click.echo("\n" + run_calibration(assistant, cases, spanish=True).report())
        return
    result = run_eval(assistant, cases)
    click.echo(result.report(verbose=verbose))
    failures = result.failures()
    if failures:
        for failure in failures:
            _echo_err(f"below threshold: {failure}")
        sys.exit(1)
