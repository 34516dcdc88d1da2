"""Every status a route can answer is declared in the OpenAPI document, with its body's schema.

The routes declare what is theirs (200, 404 with `ErrorOut`, 413, the imports' own 422); what
every route shares is declared here, once, and given to `include_router` in api/main.py:
- `SECURED` for every route behind a bearer token (api/deps.py `require`): 400 (a body that
  does not parse), 401 and 403 (`{"detail"}`), 422 (FastAPI's list of field problems, or one
  message such as an unknown check or a bad cursor), and 503;
- `OPEN` for `/health`: 503.
503 always comes with `Retry-After` (the database away or busy, or the API at its in-flight
limit: api/errors.py, api/guard.py).
schemathesis checks the document against every answer (tests/api/test_schemathesis.py).
"""

from typing import Any

from pydantic import BaseModel


class ErrorOut(BaseModel):
    """An error: what is wrong, in Chinese and English."""

    detail: str


class FieldProblem(BaseModel):
    """One field that did not validate (FastAPI's own shape)."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationFailed(BaseModel):
    """422: the fields that did not validate, or one message saying what is wrong."""

    detail: str | list[FieldProblem]


RETRY_AFTER = {"Retry-After": {"description": "几秒后重试 / seconds to wait", "schema": {"type": "string"}}}
Responses = dict[int | str, dict[str, Any]]

UNAVAILABLE: Responses = {
    503: {
        "model": ErrorOut,
        "description": "数据库不可用或繁忙，或请求过多 / database unavailable or busy, or too many requests",
        "headers": RETRY_AFTER,
    }
}
OPEN: Responses = UNAVAILABLE
SECURED: Responses = {
    400: {"model": ErrorOut, "description": "请求体无法解析 / the request body cannot be parsed"},
    401: {"model": ErrorOut, "description": "没有或无效的令牌 / no or unknown token"},
    403: {"model": ErrorOut, "description": "角色不够 / the token's role is too low"},
    422: {"model": ValidationFailed, "description": "参数不对 / invalid parameters"},
    **UNAVAILABLE,
}


def not_found(description: str) -> Responses:
    """A route's own 404, with the shared body."""
    return {404: {"model": ErrorOut, "description": description}}
