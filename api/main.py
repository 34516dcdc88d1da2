"""The powermap HTTP API: `create_app()` assembles the routers; `powermap serve` runs it."""

import contextlib
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from neo4j.exceptions import DriverError, Neo4jError
from starlette.types import ASGIApp, Receive, Scope, Send

from api.asgi import StatusSpy
from api.errors import add_error_handlers
from api.guard import add_guards
from api.openapi import OPEN, SECURED
from api.routes import (
    browser,
    checks,
    drift,
    health,
    imports,
    ledger,
    me,
    people,
    processes,
    scans,
    tasks,
    whatif,
)
from api.routes.docs import add_offline_docs
from graph.checks.sod_check import RuleCache
from graph.connection import make_driver
from graph.schema import migrate
from graph.settings import Settings, get_settings
from graph.tokens import TokenCache

log = logging.getLogger("powermap.api")

DESCRIPTION = """
powermap 的 HTTP 接口：不相容职责的事前检查（what-if）、检查结果、人员、岗位、流程与流程图、导入。

除 `/health` 外，每个请求都要带 `Authorization: Bearer <token>`；令牌用
`powermap token create --role viewer|analyst|admin` 生成。角色逐级包含：viewer < analyst < admin。
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app; the Neo4j driver is made in the lifespan (one per process), not at import."""
    config = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = config
        # Short retries and waits: a caller is better served by a quick 503 + Retry-After than a
        # hang, and requests must not queue up behind a database that is away (api/guard.py).
        app.state.driver = make_driver(config, retry_seconds=0.5, connect_seconds=1.0, acquire_seconds=1.5)
        app.state.tokens = TokenCache(config.powermap_token_cache_seconds)
        app.state.rules = RuleCache()
        # The constraints the writes rely on (imports, scans, the ledger), for a store made by an
        # older powermap; idempotent. A database that is down now is reported per request (503).
        with contextlib.suppress(DriverError, Neo4jError, OSError):
            migrate(app.state.driver, config.neo4j_database)
        try:
            yield
        finally:
            app.state.driver.close()

    app = FastAPI(
        title="powermap API",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    add_offline_docs(app)
    app.include_router(health.router, responses=OPEN)
    app.include_router(health.router, prefix="/api/v1", responses=OPEN)
    # Contract section 7 (docs/whatif.md), then section 6 (docs/history.md).
    secured = (me, imports, processes, checks, people, whatif, scans, drift, ledger, tasks)
    for module in secured:
        app.include_router(module.router, prefix="/api/v1", responses=SECURED)
    app.mount("/browser", browser.browser_app(config))
    # Contract section 5: answers over 1 KB are gzip-compressed for clients that accept it.
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    add_error_handlers(app)
    add_guards(app, config)
    app.add_middleware(RequestLog)
    return app


class RequestLog:
    """One line per request: method, path, status, time. Never headers, so never a token.

    A plain ASGI middleware: Starlette's BaseHTTPMiddleware (`@app.middleware`) runs each request
    in a task of its own and streams the answer through a queue, a cost on every request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        spy = StatusSpy(send, default=500)  # an exception leaves the app: the server answers 500
        try:
            await self.app(scope, receive, spy)
        finally:
            log.info(
                "%s %s -> %d (%.1f ms)",
                scope["method"],
                scope["path"],
                spy.status,
                (time.perf_counter() - started) * 1000,
            )
