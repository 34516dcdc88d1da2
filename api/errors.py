"""Errors as JSON `{"detail": ...}`: the database down is 503 with Retry-After; anything
unexpected is a plain 500. No stack trace ever reaches a client (it goes to the log)."""

import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.validation import add_validation_handler

log = logging.getLogger("powermap.api")
RETRY_AFTER_S = "5"


def database_unavailable() -> JSONResponse:
    return JSONResponse(
        status_code=503,
        content={"detail": "数据库暂不可用，请稍后重试 / database unavailable, retry later"},
        headers={"Retry-After": RETRY_AFTER_S},
    )


def add_error_handlers(app: FastAPI) -> None:
    async def database_down(request: Request, exc: Exception) -> JSONResponse:
        log.warning("database unavailable: %s %s: %s", request.method, request.url.path, exc)
        outage = getattr(request.app.state, "outage", None)
        if outage is not None:
            outage.record()  # api/guard.py: the next requests are told at once, for a moment
        return database_unavailable()

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error: %s %s", request.method, request.url.path)
        return JSONResponse(status_code=500, content={"detail": "服务器内部错误 / internal server error"})

    async def database_busy(request: Request, exc: Exception) -> JSONResponse:
        # Deadlocks and lock waits still failing after the driver's retries, a full memory pool.
        log.warning("database busy: %s %s: %s", request.method, request.url.path, exc)
        return JSONResponse(
            status_code=503,
            content={"detail": "数据库繁忙，请稍后重试 / database busy, retry later"},
            headers={"Retry-After": RETRY_AFTER_S},
        )

    # FastAPI's own handler answers {"detail": ...} for HTTP errors; validation errors in Chinese
    # and English (api/validation.py).
    add_validation_handler(app)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 405:
            # Starlette names the methods of the first route on the path only; a path served by
            # two routes (GET and POST /scans) must name both.
            path = request.url.path
            routes = [r for r in app.routes if isinstance(r, APIRoute) and r.path_regex.match(path)]
            allowed = sorted({m for r in routes for m in r.methods or ()})
            exc.headers = {**(exc.headers or {}), "Allow": ", ".join(allowed)}
        return await http_exception_handler(request, exc)

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(ServiceUnavailable, database_down)
    app.add_exception_handler(SessionExpired, database_down)
    app.add_exception_handler(TransientError, database_busy)
    app.add_exception_handler(Exception, unexpected)
