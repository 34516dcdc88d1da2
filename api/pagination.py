"""Paging by `limit` and an opaque `cursor` (contract section 5): a cursor holds the order key of
the last item sent, and the next page is what comes after it in the database's order, so a page
never repeats or skips an item that exists throughout, even when the graph changes between
requests. The findings and the processes list page this way."""

import base64
import binascii
import json
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

MAX_LIMIT = 500
T = TypeVar("T")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"每页条数，最多 {MAX_LIMIT}")]
MAX_OFFSET = 1_000_000_000  # far beyond any list, within the database's 64-bit SKIP
Offset = Annotated[
    int,
    Query(ge=0, le=MAX_OFFSET, description="在 cursor 之后（或从头）再跳过的条数 / skipped after the cursor"),
]
Cursor = Annotated[
    str | None,
    Query(
        max_length=2000, pattern=r"^[A-Za-z0-9_-]+$", description="上一页的 next / the previous page's next"
    ),
]

FINDINGS_LIMIT = 5000
FindingsLimit = Annotated[
    int, Query(ge=1, le=FINDINGS_LIMIT, description=f"每页条数，默认 500，最多 {FINDINGS_LIMIT}")
]


class Page(BaseModel, Generic[T]):
    """One page of a list: `total` counts every item in scope; `next` is the cursor of the
    following page, null on the last."""

    items: list[T]
    total: int
    limit: int
    offset: int
    next: str | None


class BadCursorError(ValueError):
    def __init__(self) -> None:
        super().__init__("无效的 cursor / invalid cursor: use the `next` of a previous page")


def encode_cursor(key: list[Any]) -> str:
    text = json.dumps(key, ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str) -> Any:
    try:
        return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError):
        raise BadCursorError from None


def _strings(value: Any, count: int) -> bool:
    return isinstance(value, list) and len(value) == count and all(isinstance(v, str) for v in value)


def decode_findings_cursor(cursor: str, shapes: list[tuple[bool, ...]]) -> list[Any]:
    """The page key `[check index, identity]` a findings cursor holds. `shapes[i]` says, for
    check i, which identity fields are lists (a pair of duties) rather than strings: a key of any
    other shape is refused, so that it always compares with real keys."""
    key = _decode(cursor)
    if not (isinstance(key, list) and len(key) == 2):
        raise BadCursorError
    check, identity = key
    if not (type(check) is int and 0 <= check < len(shapes)):
        raise BadCursorError
    if not (isinstance(identity, list) and len(identity) == len(shapes[check])):
        raise BadCursorError
    for value, is_pair in zip(identity, shapes[check], strict=True):
        if not (_strings(value, 2) if is_pair else isinstance(value, str)):
            raise BadCursorError
    return key


def decode_id_cursor(cursor: str) -> str:
    """The id a list's cursor holds: the id of the last item sent."""
    key = _decode(cursor)
    if not _strings(key, 1):
        raise BadCursorError
    value: str = key[0]
    return value
