"""Soak: answering never fails while ingests add, change and remove briefs.

Eight answerers (six threads of one assistant, and two loops of `assistant ask --batch`
processes) ask during five ingests and one ingest killed with SIGKILL halfway, against
embedded Chroma and a real Chroma server: no errors, no rebuilds, and every answer's
citations are verbatim against one state of the corpus. Bounded to a few minutes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.ingest.build import ingest
from tests.conftest import ROOT

pytestmark = [pytest.mark.model, pytest.mark.soak]

CLI = str(ROOT / ".venv" / "bin" / "assistant")
THREADS = 6
PROCESSES = 2
QUESTIONS = (
    "When does the widget council meet?",
    "What were widget exports in 2021?",
    "How much did widget exports change from 2020 to 2021?",
    "Which port ships the most gadgets?",
    "Who chairs the gadget board?",
    "What is the population of Mars?",
)
WIDGETS = (
    "Widgets in Lima\n"
    "The widget council meets every March in Lima.\n"
    "Table: Widget Trade (USD Millions)\n"
    "| | 2020 | 2021 |\n"
    "| Widget Exports | 12.5 | {exports} |\n"
    "Source: Widget Board\n"
)
GADGETS = "Gadgets in Quito\nCallao ships the most gadgets in the region.\nAnn Lee chairs the gadget board.\n"
SPROCKETS = "Sprockets in Cusco\nThe sprocket guild meets in June.\n"


def filler(sentences: int) -> str:
    """A long brief (many units to embed), so that an ingest can be killed halfway."""
    lines = [
        f"Report line {n}: the harbour of town {n} handled {n * 7} crates."
        for n in range(sentences)
    ]
    return "Harbour logbook\n" + "\n".join(lines) + "\n"


class Corpus:
    """The corpus folder, and every state it was in when an ingest started."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.states: list[dict[str, str]] = []

    def write(self, **files: str | None) -> None:
        """Write (or, with None, delete) files, then remember the whole corpus as a state."""
        for name, text in files.items():
            path = self.folder / name.replace("_", ".")
            if text is None:
                path.unlink()
            else:
                path.write_text(text, encoding="utf-8")
        self.states.append(
            {p.name: p.read_text(encoding="utf-8") for p in sorted(self.folder.iterdir())}
        )

    def holds(self, answer: dict[str, object]) -> bool:
        """Whether one state of the corpus has every passage the answer cites, verbatim."""
        passages = list(answer["citations"]) + list(answer["related"])  # type: ignore[call-overload]
        return any(
            all(state.get(c["source"], "")[c["start"] : c["end"]] == c["text"] for c in passages)
            for state in self.states
        )


@pytest.fixture(params=["embedded", "server"])
def soak_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    (tmp_path / "corpus").mkdir()
    url = request.getfixturevalue("chroma_url") if request.param == "server" else None
    yield Settings(
        corpus_dir=tmp_path / "corpus",
        index_dir=tmp_path / "index",
        chroma_url=url,
        multilingual=False,
    )


def cli_env(settings: Settings) -> dict[str, str]:
    env = {
        **os.environ,
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "ASSISTANT_MULTILINGUAL": "0",
    }
    if settings.chroma_url:
        env["ASSISTANT_CHROMA_URL"] = settings.chroma_url
    return env


def test_answers_hold_while_ingests_change_the_corpus(
    soak_settings: Settings, tmp_path: Path
) -> None:
    settings = soak_settings
    corpus = Corpus(settings.corpus_dir)
    corpus.write(widgets_md=WIDGETS.format(exports=14), gadgets_txt=GADGETS)
    ingest(settings)
    assistant = Assistant.open(settings)

    answers: list[dict[str, object]] = []
    batches: list[int] = []  # one entry per finished `assistant ask --batch` process
    problems: list[str] = []
    stop = threading.Event()
    batch = tmp_path / "questions.jsonl"
    batch.write_text("".join(json.dumps({"q": q}) + "\n" for q in QUESTIONS), encoding="utf-8")

    def thread_answerer() -> None:
        while not stop.is_set():
            for question in QUESTIONS:
                try:
                    answers.append(assistant.ask(question).to_dict())
                except Exception as error:  # noqa: BLE001 - every error is a failure here
                    problems.append(f"thread: {type(error).__name__}: {error}")

    def process_answerer() -> None:
        while not stop.is_set():
            done = subprocess.run(
                [CLI, "ask", "--batch", str(batch)],
                env=cli_env(settings),
                capture_output=True,
                text=True,
                timeout=120,
            )
            if done.returncode != 0 or done.stderr.strip():
                problems.append(f"process (exit {done.returncode}): {done.stderr.strip()}")
            answers.extend(json.loads(line) for line in done.stdout.splitlines())
            batches.append(done.returncode)

    workers = [threading.Thread(target=thread_answerer) for _ in range(THREADS)]
    workers += [threading.Thread(target=process_answerer) for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()

    def meanwhile() -> None:
        """Let every answerer answer between two ingests: each process loop finishes a
        batch it started after this point (bounded, 90 s)."""
        target, deadline = len(batches) + 2 * PROCESSES, time.monotonic() + 90
        while len(batches) < target and time.monotonic() < deadline and not problems:
            time.sleep(0.05)
        assert len(batches) >= target, f"the ask processes stopped answering: {problems}"

    try:
        meanwhile()
        corpus.write(sprockets_md=SPROCKETS)  # add
        assert ingest(settings).added == ["sprockets.md"]
        meanwhile()
        corpus.write(widgets_md="Revised in May.\n" + WIDGETS.format(exports=15))  # change
        assert ingest(settings).changed == ["widgets.md"]
        meanwhile()
        # kill -9 an ingest halfway through a long new brief: nothing is lost
        corpus.write(harbour_txt=filler(3000))
        killed = subprocess.Popen(
            [CLI, "ingest"], env=cli_env(settings), stderr=subprocess.PIPE, text=True
        )
        assert killed.stderr is not None
        for line in killed.stderr:  # until it is halfway through embedding the long brief
            if "units embedded" in line:
                break
        killed.send_signal(signal.SIGKILL)
        assert killed.wait(timeout=30) == -signal.SIGKILL
        meanwhile()
        assert ingest(settings).added == ["harbour.txt"]  # the next ingest does the work
        meanwhile()
        corpus.write(gadgets_txt=None)  # remove
        assert ingest(settings).removed == ["gadgets.txt"]
        meanwhile()
        corpus.write(sprockets_md=SPROCKETS + "The guild has 40 members.\n")  # change again
        assert ingest(settings).changed == ["sprockets.md"]
        meanwhile()
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=180)

    assert problems == []
    assert len(answers) >= 10 * len(QUESTIONS)
    unheld = [a["question"] for a in answers if not corpus.holds(a)]
    assert unheld == []
    assert assistant.check() == []
    kept = sorted(p.name for p in (settings.index_dir / "versions").iterdir())
    assert kept == [assistant.version_name]  # no reader left a half-made version behind
    final = assistant.ask("What were widget exports in 2021?")
    assert "US$15 million" in final.answer
