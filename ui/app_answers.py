"""One answer as the chat shows it: the answer (its short answer in bold), the calculation,
the facts with their table's source line and a chart, each citation highlighted in its
paragraph with "Open document", "Cite" and "Copy link"; feedback, copy and download. And the
passage a citation link opens.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st
from app_shared import highlighted, plain, shared

from assistant import (
    MAX_NOTE_CHARS,
    Answer,
    AssistantError,
    Citation,
    answer_label,
    citation_link,
    citation_reference,
    locator,
    marked_markdown,
    passage_context,
    passage_window,
    render_markdown,
    render_text,
)


@dataclass
class Turn:
    question: str
    answer: Answer | None
    error: str


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
        st.markdown(marked_markdown(answer).replace("\n", "  \n"))
        if answer.calculation:
            st.markdown(f"**{answer_label(answer, 'calculation', '').rstrip(': ')}**")
            st.code(answer.calculation, language=None, wrap_lines=True)
        if answer.facts:
            show_facts(answer)
        with st.expander(f"Sources ({len(answer.citations)})", expanded=True):
            for citation in answer.citations:
                show_citation(citation, f"{index}-{citation.n}")
    titles = shared().assistant.titles()
    if answer.searched and len(answer.searched) < len(titles):
        st.caption("Searched: " + plain("; ".join(titles.get(s, s) for s in answer.searched)))
    rate, copy, download = st.columns([2, 1, 2])
    with rate:
        feedback(answer, index)
    with copy.popover("Copy"):
        st.code(render_text(answer), language=None, wrap_lines=True)
    download.download_button(
        "Download (.md)",
        render_markdown(answer),
        file_name=f"answer-{index + 1}.md",
        mime="text/markdown",
        key=f"download-{index}",
    )


def feedback(answer: Answer, index: int) -> None:
    """Thumbs up or down and an optional note, kept (and changed) as soon as given."""
    key = f"{st.session_state.conversation}-{index}"

    def keep() -> None:
        rating = st.session_state.get(f"rating-{key}")
        if rating is None:
            return
        earlier = [t.question for t in st.session_state.turns[:index]]  # the conversation's
        note = st.session_state.get(f"note-{key}", "")
        try:
            shared().assistant.feedback.record(
                answer, "up" if rating == 1 else "down", key=key, note=note, history=earlier
            )
            st.toast("Thanks: feedback kept.")
        except AssistantError as error:
            st.toast(f"Feedback not kept: {error}")

    st.feedback("thumbs", key=f"rating-{key}", on_change=keep)
    if st.session_state.get(f"rating-{key}") is not None:
        st.text_input(
            "Note (optional)",
            key=f"note-{key}",
            on_change=keep,
            max_chars=MAX_NOTE_CHARS,
            placeholder="What was wrong or missing?",
        )


def show_citation(citation: Citation, key: str) -> None:
    st.markdown(f"**[{citation.n}] {plain(citation.title)}** · {plain(locator(citation))}")
    before, after = passage_context(citation, shared().assistant.source_text(citation.source))
    st.markdown(highlighted(before, citation.text, after))
    opening, citing, linking = st.columns([2, 1, 2])
    if opening.button("Open document", key=f"open-{key}"):
        show_document(citation)
    with citing.popover("Cite"):
        st.code(citation_reference(citation), language=None, wrap_lines=True)
    with linking.popover("Copy link"):
        st.caption("Opens the app on this passage, highlighted:")
        st.code(citation_link(citation, st.context.url or ""), language=None, wrap_lines=True)


@st.dialog("Document", width="large")
def show_document(citation: Citation) -> None:
    st.markdown(f"**{plain(citation.title)}** · {plain(locator(citation))}")
    show_in_place(citation.source, citation.start, citation.end, f"dialog-{citation.n}")


def show_in_place(source: str, start: int, end: int, key: str) -> None:
    """A passage highlighted in its document, opened where it is: the paragraphs around it
    first (a long brief would put it thousands of pixels down), the whole on request."""
    text = shared().assistant.source_text(source)
    if st.toggle("Show the whole document", key=f"whole-{key}"):
        st.markdown(highlighted(text[:start], text[start:end], text[end:]))
    else:
        st.markdown(highlighted(*passage_window(text, start, end, before=700)))


def linked_passage() -> None:
    """The passage a link names (`?doc=...&start=...&end=...`), opened once per visit in a
    dialog of its own: highlighted where it is, in view whatever the page behind does."""
    params = st.query_params
    link = (params.get("doc", ""), params.get("start", ""), params.get("end", ""))
    if st.session_state.get("link_shown") == link:
        return
    st.session_state.link_shown = link
    source = link[0]
    titles = shared().assistant.titles()
    try:
        start, end = int(link[1]), int(link[2])
    except ValueError:
        st.error("This link's passage has no valid start and end.")
        return
    if source not in titles:
        st.error(f"This link names no brief here: {plain(source)}")
        return
    length = len(shared().assistant.source_text(source))
    if not 0 <= start < end <= length:
        st.error(
            f"This link's passage (characters {start}-{end}) is not in {plain(source)}"
            f" ({length} characters)."
        )
        return
    cited_passage(titles[source], source, start, end)


@st.dialog("Cited passage", width="large")
def cited_passage(title: str, source: str, start: int, end: int) -> None:
    st.markdown(f"**{plain(title)}** · {plain(source)}, characters {start}-{end}")
    show_in_place(source, start, end, "link")


def show_facts(answer: Answer) -> None:
    """The facts used (a narrow table: it fits a phone), each table's source line, and a
    chart of each series."""
    rows = [
        {
            "metric": f.metric,
            "period": f"{f.period} (est.)" if f.estimate else f.period,
            "value": f"{f.value:g} {f.unit}".strip(),
            "row": f"[{f.citation}]",
        }
        for f in answer.facts
    ]
    st.table(pd.DataFrame(rows).set_index("metric"))
    provenance = {f.provenance for f in answer.facts if f.provenance}
    for line in sorted(provenance):
        st.caption(plain(line))
    frame = pd.DataFrame(
        [(f.metric, f.period, f.value, f.unit, f.estimate) for f in answer.facts],
        columns=["metric", "period", "value", "unit", "estimate"],
    )
    for metric, series in frame.groupby("metric"):
        if series["period"].nunique() >= 2:
            st.altair_chart(series_chart(str(metric), series), width="stretch")


def series_chart(metric: str, series: pd.DataFrame) -> alt.LayerChart | alt.Chart:
    """One metric over its periods: a line through every period, an estimate marked by a
    hollow point on the same line; two periods as a pair of bars. The metric is the title,
    the unit ("per USD", "MXN per USD", "USD billions") the axis title; a rate's axis starts
    near its values, not at 0. Short titles and a legend below: nothing is clipped on a phone."""
    unit = str(series["unit"].iloc[0])
    rate = unit == "%" or unit.startswith("per ") or " per " in unit
    series = series.assign(kind=series["estimate"].map({True: "estimate", False: "reported"}))
    x = alt.X("period:O", title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=unit or None, scale=alt.Scale(zero=not rate))
    tooltip = ["period", "value", "unit", "kind"]
    base = alt.Chart(series).encode(x=x, y=y, tooltip=tooltip)
    if series["period"].nunique() == 2:
        chart = base.mark_bar(size=36).encode(
            opacity=alt.condition("datum.estimate", alt.value(0.45), alt.value(1.0))
        )
    else:
        points = base.mark_point(size=70, filled=False).encode(
            fill=alt.condition("datum.estimate", alt.value("white"), alt.value("#1f77b4")),
            shape=alt.Shape("kind:N", title=None, legend=alt.Legend(orient="bottom")),
        )
        chart = base.mark_line(color="#1f77b4") + points
    padding = {"left": 8, "right": 16, "top": 8, "bottom": 8}
    return chart.properties(title=metric, height=240, padding=padding)
