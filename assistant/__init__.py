"""Brief Assistant: grounded answers with verbatim citations over a folder of briefs.

from assistant import Assistant
answer = Assistant.open().session().ask("Which institutions apply immunotherapy?")
print(answer.to_dict())
"""

from assistant.answer.render import (
    answer_label,
    citation_link,
    citation_reference,
    escape_markdown,
    locator,
    marked_markdown,
    passage_context,
    passage_window,
    render_conversation,
    render_markdown,
    render_text,
)
from assistant.api import Assistant, IndexStatus, run_ingest
from assistant.chat.session import Session
from assistant.config import Settings
from assistant.errors import AssistantError, BriefError, QuestionError
from assistant.feedback import MAX_NOTE_CHARS
from assistant.text.question import MAX_QUESTION_CHARS
from assistant.types import Answer, Citation, Document, Fact

__all__ = [
    "MAX_NOTE_CHARS",
    "MAX_QUESTION_CHARS",
    "Answer",
    "Assistant",
    "AssistantError",
    "BriefError",
    "Citation",
    "Document",
    "Fact",
    "IndexStatus",
    "QuestionError",
    "Session",
    "Settings",
    "answer_label",
    "citation_link",
    "citation_reference",
    "escape_markdown",
    "locator",
    "marked_markdown",
    "passage_context",
    "passage_window",
    "render_conversation",
    "render_markdown",
    "render_text",
    "run_ingest",
]
