"""The API keeps answering, whatever a client sends and whatever the database does.

Three guards in front of every route, each answering at once instead of letting requests pile up:
- **Uploads**: a body declared larger than the upload limit is refused with 413 before it is
  read, and an upload to `POST /api/v1/imports` must carry an admin token before its body is
  read (401/403), so nobody can make the API spool 100 MB anonymously.
- **Outage**: once the database was found unavailable, requests get 503 + Retry-After at once
  for `OUTAGE_HOLD_S`, instead of each waiting for its own connection attempt; `/health` always
  asks the database, so the API serves again as soon as the database answers.
- **Load**: at most `powermap_max_requests_in_flight` requests run at once; beyond that, 503 +
  Retry-After at once (no unbounded queue in front of the thread pool).
"""

import time

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, Neo4jError
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from api.asgi import StatusSpy
from api.deps import caller
from api.errors import RETRY_AFTER_S, database_unavailable
from graph.settings import Settings
from graph.tokens import Role

# After a request found the database unavailable, how long others are told so without trying.
OUTAGE_HOLD_S = 1.0
# What a multipart upload may add to the file itself (boundaries, headers, the form fields).
MULTIPART_OVERHEAD = 64 * 1024
UPLOAD_PATHS = ("/api/v1/imports",)
# Always answered, even at the in-flight limit: the caller asks whether the API is alive.
UNGUARDED = ("/health", "/api/v1/health")


class Outage:
    """When the database was last found unavailable (monotonic seconds)."""

    def __init__(self) -> None:
        self.until = 0.0

    def record(self) -> None:
        self.until = time.monotonic() + OUTAGE_HOLD_S

    def clear(self) -> None:
        self.until = 0.0

    @property
    def ongoing(self) -> bool:
        return time.monotonic() < self.until


def _busy() -> JSONResponse:
    return JSONResponse(
        status_code=503,
        content={"detail": "服务繁忙，请稍后重试 / too many requests in progress, retry later"},
        headers={"Retry-After": RETRY_AFTER_S},
    )


def _upload_refusal(headers: Headers, settings: Settings) -> Response | None:
    """413 for a body declared too large; 401/403 for an upload without an admin token."""
    declared = headers.get("content-length", "")
    limit = settings.powermap_max_upload_bytes + MULTIPART_OVERHEAD
    if declared.isdigit() and int(declared) > limit:
        return JSONResponse(
            status_code=413,
            content={"detail": f"请求体超过 {limit} 字节 / the request body is larger than {limit} bytes"},
        )
    return None


async def _token_refusal(request: Request) -> Response | None:
    """The admin token of an upload, checked before its body is read (the route checks it again)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    info = await caller(request, token.strip()) if scheme.lower() == "bearer" and token.strip() else None
    if info is None:
        return JSONResponse(
            status_code=401,
            content={"detail": "需要有效的令牌 / a valid bearer token is required"},
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not info.role.includes(Role.admin):
        return JSONResponse(status_code=403, content={"detail": "需要 admin 角色 / requires role admin"})
    return None


class Guard:
    """The three guards, as a plain ASGI middleware (no per-request task or body streaming)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = await self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        path = scope["path"]
        outage: Outage = scope["app"].state.outage
        spy = StatusSpy(send, default=0)
        self.in_flight += 1
        try:
            await self.app(scope, receive, spy)
        finally:
            self.in_flight -= 1
        # The database handlers of api/errors.py record an outage themselves; /health answers
        # its own 503 and, with 200, ends one.
        if path in UNGUARDED:
            if spy.status == 503:
                outage.record()
            elif spy.status == 200:
                outage.clear()

    async def _refusal(self, scope: Scope) -> Response | None:
        path = scope["path"]
        outage: Outage = scope["app"].state.outage
        if path not in UNGUARDED:
            if outage.ongoing:
                return database_unavailable()
            if self.in_flight >= self.settings.powermap_max_requests_in_flight:
                return _busy()
        if scope["method"] != "POST" or path not in UPLOAD_PATHS:
            return None
        refusal = _upload_refusal(Headers(scope=scope), self.settings)
        if refusal is None:
            try:
                refusal = await _token_refusal(Request(scope))
            except (DriverError, Neo4jError, OSError):
                outage.record()
                return database_unavailable()
        return refusal


def add_guards(app: FastAPI, settings: Settings) -> None:
    app.state.outage = Outage()
    app.add_middleware(Guard, settings=settings)
