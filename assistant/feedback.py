"""What the app keeps of its users' work, in SQLite in the index folder (beside the
versions, so a re-ingest keeps it):

- `FeedbackLog` (`index/feedback.sqlite`): a thumbs up or down and an optional note on an
  answer, exported as golden-set question lines for a person to review (`assistant
  feedback --export FILE.jsonl`);
- `ConversationLog` (`index/conversations.sqlite`): each conversation's turns, so a page
  reload (or a link to the conversation) finds it again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from assistant.errors import QuestionError
from assistant.storage.sqlite import Database
from assistant.types import Answer, Language

FEEDBACK = "feedback.sqlite"
CONVERSATIONS = "conversations.sqlite"
MAX_NOTE_CHARS = 2000
Rating = Literal["up", "down"]
CATEGORY = {"fact": "figure", "passage": "text", "abstain": "unanswerable"}
"""The golden-set category an answer of each kind is exported under."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    key TEXT PRIMARY KEY, at TEXT NOT NULL, rating TEXT NOT NULL, note TEXT NOT NULL,
    history TEXT NOT NULL, answer TEXT NOT NULL);
"""


class FeedbackLog:
    """The feedback given so far; one entry per answer (`key`), the last rating kept."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = Database(path, SCHEMA)

    def record(
        self,
        answer: Answer,
        rating: Rating,
        *,
        key: str,
        note: str = "",
        history: Sequence[str] = (),
    ) -> None:
        """Keep (or replace) the feedback on one answer: `key` names it (a conversation and
        turn), `history` is the conversation's earlier questions."""
        if rating not in ("up", "down"):
            raise QuestionError(f"rating must be 'up' or 'down', not {rating!r}")
        note = " ".join(note.split())
        if len(note) > MAX_NOTE_CHARS:
            raise QuestionError(f"note too long ({len(note)} characters; at most {MAX_NOTE_CHARS})")
        self.db.run(
            "INSERT OR REPLACE INTO feedback VALUES (?, ?, ?, ?, ?, ?)",
            (
                key,
                datetime.now(UTC).isoformat(timespec="seconds"),
                rating,
                note,
                json.dumps(list(history), ensure_ascii=False),
                json.dumps(answer.to_dict(), ensure_ascii=False),
            ),
        )
        self.db.commit()

    def count(self) -> int:
        return int(self.db.fetchone("SELECT COUNT(*) FROM feedback")[0])

    def summary(self) -> str:
        """ "3 answers rated (2 up, 1 down)"."""
        rows = self.db.fetchall("SELECT rating, COUNT(*) FROM feedback GROUP BY rating")
        counts = {rating: int(n) for rating, n in rows}
        total = sum(counts.values())
        noun = "answer" if total == 1 else "answers"
        return f"{total} {noun} rated ({counts.get('up', 0)} up, {counts.get('down', 0)} down)"

    def lines(self) -> list[dict[str, object]]:
        """Each entry as a golden-set question line, oldest first, for a person to review:
        a liked answer's short answer as `expect` and its first citation as `evidence`; a
        disliked one with `expect` empty, to be written by hand."""
        rows = self.db.fetchall(
            "SELECT rating, note, history, answer FROM feedback ORDER BY at, rowid"
        )
        out: list[dict[str, object]] = []
        for n, (rating, note, history, stored) in enumerate(rows, 1):
            answer = json.loads(stored)
            line: dict[str, object] = {
                "id": f"feedback-{n}",
                "category": CATEGORY.get(answer["kind"], "text"),
                "q": answer["question"],
            }
            if json.loads(history):
                line["history"] = json.loads(history)
            if answer["kind"] != "abstain":
                value = (answer.get("value") or {}).get("text", "")
                line["expect"] = [value] if rating == "up" and value else []
                if answer["citations"]:
                    line["evidence"] = answer["citations"][0]["text"]
            line.update(rating=rating, note=note, answer=answer["answer"])
            out.append(line)
        return out

    def export(self, path: Path) -> int:
        """Write `lines()` to `path` as JSONL; how many were written."""
        lines = self.lines()
        text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        path.write_text(text, encoding="utf-8")
        return len(lines)


TURNS = """
CREATE TABLE IF NOT EXISTS turns (
    conversation TEXT NOT NULL, n INTEGER NOT NULL, at TEXT NOT NULL, question TEXT NOT NULL,
    answer TEXT, language TEXT NOT NULL, error TEXT NOT NULL, PRIMARY KEY (conversation, n));
"""


class ConversationLog:
    """The turns of every conversation: a question with its answer, or the one-line error
    it got instead."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = Database(path, TURNS)

    def append(
        self, conversation: str, question: str, answer: Answer | None, error: str = ""
    ) -> None:
        row = self.db.fetchone(
            "SELECT COALESCE(MAX(n), -1) + 1 FROM turns WHERE conversation = ?", (conversation,)
        )
        self.db.run(
            "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                conversation,
                int(row[0]),
                datetime.now(UTC).isoformat(timespec="seconds"),
                question,
                json.dumps(answer.to_dict(), ensure_ascii=False) if answer else None,
                answer.language if answer else "en",
                error,
            ),
        )
        self.db.commit()

    def turns(self, conversation: str) -> list[tuple[str, Answer | None, str]]:
        """(question, answer or None, error) of each turn, in order."""
        rows = self.db.fetchall(
            "SELECT question, answer, language, error FROM turns WHERE conversation = ? ORDER BY n",
            (conversation,),
        )
        return [
            (question, _answer(stored, language) if stored else None, error)
            for question, stored, language, error in rows
        ]


def _answer(stored: str, language: str) -> Answer:
    spoken: Language = "es" if language == "es" else "en"
    return Answer.from_dict(json.loads(stored), language=spoken)
