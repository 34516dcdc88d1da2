"""Dependencies for route signatures: the settings, the driver, the database name and the caller's role.

Routes read settings only through `SettingsDep`, the very object `powermap serve` was started
with, so the API answers as the command line does under the same settings. The dependencies are
`async`: FastAPI runs a plain `def` dependency on the thread pool, a hop each, for a dictionary read.
"""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from neo4j import Driver
from starlette.concurrency import run_in_threadpool

from graph.checks.sod_check import RuleCache
from graph.settings import Settings
from graph.tokens import Role, TokenCache, TokenInfo

_bearer = HTTPBearer(auto_error=False, description="powermap token create --role ...")


async def get_driver(request: Request) -> Driver:
    driver: Driver = request.app.state.driver
    return driver


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_database(settings: SettingsDep) -> str:
    return settings.neo4j_database


DriverDep = Annotated[Driver, Depends(get_driver)]
DatabaseDep = Annotated[str, Depends(get_database)]


async def get_rules(request: Request) -> RuleCache:
    rules: RuleCache = request.app.state.rules
    return rules


# The conflict rules the what-if keeps between requests (graph/checks/sod_check.py).
RulesDep = Annotated[RuleCache, Depends(get_rules)]


async def caller(request: Request, token: str) -> TokenInfo | None:
    """Who `token` is, or None: the app's token cache, else the database (on the thread pool).
    Every route and the upload guard verify tokens here."""
    state = request.app.state
    tokens: TokenCache = state.tokens
    info = tokens.get(token)
    if info is None:
        info = await run_in_threadpool(tokens.verify, state.driver, state.settings.neo4j_database, token)
    return info


def require(role: Role) -> Callable[..., Awaitable[TokenInfo]]:
    """A dependency admitting tokens of `role` or above: 401 without a valid token, 403 below."""

    async def check(
        request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
    ) -> TokenInfo:
        info = await caller(request, credentials.credentials) if credentials else None
        if info is None:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                detail="需要有效的令牌 / a valid bearer token is required",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not info.role.includes(role):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                detail=f"需要 {role.value} 或更高角色 / requires role {role.value} or above",
            )
        return info

    return check


Viewer = Annotated[TokenInfo, Depends(require(Role.viewer))]
Analyst = Annotated[TokenInfo, Depends(require(Role.analyst))]
Admin = Annotated[TokenInfo, Depends(require(Role.admin))]
