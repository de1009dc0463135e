"""Brief Assistant: the Streamlit chat app (`make run`). Uses only the public API.

This file is the page and the conversation (its turns, kept by the id in the URL); beside
it, `app_answers.py` shows one answer, `app_sidebar.py` the briefs, the index and the
starters, and `app_shared.py` holds the one assistant every session shares.

Corpus and question text are always shown as text: Markdown characters are escaped and
no HTML is ever rendered (`unsafe_allow_html` is never used).
"""

from __future__ import annotations

import uuid

import streamlit as st
from app_answers import Turn, linked_passage, show_answer
from app_shared import plain, shared
from app_sidebar import sidebar

from assistant import (
    MAX_QUESTION_CHARS,
    AssistantError,
    QuestionError,
    render_conversation,
)
from assistant.text.question import tidy

st.set_page_config(page_title="Brief Assistant", page_icon="📑", layout="wide")


def state() -> list[Turn]:
    """This conversation's turns. Its id is in the page's URL (`?c=...`): a reload, or the
    link opened elsewhere, finds the conversation again (kept in the index folder)."""
    if "turns" not in st.session_state:
        assistant = shared().assistant
        conversation = st.query_params.get("c") or uuid.uuid4().hex[:16]
        st.query_params["c"] = conversation
        kept = assistant.conversations.turns(conversation)
        st.session_state.conversation = conversation
        st.session_state.turns = [Turn(q, a, e) for q, a, e in kept]
        st.session_state.session = assistant.session()
        st.session_state.session.resume([(q, a) for q, a, _ in kept if a is not None])
    turns: list[Turn] = st.session_state.turns
    return turns


def ask(question: str) -> None:
    state()  # the conversation, started if this is its first question
    chosen = st.session_state.get("scope")
    all_briefs = list(shared().assistant.titles())
    try:
        if chosen is not None and not chosen:
            raise QuestionError("no brief chosen: pick at least one under Briefs in the sidebar")
        scope = () if chosen is None or set(chosen) >= set(all_briefs) else chosen
        turn = Turn(question, st.session_state.session.ask(question, sources=scope), "")
    except QuestionError as error:
        turn = Turn(question, None, str(error))
    except AssistantError as error:
        turn = Turn(question, None, f"error: {error}")
    except Exception as error:  # noqa: BLE001 - one line in the chat, never a traceback
        turn = Turn(question, None, f"error: unexpected {type(error).__name__}: {error}")
    state().append(turn)
    try:
        shared().assistant.conversations.append(
            st.session_state.conversation, turn.question, turn.answer, turn.error
        )
    except Exception as error:  # noqa: BLE001 - the answer is shown; only keeping it failed
        st.toast(f"This turn could not be kept for a reload: {error}")


def keep_question() -> None:
    question = st.session_state.question or ""
    if not question.strip():  # nothing to answer: no empty bubble, no error
        st.toast("Type a question about the briefs first.")
    elif len(tidy(question)) > MAX_QUESTION_CHARS:
        st.session_state.too_long = question  # kept to shorten, never lost
        st.session_state.pop("shortened", None)  # the box shows this one, not an earlier one
    else:
        st.session_state.pending = question


def shorten() -> None:
    """A question over the limit, kept in a box to shorten and ask again."""
    text = st.session_state.too_long
    st.warning(
        f"This question has {len(tidy(text)):,} characters; a question can have up to"
        f" {MAX_QUESTION_CHARS:,}. It is kept here: shorten it and ask it again."
    )
    edited = st.text_area("Your question", value=text, key="shortened", height=160)
    if st.button("Ask this question", key="ask-shortened"):
        if (length := len(tidy(edited))) > MAX_QUESTION_CHARS:
            st.error(f"Still {length:,} characters: up to {MAX_QUESTION_CHARS:,}, please.")
        elif edited.strip():
            del st.session_state.too_long, st.session_state.shortened
            st.session_state.pending = edited
            st.rerun()


def main() -> None:
    st.title("Brief Assistant")
    st.caption(
        "Answers quoted from the briefs, every passage cited; it says so when they do not say."
    )
    sidebar()
    if "doc" in st.query_params:
        linked_passage()
    # The question is kept as soon as it is sent (a callback), so that a page rerun that
    # lands at the same moment cannot drop it.
    # No max_chars: the box would drop a longer paste whole; a long question is kept instead.
    st.chat_input(
        f"Ask about the briefs… (up to {MAX_QUESTION_CHARS:,} characters)",
        key="question",
        on_submit=keep_question,
    )
    pending = st.session_state.pop("pending", None)
    if pending:
        ask(pending)
    for index, turn in enumerate(state()):
        with st.chat_message("user"):
            st.markdown(plain(turn.question))
        with st.chat_message("assistant"):
            show_answer(turn, index)
    if "too_long" in st.session_state:
        shorten()
    answers = [t.answer for t in state() if t.answer is not None]
    if answers:
        st.download_button(
            "Download conversation (.md)",
            render_conversation(answers),
            file_name="conversation.md",
            mime="text/markdown",
            key="download-conversation",
        )


main()
