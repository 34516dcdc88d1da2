"""Following a paged list through its cursors, as a client does."""

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient


def walk(
    client: TestClient,
    headers: dict[str, str],
    path: str,
    query: str,
    between: Callable[[int], None] | None = None,
) -> list[dict[str, Any]]:
    """Every page of `path?query`, following `next`; `between(pages so far)` runs before each next page."""
    pages: list[dict[str, Any]] = []
    url = f"{path}?{query}"
    while url:
        answer = client.get(url, headers=headers)
        assert answer.status_code == 200, answer.text
        pages.append(answer.json())
        following = pages[-1]["next"]
        if following and between is not None:
            between(len(pages))
        url = f"{path}?{query}&cursor={following}" if following else ""
    return pages
