"""Brief Assistant: the Streamlit chat app (`make run`). Uses only the public API.

Corpus and question text are always shown as text: Markdown characters are escaped and
no HTML is ever rendered (`unsafe_allow_html` is never used).
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from dataclasses import dataclass, field

import altair as alt
import pandas as pd
import streamlit as st

from assistant import (
    MAX_NOTE_CHARS,
    MAX_QUESTION_CHARS,
    Answer,
    Assistant,
    AssistantError,
    BriefError,
    Citation,
    QuestionError,
    Settings,
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

st.set_page_config(page_title="Brief Assistant", page_icon="📑", layout="wide")


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


@dataclass
class Turn:
    question: str
    answer: Answer | None
    error: str


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


def new_conversation() -> None:
    for key in ("turns", "session", "conversation"):
        st.session_state.pop(key, None)
    st.query_params.pop("c", None)


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


def show_in_place(source: str, start: int, end: int, key: str) -> None:
    """A passage highlighted in its document, opened where it is: the paragraphs around it
    first (a long brief would put it thousands of pixels down), the whole on request."""
    text = shared().assistant.source_text(source)
    if st.toggle("Show the whole document", key=f"whole-{key}"):
        st.markdown(highlighted(text[:start], text[start:end], text[end:]))
    else:
        st.markdown(highlighted(*passage_window(text, start, end, before=700)))


@st.dialog("Document", width="large")
def show_document(citation: Citation) -> None:
    st.markdown(f"**{plain(citation.title)}** · {plain(locator(citation))}")
    show_in_place(citation.source, citation.start, citation.end, f"dialog-{citation.n}")


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
    the unit ("per USD", "USD billions") the axis title; a rate's axis starts near its
    values, not at 0. Short titles and a legend below: nothing is clipped on a phone."""
    unit = str(series["unit"].iloc[0])
    rate = unit == "%" or unit.startswith("per ")
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
        earlier = [t.question for t in state()[:index]]
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


def sidebar() -> None:
    assistant = shared().assistant
    with st.sidebar:
        st.header("Briefs")
        documents = assistant.documents()
        titles = {d.source: d.title for d in documents}
        keep_scope(list(titles))
        st.multiselect(
            "Search these briefs",
            list(titles),
            format_func=lambda source: f"{titles.get(source, source)} ({source})",
            key="scope",
            help="Answers come only from the briefs chosen here.",
        )
        for document in documents:
            meta = dict(document.metadata)
            details = " · ".join(meta[k] for k in ("author", "publisher", "date") if k in meta)
            st.markdown(f"**{plain(document.title)}**  \n{plain(document.source)}")
            if details:
                st.caption(plain(details))
        manage_briefs()
        st.header("Index")
        index_panel()
        watch_index()
        st.header("Try asking")
        for kind, questions in assistant.starters.items():
            with st.expander(kind):
                for number, question in enumerate(questions):
                    if st.button(question, key=f"starter-{kind}-{number}"):
                        st.session_state.pending = question
        st.header("Conversation")
        st.button("New conversation", on_click=new_conversation)


def keep_scope(briefs: list[str]) -> None:
    """The briefs chosen, after briefs were added (chosen too) or removed (dropped)."""
    known = st.session_state.get("scope_known")
    if known is None or "scope" not in st.session_state:
        st.session_state.scope = briefs  # every brief, to start with
    else:
        chosen = [b for b in st.session_state.scope if b in briefs]
        st.session_state.scope = chosen + [b for b in briefs if b not in known]
    st.session_state.scope_known = briefs


