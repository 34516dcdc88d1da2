"""`limit` / `offset` on every list, with a maximum, and the page envelope they come back in."""

from typing import Annotated, Generic, TypeVar

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
