"""The sidebar: the briefs (which to search, add, remove), the index (its status, a
re-ingest and its progress, watched in every session), starter questions, a new
conversation.
"""

from __future__ import annotations

import time

import streamlit as st
from app_shared import plain, shared

from assistant import (
    BriefError,
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


def new_conversation() -> None:
    for key in ("turns", "session", "conversation"):
        st.session_state.pop(key, None)
    st.query_params.pop("c", None)
