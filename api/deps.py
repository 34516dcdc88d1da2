"""Dependencies for route signatures: the settings, the driver, the database name and the caller's role.

Routes read settings only through `SettingsDep`, the very object `powermap serve` was started
with, so the API answers as the command line does under the same settings."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from neo4j import Driver

from graph.settings import Settings
from graph.tokens import Role, TokenInfo, verify_token

_bearer = HTTPBearer(auto_error=False, description="powermap token create --role ...")


def get_driver(request: Request) -> Driver:
    driver: Driver = request.app.state.driver
    return driver


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_database(settings: SettingsDep) -> str:
    return settings.neo4j_database


DriverDep = Annotated[Driver, Depends(get_driver)]
DatabaseDep = Annotated[str, Depends(get_database)]


def require(role: Role) -> Callable[..., TokenInfo]:
    """A dependency admitting tokens of `role` or above: 401 without a valid token, 403 below."""

    def check(
        driver: DriverDep,
        database: DatabaseDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> TokenInfo:
        info = verify_token(driver, database, credentials.credentials) if credentials else None
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
