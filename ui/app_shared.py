"""The one assistant every browser session shares, the re-ingest it may be running in the
background, and the two helpers that show corpus text as text (never Markdown or HTML).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

import streamlit as st

from assistant import (
    Assistant,
    AssistantError,
    Settings,
    escape_markdown,
)


def plain(text: str) -> str:
    """Text that Markdown shows as written: every special character escaped, lines kept."""
    return escape_markdown(text).replace("\n", "  \n")


def highlighted(before: str, passage: str, after: str) -> str:
    return f"{plain(before)}:orange-background[{plain(passage)}]{plain(after)}"


# An ingest's per-file line: "[3/7] brief.md: 12 chunks (4.1 s)". (A comment, not a
# docstring: Streamlit would show a bare string on the page.)
PROGRESS = re.compile(r"\[(\d+)/(\d+)\] ")


# Within one long file: "  brief.md: 1024/3600 units embedded".
UNITS = re.compile(r"(\d+)/(\d+) units embedded$")


@dataclass
class IngestJob:
    """A re-ingest running in a background thread; every session sees its progress."""

    lines: list[str] = field(default_factory=list)
    outcome: str = ""
    failed: bool = False
    done: threading.Event = field(default_factory=threading.Event)
    started: float = field(default_factory=time.monotonic)
    again: bool = False
    """Set when the corpus changed during the run (a brief added meanwhile): run once more."""

    def run(self, assistant: Assistant) -> None:
        try:
            while True:
                self.again = False
                self.outcome = assistant.reingest(progress=self.lines.append).summary()
                if not self.again:
                    break
        except AssistantError as error:
            self.outcome, self.failed = str(error), True
        except Exception as error:  # noqa: BLE001 - said in the app, never a traceback
            self.outcome, self.failed = f"unexpected {type(error).__name__}: {error}", True
        finally:
            self.done.set()

    @property
    def running(self) -> bool:
        return not self.done.is_set()

    def fraction(self) -> float:
        """How far it got: by the last line that says (files done, or units of a long file)."""
        for line in reversed(self.lines):
            if match := PROGRESS.match(line) or UNITS.search(line):
                return int(match[1]) / int(match[2])
        return 0.0


@dataclass
class Shared:
    """One assistant for every browser session (it answers from several threads at once),
    and the re-ingest running in the background, if any."""

    assistant: Assistant
    lock: threading.Lock = field(default_factory=threading.Lock)
    job: IngestJob | None = None

    def start_ingest(self) -> IngestJob:
        """The re-ingest under way, or a new one started in the background."""
        with self.lock:
            if self.job is None or not self.job.running:
                self.job = IngestJob()
                worker = threading.Thread(target=self.job.run, args=(self.assistant,), daemon=True)
                worker.start()
            else:
                self.job.again = True  # it may have listed the corpus already
            return self.job

    @property
    def skipped(self) -> list[str]:
        """The last ingest's files it could not read, each with its reason."""
        lines = self.job.lines if self.job else []
        return [line.removeprefix("warning: ") for line in lines if "skipped" in line[:17]]


@st.cache_resource(show_spinner="Loading the briefs and the model…")
def shared() -> Shared:
    assistant = Assistant.open(Settings.from_env())
    assistant.ask("warm up")  # load the model now, so the first answer comes quickly
    return Shared(assistant)
