"""Paging: `limit` / `offset` on plain lists; `limit` / opaque `cursor` on the findings (contract
section 5), where a cursor is the order key of the last finding sent, so a page never repeats or
skips a finding even when the graph changes between requests."""

import base64
import binascii
import json
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

MAX_LIMIT = 500
T = TypeVar("T")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"每页条数，最多 {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, description="跳过的条数")]


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


def page(items: list[T], limit: int, offset: int) -> Page[T]:
    return Page[T](items=items[offset : offset + limit], total=len(items), limit=limit, offset=offset)


FINDINGS_LIMIT = 5000
FindingsLimit = Annotated[
    int, Query(ge=1, le=FINDINGS_LIMIT, description=f"每页条数，默认 500，最多 {FINDINGS_LIMIT}")
]
Cursor = Annotated[
    str | None,
    Query(
        max_length=2000, pattern=r"^[A-Za-z0-9_-]+$", description="上一页的 next / the previous page's next"
    ),
]


class BadCursorError(ValueError):
    pass


def encode_cursor(key: list[Any]) -> str:
    text = json.dumps(key, ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, shapes: list[tuple[bool, ...]]) -> list[Any]:
    """The order key a cursor holds. `shapes[i]` says, for check i, which identity fields are
    lists (a pair of duties) rather than strings: a key of any other shape is refused, so that it
    always compares with real keys."""
    refused = BadCursorError("无效的 cursor / invalid cursor: use the `next` of a previous page")
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError):
        raise refused from None
    if not (isinstance(key, list) and len(key) == 3):
        raise refused
    check, rank, identity = key
    if not (isinstance(check, int) and 0 <= check < len(shapes) and isinstance(rank, int)):
        raise refused
    if not (isinstance(identity, list) and len(identity) == len(shapes[check])):
        raise refused
    for value, is_list in zip(identity, shapes[check], strict=True):
        ok = (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
            if is_list
            else isinstance(value, str)
        )
        if not ok:
            raise refused
    return key