def manage_briefs() -> None:
    """Add briefs from the browser (checked before anything is written, then ingested in the
    background) and remove one (after a confirmation); each file's outcome is said."""
    assistant = shared().assistant
    with st.expander("Add or remove briefs"):
        round_ = st.session_state.setdefault("upload_round", 0)
        files = st.file_uploader(
            "Add briefs",
            type=[t.lstrip(".") for t in assistant.brief_types],
            accept_multiple_files=True,
            key=f"upload-{round_}",
            help=f"At most {assistant.settings.max_file_mb:g} MB a file.",
        )
        if files and st.button("Add to the corpus", type="primary"):
            added, refused = [], []
            for file in files:
                try:
                    assistant.add_brief(file.name, file.getvalue())
                    added.append(file.name)
                except BriefError as error:
                    refused.append(str(error))
            st.session_state.upload_outcome = (added, refused)
            st.session_state.upload_round = round_ + 1  # an empty uploader again
            if added:
                shared().start_ingest()
            st.rerun()
        added, refused = st.session_state.get("upload_outcome", ([], []))
        if added:
            st.success("Added " + plain(", ".join(added)) + "; being read into the index.")
        for reason in refused:
            st.error(plain(reason))
        names = assistant.corpus_files()
        removing = st.selectbox("Remove a brief", names, index=None, placeholder="Choose one")
        if removing and st.button("Remove…"):
            confirm_removal(removing)


@st.dialog("Remove a brief")
def confirm_removal(name: str) -> None:
    st.markdown(
        f"Remove **{plain(name)}** from the corpus folder? Its passages and figures leave the"
        " index once it is re-read; answers already given keep their citations."
    )
    yes, no = st.columns(2)
    # Callbacks: they run on the click whether or not the dialog is drawn again.
    if yes.button("Remove", type="primary", on_click=remove_brief, args=(name,)):
        st.rerun()
    if no.button("Cancel"):
        st.rerun()


def remove_brief(name: str) -> None:
    try:
        shared().assistant.remove_brief(name)
        st.session_state.upload_outcome = ([], [])
        shared().start_ingest()
    except BriefError as error:
        st.session_state.upload_outcome = ([], [str(error)])


def index_panel() -> None:
    """The index's counts and staleness, the last re-ingest's outcome, the re-ingest button."""
    job = shared().job
    if job is not None and job.running:
        return  # `watch_index` shows its progress
    status = shared().assistant.status()
    st.markdown(
        f"{status.documents} documents · {status.chunks} chunks · {status.facts} facts  \n"
        f"built {plain(status.built_at)}"
    )
    if status.corpus_problem:
        st.error(plain(status.corpus_problem))
    elif status.stale:
        st.warning("The corpus changed since the index was built.")
    else:
        st.caption("Up to date with the corpus.")
    if job is not None:  # the last re-ingest: its outcome and what it did, file by file
        (st.error if job.failed else st.success)(plain(job.outcome))
        for line in shared().skipped:
            st.error(plain(line))
        for line in job.lines[-5:]:
            st.caption(plain(line))
    if st.button("Re-ingest the corpus"):
        shared().start_ingest()
        st.rerun()  # the panel now shows the re-ingest's progress


@st.fragment(run_every=1.0)
def watch_index() -> None:
    """Every second, in every session: a running re-ingest's progress; and the whole page
    again once the serving version changes or a re-ingest ends (cheap: no hashing). Not when
    one starts: a page rerun then could drop a question being sent."""
    job = shared().job
    running = job is not None and job.running
    ended = None if job is None or running else id(job)
    seen = (ended, shared().assistant.snapshot.version.name)
    if st.session_state.setdefault("index_seen", seen) != seen:
        st.session_state.index_seen = seen
        st.rerun(scope="app")
    if job is not None and running:
        seconds = time.monotonic() - job.started
        # Not `with`: leaving the block would mark the status complete.
        status = st.status(f"Ingesting the corpus… ({seconds:.0f} s)", expanded=True)
        status.progress(job.fraction())
        for line in job.lines[-5:]:
            status.text(line)
        st.caption("Questions are answered from the serving index meanwhile.")


def keep_question() -> None:
    question = st.session_state.question or ""
    if question.strip():
        st.session_state.pending = question
    else:  # nothing to answer: no empty bubble, no error
        st.toast("Type a question about the briefs first.")


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
    st.chat_input(
        f"Ask about the briefs… (up to {MAX_QUESTION_CHARS:,} characters)",
        key="question",
        on_submit=keep_question,
        max_chars=MAX_QUESTION_CHARS,  # the box stops there: a long question is never lost
    )
    pending = st.session_state.pop("pending", None)
    if pending:
        ask(pending)
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
