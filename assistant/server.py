"""`assistant serve`: the answer contract over HTTP (FastAPI on uvicorn), from one loaded
index for many requests at once.

Endpoints: `POST /ask`, `GET /documents`, `GET /documents/{name}` (its text, or the
`start`/`end` slice a citation names), `GET /facts`, `POST /ingest` with `GET
/ingest/{id}`, `GET /health`; OpenAPI docs at `/docs`. Every error is JSON `{"error": "one
line"}` with its status: 401 without the token, 404 for an unknown document or ingest,
409 while another ingest runs (this server's or another process's), 413 for a body over
`MAX_BODY` (with or without a Content-Length), 422 for a bad question or range. Bound to
anything but loopback, it requires `ASSISTANT_API_TOKEN` (a bearer token), and a token set
is always required.
"""

from __future__ import annotations

import dataclasses
import hmac
import ipaddress
import threading
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api import Assistant
from assistant.errors import AssistantError, BriefError, IngestBusyError, QuestionError
from assistant.storage.versions import IndexLayout
from assistant.text.question import MAX_QUESTION_CHARS

MAX_BODY = 64_000
"""Bytes a request body may have (a question, its history and sources fit many times)."""
TOO_LARGE = f"request body over {MAX_BODY} bytes"
MAX_HISTORY = 20
TOKEN_VARIABLE = "ASSISTANT_API_TOKEN"


class AskRequest(BaseModel):
    question: str = Field(description=f"At most {MAX_QUESTION_CHARS} characters.")
    history: list[str] = Field(
        default=[], max_length=MAX_HISTORY, description="Earlier questions of the conversation."
    )
    sources: list[str] = Field(default=[], description="Search only these briefs (all if empty).")


class ApiError(Exception):
    """An error the API answers with `status` and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class IngestRun:
    """A re-ingest started by `POST /ingest`, running in a thread of its own."""

    id: str
    lines: list[str] = field(default_factory=list)
    status: str = "running"
    outcome: str = ""
    report: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "outcome": self.outcome,
            "progress": list(self.lines),
            "report": self.report,
        }


class Ingests:
    """The ingests this server started; one at a time."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.runs: dict[str, IngestRun] = {}
        self.lock = threading.Lock()

    def start(self) -> IngestRun:
        with self.lock:
            if any(run.status == "running" for run in self.runs.values()):
                raise ApiError(409, "another ingest is running; wait for it (GET /ingest/{id})")
            if holder := IndexLayout(self.assistant.settings.index_dir).holder():
                raise ApiError(409, f"another ingest is running ({holder}); try again when it ends")
            run = IngestRun(uuid.uuid4().hex[:12])
            self.runs[run.id] = run
        threading.Thread(target=self._run, args=(run,), daemon=True).start()
        return run

    def _run(self, run: IngestRun) -> None:
        try:
            report = self.assistant.reingest(progress=run.lines.append)
            run.report = dataclasses.asdict(report)
            run.outcome, run.status = report.summary(), "done"
        except IngestBusyError as error:
            run.outcome, run.status = str(error), "busy"
        except AssistantError as error:
            run.outcome, run.status = str(error), "failed"
        except Exception as error:  # noqa: BLE001 - said in the run's outcome, never lost
            run.outcome, run.status = f"unexpected {type(error).__name__}: {error}", "failed"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_binding(host: str, token: str | None) -> None:
    """`AssistantError` when the API would be reachable from other machines without a token."""
    if not is_loopback(host) and not token:
        raise AssistantError(
            f"binding to {host} makes the API reachable from other machines: set"
            f" {TOKEN_VARIABLE} to a secret bearer token first (or bind to 127.0.0.1)"
        )


def create_app(assistant: Assistant, *, token: str | None = None) -> FastAPI:
    """The HTTP API over one loaded assistant; `token`, when given, is required of every
    request as `Authorization: Bearer <token>`."""
    app = FastAPI(
        title="Brief Assistant",
        version="1",
        description="Grounded answers with verbatim citations from the briefs.",
    )
    ingests = Ingests(assistant)

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if token is not None:
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                return _error(401, "missing or wrong bearer token (Authorization: Bearer ...)")
        return await call_next(request)

    # Outermost (added last): a client that goes away while sending reaches nothing inside.
    app.add_middleware(BodyLimit)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> JSONResponse:
        return _error(error.status, str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return _error(422, f"{where}: {first.get('msg', 'invalid request')}".strip(": "))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return _error(error.status_code, str(error.detail))

    @app.post("/ask", summary="Answer a question: the JSON answer contract")
    def ask(body: AskRequest) -> dict[str, Any]:
        session = assistant.session(sources=body.sources)
        try:
            for earlier in body.history:
                session.ask(earlier)
            return session.ask(body.question).to_dict()
        except QuestionError as error:
            raise ApiError(422, str(error)) from error

    @app.get("/documents", summary="The briefs: source, title, metadata, length")
    def documents() -> list[dict[str, Any]]:
        return [
            {
                "source": d.source,
                "title": d.title,
                "metadata": dict(d.metadata),
                "characters": len(d.text),
            }
            for d in assistant.documents()
        ]

    @app.get("/documents/{name:path}", summary="A brief's text, or the slice a citation names")
    def document(
        name: str, start: int | None = Query(None, ge=0), end: int | None = Query(None, ge=0)
    ) -> dict[str, Any]:
        try:
            cited = assistant.span(name, start or 0, end)
        except BriefError as error:
            raise ApiError(404, str(error)) from error
        except QuestionError as error:
            raise ApiError(422, str(error)) from error
        return {"source": name, "title": cited.title, "start": cited.start, "end": cited.end,
                "text": cited.text}  # fmt: skip

    @app.get("/facts", summary="The figures the assistant knows")
    def facts(metric: str | None = None, source: str | None = None) -> list[dict[str, Any]]:
        found = assistant.list_facts(metric=metric)
        return [dataclasses.asdict(f) for f in found if source is None or f.source == source]

    @app.post("/ingest", status_code=202, summary="Re-read the corpus folder in the background")
    def ingest() -> dict[str, Any]:
        return ingests.start().to_dict()

    @app.get("/ingest/{run}", summary="An ingest's progress and outcome")
    def ingest_status(run: str) -> dict[str, Any]:
        if run not in ingests.runs:
            raise ApiError(404, f"no ingest {run}")
        return ingests.runs[run].to_dict()

    @app.get("/health", summary="Whether the index answers")
    def health() -> dict[str, Any]:
        status = assistant.status()
        return {"status": "ok", "documents": status.documents, "facts": status.facts,
                "built_at": status.built_at, "stale": status.stale}  # fmt: skip

    return app


class BodyLimit:
    """Refuses a request body over `MAX_BODY` bytes with 413: by its Content-Length before
    it is read, and a body sent without one (chunked) as it arrives, counted; a body within
    the limit is handed on whole."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await _error(413, TOO_LARGE)(scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away: no one to answer
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_BODY:
                await _error(413, TOO_LARGE)(scope, receive, send)
                return
        whole: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

        async def replay() -> Message:
            return whole.pop() if whole else await receive()

        await self.app(scope, replay, send)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": " ".join(message.split())}, status_code=status)


def serve(assistant: Assistant, *, host: str, port: int, token: str | None) -> None:
    """Run the API with uvicorn until interrupted."""
    import uvicorn

    check_binding(host, token)
    uvicorn.run(create_app(assistant, token=token), host=host, port=port, log_level="warning")
