"""Brief Assistant: the Streamlit chat app (`make run`). Uses only the public API.

Corpus and question text are always shown as text: Markdown characters are escaped and
no HTML is ever rendered (`unsafe_allow_html` is never used).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from assistant import (
    Answer,
    Assistant,
    AssistantError,
    Citation,
    QuestionError,
    Settings,
    answer_label,
    citation_reference,
    escape_markdown,
    locator,
    passage_context,
    render_conversation,
    render_markdown,
)

st.set_page_config(page_title="Brief Assistant", page_icon="📑", layout="wide")


def plain(text: str) -> str:
    """Text that Markdown shows as written: every special character escaped, lines kept."""
    return escape_markdown(text).replace("\n", "  \n")


def highlighted(before: str, passage: str, after: str) -> str:
    return f"{plain(before)}:orange-background[{plain(passage)}]{plain(after)}"


@dataclass
class Shared:
    """One assistant for every browser session (it answers from several threads at once),
    and a lock so that two sessions do not start a re-ingest together."""

    assistant: Assistant
    ingest_lock: threading.Lock


@st.cache_resource(show_spinner="Loading the briefs and the model…")
def shared() -> Shared:
    assistant = Assistant.open(Settings.from_env())
    assistant.ask("warm up")  # load the model now, so the first answer comes quickly
    return Shared(assistant, threading.Lock())


@dataclass
class Turn:
    question: str
    answer: Answer | None
    error: str
    milliseconds: float


def state() -> list[Turn]:
    if "turns" not in st.session_state:
        st.session_state.turns = []
        st.session_state.session = shared().assistant.session()
    turns: list[Turn] = st.session_state.turns
    return turns


def ask(question: str) -> None:
    start = time.perf_counter()
    try:
        answer = st.session_state.session.ask(question)
        turn = Turn(question, answer, "", (time.perf_counter() - start) * 1000)
    except QuestionError as error:
        turn = Turn(question, None, str(error), 0.0)
    state().append(turn)


@st.dialog("Document", width="large")
def show_document(citation: Citation) -> None:
    text = shared().assistant.source_text(citation.source)
    st.markdown(f"**{plain(citation.title)}** · {plain(citation.source)}")
    before, after = text[: citation.start], text[citation.end :]
    st.markdown(highlighted(before, citation.text, after))


def show_citation(citation: Citation, key: str) -> None:
    st.markdown(f"**[{citation.n}] {plain(citation.title)}** · {plain(locator(citation))}")
    before, after = passage_context(citation, shared().assistant.source_text(citation.source))
    st.markdown(highlighted(before, citation.text, after))
    left, right = st.columns([1, 4])
    if left.button("Open document", key=f"open-{key}"):
        show_document(citation)
    with right.popover("Cite"):
        st.code(citation_reference(citation), language=None, wrap_lines=True)


def show_facts(answer: Answer) -> None:
    rows = [
        {
            "metric": f.metric,
            "period": f.period,
            "value": f.value,
            "unit": f.unit,
            "estimate": f.estimate,
            "source row": f"[{f.citation}]",
        }
        for f in answer.facts
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    provenance = {f.provenance for f in answer.facts if f.provenance}
    for line in sorted(provenance):
        st.caption(plain(line))
    frame = pd.DataFrame(rows)
    for metric, series in frame.groupby("metric"):
        if series["period"].nunique() >= 2:
            chart = (
                alt.Chart(series)
                .mark_line(point=True)
                .encode(
                    x=alt.X("period:O", title="period"),
                    y=alt.Y("value:Q", title=f"{metric} ({series['unit'].iloc[0]})"),
                    color=alt.Color("estimate:N", title="estimate"),
                    tooltip=["period", "value", "unit", "estimate"],
                )
                .properties(height=220)
            )
            st.altair_chart(chart, width="stretch")


def show_answer(turn: Turn, index: int) -> None:
    answer = turn.answer
    if answer is None:
        st.error(plain(turn.error))
        return
    if answer.interpreted_as != " ".join(turn.question.split()):
        st.caption(answer_label(answer, "interpreted", plain(answer.interpreted_as)))
    if answer.abstained:
        st.warning(plain(answer.answer), icon="🔎")
        if answer.related:
            with st.expander(f"Related passages ({len(answer.related)}), not an answer"):
                for citation in answer.related:
                    show_citation(citation, f"{index}-related-{citation.n}")
    else:
        st.markdown(plain(answer.answer))
        if answer.calculation:
            st.markdown(f"**{answer_label(answer, 'calculation', '').rstrip(': ')}**")
            st.code(answer.calculation, language=None, wrap_lines=True)
        if answer.facts:
            show_facts(answer)
        with st.expander(f"Sources ({len(answer.citations)})", expanded=True):
            for citation in answer.citations:
                show_citation(citation, f"{index}-{citation.n}")
    left, right = st.columns([1, 3])
    left.caption(f"{turn.milliseconds:.0f} ms")
    right.download_button(
        "Download this answer (.md)",
        render_markdown(answer),
        file_name=f"answer-{index + 1}.md",
        mime="text/markdown",
        key=f"download-{index}",
    )


def sidebar() -> None:
    assistant = shared().assistant
    with st.sidebar:
        st.header("Briefs")
        for document in assistant.documents():
            meta = dict(document.metadata)
            details = " · ".join(meta[k] for k in ("author", "publisher", "date") if k in meta)
            st.markdown(f"**{plain(document.title)}**  \n{plain(document.source)}")
            if details:
                st.caption(plain(details))
        status = assistant.status()
        st.header("Index")
        st.markdown(
            f"{status.documents} documents · {status.chunks} chunks · {status.facts} facts  \n"
            f"built {plain(status.built_at)}"
        )
        if status.stale:
            st.warning("The corpus changed since the index was built.")
        else:
            st.caption("Up to date with the corpus.")
        if st.button("Re-ingest the corpus"):
            try:
                with shared().ingest_lock, st.spinner("Ingesting…"):
                    report = assistant.reingest()
                st.success(plain(report.summary()))
            except AssistantError as error:
                st.error(plain(str(error)))
        st.header("Try asking")
        for kind, questions in assistant.starters.items():
            with st.expander(kind):
                for number, question in enumerate(questions):
                    if st.button(question, key=f"starter-{kind}-{number}"):
                        st.session_state.pending = question
        st.header("Conversation")
        if st.button("New conversation"):
            st.session_state.pop("turns", None)


def main() -> None:
    st.title("Brief Assistant")
    st.caption(
        "Answers quoted from the briefs, every passage cited; it says so when they do not say."
    )
    sidebar()
    question = st.chat_input("Ask about the briefs…")
    pending = st.session_state.pop("pending", None)
    if question is not None or pending:
        ask(question if question is not None else pending)
    for index, turn in enumerate(state()):
        with st.chat_message("user"):
            st.markdown(plain(turn.question))
        with st.chat_message("assistant"):
            show_answer(turn, index)
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
